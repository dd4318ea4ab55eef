"""The proposal lists through the pages: the list's filters and queries, the inbox, the
figures."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from trepart.proposals.tests.views_town import (
    Town,
    build_town,
    client_for,
    page,
    submit,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def town() -> Town:
    return build_town()


# ---------------------------------------------------------------------------------------
# Lists, inbox, start page


def test_the_list_filters_and_reads_a_constant_number_of_queries(town: Town) -> None:
    first = submit(town, title="Sykkelparkering ved skolen")
    client = client_for(town.users["other"])
    url = reverse("proposals:list")
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for number in range(12):
        submit(town, title=f"Forslag nummer {number}", hide_name=bool(number % 2))
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert len(many) == len(few)
    assert "Forslag nummer 11" in response.content.decode()
    searched = client.get(url, {"q": "sykkelparkering"}).content.decode()
    assert first.title in searched
    assert "Forslag nummer 3" not in searched
    assert first.title not in client.get(url, {"status": "ANSWERED"}).content.decode()


def test_the_inbox_flags_overdue_proposals_in_words(town: Town, time_machine: Any) -> None:
    time_machine.move_to("2026-09-01 12:00")
    old = submit(town, title="Gammelt forslag")
    time_machine.move_to("2026-11-23 12:00")
    submit(town, title="Nytt forslag")
    response = page(town, "member", "proposals:inbox", town.lmu.pk)
    body = response.content.decode()
    assert body.index("Gammelt forslag") < body.index("Nytt forslag")
    assert "Overdue" in body
    assert response.context["counts"].open == 2
    assert response.context["counts"].overdue == 1
    home = page(town, "member", "organisation:home").content.decode()
    assert reverse("proposals:inbox", args=[town.lmu.pk]) in home
    assert "1 overdue" in home
    mine = page(town, "proposer", "organisation:home").content.decode()
    assert old.title in mine
    body_page = page(town, "member", "organisation:body-detail", town.lmu.pk).content.decode()
    assert "2 open, 1 past the answer date" in body_page


def test_the_figures_page_shows_a_table(town: Town) -> None:
    submit(town)
    response = page(town, "other", "proposals:figures")
    assert response.status_code == 200
    assert "<caption>" in response.content.decode()
    assert "LMU Bakken" in response.content.decode()
    assert page(town, "other", "proposals:figures", by="unit", year=2026).status_code == 200
