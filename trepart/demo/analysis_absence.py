"""Made-up sick leave for the demo: monthly figures for every unit, with seasons and trends.

Three years (36 months up to last month) for the demo; for the benchmark presets
(``bulk``) ten years, which is 180,000 records for the "oslo" preset's 1,500 units.
Deterministic: the same municipality gets the same figures.

Each unit has its own level (4–10 %), higher in January and February and lowest in July;
about a third of the units improve over the years (the Øvre Eiker story), a few get worse.
Agreed days are about employees x 20.5 working days x 0.9 (average position share).
"""

from __future__ import annotations

import datetime
import random

from django.db import transaction
from django.utils import timezone

from trepart.analysis.absence import add_months, month_start
from trepart.analysis.models import AbsenceRecord, PresenceTarget
from trepart.organisation.models import Municipality, Unit

DEMO_MONTHS = 36
BULK_MONTHS = 120
BATCH_SIZE = 5000
# How sick leave varies over the year (1.0 = the unit's level).
SEASON = {
    1: 1.25,
    2: 1.22,
    3: 1.08,
    4: 0.98,
    5: 0.92,
    6: 0.88,
    7: 0.62,
    8: 0.86,
    9: 1.0,
    10: 1.05,
    11: 1.1,
    12: 1.08,
}
WORK_DAYS = 20.5
POSITION_SHARE = 0.9


def _seed(municipality: Municipality) -> int:
    digits = "".join(ch for ch in municipality.organisation_number if ch.isdigit())
    return int(digits or "0") * 31 + 7


def absence_build(
    *,
    municipality: Municipality,
    preset: str,
    bulk: bool,
    today: datetime.date | None = None,
) -> None:
    """Monthly sick leave for every unit with employees, and a few presence targets."""
    rng = random.Random(_seed(municipality))
    last = add_months(month_start(today or timezone.localdate()), -1)
    months = BULK_MONTHS if bulk else DEMO_MONTHS
    first = add_months(last, -(months - 1))
    units = list(
        Unit.objects.filter(municipality=municipality)
        .order_by("pk")
        .values_list("pk", "kind", "employee_count")
    )
    records: list[AbsenceRecord] = []
    with transaction.atomic():
        AbsenceRecord.objects.filter(municipality=municipality).delete()
        PresenceTarget.objects.filter(municipality=municipality).delete()
        for pk, kind, employee_count in units:
            if kind == Unit.Kind.SECTOR and not employee_count:
                continue
            employees = employee_count or rng.randint(10, 40)
            level = rng.uniform(0.04, 0.10)
            # Relative change per year: most stay, a third improve, a few get worse.
            drift = rng.choice([0.0, 0.0, -0.08, -0.12, 0.05])
            certified_share = rng.uniform(0.72, 0.86)
            for step in range(months):
                month = add_months(first, step)
                years = step / 12
                count = max(1, employees + rng.choice([0, 0, 0, 0, -1, 1]))
                agreed = count * WORK_DAYS * POSITION_SHARE
                rate = level * SEASON[month.month] * (1 + drift) ** years
                rate *= rng.uniform(0.8, 1.2)
                lost = min(agreed * rate, agreed)
                records.append(
                    AbsenceRecord(
                        municipality=municipality,
                        unit_id=pk,
                        period_start=month,
                        months=1,
                        agreed_days=round(agreed, 1),
                        lost_certified=round(lost * certified_share, 1),
                        lost_self=round(lost * (1 - certified_share), 1),
                        employees=count,
                    )
                )
                if len(records) >= BATCH_SIZE:
                    AbsenceRecord.objects.bulk_create(records)
                    records = []
        AbsenceRecord.objects.bulk_create(records)
        sectors = [pk for pk, kind, _count in units if kind == Unit.Kind.SECTOR]
        work_units = [pk for pk, kind, _count in units if kind == Unit.Kind.UNIT]
        picked = rng.sample(work_units, min(5, len(work_units)))
        PresenceTarget.objects.bulk_create(
            [
                PresenceTarget(municipality=municipality, unit_id=pk, year=year, percent=93)
                for pk in sectors
                for year in (last.year - 1, last.year)
            ]
            + [
                PresenceTarget(municipality=municipality, unit_id=pk, year=last.year, percent=94)
                for pk in picked
            ]
        )
