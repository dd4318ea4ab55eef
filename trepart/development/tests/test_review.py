"""The task portfolio: adding and editing tasks with their levels (versions, flags,
statutory minimums), the workforce figures and natural attrition, and who may do what."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from trepart.accounts.tests.factories import UserFactory
from trepart.audit.writes import ConcurrentEditError
from trepart.development.models import LevelKind, ProjectKind, Task, Workforce
from trepart.development.selectors.review import dominated_kinds, natural_attrition
from trepart.development.services.imports import workforce_set
from trepart.development.services.review import LevelFields, TaskFields, task_add, task_edit
from trepart.development.tests.review_world import portfolio_make
from trepart.development.tests.world import build_project_world
from trepart.organisation.models import Party

pytestmark = pytest.mark.django_db

K, L, R = LevelKind.KEEP, LevelKind.LOWER, LevelKind.REMOVE


def _levels() -> dict[str, LevelFields]:
    return {
        K: LevelFields(yearly_cost=0, ftes=Decimal(0), quality=7),
        L: LevelFields(yearly_cost=700_000, ftes=Decimal("1.5"), quality=5),
    }


def test_keep_mirrors_the_task_and_every_change_counts_a_version() -> None:
    world = build_project_world()
    chair = world.group_users[Party.ADMINISTRATION]
    fields = TaskFields(name="Sandstrøing", yearly_cost=1_000_000, ftes=Decimal(2))
    task = task_add(actor=chair, project=world.project, fields=fields, levels=_levels())
    keep = task.levels.get(kind=K)
    assert (keep.yearly_cost, keep.ftes, keep.quality) == (1_000_000, Decimal(2), 7)
    changed = TaskFields(name="Sandstrøing", yearly_cost=1_100_000, ftes=Decimal(2))
    task = task_edit(actor=chair, task=task, version=1, fields=changed, levels=_levels())
    assert task.version == 2
    assert task.levels.get(kind=K).yearly_cost == 1_100_000
    with pytest.raises(ConcurrentEditError):
        task_edit(actor=chair, task=task, version=1, fields=fields, levels=_levels())
    assert Task.objects.get(pk=task.pk).yearly_cost == 1_100_000


def test_a_statutory_task_needs_its_minimum_among_its_levels() -> None:
    world = build_project_world()
    chair = world.group_users[Party.ADMINISTRATION]
    fields = TaskFields(name="Lovpålagt", yearly_cost=10, ftes=Decimal(0), statutory=True)
    with pytest.raises(ValidationError) as error:
        task_add(actor=chair, project=world.project, fields=fields, levels=_levels())
    assert "statutory_minimum" in error.value.message_dict
    fields = TaskFields(
        name="Lovpålagt", yearly_cost=10, ftes=Decimal(0), statutory=True, statutory_minimum="RAISE"
    )
    with pytest.raises(ValidationError):
        task_add(actor=chair, project=world.project, fields=fields, levels=_levels())
    assert not world.project.tasks.exists()


def test_only_a_review_has_a_portfolio_and_only_the_group_edits_it() -> None:
    world = build_project_world(kind=ProjectKind.LEAN)
    fields = TaskFields(name="X", yearly_cost=1, ftes=Decimal(0))
    with pytest.raises(ValidationError):
        task_add(actor=world.admin, project=world.project, fields=fields, levels=_levels())
    review = build_project_world()
    for user in (review.body_users[Party.POLITICAL], review.outsider):
        with pytest.raises(PermissionDenied):
            task_add(actor=user, project=review.project, fields=fields, levels=_levels())


def test_a_level_costing_more_for_less_quality_is_kept_but_flagged(client: Client) -> None:
    world = build_project_world()
    tasks = portfolio_make(world)
    lower = tasks["klipping"].levels.get(kind=L)
    lower.yearly_cost = 900_000  # more than KEEP (800 000) for less quality
    lower.save()
    assert dominated_kinds(tasks["klipping"].levels.all()) == {L}
    client.force_login(world.group_users[Party.EMPLOYEE])
    page = client.get(reverse("development:portfolio", args=[world.project.pk]))
    assert page.status_code == 200
    assert page.content.decode().count('data-flag="dominated"') == 1


def test_the_task_form_saves_levels_and_keeps_what_was_typed_on_a_stale_version(
    client: Client,
) -> None:
    world = build_project_world()
    task = portfolio_make(world)["feiing"]
    client.force_login(world.group_users[Party.SERVICE_USER])
    url = reverse("development:task_edit", args=[world.project.pk, task.pk])
    data = {
        "name": "Feiing av fortau",
        "yearly_cost": "650000",
        "ftes": "0.9",
        "KEEP_quality": "5",
        "LOWER_on": "on",
        "LOWER_cost": "350000",
        "LOWER_ftes": "0.5",
        "LOWER_quality": "3",
        "version": "1",
    }
    assert client.post(url, data).status_code == 302
    task.refresh_from_db()
    assert (task.name, task.version) == ("Feiing av fortau", 2)
    stale = client.post(url, {**data, "name": "Feiing hele året"})
    assert stale.status_code == 200
    text = stale.content.decode()
    assert "Feiing hele året" in text
    assert "Someone else saved this" in text or "Noen andre" in text
    assert Task.objects.get(pk=task.pk).name == "Feiing av fortau"


def test_natural_attrition_is_ftes_times_turnover_times_years_plus_retiring() -> None:
    world = build_project_world()
    chair = world.group_users[Party.ADMINISTRATION]
    workforce_set(
        actor=chair,
        project=world.project,
        unit=world.unit,
        year=2025,
        ftes=Decimal(40),
        turnover_percent=Decimal(5),
        retiring_ftes=Decimal("1.5"),
    )
    workforce_set(
        actor=chair,
        project=world.project,
        unit=world.unit,
        year=2026,
        ftes=Decimal(50),
        turnover_percent=Decimal(10),
        retiring_ftes=Decimal(2),
    )
    attrition = natural_attrition(world.project)
    # 2026-01-05 to 2026-12-31 is 361 days: 1.0 year. The 2026 figures are used.
    assert attrition.years == Decimal("1.0")
    assert attrition.total == Decimal("7.00")
    assert Workforce.objects.count() == 2
    with pytest.raises(PermissionDenied):
        workforce_set(
            actor=world.outsider,
            project=world.project,
            unit=world.unit,
            year=2026,
            ftes=Decimal(1),
            turnover_percent=Decimal(1),
            retiring_ftes=Decimal(0),
        )


PAGES = ["portfolio", "weighing", "plan", "workforce"]


@pytest.mark.parametrize("name", PAGES)
def test_review_pages_per_role(client: Client, name: str) -> None:
    world = build_project_world()
    world.municipality.require_mfa_for_admins = (
        False  # the admin's second factor is not tested here
    )
    world.municipality.save(update_fields=["require_mfa_for_admins"])
    portfolio_make(world)
    url = reverse(f"development:{name}", args=[world.project.pk])
    seen: dict[str, Any] = {}
    for label, user in [
        *[(f"group {p}", u) for p, u in world.group_users.items()],
        ("body", world.body_users[Party.EMPLOYEE]),
        ("admin", world.admin),
        ("outsider", world.outsider),
        ("stranger", UserFactory.create()),
    ]:
        client.force_login(user)
        seen[label] = client.get(url).status_code
    assert {seen[f"group {p}"] for p in world.group_users} == {200}
    assert seen["body"] == seen["admin"] == 200
    assert seen["outsider"] == 403
    assert seen["stranger"] == 404
    client.logout()
    visitor = client.get(url)
    assert visitor.status_code == 302 and "login" in visitor["Location"]


def test_the_mandating_body_reads_but_cannot_change_the_portfolio(client: Client) -> None:
    world = build_project_world()
    task = portfolio_make(world)["feiing"]
    client.force_login(world.body_users[Party.POLITICAL])
    page = client.get(reverse("development:portfolio", args=[world.project.pk]))
    assert "Feiing" in page.content.decode()
    assert reverse("development:task_add", args=[world.project.pk]) not in page.content.decode()
    assert client.get(reverse("development:task_add", args=[world.project.pk])).status_code == 403
    removed = client.post(
        reverse("development:task_remove", args=[world.project.pk, task.pk]), {"version": "1"}
    )
    assert removed.status_code == 403
    assert Task.objects.filter(pk=task.pk).exists()


def test_a_task_links_only_a_user_survey_of_its_own_municipality() -> None:
    from trepart.analysis.models import Instrument, Survey

    world = build_project_world()
    chair = world.group_users[Party.ADMINISTRATION]
    user_kind = Instrument.objects.create(
        municipality=world.municipality, kind=Instrument.Kind.USER, title="Brukere"
    )
    employee_kind = Instrument.objects.create(
        municipality=world.municipality, kind=Instrument.Kind.EMPLOYEE, title="Ansatte"
    )
    users = Survey.objects.create(
        municipality=world.municipality, instrument=user_kind, title="Brukerundersøkelse 2026"
    )
    staff = Survey.objects.create(
        municipality=world.municipality, instrument=employee_kind, title="Medarbeidere 2026"
    )
    fields = TaskFields(name="Brøyting", yearly_cost=1, ftes=Decimal(0), user_survey=staff)
    with pytest.raises(ValidationError) as error:
        task_add(actor=chair, project=world.project, fields=fields, levels=_levels())
    assert "user_survey" in error.value.message_dict
    fields = TaskFields(name="Brøyting", yearly_cost=1, ftes=Decimal(0), user_survey=users)
    task = task_add(actor=chair, project=world.project, fields=fields, levels=_levels())
    assert task.user_survey == users


def test_a_project_without_a_portfolio_has_no_review_pages(client: Client) -> None:
    world = build_project_world(kind=ProjectKind.LEAN)
    client.force_login(world.group_users[Party.ADMINISTRATION])
    for name in PAGES:
        assert (
            client.get(reverse(f"development:{name}", args=[world.project.pk])).status_code == 404
        )


def test_saving_a_level_that_costs_more_for_less_warns(client: Client) -> None:
    world = build_project_world()
    client.force_login(world.group_users[Party.ADMINISTRATION])
    answer = client.post(
        reverse("development:task_add", args=[world.project.pk]),
        {
            "name": "Skilting",
            "yearly_cost": "100000",
            "ftes": "0.2",
            "KEEP_quality": "6",
            "LOWER_on": "on",
            "LOWER_cost": "150000",
            "LOWER_ftes": "0.2",
            "LOWER_quality": "4",
        },
        follow=True,
    )
    text = answer.content.decode()
    assert "The task is saved." in text and "Check the levels Lower" in text
    assert Task.objects.filter(name="Skilting").exists()
