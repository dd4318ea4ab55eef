"""An open round's results reveal nobody: figures come only when it closes, and are kept.

Someone who reads a round's results before and after a colleague answers must not learn
that colleague's answers from the difference. So while a round is open nothing a reader
can fetch (pages, API, CSV, the list of rounds) changes with one answer, except the
respondent counts its managers see for groups the threshold lets through. Once closed, the
results are computed once and never change.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from trepart.analysis import results_kept as kept
from trepart.analysis.models import KeptResults, Survey
from trepart.analysis.selectors import surveys as selectors
from trepart.analysis.selectors.survey_figures import results_compute
from trepart.analysis.services import surveys as services
from trepart.analysis.tests import results_world as rw
from trepart.analysis.tests import survey_world as sw

pytestmark = pytest.mark.django_db

COLLEAGUE_WORDS = "Kollegaens egne ord om samarbeidet"


def client_for(user: Any) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


# Django masks the CSRF token afresh for every page, and every response has its own
# Content-Security-Policy nonce: the only parts that differ by design.
CSRF = re.compile(rb'("X-CSRFToken": "|name="csrfmiddlewaretoken" value="|nonce=")[^"]*')


def html(response: Any) -> bytes:
    return CSRF.sub(rb"\1", response.content)


def everything(client: Client, survey: Survey) -> dict[str, Any]:
    """All a reader can fetch about the round: each page, API answer and CSV, and the list."""
    page = reverse("analysis:survey-results", args=[survey.pk])
    csv = reverse("analysis:survey-results-csv", args=[survey.pk])
    seen: dict[str, Any] = {"list": html(client.get(reverse("analysis:survey-list")))}
    for by in selectors.DIMENSIONS:
        seen[f"page {by}"] = html(client.get(page, {"by": by}))
        response = client.get(csv, {"by": by})
        seen[f"csv {by}"] = (response.status_code, response.content, response.get("Location"))
        seen[f"api {by}"] = client.get(f"/api/v1/surveys/{survey.pk}/results?by={by}").json()
    return seen


@pytest.fixture
def round_with_answers(
    django_capture_on_commit_callbacks: Any,
) -> tuple[sw.World, Survey, dict[str, str]]:
    """An open round where all but one have answered (enough to show every big group)."""
    world = sw.build_world()
    survey, tokens = sw.open_round(
        world, django_capture_on_commit_callbacks=django_capture_on_commit_callbacks
    )
    last = tokens.pop("tina@fjordvik.invalid")
    sw.answer_all(survey, tokens, value=4, text="Godt samarbeid.")
    return world, survey, {"last": last}


def test_a_colleagues_answer_changes_nothing_an_employee_can_read(
    round_with_answers: tuple[sw.World, Survey, dict[str, str]],
) -> None:
    world, survey, tokens = round_with_answers
    reader = client_for(world.outsider)
    before = everything(reader, survey)
    services.answer_submit(
        token=tokens["last"], values=sw.full_answers(survey, value=1, text=COLLEAGUE_WORDS)
    )
    after = everything(reader, survey)
    assert after == before
    assert after["api party"]["results_available"] is False
    assert after["api party"]["respondents"] is None and after["api party"]["groups"] == []
    page = after["page party"].decode()
    assert "The results come when the round closes" in page
    assert COLLEAGUE_WORDS not in page


def test_managers_see_only_counts_of_big_enough_groups_while_open(
    round_with_answers: tuple[sw.World, Survey, dict[str, str]],
) -> None:
    world, survey, tokens = round_with_answers
    manager = client_for(world.admin)
    before = everything(manager, survey)
    services.answer_submit(
        token=tokens["last"], values=sw.full_answers(survey, value=1, text=COLLEAGUE_WORDS)
    )
    after = everything(manager, survey)
    for seen in (before, after):
        for by in selectors.DIMENSIONS:
            data = seen[f"api {by}"]
            # No figure but respondent counts: no means, distributions or words.
            assert data["results_available"] is False
            assert data["questions"] == [] and data["themes"] == [] and data["texts"] == []
            status, csv, _location = seen[f"csv {by}"]
            assert status == 200
            assert csv.decode("utf-8-sig").splitlines()[0] == "Group;Respondents (n)"
            assert COLLEAGUE_WORDS not in seen[f"page {by}"].decode()
    party = after["api party"]
    assert party["respondents"] == before["api party"]["respondents"] + 1
    counted = {g["key"]: g["respondents"] for g in party["groups"]}
    # Every group shown has at least the threshold; the small ones not even by name, since
    # which small groups have begun to answer changes one answer at a time.
    assert counted and all(n >= party["threshold"] for n in counted.values())
    assert "party:POLITICAL" not in counted
    assert party["hidden_groups"] == []
    page = after["page party"].decode()
    assert 'id="progress"' in page and "Elected politicians" not in page
    # The page, the API and the CSV tell the same counts.
    csv = after["csv party"][1].decode("utf-8-sig").splitlines()[1:]
    assert csv == [f"{g['name']};{g['respondents']}" for g in party["groups"]]


def test_results_come_at_closing_and_never_change(
    round_with_answers: tuple[sw.World, Survey, dict[str, str]],
) -> None:
    world, survey, tokens = round_with_answers
    services.answer_submit(
        token=tokens["last"], values=sw.full_answers(survey, value=1, text=COLLEAGUE_WORDS)
    )
    services.survey_close(actor=world.admin, survey=survey)
    reader = client_for(world.outsider)
    closed = everything(reader, survey)
    assert closed["api party"]["results_available"] is True
    assert closed["api party"]["questions"][0]["results"]
    assert COLLEAGUE_WORDS in closed["page all"].decode()
    # An answer row written after closing (by hand, say) and a lowered threshold change no
    # figure. (The list of rounds counts the stored responses, which only answering adds.)
    rw.respond(survey, values=[5, 5, 5], party="EMPLOYEE", text="Skrevet etterpå", late=True)
    world.municipality.survey_threshold = 3
    world.municipality.save()
    later = everything(reader, survey)
    assert {k: v for k, v in later.items() if k != "list"} == {
        k: v for k, v in closed.items() if k != "list"
    }
    assert set(KeptResults.objects.filter(survey=survey).values_list("by", flat=True)) == set(
        selectors.DIMENSIONS
    )


def test_a_threshold_raised_after_closing_hides_the_groups_under_it(
    round_with_answers: tuple[sw.World, Survey, dict[str, str]],
) -> None:
    world, survey, _tokens = round_with_answers
    services.survey_close(actor=world.admin, survey=survey)
    reader = client_for(world.outsider)
    before = reader.get(f"/api/v1/surveys/{survey.pk}/results?by=party").json()
    shown = [group for group in before["groups"] if group["respondents"]]
    assert shown, before
    world.municipality.survey_threshold = max(g["respondents"] for g in shown) + 1
    world.municipality.save()

    after = reader.get(f"/api/v1/surveys/{survey.pk}/results?by=party").json()

    assert after["threshold"] == world.municipality.survey_threshold
    assert not [group for group in after["groups"] if group["respondents"]], after["groups"]


def test_the_daily_duty_keeps_the_results_of_the_rounds_it_closes(
    round_with_answers: tuple[sw.World, Survey, dict[str, str]],
) -> None:
    world, survey, _tokens = round_with_answers
    day = survey.closes_on or survey.opens_on
    Survey.objects.filter(pk=survey.pk).update(closes_on=day)
    assert day is not None
    services.surveys_close_past(day=day.replace(year=day.year + 1))
    survey.refresh_from_db()
    assert survey.status == Survey.Status.CLOSED
    assert KeptResults.objects.filter(survey=survey).count() == len(selectors.DIMENSIONS)
    data = client_for(world.outsider).get(f"/api/v1/surveys/{survey.pk}/results?by=all").json()
    assert data["results_available"] is True and data["respondents"] > 0


def test_rounds_over_time_take_only_closed_rounds() -> None:
    world = rw.build_results_world(builtin_key="status-i-egen-kommune")
    open_round = rw.make_survey(world.instrument, round_label="Vår 2027", status=Survey.Status.OPEN)
    earlier = rw.make_survey(world.instrument, round_label="Vår 2026")
    for survey in (world.survey, open_round, earlier):
        rw.respond_many(survey, 6, values=[3, 3, 3], party="EMPLOYEE")
    rounds = kept.survey_rounds(survey=world.survey, by="party")
    assert {r.label for r in rounds} == {"Høst 2026", "Vår 2026"}
    with pytest.raises(selectors.ResultsNotReady):
        kept.survey_results(survey=open_round, by="party")


def test_closed_rounds_kept_before_are_computed_once_on_first_read() -> None:
    world = rw.build_results_world()
    rw.respond_many(world.survey, 6, values=[4, 4, 4], party="EMPLOYEE")
    rw.respond_many(world.survey, 5, values=[2, 3, 4], party="POLITICAL")
    assert not KeptResults.objects.exists()
    computed = results_compute(survey=world.survey, by="party")
    first = kept.survey_results(survey=world.survey, by="party")
    assert KeptResults.objects.filter(survey=world.survey, by="party").count() == 1
    # What is kept is exactly what the suppression code computes.
    assert first.groups == computed.groups and first.hidden == computed.hidden
    for kept_q, fresh_q in zip(first.questions, computed.questions, strict=True):
        assert dict(kept_q.cells) == dict(fresh_q.cells)
    assert [(t.theme, t.means) for t in first.themes] == [
        (t.theme, t.means) for t in computed.themes
    ]
    rw.respond_many(world.survey, 6, values=[1, 1, 1], party="POLITICAL", late=True)
    again = kept.survey_results(survey=world.survey, by="party")
    assert [g.key for g in again.groups] == [g.key for g in first.groups]
    assert again.questions[0].cells["all"] == first.questions[0].cells["all"]
    fresh = results_compute(survey=world.survey, by="party")
    assert [g.respondents for g in fresh.groups] != [g.respondents for g in again.groups]


def test_an_open_round_cannot_be_sent_to_a_meeting() -> None:
    import datetime

    from django.core.exceptions import ValidationError
    from django.utils import timezone
    from django.utils.translation import override

    from trepart.analysis.services.snapshots import snapshot_send
    from trepart.meetings.models import AgendaItem
    from trepart.meetings.tests.world import build_world, plan_meeting

    world = build_world()
    meeting = plan_meeting(world, timezone.localdate() + datetime.timedelta(days=14))
    instrument = rw.make_instrument(world.municipality)
    survey = rw.make_survey(instrument, status=Survey.Status.OPEN)
    rw.respond_many(survey, 6, values=[4, 4, 4], party="EMPLOYEE")
    params = {"survey": str(survey.pk), "by": "party"}
    with override("nb"), pytest.raises(ValidationError) as refused:
        snapshot_send(
            actor=world.secretary,
            key="survey-results",
            params=params,
            meeting=meeting,
            title="Resultater",
        )
    assert "Resultatene kommer når runden lukkes" in " ".join(refused.value.messages)
    client = client_for(world.secretary)
    form = client.get(
        reverse("analysis:snapshot-send"),
        {"key": "survey-results", "param-survey": str(survey.pk)},
    )
    assert form.status_code == 409
    assert "The results come when the round closes on" in form.content.decode()
    posted = client.post(
        reverse("analysis:snapshot-send"),
        {
            "key": "survey-results",
            "param-survey": str(survey.pk),
            "meeting": str(meeting.pk),
            "title": "Resultater",
            "kind": "DISCUSSION",
        },
    )
    assert posted.status_code == 409
    assert not AgendaItem.objects.filter(meeting=meeting).exists()
    # Once closed, it can.
    Survey.objects.filter(pk=survey.pk).update(status=Survey.Status.CLOSED)
    survey.refresh_from_db()
    item = snapshot_send(
        actor=world.secretary,
        key="survey-results",
        params=params,
        meeting=meeting,
        title="Resultater",
    )
    assert item.snapshot is not None and item.snapshot["key"] == "survey-results"


def test_managers_see_no_count_while_the_whole_round_is_under_the_threshold(
    django_capture_on_commit_callbacks: Any,
) -> None:
    world = sw.build_world()
    survey, tokens = sw.open_round(
        world, django_capture_on_commit_callbacks=django_capture_on_commit_callbacks
    )
    first_two = dict(list(tokens.items())[:2])
    sw.answer_all(survey, first_two, value=4, text="Tidlig svar.")
    manager = client_for(world.admin)

    api = manager.get(f"/api/v1/surveys/{survey.pk}/results?by=all").json()
    exported = manager.get(
        reverse("analysis:survey-results-csv", args=[survey.pk]) + "?by=all"
    ).content.decode("utf-8-sig")

    assert api["respondents"] is None and api["groups"] == []
    assert exported.splitlines()[1:] == ["Whole municipality;"]
