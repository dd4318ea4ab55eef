"""The audit log page and the admin's read-only view of the trail."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from trepart.accounts.tests.factories import MunicipalityFactory, UserFactory
from trepart.audit.models import AuditEntry
from trepart.audit.services import audit_create_many
from trepart.organisation.models import Municipality, Unit
from trepart.organisation.services import unit_create, unit_update

pytestmark = pytest.mark.django_db

URL = "/logg/"


def _municipality(name: str) -> Municipality:
    return MunicipalityFactory.create(name=name, require_mfa_for_admins=False)


@pytest.fixture
def municipality() -> Municipality:
    return _municipality("Lunner")


@pytest.fixture
def admin(municipality: Municipality) -> Any:
    return UserFactory.create(
        username="admin",
        first_name="Kari",
        last_name="Admin",
        municipality=municipality,
        is_municipal_admin=True,
    )


@pytest.fixture
def admin_client(client: Any, admin: Any) -> Any:
    client.force_login(admin)
    return client


def _rows(html: str) -> list[str]:
    body = html.split("<tbody>", 1)[1] if "<tbody>" in html else ""
    return re.findall(r"<time datetime=", body)


def test_url_name() -> None:
    assert reverse("audit:entry-list") == URL


def test_only_administrators_see_the_log(client: Any, municipality: Municipality) -> None:
    assert client.get(URL).status_code == 302  # to the login page
    client.force_login(UserFactory.create(municipality=municipality))
    assert client.get(URL).status_code == 403


def test_entries_of_another_municipality_never_show(
    admin_client: Any, municipality: Municipality
) -> None:
    other = _municipality("Øvre Eiker")
    unit_create(actor=None, municipality=municipality, code="1", name="Vår skole")
    unit_create(actor=None, municipality=other, code="1", name="Deres skole")

    for query in ["", "?q=skole", "?q=Deres", "?type=organisation.Unit"]:
        html = admin_client.get(URL + query).content.decode()
        assert "Deres skole" not in html
        assert "Øvre Eiker" not in html
    html = admin_client.get(URL).content.decode()
    assert "Vår skole" in html


def test_a_unit_change_shows_who_and_the_old_and_new_values(
    admin_client: Any, admin: Any, municipality: Municipality
) -> None:
    sector = unit_create(actor=admin, municipality=municipality, code="S", name="Oppvekst")
    unit = unit_create(actor=admin, municipality=municipality, code="U", name="Skolen")

    unit_update(
        actor=admin,
        unit=unit,
        version=unit.version,
        name="Lunner skole",
        parent=sector,
        employee_count=12,
    )

    response = admin_client.get(URL + "?q=Lunner+skole")
    html = response.content.decode()
    (row,) = response.context["rows"]
    assert row.entry.action == AuditEntry.Action.UPDATE
    assert {(c.field, c.old, c.new) for c in row.changes} == {
        ("Name", "Skolen", "Lunner skole"),
        ("Part of", "–", "Oppvekst"),  # the parent by name, not by id
        ("Number of employees", "0", "12"),
    }
    assert "Kari Admin" in html
    assert "<td>Skolen</td><td>Lunner skole</td>" in html
    assert '<th scope="col">Before</th>' in html


def test_created_entries_show_choice_labels(admin_client: Any, municipality: Municipality) -> None:
    unit_create(actor=None, municipality=municipality, code="S", name="Helse", kind="SECTOR")
    (row,) = admin_client.get(URL).context["rows"][:1]
    kinds = [c for c in row.changes if c.field == "Kind"]
    assert [(c.old, c.new) for c in kinds] == [("–", "Sector")]
    assert "system" in admin_client.get(URL).content.decode()


@time_machine.travel(datetime.datetime(2026, 7, 1, 10, 30, tzinfo=datetime.UTC), tick=False)
def test_time_is_shown_in_oslo_time_with_utc_in_the_markup(
    admin_client: Any, municipality: Municipality
) -> None:
    unit_create(actor=None, municipality=municipality, code="S", name="Helse")
    html = admin_client.get(URL).content.decode()
    assert '<time datetime="2026-07-01T10:30:00Z">' in html
    assert "12:30" in html  # summer time in Oslo is UTC+2


def test_newest_first_and_fifty_a_page(admin_client: Any, municipality: Municipality) -> None:
    units = Unit.objects.bulk_create(
        [Unit(municipality=municipality, code=str(i), name=f"Enhet {i}") for i in range(120)]
    )
    audit_create_many(actor=None, instances=units)

    first = admin_client.get(URL)
    assert len(_rows(first.content.decode())) == 50
    assert first.context["rows"][0].entry.object_repr == "Enhet 119"
    last = admin_client.get(URL + "?page=3")
    assert len(_rows(last.content.decode())) == 20
    assert last.context["rows"][-1].entry.object_repr == "Enhet 0"


def test_filter_by_kind_keeps_the_filter_in_the_page_links(
    admin_client: Any, admin: Any, municipality: Municipality
) -> None:
    units = Unit.objects.bulk_create(
        [Unit(municipality=municipality, code=str(i), name=f"Enhet {i}") for i in range(60)]
    )
    audit_create_many(actor=None, instances=units)
    unit_update(actor=admin, unit=units[0], version=1, name="Omdøpt")

    response = admin_client.get(URL + "?type=organisation.Unit&q=enhet")
    assert response.context["page_obj"].paginator.count == 60
    html = response.content.decode()
    assert '<option value="organisation.Unit" selected>' in html
    assert "type=organisation.Unit" in html and "page=2" in html
    assert admin_client.get(URL + "?type=organisation.Body").context["rows"] == []


def test_the_number_of_queries_does_not_grow_with_the_entries(
    admin_client: Any, admin: Any, municipality: Municipality
) -> None:
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert admin_client.get(URL).status_code == 200
        return len(captured.captured_queries)

    sector = unit_create(actor=admin, municipality=municipality, code="S", name="Sektor")
    unit = unit_create(actor=admin, municipality=municipality, code="U", name="U", parent=sector)
    unit_update(actor=admin, unit=unit, version=1, name="U2")
    few = queries()
    for i in range(30):
        other = unit_create(
            actor=admin, municipality=municipality, code=f"X{i}", name=f"X{i}", parent=sector
        )
        unit_update(actor=admin, unit=other, version=1, name=f"Y{i}", parent=None)
    assert queries() == few


# The Django admin


def test_admin_lists_the_own_municipality_read_only(
    admin_client: Any, municipality: Municipality
) -> None:
    other = _municipality("Øvre Eiker")
    unit_create(actor=None, municipality=municipality, code="1", name="Vår skole")
    unit_create(actor=None, municipality=other, code="1", name="Deres skole")
    own = AuditEntry.objects.get(object_repr="Vår skole")
    foreign = AuditEntry.objects.get(object_repr="Deres skole")

    html = admin_client.get(reverse("admin:audit_auditentry_changelist")).content.decode()
    assert "Vår skole" in html
    assert "Deres skole" not in html

    change_url = reverse("admin:audit_auditentry_change", args=[own.pk])
    page = admin_client.get(change_url)
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    assert admin_client.post(change_url, {"object_repr": "Endret"}).status_code == 403
    own.refresh_from_db()
    assert own.object_repr == "Vår skole"

    foreign_url = reverse("admin:audit_auditentry_change", args=[foreign.pk])
    assert admin_client.get(foreign_url).status_code in {302, 404}
    assert admin_client.get(reverse("admin:audit_auditentry_add")).status_code == 403
    delete_url = reverse("admin:audit_auditentry_delete", args=[own.pk])
    assert admin_client.post(delete_url, {"post": "yes"}).status_code == 403
    assert AuditEntry.objects.filter(pk=own.pk).exists()


def test_superuser_sees_every_municipality_but_changes_nothing(client: Any) -> None:
    first, second = _municipality("Lunner"), _municipality("Øvre Eiker")
    unit_create(actor=None, municipality=first, code="1", name="Vår skole")
    unit_create(actor=None, municipality=second, code="1", name="Deres skole")
    client.force_login(UserFactory.create(is_superuser=True, is_staff=True, municipality=None))

    html = client.get(reverse("admin:audit_auditentry_changelist")).content.decode()
    assert "Vår skole" in html and "Deres skole" in html
    assert client.get(reverse("admin:audit_auditentry_add")).status_code == 403


@pytest.mark.browser
def test_audit_log_in_a_browser(
    browser_page: Any, visit: Any, assert_accessible: Any, log_in: Any
) -> None:
    municipality = _municipality("Lunner")
    admin = UserFactory.create(username="admin", municipality=municipality, is_municipal_admin=True)
    sector = unit_create(actor=admin, municipality=municipality, code="S", name="Oppvekst")
    unit = unit_create(actor=admin, municipality=municipality, code="U", name="Skolen")
    unit_update(actor=admin, unit=unit, version=1, name="Lunner skole", parent=sector)
    page = browser_page
    log_in(page, "admin")

    visit(page, URL)
    page.locator("#audit-q").fill("Lunner")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url("**/logg/?*q=Lunner*")
    page.locator("#audit-results").get_by_text("Lunner skole").first.wait_for()
    assert_accessible(page)
