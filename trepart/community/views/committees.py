"""The committees' list and each committee's page (public: no person's name for visitors),
sending a proposal in the committee's name, and creating and changing a committee."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from trepart.audit.writes import ConcurrentEditError
from trepart.community import privacy
from trepart.community.display import figures_view
from trepart.community.forms import CommitteeEditForm, CommitteeForm, ProposalForm
from trepart.community.models import Committee
from trepart.community.selectors import committees as selectors
from trepart.community.services.committees import (
    committee_create,
    committee_propose,
    committee_update,
)
from trepart.community.views.common import (
    add_form_errors,
    committee_or_404,
    page_municipality,
    visitor_suffix,
)
from trepart.organisation import public
from trepart.organisation.selectors import today


def committee_list(request: HttpRequest) -> HttpResponse:
    municipality = page_municipality(request)
    if municipality is None:
        return render(request, "community/choose.html", {"municipalities": public.choices()})
    context = {
        "municipality": municipality,
        "committees": selectors.committee_list(municipality_id=municipality.pk),
        "can_manage": privacy.can_manage(request.user),
        "suffix": visitor_suffix(request, municipality),
    }
    return render(request, "community/committee_list.html", context)


def committee_detail(request: HttpRequest, pk: int) -> HttpResponse:
    committee = committee_or_404(request, pk)
    user: Any = request.user
    names = privacy.sees_names(user, committee)
    shown = figures_view(municipality_id=committee.municipality_id, committee_id=committee.pk)
    context = {
        "committee": committee,
        "sees_names": names,
        "members": selectors.committee_members(committee=committee) if names else None,
        "member_count": selectors.committee_member_count(committee=committee),
        "can_report": privacy.can_report(user, committee),
        "can_manage": privacy.can_manage(user),
        "entries": selectors.committee_recent_dugnad(committee=committee) if names else None,
        "grants": shown.grants,
        "figures": shown.dugnad,
        "chart": shown.chart,
        "proposals": selectors.committee_proposals(committee=committee),
        "this_year": today().year,
        "suffix": visitor_suffix(request, committee.body.municipality),
    }
    return render(request, "community/committee_detail.html", context)


@login_required
def committee_propose_view(request: HttpRequest, pk: int) -> HttpResponse:
    committee = committee_or_404(request, pk)
    if not privacy.can_report(request.user, committee):
        raise PermissionDenied
    form = ProposalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            committee_propose(actor=request.user, committee=committee, **form.cleaned_data)
        except ValidationError as error:
            add_form_errors(form, error)
        else:
            messages.success(request, _("The proposal was sent to the coordination group."))
            return redirect("community:committee-detail", pk=committee.pk)
    return render(request, "community/proposal_form.html", {"committee": committee, "form": form})


def _contact_search(request: HttpRequest) -> tuple[bool, str]:
    """Whether the form came back only to search for the administration contact (the
    picker's button, without JavaScript), and what to search for."""
    return "admin_contact_search" in request.POST, request.POST.get("admin_contact_q", "")[:100]


def _typed(data: Any) -> dict[str, Any]:
    """What was typed, to show again unjudged while the user searches for a person."""
    typed: dict[str, Any] = {name: data.get(name, "") for name in data}
    typed["units"] = data.getlist("units")
    return typed


@login_required
def committee_create_view(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    if not privacy.can_manage(user):
        raise PermissionDenied
    searching, query = _contact_search(request)
    options: dict[str, Any] = {
        "municipality_id": user.municipality_id,
        "user": user,
        "contact_query": query,
    }
    if searching:
        form = CommitteeForm(initial=_typed(request.POST), **options)
    else:
        form = CommitteeForm(request.POST or None, **options)
    if request.method == "POST" and not searching and form.is_valid():
        try:
            committee = committee_create(
                actor=user,
                municipality=user.municipality,
                **form.cleaned_data,
            )
        except ValidationError as error:
            add_form_errors(form, error)
        else:
            messages.success(
                request, _("The committee was created. Add its members on its body page.")
            )
            return redirect("community:committee-detail", pk=committee.pk)
    return render(request, "community/committee_form.html", {"form": form})


def _edit_initial(committee: Committee) -> dict[str, Any]:
    return {
        "version": committee.version,
        "kind": committee.kind,
        "places": committee.places,
        "units": list(committee.units.values_list("pk", flat=True)),
        "admin_contact": committee.admin_contact_id,
        "politician_contact": committee.politician_contact_id,
    }


@login_required
def committee_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Change a committee's kind, area and contacts. A form opened before someone else saved
    is refused with what the user typed kept, now carrying the version saved meanwhile."""
    committee = committee_or_404(request, pk)
    user: Any = request.user
    if not privacy.can_manage(user):
        raise PermissionDenied
    searching, query = _contact_search(request)
    options: dict[str, Any] = {
        "municipality_id": committee.municipality_id,
        "user": user,
        "contact_query": query,
    }
    if searching:
        form = CommitteeEditForm(initial=_typed(request.POST), **options)
    else:
        form = CommitteeEditForm(request.POST or None, initial=_edit_initial(committee), **options)
    status = 200
    if request.method == "POST" and not searching and form.is_valid():
        try:
            committee_update(actor=user, committee=committee, **form.cleaned_data)
        except ConcurrentEditError as conflict:
            add_form_errors(form, conflict)
            current = Committee.objects.get(pk=committee.pk).version
            typed = request.POST.copy()  # every unit chosen is kept, not only the last
            typed["version"] = str(current)
            form.data = typed
            status = 409
        except ValidationError as error:
            add_form_errors(form, error)
        else:
            messages.success(request, _("The committee's area and contacts are saved."))
            return redirect("community:committee-detail", pk=committee.pk)
    context = {"committee": committee, "form": form}
    return render(request, "community/committee_edit.html", context, status=status)
