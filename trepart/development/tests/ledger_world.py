"""The savings ledger's test world: the project world's municipality with a second sector,
and measures written directly as test data (the services under test do not build it).

Teknisk (sector) ─ Vei og park: brøyting 2026 400 000 planned / 300 000 realised,
                                2027 400 000 planned; FTE -1.0 through natural attrition.
Helse (sector)   ─ Sykehjemmet: innkjøp 2026 200 000 planned / 250 000 realised.
                 ─ Hjemmetjenesten: nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from trepart.development.models import Realisation, SavingsMeasure, SavingsYear
from trepart.development.tests.world import ProjectWorld, build_project_world
from trepart.organisation.models import Unit
from trepart.organisation.tests.factories import UnitFactory


@dataclass
class LedgerWorld:
    world: ProjectWorld
    sector: Unit  # Teknisk
    health: Unit
    home: Unit
    nursing: Unit
    roads: SavingsMeasure
    purchasing: SavingsMeasure


def measure_make(
    unit: Unit,
    title: str,
    realisation: str,
    years: dict[int, tuple[int, int | None]],
    *,
    fte: str = "0",
) -> SavingsMeasure:
    measure = SavingsMeasure.objects.create(
        municipality_id=unit.municipality_id,
        unit=unit,
        title=title,
        realisation=realisation,
        fte_effect=Decimal(fte),
    )
    for year, (planned, realised) in years.items():
        SavingsYear.objects.create(measure=measure, year=year, planned=planned, realised=realised)
    return measure


def build_ledger_world() -> LedgerWorld:
    world = build_project_world()
    # The administrator signs in without a second factor in these tests.
    world.municipality.require_mfa_for_admins = False
    world.municipality.save(update_fields=["require_mfa_for_admins"])
    sector = world.unit.parent
    assert sector is not None
    health = UnitFactory.create(
        municipality=world.municipality, name="Helse", kind=Unit.Kind.SECTOR, code="HELSE"
    )
    nursing = UnitFactory.create(
        municipality=world.municipality, name="Sykehjemmet", parent=health, code="SYK"
    )
    home = UnitFactory.create(
        municipality=world.municipality, name="Hjemmetjenesten", parent=health, code="HJEM"
    )
    roads = measure_make(
        world.unit,
        "Færre brøyterunder",
        Realisation.ATTRITION,
        {2026: (400_000, 300_000), 2027: (400_000, None)},
        fte="-1.00",
    )
    purchasing = measure_make(
        nursing, "Felles innkjøp", Realisation.PURCHASING, {2026: (200_000, 250_000)}
    )
    return LedgerWorld(world, sector, health, home, nursing, roads, purchasing)
