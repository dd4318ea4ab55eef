"""Who sees what of a project: the three circles of ``trepart.development.privacy``."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from trepart.accounts.tests.factories import UserFactory
from trepart.development import privacy
from trepart.development.models import Weighing
from trepart.development.privacy import Access
from trepart.development.tests.world import build_project_world
from trepart.organisation.models import Membership, Party

pytestmark = pytest.mark.django_db


def test_group_and_mandating_body_see_everything_others_a_summary() -> None:
    world = build_project_world()
    project = world.project
    for user in [*world.group_users.values(), *world.body_users.values(), world.admin]:
        assert privacy.access(user, project) == Access.FULL
    assert privacy.access(world.outsider, project) == Access.SUMMARY
    assert privacy.access(AnonymousUser(), project) == Access.NONE
    stranger = UserFactory.create()
    assert privacy.access(stranger, project) == Access.NONE


def test_a_public_project_is_open_to_everyone_without_employee_names() -> None:
    world = build_project_world(public=True)
    assert privacy.access(AnonymousUser(), world.project) == Access.PUBLIC
    assert privacy.access(UserFactory.create(), world.project) == Access.PUBLIC
    employee = world.group_users[Party.EMPLOYEE].person
    politician = world.group_users[Party.POLITICAL].person
    assert privacy.shown_name(employee, Access.PUBLIC) == ""
    assert privacy.shown_name(politician, Access.PUBLIC) == str(
        politician.first_name + " " + politician.last_name
    )
    assert privacy.shown_name(employee, Access.SUMMARY)
    assert not privacy.shows_task_ftes(Access.SUMMARY)
    assert privacy.shows_task_ftes(Access.FULL)


def test_only_the_three_parties_weigh_and_weights_open_when_all_three_are_done() -> None:
    world = build_project_world()
    project = world.project
    assert privacy.weighing_party(world.group_users[Party.EMPLOYEE], project) == Party.EMPLOYEE
    assert privacy.weighing_party(world.group_users[Party.SERVICE_USER], project) is None
    assert privacy.weighing_party(world.body_users[Party.EMPLOYEE], project) is None
    for party in (Party.POLITICAL, Party.ADMINISTRATION):
        Weighing.objects.create(project=project, party=party)
    assert not privacy.weights_open(project)
    Weighing.objects.create(project=project, party=Party.EMPLOYEE)
    assert privacy.weights_open(project)


def test_work_is_for_the_group_and_administrators() -> None:
    world = build_project_world()
    assert privacy.can_work(world.group_users[Party.SERVICE_USER], world.project)
    assert privacy.can_work(world.admin, world.project)
    assert not privacy.can_work(world.body_users[Party.POLITICAL], world.project)
    assert not privacy.can_work(world.outsider, world.project)


def test_without_politicians_in_the_group_two_parties_weigh() -> None:
    """The source's Vei og park: the politicians were kept informed, not in the group."""
    world = build_project_world()
    project = world.project
    Membership.objects.filter(body=world.group, party=Party.POLITICAL).delete()
    assert privacy.weighing_parties(project) == [Party.ADMINISTRATION, Party.EMPLOYEE]
    Weighing.objects.create(project=project, party=Party.ADMINISTRATION)
    assert not privacy.weights_open(project)
    Weighing.objects.create(project=project, party=Party.EMPLOYEE)
    assert privacy.weights_open(project)
