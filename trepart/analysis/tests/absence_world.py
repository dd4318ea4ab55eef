"""A municipality with sick-leave figures, for the absence tests.

Fjordvik kommune has two sectors. Helse (Health) has Hjemmetjenesten (30 employees),
Sykehjemmet (25) and Lille avdeling (3: under the threshold of 5, so hidden; and since a
hidden group of 3 could be found by subtraction, Sykehjemmet, the smallest other unit, is
hidden too). Oppvekst has Skole A (40) and Skole B (12: a small unit, shown as a rolling
rate when chosen). Every unit has 24 monthly records up to ``END``: agreed days = employees
* 20, doctor-certified 5 % and self-certified 1 % of them (Skole B: 8 % and 2 %).
``stranger`` is the admin of another municipality with a unit and figures of its own.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from trepart.accounts.tests.factories import (
    MunicipalAdminFactory,
    MunicipalityFactory,
    UserFactory,
)
from trepart.analysis.absence import add_months
from trepart.analysis.models import AbsenceRecord
from trepart.organisation.models import Municipality, Unit
from trepart.organisation.tests.factories import UnitFactory

END = datetime.date(2026, 6, 1)
MONTHS = 24


@dataclass
class AbsenceWorld:
    municipality: Municipality
    health: Unit
    home: Unit
    nursing: Unit
    tiny: Unit
    schools: Unit
    school_a: Unit
    school_b: Unit
    admin: Any
    reader: Any
    stranger: Any
    stranger_unit: Unit


def add_records(
    unit: Unit,
    *,
    employees: int,
    certified: float = 0.05,
    self_certified: float = 0.01,
    months: int = MONTHS,
    end: datetime.date = END,
) -> None:
    AbsenceRecord.objects.bulk_create(
        AbsenceRecord(
            municipality_id=unit.municipality_id,
            unit=unit,
            period_start=add_months(end, -step),
            months=1,
            agreed_days=employees * 20.0,
            lost_certified=employees * 20.0 * certified,
            lost_self=employees * 20.0 * self_certified,
            employees=employees,
        )
        for step in range(months)
    )


def build_absence_world() -> AbsenceWorld:
    municipality = MunicipalityFactory.create(require_mfa_for_admins=False)
    admin = MunicipalAdminFactory.create(municipality=municipality)
    reader = UserFactory.create(municipality=municipality)

    def unit(name: str, code: str, parent: Unit | None, kind: str = Unit.Kind.UNIT) -> Unit:
        return UnitFactory.create(
            municipality=municipality, name=name, code=code, parent=parent, kind=kind
        )

    health = unit("Helse", "1000", None, Unit.Kind.SECTOR)
    schools = unit("Oppvekst", "2000", None, Unit.Kind.SECTOR)
    home = unit("Hjemmetjenesten", "1100", health)
    nursing = unit("Sykehjemmet", "1200", health)
    tiny = unit("Lille avdeling", "1300", health)
    school_a = unit("Skole A", "2100", schools)
    school_b = unit("Skole B", "2200", schools)
    add_records(home, employees=30)
    add_records(nursing, employees=25)
    add_records(tiny, employees=3)
    add_records(school_a, employees=40)
    add_records(school_b, employees=12, certified=0.08, self_certified=0.02)
    stranger = MunicipalAdminFactory.create(
        municipality=MunicipalityFactory.create(require_mfa_for_admins=False)
    )
    stranger_unit = UnitFactory.create(municipality=stranger.municipality, code="1100")
    add_records(stranger_unit, employees=50, certified=0.2)
    return AbsenceWorld(
        municipality=municipality,
        health=health,
        home=home,
        nursing=nursing,
        tiny=tiny,
        schools=schools,
        school_a=school_a,
        school_b=school_b,
        admin=admin,
        reader=reader,
        stranger=stranger,
        stranger_unit=stranger_unit,
    )
