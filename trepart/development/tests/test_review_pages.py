"""Large portfolios: the portfolio page and API in pages, with totals for every task."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from trepart.development.models import LevelKind, Task, TaskLevel
from trepart.development.tests.world import ProjectWorld, build_project_world
from trepart.organisation.models import Party
from trepart.platform import formatting

pytestmark = pytest.mark.django_db

COUNT = 120  # three pages of 50 on the page, more than one page of the API's limit


def many_tasks(world: ProjectWorld, count: int = COUNT) -> list[Task]:
    """``count`` tasks, every fourth statutory; the last task's LOWER level is dominated."""
    tasks = Task.objects.bulk_create(
        Task(
            project=world.project,
            name=f"Oppgave {n:03d}",
            yearly_cost=1000 * n,
            ftes=Decimal("0.50"),
            statutory=n % 4 == 0,
            statutory_minimum=LevelKind.LOWER if n % 4 == 0 else "",
            position=n,
        )
        for n in range(1, count + 1)
    )
    levels = []
    for n, task in enumerate(tasks, start=1):
        levels += [
            TaskLevel(task=task, kind=LevelKind.KEEP, yearly_cost=1000 * n, ftes=1, quality=6),
            TaskLevel(
                task=task,
                kind=LevelKind.LOWER,
                # The last task's lower level costs more for less quality.
                yearly_cost=1000 * n + (10 if n == count else -10),
                ftes=Decimal("0.5"),
                quality=4,
            ),
        ]
    TaskLevel.objects.bulk_create(levels)
    return tasks


def test_the_portfolio_page_shows_a_page_of_tasks_and_totals_for_all(client: Client) -> None:
    world = build_project_world()
    many_tasks(world)
    client.force_login(world.group_users[Party.EMPLOYEE])
    url = reverse("development:portfolio", args=[world.project.pk])
    first = client.get(url).content.decode()
    assert "Oppgave 001" in first and "Oppgave 050" in first and "Oppgave 051" not in first
    assert first.count('id="task-') == 50
    # Totals count the whole portfolio, not the page.
    cost = sum(1000 * n for n in range(1, COUNT + 1))
    assert f"<dd>{formatting.number(cost)} kr</dd>" in first
    assert "<dd>120</dd>" in first and "<dd>30</dd>" in first  # tasks, statutory
    assert f"<dd>{formatting.number(60, 2)}</dd>" in first  # FTEs: 120 x 0.50
    assert 'href="?page=2"' in first
    assert 'data-flag="dominated"' not in first

    last = client.get(url, {"page": 3}).content.decode()
    assert "Oppgave 101" in last and "Oppgave 120" in last and "Oppgave 100" not in last
    assert last.count('id="task-') == 20
    assert last.count('data-flag="dominated"') == 1
    assert "<dd>120</dd>" in last
    # Out of range: the last page.
    assert "Oppgave 120" in client.get(url, {"page": 99}).content.decode()


def test_a_small_portfolio_has_no_pages(client: Client) -> None:
    world = build_project_world()
    many_tasks(world, count=3)
    client.force_login(world.group_users[Party.EMPLOYEE])
    page = client.get(reverse("development:portfolio", args=[world.project.pk])).content.decode()
    assert page.count('id="task-') == 3
    assert "ds-pagination" not in page and "portfolio-range" not in page


def test_the_portfolio_api_pages_with_limit_and_offset(client: Client) -> None:
    world = build_project_world()
    tasks = many_tasks(world)
    client.force_login(world.body_users[Party.POLITICAL])
    url = f"/api/v1/development/projects/{world.project.pk}/portfolio"
    first = client.get(url).json()
    assert first["count"] == COUNT
    assert len(first["tasks"]) == 100  # the default limit
    assert first["totals"]["yearly_cost"] == sum(1000 * n for n in range(1, COUNT + 1))
    assert first["totals"]["statutory"] == 30

    second = client.get(url, {"limit": 50, "offset": 100}).json()
    assert [t["id"] for t in second["tasks"]] == [t.pk for t in tasks[100:]]
    assert second["count"] == COUNT
    flagged = [level["kind"] for level in second["tasks"][-1]["levels"] if level["flagged"]]
    assert flagged == [LevelKind.LOWER]

    assert client.get(url, {"limit": 0}).status_code == 422
    assert client.get(url, {"limit": 501}).status_code == 422
    assert client.get(url, {"offset": -1}).status_code == 422
    assert client.get(url, {"offset": 500}).json()["tasks"] == []
