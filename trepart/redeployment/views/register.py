"""The bank's overview and the register: the list, a case with its history, registering and
correcting a case, and the register's CSV import. Members of the stillingsbank only."""

from __future__ import annotations

import functools
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from trepart.platform.csv_writer import csv_example_response
from trepart.platform.pagination import paginate
from trepart.redeployment import privacy
from trepart.redeployment.forms.register import (
    CaseCreateForm,
    CaseEditForm,
    CaseFilterForm,
    case_initial,
)
from trepart.redeployment.imports import register as register_csv
from trepart.redeployment.models import ExpectedRedundancy
from trepart.redeployment.selectors import register as selectors
from trepart.redeployment.services.imports import case_import as run_case_import
from trepart.redeployment.services.register import case_create as create_case
from trepart.redeployment.services.register import case_update
from trepart.redeployment.services.register import expected_handle as register_expected_handle
from trepart.redeployment.views.common import (
    add_form_errors,
    edit_page,
    import_page,
    member_required,
)

PAGE_SIZE = 50

# The case page's actions from the bank's other steps (offers, outcomes): each a partial
# taking ``case``, shown where it exists, between the facts and the history.
CASE_ACTIONS = (
    "redeployment/partials/_case_offers.html",
    "redeployment/partials/_case_outcomes.html",
)


@functools.cache
def _case_actions() -> tuple[str, ...]:
    found = []
    for name in CASE_ACTIONS:
        try:
            get_template(name)
        except TemplateDoesNotExist:
            continue
        found.append(name)
    return tuple(found)


def _url(name: str) -> str | None:
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


@login_required
def home(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    member = privacy.is_member(user)
    if not member:
        own = _url("redeployment:my_case")
        if own and privacy.cases_for(user).exists():
            return redirect(own)
        if privacy.is_hiring_authority(user):
            return redirect("redeployment:vacancy_list")
        raise PermissionDenied
    context = {
        "overview": selectors.bank_overview(user=user),
        "can_edit_settings": privacy.can_edit_settings(user),
        "links": [
            (label, url)
            for name, label in (
                ("redeployment:round_list", _("Weekly meetings and proposals")),
                ("redeployment:rights", _("Preferential rights")),
                ("redeployment:figures", _("Figures")),
            )
            if (url := _url(name))
        ],
    }
    return render(request, "redeployment/home.html", context)


@login_required
def case_list(request: HttpRequest) -> HttpResponse:
    user = member_required(request)
    form = CaseFilterForm(request.GET or None, municipality_id=user.municipality_id)
    filters = form.cleaned_data if form.is_valid() else {}
    rows = selectors.case_list(
        user=user,
        status=filters.get("status") or "",
        kind=filters.get("kind") or "",
        unit_id=filters.get("unit"),
    )
    page = paginate(request, rows, per_page=PAGE_SIZE)
    return render(request, "redeployment/case_list.html", {"form": form, "page_obj": page})


@login_required
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = selectors.case_get(user=request.user, pk=pk)
    if not privacy.is_member(request.user):
        own = _url("redeployment:my_case")
        if own:
            return redirect(own)
        raise PermissionDenied
    context = {
        "case": case,
        "events": selectors.case_history(case),
        "show_note": privacy.shows_adapted_note(request.user, case),
        "qualifications": list(case.qualifications.all()),
        "preferred_units": list(case.preferred_units.all()),
        "preferred_locations": list(case.preferred_locations.all()),
        "case_action_templates": _case_actions(),
    }
    return render(request, "redeployment/case_detail.html", context)


@login_required
def case_create(request: HttpRequest) -> HttpResponse:
    user = member_required(request)
    form = CaseCreateForm(request.POST or None, municipality_id=user.municipality_id)
    if request.method == "POST" and form.is_valid():
        try:
            case = create_case(actor=user, **form.cleaned_data)
        except ValidationError as error:
            add_form_errors(form, error)
        else:
            messages.success(request, _("The person is registered in the stillingsbank."))
            return redirect("redeployment:case_detail", pk=case.pk)
    return render(request, "redeployment/case_form.html", {"form": form, "case": None})


@login_required
def case_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = member_required(request)
    case = selectors.case_get(user=user, pk=pk)
    return edit_page(
        request,
        make_form=lambda data: CaseEditForm(
            data, municipality_id=case.municipality_id, initial=case_initial(case)
        ),
        save=lambda data: case_update(actor=user, case=case, **data),
        reload=lambda: selectors.case_get(user=user, pk=pk),
        saved_message=_("The case was saved."),
        done_url=reverse("redeployment:case_detail", args=[case.pk]),
        template="redeployment/case_form.html",
        context={"case": case},
    )


@login_required
def case_import(request: HttpRequest) -> HttpResponse:
    member_required(request)
    return import_page(
        request,
        run=run_case_import,
        what=_("cases"),
        done_url="redeployment:case_list",
        context={
            "title": _("Import the register"),
            "columns": register_csv.COLUMNS,
            "example_url": reverse("redeployment:case_import_example"),
            "back_url": reverse("redeployment:case_list"),
        },
    )


@login_required
def case_import_example(request: HttpRequest) -> HttpResponse:
    member_required(request)
    return csv_example_response(register_csv.EXAMPLE, file_name="stillingsbank-register.csv")


@login_required
@require_POST
def expected_handle(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark a redundancy a decided plan announced as handled (its people are registered)."""
    expected = get_object_or_404(ExpectedRedundancy.objects.for_user(request.user), pk=pk)
    try:
        version = int(request.POST.get("version", "0"))
        register_expected_handle(actor=request.user, expected=expected, version=version)
    except (ValueError, ValidationError) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    else:
        messages.success(request, _("Marked as handled: the people are in the register."))
    return redirect("redeployment:home")
