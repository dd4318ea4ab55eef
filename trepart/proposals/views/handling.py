"""Handling one proposal: its page, with the forms for the steps the user may take now, and
the steps themselves."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from trepart.audit.writes import ConcurrentEditError
from trepart.organisation.models import Membership
from trepart.proposals import permissions, rules, selectors, services
from trepart.proposals.forms import handling as forms
from trepart.proposals.models import AnswerKind, Proposal
from trepart.proposals.panels import proposal_panels
from trepart.proposals.rules import Action
from trepart.proposals.views._common import _add_form_errors, _municipal


def _proposal(request: HttpRequest, pk: int) -> Proposal:
    user = _municipal(request)
    try:
        return selectors.proposal_get(user=user, pk=pk)
    except Proposal.DoesNotExist as missing:
        raise Http404 from missing


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

# The steps that conclude the body's handling: refused while a decision blocker remains
# (an objection, a missing service-user member, a missing recommendation).
NEEDS_NO_BLOCKERS = ("answer", "recommend")


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
    blockers = (
        [rules.BLOCKER_MESSAGES[b] for b in services.blockers(proposal)] if proposal.is_open else []
    )
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
        "proposal_panels": proposal_panels(user=user, proposal=proposal),
        "overdue": selectors.is_overdue(proposal),
        "shown_name": shown_name,
        "shown_email": selectors.shown_email(proposal, user=user, body_ids=body_ids),
        "units": proposal.units.order_by("name"),
        "attachments": proposal.attachments.all(),
        "answers": proposal.answers.select_related("body", "answered_by"),
        "history": history,
        "blockers": blockers,
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
                # A step the services would refuse shows why instead of a form.
                "blocked": blockers if slug in NEEDS_NO_BLOCKERS else [],
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
