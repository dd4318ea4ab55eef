"""Handling proposals: the list and its export, one proposal and its steps, a body's inbox,
the figures, and the routing table."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from trepart.concurrency import ConcurrentEditError
from trepart.organisation import selectors as organisation_selectors
from trepart.organisation.models import Body, Membership
from trepart.organisation.permissions import is_municipal_admin
from trepart.pagination import paginate
from trepart.proposals import forms, permissions, rules, selectors, services
from trepart.proposals.models import AnswerKind, Proposal, RoutingRule
from trepart.proposals.routing import (
    RoutingRuleForm,
    describe_conditions,
    describe_effect,
    routing_rule_create,
    routing_rule_delete,
    routing_rule_update,
    rule_initial,
)
from trepart.proposals.rules import Action

# A search that finds more proposals than this asks the user to narrow it down.
SEARCH_COUNT_CAP = 1000


def _municipal(request: HttpRequest) -> Any:
    if request.user.municipality_id is None:  # type: ignore[union-attr]
        raise PermissionDenied
    return request.user


def _proposal(request: HttpRequest, pk: int) -> Proposal:
    user = _municipal(request)
    try:
        return selectors.proposal_get(user=user, pk=pk)
    except Proposal.DoesNotExist as missing:
        raise Http404 from missing


def _add_form_errors(form: Any, error: ValidationError) -> None:
    """Attach a service's errors to the form, so the page keeps what the user typed."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


# ---------------------------------------------------------------------------------------
# The list and its export


def _filters(request: HttpRequest, user: Any) -> tuple[forms.ProposalFilterForm, Any]:
    form = forms.ProposalFilterForm(request.GET or None, municipality_id=user.municipality_id)
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


class _Echo:
    def write(self, value: str) -> str:
        return value


def _csv_lines(proposals: Any, user: Any) -> Iterator[str]:
    writer = csv.writer(_Echo(), delimiter=";")
    yield "\ufeff"
    yield writer.writerow(
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
        yield writer.writerow(
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
    response = StreamingHttpResponse(
        _csv_lines(proposals, user), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="forslag.csv"'
    return response


# ---------------------------------------------------------------------------------------
# One proposal and its steps

# Which state machine action each form is, and who may use it (the state is checked too).
ACTIONS: dict[str, Action | None] = {
    "take-up": Action.TAKE_UP,
    "escalate": Action.ESCALATE,
    "advise": Action.ADVISE,
    "waive": Action.WAIVE,
    "attendance": Action.POSITION,
    "position": Action.POSITION,
    "disagreement": Action.DISAGREE,
    "recommend": Action.RECOMMEND,
    "decide": Action.DECIDE,
    "answer": Action.ANSWER,
    "done": Action.MARK_DONE,
    "merge": Action.MERGE,
}


# Each form's heading and button.
ACTION_LABELS: dict[str, tuple[Any, Any]] = {
    "take-up": (gettext_lazy("Take up"), gettext_lazy("Take up the proposal")),
    "escalate": (gettext_lazy("Escalate"), gettext_lazy("Escalate")),
    "advise": (
        gettext_lazy("The coordination group's recommendation"),
        gettext_lazy("Record the recommendation"),
    ),
    "waive": (
        gettext_lazy("Waive the service-user requirement"),
        gettext_lazy("Waive the requirement"),
    ),
    "attendance": (gettext_lazy("Who is present"), gettext_lazy("Save attendance")),
    "position": (gettext_lazy("Record a position"), gettext_lazy("Record the position")),
    "disagreement": (
        gettext_lazy("Record the disagreement"),
        gettext_lazy("Record the disagreement"),
    ),
    "recommend": (
        gettext_lazy("Recommend to the decision maker"),
        gettext_lazy("Record the recommendation"),
    ),
    "decide": (gettext_lazy("Record the formal decision"), gettext_lazy("Record the decision")),
    "answer": (gettext_lazy("Answer the proposal"), gettext_lazy("Send the answer")),
    "done": (gettext_lazy("Mark as done"), gettext_lazy("Mark as done")),
    "merge": (gettext_lazy("Merge into another proposal"), gettext_lazy("Merge")),
}


class _Situation:
    """What the detail page and the actions need to know about a proposal and a user."""

    def __init__(self, user: Any, proposal: Proposal) -> None:
        self.user = user
        self.proposal = proposal
        self.handle = permissions.can_handle(user, proposal)
        self.consensus_body = proposal.body.uses_consensus
        self.seats: list[Membership] = (
            services.voting_seats(proposal.body) if self.consensus_body else []
        )
        person = getattr(user, "person", None)
        self.my_seats = [
            seat
            for seat in self.seats
            if self.handle or (person is not None and seat.person_id == person.pk)
        ]

    def may(self, slug: str) -> bool:
        """May the user take this step at all (whatever the proposal's state)?"""
        if slug == "advise":
            return permissions.can_advise(self.user, self.proposal)
        if slug == "waive":
            return permissions.can_waive(self.user, self.proposal)
        if slug == "position":
            return bool(self.my_seats)
        return self.handle

    def offered(self, slug: str, consensus: rules.Consensus | None) -> bool:
        """Is the form shown now: permitted, and the state and the method allow it?"""
        proposal = self.proposal
        action = ACTIONS[slug]
        if action is None or proposal.status not in rules.ALLOWED_FROM[action]:
            return False
        if slug == "advise":
            wanted = proposal.recommendation_body_id and not proposal.recommendation_recorded
            if not wanted:
                return False
        if slug == "waive" and (not proposal.requires_service_user or proposal.service_user_waiver):
            return False
        if slug in ("attendance", "position") and not self.consensus_body:
            return False
        if slug == "disagreement" and (
            consensus is None or consensus.state != rules.ConsensusState.BLOCKED
        ):
            return False
        if slug == "done" and proposal.answer != AnswerKind.IMPLEMENTED:
            return False
        return self.may(slug)

    def form(self, slug: str, data: Any = None) -> forms.ActionForm:
        proposal = self.proposal
        initial: dict[str, Any] = {"version": proposal.version}
        kwargs: dict[str, Any] = {}
        if slug == "escalate":
            kwargs["body"] = proposal.body
            target = services.escalation_target(proposal)
            initial["to_body"] = target.pk if target else None
        elif slug == "attendance":
            kwargs["seats"] = self.seats
            initial["present"] = [
                str(pk) for pk in services.present_voting_ids(proposal, self.seats)
            ]
        elif slug == "position":
            kwargs["seats"] = self.my_seats
        elif slug == "disagreement":
            kwargs["parties"] = sorted({seat.party for seat in self.seats})
        elif slug == "recommend" and proposal.decision_maker:
            initial["decision_maker"] = proposal.decision_maker
        form_class = forms.ACTION_FORMS[slug]
        return form_class(data, initial=initial, **kwargs)


ORDER = list(ACTIONS)


def _run(slug: str, form: Any, situation: _Situation) -> str:
    """Take the step; the message to show when it went through."""
    data = form.cleaned_data
    user, proposal, version = situation.user, situation.proposal, data["version"]
    common = {"actor": user, "proposal": proposal, "version": version}
    if slug == "take-up":
        services.proposal_take_up(**common)
        return _("The proposal was taken up.")
    if slug == "escalate":
        services.proposal_escalate(**common, reason=data["reason"], to_body=data["to_body"])
        return _("The proposal was sent to %(body)s.") % {"body": data["to_body"].name}
    if slug == "advise":
        services.proposal_advise(**common, text=data["text"])
        return _("The recommendation was recorded.")
    if slug == "waive":
        services.proposal_waive_service_user(**common, reason=data["reason"])
        return _("The service-user requirement was waived.")
    if slug == "attendance":
        services.attendance_set(**common, present=[int(pk) for pk in data["present"]])
        return _("Attendance was recorded.")
    if slug == "position":
        seat = next(s for s in situation.my_seats if s.pk == data["membership"])
        if not permissions.can_record_position(user, proposal, seat):
            raise PermissionDenied
        services.position_record(
            **common, membership=seat, stance=data["stance"], reason=data["reason"]
        )
        return _("The position of %(person)s was recorded.") % {"person": seat.person.full_name}
    if slug == "disagreement":
        services.disagreement_record(**common, views=form.views())
        return _("The disagreement was recorded with each party's view.")
    if slug == "recommend":
        services.proposal_recommend(
            **common, decision_maker=data["decision_maker"], text=data["text"]
        )
        return _("The recommendation to the decision maker was recorded.")
    if slug in ("decide", "answer"):
        service = services.proposal_decide if slug == "decide" else services.proposal_answer
        service(**common, kind=data["kind"], reason=data["reason"], new_due_on=data["new_due_on"])
        return _("The answer was recorded and the proposer is told.")
    if slug == "done":
        services.proposal_mark_done(**common, note=data["note"])
        return _("The proposal is marked as done.")
    into = Proposal.objects.filter(
        pk=data["into"], municipality_id=proposal.municipality_id
    ).first()
    if into is None:
        raise ValidationError({"into": [_("There is no proposal with that number.")]})
    services.proposal_merge(**common, into=into, reason=data["reason"])
    return _("The proposal was merged into number %(number)d.") % {"number": into.pk}


def _detail_context(
    request: HttpRequest, proposal: Proposal, failed: tuple[str, Any] | None = None
) -> dict[str, Any]:
    user = request.user
    situation = _Situation(user, proposal)
    consensus = services.consensus_of(proposal) if situation.consensus_body else None
    positions = services.current_positions(proposal) if situation.consensus_body else {}
    present = (
        services.present_voting_ids(proposal, situation.seats)
        if situation.consensus_body
        else set()
    )
    action_forms = {
        slug: situation.form(slug) for slug in ACTIONS if situation.offered(slug, consensus)
    }
    if failed is not None:
        action_forms[failed[0]] = failed[1]
    body_ids = selectors.my_body_ids(user)
    shown_name = selectors.shown_name(proposal, user=user, body_ids=body_ids)
    history = selectors.proposal_history(proposal)
    for event in history:
        # The proposer's own steps would give a hidden name away.
        hidden = proposal.hide_name and event.actor_id == proposal.submitted_by_id
        event.actor_name = (  # type: ignore[attr-defined]
            shown_name
            if hidden
            else (event.actor.get_full_name() or event.actor.get_username())
            if event.actor
            else ""
        )
    return {
        "proposal": proposal,
        "overdue": selectors.is_overdue(proposal),
        "shown_name": shown_name,
        "shown_email": selectors.shown_email(proposal, user=user, body_ids=body_ids),
        "units": proposal.units.order_by("name"),
        "attachments": proposal.attachments.all(),
        "answers": proposal.answers.select_related("body", "answered_by"),
        "history": history,
        "blockers": (
            [rules.BLOCKER_MESSAGES[b] for b in services.blockers(proposal)]
            if proposal.is_open
            else []
        ),
        "consensus": consensus,
        "seat_rows": [
            {"seat": seat, "present": seat.pk in present, "position": positions.get(seat.pk)}
            for seat in situation.seats
        ],
        "all_positions": (
            proposal.positions.select_related("person").order_by("round", "created_at", "pk")
            if situation.consensus_body
            else []
        ),
        "action_forms": [
            {
                "slug": slug,
                "form": form,
                "title": ACTION_LABELS[slug][0],
                "button": ACTION_LABELS[slug][1],
            }
            for slug, form in sorted(action_forms.items(), key=lambda item: ORDER.index(item[0]))
        ],
        "failed": failed[0] if failed else "",
    }


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _proposal(request, pk)
    if not permissions.can_view_proposal(request.user, proposal):
        raise Http404
    return render(request, "proposals/proposal_detail.html", _detail_context(request, proposal))


@login_required
@require_POST
def act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    proposal = _proposal(request, pk)
    if action not in ACTIONS:
        raise Http404
    situation = _Situation(request.user, proposal)
    if not situation.may(action):
        raise PermissionDenied
    form = situation.form(action, request.POST)
    status = 400
    if form.is_valid():
        try:
            message = _run(action, form, situation)
        except ConcurrentEditError as conflict:
            # Show what is saved now; keep what was typed; a second, deliberate try goes
            # against the current version.
            proposal = _proposal(request, pk)
            data = request.POST.copy()
            data["version"] = str(proposal.version)
            form = _Situation(request.user, proposal).form(action, data)
            form.is_valid()
            _add_form_errors(form, conflict)
            status = 409
        except ValidationError as error:
            _add_form_errors(form, error)
            proposal = _proposal(request, pk)
        else:
            messages.success(request, message)
            return redirect("proposals:detail", pk=proposal.pk)
    context = _detail_context(request, proposal, failed=(action, form))
    return render(request, "proposals/proposal_detail.html", context, status=status)


# ---------------------------------------------------------------------------------------
# A body's inbox


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


# ---------------------------------------------------------------------------------------
# The routing table


def _routing_rule(user: Any, pk: Any) -> RoutingRule:
    try:
        return RoutingRule.objects.select_related("target_body").get(
            pk=int(pk), municipality_id=user.municipality_id
        )
    except (TypeError, ValueError, RoutingRule.DoesNotExist) as missing:
        raise Http404 from missing


@login_required
def routing(request: HttpRequest) -> HttpResponse:
    user = _municipal(request)
    if not is_municipal_admin(user):
        raise PermissionDenied
    municipality = organisation_selectors.municipality_of(user)
    services.routing_rules_ensure(actor=user, municipality=municipality)
    editing = _routing_rule(user, request.GET["edit"]) if "edit" in request.GET else None
    if request.method == "POST" and request.POST.get("op") == "delete":
        rule = _routing_rule(user, request.POST.get("rule"))
        try:
            routing_rule_delete(actor=user, rule=rule, version=int(request.POST.get("version", 0)))
        except ConcurrentEditError as conflict:
            messages.error(request, conflict.messages[0])
        else:
            messages.success(request, _("The rule was deleted."))
        return redirect("proposals:routing")
    if request.method == "POST" and request.POST.get("rule"):
        editing = _routing_rule(user, request.POST["rule"])
    initial = rule_initial(editing) if editing else None
    form = RoutingRuleForm(
        request.POST or None, initial=initial, municipality_id=user.municipality_id
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                if editing is None:
                    routing_rule_create(actor=user, municipality=municipality, **form.values())
                else:
                    version = form.cleaned_data["version"] or 0
                    routing_rule_update(actor=user, rule=editing, version=version, **form.values())
            except ValidationError as error:
                _add_form_errors(form, error)
            else:
                messages.success(request, _("The routing table was saved."))
                return redirect("proposals:routing")
    rules_list = list(
        RoutingRule.objects.filter(municipality_id=user.municipality_id)
        .select_related("target_body")
        .order_by("priority", "pk")
    )
    context = {
        "rows": [
            {"rule": r, "conditions": describe_conditions(r), "effect": describe_effect(r)}
            for r in rules_list
        ],
        "form": form,
        "editing": editing,
    }
    return render(request, "proposals/routing.html", context, status=status)
