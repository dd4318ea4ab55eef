"""Large portfolios: the portfolio page and API, and the weighing, in pages; totals and the
weighing's finish cover every task."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from trepart.development.models import LevelKind, Task, TaskLevel, Weighing, Weight
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


def test_a_party_weighs_a_large_portfolio_a_page_at_a_time(client: Client) -> None:
    world = build_project_world()
    tasks = many_tasks(world)
    client.force_login(world.group_users[Party.EMPLOYEE])
    url = reverse("development:weighing", args=[world.project.pk])
    first = client.get(url).content.decode()
    assert first.count('name="weight_') == 50 and f'name="weight_{tasks[0].pk}"' in first
    second = client.get(url, {"page": 2}).content.decode()
    assert second.count('name="weight_') == 50
    assert (
        f'name="weight_{tasks[50].pk}"' in second and f'name="weight_{tasks[0].pk}"' not in second
    )
    assert f'action="{url}?page=2"' in second

    # Saving page 2 records its weights and leaves page 1's alone.
    client.post(url, {f"weight_{tasks[0].pk}": 9})
    answer = client.post(f"{url}?page=2", {f"weight_{t.pk}": 3 for t in tasks[50:100]})
    assert answer.status_code == 302 and answer["Location"] == f"{url}?page=2"
    mine = Weight.objects.filter(task__project=world.project, party=Party.EMPLOYEE)
    assert mine.count() == 51 and mine.get(task=tasks[0]).weight == 9

    # Finishing counts every task of the portfolio, not the page.
    finish = reverse("development:weighing_finish", args=[world.project.pk])
    page = client.post(finish, follow=True).content.decode()
    assert "69 tasks have no weight yet" in page
    assert not Weighing.objects.filter(project=world.project).exists()
    for start in (0, 100):
        client.post(url, {f"weight_{t.pk}": 4 for t in tasks[start : start + 50]})
    client.post(finish)
    assert Weighing.objects.filter(project=world.project, party=Party.EMPLOYEE).exists()


def test_agreed_weights_on_one_page_leave_the_other_pages_alone(client: Client) -> None:
    world = build_project_world()
    tasks = many_tasks(world)
    Weight.objects.bulk_create(
        Weight(task=task, party=party, weight=5) for task in tasks for party in Party.three()
    )
    for party in Party.three():
        Weighing.objects.create(project=world.project, party=party)
    Task.objects.filter(pk=tasks[0].pk).update(agreed_weight=Decimal("7.0"))
    client.force_login(world.group_users[Party.POLITICAL])
    url = reverse("development:weighing", args=[world.project.pk])
    second = client.get(url, {"page": 2}).content.decode()
    assert second.count('name="agreed_') == 50
    agreed = reverse("development:weighing_agreed", args=[world.project.pk])
    data: dict[str, object] = {}
    for task in tasks[50:100]:
        data[f"agreed_{task.pk}"] = "6"
        data[f"version_{task.pk}"] = task.version
    answer = client.post(f"{agreed}?page=2", data)
    assert answer.status_code == 302 and answer["Location"] == f"{url}?page=2"
    assert Task.objects.get(pk=tasks[0].pk).agreed_weight == Decimal("7.0")
    assert Task.objects.filter(project=world.project, agreed_weight=6).count() == 50


def test_a_change_made_from_a_later_page_returns_to_that_page(client: Client) -> None:
    world = build_project_world()
    tasks = many_tasks(world)
    client.force_login(world.group_users[Party.EMPLOYEE])
    portfolio = reverse("development:portfolio", args=[world.project.pk])
    task = tasks[60]
    edit = reverse("development:task_edit", args=[world.project.pk, task.pk])
    lock = reverse("development:task_lock", args=[world.project.pk, task.pk])
    second = client.get(portfolio, {"page": 2}).content.decode()
    assert f'href="{edit}?page=2"' in second and f'action="{lock}?page=2"' in second
    form = client.get(edit, {"page": 2}).content.decode()
    assert f'href="{portfolio}?page=2"' in form
    answer = client.post(f"{lock}?page=2", {"version": task.version, "level": "KEEP"})
    assert answer.status_code == 302 and answer["Location"] == f"{portfolio}?page=2"
    # A page number that is not one is ignored: back to the first page.
    answer = client.post(f"{lock}?page=x", {"version": 99, "level": "KEEP"})
    assert answer["Location"] == portfolio
