"""The group locks a task at a level from the portfolio: only the task's own levels, never
below the law's minimum, against the task's version, by the group only; and the plan page
starts from the group's locks."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from trepart.audit.models import AuditEntry
from trepart.audit.writes import ConcurrentEditError
from trepart.development.models import LevelKind, Task
from trepart.development.services.plans import plan_defaults
from trepart.development.services.review import task_lock
from trepart.development.tests.review_world import portfolio_make
from trepart.development.tests.world import build_project_world
from trepart.organisation.models import Party

pytestmark = pytest.mark.django_db


def test_a_lock_is_saved_against_the_version_and_is_the_plans_default() -> None:
    world = build_project_world()
    tasks = portfolio_make(world)
    chair = world.group_users[Party.ADMINISTRATION]
    task = tasks["brøyting"]
    locked = task_lock(actor=chair, task=task, version=task.version, level=LevelKind.LOWER)
    assert locked.locked_level == LevelKind.LOWER
    assert locked.version == task.version + 1
    assert AuditEntry.objects.filter(object_id=str(task.pk)).exists()
    assert plan_defaults(world.project).locks == {str(task.pk): LevelKind.LOWER}
    with pytest.raises(ConcurrentEditError):  # the old version: someone saved it since
        task_lock(actor=chair, task=task, version=task.version, level="")
    unlocked = task_lock(actor=chair, task=locked, version=locked.version, level="")
    assert unlocked.locked_level == ""
    assert plan_defaults(world.project).locks == {}


def test_only_the_tasks_own_levels_and_never_below_the_law() -> None:
    world = build_project_world()
    tasks = portfolio_make(world)
    chair = world.group_users[Party.ADMINISTRATION]
    feiing, gatelys = tasks["feiing"], tasks["gatelys"]
    with pytest.raises(ValidationError, match="one of its own levels"):
        task_lock(actor=chair, task=feiing, version=feiing.version, level=LevelKind.REMOVE)
    with pytest.raises(ValidationError, match="below the level the law allows"):
        task_lock(actor=chair, task=gatelys, version=gatelys.version, level=LevelKind.REMOVE)
    assert Task.objects.get(pk=gatelys.pk).locked_level == ""
    with pytest.raises(PermissionDenied):
        task_lock(actor=world.outsider, task=feiing, version=feiing.version, level="LOWER")


def test_the_portfolio_page_locks_for_the_group_only() -> None:
    world = build_project_world()
    task = portfolio_make(world)["klipping"]
    url = reverse("development:task_lock", args=[world.project.pk, task.pk])
    portfolio = reverse("development:portfolio", args=[world.project.pk])
    group = Client()
    group.force_login(world.group_users[Party.EMPLOYEE])
    page = group.get(portfolio).content.decode()
    assert f'action="{url}"' in page
    response = group.post(url, {"level": "REMOVE", "version": task.version})
    assert response.status_code == 302 and response["Location"] == portfolio
    assert Task.objects.get(pk=task.pk).locked_level == LevelKind.REMOVE
    page = group.get(portfolio).content.decode()
    assert '<option value="REMOVE" selected>' in page
    stale = group.post(url, {"level": "", "version": task.version}, follow=True)
    assert "saved" in stale.content.decode().lower()  # the concurrent-edit message
    assert Task.objects.get(pk=task.pk).locked_level == LevelKind.REMOVE
    outsider = Client()
    outsider.force_login(world.outsider)
    assert outsider.post(url, {"level": "", "version": task.version + 1}).status_code == 403
    assert Task.objects.get(pk=task.pk).locked_level == LevelKind.REMOVE
