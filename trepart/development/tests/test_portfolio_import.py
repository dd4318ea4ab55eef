"""Portfolio and workforce CSV imports: every row checked first, nothing written if any row
is bad, each problem on its line in the user's language."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation

from trepart.development.imports.portfolio import EXAMPLE
from trepart.development.models import LevelKind, Task, TaskLevel, Workforce
from trepart.development.selectors.review import natural_attrition
from trepart.development.services.imports import portfolio_import, workforce_import
from trepart.development.tests.world import build_project_world
from trepart.organisation.models import Party

pytestmark = pytest.mark.django_db

BAD = """\
oppgave;kode;nivå;årskostnad;årsverk;kvalitet;lovpålagt_minimum
Brøyting;VP-1;beholde;2400000;3,5;8;
Brøyting;VP-1;senke;mange;2,8;6;
Gatelys;VP-2;heve;1100000;1,2;11;
Feiing;;beholde;600000;0,9;5;
Feiing;;beholde;600000;0,9;5;
Klipping;;senke;500000;0,8;4;
"""


def test_the_example_file_imports_tasks_with_their_levels() -> None:
    world = build_project_world()
    chair = world.group_users[Party.ADMINISTRATION]
    result = portfolio_import(actor=chair, project=world.project, data=EXAMPLE.encode())
    assert result.ok and result.created == 2
    brøyting = Task.objects.get(code="VP-1")
    assert (brøyting.yearly_cost, brøyting.ftes) == (2_400_000, Decimal("3.5"))
    assert set(brøyting.levels.values_list("kind", flat=True)) == {"KEEP", "LOWER", "REMOVE"}
    gatelys = Task.objects.get(code="VP-2")
    assert gatelys.statutory and gatelys.statutory_minimum == LevelKind.KEEP
    # The same file again: the tasks are there already, so nothing is added.
    again = portfolio_import(actor=chair, project=world.project, data=EXAMPLE.encode())
    assert not again.ok and {e.code for e in again.errors} == {"exists"}
    assert Task.objects.count() == 2


def test_a_file_with_bad_rows_writes_nothing_and_names_each_line() -> None:
    world = build_project_world()
    with translation.override("nb"):
        result = portfolio_import(
            actor=world.group_users[Party.EMPLOYEE], project=world.project, data=BAD.encode()
        )
    assert not result.ok
    by_line = {(e.line, e.code) for e in result.errors}
    assert (3, "not_a_number") in by_line
    assert (4, "too_large") in by_line
    assert (6, "duplicate") in by_line
    assert (7, "no_keep") in by_line  # Klipping has no "beholde" row
    assert any("ikke et tall" in e.message for e in result.errors if e.line == 3)
    assert Task.objects.count() == 0 and TaskLevel.objects.count() == 0


def test_a_dry_run_checks_and_writes_nothing() -> None:
    world = build_project_world()
    result = portfolio_import(
        actor=world.admin, project=world.project, data=EXAMPLE.encode(), dry_run=True
    )
    assert result.ok and result.created == 2 and Task.objects.count() == 0


def test_workforce_figures_import_and_replace_a_units_year() -> None:
    world = build_project_world()
    world.unit.code = "1200"
    world.unit.save(update_fields=["code"])
    chair = world.group_users[Party.ADMINISTRATION]
    data = "enhet;år;årsverk;turnover_prosent;avgang_pensjon\n1200;2026;40;10;1,5\n"
    assert workforce_import(actor=chair, project=world.project, data=data.encode()).created == 1
    data = "enhet;år;årsverk;turnover_prosent;avgang_pensjon\n1200;2026;50;10;2\n"
    assert workforce_import(actor=chair, project=world.project, data=data.encode()).replaced == 1
    assert natural_attrition(world.project).total == Decimal("7.00")
    bad = (
        "enhet;år;årsverk;turnover_prosent;avgang_pensjon\n"
        "1200;2027;50;10;2\n9999;2026;5;5;0\n1200;2027;50;120;0\n"
    )
    result = workforce_import(actor=chair, project=world.project, data=bad.encode())
    assert {(e.line, e.code) for e in result.errors} >= {(3, "unknown_unit"), (4, "too_large")}
    assert Workforce.objects.count() == 1


def test_the_import_page_lists_the_problems_and_keeps_the_portfolio(client: Client) -> None:
    world = build_project_world()
    client.force_login(world.group_users[Party.POLITICAL])
    url = reverse("development:portfolio_import", args=[world.project.pk])
    assert client.get(url).status_code == 200
    upload = SimpleUploadedFile("portefolje.csv", BAD.encode(), content_type="text/csv")
    page = client.post(url, {"file": upload})
    assert page.status_code == 200
    assert 'id="import-errors"' in page.content.decode()
    assert Task.objects.count() == 0
    good = SimpleUploadedFile("portefolje.csv", EXAMPLE.encode(), content_type="text/csv")
    assert client.post(url, {"file": good}).status_code == 302
    assert Task.objects.count() == 2
    client.force_login(world.body_users[Party.POLITICAL])
    assert client.get(url).status_code == 403
