"""Surveys in the demo: two rounds of "Status i egen kommune", and a big employee survey.

The self-assessment goes to the tripartite body, the coordination group, the LMUs and the
elected politicians twice, a year apart (the last two autumns, "Høst 2025" and "Høst 2026"
in December 2026; both closed). The parties see the cooperation
differently, the way the sources describe it: the employees find that they do not get the
same information at the same time as the others (likeverd) and that decisions are made
elsewhere, the politicians are the most content; in the second round the employees' view of
equal access to information has improved. Four in five answer; some write a sentence.

``bulk`` adds a made-up employee survey of 35 statements with 2,000 (small), 10,000
(medium) or 30,000 (oslo: 1,050,000 answers over 1,500 units) respondents, written in
batches straight into the tables, for the benchmark's aggregation.

Everything is drawn from ``random.Random(seed)``, so the same build gives the same answers.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Iterator, Sequence
from typing import Any

from django.db import connection
from django.utils import timezone

from trepart.analysis.instruments import instrument_get_or_create
from trepart.analysis.models import (
    Answer,
    Instrument,
    Invitation,
    Question,
    Response,
    Survey,
)
from trepart.analysis.models.surveys import new_random_id
from trepart.analysis.results_kept import results_keep
from trepart.analysis.services.surveys import survey_targets
from trepart.organisation.models import Body, Municipality, Party, Person, Unit

SEED = 2026
ANSWER_RATE = 0.8
BATCH = 50_000
BULK_RESPONDENTS = {"small": 2_000, "medium": 10_000, "oslo": 30_000}
BULK_QUESTIONS = 35
SELF_ASSESSMENT = "status-i-egen-kommune"

# Each party's mean per theme (1–5), round 1; round 2 adds ``IMPROVEMENT``.
PARTY_MEANS: dict[str, dict[str, float]] = {
    Party.POLITICAL: {"likeverd": 4.0, "dialog": 3.9, "kollektivt-ansvar": 3.7, "verdier": 3.8},
    Party.ADMINISTRATION: {
        "likeverd": 3.8,
        "dialog": 3.6,
        "kollektivt-ansvar": 3.5,
        "verdier": 3.7,
    },
    Party.EMPLOYEE: {"likeverd": 2.9, "dialog": 3.3, "kollektivt-ansvar": 3.2, "verdier": 3.1},
}
IMPROVEMENT: dict[str, float] = {
    Party.EMPLOYEE: 0.4,
    Party.ADMINISTRATION: 0.1,
    Party.POLITICAL: 0.0,
}
# The employees' view of "the same information at the same time" (the first question):
# lowest of all in round 1, much better in round 2 after documents went out to everyone.
SAME_INFORMATION = {1: -0.6, 2: 0.2}

TEXTS: dict[str, tuple[str, ...]] = {
    Party.POLITICAL: (
        "Flere saker bør komme tidlig til trepartsutvalget.",
        "Godt samarbeid, men vi må følge opp vedtakene bedre.",
        "Mer tid til dialog før budsjettet.",
    ),
    Party.ADMINISTRATION: (
        "Sakspapirene bør sendes ut en uke før møtet.",
        "Vi trenger en felles oversikt over oppfølgingspunkter.",
        "LMU-ene fungerer ulikt; del gode eksempler.",
    ),
    Party.EMPLOYEE: (
        "Vi får ofte informasjonen etter at beslutningen er tatt.",
        "Tillitsvalgte må få frikjøpt tid til samarbeidet.",
        "Bedre nå enn i fjor: sakene kommer tidligere.",
        "Verneombudet bør være med fra starten i omstillinger.",
    ),
}

BULK_THEMES = (
    ("arbeidsmiljo", "Arbeidsmiljø"),
    ("ledelse", "Ledelse"),
    ("medvirkning", "Medvirkning"),
    ("kompetanse", "Kompetanse"),
    ("samarbeid", "Samarbeid"),
    ("motivasjon", "Motivasjon"),
    ("helse", "Helse og nærvær"),
)


def surveys_build(*, municipality: Municipality, preset: str, bulk: bool) -> None:
    """The self-assessment's two rounds; with ``bulk`` the big employee survey too."""
    rng = random.Random(SEED)
    today = timezone.localdate()
    rounds = self_assessment_build(municipality=municipality, rng=rng, today=today)
    if bulk:
        rounds.append(
            bulk_survey_build(
                municipality=municipality,
                respondents=BULK_RESPONDENTS.get(preset, BULK_RESPONDENTS["small"]),
                rng=rng,
                today=today,
            )
        )
    # The rounds are written closed: their results are kept as closing would keep them.
    for survey in rounds:
        results_keep(survey=survey)


def _targets(
    survey: Survey, day: datetime.date
) -> list[tuple[Person, int | None, str, int | None]]:
    """(person, unit, party, body) for everyone the round asks, as the survey service sees it."""
    return [(t.person, t.unit_id, t.party, t.body_id) for t in survey_targets(survey, day=day)]


def self_assessment_build(
    *, municipality: Municipality, rng: random.Random, today: datetime.date
) -> list[Survey]:
    """Two closed rounds a year apart, answered by the members of the cooperation's bodies."""
    instrument = instrument_get_or_create(municipality=municipality, key=SELF_ASSESSMENT)
    questions = list(instrument.questions.order_by("position", "pk"))
    bodies = list(
        Body.objects.filter(
            municipality=municipality,
            kind__in=[Body.Kind.TRIPARTITE, Body.Kind.COORDINATION, Body.Kind.LMU],
        )
    )
    first_scale = next((q.pk for q in questions if q.kind == Question.Kind.SCALE), None)
    rounds = []
    # The last autumn round that has closed, and the one a year before it.
    last = today.year if today >= datetime.date(today.year, 10, 23) else today.year - 1
    for number, year in enumerate((last - 1, last), start=1):
        opens = datetime.date(year, 10, 1)
        survey = Survey.objects.create(
            municipality=municipality,
            instrument=instrument,
            title=instrument.title,
            round_label=f"Høst {year}",
            status=Survey.Status.CLOSED,
            audience=Survey.Audience.INVITED,
            opens_on=opens,
            closes_on=opens + datetime.timedelta(days=21),
            # The bodies of the cooperation, and every elected politician with a seat.
            target_parties=[Party.POLITICAL],
        )
        survey.target_bodies.set(bodies)
        invitations, responses, plans = [], [], []
        for person, unit_id, party, body_id in _targets(survey, today):
            # The few user representatives in the bodies do not answer in the demo: one
            # answer would hide itself and, by secondary suppression, the smallest party.
            answers = rng.random() < ANSWER_RATE and party in PARTY_MEANS
            invitations.append(
                Invitation(
                    municipality=municipality,
                    survey=survey,
                    person=person,
                    answered=answers,
                    sent_on=opens,
                    unit_id=unit_id,
                    party=party,
                    body_id=body_id,
                )
            )
            if not answers:
                continue
            responses.append(
                Response(
                    municipality=municipality,
                    survey=survey,
                    unit_id=unit_id,
                    party=party,
                    body_id=body_id,
                    answered_on=opens + datetime.timedelta(days=rng.randint(0, 20)),
                )
            )
            plans.append(party)
        Invitation.objects.bulk_create(invitations, batch_size=2_000)
        # Answers are stored in another order than the invitations: nothing lines them up.
        order = list(range(len(responses)))
        rng.shuffle(order)
        responses = [responses[i] for i in order]
        plans = [plans[i] for i in order]
        Response.objects.bulk_create(responses, batch_size=2_000)
        answers_rows = []
        for response, party in zip(responses, plans, strict=True):
            means = PARTY_MEANS.get(party, PARTY_MEANS[Party.ADMINISTRATION])
            lift = IMPROVEMENT.get(party, 0.0) if number == 2 else 0.0
            for question in questions:
                value: int | None = None
                text = ""
                if question.kind == Question.Kind.SCALE:
                    mean = means.get(question.theme, 3.5) + lift
                    if question.pk == first_scale and party == Party.EMPLOYEE:
                        mean += SAME_INFORMATION[number]
                    value = _scale_value(rng, mean)
                elif question.kind == Question.Kind.CHOICE:
                    value = rng.randrange(max(1, len(question.choices)))
                elif rng.random() < 0.3:
                    text = rng.choice(TEXTS.get(party, TEXTS[Party.ADMINISTRATION]))
                if value is None and not text:
                    continue
                answers_rows.append(
                    Answer(
                        survey=survey,
                        response=response,
                        question=question,
                        unit_id=response.unit_id,
                        party=response.party,
                        body_id=response.body_id,
                        value=value,
                        text=text,
                    )
                )
        Answer.objects.bulk_create(answers_rows, batch_size=2_000)
        rounds.append(survey)
    return rounds


def _scale_value(rng: random.Random, mean: float, spread: float = 0.9) -> int:
    return min(5, max(1, round(rng.gauss(mean, spread))))


def _bulk_instrument(municipality: Municipality) -> Instrument:
    instrument = Instrument.objects.create(
        municipality=municipality,
        kind=Instrument.Kind.EMPLOYEE,
        title="Medarbeiderundersøkelse (demo)",
        description="Laget for å prøve resultatsidene med store tall.",
    )
    Question.objects.bulk_create(
        Question(
            instrument=instrument,
            position=i + 1,
            kind=Question.Kind.SCALE,
            text=f"{BULK_THEMES[i % len(BULK_THEMES)][1]}: påstand {i // len(BULK_THEMES) + 1}",
            theme=BULK_THEMES[i % len(BULK_THEMES)][0],
        )
        for i in range(BULK_QUESTIONS)
    )
    return instrument


def bulk_survey_build(
    *,
    municipality: Municipality,
    respondents: int,
    rng: random.Random,
    today: datetime.date,
) -> Survey:
    """A closed employee survey with 35 answers from each of ``respondents``, written in batches."""
    instrument = _bulk_instrument(municipality)
    questions = list(instrument.questions.order_by("position").values_list("pk", flat=True))
    opens = today - datetime.timedelta(days=120)
    survey = Survey.objects.create(
        municipality=municipality,
        instrument=instrument,
        title=instrument.title,
        round_label="Vår 2026",
        status=Survey.Status.CLOSED,
        audience=Survey.Audience.OPEN_LINK,
        target_everyone=True,
        opens_on=opens,
        closes_on=opens + datetime.timedelta(days=21),
    )
    units = list(
        Unit.objects.filter(municipality=municipality, kind=Unit.Kind.UNIT).values_list(
            "pk", "employee_count"
        )
    )
    if not units:
        return survey
    unit_ids = [pk for pk, _count in units]
    weights = [max(1, count) for _pk, count in units]
    climate = {pk: rng.gauss(0, 0.35) for pk in unit_ids}
    base = [rng.uniform(3.2, 4.1) for _q in questions]
    chosen = rng.choices(unit_ids, weights=weights, k=respondents)
    day_span = 20
    responses = [
        Response(
            municipality=municipality,
            survey=survey,
            unit_id=unit_id,
            party=Party.ADMINISTRATION if rng.random() < 0.08 else Party.EMPLOYEE,
            answered_on=opens + datetime.timedelta(days=rng.randint(0, day_span)),
        )
        for unit_id in chosen
    ]
    # Each response has its random id before it is written (``RandomIdField``).
    Response.objects.bulk_create(responses, batch_size=5_000)
    _insert_answers(_bulk_answer_rows(survey.pk, responses, questions, base, climate, rng), BATCH)
    return survey


def _bulk_answer_rows(
    survey_id: int,
    responses: Sequence[Response],
    questions: Sequence[int],
    base: Sequence[float],
    climate: dict[int, float],
    rng: random.Random,
) -> Iterator[tuple[Any, ...]]:
    # Drawing a value through a precomputed table of cumulative weights per mean (to a tenth)
    # keeps a million answers to a few seconds.
    tables: dict[int, list[float]] = {}
    for response in responses:
        shift = climate[response.unit_id] if response.unit_id else 0.0  # type: ignore[index]
        if response.party == Party.ADMINISTRATION:
            shift += 0.3
        for question_id, mean in zip(questions, base, strict=True):
            key = round((mean + shift) * 10)
            table = tables.get(key)
            if table is None:
                table = tables[key] = _cumulative(key / 10)
            draw = rng.random()
            value = 1
            while value < 5 and draw > table[value - 1]:
                value += 1
            yield (
                new_random_id(),
                survey_id,
                response.pk,
                question_id,
                response.unit_id,
                response.party,
                value,
            )


def _cumulative(mean: float, spread: float = 0.9) -> list[float]:
    """P(value ≤ v) for v = 1..5 of a rounded normal around ``mean``, clamped to 1–5."""
    import math

    def cdf(x: float) -> float:
        return 0.5 * (1 + math.erf((x - mean) / (spread * math.sqrt(2))))

    return [cdf(v + 0.5) for v in range(1, 5)] + [1.0]


def _insert_answers(rows: Iterator[tuple[Any, ...]], batch: int) -> None:
    """Plain INSERTs in batches: a million model instances would take minutes to build."""
    meta = Answer._meta
    column = {f.name: f.column for f in meta.concrete_fields}
    table = connection.ops.quote_name(meta.db_table)
    names = ", ".join(
        connection.ops.quote_name(column[name])
        for name in ("id", "survey", "response", "question", "unit", "party", "value", "text")
    )
    sql = f"INSERT INTO {table} ({names}) VALUES (%s, %s, %s, %s, %s, %s, %s, '')"  # noqa: S608
    chunk: list[tuple[Any, ...]] = []
    with connection.cursor() as cursor:
        for row in rows:
            chunk.append(row)
            if len(chunk) >= batch:
                cursor.executemany(sql, chunk)
                chunk = []
        if chunk:
            cursor.executemany(sql, chunk)
