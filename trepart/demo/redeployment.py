"""The demo's stillingsbank, Lunner-style: a year of the bank told as rows.

Two wards of the largest nursing home were merged, and eight employees became redundant
(``overtallig``; one of them is the ``overtallig`` login). The bank meets every Tuesday
(the meetings app: one closed item a meeting, offentleglova § 13), and each meeting has the
week's matching round. Thirty vacancies came from several units over the year. Seven of
the eight were placed, one after the meeting overrode a night-shift proposal for a day
position, one after retraining and one after a temporary assignment; the eighth declined
suitable work, was given notice and was re-hired months later under the § 14-2
preferential right. Twelve part-time employees wished for a larger position (§ 14-3):
three were raised by combined offers, two have offers awaiting their answer, and two are in
the proposal for the next meeting.

The demo tells a past, so the rows are written directly, each consistent with the models'
rules (one open offer per case and per vacancy, every status the result of the case's
last event) and dated when it happened. ``bulk`` adds the ``generate`` presets' volume.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from trepart.demo.redeployment_bulk import redeployment_bulk_build
from trepart.demo.redeployment_data import NEXT_WEEK, UNIT_PLACES
from trepart.demo.redeployment_history import History
from trepart.demo.redeployment_setup import (
    Ground,
    Missing,
    at,
    bank_meetings,
    ground_build,
    meeting_days,
    reorganised_unit,
    story_units,
    taken_people,
)
from trepart.demo.redeployment_year import CASES, VACANCIES
from trepart.demo.seats import REDEPLOYMENT
from trepart.organisation.models import Body, Municipality, Person, Unit
from trepart.redeployment.models import CaseKind, RedeploymentCase, Vacancy

USERS = ("admin", "personalsjef", "leder", "overtallig")


def redeployment_build(*, municipality: Municipality, preset: str, bulk: bool) -> None:
    today = timezone.localdate()
    bank = Body.objects.filter(municipality=municipality, template_slot=REDEPLOYMENT).first()
    users = {
        user.username: user
        for user in get_user_model()
        .objects.filter(municipality=municipality, username__in=USERS)
        .select_related("person")
    }
    if bank is None or not {"admin", "personalsjef", "overtallig"} <= set(users):
        return
    try:
        with transaction.atomic():
            ground = _Story(municipality, bank, users, today).tell()
    except Missing:
        return  # a tiny made-up municipality lacks the story's people
    if bulk:
        redeployment_bulk_build(ground=ground, preset=preset, chair=users["personalsjef"])


class _Story:
    def __init__(
        self, municipality: Municipality, bank: Body, users: dict[str, Any], today: datetime.date
    ) -> None:
        self.municipality, self.bank, self.users, self.today = municipality, bank, users, today

    def tell(self) -> Ground:
        ground = ground_build(municipality=self.municipality, bank=self.bank, today=self.today)
        login = self.users["overtallig"].person
        reorganised = reorganised_unit(self.municipality, login.unit_id)
        units = story_units(self.municipality, reorganised)
        days = meeting_days(self.today)
        chair = self.users["personalsjef"]
        meetings = bank_meetings(ground, days, officer=chair.person)
        cases = self._cases(ground, units, days, login)
        vacancies = self._vacancies(ground, units, days)
        History(
            ground=ground,
            days=days,
            meetings=meetings,
            cases=cases,
            vacancies=vacancies,
            units=units,
            chair=chair,
        ).tell()
        return ground

    # -- the register ------------------------------------------------------------------

    def _cases(
        self, ground: Ground, units: dict[str, Unit], days: list[datetime.date], login: Person
    ) -> dict[str, RedeploymentCase]:
        taken = taken_people(self.municipality) - {login.pk}
        used: set[int] = set()
        rows = []
        for row in CASES:
            person = (
                login
                if row.key == "R8"
                else self._pick(units[row.unit], row.position, taken | used)
            )
            used.add(person.pk)
            registered = days[row.registered_week] + datetime.timedelta(days=1)
            location = ground.locations[UNIT_PLACES[row.unit]]
            reorganised = units["reorganised"].name
            rows.append(
                RedeploymentCase(
                    municipality=self.municipality,
                    bank=self.bank,
                    kind=row.kind,
                    person=person,
                    from_unit=units[row.unit],
                    position=row.position,
                    percent=row.percent,
                    wanted_percent=row.wanted,
                    wage_level=row.wage,
                    qualifications_note=(
                        f"Fra {reorganised}." if row.kind == CaseKind.REDUNDANT else ""
                    ),
                    location=location,
                    seniority_date=self.today - datetime.timedelta(days=365 * row.seniority_years),
                    social_priority=row.social,
                    needs_adapted_work=bool(row.adapted),
                    adapted_work_note=row.adapted,
                    redundant_on=registered,
                    created_by=self.users["personalsjef"],
                )
            )
        saved = RedeploymentCase.objects.bulk_create(rows)
        for case, row in zip(saved, CASES, strict=True):
            case.created_at = at(case.redundant_on, 10)
            case.qualifications.set([ground.qualifications[code] for code in row.qualifications])
            if row.preferred:
                case.preferred_locations.set([ground.locations[code] for code in row.preferred])
        RedeploymentCase.objects.bulk_update(saved, ["created_at"])
        return {row.key: case for case, row in zip(saved, CASES, strict=True)}

    def _pick(self, unit: Unit, position: str, taken: set[int]) -> Person:
        staff = list(
            Person.objects.filter(unit=unit, kind=Person.Kind.EMPLOYEE, is_leader=False)
            .exclude(pk__in=taken)
            .order_by("pk")
        )
        exact = [person for person in staff if person.position == position]
        if not (exact or staff):
            raise Missing(f"staff of {unit}")
        return (exact or staff)[0]

    # -- the vacancies -----------------------------------------------------------------

    def _vacancies(
        self, ground: Ground, units: dict[str, Unit], days: list[datetime.date]
    ) -> dict[str, Vacancy]:
        leader = self.users.get("leder")
        leader_unit = leader.person.unit_id if leader is not None and leader.person else None
        rows = []
        for row in VACANCIES:
            registered = days[row.registered_week] + datetime.timedelta(days=1)
            unit = units[row.unit]
            rows.append(
                Vacancy(
                    municipality=self.municipality,
                    unit=unit,
                    title=row.title,
                    percent=row.percent,
                    location=ground.locations[UNIT_PLACES[row.unit]],
                    wage_min=row.wage[0],
                    wage_max=row.wage[1],
                    starts_on=registered + datetime.timedelta(weeks=6),
                    status=Vacancy.Status.HELD,
                    registered_by=leader if unit.pk == leader_unit else self.users["admin"],
                )
            )
        saved = Vacancy.objects.bulk_create(rows)
        for vacancy, row in zip(saved, VACANCIES, strict=True):
            registered = days[row.registered_week] + datetime.timedelta(days=1)
            vacancy.registered_at = at(registered, 10)
            vacancy.required.set([ground.qualifications[code] for code in row.required])
            vacancy.wanted.set([ground.qualifications[code] for code in row.wanted])
            if row.registered_week + 1 < NEXT_WEEK:
                vacancy.considered_on = days[row.registered_week + 1]
                vacancy.status = Vacancy.Status.CONSIDERED
        Vacancy.objects.bulk_update(saved, ["registered_at", "considered_on", "status"])
        return {row.key: vacancy for vacancy, row in zip(saved, VACANCIES, strict=True)}
