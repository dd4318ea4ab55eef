"""A decided plan that reduces more FTEs than natural attrition covers hands the redundant
FTEs to the stillingsbank: the development app announces, the stillingsbank stores the
announcement once, and a plan within attrition announces nothing."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import pytest
import time_machine

from trepart.development.models import LevelKind, Plan, Project
from trepart.development.services.decision import decision_record, recommendation_send
from trepart.development.tests.project_steps import MEETING_DAY, NOW, at, meeting_of
from trepart.development.tests.world import ProjectWorld, build_project_world, task_make
from trepart.meetings import services as meetings
from trepart.organisation.models import Party
from trepart.redeployment.models import ExpectedRedundancy

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def clock() -> Iterator[time_machine.Traveller]:
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def _decided(redundant: float, clock: time_machine.Traveller) -> tuple[ProjectWorld, Plan]:
    world = build_project_world()
    world.project.units.add(world.unit)
    road = task_make(
        world.project,
        "Brøyting",
        {LevelKind.KEEP: (1_000_000, "2", 8), LevelKind.LOWER: (580_000, "0.5", 6)},
        unit=world.unit,
    )
    choice = {
        "key": str(road.pk), "name": "Brøyting", "kind": "LOWER", "saving": 420_000,
        "fte_change": -1.5, "quality_lost": 2.0, "locked": False, "minimum": "",
    }  # fmt: skip
    result = {"status": "fte_blocked" if redundant else "optimal", "choices": [choice],
              "redundant_ftes": redundant, "fte_change": -1.5}  # fmt: skip
    plan = Plan.objects.create(project=world.project, target=400_000, result=result, chosen=True)
    meeting = meeting_of(world)
    item = recommendation_send(
        actor=world.group_users[Party.EMPLOYEE], project=world.project, meeting=meeting, text="I"
    )
    meetings.meeting_publish_agenda(actor=world.admin, meeting=meeting, version=1)
    clock.move_to(at(MEETING_DAY, 19))
    item.refresh_from_db()
    meetings.item_outcome_record(
        actor=world.admin, item=item, version=item.version, outcome="CONSENSUS", outcome_text="Ja"
    )
    project = Project.objects.get(pk=world.project.pk)
    decision_record(
        actor=world.body_users[Party.ADMINISTRATION],
        project=project,
        version=project.version,
        decision_maker="COUNCIL",
        adopted=True,
        text="Vedtatt.",
        decided_on=MEETING_DAY,
    )
    return world, plan


def test_redundant_ftes_of_an_adopted_plan_reach_the_stillingsbank(
    clock: time_machine.Traveller,
) -> None:
    world, plan = _decided(1.0, clock)
    expected = ExpectedRedundancy.objects.get()
    assert expected.key == f"development.plan:{plan.pk}"
    assert (expected.municipality, expected.unit) == (world.municipality, world.unit)
    assert expected.ftes == Decimal("1.00")
    assert expected.source == world.project.title
    assert expected.decided_on == MEETING_DAY
    assert not expected.handled


def test_a_plan_within_natural_attrition_announces_nothing(
    clock: time_machine.Traveller,
) -> None:
    _decided(0.0, clock)
    assert not ExpectedRedundancy.objects.exists()
