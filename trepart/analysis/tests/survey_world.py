"""A municipality with units, bodies and people, and a survey round, for the survey tests.

Fjordvik kommune has a sector "Oppvekst" with two schools under it and a separate nursing
home. Trepartsutvalget has three politicians, three from the administration and three
employee representatives; the LMU of Nordby skole has its leader and two employees. Every
school employee has an e-mail address; one nursing-home employee has none. Logins
(usernames end in the municipality's id, so two worlds can coexist): ``admin`` (municipal
administrator), ``politician`` (in Trepartsutvalget), ``teacher`` (an employee of Nordby
skole, in its LMU), ``outsider`` (an employee of the same municipality who is in no
target), and ``stranger`` (another municipality, with its own admin ``stranger_admin``).

``build_world()`` makes all that and the built-in instruments, no survey.
``open_round(world)`` opens a self-assessment round for Trepartsutvalget and the schools
and returns it with the tokens taken from the sent e-mails (``tokens_by_email``).
``answer_all(world, survey, tokens, value=)`` answers every link (for result tests).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django.core import mail

from trepart.accounts.tests.factories import MunicipalityFactory, UserFactory
from trepart.analysis import instruments
from trepart.analysis.models import Instrument, Question, Survey
from trepart.analysis.services import surveys as services
from trepart.organisation.models import Body, Municipality, Person, Unit
from trepart.organisation.tests.factories import (
    BodyFactory,
    MembershipFactory,
    PersonFactory,
    UnitFactory,
)

LINK = re.compile(r"/analyse/svar/([A-Za-z0-9_-]+)/")


@dataclass
class World:
    municipality: Municipality
    sector: Unit
    nordby: Unit
    sorby: Unit
    nursing: Unit
    body: Body
    lmu: Body
    admin: Any
    politician: Any
    teacher: Any
    outsider: Any
    stranger: Any
    stranger_admin: Any
    self_assessment: Instrument
    user_survey: Instrument
    school_staff: list[Person] = field(default_factory=list)
    nursing_staff: list[Person] = field(default_factory=list)
    seats: dict[str, list[Person]] = field(default_factory=dict)

    def person(self, user: Any) -> Person:
        return Person.objects.get(user=user)


def _user(municipality: Municipality, username: str, first: str, last: str, **extra: Any) -> Any:
    return UserFactory.create(
        municipality=municipality,
        # Unique across worlds, so a test can build two municipalities.
        username=f"{username}-{municipality.pk}",
        first_name=first,
        last_name=last,
        email=f"{username}@fjordvik.invalid",
        **extra,
    )


def build_world(*, staff_per_school: int = 6) -> World:
    municipality = MunicipalityFactory.create(
        name="Fjordvik kommune", language="nb", require_mfa_for_admins=False
    )
    sector = UnitFactory.create(
        municipality=municipality, name="Oppvekst", kind=Unit.Kind.SECTOR, code="S1"
    )
    nordby = UnitFactory.create(
        municipality=municipality, name="Nordby skole", parent=sector, code="U1"
    )
    sorby = UnitFactory.create(
        municipality=municipality, name="Sørby skole", parent=sector, code="U2"
    )
    nursing = UnitFactory.create(municipality=municipality, name="Fjordvik sykehjem", code="U3")
    body = BodyFactory.create(municipality=municipality, name="Trepartsutvalget")
    lmu = BodyFactory.create(
        municipality=municipality, name="LMU Nordby skole", kind=Body.Kind.LMU, unit=nordby
    )

    admin = _user(municipality, "ada", "Ada", "Admin", is_municipal_admin=True)
    politician = _user(municipality, "per", "Per", "Politiker")
    teacher = _user(municipality, "tina", "Tina", "Lærer")
    outsider = _user(municipality, "olga", "Olga", "Utenfor")
    PersonFactory.create(
        municipality=municipality,
        user=outsider,
        first_name="Olga",
        last_name="Utenfor",
        email="olga@fjordvik.invalid",
        unit=nursing,
    )

    school_staff: list[Person] = []
    teacher_person = PersonFactory.create(
        municipality=municipality,
        user=teacher,
        first_name="Tina",
        last_name="Lærer",
        email="tina@fjordvik.invalid",
        unit=nordby,
    )
    school_staff.append(teacher_person)
    for school in (nordby, sorby):
        while sum(1 for p in school_staff if p.unit_id == school.pk) < staff_per_school:
            school_staff.append(PersonFactory.create(municipality=municipality, unit=school))
    nursing_staff = [
        PersonFactory.create(municipality=municipality, unit=nursing),
        PersonFactory.create(municipality=municipality, unit=nursing, email=""),
    ]

    seats: dict[str, list[Person]] = {"POLITICAL": [], "ADMINISTRATION": [], "EMPLOYEE": []}
    politician_person = PersonFactory.create(
        municipality=municipality,
        user=politician,
        first_name="Per",
        last_name="Politiker",
        email="per@fjordvik.invalid",
        kind=Person.Kind.POLITICIAN,
    )
    seats["POLITICAL"].append(politician_person)
    for party in ("POLITICAL", "ADMINISTRATION", "EMPLOYEE"):
        while len(seats[party]) < 3:
            kind = Person.Kind.POLITICIAN if party == "POLITICAL" else Person.Kind.EMPLOYEE
            seats[party].append(
                PersonFactory.create(
                    municipality=municipality,
                    kind=kind,
                    is_leader=party == "ADMINISTRATION",
                )
            )
    for party, people in seats.items():
        for person in people:
            MembershipFactory.create(body=body, person=person, party=party)
    MembershipFactory.create(body=lmu, person=school_staff[1], party="ADMINISTRATION", role="CHAIR")
    MembershipFactory.create(body=lmu, person=teacher_person, party="EMPLOYEE")

    stranger_admin = UserFactory.create(
        is_municipal_admin=True,
        municipality=MunicipalityFactory.create(require_mfa_for_admins=False),
    )
    stranger = UserFactory.create(municipality=stranger_admin.municipality)
    return World(
        municipality=municipality,
        sector=sector,
        nordby=nordby,
        sorby=sorby,
        nursing=nursing,
        body=body,
        lmu=lmu,
        admin=admin,
        politician=politician,
        teacher=teacher,
        outsider=outsider,
        stranger=stranger,
        stranger_admin=stranger_admin,
        self_assessment=instruments.instrument_get_or_create(
            municipality=municipality, key=instruments.SELF_ASSESSMENT
        ),
        user_survey=instruments.instrument_get_or_create(
            municipality=municipality, key=instruments.USER_SURVEY
        ),
        school_staff=school_staff,
        nursing_staff=nursing_staff,
        seats=seats,
    )


def tokens_by_email(messages: list[Any] | None = None) -> dict[str, str]:
    """The answer token in each sent e-mail, by recipient (the latest wins)."""
    found: dict[str, str] = {}
    for sent in messages if messages is not None else mail.outbox:
        match = LINK.search(str(sent.body))
        if match:
            found[sent.to[0]] = match.group(1)
    return found


def open_round(
    world: World,
    *,
    title: str = "Status i egen kommune",
    round_label: str = "Vår 2026",
    units: list[Unit] | None = None,
    bodies: list[Body] | None = None,
    parties: list[str] | None = None,
    everyone: bool = False,
    django_capture_on_commit_callbacks: Any = None,
) -> tuple[Survey, dict[str, str]]:
    """Open a self-assessment round (default: Trepartsutvalget and the Oppvekst sector).

    E-mails are sent on commit; in a test without transactions pass the pytest-django
    fixture ``django_capture_on_commit_callbacks`` so they are sent (or the tokens dict is
    empty).
    """
    survey = services.survey_create(
        actor=world.admin,
        instrument=world.self_assessment,
        title=title,
        round_label=round_label,
        target_everyone=everyone,
        units=[world.sector] if units is None else units,
        bodies=[world.body] if bodies is None else bodies,
        parties=parties or [],
    )
    before = len(mail.outbox)
    if django_capture_on_commit_callbacks is not None:
        with django_capture_on_commit_callbacks(execute=True):
            services.survey_open(actor=world.admin, survey=survey)
    else:
        services.survey_open(actor=world.admin, survey=survey)
    return survey, tokens_by_email(mail.outbox[before:])


def full_answers(survey: Survey, *, value: int = 4, text: str = "") -> dict[int, Any]:
    """An answer to every question: ``value`` on each scale, the first choice, ``text``."""
    answers: dict[int, Any] = {}
    for question in services.questions_of(survey):
        if question.kind == Question.Kind.SCALE:
            answers[question.pk] = value
        elif question.kind == Question.Kind.CHOICE:
            answers[question.pk] = 0
        else:
            answers[question.pk] = text
    return answers


def answer_all(survey: Survey, tokens: dict[str, str], *, value: int = 4, text: str = "") -> int:
    """Answer through every token; returns how many answers were stored."""
    for token in tokens.values():
        services.answer_submit(token=token, values=full_answers(survey, value=value, text=text))
    return len(tokens)
