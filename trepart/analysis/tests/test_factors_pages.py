"""The 10-FAKTOR pages: permissions, tenancy, the profile and what is hidden."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from trepart.accounts.tests.factories import UserFactory
from trepart.analysis.models import FactorResult
from trepart.analysis.tests.factors_world import FactorWorld, build_factor_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> FactorWorld:
    return build_factor_world()


def client_for(user: Any = None) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    if user is not None:
        client.force_login(user)
    return client


def page(user: Any, **params: Any) -> Any:
    return client_for(user).get(reverse("analysis:factors"), params)


def test_visitors_must_log_in(world: FactorWorld) -> None:
    response = client_for().get(reverse("analysis:factors"))
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_anyone_in_the_municipality_reads_the_profile(world: FactorWorld) -> None:
    response = page(world.reader, unit=world.school.pk, year=2026)
    assert response.status_code == 200
    chart = response.context["page"].profile
    assert chart is not None
    # The school is strongest on prosocial motivation and weakest on competence development.
    assert "Prosocial motivation" in chart.summary
    assert "Relevant competence development" in chart.summary
    assert chart.summary in response.content.decode()


def test_municipality_figure_is_respondent_weighted(world: FactorWorld) -> None:
    response = page(world.reader, year=2026, factor="SELF_EFFICACY")
    table = response.context["page"].unit_table
    last = table.rows[-1]
    assert last[0] == world.municipality.name
    results = FactorResult.objects.filter(year=2026, factor="SELF_EFFICACY")
    total = sum(r.average * r.respondents for r in results)
    count = sum(r.respondents for r in results)
    assert last[1] == f"{total / count:.1f}"
    assert last[2] == str(count)


def test_small_unit_and_the_unit_that_would_reveal_it_are_hidden(world: FactorWorld) -> None:
    response = page(world.reader, year=2026, factor="SELF_EFFICACY")
    rows = {row[0].lstrip("– "): row for row in response.context["page"].unit_table.rows}
    # The kindergarten has 4 respondents, under the municipality's threshold of 5, and the
    # nursery would give it away by subtraction from the sector: both are hidden.
    assert rows[world.small.name][1:3] == ["hidden", "—"]
    assert rows[world.nursery.name][1:3] == ["hidden", "—"]
    assert rows[world.sector.name][1] != "hidden"
    body = response.content.decode()
    assert "2,3" not in body and "2.3" not in body  # the small unit's average


def test_hidden_unit_has_no_profile(world: FactorWorld) -> None:
    response = page(world.reader, unit=world.small.pk, year=2026)
    assert response.context["page"].profile is None
    assert response.context["page"].profile_hidden
    body = response.content.decode()
    assert "Hidden to protect anonymity" in body
    assert "2.3" not in body


def test_trend_shows_change_over_years(world: FactorWorld) -> None:
    response = page(world.reader, unit=world.school.pk, year=2026)
    trend = response.context["page"].trend
    assert trend.columns[1:] == ["2025", "2026"]
    motivation = trend.rows[0]
    assert motivation[0] == "Task motivation (oppgavemotivasjon)"
    assert motivation[2].endswith("↑")
    chart = response.context["page"].trend_chart
    assert chart.summary == (
        "Task motivation (oppgavemotivasjon) at Faktorvik skole went from 4.1 in 2025 to 4.4 "
        "in 2026."
    )
    assert chart.table.rows[0][0] == "2025"


def test_hidden_unit_has_no_trend_chart(world: FactorWorld) -> None:
    response = page(world.reader, unit=world.small.pk)
    assert response.context["page"].trend_chart is None
    assert all(cell == "hidden" for row in response.context["page"].trend.rows for cell in row[1:])


def test_other_municipalitys_unit_is_not_found(world: FactorWorld) -> None:
    stranger = UserFactory.create()
    assert page(stranger, unit=world.school.pk).status_code == 404
    # and the stranger's own page holds none of this municipality's results
    own = page(stranger)
    assert own.status_code == 200
    assert own.context["page"].years == []


def test_import_is_for_administrators(world: FactorWorld) -> None:
    url = reverse("analysis:factors-import")
    assert client_for(world.reader).get(url).status_code == 403
    assert client_for(world.admin).get(url).status_code == 200
    example = client_for(world.admin).get(reverse("analysis:factors-example"))
    assert example.status_code == 200
    assert "mestringstro" in example.content.decode("utf-8-sig")


def test_import_page_reports_errors_and_keeps_choices(world: FactorWorld) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile(
        "f.csv", "enhet;år;faktor;snitt;antall_svar\nSKOLE;2026;mestringstro;4;2\n".encode()
    )
    response = client_for(world.admin).post(
        reverse("analysis:factors-import"), {"file": upload, "replace": "on"}
    )
    assert response.status_code == 200
    assert "at least 3 respondents" in response.content.decode()
    assert response.context["form"]["replace"].value() is True


def test_import_page_imports(world: FactorWorld) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile(
        "f.csv", "enhet;år;faktor;snitt;antall_svar\nSKOLE;2027;mestringstro;4;20\n".encode()
    )
    response = client_for(world.admin).post(
        reverse("analysis:factors-import"), {"file": upload}, follow=True
    )
    assert "10-FAKTOR results imported" in response.content.decode()
    assert FactorResult.objects.filter(year=2027).count() == 1


def test_an_import_shows_at_once_though_figures_are_kept(world: FactorWorld) -> None:
    from trepart.analysis.services.factors import factors_import

    def school_self_efficacy() -> str:
        table = page(world.reader, year=2026, factor="SELF_EFFICACY").context["page"].unit_table
        return next(row[1] for row in table.rows if row[0].endswith("Faktorvik skole"))

    before = school_self_efficacy()
    assert school_self_efficacy() == before  # the second view reads the kept figures
    result = factors_import(
        actor=world.admin,
        municipality=world.municipality,
        data="enhet;år;faktor;snitt;antall_svar\nSKOLE;2026;mestringstro;1,2;20\n".encode(),
        replace=True,
    )
    assert not result.errors
    assert not before.startswith("1.2")
    assert school_self_efficacy().startswith("1.2")


def test_overview_links_the_topics(world: FactorWorld) -> None:
    response = client_for(world.reader).get(reverse("analysis:overview"))
    assert response.status_code == 200
    body = response.content.decode()
    assert reverse("analysis:factors") in body
    assert reverse("analysis:factors-import") not in body
    admin_body = client_for(world.admin).get(reverse("analysis:overview")).content.decode()
    assert reverse("analysis:factors-import") in admin_body


def test_the_unit_picker_lists_units_in_tree_order_indented_by_depth(world: FactorWorld) -> None:
    html = page(world.reader, unit=world.school.pk, year=2026).content.decode()
    sector = html.index(f'<option value="{world.sector.pk}">Oppvekst</option>')
    school = html.index(f'<option value="{world.school.pk}" selected>– Faktorvik skole</option>')
    assert sector < school
