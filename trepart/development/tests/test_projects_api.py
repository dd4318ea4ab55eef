"""The projects API answers with the pages' rules: the group sees names and reports, an
employee outside a summary, a visitor public projects without employees' names, another
municipality's caller a 404."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from trepart.accounts.models import ApiToken, hash_token
from trepart.development.models import Project, StatusReport
from trepart.development.services.lean import improvement_add
from trepart.development.tests.world import ProjectWorld, build_project_world
from trepart.organisation.models import Party

pytestmark = pytest.mark.django_db

BASE = "/api/v1/development/projects"


@pytest.fixture
def world() -> ProjectWorld:
    return build_project_world()


def _as(user: Any | None) -> Client:
    if user is None:
        return Client()
    raw = ApiToken.new_raw()
    ApiToken.objects.create(user=user, name="t", token_hash=hash_token(raw), hint=raw[:8])
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


def test_the_group_gets_everything(world: ProjectWorld) -> None:
    StatusReport.objects.create(project=world.project, text="Halvveis.")
    client = _as(world.group_users[Party.EMPLOYEE])
    listed = client.get(BASE).json()
    assert listed["count"] == 1 and listed["items"][0]["access"] == "FULL"
    detail = client.get(f"{BASE}/{world.project.pk}").json()
    names = {seat["name"] for seat in detail["group"]}
    assert f"{world.leader.first_name} {world.leader.last_name}" in names
    assert detail["mandate"] == world.project.mandate
    assert detail["status"] == "ACTIVE" and detail["lean"] is None
    reports = client.get(f"{BASE}/{world.project.pk}/reports").json()
    assert [r["text"] for r in reports] == ["Halvveis."]
    assert client.get(f"{BASE}/{world.project.pk}/phases").status_code == 200


def test_an_employee_outside_gets_a_summary(world: ProjectWorld) -> None:
    client = _as(world.outsider)
    detail = client.get(f"{BASE}/{world.project.pk}").json()
    assert detail["access"] == "SUMMARY"
    assert detail["group"] == [] and detail["informed"] == [] and detail["mandate"] == ""
    response = client.get(f"{BASE}/{world.project.pk}/reports")
    assert response.status_code == 403
    assert "status reports" in response.json()["detail"]
    assert client.get(BASE, {"kind": "LEAN"}).json()["count"] == 0
    assert client.get(BASE, {"status": "ACTIVE"}).json()["count"] == 1


def test_visitors_see_public_projects_without_employees_names(world: ProjectWorld) -> None:
    visitor = _as(None)
    number = world.municipality.organisation_number
    assert visitor.get(BASE, {"kommune": number}).json()["count"] == 0
    assert visitor.get(f"{BASE}/{world.project.pk}").status_code == 404
    Project.objects.filter(pk=world.project.pk).update(visibility=Project.Visibility.PUBLIC)
    assert visitor.get(BASE, {"kommune": number}).json()["count"] == 1
    detail = visitor.get(f"{BASE}/{world.project.pk}").json()
    assert detail["access"] == "PUBLIC"
    assert detail["leader"] == ""  # an employee is not named
    assert detail["group"] == []
    assert "/utvikling/offentlig/" in detail["url"]
    assert world.leader.last_name not in str(detail)
    assert visitor.get(f"{BASE}/{world.project.pk}/reports").status_code == 403


def test_another_municipality_gets_404(world: ProjectWorld) -> None:
    other = build_project_world()
    client = _as(other.group_users[Party.POLITICAL])
    for path in ("", "/phases", "/reports"):
        assert client.get(f"{BASE}/{world.project.pk}{path}").status_code == 404
    assert [p["id"] for p in client.get(BASE).json()["items"]] == [other.project.pk]


def test_the_improvement_board_in_figures() -> None:
    world = build_project_world(kind="LEAN", target=None)
    improvement_add(actor=world.outsider, project=world.project, kind="IDEA", title="A")
    client = _as(world.outsider)
    sums = client.get(f"{BASE}/{world.project.pk}/improvements/sums").json()
    assert sums == {
        "count": 1,
        "done": 0,
        "hours_saved_per_month": 0.0,
        "errors_avoided_per_month": 0,
        "waiting_days_avoided_per_month": 0.0,
    }
    assert client.get(f"{BASE}/{world.project.pk}").json()["lean"]["count"] == 1
    review = build_project_world()
    path = f"{BASE}/{review.project.pk}/improvements/sums"
    assert _as(review.outsider).get(path).status_code == 404
