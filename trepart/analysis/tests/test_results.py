"""Survey results on hand-made answers: figures per unit, party and body, the hidden groups
on the page, in the CSV, the API and the snapshot, free text, rounds, and other
municipalities kept out."""

from __future__ import annotations

import csv
import datetime
import io
import json
from typing import Any

import pytest
from django.db import connection
from django.http import Http404
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from trepart.accounts.models import ApiToken, hash_token
from trepart.analysis import results as numbers
from trepart.analysis import results_display as display
from trepart.analysis import results_kept as kept
from trepart.analysis.api.schemas.surveys import SurveyResultsOut
from trepart.analysis.models import Survey
from trepart.analysis.tests.results_world import (
    ResultsWorld,
    build_results_world,
    make_survey,
    respond,
    respond_many,
)
from trepart.organisation.tests.factories import (
    BodyFactory,
    MembershipFactory,
    PersonFactory,
    UnitFactory,
)
from trepart.platform.snapshots import build_snapshot

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> ResultsWorld:
    return build_results_world(builtin_key="status-i-egen-kommune")


def answered(world: ResultsWorld, *, small_group: bool = False) -> None:
    """Politicians at school A (6), employees at school B (7), administration at the home (6);
    with ``small_group`` also two service users with no unit (hidden, and they hide more)."""
    respond_many(
        world.survey,
        6,
        values=[4, 4, 5],
        unit=world.school_a,
        party="POLITICAL",
        body=world.body,
        choice=1,
    )
    respond_many(
        world.survey,
        7,
        values=[2, 3, 3],
        unit=world.school_b,
        party="EMPLOYEE",
        body=world.body,
        choice=0,
    )
    respond_many(
        world.survey, 6, values=[3, 3, 3], unit=world.home, party="ADMINISTRATION", body=world.lmu
    )
    if small_group:
        respond_many(world.survey, 2, values=[1, 1, 1], party="SERVICE_USER")


def page(client: Client, survey: Survey, by: str, **query: str) -> str:
    params = "&".join(f"{k}={v}" for k, v in {"by": by, **query}.items())
    response = client.get(f"/analyse/undersokelser/{survey.pk}/resultater/?{params}")
    assert response.status_code == 200
    return response.content.decode()


def csv_of(client: Client, survey: Survey, by: str) -> list[list[str]]:
    response = client.get(f"/analyse/undersokelser/{survey.pk}/resultater/eksport.csv?by={by}")
    assert response.status_code == 200
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


def api(client: Client, survey: Survey, by: str) -> dict[str, Any]:
    response = client.get(f"/api/v1/surveys/{survey.pk}/results?by={by}")
    assert response.status_code == 200, response.content
    data: dict[str, Any] = response.json()
    SurveyResultsOut.model_validate(data)  # the documented shape
    return data


def without_hidden_list(html: str) -> str:
    start = html.find('id="hidden-groups"')
    if start < 0:
        return html
    end = html.find("</div>", start)
    return html[:start] + html[end:]


def test_units_show_sectors_and_units_with_their_subtree_figures(world: ResultsWorld) -> None:
    answered(world)
    results = kept.survey_results(survey=world.survey, by="unit")
    assert [(g.name, g.respondents, g.depth) for g in results.groups] == [
        ("Whole municipality", 19, 0),
        ("Helse", 6, 0),
        ("Sjøheimen sykehjem", 6, 1),
        ("Oppvekst", 13, 0),
        ("Austvik skule", 6, 1),
        ("Bakken skole", 7, 1),
    ]
    first = results.questions[0]
    oppvekst = first.cells[f"unit:{world.oppvekst.pk}"]
    assert oppvekst.answers == 13
    assert oppvekst.distribution == (0, 7, 0, 6, 0)
    assert oppvekst.mean == pytest.approx((6 * 4 + 7 * 2) / 13)
    assert results.hidden == []
    # The choice question stores the choice's index, 0 included.
    choice = next(q for q in results.questions if q.kind == "CHOICE")
    assert choice.cells[f"unit:{world.oppvekst.pk}"].distribution == (7, 6)
    assert choice.cells["all"].distribution == (7, 6)
    likeverd = next(theme for theme in results.themes if theme.theme == "likeverd")
    assert likeverd.means[f"unit:{world.school_a.pk}"] == pytest.approx(4.0)
    assert likeverd.means[f"unit:{world.school_b.pk}"] == pytest.approx(2.5)


def test_a_small_group_is_hidden_with_the_group_that_would_give_it_away(
    world: ResultsWorld, client: Client
) -> None:
    answered(world, small_group=True)
    results = kept.survey_results(survey=world.survey, by="party")
    # Two service users are too few; alone they could be found as 21 - 19, so the smallest
    # shown party (administration, 6) is hidden too.
    assert [g.name for g in results.groups] == [
        "Whole municipality",
        "Elected politicians",
        "Employees",
    ]
    assert results.hidden == ["Administration", "Service users"]
    client.force_login(world.reader)
    html = page(client, world.survey, "party")
    assert "Administration" in html and "Service users" in html  # in the list of hidden groups
    rest = without_hidden_list(html)
    assert "Administration" not in rest and "Service users" not in rest
    assert "fewer than 5 answers" in html
    rows = csv_of(client, world.survey, "party")
    assert {row[0] for row in rows[1:]} == {
        "Whole municipality",
        "Elected politicians",
        "Employees",
    }
    data = api(client, world.survey, "party")
    assert data["hidden_groups"] == ["Administration", "Service users"]
    assert [g["key"] for g in data["groups"]] == ["all", "party:POLITICAL", "party:EMPLOYEE"]
    assert all(
        cell["group"] in {"all", "party:POLITICAL", "party:EMPLOYEE"}
        for question in data["questions"]
        for cell in question["results"]
    )
    snapshot = build_snapshot(
        "survey-results", user=world.reader, params={"survey": str(world.survey.pk), "by": "party"}
    )
    body = json.dumps({k: v for k, v in snapshot.items() if k != "notes"})
    for chart in snapshot["charts"]:
        body += json.dumps(chart["spec"])
    assert "Administration" not in json.dumps(snapshot["tables"])
    assert "Administration" not in json.dumps([c["spec"] for c in snapshot["charts"]])
    assert "Administration" not in json.dumps([c["table"] for c in snapshot["charts"]])


def test_a_question_skipped_by_most_of_a_group_is_hidden_for_that_group(
    world: ResultsWorld,
) -> None:
    answered(world)
    # Seven employees answered, but only two of them the third question; one more skipped.
    respond_many(world.survey, 1, values=[2, 3, None], unit=world.school_b, party="EMPLOYEE")
    results = kept.survey_results(survey=world.survey, by="party")
    assert [g.name for g in results.groups][1:] == [
        "Elected politicians",
        "Administration",
        "Employees",
    ]
    third = results.questions[2]
    assert "party:EMPLOYEE" in results.questions[0].cells
    # 7 employees answered the third question: still shown. Now make it two.
    assert third.cells["party:EMPLOYEE"].answers == 7
    world.survey.responses.filter(party="EMPLOYEE").delete()
    respond_many(world.survey, 6, values=[2, 3, None], unit=world.school_b, party="EMPLOYEE")
    respond_many(world.survey, 2, values=[2, 3, 3], unit=world.school_b, party="EMPLOYEE")
    results = kept.survey_results(survey=world.survey, by="party")
    third = results.questions[2]
    assert "party:EMPLOYEE" in results.questions[0].cells
    assert "party:EMPLOYEE" not in third.cells
    # …and another party with it, so the two cannot be found by subtraction.
    shown = [key for key in third.cells if key != "all"]
    assert len(shown) == 1
    rest = third.cells["all"].answers - sum(third.cells[key].answers for key in shown)
    assert rest >= 5


def test_a_question_never_leaves_one_hidden_party_alone_beside_the_shown_ones(
    world: ResultsWorld,
) -> None:
    # Two in administration hide the six employees with them (secondary suppression).
    respond_many(world.survey, 9, values=[4, 4, 4], unit=world.school_a, party="POLITICAL")
    respond_many(world.survey, 6, values=[2, 2, 2], unit=world.school_a, party="EMPLOYEE")
    respond_many(world.survey, 2, values=[None, 3, 3], unit=world.home, party="ADMINISTRATION")
    results = kept.survey_results(survey=world.survey, by="party")
    assert sorted(results.hidden) == ["Administration", "Employees"]
    first, second = results.questions[:2]
    assert "party:POLITICAL" in second.cells
    # Administration skipped the first question: the employees, hidden alone, would be
    # the whole minus the politicians. The politicians are hidden with them.
    assert set(first.cells) == {"all"}
    assert first.cells["all"].answers == 15


def test_bodies_and_respondents_outside_any_body(world: ResultsWorld) -> None:
    answered(world)
    results = kept.survey_results(survey=world.survey, by="body")
    assert [(g.name, g.respondents) for g in results.groups] == [
        ("Whole municipality", 19),
        ("LMU Bakken", 6),
        ("Trepartsutvalget", 13),
    ]
    respond_many(world.survey, 2, values=[1, 1, 1])
    results = kept.survey_results(survey=world.survey, by="body")
    # Two with no body could be found as 21 - 19: the smaller body is hidden with them.
    assert [g.name for g in results.groups] == ["Whole municipality", "Trepartsutvalget"]
    assert results.hidden == ["LMU Bakken"]


def test_too_few_answers_show_nothing_at_all(world: ResultsWorld, client: Client) -> None:
    respond_many(world.survey, 4, values=[5, 5, 5], unit=world.school_a, party="POLITICAL")
    client.force_login(world.reader)
    html = page(client, world.survey, "unit")
    assert "Fewer than 5 have answered" in html
    assert csv_of(client, world.survey, "unit")[1:] == []
    data = api(client, world.survey, "all")
    assert data["groups"] == [] and data["respondents"] is None
    assert all(q["results"] == [] for q in data["questions"])


def test_the_page_shows_means_in_norwegian_and_drills_into_a_sector(
    world: ResultsWorld, client: Client
) -> None:
    answered(world)
    world.reader.language = "nb"
    world.reader.save()
    client.force_login(world.reader)
    html = page(client, world.survey, "unit")
    assert "Oppvekst" in html and "Austvik skule" not in html.split("Look inside")[0]
    assert "2,9" in html  # Oppvekst's mean for the first question, (24 + 14) / 13
    inside = page(client, world.survey, "unit", under=f"unit:{world.oppvekst.pk}")
    assert "Austvik skule" in inside and "Bakken skole" in inside


def test_the_csv_is_for_excel_in_norwegian(world: ResultsWorld, client: Client) -> None:
    answered(world)
    client.force_login(world.reader)
    response = client.get(
        f"/analyse/undersokelser/{world.survey.pk}/resultater/?by=unit&format=csv"
    )
    assert response["Content-Disposition"].startswith("attachment;")
    with translation.override("nb"):
        rows = display.csv_rows(kept.survey_results(survey=world.survey, by="unit"))
    oppvekst = next(row for row in rows if row[0] == "Oppvekst")
    assert oppvekst[1] == "13" and oppvekst[4] == "13" and oppvekst[5] == "2,9"
    assert oppvekst[6] == "1: 0 | 2: 7 | 3: 0 | 4: 6 | 5: 0"


def test_free_text_only_for_shown_groups_sorted_and_without_dates(
    world: ResultsWorld, client: Client
) -> None:
    answered(world)
    for text in ("Mer tid til dialog", "Bedre forberedte møter"):
        respond(world.survey, values=[4, 4, 4], unit=world.school_a, party="POLITICAL", text=text)
    respond(world.survey, values=[1, 1, 1], party="SERVICE_USER", text="Hemmelig innspill")
    results = kept.survey_results(survey=world.survey, by="party")
    assert "Service users" in results.hidden
    # Aggregates only in the export: no answer's words, not even a shown group's.
    exported = display.csv_rows(results)
    assert not any("Mer tid til dialog" in cell for row in exported for cell in row)
    [item] = results.texts
    assert [(g.name, texts) for g, texts in item.groups] == [
        ("Elected politicians", ["Bedre forberedte møter", "Mer tid til dialog"])
    ]
    client.force_login(world.reader)
    html = page(client, world.survey, "party")
    assert "Bedre forberedte møter" in html and "Hemmelig innspill" not in html
    assert "2026-10-15" not in html and "15.10.2026" not in html


def test_the_self_assessment_shows_the_parties_side_by_side(
    world: ResultsWorld, client: Client
) -> None:
    answered(world)
    results = kept.survey_results(survey=world.survey, by="party")
    chart = display.party_chart(results)
    assert chart is not None
    # Politicians give dialogue 5.0 and the administration 3.0: the largest gap of the
    # themes (likeverd: 4.0 against 2.5).
    assert chart.summary == (
        "The parties differ most on “Dialogue (dialogpreget kommunikasjon)”: Administration "
        "give 3.0 and Elected politicians 5.0 on the 1–5 scale, 2.0 points apart."
    )
    assert chart.table.rows[0] == ["Equal footing (likeverd)", "4.0", "3.0", "2.5"]
    assert chart.spec["encoding"]["xOffset"]["field"] == "party"
    client.force_login(world.reader)
    html = page(client, world.survey, "unit")
    assert "Self-assessment by party" in html


def test_rounds_over_time_are_each_suppressed_on_their_own(
    world: ResultsWorld, client: Client
) -> None:
    answered(world)
    world.survey.round_label = "Høst 2025"
    world.survey.opens_on = datetime.date(2025, 10, 15)
    world.survey.save()
    second = make_survey(world.instrument, round_label="Høst 2026")
    respond_many(second, 6, values=[5, 5, 5], party="POLITICAL")
    respond_many(second, 3, values=[5, 5, 5], party="EMPLOYEE")
    rounds = kept.survey_rounds(survey=second, by="party")
    assert [r.label for r in rounds] == ["Høst 2025", "Høst 2026"]
    assert set(rounds[0].means) == {
        "Whole municipality",
        "Elected politicians",
        "Administration",
        "Employees",
    }
    # In the second round three employees are too few, and hide the politicians with them.
    assert set(rounds[1].means) == {"Whole municipality"}
    chart = display.rounds_chart(rounds)
    assert chart is not None
    assert chart.summary == (
        "From Høst 2025 to Høst 2026 the mean over all statements went from 3.3 to 5.0 for "
        "the whole municipality."
    )
    assert chart.table.rows[1] == ["Høst 2026", "9", "5.0", "—", "—", "—"]
    client.force_login(world.reader)
    assert "Over the rounds" in page(client, world.survey, "party")


def test_other_municipalities_get_404(world: ResultsWorld) -> None:
    answered(world)
    client = Client()
    client.force_login(world.stranger)
    base = f"/analyse/undersokelser/{world.survey.pk}/resultater/"
    assert client.get(base).status_code == 404
    assert client.get(base + "eksport.csv").status_code == 404
    assert client.get(f"/api/v1/surveys/{world.survey.pk}/results").status_code == 404
    with pytest.raises(Http404):
        build_snapshot(
            "survey-results", user=world.stranger, params={"survey": str(world.survey.pk)}
        )


def test_the_api_reads_a_token_and_refuses_a_bad_dimension(world: ResultsWorld) -> None:
    answered(world)
    raw = "tok-" + "x" * 40
    ApiToken.objects.create(user=world.reader, name="t", token_hash=hash_token(raw), hint=raw[:8])
    client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    data = api(client, world.survey, "unit")
    assert data["threshold"] == 5 and data["respondents"] == 19
    assert client.get(f"/api/v1/surveys/{world.survey.pk}/results?by=person").status_code == 400
    assert Client().get(f"/api/v1/surveys/{world.survey.pk}/results").status_code == 401


def test_the_page_needs_a_login(world: ResultsWorld) -> None:
    response = Client().get(f"/analyse/undersokelser/{world.survey.pk}/resultater/")
    assert response.status_code == 302


def test_the_results_go_to_a_meeting_as_a_snapshot(world: ResultsWorld, client: Client) -> None:
    answered(world, small_group=True)
    # The body's chair may put an analysis on its agenda.
    MembershipFactory.create(
        body=world.body,
        person=PersonFactory.create(municipality=world.municipality, user=world.reader),
        role="CHAIR",
    )
    client.force_login(world.reader)
    html = page(client, world.survey, "party")
    assert 'name="param-survey"' in html and 'value="survey-results"' in html
    preview = client.get(
        "/analyse/til-mote/",
        {"key": "survey-results", "param-survey": str(world.survey.pk), "param-by": "party"},
    )
    assert preview.status_code == 200
    text = preview.content.decode()
    assert "Elected politicians" in text
    # The hidden party is named only in the notes that list the groups not shown.
    notes = text.count("Not shown, so that no one can be recognised")
    assert notes >= 1
    assert text.count("Administration") == notes


@pytest.mark.parametrize("by", ["unit", "party", "body"])
def test_the_query_count_does_not_grow_with_the_groups(world: ResultsWorld, by: str) -> None:
    answered(world)

    def queries() -> int:
        survey = Survey.objects.select_related("instrument", "municipality").get(pk=world.survey.pk)
        with CaptureQueriesContext(connection) as captured:
            kept.survey_results(survey=survey, by=by)
        return len(captured)

    before = queries()
    for number in range(4):
        unit = UnitFactory.create(municipality=world.municipality, parent=world.helse)
        body = BodyFactory.create(municipality=world.municipality, name=f"LMU {number}")
        respond_many(world.survey, 5, values=[3, 4, 5], unit=unit, body=body, party="EMPLOYEE")
    assert queries() == before


def test_the_largest_gap_names_the_theme_and_the_parties() -> None:
    gap = numbers.largest_gap(
        {"Likeverd": {"A": 4.0, "E": 2.5, "P": 3.9}, "Dialog": {"A": 3.0, "E": 3.2}}
    )
    assert gap == ("Likeverd", "E", "A", 1.5)
    assert numbers.largest_gap({"Likeverd": {"A": 4.0}}) is None
