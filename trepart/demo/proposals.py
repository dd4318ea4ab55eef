"""The demo's proposals: a few told through the services, and many written in bulk.

The told ones go through the same services as a user's clicks, so their history,
answers, positions, audit entries and messages are real. They are shaped like the cases
the method was built on (a cross-unit cost proposal from Vei og park decided by the
council, a citizen's proposal, an LMU blocked by an objection …), cover every status,
and sit where the demo logins find them in their inboxes. They are told in
``proposals_told``; this module finds the people and places they need.

The services stamp everything with today's date, so each told proposal's history is
afterwards spread back over the weeks it would have taken (``_backdate``): the demo
backdates its own rows, and the dates a deadline depends on (arrival, answer date, the
answer's days and whether it came in time) are worked out again from the moved history.

The demo's messages to proposers are stored like any other but marked as sent: the
addresses are made up, and a worker started later must not try to mail them.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.utils import timezone

from trepart.demo import seats
from trepart.demo.plan import UNIT
from trepart.demo.proposals_bulk import proposals_bulk_create
from trepart.demo.proposals_told import tell
from trepart.organisation.models import Body, Municipality, Person, Unit
from trepart.platform.models import Notification
from trepart.proposals import services
from trepart.proposals.models import (
    Answer,
    Event,
    Position,
    Proposal,
    Status,
)
from trepart.proposals.routing.table import routing_rules_ensure

# How many made-up proposals ``trepart generate`` writes for each preset, over three years.
BULK_COUNTS = {"small": 1_000, "medium": 10_000, "oslo": 100_000}


def proposals_build(
    *,
    municipality: Municipality,
    plan: seats.Plan,
    units: list[Unit],
    people: list[Person],
    bulk: int = 0,
) -> int:
    """Write ``bulk`` made-up proposals, then the told ones; return how many in all."""
    routing_rules_ensure(actor=None, municipality=municipality)
    written = 0
    if bulk:
        written = proposals_bulk_create(
            municipality=municipality,
            plan=plan,
            units=units,
            people=people,
            count=bulk,
        )
    story = _Story.start(municipality=municipality, plan=plan, units=units, people=people)
    tell(story)
    for proposal, start, end in story.told:
        _backdate(proposal, start=start, end=end)
    notifications_mark_sent(municipality=municipality)
    return written + len(story.told)


def notifications_mark_sent(*, municipality: Municipality) -> None:
    """The demo's people are made up: what the proposals' story queued counts as sent."""
    Notification.objects.filter(municipality=municipality, sent_at__isnull=True).update(
        sent_at=timezone.now()
    )


@dataclass
class _Story:
    municipality: Municipality
    plan: seats.Plan
    units: list[Unit]
    people: list[Person]
    users: dict[str, Any]
    told: list[tuple[Proposal, int, int]] = field(default_factory=list)

    @classmethod
    def start(
        cls,
        *,
        municipality: Municipality,
        plan: seats.Plan,
        units: list[Unit],
        people: list[Person],
    ) -> _Story:
        users = {
            user.username: user
            for user in get_user_model().objects.filter(
                municipality=municipality, username__in=plan.logins
            )
        }
        return cls(municipality, plan, units, people, users)

    # -- who and where ---------------------------------------------------------------

    def unit_of_type(self, *kinds: str, avoid: tuple[int, ...] = ()) -> Unit:
        """The first unit of the first of ``kinds`` the municipality has (by plan order)."""
        rows = [row for row in self.plan.units if row.kind == UNIT and row.index not in avoid]
        for kind in kinds:
            for row in rows:
                if row.unit_type == kind or row.name == kind:
                    return self.units[row.index]
        return self.units[rows[0].index]

    def index_of(self, unit: Unit) -> int:
        return next(i for i, u in enumerate(self.units) if u.pk == unit.pk)

    def employee_user(self, unit: Unit, nth: int = 0) -> Any:
        """A login for an employee of ``unit`` who is not one of the demo logins.

        Proposals from employees need a user; these have no usable password.
        """
        taken = set(self.plan.logins.values())
        staff = [i for i in self.plan.people.by_unit[self.index_of(unit)][1:] if i not in taken]
        person = self.people[staff[nth % len(staff)]]
        if person.user_id is not None:
            return person.user
        user = get_user_model().objects.create_user(
            username=f"demo-{person.external_id.lower()}",
            email=person.email,
            first_name=person.first_name,
            last_name=person.last_name,
            municipality=self.municipality,
        )
        person.user = user
        person.save(update_fields=["user"])
        user.person = person
        return user

    def lmu(self, unit: Unit) -> Body:
        return Body.objects.get(municipality=self.municipality, unit=unit, kind=Body.Kind.LMU)

    def first_body(self, kind: str) -> Body:
        return Body.objects.filter(municipality=self.municipality, kind=kind).order_by("pk")[0]

    # -- steps -----------------------------------------------------------------------

    def submit(self, actor: Any, start: int, end: int, **fields: Any) -> Proposal:
        """Submit now; ``start`` and ``end`` say how many days ago its history will span."""
        proposal = services.proposal_submit(actor=actor, municipality=self.municipality, **fields)
        self.told.append((proposal, start, end))
        return proposal

    def positions(
        self, proposal: Proposal, *, actor: Any, stances: dict[int, tuple[str, str]] | None = None
    ) -> None:
        """Every voting seat's position (default: agree); ``stances`` by person id."""
        stances = stances or {}
        for seat in services.voting_seats(proposal.body):
            stance, reason = stances.get(seat.person_id, (Position.Stance.AGREE, ""))
            if stance:
                services.position_record(
                    actor=actor, proposal=proposal, membership=seat, stance=stance, reason=reason
                )
        proposal.refresh_from_db()

    def person_id(self, username: str) -> int:
        return self.people[self.plan.logins[username]].pk


ARRIVALS = (Event.Kind.ROUTED, Event.Kind.ESCALATED)
ANSWERS = (Event.Kind.ANSWERED, Event.Kind.DECIDED)


def _backdate(proposal: Proposal, *, start: int, end: int) -> None:
    """Spread the proposal's history from ``start`` to ``end`` days ago, and work out
    the dates that follow from it again."""
    now = timezone.localtime()
    first = now.replace(hour=9, minute=0, second=0, microsecond=0) - datetime.timedelta(days=start)
    events = list(Event.objects.filter(proposal=proposal).order_by("pk"))
    told = _told_about(proposal, events)
    later = [e for e in events if e.kind not in (Event.Kind.SUBMITTED, Event.Kind.ROUTED)]
    span = datetime.timedelta(days=start - end, hours=5)
    for event in events:
        event.created_at = first
    for n, event in enumerate(later, start=1):
        event.created_at = first + span * n / len(later)
    Event.objects.bulk_update(events, ["created_at"])
    # Each message counts on the day of the step it told about: dated today, the history's
    # messages would use up today's allowance before the digest (mail.DIGEST_AFTER), and a
    # demo login who proposes something today would hear nothing until tomorrow.
    for notification, event in told:
        notification.created_at = event.created_at
        notification.day = timezone.localtime(event.created_at).date()
    Notification.objects.bulk_update([n for n, _ in told], ["created_at", "day"])

    def day(event: Event) -> datetime.date:
        return timezone.localtime(event.created_at).date()

    current = Proposal.objects.select_related("body").get(pk=proposal.pk)
    deadline = datetime.timedelta(days=current.body.answer_deadline_days)
    changes: dict[str, Any] = {
        "created_at": first,
        "updated_at": max(e.created_at for e in events),
    }
    arrivals = [e for e in events if e.kind in ARRIVALS and e.body_id == current.body_id]
    if arrivals:
        changes["arrived_on"] = day(arrivals[-1])
        if current.status != Status.FURTHER_EVALUATION:
            changes["due_on"] = changes["arrived_on"] + deadline
    answers = [e for e in events if e.kind in ANSWERS]
    if answers:
        answered = day(answers[0])
        before = [e for e in events if e.kind in ARRIVALS and e.pk < answers[0].pk]
        changes["answer_days"] = (answered - first.date()).days
        changes["answered_in_time"] = answered <= day(before[-1]) + deadline
        changes["answered_on"] = day(answers[-1])
    done = [e for e in events if e.kind == Event.Kind.DONE]
    if done:
        changes["done_on"] = day(done[-1])
    Proposal.objects.filter(pk=proposal.pk).update(**changes)
    _follow(list(Answer.objects.filter(proposal=proposal).order_by("pk")), events, ANSWERS)
    _follow(
        list(Position.objects.filter(proposal=proposal).order_by("pk")),
        events,
        (Event.Kind.POSITION,),
    )


def _told_about(proposal: Proposal, events: list[Event]) -> list[tuple[Notification, Event]]:
    """The proposal's messages, each with the step it was written for (the last one before
    it, by the time both were stored: a step writes its event, then its message)."""
    pairs = []
    for notification in Notification.objects.about(proposal).order_by("pk"):
        before = [e for e in events if e.created_at <= notification.created_at]
        if before:
            pairs.append((notification, before[-1]))
    return pairs


def _follow(rows: list[Any], events: list[Event], kinds: tuple[str, ...]) -> None:
    """Give answers or positions the time of the history step that recorded them."""
    steps = [e for e in events if e.kind in kinds]
    for row, step in zip(rows, steps, strict=False):
        row.created_at = step.created_at
    if rows:
        type(rows[0]).objects.bulk_update(rows, ["created_at"])
