"""The import page: administrators only, errors listed by line, HTMX, and a real browser."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from trepart.organisation.imports.examples import UNITS_EXAMPLE
from trepart.organisation.models import Municipality, Person, Unit
from trepart.organisation.tests.importing import (
    BOM,
    PEOPLE_HEADER,
    UNIT_HEADER,
    csv_file,
    make_municipality,
    make_user,
)


@pytest.fixture
def municipality(db: None) -> Municipality:
    return make_municipality()


@pytest.fixture
def admin_client(client: Any, municipality: Municipality) -> Any:
    client.force_login(make_user(municipality))
    return client


def _upload(client: Any, kind: str, data: bytes, *, dry_run: bool = False, **headers: Any) -> Any:
    form = {"kind": kind, "file": SimpleUploadedFile("fil.csv", data, "text/csv")}
    if dry_run:
        form["dry_run"] = "on"
    return client.post(reverse("organisation:import"), form, **headers)


def test_page_is_for_administrators_only(client: Any, municipality: Municipality) -> None:
    url = reverse("organisation:import")
    assert client.get(url).status_code == 302  # to the login page
    client.force_login(make_user(municipality, admin=False, username="ansatt"))
    assert client.get(url).status_code == 403
    response = _upload(client, "units", csv_file([UNIT_HEADER, ["A", "A", "", "", ""]]))
    assert response.status_code == 403
    assert Unit.objects.count() == 0
    example = reverse("organisation:import-example", args=["units"])
    assert client.get(example).status_code == 403


def test_page_shows_the_form_with_labels(admin_client: Any) -> None:
    response = admin_client.get(reverse("organisation:import") + "?kind=people")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'for="id_file"' in html
    assert re.search(r'<input [^>]*value="people"[^>]*checked', html)
    assert response.context["form"].initial["kind"] == "people"


def test_upload_success_redirects_with_the_counts(admin_client: Any) -> None:
    data = csv_file([UNIT_HEADER, ["S", "Sektor", "", "sektor", ""], ["U", "U", "S", "", ""]])
    admin_client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    response = _upload(admin_client, "units", data)
    assert response.status_code == 302
    assert response["Location"] == reverse("organisation:import") + "?kind=units"
    page = admin_client.get(response["Location"])
    assert [str(m) for m in page.context["messages"]] == [
        "Units imported. Created: 2, updated: 0, unchanged: 0."
    ]
    assert Unit.objects.count() == 2


def test_page_keeps_the_chosen_type_and_lists_errors_on_a_bad_file(admin_client: Any) -> None:
    data = csv_file([PEOPLE_HEADER, ["1", "Kari", "", "", "", "ansatt", "X", "", "", "", ""]])

    response = _upload(admin_client, "people", data)

    assert response.status_code == 200
    html = response.content.decode()
    assert 'role="alert"' in html
    assert 'href="#id_file"' in html
    assert 'aria-invalid="true"' in html
    assert re.search(r'<input [^>]*value="people"[^>]*checked', html)
    assert not re.search(r'<input [^>]*value="units"[^>]*checked', html)
    assert '<th scope="row">2</th>' in html
    assert 'data-code="unknown_unit"' in html
    assert 'data-code="required"' in html
    assert Person.objects.count() == 0


def test_page_shows_at_most_200_errors_and_how_many_more(admin_client: Any) -> None:
    rows = [UNIT_HEADER] + [[f"K{i}", "", "", "", ""] for i in range(250)]
    admin_client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    response = _upload(admin_client, "units", csv_file(rows))
    html = response.content.decode()
    assert html.count('data-code="required"') == 200
    assert "and 50 more problems" in html


def test_dry_run_on_the_page_imports_nothing(admin_client: Any) -> None:
    data = csv_file([UNIT_HEADER, ["S", "Sektor", "", "sektor", ""]])
    response = _upload(admin_client, "units", data, dry_run=True)
    assert response.status_code == 302
    assert Unit.objects.count() == 0


def test_missing_file_is_a_form_error(admin_client: Any) -> None:
    response = admin_client.post(reverse("organisation:import"), {"kind": "people"})
    assert response.status_code == 200
    assert response.context["form"].errors["file"]


def test_htmx_upload_gets_the_form_partial_or_a_client_redirect(admin_client: Any) -> None:
    bad = _upload(
        admin_client, "units", csv_file([UNIT_HEADER, ["", "", "", "", ""]]), HTTP_HX_REQUEST="true"
    )
    assert bad.status_code == 200
    assert bad.content.decode().lstrip().startswith('<div id="import-form">')
    good = _upload(
        admin_client,
        "units",
        csv_file([UNIT_HEADER, ["A", "A", "", "", ""]]),
        HTTP_HX_REQUEST="true",
    )
    assert good["HX-Redirect"] == reverse("organisation:import") + "?kind=units"


def test_example_file_download(admin_client: Any) -> None:
    response = admin_client.get(reverse("organisation:import-example", args=["people"]))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith(BOM.encode() + b"ansattnummer;")


# In a real browser, with axe-core on each state of the page


@pytest.mark.browser
def test_import_in_a_browser_shows_problems_then_imports(
    browser_page: Any, visit: Any, assert_accessible: Any, log_in: Any
) -> None:
    from playwright.sync_api import expect

    from trepart.accounts.tests.factories import UserFactory

    municipality = make_municipality()
    UserFactory.create(username="admin", municipality=municipality, is_municipal_admin=True)
    page = browser_page
    log_in(page, "admin")

    visit(page, reverse("organisation:import"))
    page.locator('input[name="kind"][value="people"]').check()
    bad = csv_file([PEOPLE_HEADER, ["1", "Kari", "", "", "", "ansatt", "X", "", "", "", ""]])
    page.locator("#id_file").set_input_files(
        {"name": "personer.csv", "mimeType": "text/csv", "buffer": bad}
    )
    page.get_by_role("button", name="Upload").click()
    expect(page.locator("#error-summary")).to_be_visible()
    expect(page.locator("#import-errors + table tbody tr")).to_have_count(2)
    expect(page.locator('input[name="kind"][value="people"]')).to_be_checked()
    assert_accessible(page)

    page.locator('input[name="kind"][value="units"]').check()
    page.locator("#id_file").set_input_files(
        {"name": "enheter.csv", "mimeType": "text/csv", "buffer": UNITS_EXAMPLE.encode()}
    )
    page.get_by_role("button", name="Upload").click()
    page.wait_for_url("**/import/?kind=units")
    expect(page.locator(".trepart-messages")).to_contain_text("Created: 5")
    assert_accessible(page)
    assert Unit.objects.filter(municipality=municipality).count() == 5
