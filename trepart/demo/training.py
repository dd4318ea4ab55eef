"""The demo's medarbeiderskap course, Lunner-style: meant to be mandatory for all employees
and politicians, so far taken mostly by leaders and permanent staff.

Three years of four runs a year (February, April, September, November; three Tuesdays a
week apart), each with two teachers. Completion rises year by year to most leaders and
permanent staff, a little among temporary staff and politicians; a few people attended only
some days. The coming runs have people enrolled and, on the next one, a waiting list.
Every eighth employee who is not a leader is on temporary terms. The rows tell a past, so
they are written directly. The oslo preset adds ten years of course records (50,000).
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field

from django.utils import timezone

from trepart.organisation.models import Municipality, Person
from trepart.training.models import (
    Attendance,
    CourseDay,
    CourseRun,
    CourseSetting,
    Enrolment,
    TemporaryStaff,
)

BATCH_SIZE = 5000
RUN_MONTHS = (2, 4, 9, 11)
YEARS = 3
# The share who have completed by the end of each year: (leaders, permanent, temporary,
# politicians).
RISING = ((0.35, 0.2, 0.02, 0.1), (0.65, 0.45, 0.05, 0.2), (0.85, 0.7, 0.1, 0.3))
PLACES = ("Rådhuset, kommunestyresalen", "Kulturhuset", "Helsehuset, møterom 2")
BULK_RECORDS = 50_000
BULK_YEARS = 10


def _tuesday(year: int, month: int) -> datetime.date:
    day = datetime.date(year, month, 1)
    return day + datetime.timedelta(days=(1 - day.weekday()) % 7 + 7)


def run_days(year: int, month: int) -> list[datetime.date]:
    first = _tuesday(year, month)
    return [first + datetime.timedelta(days=7 * n) for n in range(3)]


@dataclass
class _Rows:
    runs: list[tuple[CourseRun, list[datetime.date]]] = field(default_factory=list)
    enrolments: list[tuple[Enrolment, int]] = field(default_factory=list)  # (row, days attended)


def training_build(*, municipality: Municipality, preset: str, bulk: bool = False) -> None:
    """The course's setting, runs and records (ten years more for the oslo preset)."""
    today = timezone.localdate()
    rng = random.Random(int(municipality.pk) * 17 + 3)
    CourseSetting.objects.create(
        municipality=municipality,
        mandatory=True,
        for_employees=True,
        for_leaders=True,
        for_permanent=True,
        for_politicians=True,
    )
    people = list(
        Person.objects.filter(
            municipality=municipality, kind__in=[Person.Kind.EMPLOYEE, Person.Kind.POLITICIAN]
        )
        .order_by("pk")
        .values_list("pk", "kind", "is_leader")
    )
    employees = [pk for pk, kind, leader in people if kind == Person.Kind.EMPLOYEE and not leader]
    temporary = set(employees[7::8])
    TemporaryStaff.objects.bulk_create(
        (TemporaryStaff(municipality=municipality, person_id=pk) for pk in sorted(temporary)),
        batch_size=BATCH_SIZE,
    )
    groups: list[list[int]] = [
        [pk for pk, kind, leader in people if leader],
        [pk for pk in employees if pk not in temporary],
        sorted(temporary),
        [pk for pk, kind, _leader in people if kind == Person.Kind.POLITICIAN],
    ]
    for group in groups:
        rng.shuffle(group)
    teachers = groups[0][:2]
    rows = _Rows()
    done = [0, 0, 0, 0]
    first_year = today.year - YEARS + 1
    later: list[list[datetime.date]] = []
    for index, shares in enumerate(RISING):
        year = first_year + index
        slots = [run_days(year, month) for month in RUN_MONTHS]
        past = [days for days in slots if days[-1] < today]
        coming = [days for days in slots if days[-1] >= today]
        later.extend(coming)
        if not past:
            continue
        takers: list[int] = []
        for number, group in enumerate(groups):
            upto = int(len(group) * shares[number])
            takers.extend(group[done[number] : upto])
            done[number] = max(done[number], upto)
        for slot, days in enumerate(past):
            share = takers[slot :: len(past)]
            run = _run(municipality, days, capacity=max(20, len(share) + 2), rng=rng)
            rows.runs.append((run, days))
            for pk in share:
                # One in twenty missed a day: enrolled, not completed (they come back later).
                attended = 2 if rng.random() < 0.05 else 3
                rows.enrolments.append(
                    (_enrolment(municipality, run, pk, days, attended), attended)
                )
    if len(later) < 2:
        later.extend(run_days(today.year + 1, month) for month in RUN_MONTHS[: 2 - len(later)])
    _coming(municipality, later, groups[1][done[1] : done[1] + 40], rows, rng)
    _write(rows, teachers)
    if preset == "oslo":
        training_bulk_build(
            municipality=municipality, people=[pk for pk, _k, _l in people], rng=rng
        )


def _run(
    municipality: Municipality, days: list[datetime.date], *, capacity: int, rng: random.Random
) -> CourseRun:
    return CourseRun(
        municipality=municipality,
        place=rng.choice(PLACES),
        capacity=capacity,
        starts_on=days[0],
        ends_on=days[-1],
    )


def _enrolment(
    municipality: Municipality, run: CourseRun, pk: int, days: list[datetime.date], attended: int
) -> Enrolment:
    return Enrolment(
        municipality=municipality,
        run=run,
        person_id=pk,
        status=Enrolment.Status.ENROLLED,
        way=Enrolment.Way.LIST,
        completed_on=days[-1] if attended == 3 else None,
    )


def _coming(
    municipality: Municipality,
    coming: list[list[datetime.date]],
    takers: list[int],
    rows: _Rows,
    rng: random.Random,
) -> None:
    """The coming runs: the first full with a waiting list, the others half full."""
    for number, days in enumerate(coming):
        share = takers[number :: len(coming)]
        capacity = max(5, len(share) - 3) if number == 0 else max(20, 2 * len(share))
        run = _run(municipality, days, capacity=capacity, rng=rng)
        rows.runs.append((run, days))
        for position, pk in enumerate(share):
            enrolment = _enrolment(municipality, run, pk, days, 0)
            if position >= capacity:
                enrolment.status = Enrolment.Status.WAITING
            rows.enrolments.append((enrolment, 0))


def _write(rows: _Rows, teachers: list[int]) -> None:
    CourseRun.objects.bulk_create([run for run, _days in rows.runs], batch_size=BATCH_SIZE)
    CourseDay.objects.bulk_create(
        (
            CourseDay(run=run, number=number, date=day)
            for run, days in rows.runs
            for number, day in enumerate(days, start=1)
        ),
        batch_size=BATCH_SIZE,
    )
    through = CourseRun.teachers.through
    through.objects.bulk_create(
        (through(courserun_id=run.pk, person_id=pk) for run, _days in rows.runs for pk in teachers),
        batch_size=BATCH_SIZE,
    )
    Enrolment.objects.bulk_create([row for row, _n in rows.enrolments], batch_size=BATCH_SIZE)
    days_of = _day_ids([run.pk for run, _days in rows.runs])
    Attendance.objects.bulk_create(
        (
            Attendance(enrolment=row, day_id=day_id)
            for row, attended in rows.enrolments
            for day_id in days_of[row.run_id][:attended]
        ),
        batch_size=BATCH_SIZE,
    )


def _day_ids(run_ids: list[int]) -> dict[int, list[int]]:
    found: dict[int, list[int]] = {}
    for run_id, pk in (
        CourseDay.objects.filter(run_id__in=run_ids)
        .order_by("run_id", "number")
        .values_list("run_id", "pk")
    ):
        found.setdefault(run_id, []).append(pk)
    return found


def training_bulk_build(
    *,
    municipality: Municipality,
    people: list[int],
    rng: random.Random,
    records: int = BULK_RECORDS,
    years: int = BULK_YEARS,
) -> None:
    """``years`` before the story of made-up course records: ``records`` in all."""
    if not people:
        return
    today = timezone.localdate()
    first_year = today.year - YEARS - years + 1
    runs_per_year = 25
    # One live enrolment per person and run: a run never holds more than everyone.
    per_run = min(records // (years * runs_per_year), len(people))
    rows = _Rows()
    cursor = 0
    for year in range(first_year, first_year + years):
        for slot in range(runs_per_year):
            month = 1 + (slot * 11) // runs_per_year
            first = datetime.date(year, month, 1) + datetime.timedelta(days=(slot % 3) * 7)
            days = [first + datetime.timedelta(days=7 * n) for n in range(3)]
            run = _run(municipality, days, capacity=per_run, rng=rng)
            rows.runs.append((run, days))
            for _n in range(per_run):
                pk = people[cursor % len(people)]
                cursor += 1
                attended = 3 if rng.random() < 0.9 else rng.choice((1, 2))
                rows.enrolments.append(
                    (_enrolment(municipality, run, pk, days, attended), attended)
                )
    _write(rows, [])
