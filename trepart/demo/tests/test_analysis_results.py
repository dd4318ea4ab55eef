"""The demo's surveys: two rounds of the self-assessment where the parties differ and the
employees' view improves, and the bulk survey's answers written in batches."""

from __future__ import annotations

import datetime
import random
from typing import Any

import pytest

from trepart.analysis import results_display as display
from trepart.analysis import results_kept as kept
from trepart.analysis.models import Answer, Invitation, Response, Survey
from trepart.analysis.selectors import surveys as selectors
from trepart.analysis.tests.results_world import ResultsWorld, build_results_world
from trepart.demo.analysis_surveys import bulk_survey_build, self_assessment_build
from trepart.organisation.models import Person
from trepart.organisation.tests.factories import MembershipFactory, PersonFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 12, 2)


def seated(world: ResultsWorld, per_party: int = 8) -> None:
    """The tripartite body with ``per_party`` members of each party."""
    for party in ("POLITICAL", "ADMINISTRATION", "EMPLOYEE"):
        kind = Person.Kind.POLITICIAN if party == "POLITICAL" else Person.Kind.EMPLOYEE
        for _seat in range(per_party):
            person = PersonFactory.create(
                municipality=world.municipality, kind=kind, unit=world.school_a
            )
            MembershipFactory.create(body=world.body, person=person, party=party)


def test_two_closed_rounds_where_the_employees_see_less_equal_footing_and_then_more() -> None:
    world = build_results_world()
    seated(world)
    first, second = self_assessment_build(
        municipality=world.municipality, rng=random.Random(1), today=TODAY
    )
    assert [s.round_label for s in (first, second)] == ["Høst 2025", "Høst 2026"]
    assert {s.status for s in (first, second)} == {Survey.Status.CLOSED}
    assert Invitation.objects.filter(survey=first).count() == 24
    answered = Invitation.objects.filter(survey=first, answered=True).count()
    assert Response.objects.filter(survey=first).count() == answered
    assert not Invitation.objects.exclude(token_hash="").exists()
    rounds = kept.survey_rounds(survey=second, by="party")
    assert [r.label for r in rounds] == ["Høst 2025", "Høst 2026"]
    likeverd = "Equal footing (likeverd)"
    before, after = rounds[0].themes[likeverd], rounds[1].themes[likeverd]
    assert before["Employees"] < before["Elected politicians"]
    assert after["Employees"] > before["Employees"]
    results = kept.survey_results(survey=second, by="party")
    chart = display.party_chart(results)
    assert chart is not None and "differ most" in chart.summary


def test_the_same_seed_gives_the_same_answers() -> None:
    def values(seed: int) -> list[tuple[Any, ...]]:
        world = build_results_world()
        seated(world, per_party=3)
        first, _second = self_assessment_build(
            municipality=world.municipality, rng=random.Random(seed), today=TODAY
        )
        # Ids are random, so the answers are compared as what they say, sorted.
        return sorted(
            Answer.objects.filter(survey=first, value__isnull=False).values_list(
                "question__position", "party", "response__answered_on", "value"
            )
        )

    assert values(7) == values(7)


def test_the_bulk_survey_has_35_answers_per_respondent_in_the_units() -> None:
    world = build_results_world()
    survey = bulk_survey_build(
        municipality=world.municipality, respondents=120, rng=random.Random(3), today=TODAY
    )
    assert Response.objects.filter(survey=survey).count() == 120
    assert Answer.objects.filter(survey=survey).count() == 120 * 35
    assert not Answer.objects.filter(survey=survey, unit__isnull=True).exists()
    assert set(Answer.objects.filter(survey=survey).values_list("value", flat=True)) <= {
        1,
        2,
        3,
        4,
        5,
    }
    results = kept.survey_results(survey=survey, by="unit")
    whole = results.questions[0].cells["all"]
    assert whole.answers == 120 and 1 <= (whole.mean or 0) <= 5


def test_the_demos_closed_rounds_have_their_results_kept() -> None:
    from trepart.analysis.models import KeptResults
    from trepart.demo.analysis_surveys import surveys_build

    world = build_results_world()
    seated(world)
    surveys_build(municipality=world.municipality, preset="small", bulk=False)
    rounds = Survey.objects.filter(municipality=world.municipality).exclude(pk=world.survey.pk)
    assert rounds.count() == 2
    for survey in rounds:
        assert survey.status == Survey.Status.CLOSED
        kept_by = set(KeptResults.objects.filter(survey=survey).values_list("by", flat=True))
        assert kept_by == set(selectors.DIMENSIONS)
        results = kept.survey_results(survey=survey, by="party")
        assert results.whole is not None and results.themes
