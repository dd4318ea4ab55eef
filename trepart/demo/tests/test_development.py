"""The demo's development work: the five stories the sources tell, built through the services."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db.models import Sum

from trepart.demo.development_data import VEI_OG_PARK_RECOMMENDATION, VEI_OG_PARK_TARGET
from trepart.development import privacy
from trepart.development.models import (
    Plan,
    Project,
    ProjectKind,
    Realisation,
    SavingsMeasure,
    SavingsYear,
    Weighing,
)
from trepart.meetings.models import AgendaItem
from trepart.organisation.models import Membership, Party

pytestmark = pytest.mark.django_db


@pytest.fixture
def projects(built_demo: object) -> dict[str, Project]:
    return {project.kind + ":" + project.title[:8]: project for project in Project.objects.all()}


def test_vei_og_park_went_from_mandate_to_the_councils_unanimous_decision(
    projects: dict[str, Project],
) -> None:
    project = Project.objects.get(title="Tjenestegjennomgang Vei og park")
    assert project.status == Project.Status.DECIDED
    assert project.mandate_item is not None and project.mandate_item.outcome == "DECISION"
    assert (project.decision_maker, project.decision_adopted) == ("COUNCIL", True)
    assert project.decision_votes == "Enstemmig"
    # The politicians were kept informed and did not sit in the group (the source).
    parties = set(Membership.objects.filter(body=project.group).values_list("party", flat=True))
    assert Party.POLITICAL not in parties and project.informed.exists()
    assert privacy.weights_open(project)
    plan = Plan.objects.get(project=project, chosen=True)
    result = plan.result
    assert result["status"] == "optimal" and result["saving"] >= VEI_OG_PARK_TARGET
    kinds = {choice["kind"] for choice in result["choices"]}
    assert {"REMOVE", "LOWER", "RAISE"} <= kinds  # cut some, lowered some, raised others
    item = AgendaItem.objects.get(title=VEI_OG_PARK_RECOMMENDATION)
    assert project.recommendation_item == item and item.outcome == "CONSENSUS"
    assert item.snapshot is not None and item.snapshot["key"] == "development.plan"
    # The adopted plan is in the ledger net: its savings, and its raised tasks as added cost.
    assert SavingsMeasure.objects.filter(project=project).count() == sum(
        1 for choice in result["choices"] if choice["saving"] != 0
    )
    raised = SavingsMeasure.objects.filter(project=project, realisation=Realisation.ADDED_COST)
    assert raised.count() == sum(1 for choice in result["choices"] if choice["saving"] < 0) > 0
    booked = SavingsYear.objects.filter(measure__project=project)
    years = sorted(set(booked.values_list("year", flat=True)))
    assert years
    for year in years:
        net = booked.filter(year=year).aggregate(net=Sum("planned"))["net"]
        assert net == result["saving"]


def test_the_oppvekst_pilot_waits_for_the_politicians_weighing(
    projects: dict[str, Project],
) -> None:
    project = Project.objects.get(title__startswith="Tjenesteoptimal")
    assert project.status == Project.Status.ACTIVE
    assert 4_000_000 <= (project.savings_target or 0) <= 6_000_000
    done = set(Weighing.objects.filter(project=project).values_list("party", flat=True))
    assert done == {Party.ADMINISTRATION, Party.EMPLOYEE}
    assert not privacy.weights_open(project)
    mayor = Membership.objects.get(body=project.group, person__user__username="ordforer")
    assert mayor.party == Party.POLITICAL
    assert project.reports.get().item is not None


def test_balanse_2010_realised_16_mnok_mostly_through_natural_attrition(
    projects: dict[str, Project],
) -> None:
    project = Project.objects.get(title="Balanse 2010")
    assert project.kind == ProjectKind.SAVINGS_PROGRAMME
    years = SavingsYear.objects.filter(measure__project=project, year=2010)
    assert years.aggregate(total=Sum("realised"))["total"] == 16_000_000
    attrition = years.filter(measure__realisation=Realisation.ATTRITION)
    assert attrition.aggregate(total=Sum("realised"))["total"] == 11_600_000


def test_lean_has_a_board_and_no_target_and_ormaasen_has_service_users(
    projects: dict[str, Project],
) -> None:
    lean = Project.objects.get(kind=ProjectKind.LEAN)
    assert lean.savings_target is None
    assert lean.improvements.count() == 6
    assert lean.improvements.aggregate(hours=Sum("hours_saved_per_month"))["hours"] > Decimal(0)
    ormaasen = Project.objects.get(kind=ProjectKind.DEVELOPMENT)
    assert ormaasen.is_public
    assert Membership.objects.filter(body=ormaasen.group, party=Party.SERVICE_USER).exists()
