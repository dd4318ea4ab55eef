"""Many made-up proposals at once, for trying the lists and measuring them at scale.

Like the builder's units and people, these are made-up data rather than anyone's
changes: written with ``bulk_create`` in batches, without audit entries or messages, with
a history of one to four steps each. Their dates are spread over the last three years;
most are answered, about one in ten is open, and some of the open ones are overdue. The
fields the figures read (first answer, days to answer, answered in time) agree with the
history and the answers written.

Titles and descriptions are put together from word lists, so full-text search finds
common words in many proposals (``COMMON_WORD``) and rare ones in a few (``RARE_WORD``).
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from trepart.demo import seats
from trepart.demo.plan import UNIT
from trepart.organisation.models import Body, Municipality, Person, Unit
from trepart.proposals.models import (
    Answer,
    AnswerKind,
    DecisionMaker,
    Event,
    Proposal,
    ProposalUnit,
    Source,
    Status,
)

BATCH = 2_000
CHUNK = 500  # proposals written before the next ones may be merged into them
YEARS = 3
COMMON_WORD = "rutiner"  # in about one title in ten
RARE_WORD = "varmepumpe"  # in about one proposal in two thousand

# Title: "<what> <for what>"; each part a weighted list.
WHATS = (
    ("Bedre rutiner for", 10),
    ("Nye rutiner for", 4),
    ("Felles opplegg for", 4),
    ("Prøveordning med", 5),
    ("Digital løsning for", 4),
    ("Færre møter om", 2),
    ("Opplæring i", 4),
    ("Mer tid til", 3),
    ("Faste avtaler om", 2),
    ("Enklere", 3),
)
SUBJECTS = (
    ("vaktbytte", 4),
    ("turnus og helgevakter", 4),
    ("bestilling av vikarer", 3),
    ("dokumentasjon i journalen", 3),
    ("tjenestebiler", 2),
    ("pauser og hvile", 3),
    ("innkjøp av utstyr", 3),
    ("møter med foreldre", 2),
    ("uteområdet", 3),
    ("renhold og avfall", 2),
    ("opplæring av nyansatte", 3),
    ("brukermedvirkning", 2),
    ("vintervedlikehold", 2),
    ("arbeidsklær og sko", 2),
    ("sykefraværsoppfølging", 2),
    ("informasjon til innbyggerne", 2),
    ("garderober", 1),
    ("lys og ventilasjon", 2),
    ("parkering", 1),
    ("energibruk", 1),
)
REASONS = (
    "Slik det er i dag, går mye tid bort til å lete etter informasjon og ringe rundt.",
    "Flere kolleger har tatt opp dette på personalmøter uten at noe har skjedd.",
    "Brukerne merker det når rutinene ikke er like fra vakt til vakt.",
    "Det gir mindre overtid og færre avvik.",
    "Andre kommuner har prøvd dette med gode resultater.",
    "Det vil gjøre arbeidsdagen tryggere og mer forutsigbar.",
    "Forslaget koster lite, men sparer oss for mange små irritasjoner.",
    "Vi har hatt flere uønskede hendelser knyttet til dette det siste året.",
)
PLACES = (
    "barnehagen",
    "skolen",
    "hjemmetjenesten",
    "sykehjemmet",
    "kontoret",
    "driftsstasjonen",
    "biblioteket",
    "kjøkkenet",
)
ANSWER_REASONS: dict[str, tuple[str, ...]] = {
    AnswerKind.IMPLEMENTED: (
        "Forslaget er godt begrunnet og kan gjennomføres innenfor dagens budsjett.",
        "Vi er enige og setter dette i gang fra neste måned.",
        "Forslaget innføres som en prøveordning og evalueres etter et halvt år.",
    ),
    AnswerKind.REJECTED: (
        "Det er ikke rom for dette i budsjettet i år, men vi tar det med i neste års plan.",
        "Forslaget kommer i konflikt med avtalen vi har med leverandøren i dag.",
        "Vi har vurdert forslaget, men mener dagens ordning fungerer bedre for brukerne.",
    ),
    AnswerKind.FURTHER_EVALUATION: (
        "Forslaget er interessant, men vi trenger å høre de andre enhetene først.",
        "Vi må se nærmere på kostnadene før vi kan gi et endelig svar.",
    ),
}


@dataclass
class _Places:
    """Where proposals go: each unit's LMU, the coordination group and the joint committee."""

    lmu_by_unit: dict[int, Body]
    coordination: Body
    committee: Body
    units: list[tuple[Unit, list[Person]]]  # work units with their staff
    citizens: list[Person]


def _places(
    municipality: Municipality,
    plan: seats.Plan,
    units: list[Unit],
    people: list[Person],
) -> _Places:
    bodies = Body.objects.filter(municipality=municipality)
    lmus = {body.unit_id: body for body in bodies.filter(kind=Body.Kind.LMU)}
    work = [
        (units[row.index], [people[i] for i in plan.people.by_unit[row.index]])
        for row in plan.units
        if row.kind == UNIT and units[row.index].pk in lmus
    ]
    return _Places(
        lmu_by_unit={unit_id: body for unit_id, body in lmus.items() if unit_id is not None},
        coordination=bodies.filter(kind=Body.Kind.COORDINATION).order_by("pk")[0],
        committee=bodies.filter(kind=Body.Kind.TRIPARTITE).order_by("pk")[0],
        units=work,
        citizens=[people[i] for i in plan.people.citizens],
    )


@contextmanager
def _own_timestamps() -> Iterator[None]:
    """Let the given ``created_at`` / ``updated_at`` through: the dates are made up too."""
    fields = [
        Proposal._meta.get_field("created_at"),
        Proposal._meta.get_field("updated_at"),
        Event._meta.get_field("created_at"),
        Answer._meta.get_field("created_at"),
    ]
    saved = [(f.auto_now, f.auto_now_add) for f in fields]  # type: ignore[union-attr]
    for f in fields:
        f.auto_now = f.auto_now_add = False  # type: ignore[union-attr]
    try:
        yield
    finally:
        for f, (auto_now, auto_now_add) in zip(fields, saved, strict=True):
            f.auto_now, f.auto_now_add = auto_now, auto_now_add  # type: ignore[union-attr]


def _weighted(rng: random.Random, rows: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([r[0] for r in rows], weights=[r[1] for r in rows])[0]


def _at(day: datetime.date, rng: random.Random) -> datetime.datetime:
    moment = datetime.datetime.combine(day, datetime.time(rng.randint(7, 15), rng.randint(0, 59)))
    return timezone.make_aware(moment)


@dataclass
class _Row:
    """One proposal and what belongs to it, before it has a primary key."""

    proposal: Proposal
    unit_ids: list[int]
    events: list[Event]
    answers: list[Answer]


def proposals_bulk_create(
    *,
    municipality: Municipality,
    plan: seats.Plan,
    units: list[Unit],
    people: list[Person],
    count: int,
) -> int:
    """Write ``count`` proposals (with units, history and answers) spread over three years."""
    rng = random.Random(plan.seed * 7919 + count)
    places = _places(municipality, plan, units, people)
    day = plan.today
    ages = sorted((rng.randint(0, 365 * YEARS) for _ in range(count)), reverse=True)
    earlier: dict[int, int] = {}  # body id -> a proposal already written there
    written = 0
    with _own_timestamps():
        for start in range(0, count, CHUNK):
            rows = [
                _row(rng, municipality, places, day, age, earlier)
                for age in ages[start : start + CHUNK]
            ]
            Proposal.objects.bulk_create([row.proposal for row in rows], batch_size=BATCH)
            ProposalUnit.objects.bulk_create(
                [
                    ProposalUnit(proposal=row.proposal, unit_id=unit_id)
                    for row in rows
                    for unit_id in row.unit_ids
                ],
                batch_size=BATCH,
            )
            for row in rows:
                for event in row.events:
                    event.proposal = row.proposal
                for answer in row.answers:
                    answer.proposal = row.proposal
                earlier[row.proposal.body_id] = row.proposal.pk
            Event.objects.bulk_create([e for row in rows for e in row.events], batch_size=BATCH)
            Answer.objects.bulk_create([a for row in rows for a in row.answers], batch_size=BATCH)
            written += len(rows)
    return written


def _text(rng: random.Random) -> tuple[str, str]:
    subject = _weighted(rng, SUBJECTS)
    title = f"{_weighted(rng, WHATS)} {subject}"
    if rng.random() < 0.3:
        title += f" på {rng.choice(PLACES)}"
    sentences = [
        f"Vi foreslår {title[0].lower()}{title[1:]}.",
        *rng.sample(REASONS, 2),
    ]
    if rng.random() < 0.0005:
        sentences.append(f"En {RARE_WORD} i personalrommet ville også gitt et bedre inneklima.")
    return title[:200], " ".join(sentences)


def _row(
    rng: random.Random,
    municipality: Municipality,
    places: _Places,
    today: datetime.date,
    age: int,
    earlier: dict[int, int],
) -> _Row:
    created_day = today - datetime.timedelta(days=age)
    created = _at(created_day, rng)
    title, description = _text(rng)
    draw = rng.random()
    unit_ids: list[int] = []
    recommendation: Body | None = None
    proposer: Person | None = None
    source = Source.EMPLOYEE
    needs_money = False
    unit, staff = rng.choice(places.units)
    if draw < 0.07:
        source = Source.CITIZEN
        body = places.coordination
    elif draw < 0.15:
        needs_money = True
        body, recommendation = places.committee, places.coordination
        unit_ids = sorted({unit.pk, *(rng.choice(places.units)[0].pk for _ in range(2))})
    elif draw < 0.27:
        body = places.coordination
        unit_ids = sorted({unit.pk, rng.choice(places.units)[0].pk})
        if len(unit_ids) == 1:
            body = places.lmu_by_unit[unit.pk]
    else:
        body = places.lmu_by_unit[unit.pk]
        unit_ids = [unit.pk]
    if source == Source.CITIZEN:
        citizen = rng.choice(places.citizens) if places.citizens else None
        name = citizen.full_name if citizen else "Innbygger"
        email = citizen.email if citizen and rng.random() < 0.8 else ""
    else:
        proposer = rng.choice(staff)
        name, email = proposer.full_name, proposer.email
    deadline = datetime.timedelta(days=body.answer_deadline_days)
    proposal = Proposal(
        municipality=municipality,
        title=title,
        description=description,
        source=source,
        proposer=proposer,
        proposer_name=name,
        proposer_email=email,
        hide_name=rng.random() < 0.05,
        service_users_affected=rng.random() < 0.1,
        needs_money=needs_money,
        cost_estimate=rng.randrange(20_000, 2_000_000, 5_000) if needs_money else None,
        body=body,
        recommendation_body=recommendation,
        arrived_on=created_day,
        due_on=created_day + deadline,
        created_at=created,
        updated_at=created,
    )
    events = [
        Event(
            municipality=municipality,
            kind=Event.Kind.SUBMITTED,
            body=body,
            to_status=Status.SUBMITTED,
            created_at=created,
        )
    ]
    answers: list[Answer] = []
    status = Status.SUBMITTED

    def step(kind: str, on: datetime.date, to: str, reason: str = "", **data: Any) -> None:
        nonlocal status
        moment = max(_at(on, rng), events[-1].created_at)
        events.append(
            Event(
                municipality=municipality,
                kind=kind,
                body=proposal.body,
                from_status=status,
                to_status=to,
                reason=reason,
                data=data,
                created_at=moment,
            )
        )
        status = to  # type: ignore[assignment]
        proposal.updated_at = moment

    def answer(kind: str, on: datetime.date, new_due: datetime.date | None = None) -> None:
        reason = rng.choice(ANSWER_REASONS[kind])
        deciding = recommendation is not None
        maker = rng.choice(DecisionMaker.values) if deciding else ""
        to = Status.FURTHER_EVALUATION if kind == AnswerKind.FURTHER_EVALUATION else Status.ANSWERED
        step(Event.Kind.DECIDED if deciding else Event.Kind.ANSWERED, on, to, reason, answer=kind)
        answers.append(
            Answer(
                municipality=municipality,
                kind=kind,
                reason=reason,
                body=proposal.body,
                decision_maker=maker,
                new_due_on=new_due,
                created_at=events[-1].created_at,
            )
        )
        if not proposal.first_answer:
            proposal.first_answer = kind
            proposal.answer_days = (on - created_day).days
            proposal.answered_in_time = on <= proposal.due_on
        proposal.answer, proposal.answered_on, proposal.decision_maker = kind, on, maker
        if new_due is not None:
            proposal.due_on = new_due

    def later(low: int, high: int, after: datetime.date) -> datetime.date:
        return min(today, after + datetime.timedelta(days=rng.randint(low, high)))

    recent = age < 90
    fate = rng.random()
    if (recent and fate < 0.85) or (not recent and fate < 0.02):
        # Still open: most just taken up; some escalated, recommended or being evaluated.
        kind = rng.random()
        if kind < 0.25:
            pass
        elif recommendation is not None and kind < 0.6:
            taken = later(1, 10, created_day)
            proposal.recommendation_recorded = True
            step(Event.Kind.TAKEN_UP, taken, Status.UNDER_CONSIDERATION)
            step(Event.Kind.RECOMMENDED, later(5, 30, taken), Status.RECOMMENDED)
        elif body.kind == Body.Kind.LMU and kind < 0.35:
            step(Event.Kind.TAKEN_UP, later(1, 10, created_day), Status.UNDER_CONSIDERATION)
            moved = later(3, 20, created_day)
            proposal.body = places.coordination
            proposal.arrived_on = moved
            proposal.due_on = moved + datetime.timedelta(
                days=places.coordination.answer_deadline_days
            )
            step(Event.Kind.ESCALATED, moved, Status.ESCALATED, rng.choice(REASONS))
        elif kind < 0.45 and age > 20:
            step(Event.Kind.TAKEN_UP, later(1, 5, created_day), Status.UNDER_CONSIDERATION)
            on = later(10, 25, created_day)
            answer(AnswerKind.FURTHER_EVALUATION, on, on + datetime.timedelta(rng.randint(30, 120)))
        else:
            step(Event.Kind.TAKEN_UP, later(1, 10, created_day), Status.UNDER_CONSIDERATION)
    elif (closing := rng.random()) < 0.03:
        step(Event.Kind.WITHDRAWN, later(1, 20, created_day), Status.WITHDRAWN)
    elif closing < 0.05 and proposal.body_id in earlier:
        into = earlier[proposal.body_id]
        proposal.merged_into_id = into
        step(Event.Kind.MERGED, later(1, 15, created_day), Status.MERGED, into=into)
    else:
        taken = later(1, 10, created_day)
        step(Event.Kind.TAKEN_UP, taken, Status.UNDER_CONSIDERATION)
        if recommendation is not None:
            proposal.recommendation_recorded = True
        on = later(3, 45 if rng.random() < 0.8 else 120, taken)
        if rng.random() < 0.08 and (today - on).days > 40:
            answer(AnswerKind.FURTHER_EVALUATION, on, on + datetime.timedelta(days=60))
            on = later(20, 60, on)
        final = AnswerKind.IMPLEMENTED if rng.random() < 0.55 else AnswerKind.REJECTED
        answer(final, on)
        if final == AnswerKind.IMPLEMENTED and (today - on).days > 30 and rng.random() < 0.6:
            proposal.done_on = later(7, 120, on)
            step(Event.Kind.DONE, proposal.done_on, Status.DONE)
    proposal.status = status
    if len(events) > 4:  # at most four steps: leave out the taking up
        del events[1]
    return _Row(proposal=proposal, unit_ids=unit_ids, events=events, answers=answers)
