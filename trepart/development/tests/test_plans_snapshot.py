"""A kept plan frozen as a snapshot: the same however the data change, per-task FTE effects
only on a closed item, and drawn by the platform's snapshot template."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse

from trepart.accounts.tests.factories import UserFactory
from trepart.development.models import Task
from trepart.development.services.plans import PlanInputs, plan_make
from trepart.development.tests.review_world import portfolio_make
from trepart.development.tests.world import build_project_world
from trepart.organisation.models import Party
from trepart.platform import charts
from trepart.platform.snapshots import build_snapshot, sources

pytestmark = pytest.mark.django_db


def test_the_plan_snapshot_is_frozen_and_shows_task_ftes_only_on_a_closed_item() -> None:
    world = build_project_world()
    portfolio_make(world)
    leader = world.group_users[Party.ADMINISTRATION]
    plan = plan_make(actor=leader, project=world.project, inputs=PlanInputs(target=1_000_000))
    assert "development.plan" in sources()
    open_item = build_snapshot("development.plan", user=leader, params={"plan": str(plan.pk)})
    closed = build_snapshot(
        "development.plan", user=leader, params={"plan": str(plan.pk), "closed": "1"}
    )
    assert open_item["key"] == "development.plan"
    charts.check(open_item["charts"][0]["spec"])
    open_columns = open_item["tables"][1]["columns"]
    closed_columns = closed["tables"][1]["columns"]
    assert "FTE change" not in open_columns and "FTE change" in closed_columns
    # Totals are shown on both.
    assert any(row[0] == "FTE change" for row in open_item["tables"][0]["rows"])
    # The data change; the snapshot does not.
    Task.objects.filter(project=world.project).update(name="Omdøpt", yearly_cost=1)
    again = build_snapshot("development.plan", user=leader, params={"plan": str(plan.pk)})
    assert again["tables"] == open_item["tables"] and again["charts"] == open_item["charts"]
    html = render_to_string("platform/_snapshot.html", {"snapshot": open_item})
    assert "Trade-off: saving against quality lost" in html
    assert "Brøyting" in html and "Omdøpt" not in html
    # Who may build it: the project's full circle, no one else.
    with pytest.raises(PermissionDenied):
        build_snapshot("development.plan", user=world.outsider, params={"plan": str(plan.pk)})
    with pytest.raises(Http404):
        build_snapshot("development.plan", user=UserFactory.create(), params={"plan": str(plan.pk)})


def test_the_kept_plan_page_renders_the_snapshot(client: Client) -> None:
    world = build_project_world()
    portfolio_make(world)
    plan = plan_make(
        actor=world.group_users[Party.EMPLOYEE],
        project=world.project,
        inputs=PlanInputs(target=1_000_000),
    )
    client.force_login(world.body_users[Party.EMPLOYEE])
    url = reverse("development:plan_kept", args=[world.project.pk, plan.pk])
    page = client.get(url).content.decode()
    assert 'class="trepart-snapshot"' in page and "data-vega-spec" in page
    assert "Mark as the group" not in page  # the mandating body reads only
    closed = client.get(url, {"closed": "1"}).content.decode()
    assert closed.count("FTE change") > page.count("FTE change")
