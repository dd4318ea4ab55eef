"""The agreed settings: the suitability rules, the qualifications list, the work locations
and the travel times. Members read them; administrators and the bank's chair change them."""

from __future__ import annotations

from collections.abc import Callable
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


def _step(
    request: HttpRequest, form: Any, run: Callable[[dict[str, Any]], object], done: str
) -> int:
    """One of the page's forms, if it was sent and is valid: run its step. 0 when saved
    (with the message ``done``); else the status to show the page with (409 when the row
    was changed meanwhile)."""
    if not (form.is_bound and form.is_valid()):
        return 200
    try:
        run(dict(form.cleaned_data))
    except ConcurrentEditError as conflict:
        add_form_errors(form, conflict)
        return 409
    except ValidationError as error:
        add_form_errors(form, error)
        return 200
    messages.success(request, done)
    return 0


def _kept(form: Any, key: str) -> dict[str, Any]:
    """What was typed in the row whose change failed (shown with the version now saved)."""
    if not form.is_bound or not form.errors:
        return {}
    return {name: form.data.get(form.add_prefix(name), "") for name in (key, "name")}


@login_required
def qualifications(request: HttpRequest) -> HttpResponse:
    user = member_required(request)
    _editor(request)
    rows = Qualification.objects.filter(municipality_id=user.municipality_id).order_by(
        "-active", "name", "pk"
    )
    add = QualificationForm(request.POST if "add" in request.POST else None, prefix="add")
    edit = QualificationEditForm(request.POST if "save" in request.POST else None, prefix="edit")
    statuses = [
        _step(
            request,
            add,
            lambda data: services.qualification_add(actor=user, **data),
            _("The qualification was added."),
        ),
        _step(
            request,
            edit,
            lambda data: services.qualification_update(
                actor=user,
                qualification=get_object_or_404(rows, pk=data.pop("qualification")),
                **data,
            ),
            _("The qualification was saved."),
        ),
    ]
    if 0 in statuses:
        return redirect("redeployment:qualifications")
    context = {
        "rows": rows,
        "add": add,
        "edit": edit,
        "kept": _kept(edit, "qualification"),
        "can_edit": privacy.can_edit_settings(user),
    }
    return render(request, "redeployment/qualifications.html", context, status=max(statuses))


@login_required
def locations(request: HttpRequest) -> HttpResponse:
    user = member_required(request)
    _editor(request)
    places = Location.objects.filter(municipality_id=user.municipality_id)
    add = LocationForm(request.POST if "add" in request.POST else None, prefix="add")
    edit = LocationEditForm(request.POST if "rename" in request.POST else None, prefix="edit")
    pairs = travel_pairs(municipality_id=user.municipality_id)
    times = TravelTimesForm(request.POST if "times" in request.POST else None, pairs=pairs)
    statuses = [
        _step(
            request,
            add,
            lambda data: services.location_add(actor=user, **data),
            _("The location was added."),
        ),
        _step(
            request,
            edit,
            lambda data: services.location_update(
                actor=user, location=get_object_or_404(places, pk=data.pop("location")), **data
            ),
            _("The location was saved."),
        ),
        _step(
            request,
            times,
            lambda data: services.travel_times_set(actor=user, times=times.times()),
            _("The travel times are saved."),
        ),
    ]
    if 0 in statuses:
        return redirect("redeployment:locations")
    context = {
        "locations": places,
        "add": add,
        "edit": edit,
        "kept": _kept(edit, "location"),
        "times": times,
        "can_edit": privacy.can_edit_settings(user),
    }
    return render(request, "redeployment/locations.html", context, status=max(statuses))
