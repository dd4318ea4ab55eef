"""In a real browser: an administrator imports a 10-FAKTOR file, first with an error, with
axe-core on every page."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from trepart.analysis.models import FactorResult
from trepart.analysis.tests.factors_world import build_factor_world

pytestmark = pytest.mark.browser

HEADER = "enhet;år;faktor;snitt;antall_svar\n"


def test_admin_imports_after_correcting_the_file(
    browser_page: Page, visit: Any, assert_accessible: Any, log_in: Any, tmp_path: Any
) -> None:
    world = build_factor_world()
    page = browser_page
    log_in(page, world.admin.username)
    visit(page, "/analyse/10-faktor/import/")
    assert_accessible(page)

    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER + "SKOLE;2027;mestringstro;4,2;2\n", encoding="utf-8")
    page.locator("#id_file").set_input_files(str(bad))
    page.locator("main form[method=post] button[type=submit]").click()
    page.wait_for_load_state("load")
    expect(page.locator("#import-errors")).to_be_visible()
    expect(page.locator("tr[data-code=too_few]")).to_have_count(1)
    assert_accessible(page)
    assert not FactorResult.objects.filter(year=2027).exists()

    good = tmp_path / "good.csv"
    good.write_text(HEADER + "SKOLE;2027;mestringstro;4,2;12\n", encoding="utf-8")
    page.locator("#id_file").set_input_files(str(good))
    page.locator("main form[method=post] button[type=submit]").click()
    page.wait_for_load_state("load")
    assert_accessible(page)
    assert FactorResult.objects.filter(year=2027).count() == 1
