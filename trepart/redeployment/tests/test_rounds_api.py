"""The rounds and offers in the API, with the pages' rules: rounds for the bank's members
only; offers for the members and the person, who answers their own; refusals in words."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client

from trepart.redeployment.models import Offer, ProposedPair
from trepart.redeployment.services.offers import offer_make
from trepart.redeployment.tests.test_rounds import proposal
from trepart.redeployment.tests.world import build_bank_world

pytestmark = pytest.mark.django_db


def test_members_read_rounds_and_decide_pairs_in_the_api(client: Client) -> None:
    world = build_bank_world()
    match_round = proposal(world, [("bjorn", "assistent"), ("anne", "sykepleie")])
    first, second = match_round.pairs.order_by("pk")
    client.force_login(world.members["union"])
    listed = client.get("/api/v1/redeployment/rounds")
    assert listed.status_code == 200 and listed.json()["items"][0]["id"] == match_round.pk
    assert listed.json()["count"] == 1
    detail = client.get(f"/api/v1/redeployment/rounds/{match_round.pk}").json()
    assert [p["id"] for p in detail["pairs"]] == [first.pk, second.pk]
    assert detail["pair_count"] == 2
    paged = client.get(f"/api/v1/redeployment/rounds/{match_round.pk}?limit=1&offset=1").json()
    assert [p["id"] for p in paged["pairs"]] == [second.pk] and paged["pair_count"] == 2
    assert any("Harestua skole" in text for text in detail["pairs"][0]["why"])
    url = f"/api/v1/redeployment/rounds/{match_round.pk}/pairs/{first.pk}/decision"
    made = client.post(url, {"confirm": True, "version": 1}, content_type="application/json")
    assert made.status_code == 200, made.content
    assert made.json()["offer"]["status"] == "OPEN"
    url = f"/api/v1/redeployment/rounds/{match_round.pk}/pairs/{second.pk}/decision"
    refused = client.post(url, {"confirm": False}, content_type="application/json")
    assert refused.status_code == 400 and "reason" in refused.json()["detail"]
    second.refresh_from_db()
    assert second.decision == ProposedPair.Decision.PENDING


def test_nobody_outside_the_bank_reads_rounds_and_the_person_sees_only_their_offer(
    client: Client,
) -> None:
    world = build_bank_world()
    match_round = proposal(world, [("bjorn", "assistent")])
    offer = offer_make(
        actor=world.members["chair"],
        case=world.cases["anne"],
        vacancies=[world.vacancies["natt"]],
        today=datetime.date(2026, 11, 2),
    )
    for user in (world.hiring, world.outsider, world.people["anne"]):
        client.force_login(user)
        assert client.get("/api/v1/redeployment/rounds").status_code == 403
        assert client.get(f"/api/v1/redeployment/rounds/{match_round.pk}").status_code == 403
        assert client.post("/api/v1/redeployment/rounds").status_code == 403
    client.force_login(world.outsider)
    assert client.get("/api/v1/redeployment/offers").json() == {"count": 0, "items": []}
    client.force_login(world.people["bjorn"])
    assert client.get("/api/v1/redeployment/offers").json() == {"count": 0, "items": []}
    url = f"/api/v1/redeployment/offers/{offer.pk}/answer"
    assert client.post(url, {"accept": True}, content_type="application/json").status_code == 404
    stranger = build_bank_world()
    client.force_login(stranger.members["chair"])
    assert client.get(f"/api/v1/redeployment/rounds/{match_round.pk}").status_code == 404
    client.force_login(world.people["anne"])
    own = client.get("/api/v1/redeployment/offers").json()
    assert [o["id"] for o in own["items"]] == [offer.pk] and own["count"] == 1
    assert client.get("/api/v1/redeployment/offers?offset=1").json()["items"] == []
    late = client.post(url, {"accept": True}, content_type="application/json")
    assert late.status_code == 400 and "deadline" in late.json()["detail"]
    assert Offer.objects.get().status == Offer.Status.OPEN
