"""The ledger's pages: who sees and who edits, the municipality's and a unit's roll-up,
the measure form (versioned, keeps what was typed) and the import page."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from trepart.accounts.tests.factories import MunicipalityFactory, UserFactory
from trepart.development import privacy
from trepart.development.models import Realisation, SavingsMeasure
from trepart.development.tests.ledger_world import LedgerWorld, build_ledger_world, measure_make
from trepart.organisation.models import Body, Party
from trepart.organisation.tests.factories import (
    BodyFactory,
    MembershipFactory,
    PersonFactory,
    UnitFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def ledger() -> LedgerWorld:
    return build_ledger_world()


def test_signed_in_people_of_the_municipality_see_the_ledger_and_only_they(
    client: Any, ledger: LedgerWorld
) -> None:
    assert client.get("/utvikling/innsparing/").status_code == 302  # to the sign-in page
    stranger = UserFactory.create(municipality=MunicipalityFactory.create())
    client.force_login(stranger)
    assert client.get(f"/utvikling/innsparing/enhet/{ledger.sector.pk}/").status_code == 404
    assert client.get(f"/utvikling/innsparing/tiltak/{ledger.roads.pk}/").status_code == 403
    client.force_login(ledger.world.outsider)
    response = client.get("/utvikling/innsparing/")
    page = response.content.decode()
    # The sectors, each linking to its own page; not every unit.
    assert [row.unit.name for row, _cells in response.context["rows"]] == ["Helse", "Teknisk"]
    assert f'href="/utvikling/innsparing/enhet/{ledger.health.pk}/"' in page
    assert "Sykehjemmet" not in page
    assert "New measure" not in page
    assert client.get("/utvikling/innsparing/tiltak/ny/").status_code == 403
    assert client.get("/utvikling/innsparing/import/").status_code == 403


def test_who_may_edit_the_ledger(ledger: LedgerWorld) -> None:
    world = ledger.world
    assert privacy.ledger_can_edit(world.admin)
    # The mandating body's members, and any tripartite body's.
    assert all(privacy.ledger_can_edit(user) for user in world.body_users.values())
    # The project group alone gives no right to the whole ledger; an employee neither.
    assert not privacy.ledger_can_edit(world.group_users[Party.SERVICE_USER])
    assert not privacy.ledger_can_edit(world.outsider)
    council = BodyFactory.create(municipality=world.municipality, kind=Body.Kind.COUNCIL)
    user = UserFactory.create(municipality=world.municipality)
    MembershipFactory.create(
        body=council, person=PersonFactory.create(municipality=world.municipality, user=user)
    )
    assert not privacy.ledger_can_edit(user)
    world.project.mandating_body = council
    world.project.save()
    assert privacy.ledger_can_edit(user)
    assert privacy.ledger_can_see(world.outsider)
    assert not privacy.ledger_can_see(UserFactory.create(municipality=None))


def test_a_unit_page_shows_its_subtree_and_its_measures(client: Any, ledger: LedgerWorld) -> None:
    client.force_login(ledger.world.body_users[Party.EMPLOYEE])
    response = client.get(f"/utvikling/innsparing/enhet/{ledger.health.pk}/?aar=2026")
    page = response.content.decode()
    assert response.context["year_sums"].planned == 200_000
    assert "Felles innkjøp" in page and "Færre brøyterunder" not in page
    assert [row.unit.name for row, _cells in response.context["rows"]] == ["Sykehjemmet"]
    assert [chart.key for chart in response.context["charts"]] == [
        "ledger-years",
        "ledger-waterfall",
        "ledger-ftes",
    ]
    assert f"/utvikling/innsparing/tiltak/{ledger.purchasing.pk}/" in page


def _form(ledger: LedgerWorld, **fields: Any) -> dict[str, Any]:
    data = {
        "unit": ledger.home.pk,
        "title": "Ruteplanlegging",
        "description": "",
        "realisation": Realisation.REORGANISATION,
        "fte_effect": "-0,5",
        "status": SavingsMeasure.Status.PLANNED,
        "years-TOTAL_FORMS": "3",
        "years-INITIAL_FORMS": "0",
        "years-0-year": "2026",
        "years-0-planned": "100000",
        "years-0-realised": "",
        "years-1-year": "",
        "years-1-planned": "",
        "years-1-realised": "",
        "years-2-year": "",
        "years-2-planned": "",
        "years-2-realised": "",
    }
    data.update(fields)
    return data


def test_a_measure_is_entered_and_edited_through_the_form(client: Any, ledger: LedgerWorld) -> None:
    client.force_login(ledger.world.admin)
    response = client.post("/utvikling/innsparing/tiltak/ny/", _form(ledger))
    assert response.status_code == 302
    measure = SavingsMeasure.objects.get(title="Ruteplanlegging")
    assert response["Location"] == f"/utvikling/innsparing/enhet/{ledger.home.pk}/"
    assert str(measure.fte_effect) == "-0.50"
    form = client.get(f"/utvikling/innsparing/tiltak/{measure.pk}/").context["form"]
    assert form.initial["version"] == 1
    edit = _form(ledger, version="1", **{"years-0-realised": "90000"})
    response = client.post(f"/utvikling/innsparing/tiltak/{measure.pk}/", edit)
    assert response.status_code == 302
    assert measure.years.get().realised == 90_000
    # A second save from the same (now stale) form is refused and keeps what was typed.
    edit["title"] = "Ruteplanlegging, ny"
    response = client.post(f"/utvikling/innsparing/tiltak/{measure.pk}/", edit)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Someone else saved this while you were editing." in page
    assert 'value="Ruteplanlegging, ny"' in page


def test_bad_input_gives_messages_and_saves_nothing(client: Any, ledger: LedgerWorld) -> None:
    client.force_login(ledger.world.admin)
    other = UnitFactory.create(municipality=MunicipalityFactory.create())
    data = _form(
        ledger,
        unit=str(other.pk),
        **{"years-0-planned": "", "years-0-realised": "5000", "years-1-year": "2027"},
    )
    page = client.post("/utvikling/innsparing/tiltak/ny/", data).content.decode()
    assert "Choose one of your municipality&#x27;s units." in page
    data["unit"] = str(ledger.home.pk)
    data["years-1-planned"] = "-3"
    page = client.post("/utvikling/innsparing/tiltak/ny/", data).content.decode()
    assert "2026 has a realised saving but no planned saving" in page
    assert "A saving cannot be negative (2027)." in page
    assert not SavingsMeasure.objects.filter(title="Ruteplanlegging").exists()


def test_the_import_page_imports_or_lists_every_problem(client: Any, ledger: LedgerWorld) -> None:
    client.force_login(ledger.world.admin)
    assert client.get("/utvikling/innsparing/import/").status_code == 200
    assert client.get("/utvikling/innsparing/import/eksempel.csv").status_code == 200
    bad = "enhet;tiltak;gjennomføring;år;planlagt\nNOPE;X;annet;2026;1\n"
    upload = SimpleUploadedFile("innsparing.csv", bad.encode(), "text/csv")
    page = client.post("/utvikling/innsparing/import/", {"file": upload}).content.decode()
    assert "The file has 1 error. Nothing was imported." in page
    assert "There is no unit with the code “NOPE”." in page
    good = "enhet;tiltak;gjennomføring;år;planlagt\nHJEM;X;annet;2026;1\n"
    upload = SimpleUploadedFile("innsparing.csv", good.encode(), "text/csv")
    response = client.post("/utvikling/innsparing/import/", {"file": upload}, follow=True)
    assert "Ledger figures imported: 1 new measures" in response.content.decode()
    assert SavingsMeasure.objects.filter(title="X", unit=ledger.home).exists()


def test_a_measure_is_removed_from_its_edit_page(client: Any, ledger: LedgerWorld) -> None:
    url = f"/utvikling/innsparing/tiltak/{ledger.purchasing.pk}/fjern/"
    client.force_login(ledger.world.outsider)
    assert client.post(url, {"version": "1"}).status_code == 403
    client.force_login(ledger.world.admin)
    page = client.get(f"/utvikling/innsparing/tiltak/{ledger.purchasing.pk}/").content.decode()
    assert f'action="{url}"' in page
    response = client.post(url, {"version": "3"}, follow=True)
    assert "Someone else saved this while you were editing." in response.content.decode()
    response = client.post(url, {"version": "1"})
    assert response["Location"] == f"/utvikling/innsparing/enhet/{ledger.nursing.pk}/"
    assert not SavingsMeasure.objects.filter(pk=ledger.purchasing.pk).exists()


def test_the_csv_streams_every_year_of_every_measure_in_one_query(
    client: Any, ledger: LedgerWorld, django_assert_max_num_queries: Any
) -> None:
    for number in range(30):
        measure_make(ledger.home, f"Tiltak {number:02}", "OTHER", {2026: (number, None)})
    client.force_login(ledger.world.outsider)
    response = client.get("/utvikling/innsparing/innsparing.csv")
    assert response.streaming
    # Reading the rows is one query, however many measures there are.
    with django_assert_max_num_queries(1):
        lines = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()
    assert len(lines) == 1 + 3 + 30
    assert lines[1].startswith("HJEM;Tiltak 00;Other;0.00;2026;0;;Planned")
    # A sector's subtree only; another municipality's unit is not found.
    response = client.get(f"/utvikling/innsparing/innsparing.csv?enhet={ledger.sector.pk}")
    lines = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()
    assert [line.split(";")[1] for line in lines[1:]] == ["Færre brøyterunder"] * 2
    other = UnitFactory.create(municipality=MunicipalityFactory.create())
    assert client.get(f"/utvikling/innsparing/innsparing.csv?enhet={other.pk}").status_code == 404


def test_an_added_cost_is_entered_through_the_form_and_shown_net(
    client: Any, ledger: LedgerWorld
) -> None:
    client.force_login(ledger.world.admin)
    cost = _form(
        ledger,
        title="Flere hjemmebesøk",
        realisation=Realisation.ADDED_COST,
        fte_effect="0,5",
        **{"years-0-planned": "50000"},
    )
    page = client.post("/utvikling/innsparing/tiltak/ny/", cost).content.decode()
    assert "An added cost is entered as a negative amount (2026)" in page
    assert not SavingsMeasure.objects.filter(title="Flere hjemmebesøk").exists()
    cost["years-0-planned"] = "-50000"
    response = client.post("/utvikling/innsparing/tiltak/ny/", cost)
    assert response.status_code == 302
    response = client.get(f"/utvikling/innsparing/enhet/{ledger.health.pk}/?aar=2026")
    # Sykehjemmet saves 200 000; Hjemmetjenesten's visits cost 50 000.
    assert response.context["year_sums"].planned == 150_000
    assert response.context["year_cost"].planned == -50_000
    page = response.content.decode()
    assert "Added cost taken off the plan" in page and "\u221250,000 kr" in page
    waterfall = response.context["charts"][1]
    assert [row[0] for row in waterfall.table.rows][:3] == [
        "Planned savings",
        "Added cost",
        "Planned, net",
    ]
