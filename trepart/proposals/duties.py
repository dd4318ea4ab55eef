"""The daily duty behind the feedback guarantee: deadline reminders.

Registered with the platform's daily duties (``trepart.platform.duties``), which run it once
a day from ``trepart worker`` or ``trepart daily``.

The rules:

- A proposal is *overdue* on a day when it is open and its answer was due before that day:
  due today is not overdue, due yesterday is.
- The handling body's chair is told the day after the deadline, in one message listing all
  the overdue proposals of every body they lead, and again every ``REPEAT_DAYS`` days while
  a proposal stays overdue. A body without a chair tells its deputy chair, else its secretary.
- When more than the municipality's ``proposal_grace_days`` have passed since the deadline,
  the coordination group's chair and secretary (its deputy chair if it has neither) are told,
  once per deadline.
- A new deadline (further evaluation, or escalation to another body) is a new deadline:
  its reminders start over. ``Reminder`` rows, one per proposal, level and deadline, keep
  track; every reminder also goes into the proposal's history.

Reminders are sent directly, not through the outbox: each is already one message per
person per day. They are sent after the day's rows are committed; a message the mail
server refuses is logged and counted, not retried.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F

from trepart.organisation.models import Body, Membership
from trepart.organisation.selectors import active_q
from trepart.platform.mail import message, messages_send, reader_language, render
from trepart.proposals import notifications
from trepart.proposals.models import OPEN_STATUSES, Event, Proposal, Reminder
from trepart.proposals.selectors import overdue_q

TEMPLATES = "proposals/email"
# A chair hears again about a proposal that stays overdue after this many days.
REPEAT_DAYS = 7
BATCH = 1000
# A reminder lists at most this many proposals per body, most overdue first.
LISTED_PER_BODY = 50

# Who is told on behalf of a body: the first of these roles the body has filled.
CHAIR_ROLES: tuple[tuple[str, ...], ...] = (
    (Membership.Role.CHAIR,),
    (Membership.Role.DEPUTY_CHAIR,),
    (Membership.Role.SECRETARY,),
)
COORDINATION_ROLES: tuple[tuple[str, ...], ...] = (
    (Membership.Role.CHAIR, Membership.Role.SECRETARY),
    (Membership.Role.DEPUTY_CHAIR,),
)


@dataclass(frozen=True)
class OverdueItem:
    """An overdue proposal as a reminder lists it (never with the proposer's name)."""

    id: int
    municipality_id: int
    body_id: int
    body_name: str
    status: str
    title: str
    due_on: datetime.date
    days: int
    grace_days: int

    @property
    def link(self) -> str:
        return notifications.employee_link(self.id)


@dataclass(frozen=True)
class Recipient:
    person_id: int
    name: str
    email: str
    language: str
    municipality_name: str


@dataclass
class Outgoing:
    """One person's reminder: the proposals it lists, grouped by handling body."""

    recipient: Recipient
    items: list[OverdueItem] = field(default_factory=list)


def deadline_reminders(day: datetime.date) -> dict[str, int]:
    """Remind chairs, and after the grace period the coordination group, of the proposals
    overdue on ``day``; returns what was done, as counts."""
    counts = {
        "overdue": 0,
        "chair_reminders": 0,
        "chair_messages": 0,
        "coordination_reminders": 0,
        "coordination_messages": 0,
        "without_recipient": 0,
    }
    with transaction.atomic():
        outgoing = _deadline_reminders(day, counts)
    counts["refused"] = messages_send(outgoing)
    return counts


# ---------------------------------------------------------------------------------------
# Deadline reminders


def overdue_items(day: datetime.date) -> list[OverdueItem]:
    """Every open proposal past its deadline on ``day``, in every municipality."""
    rows = (
        Proposal.objects.filter(overdue_q(day))
        .order_by("body_id", "due_on", "pk")  # most overdue first within each body
        .values_list(
            "pk",
            "municipality_id",
            "body_id",
            "body__name",
            "status",
            "title",
            "due_on",
            "municipality__proposal_grace_days",
        )
    )
    return [
        OverdueItem(
            id=pk,
            municipality_id=municipality_id,
            body_id=body_id,
            body_name=body_name,
            status=status,
            title=title,
            due_on=due_on,
            days=(day - due_on).days,
            grace_days=grace_days,
        )
        for pk, municipality_id, body_id, body_name, status, title, due_on, grace_days in rows
    ]


def _deadline_reminders(day: datetime.date, counts: dict[str, int]) -> list[EmailMessage]:
    items = overdue_items(day)
    counts["overdue"] = len(items)
    if not items:
        return []
    # The reminders already sent for the deadlines that are running now; an older
    # deadline's reminders do not count.
    sent: dict[tuple[int, str], tuple[int, datetime.date]] = {
        (proposal_id, level): (pk, sent_on)
        for pk, proposal_id, level, sent_on in Reminder.objects.filter(
            proposal__status__in=OPEN_STATUSES,
            proposal__due_on__lt=day,
            due_on=F("proposal__due_on"),
        ).values_list("pk", "proposal_id", "level", "sent_on")
    }
    chair_due: list[OverdueItem] = []
    coordination_due: list[OverdueItem] = []
    for item in items:
        previous = sent.get((item.id, Reminder.Level.CHAIR))
        if previous is None or (day - previous[1]).days >= REPEAT_DAYS:
            chair_due.append(item)
        if item.days > item.grace_days and (item.id, Reminder.Level.COORDINATION) not in sent:
            coordination_due.append(item)

    by_body = _recipients({item.body_id for item in chair_due}, day, CHAIR_ROLES)
    coordination_body = _coordination_bodies({item.municipality_id for item in coordination_due})
    by_coordination = _recipients(set(coordination_body.values()), day, COORDINATION_ROLES)

    chairs, chair_told = _assign(chair_due, lambda item: by_body.get(item.body_id, []))
    coordinators, coordination_told = _assign(
        coordination_due,
        lambda item: by_coordination.get(coordination_body.get(item.municipality_id, 0), []),
    )
    counts["without_recipient"] = len(chair_due) - len(chair_told)
    counts["chair_reminders"] = len(chair_told)
    counts["coordination_reminders"] = len(coordination_told)
    counts["chair_messages"] = len(chairs)
    counts["coordination_messages"] = len(coordinators)

    _record(day, chair_told, Reminder.Level.CHAIR, sent)
    _record(day, coordination_told, Reminder.Level.COORDINATION, sent)
    messages = [_reminder_message("reminder_chair", out) for out in chairs]
    messages += [_reminder_message("reminder_coordination", out) for out in coordinators]
    return messages


def _recipients(
    body_ids: set[int], day: datetime.date, role_order: tuple[tuple[str, ...], ...]
) -> dict[int, list[Recipient]]:
    """Per body, the people who are told on its behalf: the first filled group of roles."""
    if not body_ids:
        return {}
    roles = [role for group in role_order for role in group]
    rows = (
        Membership.objects.filter(active_q(day), role__in=roles)
        .filter(body_id__in=body_ids)
        .order_by("body_id", "pk")
        .values_list(
            "body_id",
            "role",
            "person_id",
            "person__first_name",
            "person__last_name",
            "person__email",
            "person__user__email",
            "person__user__language",
            "municipality__language",
            "municipality__name",
        )
    )
    found: dict[int, dict[str, list[Recipient]]] = defaultdict(lambda: defaultdict(list))
    for (
        body_id,
        role,
        person_id,
        first_name,
        last_name,
        email,
        user_email,
        user_language,
        municipality_language,
        municipality_name,
    ) in rows:
        address = email or user_email
        if not address:
            continue
        found[body_id][role].append(
            Recipient(
                person_id=person_id,
                name=f"{first_name} {last_name}",
                email=address,
                language=reader_language(user_language, municipality_language),
                municipality_name=municipality_name,
            )
        )
    chosen: dict[int, list[Recipient]] = {}
    for body_id, by_role in found.items():
        for group in role_order:
            people = [person for role in group for person in by_role.get(role, [])]
            if people:
                chosen[body_id] = list({person.person_id: person for person in people}.values())
                break
    return chosen


def _coordination_bodies(municipality_ids: set[int]) -> dict[int, int]:
    """Each municipality's coordination group (the first one, if it has several)."""
    if not municipality_ids:
        return {}
    first: dict[int, int] = {}
    for body_id, municipality_id in (
        Body.objects.filter(kind=Body.Kind.COORDINATION, municipality_id__in=municipality_ids)
        .order_by("-pk")
        .values_list("pk", "municipality_id")
    ):
        first[municipality_id] = body_id
    return first


def _assign(
    items: Iterable[OverdueItem], people_for: Any
) -> tuple[list[Outgoing], list[OverdueItem]]:
    """One outgoing reminder per person, and the items that reached at least one person."""
    outgoing: dict[int, Outgoing] = {}
    told: list[OverdueItem] = []
    for item in items:
        people: list[Recipient] = people_for(item)
        if not people:
            continue
        told.append(item)
        for person in people:
            outgoing.setdefault(person.person_id, Outgoing(recipient=person)).items.append(item)
    return list(outgoing.values()), told


def _record(
    day: datetime.date,
    items: Sequence[OverdueItem],
    level: str,
    sent: dict[tuple[int, str], tuple[int, datetime.date]],
) -> None:
    """Remember the reminders (so they are not sent again) and put them in the history."""
    repeated = [sent[(item.id, level)][0] for item in items if (item.id, level) in sent]
    for chunk in _chunks(repeated):
        Reminder.objects.filter(pk__in=chunk).update(sent_on=day)
    Reminder.objects.bulk_create(
        (
            Reminder(proposal_id=item.id, level=level, due_on=item.due_on, sent_on=day)
            for item in items
            if (item.id, level) not in sent
        ),
        batch_size=BATCH,
    )
    Event.objects.bulk_create(
        (
            Event(
                municipality_id=item.municipality_id,
                proposal_id=item.id,
                kind=Event.Kind.REMINDED,
                body_id=item.body_id,
                from_status=item.status,
                to_status=item.status,
                data={"level": level, "due_on": item.due_on.isoformat(), "days": item.days},
            )
            for item in items
        ),
        batch_size=BATCH,
    )


def _reminder_message(template: str, out: Outgoing) -> EmailMessage:
    person = out.recipient
    groups: dict[int, dict[str, Any]] = {}
    for item in out.items:
        group = groups.setdefault(
            item.body_id,
            {
                "body_name": item.body_name,
                "inbox": notifications.inbox_link(item.body_id),
                "items": [],
            },
        )
        group["items"].append(item)
    for group in groups.values():
        # A body far behind gets its inbox link instead of an endless list.
        group["more"] = max(0, len(group["items"]) - LISTED_PER_BODY)
        group["items"] = group["items"][:LISTED_PER_BODY]
    context = {
        "name": person.name,
        "municipality": person.municipality_name,
        "groups": list(groups.values()),
        "count": len(out.items),
        "grace_days": out.items[0].grace_days,
    }
    subject, body = render(template, context, person.language, folder=TEMPLATES)
    return message(email=person.email, language=person.language, subject=subject, body=body)


T = TypeVar("T")


def _chunks(values: Sequence[T], size: int = BATCH) -> Iterator[Sequence[T]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]
