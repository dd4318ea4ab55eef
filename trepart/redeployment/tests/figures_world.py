"""More cases for the figures: ``add_case`` puts one person into the bank world's register
with a given year, unit, and end (placed after some days, given notice, part-time raised).
Rows are made directly, as test data; the placing of a part-time employee goes through the
outcome service so its vacancy is on the event."""

from __future__ import annotations

import datetime

from trepart.organisation.models import Unit
from trepart.organisation.tests.factories import PersonFactory
from trepart.redeployment.models import CaseEvent, CaseKind, CaseStatus, RedeploymentCase, Vacancy
from trepart.redeployment.services.outcomes import case_outcome_record
from trepart.redeployment.tests.world import BankWorld


def add_case(
    world: BankWorld,
    *,
    year: int,
    unit: Unit | None = None,
    placed_after: int | None = None,
    notice: bool = False,
    kind: str = CaseKind.REDUNDANT,
    raised_to: Vacancy | None = None,
) -> RedeploymentCase:
    person = PersonFactory.create(municipality=world.municipality, unit=unit)
    start = datetime.date(year, 3, 1)
    case = RedeploymentCase.objects.create(
        municipality=world.municipality,
        bank=world.bank,
        kind=kind,
        person=person,
        from_unit=unit or world.units["pleie"],
        position="Fagarbeider",
        percent=50 if kind == CaseKind.PART_TIME else 100,
        wanted_percent=80 if kind == CaseKind.PART_TIME else None,
        wage_level=500_000,
        location=world.locations["HAR"],
        seniority_date=datetime.date(2010, 1, 1),
        redundant_on=start,
    )
    if placed_after is not None:
        case.status = CaseStatus.PLACED
        case.placed_on = start + datetime.timedelta(days=placed_after)
    if notice:
        case.status = CaseStatus.PREFERENTIAL
        case.notice_on = start + datetime.timedelta(days=90)
        case.preferential_until = case.notice_on + datetime.timedelta(days=365)
    case.save()
    if raised_to is not None:
        # A vacancy is filled once: each person raised gets one of their own like it.
        own = Vacancy.objects.create(
            municipality=world.municipality,
            unit=raised_to.unit,
            title=raised_to.title,
            percent=raised_to.percent,
            location=raised_to.location,
            wage_min=raised_to.wage_min,
            wage_max=raised_to.wage_max,
            starts_on=raised_to.starts_on,
        )
        case_outcome_record(
            actor=world.members["chair"],
            case=case,
            version=case.version,
            kind=CaseEvent.Kind.PLACED,
            on=start + datetime.timedelta(days=20),
            why="Større stilling.",
            vacancy=own,
        )
    return case
