"""The stillingsbank demo's groundwork: the agreed rules, the controlled list, the locations
with their travel times, the units the story names, and the bank's weekly meetings (one
closed item each, offentleglova § 13) written as rows, as the bulk meetings are.

Shared by the told story (``redeployment.py``) and the made-up volume of the ``generate``
presets (``redeployment_bulk.py``).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Max
from django.utils import timezone

from trepart.demo.redeployment_data import (
    AGREEMENT,
    ITEM_DESCRIPTION,
    ITEM_OUTCOME,
    ITEM_TITLE,
    LOCATIONS,
    NEXT_WEEK,
    QUALIFICATIONS,
    TRAVEL,
    UNIT_PLACES,
)
from trepart.meetings.models import AgendaItem, Attendance, Meeting
from trepart.organisation.models import Body, Membership, Municipality, Person, Unit
from trepart.organisation.selectors import active_q
from trepart.redeployment.models import (
    Location,
    MatchingRules,
    Qualification,
    Selection,
    TravelTime,
)
from trepart.redeployment.privacy import CLOSED_BASIS

MEETING_HOUR, MEETING_WEEKDAY = 9, 1  # Tuesdays at nine
PLACE = "Møterom Roa, rådhuset"


class Missing(Exception):
    """The municipality lacks what the story needs (a tiny made-up one)."""


@dataclass
class Ground:
    """What the story and the bulk build on."""

    municipality: Municipality
    bank: Body
    rules: MatchingRules
    qualifications: dict[str, Qualification]
    locations: dict[str, Location]
    travel: dict[tuple[str, str], int]
    today: datetime.date

    def minutes(self, origin: str, destination: str) -> int:
        if origin == destination:
            return 0
        return self.travel.get((origin, destination), self.travel.get((destination, origin), 99))


def ground_build(*, municipality: Municipality, bank: Body, today: datetime.date) -> Ground:
    """The rules, the list of qualifications and the locations with their travel times."""
    rules = MatchingRules.objects.create(
        municipality=municipality,
        percent_tolerance=10,
        wage_not_lower=True,
        max_travel_minutes=45,
        selection=Selection.SENIORITY,
        answer_days=14,
        preferential_months=12,
        agreed_on=bank.established,
        agreement=AGREEMENT,
    )
    qualifications = {
        row.code: row
        for row in Qualification.objects.bulk_create(
            Qualification(municipality=municipality, code=code, name=name, is_certification=cert)
            for code, name, cert in QUALIFICATIONS
        )
    }
    locations = {
        row.code: row
        for row in Location.objects.bulk_create(
            Location(municipality=municipality, code=code, name=name) for code, name in LOCATIONS
        )
    }
    rows = []
    for (first, second), minutes in TRAVEL.items():
        origin, destination = sorted((locations[first], locations[second]), key=lambda x: x.pk)
        rows.append(
            TravelTime(
                municipality=municipality,
                origin=origin,
                destination=destination,
                minutes=minutes,
            )
        )
    TravelTime.objects.bulk_create(rows)
    return Ground(municipality, bank, rules, qualifications, locations, dict(TRAVEL), today)


def story_units(municipality: Municipality, reorganised: Unit) -> dict[str, Unit]:
    """The units of ``UNIT_PLACES``: ``word:n`` is the n-th unit with the word in its name
    (the reorganised unit left out), a plain name that unit; a missing one borrows another
    unit, so a made-up municipality of any size can tell the story."""
    units = list(
        Unit.objects.filter(municipality=municipality, kind=Unit.Kind.UNIT)
        .exclude(pk=reorganised.pk)
        .order_by("pk")
    )
    if not units:
        raise Missing("units")
    found: dict[str, Unit] = {"reorganised": reorganised}
    for n, key in enumerate(k for k in UNIT_PLACES if k != "reorganised"):
        word, _sep, index = key.partition(":")
        if index:
            matches = [u for u in units if _has_word(u.name, word)]
            unit = matches[int(index) % len(matches)] if matches else None
        else:
            unit = next((u for u in units if u.name == word), None)
        found[key] = unit or units[n % len(units)]
    return found


def _has_word(name: str, word: str) -> bool:
    lowered = name.lower()
    if word == "hjemme":
        return lowered.startswith("hjemmetjenesten")
    if word == "skole":
        return lowered.endswith(" skole") and "ungdomsskole" not in lowered
    return word in lowered


def reorganised_unit(municipality: Municipality, person_unit_id: int | None) -> Unit:
    unit = (
        Unit.objects.filter(pk=person_unit_id, municipality=municipality).first()
        if person_unit_id is not None
        else None
    )
    if unit is None:
        raise Missing("reorganised unit")
    return unit


def meeting_days(today: datetime.date, weeks: int = NEXT_WEEK) -> list[datetime.date]:
    """The bank's meeting days, oldest first: ``weeks`` held ones, then the next one."""
    back = (today.weekday() - MEETING_WEEKDAY - 1) % 7 + 1  # the last Tuesday before today
    last = today - datetime.timedelta(days=back)
    return [last - datetime.timedelta(weeks=weeks - 1 - w) for w in range(weeks)] + [
        last + datetime.timedelta(weeks=1)
    ]


def at(day: datetime.date, hour: int = 12) -> datetime.datetime:
    return datetime.datetime.combine(
        day, datetime.time(hour), tzinfo=timezone.get_current_timezone()
    )


def bank_meetings(
    ground: Ground, days: list[datetime.date], officer: Any
) -> list[tuple[Meeting, AgendaItem]]:
    """One meeting a week with one closed item: held and minuted for the past, the agenda
    out in time for the next one. The title names no one; the public reads only the legal
    basis (``AgendaItem.public_title``)."""
    bank, municipality, today = ground.bank, ground.municipality, ground.today
    notice = datetime.timedelta(days=bank.agenda_days_before)
    meetings = []
    for day in days:
        starts = at(day, MEETING_HOUR)
        due = day - notice
        held = day < today
        published = min(due, today) - datetime.timedelta(days=1)
        meetings.append(
            Meeting(
                municipality=municipality,
                body=bank,
                starts_at=starts,
                ends_at=starts + datetime.timedelta(minutes=90),
                place=PLACE,
                status=Meeting.Status.HELD if held else Meeting.Status.PUBLISHED,
                release_due_on=due,
                published_at=at(published),
                released_late=False,
            )
        )
    Meeting.objects.bulk_create(meetings)
    # Case numbers go on from any the bank's items already have (made-up meetings).
    numbers: dict[int, int] = dict(
        AgendaItem.objects.filter(body=bank)
        .values("year")
        .annotate(top=Max("number"))
        .values_list("year", "top")
    )
    items = []
    for meeting, day in zip(meetings, days, strict=True):
        numbers[day.year] = numbers.get(day.year, 0) + 1
        held = day < today
        items.append(
            AgendaItem(
                municipality=municipality,
                meeting=meeting,
                body=bank,
                position=1,
                year=day.year,
                number=numbers[day.year],
                kind=AgendaItem.Kind.DECISION,
                title=ITEM_TITLE,
                description=ITEM_DESCRIPTION,
                case_officer=officer,
                closed=True,
                legal_basis=CLOSED_BASIS,
                outcome=AgendaItem.Outcome.DECISION if held else "",
                outcome_text=ITEM_OUTCOME if held else "",
            )
        )
    AgendaItem.objects.bulk_create(items)
    _attendance(ground, [m for m in meetings if m.starts_at.date() < today])
    return list(zip(meetings, items, strict=True))


def _attendance(ground: Ground, meetings: list[Meeting]) -> None:
    rows = []
    for meeting in meetings:
        seats = Membership.objects.filter(active_q(meeting.starts_at.date()), body=ground.bank)
        seen: set[int] = set()
        for seat in seats.order_by("pk"):
            if seat.person_id in seen:
                continue
            seen.add(seat.person_id)
            rows.append(
                Attendance(
                    municipality=ground.municipality,
                    meeting=meeting,
                    person_id=seat.person_id,
                    membership=seat,
                    party=seat.party,
                    status=Attendance.Status.PRESENT,
                )
            )
    Attendance.objects.bulk_create(rows, batch_size=2000)


def taken_people(municipality: Municipality) -> set[int]:
    """People the story leaves alone: those with a login or a seat in a body."""
    seated = Membership.objects.filter(municipality=municipality).values_list(
        "person_id", flat=True
    )
    logins = Person.objects.filter(municipality=municipality, user__isnull=False).values_list(
        "pk", flat=True
    )
    return set(seated) | set(logins)


def ground_load(*, municipality: Municipality, bank: Body, today: datetime.date) -> Ground:
    """The ground as the story left it (for the bulk, run after the story)."""
    rules = MatchingRules.objects.get(municipality=municipality)
    qualifications = {q.code: q for q in Qualification.objects.filter(municipality=municipality)}
    locations = {loc.code: loc for loc in Location.objects.filter(municipality=municipality)}
    return Ground(municipality, bank, rules, qualifications, locations, dict(TRAVEL), today)
