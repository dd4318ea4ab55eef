"""The main organisation flow in a real browser, with axe-core on every page reached."""

import pytest
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import Page, expect

from trepart.accounts.tests.factories import MunicipalityFactory, UserFactory
from trepart.organisation.models import Person
from trepart.organisation.tests.factories import (
    BodyFactory,
    CompositionRuleFactory,
    PersonFactory,
    UnitFactory,
    seat_body,
)

pytestmark = pytest.mark.browser


def missing_safety_rep_message(language: str) -> str:
    with translation.override(language):
        return gettext("An LMU must have %(who)s, but has none.") % {
            "who": gettext("a safety representative (verneombud)")
        }


def gettext_in(language: str, text: str) -> str:
    with translation.override(language):
        return gettext(text)


def test_log_in_switch_to_nynorsk_and_read_a_broken_body(
    browser_page: Page, live_server, log_in, assert_accessible
):
    municipality = MunicipalityFactory.create(require_mfa_for_admins=False, language="nb")
    user = UserFactory.create(municipality=municipality, username="leder", language="")
    unit = UnitFactory.create(municipality=municipality, name="Solsida barnehage")
    PersonFactory.create(municipality=municipality, user=user, unit=unit)
    lmu = BodyFactory.create(municipality=municipality, kind="LMU", unit=unit, name="LMU Solsida")
    CompositionRuleFactory.create(body=lmu, kind="LMU_ROLES")
    seat_body(lmu, "ADMINISTRATION", 1, capacity="LEADER", role="CHAIR")
    seat_body(lmu, "EMPLOYEE", 1, capacity="UNION_REP")
    page = browser_page

    log_in(page, "leder")
    expect(page.locator("html")).to_have_attribute("lang", "nb")

    page.locator("#trepart-language-select").select_option("nn")
    page.locator("form.trepart-language button[type=submit]").click()
    page.wait_for_load_state("load")
    expect(page.locator("html")).to_have_attribute("lang", "nn")
    assert_accessible(page)

    page.get_by_role("link", name=gettext_in("nn", "Bodies")).first.click()
    page.wait_for_load_state("load")
    assert_accessible(page)
    page.get_by_role("link", name="LMU Solsida").first.click()
    page.wait_for_load_state("load")
    nynorsk = missing_safety_rep_message("nn")
    assert nynorsk != missing_safety_rep_message("en"), "the nynorsk catalogue lacks the text"
    expect(page.locator("#composition-problems")).to_contain_text(nynorsk)
    assert_accessible(page)


def test_admin_finds_a_person_and_gives_them_a_seat(
    browser_page: Page, live_server, visit, assert_accessible, log_in
):
    municipality = MunicipalityFactory.create(require_mfa_for_admins=False)
    UserFactory.create(municipality=municipality, username="admin", is_municipal_admin=True)
    body = BodyFactory.create(municipality=municipality, name="Trepartsorganet")
    CompositionRuleFactory.create(body=body, kind="PARITY", seats_per_party=3)
    PersonFactory.create(
        municipality=municipality,
        first_name="Sigrun",
        last_name="Skaugen",
        kind=Person.Kind.POLITICIAN,
    )
    page = browser_page

    log_in(page, "admin")
    visit(page, f"/organer/{body.pk}/")
    visit(page, f"/organer/{body.pk}/medlemmer/ny/")
    page.locator("#person-search").fill("Skaug")
    candidate = page.get_by_label("Sigrun Skaugen", exact=False)
    expect(candidate).to_be_visible()  # htmx swapped in the search results
    assert_accessible(page)
    candidate.check()
    page.locator("#id_party").select_option("POLITICAL")
    page.locator("#id_capacity").select_option("ELECTED")
    page.locator("form.trepart-form button[type=submit]").click()
    page.wait_for_url(f"**/organer/{body.pk}/")
    expect(page.locator("#composition-problems")).to_be_visible()
    expect(page.get_by_role("link", name="Sigrun Skaugen")).to_be_visible()
    assert_accessible(page)


def test_every_main_page_passes_axe_for_an_administrator(
    browser_page: Page, live_server, visit, log_in
):
    """A tour of the organisation pages with real data; ``visit`` runs axe-core on each."""
    municipality = MunicipalityFactory.create(require_mfa_for_admins=False)
    admin = UserFactory.create(
        municipality=municipality, username="admin", is_municipal_admin=True, language=""
    )
    sector = UnitFactory.create(municipality=municipality, kind="SECTOR", name="Oppvekst")
    unit = UnitFactory.create(municipality=municipality, parent=sector, name="Eikhaug skole")
    person = PersonFactory.create(municipality=municipality, unit=unit, user=admin)
    PersonFactory.create(municipality=municipality, kind=Person.Kind.CITIZEN)
    body = BodyFactory.create(municipality=municipality, kind="LMU", unit=unit)
    CompositionRuleFactory.create(body=body, kind="LMU_ROLES")
    seat_body(body, "ADMINISTRATION", 1, capacity="LEADER", role="CHAIR")
    page = browser_page

    log_in(page, "admin")
    for url in [
        "/",
        "/enheter/",
        "/enheter/?q=skole",
        f"/enheter/{sector.pk}/",
        f"/enheter/{unit.pk}/",
        "/organer/",
        "/organer/?flagged=on",
        f"/organer/{body.pk}/",
        f"/organer/{body.pk}/endre/",
        f"/organer/{body.pk}/medlemmer/ny/?q=Ola",
        "/personer/",
        f"/personer/{person.pk}/",
        "/strukturmaler/",
        "/import/",
        "/logg/",
        "/profil/",
        "/tilgjengelighet/",
    ]:
        visit(page, url)
