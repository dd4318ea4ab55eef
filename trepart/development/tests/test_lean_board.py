"""The Lean improvement board: who may put a card up, the group moving it round the PDSA
cycle with an owner and a measured effect, and the totals per project."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from trepart.accounts.tests.factories import UserFactory
from trepart.audit.writes import ConcurrentEditError
from trepart.development.models import Improvement
from trepart.development.selectors.lean import lean_sums, lean_sums_by_project
from trepart.development.services.lean import (
    improvement_add,
    improvement_advance,
    improvement_update,
)
from trepart.development.tests.world import ProjectWorld, build_project_world
from trepart.organisation.models import Party
from trepart.organisation.tests.factories import PersonFactory, UnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> ProjectWorld:
    return build_project_world(kind="LEAN", target=None)


def test_an_employee_of_a_unit_involved_puts_up_an_idea(world: ProjectWorld) -> None:
    card = improvement_add(
        actor=world.outsider, project=world.project, kind="PROBLEM", title="Lang ventetid"
    )
    assert card.step == Improvement.Step.PLAN
    assert card.unit == world.unit  # the employee's own unit
    # An employee of a sub-unit of a unit involved may too.
    team = UnitFactory.create(municipality=world.municipality, parent=world.unit)
    worker = PersonFactory.create(municipality=world.municipality, unit=team)
    worker.user = UserFactory.create(municipality=world.municipality)
    worker.save()
    improvement_add(actor=worker.user, project=world.project, kind="IDEA", title="Nye skjema")


def test_others_may_not_put_up_cards(world: ProjectWorld) -> None:
    elsewhere = UnitFactory.create(municipality=world.municipality)
    stranger = PersonFactory.create(municipality=world.municipality, unit=elsewhere)
    stranger.user = UserFactory.create(municipality=world.municipality)
    stranger.save()
    with pytest.raises(PermissionDenied):
        improvement_add(actor=stranger.user, project=world.project, kind="IDEA", title="X")
    other = build_project_world(kind="LEAN", target=None)
    with pytest.raises(PermissionDenied):
        improvement_add(actor=other.outsider, project=world.project, kind="IDEA", title="X")
    service_review = build_project_world()
    with pytest.raises(ValidationError):
        improvement_add(
            actor=service_review.admin, project=service_review.project, kind="IDEA", title="X"
        )


def test_the_group_moves_a_card_round_the_cycle(world: ProjectWorld) -> None:
    card = improvement_add(actor=world.outsider, project=world.project, kind="IDEA", title="A")
    chair = world.group_users[Party.ADMINISTRATION]
    with pytest.raises(PermissionDenied):
        improvement_advance(actor=world.outsider, improvement=card, version=card.version)
    steps = []
    for _ in range(4):
        card = improvement_advance(actor=chair, improvement=card, version=card.version)
        steps.append(card.step)
    assert steps == ["DO", "STUDY", "ACT", "DONE"]
    with pytest.raises(ValidationError):
        improvement_advance(actor=chair, improvement=card, version=card.version)
    with pytest.raises(ConcurrentEditError):
        improvement_update(actor=chair, improvement=card, version=1, title="B")


def test_effects_are_checked_and_summed(world: ProjectWorld) -> None:
    chair = world.group_users[Party.EMPLOYEE]
    first = improvement_add(actor=chair, project=world.project, kind="IDEA", title="A")
    second = improvement_add(actor=chair, project=world.project, kind="PROBLEM", title="B")
    improvement_update(
        actor=chair,
        improvement=first,
        version=1,
        owner=world.leader,
        hours_saved_per_month=Decimal("10.5"),
        errors_avoided_per_month=3,
        step="DONE",
    )
    improvement_update(
        actor=chair, improvement=second, version=1, hours_saved_per_month=2, waiting_days_avoided=4
    )
    with pytest.raises(ValidationError) as error:
        improvement_update(
            actor=chair, improvement=second, version=2, title=" ", hours_saved_per_month=-1
        )
    assert {"title", "hours_saved_per_month"} <= set(error.value.message_dict)
    sums = lean_sums(world.project)
    assert (sums.count, sums.done, sums.hours, sums.errors, sums.waiting) == (
        2,
        1,
        Decimal("12.5"),
        3,
        Decimal("4"),
    )
    assert lean_sums_by_project([world.project])[world.project.pk] == sums
    other = build_project_world(kind="LEAN", target=None)
    assert lean_sums_by_project([other.project])[other.project.pk].count == 0
