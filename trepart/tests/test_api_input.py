"""Input the database cannot hold is refused by the API with its usual 422, never a 500:
integers past 64 bits, NUL bytes and other control characters, days that are not days."""

from __future__ import annotations

from typing import Any

import pytest

from trepart.proposals.tests.api_world import Api, World, make_world, proposal_body

BIG = 2**64  # one past what a 64-bit column holds, twice over


@pytest.fixture
def world(db: Any) -> World:
    return make_world()


@pytest.mark.parametrize(
    "path",
    [
        f"/units?offset={BIG}",
        f"/units?parent_id={BIG}",
        f"/people?unit_id={BIG}",
        f"/proposals?unit={BIG}",
        f"/proposals?body={BIG}",
        f"/meetings?body={BIG}",
        f"/absence?unit={BIG}",
        f"/units/{BIG}",
        f"/people/{BIG}",
        f"/bodies/{BIG}",
        f"/proposals/{BIG}",
        f"/meetings/{BIG}",
        f"/surveys/{BIG}/results",
        "/people?q=a%00b",
        "/bodies?q=%00",
        "/proposals?q=skole%00",
        "/meetings?to=0",
        "/meetings?from=0",
        "/public/proposals/abc%00",
    ],
)
def test_input_past_what_the_database_holds_is_a_422(world: World, path: str) -> None:
    api = Api(world.chair)
    api.get(path, expect=422)
    assert api.last.json()["detail"][0]["loc"][0] in {"query", "path"}


@pytest.mark.parametrize(
    "changes",
    [
        {"unit_ids": [BIG]},
        {"cost_estimate": BIG, "needs_money": True},
        {"cost_estimate": 2**31, "needs_money": True},  # a PositiveIntegerField's column
        {"title": "Nytt\x00tak"},
        {"description": "Beskrivelse med NUL\x00 i midten."},
    ],
)
def test_a_proposal_with_input_the_database_cannot_hold_is_a_422(
    world: World, changes: dict[str, Any]
) -> None:
    api = Api(world.proposer)
    body = proposal_body(world, **changes)
    api.post("/proposals", body, expect=422)
    api.post("/public/proposals", body, expect=422)


def test_an_action_with_a_huge_version_or_id_is_a_422(world: World) -> None:
    api = Api(world.proposer)
    created = api.post("/proposals", proposal_body(world), expect=201)
    chair = Api(world.chair)
    chair.post(f"/proposals/{created['id']}/take-up", {"version": BIG}, expect=422)
    chair.post(
        f"/proposals/{created['id']}/merge",
        {"version": created["version"], "into": BIG, "reason": "Samme sak som den andre."},
        expect=422,
    )
    chair.post(f"/proposals/{BIG}/support", expect=422)


def test_a_body_that_is_not_json_is_the_documented_400(world: World) -> None:
    api = Api(world.proposer)
    response = api.client.post("/api/v1/proposals", b"\xff{", content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {
        "detail": "The request body is not valid JSON.",
        "errors": {"__all__": ["The request body is not valid JSON."]},
    }


def test_a_refused_token_is_the_documented_401_in_the_callers_language(world: World) -> None:
    response = Api().client.get(
        "/api/v1/units", HTTP_AUTHORIZATION="Bearer nope", HTTP_ACCEPT_LANGUAGE="nb"
    )
    assert response.status_code == 401
    assert "API-" in response.json()["detail"] or "token" in response.json()["detail"]
