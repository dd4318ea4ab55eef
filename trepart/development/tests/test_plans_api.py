"""The service review in the API: the portfolio, the weights, solving a plan (nothing
written) and the kept plans, with the pages' rules."""

from __future__ import annotations

import pytest
from django.test import Client

from trepart.accounts.tests.factories import UserFactory
from trepart.development.models import Plan, Weighing
from trepart.development.services.plans import PlanInputs, plan_make
from trepart.development.tests.review_world import portfolio_make
from trepart.development.tests.world import build_project_world
from trepart.organisation.models import Party

pytestmark = pytest.mark.django_db


def test_solve_returns_the_plan_and_its_explanation_and_writes_nothing(client: Client) -> None:
    world = build_project_world()
    tasks = portfolio_make(world)
    client.force_login(world.body_users[Party.POLITICAL])
    url = f"/api/v1/development/projects/{world.project.pk}/plans/solve"
    answer = client.post(url, {"target": 600_000}, content_type="application/json")
    assert answer.status_code == 200, answer.content
    data = answer.json()
    assert data["plan"]["saving"] >= 600_000
    assert data["plan"]["status"] == "optimal"
    assert data["explanation"] and all(isinstance(text, str) for text in data["explanation"])
    assert Plan.objects.count() == 0
    locked = client.post(
        url,
        {"target": 600_000, "locks": {str(tasks["brøyting"].pk): "KEEP"}},
        content_type="application/json",
    ).json()
    kinds = {c["name"]: c["kind"] for c in locked["plan"]["choices"]}
    assert kinds["Brøyting"] == "KEEP"
    too_much = client.post(url, {"target": 9_000_000}, content_type="application/json").json()
    assert too_much["plan"]["status"] == "capped"
    assert too_much["plan"]["max_saving"] == 3_450_000
    refused = client.post(url, {"target": 1, "basis": "EMPLOYEE"}, content_type="application/json")
    assert refused.status_code == 400


def test_the_api_keeps_the_pages_rules(client: Client) -> None:
    world = build_project_world()
    portfolio_make(world)
    plan_make(
        actor=world.group_users[Party.ADMINISTRATION],
        project=world.project,
        inputs=PlanInputs(target=1),
    )
    base = f"/api/v1/development/projects/{world.project.pk}"
    client.force_login(world.group_users[Party.SERVICE_USER])
    portfolio = client.get(f"{base}/portfolio").json()
    assert len(portfolio["tasks"]) == 4 and "ftes" in portfolio["tasks"][0]
    assert len(client.get(f"{base}/plans").json()) == 1
    weigh = client.post(
        f"{base}/weights",
        {"weights": {str(portfolio["tasks"][0]["id"]): 5}},
        content_type="application/json",
    )
    assert weigh.status_code == 403
    client.force_login(world.outsider)
    for path in ("portfolio", "weights", "plans"):
        assert client.get(f"{base}/{path}").status_code == 403
    client.force_login(UserFactory.create())
    for path in ("portfolio", "weights", "plans"):
        assert client.get(f"{base}/{path}").status_code == 404
    assert (
        client.post(f"{base}/plans/solve", {}, content_type="application/json").status_code == 404
    )
    client.logout()
    assert client.get(f"{base}/portfolio").status_code == 401


def test_a_party_records_its_weights_through_the_api(client: Client) -> None:
    world = build_project_world()
    tasks = portfolio_make(world)
    client.force_login(world.group_users[Party.EMPLOYEE])
    base = f"/api/v1/development/projects/{world.project.pk}"
    saved = client.post(
        f"{base}/weights",
        {"weights": {str(task.pk): 4 for task in tasks.values()}},
        content_type="application/json",
    )
    assert saved.json() == {"saved": 4}
    Weighing.objects.create(project=world.project, party=Party.EMPLOYEE)
    again = client.post(
        f"{base}/weights",
        {"weights": {str(tasks["feiing"].pk): 9}},
        content_type="application/json",
    )
    assert again.status_code == 400
