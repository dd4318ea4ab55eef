"""Lists of proposals: the filtered list and its CSV export, a body's inbox, and the
figures."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from trepart.organisation import selectors as organisation_selectors
from trepart.organisation.models import Body
from trepart.platform.csv_writer import csv_streaming_response
from trepart.platform.pagination import paginate
from trepart.proposals import selectors
from trepart.proposals.forms import lists as forms
from trepart.proposals.views._common import _municipal

# A search that finds more proposals than this asks the user to narrow it down.
SEARCH_COUNT_CAP = 1000


def _filters(request: HttpRequest, user: Any) -> tuple[forms.ProposalFilterForm, Any]:
    form = forms.ProposalFilterForm(request.GET or None, user=user)
    data = form.cleaned_data if form.is_valid() else {}
    filters = selectors.ProposalFilters(
        status=data.get("status", ""),
        body_id=data.get("body"),
        unit_id=data.get("unit"),
        overdue=bool(data.get("overdue")),
        source=data.get("source", ""),
        query=data.get("q", ""),
    )
    return form, filters


def _rows(proposals: Any, user: Any) -> list[dict[str, Any]]:
    body_ids = selectors.my_body_ids(user)  # once per page, not once per row
    day = organisation_selectors.today()
    return [
        {
            "proposal": proposal,
            "overdue": selectors.is_overdue(proposal, day),
            "name": selectors.shown_name(proposal, user=user, body_ids=body_ids),
        }
        for proposal in proposals
    ]


@login_required
def proposal_list(request: HttpRequest) -> HttpResponse:
    user = _municipal(request)
    form, filters = _filters(request, user)
    proposals = selectors.proposal_rows(user=user, filters=filters)
    page = paginate(request, proposals, count_cap=SEARCH_COUNT_CAP if filters.query else None)
    context = {
        "form": form,
        "page_obj": page,
        "rows": _rows(page.object_list, user),
        "search_count_cap": SEARCH_COUNT_CAP,
        "query_string": request.GET.urlencode(),
    }
    return render(request, "proposals/proposal_list.html", context)


def _csv_rows(proposals: Any, user: Any) -> Iterator[list[Any]]:
    yield (
        [
            _("Number"),
            _("Title"),
            _("Status"),
            _("From"),
            _("Handling body"),
            _("Arrived"),
            _("Answer due"),
            _("Past the answer date"),
            _("Answered"),
            _("Answer"),
            _("Proposer"),
        ]
    )
    body_ids = selectors.my_body_ids(user)
    day = organisation_selectors.today()
    for proposal in proposals.iterator(chunk_size=2000):
        yield (
            [
                proposal.pk,
                proposal.title,
                proposal.get_status_display(),
                proposal.get_source_display(),
                proposal.body.name,
                proposal.arrived_on.isoformat(),
                proposal.due_on.isoformat(),
                _("yes") if selectors.is_overdue(proposal, day) else "",
                proposal.answered_on.isoformat() if proposal.answered_on else "",
                proposal.get_answer_display() if proposal.answer else "",
                selectors.shown_name(proposal, user=user, body_ids=body_ids),
            ]
        )


@login_required
def export(request: HttpRequest) -> StreamingHttpResponse:
    user = _municipal(request)
    _form, filters = _filters(request, user)
    proposals = selectors.proposal_rows(user=user, filters=filters)
    return csv_streaming_response(_csv_rows(proposals, user), file_name="forslag.csv")


@login_required
def inbox(request: HttpRequest, pk: int) -> HttpResponse:
    user = _municipal(request)
    try:
        body = organisation_selectors.body_get(user=user, pk=pk)
    except Body.DoesNotExist as missing:
        raise Http404 from missing
    page = paginate(request, selectors.inbox(body=body))
    return render(
        request,
        "proposals/body_inbox.html",
        {
            "body": body,
            "counts": selectors.inbox_counts(body=body),
            "page_obj": page,
            "rows": _rows(page.object_list, user),
        },
    )


# ---------------------------------------------------------------------------------------
# Figures


@login_required
def figures(request: HttpRequest) -> HttpResponse:
    user = _municipal(request)
    form = forms.FiguresForm(request.GET or None)
    start, end = form.period()
    by = (form.cleaned_data.get("by") if form.is_valid() else "") or "body"
    rows = selectors.proposal_figures(user.municipality_id, start, end, by=by)
    return render(
        request,
        "proposals/proposal_figures.html",
        {
            "form": form,
            "rows": rows,
            "total": selectors.figures_total(user.municipality_id, start, end),
            "by": by,
            "start": start,
            "end": end,
        },
    )
