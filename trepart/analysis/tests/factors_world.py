"""A municipality with 10-FAKTOR results for two years, for the factor and snapshot tests.

The school sector has a school (20 respondents), a nursery (8) and a small kindergarten
(4: under the municipality's threshold of 5, so hidden, and the nursery with it so the
kindergarten cannot be worked out from the sector). The health sector has one home-care
unit (30).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from trepart.accounts.tests.factories import MunicipalityFactory, UserFactory
from trepart.analysis.factors import FACTOR_ORDER
from trepart.analysis.models import FactorResult
from trepart.organisation.models import Municipality, Unit
from trepart.organisation.tests.factories import UnitFactory

# The school's profile in 2026: strongest on prosocial motivation, weakest on development.
SCHOOL_2026 = dict(
    zip(FACTOR_ORDER, (4.4, 4.1, 3.9, 4.2, 3.8, 4.3, 3.2, 4.5, 4.0, 4.7), strict=True)
)


@dataclass
class FactorWorld:
    municipality: Municipality
    sector: Unit
    school: Unit
    nursery: Unit
    small: Unit
    health: Unit
    home_care: Unit
    reader: Any
    admin: Any


def add_results(unit: Unit, year: int, averages: dict[str, float], respondents: int) -> None:
    FactorResult.objects.bulk_create(
        FactorResult(
            municipality_id=unit.municipality_id,
            unit=unit,
            year=year,
            factor=factor,
            average=average,
            respondents=respondents,
        )
        for factor, average in averages.items()
    )


def build_factor_world(municipality: Municipality | None = None) -> FactorWorld:
    municipality = municipality or MunicipalityFactory.create(
        name="Faktorvik kommune", require_mfa_for_admins=False
    )

    def unit(code: str, name: str, parent: Unit | None = None, kind: str = "UNIT") -> Unit:
        return UnitFactory.create(
            municipality=municipality, code=code, name=name, parent=parent, kind=kind
        )

    sector = unit("OPPV", "Oppvekst", kind="SECTOR")
    school = unit("SKOLE", "Faktorvik skole", sector)
    nursery = unit("SFO", "Faktorvik SFO", sector)
    small = unit("BHG", "Lille barnehage", sector)
    health = unit("HELSE", "Helse", kind="SECTOR")
    home_care = unit("HJEM", "Hjemmetjenesten", health)
    for factor_unit, respondents, base in (
        (nursery, 8, 3.6),
        (small, 4, 2.3),
        (home_care, 30, 3.7),
    ):
        for year in (2025, 2026):
            add_results(factor_unit, year, dict.fromkeys(FACTOR_ORDER, base), respondents)
    add_results(school, 2026, SCHOOL_2026, 20)
    add_results(school, 2025, {f: value - 0.3 for f, value in SCHOOL_2026.items()}, 18)
    return FactorWorld(
        municipality=municipality,
        sector=sector,
        school=school,
        nursery=nursery,
        small=small,
        health=health,
        home_care=home_care,
        reader=UserFactory.create(municipality=municipality),
        admin=UserFactory.create(municipality=municipality, is_municipal_admin=True),
    )
