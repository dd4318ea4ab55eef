"""Starting a project and keeping its facts: the group made as a body with its seats, the
mandate checked, the proposer told, the phases, and who may do what."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from trepart.audit.writes import ConcurrentEditError
from trepart.development.models import Phase, Project
from trepart.development.services.projects import (
    phase_add,
    phase_mark_done,
    phase_update,
    project_create,
    project_update,
)
from trepart.development.tests.project_steps import NOW, handed_proposal, mandate_item, new_project
from trepart.development.tests.world import ProjectWorld, build_project_world
from trepart.organisation.models import Body, Membership, Party
from trepart.platform.models import Notification

pytestmark = pytest.mark.django_db(transaction=False)


@pytest.fixture(autouse=True)
def clock() -> Iterator[None]:
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def world() -> ProjectWorld:
    return build_project_world()


def test_a_member_of_the_body_starts_a_project_with_its_group(world: ProjectWorld) -> None:
    item = mandate_item(world)
    member = world.body_users[Party.EMPLOYEE]
    project = project_create(actor=member, mandate_item=item, **new_project(world))

    group = project.group
    assert group.kind == Body.Kind.PROJECT_GROUP
    assert group.parent_id == world.mandating_body.pk
    seats = {m.person_id: (m.party, m.role) for m in Membership.objects.filter(body=group)}
    leader = world.group_users[Party.ADMINISTRATION].person
    assert seats[leader.pk] == (Party.ADMINISTRATION, Membership.Role.CHAIR)
    assert seats[world.group_users[Party.SERVICE_USER].person.pk][0] == Party.SERVICE_USER
    assert len(seats) == 4
    assert list(project.units.all()) == [world.unit]
    assert project.savings_target is None
    phases = list(project.phases.order_by("position"))
    assert [p.kind for p in phases] == ["CURRENT", "USERS", "DESIRED", "PROPOSAL"]
    assert phases[0].starts_on == project.starts_on
    assert phases[-1].ends_on == project.ends_on


def test_an_administrator_may_start_one_an_outsider_may_not(world: ProjectWorld) -> None:
    item = mandate_item(world)
    project_create(actor=world.admin, mandate_item=item, **new_project(world))
    with pytest.raises(PermissionDenied):
        project_create(actor=world.outsider, mandate_item=item, **new_project(world, title="B"))
    # Sitting in a project group is not a seat in the mandating body.
    with pytest.raises(PermissionDenied):
        project_create(
            actor=world.group_users[Party.EMPLOYEE],
            mandate_item=item,
            **new_project(world, title="C"),
        )


def test_a_proposal_handed_over_tells_the_proposer_with_the_link(world: ProjectWorld) -> None:
    proposal = handed_proposal(world)
    project = project_create(
        actor=world.admin,
        mandate_proposal=proposal,
        **new_project(world, visibility=Project.Visibility.PUBLIC),
    )
    told = Notification.objects.get(email="forslag@example.invalid")
    assert project.title in told.body
    assert f"/utvikling/offentlig/{project.pk}/" in told.body
    assert told.language == world.municipality.language == "nb"
    assert told.subject == "Forslaget ditt «Felles maskinpark» behandles i et prosjekt"
    assert Project.objects.get(mandate_proposal=proposal) == project


def test_the_mandate_must_come_from_the_body(world: ProjectWorld) -> None:
    with pytest.raises(ValidationError) as error:
        project_create(actor=world.admin, **new_project(world))
    assert "mandate_item" in error.value.message_dict
    rejected = handed_proposal(world, answer="REJECTED")
    with pytest.raises(ValidationError) as error:
        project_create(actor=world.admin, mandate_proposal=rejected, **new_project(world))
    assert "further evaluation" in error.value.message_dict["mandate_proposal"][0]
    undecided = mandate_item(world)
    undecided.outcome = ""
    undecided.save()
    with pytest.raises(ValidationError):
        project_create(actor=world.admin, mandate_item=undecided, **new_project(world))
    assert not Project.objects.filter(title="Lean i hjemmetjenesten").exists()
    assert not Body.objects.filter(kind=Body.Kind.PROJECT_GROUP, name__contains="Lean").exists()


def test_bad_input_is_refused_and_nothing_is_half_saved(world: ProjectWorld) -> None:
    item = mandate_item(world)
    with pytest.raises(ValidationError) as error:
        project_create(
            actor=world.admin,
            mandate_item=item,
            **new_project(
                world,
                title=" ",
                savings_target=500_000,
                ends_on=datetime.date(2026, 1, 1),
            ),
        )
    problems = error.value.message_dict
    assert {"title", "savings_target", "ends_on"} <= set(problems)
    # A seat that breaks the organisation's rules (a citizen sitting for the employees).
    with pytest.raises(ValidationError) as error:
        project_create(
            actor=world.admin,
            mandate_item=item,
            **new_project(
                world, members=[(world.group_users[Party.SERVICE_USER].person, Party.EMPLOYEE)]
            ),
        )
    assert "members" in error.value.message_dict
    groups = Body.objects.filter(municipality=world.municipality, kind=Body.Kind.PROJECT_GROUP)
    assert groups.count() == 1  # the world's own


def test_another_municipalitys_people_are_refused(world: ProjectWorld) -> None:
    other = build_project_world()
    with pytest.raises(ValidationError):
        project_create(
            actor=world.admin,
            mandate_item=mandate_item(world),
            **new_project(world, leader=other.leader),
        )


def test_the_group_edits_the_project_and_a_stale_form_is_refused(world: ProjectWorld) -> None:
    project = world.project
    chair = world.group_users[Party.ADMINISTRATION]
    saved = project_update(
        actor=chair, project=project, version=1, title="Ny tittel", informed=[world.leader]
    )
    assert saved.title == "Ny tittel" and saved.version == 2
    assert list(saved.informed.all()) == [world.leader]
    with pytest.raises(ConcurrentEditError):
        project_update(actor=chair, project=project, version=1, title="Gammel")
    with pytest.raises(PermissionDenied):
        project_update(actor=world.outsider, project=saved, version=2, title="X")
    with pytest.raises(PermissionDenied):
        # The mandating body follows the project but does not edit it.
        project_update(actor=world.body_users[Party.POLITICAL], project=saved, version=2, title="X")
    with pytest.raises(ValidationError) as error:
        project_update(actor=chair, project=saved, version=2, ends_on=datetime.date(2025, 1, 1))
    assert "ends_on" in error.value.message_dict


def test_a_new_leader_takes_the_chair_of_the_group(world: ProjectWorld) -> None:
    chair = world.group_users[Party.ADMINISTRATION]
    newcomer = world.outsider.person
    saved = project_update(actor=chair, project=world.project, version=1, leader=newcomer)
    seat = Membership.objects.get(body=world.group, person=newcomer)
    assert (seat.party, seat.role) == (Party.ADMINISTRATION, Membership.Role.CHAIR)
    # Someone who already sits in the group keeps their seat.
    member = world.group_users[Party.EMPLOYEE].person
    project_update(actor=chair, project=saved, version=2, leader=member)
    assert Membership.objects.filter(body=world.group, person=member).count() == 1


def test_phases_are_added_and_marked_done(world: ProjectWorld) -> None:
    chair = world.group_users[Party.EMPLOYEE]
    phase = phase_add(
        actor=chair,
        project=world.project,
        kind=Phase.Kind.CURRENT,
        goal="Kartlegg alle oppgaver",
        starts_on=datetime.date(2026, 1, 5),
        ends_on=datetime.date(2026, 2, 27),
    )
    done = phase_mark_done(actor=chair, phase=phase, version=phase.version)
    assert done.done_on == NOW.date()
    with pytest.raises(ConcurrentEditError):
        phase_mark_done(actor=chair, phase=phase, version=phase.version)
    with pytest.raises(ValidationError) as error:
        phase_update(
            actor=chair, phase=done, version=done.version, done_on=datetime.date(2026, 12, 1)
        )
    assert "done_on" in error.value.message_dict
    with pytest.raises(ValidationError):
        phase_add(
            actor=chair,
            project=world.project,
            kind=Phase.Kind.OTHER,
            starts_on=datetime.date(2026, 3, 1),
            ends_on=datetime.date(2026, 2, 1),
        )
    with pytest.raises(PermissionDenied):
        phase_add(
            actor=world.outsider,
            project=world.project,
            kind=Phase.Kind.OTHER,
            starts_on=datetime.date(2026, 3, 1),
            ends_on=datetime.date(2026, 4, 1),
        )
    assert len(mail.outbox) == 0
