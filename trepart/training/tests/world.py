"""A small municipality for the course's tests.

A sector (Oppvekst) with two schools; a leader of the sector (who leads both schools), a
leader of one school, employees with logins in each school, a politician, a citizen, HR
(the municipality's administrator) and a teacher. The course is mandatory for leaders,
permanent staff and politicians. Rows are made directly, as test data.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from trepart.accounts.tests.factories import MunicipalAdminFactory, MunicipalityFactory, UserFactory
from trepart.organisation.models import Municipality, Person, Unit
from trepart.organisation.tests.factories import PersonFactory, UnitFactory
from trepart.training.models import CourseRun, CourseSetting, Enrolment
from trepart.training.services.runs import run_create


@dataclass
class CourseWorld:
    municipality: Municipality
    sector: Unit
    school_a: Unit
    school_b: Unit
    admin: Any
    sector_leader: Any
    leader_a: Any
    teacher: Any
    employees: dict[str, Any]  # logins by name: a1, a2, b1
    politician: Any
    citizen: Person
    runs: dict[str, CourseRun] = field(default_factory=dict)


def login(
    municipality: Municipality,
    *,
    unit: Unit | None = None,
    leader: bool = False,
    kind: str = Person.Kind.EMPLOYEE,
    party: str = "",
) -> Any:
    user = UserFactory.create(municipality=municipality)
    PersonFactory.create(
        municipality=municipality,
        user=user,
        unit=unit,
        is_leader=leader,
        kind=kind,
        political_party=party,
        email=f"{user.username}@kommune.invalid",
    )
    return user


def days_from(start: datetime.date) -> list[datetime.date]:
    return [start, start + datetime.timedelta(days=7), start + datetime.timedelta(days=14)]


def build(*, capacity: int = 2) -> CourseWorld:
    # Two-factor sign-in for HR is tested by accounts; here HR signs in with a password.
    municipality = MunicipalityFactory.create(name="Kurskommune", require_mfa_for_admins=False)
    sector = UnitFactory.create(municipality=municipality, name="Oppvekst", kind=Unit.Kind.SECTOR)
    school_a = UnitFactory.create(municipality=municipality, name="Skole A", parent=sector)
    school_b = UnitFactory.create(municipality=municipality, name="Skole B", parent=sector)
    admin = MunicipalAdminFactory.create(municipality=municipality)
    PersonFactory.create(municipality=municipality, user=admin, kind=Person.Kind.EMPLOYEE)
    teacher = login(municipality, unit=sector)
    world = CourseWorld(
        municipality=municipality,
        sector=sector,
        school_a=school_a,
        school_b=school_b,
        admin=admin,
        sector_leader=login(municipality, unit=sector, leader=True),
        leader_a=login(municipality, unit=school_a, leader=True),
        teacher=teacher,
        employees={
            "a1": login(municipality, unit=school_a),
            "a2": login(municipality, unit=school_a),
            "b1": login(municipality, unit=school_b),
        },
        politician=login(municipality, kind=Person.Kind.POLITICIAN, party="Senterpartiet"),
        citizen=PersonFactory.create(municipality=municipality, kind=Person.Kind.CITIZEN),
    )
    CourseSetting.objects.create(
        municipality=municipality,
        mandatory=True,
        for_leaders=True,
        for_permanent=True,
        for_politicians=True,
    )
    start = timezone.localdate() + datetime.timedelta(days=10)
    world.runs["next"] = run_create(
        actor=admin,
        place="Rådhuset",
        capacity=capacity,
        days=days_from(start),
        teachers=[teacher.person],
    )
    return world


def past_enrolment(world: CourseWorld, person: Person) -> Enrolment:
    """``person`` enrolled on a run held twenty days ago by the world's teacher, with no
    day attended yet (made directly: the service refuses a run that has taken place)."""
    run = run_create(
        actor=world.admin,
        place="Kulturhuset",
        capacity=10,
        days=days_from(timezone.localdate() - datetime.timedelta(days=20)),
        teachers=[world.teacher.person],
    )
    return Enrolment.objects.create(
        municipality=world.municipality,
        run=run,
        person=person,
        status=Enrolment.Status.ENROLLED,
        way=Enrolment.Way.SELF,
    )
