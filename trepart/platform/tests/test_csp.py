"""The Content-Security-Policy header, what it forbids in templates, and which files are
served as static files."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.test import Client

import trepart

TEMPLATE_ROOT = Path(trepart.__file__).resolve().parent
INLINE_HANDLER = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)
SCRIPT_TAG = re.compile(r"<script\b[^>]*>", re.IGNORECASE)


def _directives(header: str) -> dict[str, list[str]]:
    parts = (part.split() for part in header.split(";") if part.strip())
    return {name: values for name, *values in parts}


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/accounts/login/", "/api/v1/openapi.json", "/finnes-ikke/"])
def test_every_response_carries_the_policy(client: Client, path: str) -> None:
    response = client.get(path)
    directives = _directives(response["Content-Security-Policy"])
    script_src = directives["script-src"]
    assert script_src[0] == "'self'"
    assert [value for value in script_src[1:] if not value.startswith("'nonce-")] == []
    assert directives["object-src"] == ["'none'"]
    assert directives["base-uri"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["form-action"] == ["'self'"]


@pytest.mark.django_db
def test_each_page_s_scripts_carry_that_page_s_nonce(client: Client) -> None:
    response = client.get("/accounts/login/")
    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"])
    assert nonce is not None
    tags = SCRIPT_TAG.findall(response.content.decode())
    assert tags
    for tag in tags:
        assert f'nonce="{nonce.group(1)}"' in tag or 'type="application/json"' in tag, tag
    again = client.get("/accounts/login/")
    assert nonce.group(0) not in again["Content-Security-Policy"]


def test_no_template_has_an_inline_event_handler() -> None:
    offenders = [
        f"{path.relative_to(TEMPLATE_ROOT)}: {match.group(0).strip()}"
        for path in TEMPLATE_ROOT.rglob("*.html")
        for match in INLINE_HANDLER.finditer(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_no_template_has_a_script_without_the_nonce() -> None:
    # A script tag is a data block (json_script writes those) or loads a file with the nonce.
    offenders = [
        f"{path.relative_to(TEMPLATE_ROOT)}: {tag}"
        for path in TEMPLATE_ROOT.rglob("*.html")
        for tag in SCRIPT_TAG.findall(path.read_text(encoding="utf-8"))
        if "request.csp_nonce" not in tag or "src=" not in tag
    ]
    assert offenders == []


def test_axe_core_is_not_among_the_static_files() -> None:
    """axe-core is for the browser tests only: collectstatic must never pick it up."""
    served = [
        path
        for finder in finders.get_finders()
        for path, _storage in finder.list(ignore_patterns=[])
    ]
    assert any(path.endswith("htmx.min.js") for path in served)  # the finders do find files
    assert [path for path in served if "axe" in path.lower()] == []
