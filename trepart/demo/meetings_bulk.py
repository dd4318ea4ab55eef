"""Many made-up meetings at once, for trying the meeting pages and measuring them at scale.

Like the bulk proposals these are made-up data rather than anyone's changes: written with
``bulk_create`` in batches, without audit entries or messages. The central bodies meet
about every six weeks and as many LMUs as the count allows each quarter, over four years
(three and a half back, half a year ahead). Each meeting has about six numbered items, one
in twenty closed with a legal basis, a paper per item (every version points at one small
stored file), attendance, stands and outcomes for the held ones, follow-up actions (about
five thousand at the oslo size, some overdue) and published minutes with two approvals.
"""

from __future__ import annotations

import datetime
import hashlib
import random
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db.models import Max, Model
from django.utils import timezone

from trepart.demo.papers import paper_pdf
from trepart.meetings.models import (
    AgendaItem,
    Attendance,
    Document,
    DocumentVersion,
    FollowUp,
    ItemStand,
    Meeting,
    Minutes,
    MinutesApproval,
)
from trepart.organisation.models import Body, Membership, Municipality
from trepart.organisation.selectors import active_q

BATCH = 2_000
DAYS_BACK = 365 * 3 + 182
DAYS_AHEAD = 182
CENTRAL_EVERY = 42  # days
LMU_EVERY = 91
ITEMS = (4, 8)

SUBJECTS = (
    "Sykefravær og nærvær",
    "Budsjett og økonomiplan",
    "Turnus og bemanning",
    "HMS og vernerunde",
    "Medarbeiderundersøkelsen",
    "Kompetanseplan",
    "Heltidskultur",
    "Rekruttering",
    "Digitale verktøy",
    "Arbeidsmiljø og trivsel",
    "Omstilling og organisering",
    "Forslag fra ansatte",
)
ANGLES = ("status", "tiltak", "oppfølging", "drøfting", "orientering", "innspill")
KINDS = (("ORIENTATION", 3), ("DISCUSSION", 4), ("RECOMMENDATION", 2), ("DECISION", 1))
CLOSED_BASES = ("OFFL_23", "OFFL_25", "KL_11_5_2_B", "OFFL_13")
ACTIONS = (
    "Lage tiltaksplan for",
    "Rapportere tilbake om",
    "Kartlegge behovet for",
    "Følge opp",
    "Gjennomføre møte om",
)


def meetings_bulk_create(*, municipality: Municipality, count: int, seed: int = 1) -> int:
    """Write about ``count`` made-up meetings for the municipality's bodies; return how many."""
    rng = random.Random(seed)
    today = timezone.localdate()
    zone = timezone.get_current_timezone()
    seats = _seats(municipality, today)
    starts = _schedule(municipality, seats, count, today)
    meetings = [
        Meeting(
            municipality=municipality,
            body_id=body_id,
            starts_at=datetime.datetime.combine(day, datetime.time(hour), tzinfo=zone),
            ends_at=datetime.datetime.combine(day, datetime.time(hour + 2), tzinfo=zone),
            place="Møterom i rådhuset",
            is_open=rng.random() > 0.05,
            status=_status(day, today),
            release_due_on=day - datetime.timedelta(days=7),
            published_at=(
                datetime.datetime.combine(day - datetime.timedelta(days=9), datetime.time(12), zone)
                if day <= today + datetime.timedelta(days=7)
                else None
            ),
        )
        for body_id, day, hour in starts
    ]
    Meeting.objects.bulk_create(meetings, batch_size=BATCH)
    items = _items(municipality, meetings, seats, rng, today)
    _documents(municipality, items)
    held = [m for m in meetings if m.status == Meeting.Status.HELD]
    _attendance(municipality, held, seats, rng)
    _stands(municipality, [i for i in items if i.outcome], seats, rng)
    _follow_ups(municipality, [i for i in items if i.outcome], seats, rng, today)
    _minutes(municipality, held, seats)
    return len(meetings)


def _status(day: datetime.date, today: datetime.date) -> str:
    if day < today:
        return Meeting.Status.HELD
    if day <= today + datetime.timedelta(days=7):
        return Meeting.Status.PUBLISHED
    return Meeting.Status.PLANNED


def _seats(municipality: Municipality, today: datetime.date) -> dict[int, list[Membership]]:
    """Today's seats per body in the cooperation (the council keeps its own minutes)."""
    found: dict[int, list[Membership]] = defaultdict(list)
    rows = (
        Membership.objects.filter(active_q(today), municipality=municipality)
        .exclude(body__kind=Body.Kind.COUNCIL)
        .exclude(party__in=["CITIZEN", "SERVICE_USER"])
        .order_by("body_id", "pk")
    )
    for seat in rows:
        if all(s.person_id != seat.person_id for s in found[seat.body_id]):
            found[seat.body_id].append(seat)
    return found


def _schedule(
    municipality: Municipality,
    seats: dict[int, list[Membership]],
    count: int,
    today: datetime.date,
) -> list[tuple[int, datetime.date, int]]:
    """(body, day, hour) for each meeting: the central bodies first, then LMUs."""
    bodies = list(
        Body.objects.filter(municipality=municipality, pk__in=list(seats)).order_by("kind", "pk")
    )
    central = [b for b in bodies if b.kind != Body.Kind.LMU]
    lmus = [b for b in bodies if b.kind == Body.Kind.LMU]
    first = today - datetime.timedelta(days=DAYS_BACK)
    span = DAYS_BACK + DAYS_AHEAD
    found: list[tuple[int, datetime.date, int]] = []
    for n, body in enumerate([*central, *lmus]):
        every = CENTRAL_EVERY if body.kind != Body.Kind.LMU else LMU_EVERY
        offset = (n * 5) % every
        for step in range(offset, span, every):
            if len(found) >= count:
                return found
            day = first + datetime.timedelta(days=step)
            day -= datetime.timedelta(days=max(0, day.weekday() - 4))  # Friday, not weekend
            found.append((body.pk, day, 18 if body.kind == Body.Kind.TRIPARTITE else 13))
    return found


def _items(
    municipality: Municipality,
    meetings: list[Meeting],
    seats: dict[int, list[Membership]],
    rng: random.Random,
    today: datetime.date,
) -> list[AgendaItem]:
    # Case numbers go on from what each body has already numbered that year.
    taken = {
        (row["body_id"], row["year"]): row["top"]
        for row in AgendaItem.objects.filter(municipality=municipality)
        .values("body_id", "year")
        .annotate(top=Max("number"))
    }
    numbers: dict[tuple[int, int], int] = defaultdict(int, taken)
    kinds = [kind for kind, _weight in KINDS]
    weights = [weight for _kind, weight in KINDS]
    items = []
    for meeting in sorted(meetings, key=lambda m: (m.starts_at, m.pk)):
        year = timezone.localtime(meeting.starts_at).year
        held = meeting.status == Meeting.Status.HELD
        officer = seats[meeting.body_id][0].person_id if seats[meeting.body_id] else None
        for position in range(1, rng.randint(*ITEMS) + 1):
            numbers[meeting.body_id, year] += 1
            closed = rng.random() < 0.05
            kind = rng.choices(kinds, weights=weights)[0]
            items.append(
                AgendaItem(
                    municipality=municipality,
                    meeting=meeting,
                    body_id=meeting.body_id,
                    position=position,
                    year=year,
                    number=numbers[meeting.body_id, year],
                    kind=kind,
                    title=f"{rng.choice(SUBJECTS)}: {rng.choice(ANGLES)}",
                    description="Saksframlegg følger vedlagt.",
                    case_officer_id=officer,
                    closed=closed,
                    legal_basis=rng.choice(CLOSED_BASES) if closed else "",
                    outcome=(("NOTED" if kind == "ORIENTATION" else "CONSENSUS") if held else ""),
                    outcome_text="Utvalget slutter seg til forslaget." if held else "",
                )
            )
    return AgendaItem.objects.bulk_create(items, batch_size=BATCH)


def _documents(municipality: Municipality, items: list[AgendaItem]) -> None:
    """A paper per item; every version is the same small stored file."""
    pdf = paper_pdf(
        title="Saksframlegg",
        municipality=municipality.name,
        description="Saksframlegget beskriver saken, bakgrunnen og kommunedirektørens forslag.",
    )
    name = default_storage.save(
        f"meetings/{municipality.pk}/bulk-saksframlegg.pdf", ContentFile(pdf)
    )
    digest = hashlib.sha256(pdf).hexdigest()
    documents = Document.objects.bulk_create(
        (
            Document(
                municipality=municipality,
                item=item,
                title="Saksframlegg",
                released_at=item.meeting.published_at,
            )
            for item in items
        ),
        batch_size=BATCH,
    )
    DocumentVersion.objects.bulk_create(
        (
            DocumentVersion(
                municipality=municipality,
                document=document,
                number=1,
                file=name,
                name="saksframlegg.pdf",
                content_type="application/pdf",
                size=len(pdf),
                sha256=digest,
            )
            for document in documents
        ),
        batch_size=BATCH,
    )


def _attendance(
    municipality: Municipality,
    meetings: list[Meeting],
    seats: dict[int, list[Membership]],
    rng: random.Random,
) -> None:
    _write(
        Attendance,
        (
            Attendance(
                municipality=municipality,
                meeting=meeting,
                person_id=seat.person_id,
                membership=seat,
                party=seat.party,
                status="ABSENT" if rng.random() < 0.08 else "PRESENT",
            )
            for meeting in meetings
            for seat in seats[meeting.body_id]
        ),
    )


def _stands(
    municipality: Municipality,
    items: list[AgendaItem],
    seats: dict[int, list[Membership]],
    rng: random.Random,
) -> None:
    _write(
        ItemStand,
        (
            ItemStand(municipality=municipality, item=item, party=party, stance="AGREE")
            for item in items
            if item.outcome == "CONSENSUS" and rng.random() < 0.5
            for party in sorted({s.party for s in seats[item.body_id]})
        ),
    )


def _follow_ups(
    municipality: Municipality,
    items: list[AgendaItem],
    seats: dict[int, list[Membership]],
    rng: random.Random,
    today: datetime.date,
) -> None:
    """About one action for every two decided items; older ones mostly done."""
    rows = []
    for item in items:
        if rng.random() >= 0.45 or not seats[item.body_id]:
            continue
        held = timezone.localtime(item.meeting.starts_at).date()
        due = held + datetime.timedelta(days=rng.randint(14, 120))
        done = due < today and rng.random() < 0.85
        rows.append(
            FollowUp(
                municipality=municipality,
                body_id=item.body_id,
                item=item,
                title=f"{rng.choice(ACTIONS)} {item.title.split(':')[0].lower()}",
                owner_id=rng.choice(seats[item.body_id]).person_id,
                due_on=due,
                status=FollowUp.Status.DONE if done else rng.choice(["OPEN", "IN_PROGRESS"]),
                done_on=due - datetime.timedelta(days=rng.randint(0, 10)) if done else None,
            )
        )
    _write(FollowUp, rows)


def _minutes(
    municipality: Municipality, meetings: list[Meeting], seats: dict[int, list[Membership]]
) -> None:
    minutes = Minutes.objects.bulk_create(
        (
            Minutes(
                municipality=municipality,
                meeting=meeting,
                notes="Møtet ble lovlig innkalt.",
                status=Minutes.Status.PUBLISHED,
                published_at=meeting.starts_at + datetime.timedelta(days=10),
            )
            for meeting in meetings
        ),
        batch_size=BATCH,
    )
    approvals = []
    for row in minutes:
        body_seats = seats[row.meeting.body_id]
        chair = next((s for s in body_seats if s.role == "CHAIR"), None)
        other = next((s for s in body_seats if s.voting and s is not chair), None)
        for seat, role in ((chair, "CHAIR"), (other, "MEMBER")):
            if seat is not None:
                approvals.append(
                    MinutesApproval(
                        municipality=municipality, minutes=row, person_id=seat.person_id, role=role
                    )
                )
    _write(MinutesApproval, approvals)


def _write(model: type[Model], rows: Iterable[Any]) -> None:
    batch: list[Any] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= BATCH:
            model._default_manager.bulk_create(batch)
            batch = []
    if batch:
        model._default_manager.bulk_create(batch)
