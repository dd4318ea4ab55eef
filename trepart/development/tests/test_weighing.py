"""Weighing: each party weighs on its own, its weights hidden from the others (pages, API
and htmx fragments) until all three are done; then side by side and the agreed weight."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from trepart.development.models import Task, Weight
from trepart.development.services.weighing import (
    agreed_weights_record,
    weighing_finish,
    weights_record,
)
from trepart.development.tests.review_world import portfolio_make
from trepart.development.tests.world import ProjectWorld, build_project_world
from trepart.organisation.models import Party

pytestmark = pytest.mark.django_db

# Distinct values per party, so a leak shows as a number on the page.
WEIGHTS: dict[str, tuple[int, int, int, int]] = {
    Party.POLITICAL: (10, 1, 7, 3),
    Party.ADMINISTRATION: (2, 8, 6, 4),
    Party.EMPLOYEE: (5, 5, 6, 0),
}


def _weigh(world: ProjectWorld, tasks: dict[str, Task], party: str, *, finish: bool) -> None:
    user = world.group_users[party]
    values = dict(zip((t.pk for t in tasks.values()), WEIGHTS[party], strict=True))
    weights_record(actor=user, project=world.project, weights=values)
    if finish:
        weighing_finish(actor=user, project=world.project)


def test_only_the_three_parties_weigh_and_only_their_own() -> None:
    world = build_project_world()
    tasks = portfolio_make(world)
    first = next(iter(tasks.values()))
    for user in (
        world.group_users[Party.SERVICE_USER],
        world.body_users[Party.EMPLOYEE],
        world.outsider,
        world.admin,
    ):
        with pytest.raises(PermissionDenied):
            weights_record(actor=user, project=world.project, weights={first.pk: 5})
    _weigh(world, tasks, Party.EMPLOYEE, finish=False)
    assert set(Weight.objects.values_list("party", flat=True)) == {Party.EMPLOYEE}


def test_a_party_finishes_only_when_every_task_is_weighed_and_then_cannot_change() -> None:
    world = build_project_world()
    tasks = portfolio_make(world)
    user = world.group_users[Party.POLITICAL]
    first = next(iter(tasks.values()))
    weights_record(actor=user, project=world.project, weights={first.pk: 4})
    with pytest.raises(ValidationError):
        weighing_finish(actor=user, project=world.project)
    _weigh(world, tasks, Party.POLITICAL, finish=True)
    with pytest.raises(ValidationError):
        weights_record(actor=user, project=world.project, weights={first.pk: 10})
    with pytest.raises(ValidationError):
        weights_record(
            actor=world.group_users[Party.EMPLOYEE], project=world.project, weights={first.pk: 11}
        )


def _weights_in(text: str, party: str) -> bool:
    """Whether the page shows ``party``'s whole row of weights (a leak)."""
    return all(f">{value}<" in text for value in WEIGHTS[party] if value not in (5, 6))


def test_weights_stay_hidden_in_pages_api_and_fragments_until_all_three_are_done(
    client: Client,
) -> None:
    world = build_project_world()
    tasks = portfolio_make(world)
    _weigh(world, tasks, Party.POLITICAL, finish=True)
    _weigh(world, tasks, Party.ADMINISTRATION, finish=True)
    _weigh(world, tasks, Party.EMPLOYEE, finish=False)
    project = world.project
    page_url = reverse("development:weighing", args=[project.pk])
    api_url = f"/api/v1/development/projects/{project.pk}/weights"
    employee = world.group_users[Party.EMPLOYEE]
    client.force_login(employee)
    page = client.get(page_url).content.decode()
    assert 'value="5"' in page  # its own weights in its form
    assert 'id="side-by-side"' not in page and 'data-task="' not in page
    data = client.get(api_url).json()
    assert data["open"] is False and data["party"] == Party.EMPLOYEE
    assert all("parties" not in task for task in data["tasks"])
    assert [t["own"] for t in data["tasks"]] == list(WEIGHTS[Party.EMPLOYEE])
    # The htmx fragment after saving shows the party's own weights only.
    first = next(iter(tasks.values()))
    fragment = client.post(
        page_url,
        {f"weight_{t.pk}": w for t, w in zip(tasks.values(), WEIGHTS[Party.EMPLOYEE], strict=True)},
        headers={"HX-Request": "true"},
    )
    assert fragment.status_code == 200
    body = fragment.content.decode()
    assert 'id="own-weights"' in body and "<html" not in body
    assert f'name="weight_{first.pk}"' in body and 'value="10"' not in body
    # Other readers see none of them: the service user, the mandating body.
    for user in (world.group_users[Party.SERVICE_USER], world.body_users[Party.POLITICAL]):
        client.force_login(user)
        page = client.get(page_url).content.decode()
        assert "weight_" not in page and 'id="side-by-side"' not in page
        assert not _weights_in(page, Party.POLITICAL)
        data = client.get(api_url).json()
        assert all(t["own"] is None and "parties" not in t for t in data["tasks"])
    # The politicians see their own, not the administration's.
    client.force_login(world.group_users[Party.POLITICAL])
    data = client.get(api_url).json()
    assert [t["own"] for t in data["tasks"]] == list(WEIGHTS[Party.POLITICAL])
    assert all("parties" not in t for t in data["tasks"])


def test_once_all_three_are_done_the_weights_are_side_by_side_largest_disagreement_first(
    client: Client,
) -> None:
    world = build_project_world()
    tasks = portfolio_make(world)
    for party in Party.three():
        _weigh(world, tasks, party, finish=True)
    client.force_login(world.group_users[Party.SERVICE_USER])
    data = client.get(f"/api/v1/development/projects/{world.project.pk}/weights").json()
    assert data["open"] is True
    spreads = [t["spread"] for t in data["tasks"]]
    assert spreads == sorted(spreads, reverse=True) == [8, 7, 4, 1]
    page = client.get(reverse("development:weighing", args=[world.project.pk])).content.decode()
    assert page.index("Brøyting") < page.index("Feiing") < page.index("Gressklipping")
    # The agreed weight defaults to the mean; the group saves it.
    assert 'value="6.3"' in page or 'value="6,3"' in page  # Gressklipping: (7 + 6 + 6) / 3 = 6.33
    task = tasks["brøyting"]
    changed = agreed_weights_record(
        actor=world.group_users[Party.SERVICE_USER],
        project=world.project,
        weights={task.pk: Decimal("5.5")},
        versions={task.pk: task.version},
    )
    assert changed == 1
    task.refresh_from_db()
    assert task.agreed_weight == Decimal("5.5") and task.version == 2


def test_the_agreed_weight_waits_for_all_three_and_refuses_a_stale_version() -> None:
    world = build_project_world()
    tasks = portfolio_make(world)
    task = tasks["feiing"]
    chair = world.group_users[Party.ADMINISTRATION]
    with pytest.raises(ValidationError):
        agreed_weights_record(
            actor=chair, project=world.project, weights={task.pk: Decimal(5)}, versions={task.pk: 1}
        )
    for party in Party.three():
        _weigh(world, tasks, party, finish=True)
    with pytest.raises(PermissionDenied):
        agreed_weights_record(
            actor=world.body_users[Party.POLITICAL],
            project=world.project,
            weights={task.pk: Decimal(5)},
            versions={task.pk: 1},
        )
    agreed_weights_record(
        actor=chair, project=world.project, weights={task.pk: Decimal(5)}, versions={task.pk: 1}
    )
    with pytest.raises(ValidationError) as error:
        agreed_weights_record(
            actor=chair, project=world.project, weights={task.pk: Decimal(7)}, versions={task.pk: 1}
        )
    assert error.value.code == "concurrent_edit"
    assert Task.objects.get(pk=task.pk).agreed_weight == Decimal(5)


def test_a_weight_out_of_range_comes_back_in_the_fragment_with_its_error(client: Client) -> None:
    world = build_project_world()
    tasks = portfolio_make(world)
    client.force_login(world.group_users[Party.ADMINISTRATION])
    first = next(iter(tasks.values()))
    answer = client.post(
        reverse("development:weighing", args=[world.project.pk]),
        {f"weight_{first.pk}": "11"},
        headers={"HX-Request": "true"},
    )
    assert answer.status_code == 200
    assert 'id="error-summary"' in answer.content.decode()
    assert not Weight.objects.exists()
