"""Recording an outcome on a case (the bank's members), and the case's history as a PDF for
the employee and their union (members, and the person for their own case)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from trepart.meetings.pdf import CONTENT_TYPE, render_pdf
from trepart.redeployment import privacy
from trepart.redeployment.forms.outcomes import OutcomeForm
from trepart.redeployment.models import RedeploymentCase
from trepart.redeployment.selectors.history import case_history, case_visible
from trepart.redeployment.services.outcomes import case_outcome_record


def case_url(case: RedeploymentCase) -> str:
    """The case's page if it is there yet, else the page for recording its outcomes."""
    try:
        return reverse("redeployment:case_detail", args=[case.pk])
    except NoReverseMatch:
        return reverse("redeployment:outcome_record", args=[case.pk])


def _member(request: HttpRequest) -> Any:
    if not privacy.is_member(request.user):
        raise PermissionDenied
    return request.user


@login_required
def outcome_record(request: HttpRequest, pk: int) -> HttpResponse:
    user = _member(request)
    case = case_visible(user=user, pk=pk)
    # The positions offered to the employee: what a placement or an assignment is made in.
    vacancies = (
        privacy.vacancies_for(user)
        .filter(offer_parts__offer__case=case)
        .distinct()
        .select_related("unit")
        .order_by("unit__name", "title", "pk")
    )
    form = OutcomeForm(
        request.POST or None,
        vacancies=vacancies,
        initial={"version": case.version, "on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            case_outcome_record(
                actor=user,
                case=case,
                version=data["version"] or 0,
                kind=data["kind"],
                on=data["on"],
                why=data["why"],
                consequences=data["consequences"],
                vacancy=data["vacancy"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The outcome is recorded in the case's history."))
            return redirect(case_url(case))
    context = {"form": form, "case": case, "history": case_history(user=user, case=case)}
    return render(request, "redeployment/outcome_record.html", context)


@login_required
def case_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_visible(user=request.user, pk=pk)
    history = case_history(user=request.user, case=case)
    title = _("Case history: %(name)s") % {"name": case.person.full_name}
    content = render_pdf(
        "redeployment/pdf/case_history.html",
        {"history": history, "case": case, "made_on": timezone.localdate()},
        title=title,
        language=translation.get_language(),
    )
    response = HttpResponse(content, content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'inline; filename="stillingsbank-sak-{case.pk}.pdf"'
    response["X-Content-Type-Options"] = "nosniff"
    # A person's case: never kept by a shared cache.
    response["Cache-Control"] = "private, no-store"
    return response
