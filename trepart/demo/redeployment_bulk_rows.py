"""The rows of the stillingsbank's made-up volume: cases spread over qualifications,
locations, percents and wages, and vacancies over units, statuses and wage bands, before
``redeployment_bulk`` gives them their rounds, offers and history."""

from __future__ import annotations

import datetime
import random
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from django.db.models import Model

from trepart.demo.redeployment_data import NEXT_WEEK
from trepart.demo.redeployment_setup import Ground, at, meeting_days
from trepart.organisation.models import Unit
from trepart.redeployment.models import (
    CaseEvent,
    CaseKind,
    CaseStatus,
    MatchRound,
    RedeploymentCase,
    Vacancy,
)

BATCH = 2_000
SIZES = {"small": (60, 240), "medium": (150, 600), "oslo": (500, 2_000)}
PERCENTS = (40, 50, 60, 75, 80, 100, 100, 100)
STATUSES = (
    (CaseStatus.ACTIVE, 40),
    (CaseStatus.OFFERED, 8),
    (CaseStatus.RETRAINING, 5),
    (CaseStatus.TEMPORARY, 5),
    (CaseStatus.PLACED, 30),
    (CaseStatus.PREFERENTIAL, 6),
    (CaseStatus.CLOSED, 6),
)
VACANCY_FATES = (
    (Vacancy.Status.RELEASED, 55),
    (Vacancy.Status.CONSIDERED, 20),
    (Vacancy.Status.HELD, 10),
    (Vacancy.Status.WITHDRAWN, 5),
)
TITLES = (
    "Helsefagarbeider",
    "Sykepleier",
    "Assistent",
    "Vernepleier",
    "Lærer",
    "Barne- og ungdomsarbeider",
    "Renholder",
    "Konsulent",
    "Fagarbeider",
    "Miljøterapeut",
)


def update_grouped(model: type[Model], rows: Sequence[Model], fields: list[str]) -> None:
    """Write ``fields`` of saved rows with one UPDATE per distinct set of values (the
    story's dates are few): ``bulk_update``'s CASE per row is slow at this size."""
    groups: dict[tuple[Any, ...], list[int]] = defaultdict(list)
    for row in rows:
        groups[tuple(getattr(row, name) for name in fields)].append(row.pk)
    for values, pks in groups.items():
        for start in range(0, len(pks), BATCH):
            model._default_manager.filter(pk__in=pks[start : start + BATCH]).update(
                **dict(zip(fields, values, strict=True))
            )


class BulkRows:
    def __init__(self, ground: Ground, chair: Any, rng: random.Random) -> None:
        self.ground, self.chair, self.rng = ground, chair, rng
        self.municipality = ground.municipality
        self.days = meeting_days(ground.today)
        self.rounds = list(MatchRound.objects.filter(bank=ground.bank).order_by("created_at", "pk"))
        self.events: list[CaseEvent] = []

    def _week(self, low: int = 0, high: int = NEXT_WEEK - 1) -> int:
        return self.rng.randint(low, high)

    def _cases(self, people: list[tuple[int, int, str]], redundant: int) -> list[RedeploymentCase]:
        rng, ground = self.rng, self.ground
        locations = list(ground.locations.values())
        statuses = [s for s, _w in STATUSES]
        weights = [w for _s, w in STATUSES]
        rows = []
        for n, (person_id, unit_id, position) in enumerate(people):
            kind = CaseKind.REDUNDANT if n < redundant else CaseKind.PART_TIME
            percent = rng.choice(PERCENTS[:5] if kind == CaseKind.PART_TIME else PERCENTS)
            wanted = (
                min(100, percent + rng.choice((20, 30, 40, 50)))
                if kind == CaseKind.PART_TIME
                else None
            )
            week = self._week(0, 48)
            status = rng.choices(statuses, weights)[0]
            if kind == CaseKind.PART_TIME and status in (
                CaseStatus.PREFERENTIAL,
                CaseStatus.RETRAINING,
                CaseStatus.TEMPORARY,
            ):
                status = CaseStatus.ACTIVE
            rows.append(
                RedeploymentCase(
                    municipality=self.municipality,
                    bank=ground.bank,
                    kind=kind,
                    person_id=person_id,
                    from_unit_id=unit_id,
                    position=position or "Ansatt",
                    percent=percent,
                    wanted_percent=wanted if wanted and wanted > percent else None,
                    wage_level=rng.randrange(440, 700) * 1000,
                    location=rng.choice(locations),
                    seniority_date=ground.today
                    - datetime.timedelta(days=rng.randint(365, 30 * 365)),
                    social_priority=rng.choice((0, 0, 0, 1, 2, 3, 5, 8)),
                    needs_adapted_work=rng.random() < 0.1,
                    redundant_on=self.days[week] + datetime.timedelta(days=1),
                    status=status,
                    created_by=self.chair,
                )
            )
        saved = RedeploymentCase.objects.bulk_create(rows, batch_size=BATCH)
        qualifications = list(ground.qualifications.values())
        through = RedeploymentCase.qualifications.through
        links = []
        for case in saved:
            for qualification in rng.sample(qualifications, rng.randint(1, 3)):
                links.append(
                    through(redeploymentcase_id=case.pk, qualification_id=qualification.pk)
                )
            case.created_at = at(case.redundant_on, 10)
        through.objects.bulk_create(links, batch_size=BATCH)
        return saved

    def _vacancies(self, units: list[Unit], count: int) -> list[Vacancy]:
        rng, ground = self.rng, self.ground
        locations = list(ground.locations.values())
        fates = [s for s, _w in VACANCY_FATES]
        weights = [w for _s, w in VACANCY_FATES]
        rows = []
        for _n in range(count):
            week = self._week(0, NEXT_WEEK - 1)
            low = rng.randrange(440, 640) * 1000
            status = rng.choices(fates, weights)[0]
            considered = (
                self.days[min(week + 1, NEXT_WEEK - 1)] if status != Vacancy.Status.HELD else None
            )
            rows.append(
                Vacancy(
                    municipality=self.municipality,
                    unit=rng.choice(units),
                    title=rng.choice(TITLES),
                    percent=rng.choice(PERCENTS),
                    location=rng.choice(locations),
                    wage_min=low,
                    wage_max=low + rng.randrange(30, 120) * 1000,
                    starts_on=self.days[week] + datetime.timedelta(weeks=6),
                    status=status,
                    considered_on=considered,
                    released_on=(
                        considered + datetime.timedelta(days=1)
                        if considered and status == Vacancy.Status.RELEASED
                        else None
                    ),
                    flagged=status == Vacancy.Status.RELEASED and rng.random() < 0.04,
                    registered_by=self.chair,
                )
            )
        saved = Vacancy.objects.bulk_create(rows, batch_size=BATCH)
        qualifications = list(ground.qualifications.values())
        required, wanted = Vacancy.required.through, Vacancy.wanted.through
        required_rows, wanted_rows = [], []
        for vacancy in saved:
            for qualification in rng.sample(qualifications, rng.randint(0, 2)):
                required_rows.append(
                    required(vacancy_id=vacancy.pk, qualification_id=qualification.pk)
                )
            for qualification in rng.sample(qualifications, rng.randint(0, 2)):
                wanted_rows.append(wanted(vacancy_id=vacancy.pk, qualification_id=qualification.pk))
            if vacancy.flagged:
                vacancy.flag_note = "Enheten kunne ikke vente lenger på stillingsbanken."
            vacancy.registered_at = at(vacancy.starts_on - datetime.timedelta(weeks=6), 10)
        required.objects.bulk_create(required_rows, batch_size=BATCH)
        wanted.objects.bulk_create(wanted_rows, batch_size=BATCH)
        return saved

    # -- the history -----------------------------------------------------------------------
