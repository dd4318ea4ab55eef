"""A committee's grant for a year: the plan, the spending with receipts, the report and its
approval (each form posts to the page, which calls one service); removing a spending line;
a receipt's download."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from trepart.audit.writes import ConcurrentEditError
from trepart.community import privacy
from trepart.community.forms import ApproveForm, PlanForm, ReportForm, SpendingForm
from trepart.community.models import Grant, Receipt, Spending
from trepart.community.services import grants as services
from trepart.community.views.common import add_form_errors, committee_or_404
from trepart.platform.files.stored import stored_file_response

DONE = {
    "plan": _("The plan is saved."),
    "spending": _("The spending is recorded."),
    "report": _("The report is sent."),
    "approve": _("The report is approved."),
}


def _grant(request: HttpRequest, pk: int) -> Grant:
    grant = get_object_or_404(
        Grant.objects.for_user(request.user).select_related(
            "committee__body", "committee__admin_contact", "approved_by"
        ),
        pk=pk,
    )
    return grant


def _forms(request: HttpRequest, grant: Grant, action: str) -> dict[str, Any]:
    posted = request.POST if request.method == "POST" else None
    initial = {"version": grant.version}
    return {
        "plan": PlanForm(
            posted if action == "plan" else None,
            initial={**initial, "plan": grant.plan},
            auto_id="plan-%s",
        ),
        "spending": SpendingForm(
            posted if action == "spending" else None,
            request.FILES if action == "spending" else None,
            auto_id="spending-%s",
        ),
        "report": ReportForm(
            posted if action == "report" else None,
            initial={**initial, "report": grant.report},
            auto_id="report-%s",
        ),
        "approve": ApproveForm(
            posted if action == "approve" else None, initial=initial, auto_id="approve-%s"
        ),
    }


def _run(request: HttpRequest, grant: Grant, action: str, data: dict[str, Any]) -> None:
    user = request.user
    if action == "plan":
        services.grant_plan_save(actor=user, grant=grant, **data)
    elif action == "spending":
        services.spending_add(actor=user, grant=grant, **data)
    elif action == "report":
        services.grant_report_submit(actor=user, grant=grant, **data)
    else:
        services.grant_approve(actor=user, grant=grant, **data)


@login_required
def grant_detail(request: HttpRequest, pk: int) -> HttpResponse:
    grant = _grant(request, pk)
    action = request.POST.get("action", "") if request.method == "POST" else ""
    if action and action not in DONE:
        raise Http404
    forms = _forms(request, grant, action)
    status = 200
    if action and forms[action].is_valid():
        try:
            _run(request, grant, action, dict(forms[action].cleaned_data))
        except ConcurrentEditError as conflict:
            add_form_errors(forms[action], conflict)
            forms[action].data = {
                **forms[action].data.dict(),
                "version": str(_grant(request, pk).version),
            }
            status = 409
        except ValidationError as error:
            add_form_errors(forms[action], error)
        else:
            messages.success(request, DONE[action])
            return redirect("community:grant-detail", pk=grant.pk)
    can_report = privacy.can_report(request.user, grant.committee)
    context = {
        "grant": grant,
        "committee": grant.committee,
        "spending": grant.spending.prefetch_related("receipts").order_by("spent_on", "pk"),
        "can_report": can_report,
        "can_remove": can_report and grant.approved_on is None,
        "can_approve": privacy.can_approve(request.user, grant),
        **{f"{name}_form": form for name, form in forms.items()},
    }
    return render(request, "community/grant_detail.html", context, status=status)


@login_required
@require_POST
def spending_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Remove a spending line (the confirm form beside it on the grant page)."""
    spending = get_object_or_404(
        Spending.objects.for_user(request.user).select_related("grant__committee"), pk=pk
    )
    try:
        services.spending_delete(actor=request.user, spending=spending)
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
    else:
        messages.success(
            request, _("“%(what)s” was removed from the spending.") % {"what": spending.what}
        )
    return redirect("community:grant-detail", pk=spending.grant_id)


@login_required
def grant_for_year(request: HttpRequest, pk: int, year: int) -> HttpResponse:
    """A committee's grant for ``year``, made from the year's setting when first opened."""
    committee = committee_or_404(request, pk)
    if not privacy.sees_names(request.user, committee) or not 2000 <= year <= 2100:
        raise Http404
    grant = services.grant_ensure(committee=committee, year=year)
    return redirect("community:grant-detail", pk=grant.pk)


@login_required
def receipt_download(request: HttpRequest, pk: int) -> FileResponse:
    receipt = get_object_or_404(
        Receipt.objects.for_user(request.user).select_related("spending__grant__committee"),
        pk=pk,
    )
    grant = receipt.spending.grant
    if not (
        privacy.can_report(request.user, grant.committee)
        or privacy.can_approve(request.user, grant)
    ):
        raise PermissionDenied
    return stored_file_response(receipt, as_attachment=True)
