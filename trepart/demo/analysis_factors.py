"""Made-up KS 10-FAKTOR results for the demo: every unit, the last two years.

Each unit gets a profile around typical levels (prosocial motivation high, competence
development lower), its own offset, and a small change from one year to the next, so the
trend table has arrows both ways. Respondents are 3–40 (KS reports nobody under 3), so a
few units fall under the municipality's threshold and show as hidden. For the benchmark
presets (``bulk``) the same is written for every unit: 1,500 units x 2 years x 10 factors
for "oslo". Deterministic: the same municipality gets the same figures.
"""

from __future__ import annotations

import datetime
import random

from django.db import transaction
from django.utils import timezone

from trepart.analysis.factors import FACTOR_ORDER
from trepart.analysis.models import FactorImport, FactorResult
from trepart.organisation.models import Municipality, Unit

BATCH_SIZE = 5000
TYPICAL = dict(zip(FACTOR_ORDER, (4.3, 4.2, 4.0, 4.1, 3.8, 4.2, 3.6, 4.4, 4.0, 4.6), strict=True))


def _seed(municipality: Municipality) -> int:
    digits = "".join(ch for ch in municipality.organisation_number if ch.isdigit())
    return int(digits or "0") * 37 + 11


def _clamp(value: float) -> float:
    return round(min(5.0, max(1.0, value)), 2)


def factors_build(
    *,
    municipality: Municipality,
    preset: str,
    bulk: bool,
    today: datetime.date | None = None,
) -> None:
    """Two 10-FAKTOR years (last year and the one before) for every unit (not sectors)."""
    rng = random.Random(_seed(municipality))
    last = (today or timezone.localdate()).year - 1
    years = (last - 1, last)
    units = list(
        Unit.objects.filter(municipality=municipality, kind=Unit.Kind.UNIT)
        .order_by("pk")
        .values_list("pk", "employee_count")
    )
    with transaction.atomic():
        FactorResult.objects.filter(municipality=municipality).delete()
        FactorImport.objects.filter(municipality=municipality).delete()
        logs = {
            year: FactorImport.objects.create(
                municipality=municipality,
                file_name=f"ks-10-faktor-{year}.csv",
                rows=0,
            )
            for year in years
        }
        results: list[FactorResult] = []
        for pk, employees in units:
            offset = rng.uniform(-0.35, 0.3)
            trend = rng.choice([0.0, 0.1, 0.2, -0.1, -0.2])
            top = max(3, min(40, employees or 40))
            respondents = rng.randint(3, top)
            for step, year in enumerate(years):
                if step:
                    respondents = max(3, min(top, respondents + rng.randint(-3, 3)))
                for factor in FACTOR_ORDER:
                    average = TYPICAL[factor] + offset + step * trend + rng.uniform(-0.15, 0.15)
                    results.append(
                        FactorResult(
                            municipality=municipality,
                            unit_id=pk,
                            year=year,
                            factor=factor,
                            average=_clamp(average),
                            respondents=respondents,
                            source=logs[year],
                        )
                    )
        FactorResult.objects.bulk_create(results, batch_size=BATCH_SIZE)
        for year, log in logs.items():
            log.rows = sum(1 for result in results if result.year == year)
            log.save(update_fields=["rows"])
