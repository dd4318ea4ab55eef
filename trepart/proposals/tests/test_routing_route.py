"""Routing proposals to real bodies: a unit's LMU up the unit tree, the fallback body, the
default table's kinds, a municipality's adjusted table, the body's deadline."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.utils import translation

from trepart.organisation.tests.factories import (
    BodyFactory,
)
from trepart.proposals.models import (
    Event,
    RoutingRule,
)
from trepart.proposals.routing.table import routing_rules_ensure
from trepart.proposals.tests.services_town import (
    Town,
    build_town,
    submit,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def town() -> Town:
    return build_town()


# --- Routing to real bodies --------------------------------------------------------------


def test_one_unit_goes_to_its_lmu(town: Town) -> None:
    proposal = submit(town)
    assert proposal.body == town.lmu
    assert proposal.recommendation_body is None
    routed = proposal.events.get(kind=Event.Kind.ROUTED)
    with translation.override("nb"):
        assert "arbeidsplassens LMU" in routed.shown_reason


def test_a_unit_without_an_lmu_uses_the_nearest_above(town: Town) -> None:
    sector_lmu = BodyFactory.create(
        municipality=town.municipality, kind="LMU", unit=town.sector, name="LMU oppvekst"
    )
    proposal = submit(town, unit_ids=[town.kindergarten.pk])
    assert proposal.body == sector_lmu


def test_no_lmu_anywhere_falls_back_to_the_coordination_group(town: Town) -> None:
    proposal = submit(town, unit_ids=[town.kindergarten.pk])
    assert proposal.body == town.coordination
    assert "has no LMU" in proposal.events.get(kind=Event.Kind.ROUTED).shown_reason


def test_several_units_go_to_the_coordination_group(town: Town) -> None:
    proposal = submit(town, unit_ids=[town.school.pk, town.kindergarten.pk])
    assert proposal.body == town.coordination
    assert list(proposal.units.order_by("name")) == [town.school, town.kindergarten]


def test_a_citizen_goes_to_the_coordination_group(town: Town) -> None:
    proposal = submit(town, actor=None, unit_ids=[town.school.pk], proposer_name="Kari")
    assert proposal.body == town.coordination
    assert proposal.source == "CITIZEN"
    assert proposal.submitted_by is None


def test_money_goes_to_the_tripartite_body_with_a_recommendation(town: Town) -> None:
    proposal = submit(town, needs_money=True, cost_estimate=250_000)
    assert proposal.body == town.tripartite
    assert proposal.recommendation_body == town.coordination


def test_an_adjusted_table_is_followed(town: Town) -> None:
    routing_rules_ensure(actor=None, municipality=town.municipality)
    project = BodyFactory.create(municipality=town.municipality, kind="PROJECT_GROUP")
    RoutingRule.objects.create(
        municipality=town.municipality,
        priority=1,
        when_source="CITIZEN",
        target="BODY",
        target_body=project,
    )
    assert submit(town, actor=None).body == project
    assert submit(town).body == town.lmu


def test_deadline_follows_the_body(town: Town) -> None:
    town.lmu.answer_deadline_days = 14
    town.lmu.save()
    with time_machine.travel(datetime.datetime(2026, 3, 2, 12, tzinfo=datetime.UTC)):
        proposal = submit(town)
    assert proposal.arrived_on == datetime.date(2026, 3, 2)
    assert proposal.due_on == datetime.date(2026, 3, 16)
