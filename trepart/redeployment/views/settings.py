"""The agreed settings: the suitability rules, the qualifications list, the work locations
and the travel times. Members read them; administrators and the bank's chair change them."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from trepart.audit.writes import ConcurrentEditError
from trepart.redeployment import privacy
from trepart.redeployment.forms.settings import (
    LocationEditForm,
    LocationForm,
    QualificationEditForm,
    QualificationForm,
    RulesForm,
    TravelTimesForm,
    rules_initial,
)
from trepart.redeployment.models import Location, MatchingRules, Qualification
from trepart.redeployment.selectors.settings import travel_pairs
from trepart.redeployment.services import settings as services
from trepart.redeployment.views.common import add_form_errors, member_required


def _editor(request: HttpRequest) -> Any:
    if request.method == "POST" and not privacy.can_edit_settings(request.user):
        raise PermissionDenied
    return request.user


@login_required
def rules(request: HttpRequest) -> HttpResponse:
    user = member_required(request)
    _editor(request)
    current = services.rules_ensure(municipality=user.municipality)
    form = RulesForm(request.POST or None, initial=rules_initial(current))
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.rules_update(actor=user, rules=current, **form.cleaned_data)
        except ConcurrentEditError as conflict:
            saved = MatchingRules.objects.get(pk=current.pk)
            data = request.POST.copy()
            data["version"] = str(saved.version)
            form = RulesForm(data)
            form.is_valid()
            add_form_errors(form, conflict)
            status = 409
        except ValidationError as error:
            add_form_errors(form, error)
        else:
            messages.success(request, _("The agreed rules are saved."))
            return redirect("redeployment:rules")
    context = {"form": form, "can_edit": privacy.can_edit_settings(user), "rules": current}
    return render(request, "redeployment/rules.html", context, status=status)


@login_required
def qualifications(request: HttpRequest) -> HttpResponse:
    user = member_required(request)
    _editor(request)
    rows = Qualification.objects.filter(municipality_id=user.municipality_id).order_by(
        "-active", "name", "pk"
    )
    add = QualificationForm(request.POST if "add" in request.POST else None, prefix="add")
    edit = QualificationEditForm(request.POST if "save" in request.POST else None, prefix="edit")
    if add.is_bound and add.is_valid():
        try:
            services.qualification_add(actor=user, **add.cleaned_data)
        except ValidationError as error:
            add_form_errors(add, error)
        else:
            messages.success(request, _("The qualification was added."))
            return redirect("redeployment:qualifications")
    status = 200
    if edit.is_bound and edit.is_valid():
        data = dict(edit.cleaned_data)
        row = get_object_or_404(rows, pk=data.pop("qualification"))
        try:
            services.qualification_update(actor=user, qualification=row, **data)
        except ConcurrentEditError as conflict:
            status = 409
            add_form_errors(edit, conflict)
        except ValidationError as error:
            add_form_errors(edit, error)
        else:
            messages.success(request, _("The qualification was saved."))
            return redirect("redeployment:qualifications")
    context = {
        "rows": rows,
        "add": add,
        "edit": edit,
        # The row whose change failed keeps what was typed (with the version now saved).
        "kept": _kept(edit, "qualification"),
        "can_edit": privacy.can_edit_settings(user),
    }
    return render(request, "redeployment/qualifications.html", context, status=status)


def _kept(form: Any, key: str) -> dict[str, Any]:
    if not form.is_bound or not form.errors:
        return {}
    return {name: form.data.get(form.add_prefix(name), "") for name in (key, "name")}


@login_required
def locations(request: HttpRequest) -> HttpResponse:
    user = member_required(request)
    _editor(request)
    add = LocationForm(request.POST if "add" in request.POST else None, prefix="add")
    pairs = travel_pairs(municipality_id=user.municipality_id)
    times = TravelTimesForm(request.POST if "times" in request.POST else None, pairs=pairs)
    if add.is_bound and add.is_valid():
        try:
            services.location_add(actor=user, **add.cleaned_data)
        except ValidationError as error:
            add_form_errors(add, error)
        else:
            messages.success(request, _("The location was added."))
            return redirect("redeployment:locations")
    edit = LocationEditForm(request.POST if "rename" in request.POST else None, prefix="edit")
    status = 200
    if edit.is_bound and edit.is_valid():
        data = dict(edit.cleaned_data)
        row = get_object_or_404(
            Location.objects.filter(municipality_id=user.municipality_id), pk=data.pop("location")
        )
        try:
            services.location_update(actor=user, location=row, **data)
        except ConcurrentEditError as conflict:
            status = 409
            add_form_errors(edit, conflict)
        except ValidationError as error:
            add_form_errors(edit, error)
        else:
            messages.success(request, _("The location was saved."))
            return redirect("redeployment:locations")
    if times.is_bound and times.is_valid():
        try:
            services.travel_times_set(actor=user, times=times.times())
        except ValidationError as error:
            add_form_errors(times, error)
        else:
            messages.success(request, _("The travel times are saved."))
            return redirect("redeployment:locations")
    context = {
        "locations": Location.objects.filter(municipality_id=user.municipality_id),
        "add": add,
        "edit": edit,
        "kept": _kept(edit, "location"),
        "times": times,
        "can_edit": privacy.can_edit_settings(user),
    }
    return render(request, "redeployment/locations.html", context, status=status)
