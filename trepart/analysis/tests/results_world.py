"""A municipality with a unit tree, bodies and a survey, and a way to add answers.

Answers are written as rows directly (a ``Response`` with its ``Answer`` rows carrying the
response's groups), the way the answering service stores them, so the results tests do not
depend on the answer pages.

Eikvik has two sectors: "Oppvekst" with two schools and "Helse" with a nursing home; the
threshold is 5. The survey has three scale questions in two themes, one choice question and
one free-text question.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from trepart.accounts.tests.factories import MunicipalityFactory, UserFactory
from trepart.analysis.models import Answer, Instrument, KeptResults, Question, Response, Survey
from trepart.organisation.models import Body, Municipality, Unit
from trepart.organisation.tests.factories import BodyFactory, UnitFactory

DAY = datetime.date(2026, 10, 15)


@dataclass
class ResultsWorld:
    municipality: Municipality
    oppvekst: Unit
    school_a: Unit
    school_b: Unit
    helse: Unit
    home: Unit
    body: Body
    lmu: Body
    instrument: Instrument
    survey: Survey
    questions: list[Question]
    reader: Any
    stranger: Any

    @property
    def scale(self) -> list[Question]:
        return [q for q in self.questions if q.kind == Question.Kind.SCALE]

    @property
    def choice(self) -> Question:
        return next(q for q in self.questions if q.kind == Question.Kind.CHOICE)

    @property
    def text(self) -> Question:
        return next(q for q in self.questions if q.kind == Question.Kind.TEXT)


def make_instrument(municipality: Municipality, *, builtin_key: str = "") -> Instrument:
    instrument = Instrument.objects.create(
        municipality=municipality,
        kind=Instrument.Kind.SELF_ASSESSMENT if builtin_key else Instrument.Kind.EMPLOYEE,
        title="Status i egen kommune" if builtin_key else "Medarbeiderundersøkelse",
        builtin_key=builtin_key,
    )
    specs = [
        (Question.Kind.SCALE, "Alle partene får den samme informasjonen.", "likeverd", []),
        (Question.Kind.SCALE, "Partene har tillit til hverandre.", "likeverd", []),
        (Question.Kind.SCALE, "Vi lytter til hverandre.", "dialog", []),
        (Question.Kind.CHOICE, "Hvor ofte møtes dere?", "", ["Sjelden", "Ofte"]),
        (Question.Kind.TEXT, "Hva kan bli bedre?", "fritekst", []),
    ]
    Question.objects.bulk_create(
        Question(instrument=instrument, position=i, kind=kind, text=text, theme=theme, choices=ch)
        for i, (kind, text, theme, ch) in enumerate(specs, start=1)
    )
    return instrument


def make_survey(
    instrument: Instrument,
    *,
    round_label: str = "Høst 2026",
    opens_on: datetime.date = DAY,
    status: str = Survey.Status.CLOSED,
) -> Survey:
    return Survey.objects.create(
        municipality=instrument.municipality,
        instrument=instrument,
        title=instrument.title,
        round_label=round_label,
        status=status,
        opens_on=opens_on,
        closes_on=opens_on + datetime.timedelta(days=14),
        target_everyone=True,
    )


def respond(
    survey: Survey,
    *,
    values: Sequence[int | None],
    unit: Unit | None = None,
    party: str = "",
    body: Body | None = None,
    choice: int | None = None,
    text: str = "",
    late: bool = False,
) -> Response:
    """One anonymous response: ``values`` for the scale questions in order (None skips).

    The world's rounds are closed and their answers are written as they stood at closing,
    so results kept from an earlier read are forgotten (computed again when next read).
    ``late=True`` writes a row after closing instead: the kept results stay as they were.
    """
    if not late:
        KeptResults.objects.filter(survey=survey).delete()
    response = Response.objects.create(
        municipality_id=survey.municipality_id,
        survey=survey,
        unit=unit,
        party=party,
        body=body,
        answered_on=DAY,
    )
    questions = list(Question.objects.filter(instrument_id=survey.instrument_id))
    scale = iter(values)
    answers = []
    for question in questions:
        value: int | None = None
        words = ""
        if question.kind == Question.Kind.SCALE:
            value = next(scale, None)
        elif question.kind == Question.Kind.CHOICE:
            value = choice
        else:
            words = text
        if value is None and not words:
            continue
        answers.append(
            Answer(
                survey=survey,
                response=response,
                question=question,
                unit=unit,
                party=party,
                body=body,
                value=value,
                text=words,
            )
        )
    Answer.objects.bulk_create(answers)
    return response


def respond_many(survey: Survey, count: int, **kwargs: Any) -> None:
    for _index in range(count):
        respond(survey, **kwargs)


def build_results_world(*, builtin_key: str = "", threshold: int = 5) -> ResultsWorld:
    municipality = MunicipalityFactory.create(name="Eikvik kommune", survey_threshold=threshold)
    oppvekst = UnitFactory.create(
        municipality=municipality, name="Oppvekst", kind=Unit.Kind.SECTOR, code="S1"
    )
    helse = UnitFactory.create(
        municipality=municipality, name="Helse", kind=Unit.Kind.SECTOR, code="S2"
    )
    school_a = UnitFactory.create(
        municipality=municipality, parent=oppvekst, name="Austvik skule", code="U1"
    )
    school_b = UnitFactory.create(
        municipality=municipality, parent=oppvekst, name="Bakken skole", code="U2"
    )
    home = UnitFactory.create(
        municipality=municipality, parent=helse, name="Sjøheimen sykehjem", code="U3"
    )
    body = BodyFactory.create(municipality=municipality, name="Trepartsutvalget")
    lmu = BodyFactory.create(municipality=municipality, name="LMU Bakken", kind=Body.Kind.LMU)
    instrument = make_instrument(municipality, builtin_key=builtin_key)
    survey = make_survey(instrument)
    reader = UserFactory.create(municipality=municipality, username="leser")
    stranger = UserFactory.create(username="fremmed")
    return ResultsWorld(
        municipality=municipality,
        oppvekst=oppvekst,
        school_a=school_a,
        school_b=school_b,
        helse=helse,
        home=home,
        body=body,
        lmu=lmu,
        instrument=instrument,
        survey=survey,
        questions=list(Question.objects.filter(instrument=instrument)),
        reader=reader,
        stranger=stranger,
    )
