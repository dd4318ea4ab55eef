"""The built-in questionnaires read in each reader's language (bokmål, nynorsk, English):
the answer page, the results page, the CSV and the API. The municipality's own
questionnaires keep the words they were written in."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.apps import apps
from django.test import Client
from django.urls import reverse
from django.utils import translation

from trepart.analysis.forms.surveys import AnswerForm
from trepart.analysis.models import Instrument, Question, Survey
from trepart.analysis.services import surveys as services
from trepart.analysis.tests import survey_world as sw
from trepart.analysis.tests.results_world import build_results_world

pytestmark = pytest.mark.django_db

SAME_INFORMATION = {
    "nb": "Alle partene får den samme informasjonen samtidig.",
    "nn": "Alle partane får den same informasjonen samtidig.",
    "en": "All the parties get the same information at the same time.",
}
TITLE = {
    "nb": "Status i egen kommune",
    "nn": "Status i eigen kommune",
    "en": "Status in our municipality (Status i egen kommune)",
}


def reader(user: Any, language: str) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    client.cookies["trepart_language"] = language
    return client


@pytest.fixture
def world() -> sw.World:
    return sw.build_world()


@pytest.fixture
def answered(world: sw.World, django_capture_on_commit_callbacks: Any) -> Survey:
    survey, tokens = sw.open_round(
        world, everyone=True, django_capture_on_commit_callbacks=django_capture_on_commit_callbacks
    )
    sw.answer_all(survey, tokens)
    # Results are read from closed rounds only.
    return services.survey_close(actor=world.admin, survey=survey)


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
def test_the_answer_page_asks_in_the_readers_language(
    world: sw.World, django_capture_on_commit_callbacks: Any, language: str
) -> None:
    # The municipality writes bokmål: the stored copy is bokmål, the reader's is not.
    _survey, tokens = sw.open_round(
        world, everyone=True, django_capture_on_commit_callbacks=django_capture_on_commit_callbacks
    )
    token = next(iter(tokens.values()))

    html = reader(None, language).get(reverse("analysis:survey-answer", args=[token]))

    text = html.content.decode()
    assert SAME_INFORMATION[language] in text
    for other in set(SAME_INFORMATION) - {language}:
        assert SAME_INFORMATION[other] not in text


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
def test_results_csv_and_api_give_the_questions_in_the_readers_language(
    world: sw.World, answered: Survey, language: str
) -> None:
    client = reader(world.admin, language)

    page = client.get(reverse("analysis:survey-results", args=[answered.pk]) + "?by=all")
    exported = client.get(reverse("analysis:survey-results-csv", args=[answered.pk]) + "?by=all")
    api = client.get(f"/api/v1/surveys/{answered.pk}/results?by=all")

    assert SAME_INFORMATION[language] in page.content.decode()
    rows = list(csv.reader(io.StringIO(exported.content.decode("utf-8")[1:]), delimiter=";"))
    assert any(SAME_INFORMATION[language] in cell for row in rows for cell in row)
    data = api.json()
    assert SAME_INFORMATION[language] in [q["text"] for q in data["questions"]]
    assert data["survey"]["instrument"] == TITLE[language]


@pytest.mark.parametrize("language", ["nn", "en"])
def test_the_municipalitys_own_questionnaire_keeps_its_words(language: str) -> None:
    world = build_results_world()
    questions = list(Question.objects.filter(instrument=world.instrument).order_by("position"))

    with translation.override(language):
        form = AnswerForm(questions=questions)
        labels = [str(field.label) for field in form.fields.values()]

    assert labels[0] == "1. Alle partene får den samme informasjonen."
    assert str(world.instrument) == "Medarbeiderundersøkelse"


def test_questionnaires_made_before_get_their_source_strings(world: sw.World) -> None:
    instrument = world.self_assessment
    Instrument.objects.filter(pk=instrument.pk).update(source_title="", source_description="")
    Question.objects.filter(instrument=instrument).update(source_text="")
    migration = __import__(
        "trepart.analysis.migrations.0004_builtin_texts_in_readers_language",
        fromlist=["sources_of_builtins"],
    )

    migration.sources_of_builtins(apps, None)

    first = Question.objects.filter(instrument=instrument).order_by("position").first()
    assert first is not None and first.source_text == SAME_INFORMATION["en"]
    instrument.refresh_from_db()
    assert instrument.source_title == TITLE["en"]


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
def test_a_snapshot_for_a_meeting_names_the_questions_in_its_makers_language(
    world: sw.World, answered: Survey, language: str
) -> None:
    from trepart.platform.snapshots import build_snapshot

    with translation.override(language):
        frozen = build_snapshot(
            "survey-results", user=world.admin, params={"survey": str(answered.pk), "by": "all"}
        )

    columns = [column for table in frozen["tables"] for column in table["columns"]]
    assert SAME_INFORMATION[language] in columns
