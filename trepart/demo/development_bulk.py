"""Made-up development work at the benchmark's scale: a few large service reviews (hundreds
of tasks with four levels and every party's weights) and a savings ledger with measures in
every unit. Written with ``bulk_create``, as the builder writes units and people: this is
made-up volume, not anyone's changes. Deterministic for a municipality.
"""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from django.db import transaction

from trepart.development.models import (
    Project,
    ProjectKind,
    Realisation,
    SavingsMeasure,
    SavingsYear,
    Task,
    TaskLevel,
    Weight,
)
from trepart.organisation.models import Body, Membership, Municipality, Party, Person, Unit

# (tasks, sector name) of each large review; the sector's own units get the tasks.
LARGE_REVIEWS = ((800, "Helse og omsorg"), (500, "Oppvekst"), (300, "Teknisk"))
LEDGER_YEARS = 3
BATCH_SIZE = 5000
TASK_WORDS = (
    "Drift",
    "Tilsyn",
    "Vedlikehold",
    "Oppfølging",
    "Saksbehandling",
    "Renhold",
    "Innkjøp",
    "Rapportering",
    "Opplæring",
    "Transport",
    "Vakthold",
    "Dokumentasjon",
)


def development_bulk_build(*, municipality: Municipality, today: datetime.date) -> None:
    rng = random.Random(int(municipality.organisation_number) * 17 + 3)
    mandating = Body.objects.filter(
        municipality=municipality, template_slot="lunner:trepartsorgan"
    ).first()
    if mandating is None:
        return
    with transaction.atomic():
        for count, sector_name in LARGE_REVIEWS:
            sector = (
                Unit.objects.filter(
                    municipality=municipality, kind=Unit.Kind.SECTOR, name__startswith=sector_name
                )
                .order_by("pk")
                .first()
            )
            if sector is None:
                continue
            _large_review(municipality, mandating, sector, count, rng, today)
        _ledger(municipality, rng, today)


def _large_review(
    municipality: Municipality,
    mandating: Body,
    sector: Unit,
    count: int,
    rng: random.Random,
    today: datetime.date,
) -> Project:
    units = list(Unit.objects.filter(parent=sector).order_by("pk")[:40])
    staff = list(
        Person.objects.filter(unit__in=units, kind=Person.Kind.EMPLOYEE).order_by("pk")[:12]
    )
    group = Body.objects.create(
        municipality=municipality,
        name=f"Prosjektgruppe tjenestegjennomgang {sector.name}",
        kind=Body.Kind.PROJECT_GROUP,
        parent=mandating,
        established=today - datetime.timedelta(days=120),
    )
    parties = [Party.ADMINISTRATION, Party.EMPLOYEE, Party.EMPLOYEE, Party.SERVICE_USER]
    Membership.objects.bulk_create(
        Membership(
            municipality=municipality,
            body=group,
            person=person,
            party=parties[index % len(parties)],
            start=group.established,
        )
        for index, person in enumerate(staff)
    )
    total = 0
    project = Project.objects.create(
        municipality=municipality,
        kind=ProjectKind.SERVICE_REVIEW,
        title=f"Tjenestegjennomgang {sector.name}",
        summary="Alle oppgavene i sektoren vektet mot ønsket standard.",
        mandating_body=mandating,
        mandate="Finn varige innsparinger med minst mulig tap av kvalitet.",
        leader=staff[0],
        group=group,
        starts_on=today - datetime.timedelta(days=120),
        ends_on=today + datetime.timedelta(days=240),
    )
    project.units.set(units)
    tasks = []
    for number in range(count):
        cost = rng.randrange(200, 8000) * 1000
        total += cost
        tasks.append(
            Task(
                project=project,
                unit=units[number % len(units)] if units else None,
                code=f"T{number + 1:04d}",
                name=f"{rng.choice(TASK_WORDS)} {number + 1}",
                yearly_cost=cost,
                ftes=Decimal(str(round(cost / 800_000, 2))),
                statutory=number % 7 == 0,
                statutory_minimum="KEEP" if number % 7 == 0 else "",
                agreed_weight=Decimal(rng.randint(1, 10)),
                position=number + 1,
            )
        )
    Task.objects.bulk_create(tasks, batch_size=BATCH_SIZE)
    levels, weights = [], []
    for task in tasks:
        cost, ftes = task.yearly_cost, float(task.ftes)
        for kind, share, quality in (
            ("REMOVE", 0.0, 0),
            ("LOWER", rng.uniform(0.55, 0.85), rng.randint(3, 6)),
            ("KEEP", 1.0, 7),
            ("RAISE", rng.uniform(1.1, 1.4), rng.randint(8, 10)),
        ):
            if kind == "REMOVE" and task.statutory:
                continue
            levels.append(
                TaskLevel(
                    task=task,
                    kind=kind,
                    yearly_cost=round(cost * share, -3),
                    ftes=Decimal(str(round(ftes * share, 2))),
                    quality=quality,
                )
            )
        for party in Party.three():
            weights.append(Weight(task=task, party=party, weight=rng.randint(0, 10)))
    TaskLevel.objects.bulk_create(levels, batch_size=BATCH_SIZE)
    Weight.objects.bulk_create(weights, batch_size=BATCH_SIZE)
    project.savings_target = round(total * 0.04, -5)
    project.save(update_fields=["savings_target"])
    return project


def _ledger(municipality: Municipality, rng: random.Random, today: datetime.date) -> None:
    """One or two measures in every unit, with three years of planned and realised kroner."""
    units = list(Unit.objects.filter(municipality=municipality, kind=Unit.Kind.UNIT).order_by("pk"))
    # Savings only: an added cost would need negative amounts.
    kinds = [kind for kind in Realisation.values if kind != Realisation.ADDED_COST]
    measures = [
        SavingsMeasure(
            municipality=municipality,
            unit=unit,
            title=f"Tiltak {index + 1}: {rng.choice(TASK_WORDS).lower()}",
            realisation=rng.choice(kinds),
            fte_effect=Decimal(str(-round(rng.uniform(0, 2), 1))),
            status=rng.choice(SavingsMeasure.Status.values),
        )
        for index, unit in enumerate(units)
        for _ in range(rng.randint(1, 2))
    ]
    SavingsMeasure.objects.bulk_create(measures, batch_size=BATCH_SIZE)
    years = []
    for measure in measures:
        planned = rng.randrange(50, 900) * 1000
        for offset in range(LEDGER_YEARS):
            year = today.year - LEDGER_YEARS + 1 + offset
            realised = None if year == today.year else round(planned * rng.uniform(0.6, 1.1), -3)
            years.append(
                SavingsYear(measure=measure, year=year, planned=planned, realised=realised)
            )
    SavingsYear.objects.bulk_create(years, batch_size=BATCH_SIZE)
