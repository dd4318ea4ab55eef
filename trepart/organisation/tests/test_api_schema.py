"""The JSON API's OpenAPI document, its docs page, and choices that match the models."""

from __future__ import annotations

import re
from typing import Any, get_args

import pytest
from django.test import Client

from trepart.organisation import schemas
from trepart.organisation.models import (
    Body,
    CompositionRule,
    Membership,
    Municipality,
    Party,
    Person,
    Unit,
)
from trepart.organisation.tests.api_helpers import make_municipality

pytestmark = pytest.mark.django_db


@pytest.fixture
def lunner() -> Municipality:
    return make_municipality("Lunner")


def test_openapi_lists_the_endpoints_with_response_schemas(lunner: Municipality) -> None:
    document = Client().get("/api/v1/openapi.json").json()
    expected = {
        "/api/v1/units": "UnitPage",
        "/api/v1/units/{unit_id}": "UnitOut",
        "/api/v1/people": "PersonPage",
        "/api/v1/people/{person_id}": "PersonOut",
        "/api/v1/bodies": "BodyPage",
        "/api/v1/bodies/{body_id}": "BodyDetailOut",
    }
    for path, schema in expected.items():
        ok = document["paths"][path]["get"]["responses"]["200"]
        assert ok["content"]["application/json"]["schema"]["$ref"].endswith(f"/{schema}")
    assert "continuity" in document["components"]["schemas"]["BodyOut"]["properties"]


def test_the_docs_page_loads_nothing_from_other_hosts() -> None:
    response = Client().get("/api/v1/docs")
    if response.status_code == 404:  # the docs page is switched off: nothing to load
        return
    assert response.status_code == 200
    assets = re.findall(r'(?:src|href)="([^"]+)"', response.content.decode())
    assert assets
    assert not [url for url in assets if "//" in url]


@pytest.mark.parametrize(
    ("literal", "choices"),
    [
        (schemas.UnitKind, Unit.Kind),
        (schemas.PersonKind, Person.Kind),
        (schemas.BodyKind, Body.Kind),
        (schemas.RuleKind, CompositionRule.Kind),
        (schemas.PartyName, Party),
        (schemas.MemberRole, Membership.Role),
        (schemas.MemberCapacity, Membership.Capacity),
    ],
)
def test_schema_choices_match_the_models(literal: Any, choices: Any) -> None:
    assert list(get_args(literal)) == list(choices.values)
