"""The plan page and its services: re-solving with htmx, statutory minimums, a target too
large, the FTE limit, each party's view, keeping and choosing plans."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from trepart.development.models import LevelKind, Plan, Weighing, Weight
from trepart.development.services.plans import PlanInputs, plan_choose, plan_make, plan_solve
from trepart.development.tests.review_world import portfolio_make
from trepart.development.tests.world import build_project_world
from trepart.organisation.models import Party

pytestmark = pytest.mark.django_db


def _kinds(result: dict) -> dict[str, str]:
    return {choice["name"]: choice["kind"] for choice in result["choices"]}


def test_the_page_solves_for_the_projects_target_and_htmx_resolves_in_place(
    client: Client,
) -> None:
    world = build_project_world()
    portfolio_make(world)
    client.force_login(world.group_users[Party.EMPLOYEE])
    url = reverse("development:plan", args=[world.project.pk])
    page = client.get(url).content.decode()
    # The first paint: the inputs, and the plan asked for with htmx.
    assert 'id="plan-area"' in page and "<html" in page and 'name="target"' in page
    assert 'data-testid="plan-pending"' in page and 'data-testid="plan-saving"' not in page
    result_url = reverse("development:plan_result", args=[world.project.pk])
    assert f'data-hx-get="{result_url}"' in page
    fragment = client.get(
        url,
        {"target": "2000000", "basis": "AGREED", "fte_limit": ""},
        headers={"HX-Request": "true"},
    )
    body = fragment.content.decode()
    assert fragment.status_code == 200 and "<html" not in body
    assert 'name="target"' in body and 'value="2000000"' in body
    assert "data-kind=" in body
    # The curve and the rest follow in their own request.
    extras_url = reverse("development:plan_extras", args=[world.project.pk])
    assert f'data-hx-get="{extras_url}"' in body and 'name="pick"' not in body


def test_the_plan_and_its_parts_come_in_two_requests(client: Client) -> None:
    world = build_project_world()
    portfolio_make(world)
    client.force_login(world.group_users[Party.EMPLOYEE])
    pk = world.project.pk
    # With no inputs: the project's target (1 MNOK in the world).
    plan = client.get(reverse("development:plan_result", args=[pk]))
    body = plan.content.decode()
    assert plan.status_code == 200 and "<html" not in body and 'id="id_target"' not in body
    assert 'data-testid="plan-saving"' in body and "data-kind=" in body
    assert 'id="plan-extras"' in body and 'name="pick"' not in body
    inputs = {"target": "2000000", "basis": "AGREED", "fte_limit": ""}
    extras = client.get(reverse("development:plan_extras", args=[pk]), inputs)
    text = extras.content.decode()
    assert extras.status_code == 200 and "<html" not in text
    assert text.startswith("<div") or '<div id="plan-extras">' in text
    assert text.count('name="pick"') == 20 and "Next-best plans" in text
    assert "shown once every party in the group has weighed" in text
    # Another municipality's reader or an outsider: no plan.
    client.force_login(world.outsider)
    for name in ("plan_result", "plan_extras"):
        assert client.get(reverse(f"development:{name}", args=[pk])).status_code in (403, 404)


def test_without_javascript_the_button_gives_the_whole_plan(client: Client) -> None:
    world = build_project_world()
    portfolio_make(world)
    client.force_login(world.group_users[Party.EMPLOYEE])
    url = reverse("development:plan", args=[world.project.pk])
    page = client.get(url, {"target": "2000000", "basis": "AGREED", "fte_limit": ""})
    text = page.content.decode()
    assert "<html" in text and 'data-testid="plan-saving"' in text
    assert 'data-testid="plan-pending"' not in text
    assert text.count('name="pick"') == 20 and "Next-best plans" in text
    assert 'data-hx-get="' + reverse("development:plan_extras", args=[world.project.pk]) not in text


def test_a_statutory_minimum_is_never_broken_and_a_too_large_target_gets_the_maximum(
    client: Client,
) -> None:
    world = build_project_world()
    portfolio_make(world)
    client.force_login(world.group_users[Party.POLITICAL])
    url = reverse("development:plan", args=[world.project.pk])
    body = client.get(url, {"target": "5000000", "basis": "AGREED", "fte_limit": ""}).content
    text = body.decode()
    # Gatelys (statutory at KEEP) would save 3 MNOK removed; the plan keeps it.
    assert 'data-kind="REMOVE"' in text
    row = text[text.index('<th scope="row">Gatelys</th>') - 80 :]
    assert 'data-kind="KEEP"' in row[:200]
    # 2 400 000 + 800 000 + 250 000 is the most the portfolio can give.
    assert 'data-testid="plan-saving">3,450,000 kr<' in text
    assert 'data-testid="blocker"' in text
    # No lock below the minimum is offered, and none is accepted.
    assert 'name="lock_' in text
    gatelys = world.project.tasks.get(name="Gatelys")
    with pytest.raises(ValidationError):
        plan_solve(
            user=world.admin,
            project=world.project,
            inputs=PlanInputs(target=0, locks={str(gatelys.pk): LevelKind.REMOVE}),
        )


def test_a_target_needing_more_than_attrition_says_how_many_would_be_redundant() -> None:
    world = build_project_world()
    portfolio_make(world)
    result = plan_solve(
        user=world.admin,
        project=world.project,
        inputs=PlanInputs(target=2_000_000, fte_limit=Decimal("0.5")),
    )
    assert result["status"] == "fte_blocked"
    assert result["redundant_ftes"] > 0
    assert result["blockers"][0]["constraint"] == "fte"


def test_each_partys_view_only_once_weights_are_open() -> None:
    world = build_project_world()
    tasks = portfolio_make(world)
    inputs = PlanInputs(target=1_000_000)
    assert plan_solve(user=world.admin, project=world.project, inputs=inputs)["party_views"] == {}
    with pytest.raises(ValidationError):
        plan_solve(
            user=world.admin,
            project=world.project,
            inputs=PlanInputs(target=1_000_000, basis=Plan.Basis.EMPLOYEE),
        )
    for party, value in ((Party.POLITICAL, 10), (Party.ADMINISTRATION, 1), (Party.EMPLOYEE, 5)):
        for task in tasks.values():
            Weight.objects.create(task=task, party=party, weight=value)
        Weighing.objects.create(project=world.project, party=party)
    result = plan_solve(user=world.admin, project=world.project, inputs=inputs)
    views = result["party_views"]
    assert set(views) == {Party.POLITICAL, Party.ADMINISTRATION, Party.EMPLOYEE}
    assert views[Party.POLITICAL] == 10 * views[Party.ADMINISTRATION] > 0
    by_employees = plan_solve(
        user=world.admin,
        project=world.project,
        inputs=PlanInputs(target=1_000_000, basis=Plan.Basis.EMPLOYEE),
    )
    assert by_employees["basis"] == Plan.Basis.EMPLOYEE


def test_the_group_keeps_plans_and_marks_one_chosen(client: Client) -> None:
    world = build_project_world()
    portfolio_make(world)
    chair = world.group_users[Party.ADMINISTRATION]
    first = plan_make(actor=chair, project=world.project, inputs=PlanInputs(target=500_000))
    second = plan_make(actor=chair, project=world.project, inputs=PlanInputs(target=900_000))
    plan_choose(actor=chair, plan=first)
    plan_choose(actor=chair, plan=second)
    assert list(Plan.objects.filter(chosen=True)) == [second]
    with pytest.raises(PermissionDenied):
        plan_make(
            actor=world.body_users[Party.POLITICAL],
            project=world.project,
            inputs=PlanInputs(target=1),
        )
    client.force_login(world.body_users[Party.POLITICAL])
    url = reverse("development:plan_choose", args=[world.project.pk, first.pk])
    assert client.post(url).status_code == 403
    client.force_login(world.group_users[Party.SERVICE_USER])
    saved = client.post(
        reverse("development:plan_save", args=[world.project.pk]),
        {"target": "700000", "basis": "AGREED", "fte_limit": ""},
    )
    assert saved.status_code == 302
    assert Plan.objects.filter(project=world.project).count() == 3
    assert Plan.objects.get(target=700_000).result["saving"] >= 700_000


def test_an_empty_portfolio_asks_for_tasks_first(client: Client) -> None:
    world = build_project_world()
    client.force_login(world.group_users[Party.POLITICAL])
    page = client.get(reverse("development:plan_result", args=[world.project.pk]))
    assert page.status_code == 200
    assert "Add tasks with their levels to the portfolio" in page.content.decode()
