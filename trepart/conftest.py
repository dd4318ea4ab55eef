"""Fixtures shared by every app's tests: the browser tests' Chromium and their page checks.

A browser test is marked ``@pytest.mark.browser`` and asks for ``browser_page``: a Playwright
page in a fresh browser context whose relative URLs go to pytest-django's ``live_server``.
Every page it loads must pass axe-core's WCAG 2.1 A/AA rules, two landmark checks axe-core
does not make (see ``LANDMARK_CHECK``), and the W3C Nu HTML checker (vnu) without an error:
``visit(page, url)`` opens a page and checks it, ``assert_accessible(page)`` checks the page as
it is now (after a form post or an HTMX swap), and at the end of the test the page last loaded
is checked if the test did not. A page that was loaded and left without a check fails the
test, so no page goes unchecked. vnu reads the HTML the server sent for the document (the
browser's DOM would hide what its parser repaired, such as a duplicate attribute); its
warnings are printed, not failed on. Without Java or vnu.jar (``scripts/fetch_vnu.py``) the
vnu check is skipped with a warning, unless ``TREPART_BROWSER_TESTS=required``.
Any Content-Security-Policy violation on any page the test loads (a blocked script, an inline
event handler, eval) fails the test too.

The machine's own Chromium is used; Playwright never downloads a browser. Without it the
browser tests are skipped, unless ``TREPART_BROWSER_TESTS=required`` (as in CI), when they fail.
"""

from __future__ import annotations

import os
import re
import warnings
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import pytest

from trepart import nu_checker
from trepart.accounts.tests.factories import DEFAULT_PASSWORD
from trepart.page_checks import (
    AXE_RUN,
    LANDMARK_CHECK,
    assert_no_csp_violations,
    format_violations,
    watch_csp,
)

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Response

    from trepart.nu_checker import NuChecker

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
# Test-only, so outside the static files (scripts/refresh_vendor.py keeps it current).
AXE_JS = Path(__file__).resolve().parent.parent / "tests" / "vendor" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Where a failing browser test leaves a screenshot and the page's HTML (git-ignored).
RESULTS_DIR = Path.cwd() / "test-results"
TIMEOUT_MS = 10_000


@dataclass
class _PageChecks:
    """The documents a test's page has loaded, and whether they have been checked."""

    loaded: list[str] = field(default_factory=list)
    checked_upto: int = 0
    errors: list[str] = field(default_factory=list)
    # The server's responses for the documents loaded in the main frame, for vnu.
    documents: list[Response] = field(default_factory=list)
    html_checked: Response | None = None
    html_checker: NuChecker | None = None

    def on_load(self, page: Page) -> None:
        url = page.url
        if not url.startswith(("about:", "data:", "chrome-error:")):
            self.loaded.append(url)

    def on_response(self, response: Response) -> None:
        request = response.request
        if (
            request.is_navigation_request()
            and request.frame.parent_frame is None
            and not 300 <= response.status < 400
            and response.headers.get("content-type", "").startswith("text/html")
        ):
            self.documents.append(response)

    @property
    def unchecked(self) -> list[str]:
        return self.loaded[self.checked_upto :]


def _checks(page: Page) -> _PageChecks:
    checks = getattr(page, "_trepart_checks", None)
    if checks is None:  # a page the test opened itself, e.g. a popup
        checks = _PageChecks()
        page._trepart_checks = checks  # type: ignore[attr-defined]
    return checks


def _html_errors(checks: _PageChecks) -> list[str]:
    """vnu's errors for the document on screen, as the server sent it (once per document)."""
    if checks.html_checker is None or not checks.documents:
        return []
    document = checks.documents[-1]
    if document is checks.html_checked:
        return []
    checks.html_checked = document
    messages = checks.html_checker.check(document.body())
    for warning in (m for m in messages if m.kind == "warning"):
        print(f"vnu warning on {document.url}: {warning.describe()}")
    return [m.describe() for m in messages if m.kind in ("error", "non-document-error")]


def assert_accessible(page: Page) -> None:
    """Check the page as it is now: axe-core's WCAG 2.1 A/AA rules, the landmark checks and
    the Nu HTML checker; fail listing every violation and every HTML error."""
    if not AXE_JS.exists():
        pytest.fail(f"axe-core is missing: expected the vendored file at {AXE_JS}")
    page.wait_for_load_state("load")
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        # Evaluated by the browser's debugging protocol, which the page's CSP does not
        # govern; a <script> tag (add_script_tag) would be blocked, as it should be.
        page.evaluate(AXE_JS.read_text(encoding="utf-8"))
    violations = page.evaluate(AXE_RUN, WCAG_TAGS)
    # Django's admin is Django's markup (its skip link comes before its landmarks): axe-core
    # and the Nu checker still check it, the landmark rules only pages of our own.
    ours = not urlsplit(page.url).path.startswith("/admin/")
    landmark_problems = page.evaluate(LANDMARK_CHECK) if ours else []
    # Counted after the round trips to the browser, so this document's own load event has
    # arrived: everything loaded so far is either this document or was replaced by it.
    checks = _checks(page)
    checks.checked_upto = len(checks.loaded)
    failures = []
    if violations:
        failures.append(format_violations(page.url, violations))
    if landmark_problems:
        failures.append(f"landmark problem(s) on {page.url}:")
        failures.extend(f"- {problem}" for problem in landmark_problems)
    html_errors = _html_errors(checks)
    if html_errors:
        failures.append(f"{len(html_errors)} HTML error(s) (W3C Nu HTML checker) on {page.url}:")
        failures.extend(f"- {error}" for error in html_errors)
    if failures:
        pytest.fail("\n".join(failures), pytrace=False)


def visit(page: Page, url: str) -> Response | None:
    """Open ``url`` (relative to the live server), check it loaded and is accessible."""
    response = page.goto(url)
    assert response is not None, f"no response for {url}"
    assert response.ok, f"{url} answered HTTP {response.status}"
    assert_accessible(page)
    return response


@pytest.fixture(autouse=True)
def _empty_cache() -> Iterator[None]:
    """Each test starts with an empty cache: rolled-back ids repeat from test to test, and
    allauth keeps rate-limit counters and used TOTP codes there."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _media_in_tmp(settings: Any, tmp_path: Path) -> None:
    """Uploaded files go to a directory of the test's own."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _english_outside_requests() -> Iterator[None]:
    """Test code reads the English source texts; requests still pick their own language."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture(name="assert_accessible")
def assert_accessible_fixture() -> Callable[[Page], None]:
    """``assert_accessible(page)`` as a fixture, so tests need no import from conftest."""
    return assert_accessible


@pytest.fixture(name="visit")
def visit_fixture() -> Callable[[Page, str], Response | None]:
    """``visit(page, url)`` as a fixture, so tests need no import from conftest."""
    return visit


def log_in(page: Page, username: str, password: str | None = None) -> None:
    """Sign in through the real login page (checked by axe-core) and land on the start page."""
    visit(page, "/accounts/login/")
    page.locator('input[name="login"]').fill(username)
    page.locator('input[name="password"]').fill(password or DEFAULT_PASSWORD)
    # Enter in the password field submits the login form, whatever else the layout holds.
    page.locator('input[name="password"]').press("Enter")
    page.wait_for_url("**/")
    assert_accessible(page)


@pytest.fixture(name="log_in")
def log_in_fixture() -> Callable[..., None]:
    """``log_in(page, username)`` as a fixture."""
    return log_in


@pytest.fixture(scope="session")
def chromium_browser() -> Iterator[Browser]:
    """One Chromium for the whole run; each test gets its own context (cookies, storage)."""
    if not CHROMIUM.exists():
        reason = f"browser tests need Chromium at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("TREPART_BROWSER_TESTS") == "required":
            pytest.fail(reason + "; TREPART_BROWSER_TESTS=required", pytrace=False)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an asyncio loop running in this thread, which makes
    # Django refuse ORM calls as if they came from async code. Browser tests run last
    # (see pytest_collection_modifyitems), so this relaxes nothing for the other tests.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
            )
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="session")
def html_checker() -> Iterator[NuChecker | None]:
    """The Nu HTML checker, started once for the run; None (a warning) where it cannot run."""
    reason = nu_checker.unavailable_reason()
    if reason is not None:
        if os.environ.get("TREPART_BROWSER_TESTS") == "required":
            pytest.fail(reason + "; TREPART_BROWSER_TESTS=required", pytrace=False)
        warnings.warn(f"HTML not checked: {reason}", stacklevel=1)
        yield None
        return
    checker = nu_checker.NuChecker.start()
    yield checker
    checker.stop()


@pytest.fixture
def browser_page(
    request: pytest.FixtureRequest,
    chromium_browser: Browser,
    html_checker: NuChecker | None,
    live_server: Any,
) -> Iterator[Page]:
    """A page in a fresh context on the live server, checked on every load."""
    context = chromium_browser.new_context(
        base_url=live_server.url, locale="nb-NO", timezone_id="Europe/Oslo"
    )
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    checks = _checks(page)
    checks.html_checker = html_checker
    page.on("load", checks.on_load)
    page.on("response", checks.on_response)
    page.on("pageerror", lambda error: checks.errors.append(str(error)))
    csp_violations = watch_csp(page)
    try:
        yield page
        if _test_failed(request):
            _save_failure(request, page)
            return
        _check_after_test(page, checks)
        assert_no_csp_violations(csp_violations)
    finally:
        context.close()


def _check_after_test(page: Page, checks: _PageChecks) -> None:
    # The last document loaded is the one on screen: check it now. Any before it were left.
    unchecked = checks.unchecked
    if len(unchecked) > 1:
        pytest.fail(
            "pages loaded and left without an accessibility check: "
            + ", ".join(unchecked[:-1])
            + "\nCall assert_accessible(page) once each has loaded, or open it with visit().",
            pytrace=False,
        )
    if unchecked:
        assert_accessible(page)
    if checks.errors:
        pytest.fail("JavaScript errors on the page:\n" + "\n".join(checks.errors), pytrace=False)


def _test_failed(request: pytest.FixtureRequest) -> bool:
    report = getattr(request.node, "rep_call", None)
    return report is None or report.failed


def _save_failure(request: pytest.FixtureRequest, page: Page) -> None:
    """Keep a screenshot and the HTML of the page a failed test ended on, for CI's log."""
    name = re.sub(r"[^\w.-]+", "_", request.node.nodeid)[-150:]
    try:
        RESULTS_DIR.mkdir(exist_ok=True)
        page.screenshot(path=RESULTS_DIR / f"{name}.png", full_page=True)
        (RESULTS_DIR / f"{name}.html").write_text(page.content(), encoding="utf-8")
    except Exception as error:  # the test's own failure is what matters
        print(f"could not save the failed page: {error}")
    else:
        print(f"failed page saved as {RESULTS_DIR / name}.png and .html (at {page.url})")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    # Lets browser_page's teardown know whether the test itself failed.
    report = yield
    if report.when == "call":
        item.rep_call = report  # type: ignore[attr-defined]
    return report


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # Browser tests last, after pytest-django's own ordering: from the first one on,
    # Playwright's running event loop needs DJANGO_ALLOW_ASYNC_UNSAFE.
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)
