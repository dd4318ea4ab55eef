"""During the meeting: who came, how each party stood, motions and votes, and the outcome.

The outcome of an item that brings proposals is also each proposal's answer, escalation or
recommendation, recorded in the same transaction: nobody enters it twice, and if one
proposal cannot take its step, nothing of the outcome is saved.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from trepart.audit.services import audit_create, audit_update, snapshot
from trepart.audit.writes import versioned_edit
from trepart.meetings.models import AgendaItem, Attendance, ItemStand, Meeting, Motion
from trepart.meetings.services._common import auditable, require_started
from trepart.organisation.models import Membership, Party
from trepart.organisation.selectors import active_q
from trepart.proposals import rules as proposal_rules
from trepart.proposals import services as proposal_services
from trepart.proposals.models import Proposal

THE_THREE = (Party.POLITICAL, Party.ADMINISTRATION, Party.EMPLOYEE)


def _held_or_published(meeting: Meeting) -> None:
    if meeting.status == Meeting.Status.CANCELLED:
        raise ValidationError(_("The meeting is cancelled."), code="cancelled")
    if not meeting.is_published:
        raise ValidationError(
            _("Publish the agenda first: what happens in the meeting is recorded after that."),
            code="not_published",
        )
    require_started(meeting)


@dataclass(frozen=True)
class AttendanceRow:
    person_id: int
    status: str
    substitute_for_id: int | None = None


@transaction.atomic
def attendance_record(*, actor: Any, meeting: Meeting, rows: Sequence[AttendanceRow]) -> None:
    """Who was present, absent, or present as a deputy in place of whom (replaces the list)."""
    with versioned_edit(meeting, actor=auditable(actor), version=None) as current:
        _attendance_replace(actor, current, rows)


def _attendance_replace(actor: Any, meeting: Meeting, rows: Sequence[AttendanceRow]) -> None:
    """Replace the list on the locked ``meeting``; a published meeting is now held. The
    meeting's version counts the new list, so a form showing the old one cannot overwrite
    it unnoticed."""
    _held_or_published(meeting)
    day = meeting.starts_at.date()
    seats = {
        seat.person_id: seat
        for seat in Membership.objects.filter(
            active_q(day), body_id=meeting.body_id
        ).select_related("person")
    }
    errors: list[str] = []
    for row in rows:
        if row.status not in Attendance.Status.values:
            errors.append(_("Choose present, absent or deputy for everyone listed."))
        if row.person_id not in seats:
            errors.append(_("Only the body's members and deputies can be listed as attending."))
        if row.status == Attendance.Status.DEPUTY and row.substitute_for_id not in seats:
            errors.append(_("Say which member a deputy came in place of."))
    if len({row.person_id for row in rows}) != len(rows):
        errors.append(_("Each person is listed once."))
    if errors:
        raise ValidationError(sorted(set(errors)))
    meeting.attendance.all().delete()
    created = Attendance.objects.bulk_create(
        Attendance(
            municipality_id=meeting.municipality_id,
            meeting=meeting,
            # The person object, not only its id: the audit record names them.
            person=seats[row.person_id].person,
            membership=seats[row.person_id],
            party=seats[row.person_id].party,
            status=row.status,
            substitute_for_id=(
                row.substitute_for_id if row.status == Attendance.Status.DEPUTY else None
            ),
        )
        for row in rows
    )
    for attendance in created:
        audit_create(actor=auditable(actor), instance=attendance)
    if meeting.status == Meeting.Status.PUBLISHED:
        meeting.status = Meeting.Status.HELD


@transaction.atomic
def attendance_mark_all_present(*, actor: Any, meeting: Meeting, version: int | None) -> Meeting:
    """Every member with a seat on the meeting day present, deputies not called in: the
    usual meeting in one step. ``version`` is the meeting's as the page showed it."""
    with versioned_edit(meeting, actor=auditable(actor), version=version) as current:
        day = current.starts_at.date()
        members = (
            Membership.objects.filter(active_q(day), body_id=current.body_id)
            .exclude(role=Membership.Role.DEPUTY)
            .values_list("person_id", flat=True)
        )
        rows = [
            AttendanceRow(person_id=person_id, status=Attendance.Status.PRESENT)
            for person_id in sorted(set(members))
        ]
        _attendance_replace(actor, current, rows)
    return current


@transaction.atomic
def stand_record(
    *, actor: Any, item: AgendaItem, party: str, stance: str, statement: str = ""
) -> ItemStand:
    """How one of the three parties stood on the item; an objection states its reason."""
    _held_or_published(item.meeting)
    errors: dict[str, list[str]] = {}
    if party not in Party.values:
        errors["party"] = [_("Choose a party.")]
    if stance not in ItemStand.Stance.values:
        errors["stance"] = [_("Choose the party's stand.")]
    if stance == ItemStand.Stance.OBJECT and proposal_rules.reason_problem(statement):
        errors["statement"] = [_("An objection states the party's view in a sentence or more.")]
    if errors:
        raise ValidationError(errors)
    stand, created = ItemStand.objects.get_or_create(
        item=item,
        party=party,
        defaults={
            "municipality_id": item.municipality_id,
            "stance": stance,
            "statement": statement.strip(),
        },
    )
    if created:
        audit_create(actor=auditable(actor), instance=stand)
        return stand
    before = snapshot(stand)
    stand.stance = stance
    stand.statement = statement.strip()
    stand.save(update_fields=["stance", "statement"])
    audit_update(actor=auditable(actor), instance=stand, before=before)
    return stand


@transaction.atomic
def stands_record(
    *, actor: Any, item: AgendaItem, stands: Mapping[str, tuple[str, str]]
) -> list[ItemStand]:
    """Several parties' stands at once (party -> (stance, statement)): all or none."""
    recorded: list[ItemStand] = []
    errors: dict[str, list[str]] = {}
    for party, (stance, statement) in stands.items():
        try:
            recorded.append(
                stand_record(
                    actor=actor, item=item, party=party, stance=stance, statement=statement
                )
            )
        except ValidationError as error:
            if not hasattr(error, "error_dict"):
                raise  # about the meeting, not the party: the same for every stand
            for field, messages in error.message_dict.items():
                errors[f"{field}_{party}"] = messages
    if errors:
        raise ValidationError(errors)
    return recorded


@transaction.atomic
def motion_add(
    *,
    actor: Any,
    item: AgendaItem,
    tabled_by: str,
    text: str,
    votes_for: int | None = None,
    votes_against: int | None = None,
    adopted: bool | None = None,
) -> Motion:
    """A motion put forward in the meeting, with the vote where the body votes."""
    _held_or_published(item.meeting)
    errors: dict[str, list[str]] = {}
    if not tabled_by.strip():
        errors["tabled_by"] = [_("Say who put the motion forward.")]
    if not text.strip():
        errors["text"] = [_("Write the motion's wording.")]
    if (votes_for is None) != (votes_against is None):
        errors["votes_against"] = [_("Give both the votes for and against, or neither.")]
    if errors:
        raise ValidationError(errors)
    motion = Motion.objects.create(
        municipality_id=item.municipality_id,
        item=item,
        tabled_by=tabled_by.strip(),
        text=text.strip(),
        votes_for=votes_for,
        votes_against=votes_against,
        adopted=adopted,
    )
    audit_create(actor=auditable(actor), instance=motion)
    return motion


# ---------------------------------------------------------------------------------------
# Outcomes


@dataclass(frozen=True)
class ProposalStep:
    """What the meeting decided for one proposal on the item."""

    proposal_id: int
    action: str  # "answer", "escalate", "recommend" or "advise"
    reason: str
    kind: str = ""  # the answer kind, for "answer"
    new_due_on: datetime.date | None = None
    decision_maker: str = ""  # for "recommend"


STEP_ACTIONS = ("answer", "escalate", "recommend", "advise")


def _check_outcome(item: AgendaItem, outcome: str, text: str) -> None:
    errors: dict[str, list[str]] = {}
    if outcome not in AgendaItem.Outcome.values:
        errors["outcome"] = [_("Choose the outcome.")]
    needs_text = outcome in (
        AgendaItem.Outcome.CONSENSUS,
        AgendaItem.Outcome.DECISION,
        AgendaItem.Outcome.DISAGREEMENT,
    )
    if needs_text and not text.strip():
        errors["outcome_text"] = [_("Write the recommendation or decision as worded.")]
    stands = {s.party: s for s in item.stands.all()}
    if outcome == AgendaItem.Outcome.CONSENSUS and any(
        s.stance == ItemStand.Stance.OBJECT for s in stands.values()
    ):
        errors["outcome"] = [
            _("A party objects, so there is no consensus: record a disagreement instead.")
        ]
    if outcome == AgendaItem.Outcome.DISAGREEMENT:
        present = set(
            item.meeting.attendance.exclude(status=Attendance.Status.ABSENT).values_list(
                "party", flat=True
            )
        )
        missing = [
            str(Party(p).label)
            for p in THE_THREE
            if p in present and (p not in stands or not stands[p].statement.strip())
        ]
        if missing:
            errors["outcome"] = [
                _("Record each party's view before recording a disagreement: %(parties)s.")
                % {"parties": ", ".join(missing)}
            ]
    if errors:
        raise ValidationError(errors)


def _present_voting_seats(meeting: Meeting) -> list[int]:
    return list(
        meeting.attendance.exclude(status=Attendance.Status.ABSENT)
        .filter(membership__isnull=False)
        .values_list("membership_id", flat=True)
    )


def _take_step(actor: Any, meeting: Meeting, proposal: Proposal, step: ProposalStep) -> None:
    consensus = proposal.body_id == meeting.body_id and proposal.body.uses_consensus
    if consensus and meeting.attendance.exists():
        # The meeting's attendance is the proposal's round attendance: entered once.
        proposal_services.attendance_set(
            actor=actor, proposal=proposal, present=_present_voting_seats(meeting)
        )
    if step.action == "answer":
        proposal_services.proposal_answer(
            actor=actor,
            proposal=proposal,
            kind=step.kind,
            reason=step.reason,
            new_due_on=step.new_due_on,
        )
    elif step.action == "escalate":
        proposal_services.proposal_escalate(actor=actor, proposal=proposal, reason=step.reason)
    elif step.action == "recommend":
        proposal_services.proposal_recommend(
            actor=actor, proposal=proposal, decision_maker=step.decision_maker, text=step.reason
        )
    elif step.action == "advise":
        proposal_services.proposal_advise(actor=actor, proposal=proposal, text=step.reason)
    else:
        raise ValidationError(_("Choose what happens to the proposal."))


def _messages(error: ValidationError) -> list[str]:
    return [str(m) for m in error.messages]


@transaction.atomic
def item_outcome_record(
    *,
    actor: Any,
    item: AgendaItem,
    version: int,
    outcome: str,
    outcome_text: str = "",
    steps: Sequence[ProposalStep] = (),
) -> AgendaItem:
    """The item's outcome, and for a proposals item each proposal's step, in one go."""
    with versioned_edit(item, actor=auditable(actor), version=version) as current:
        _held_or_published(current.meeting)
        _check_outcome(current, outcome, outcome_text)
        proposals = {p.pk: p for p in current.proposals.select_related("body")}
        by_id = {step.proposal_id: step for step in steps}
        if set(by_id) - set(proposals):
            raise ValidationError(_("A step was given for a proposal that is not on this item."))
        if outcome != AgendaItem.Outcome.POSTPONED:
            missing = [p.title for pk, p in proposals.items() if pk not in by_id]
            if missing:
                raise ValidationError(
                    {
                        "steps": [
                            _("Say what happens to “%(title)s”.") % {"title": title}
                            for title in missing
                        ]
                    }
                )
            problems: list[str] = []
            # Each proposal's own messages too, so a form can show them beside that proposal.
            per_proposal: dict[str, list[str]] = {}
            for pk, step in by_id.items():
                try:
                    _take_step(actor, current.meeting, proposals[pk], step)
                except ValidationError as error:
                    problems += [f"{proposals[pk].title}: {m}" for m in _messages(error)]
                    per_proposal[f"proposal_{pk}"] = _messages(error)
            if problems:
                # Leaving the transaction with an error undoes the steps already taken.
                raise ValidationError({"steps": problems, **per_proposal})
        current.outcome = outcome
        current.outcome_text = outcome_text.strip()
    return current
