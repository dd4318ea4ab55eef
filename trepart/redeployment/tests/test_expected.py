"""Redundancies announced by a decided plan reach the bank's overview, and a member marks
them handled once the people are registered; nobody outside the bank sees or handles them.
The case page links the offers, the outcome form and the case's PDF."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from trepart.organisation.redundancy import Announcement, redundancy_announce
from trepart.redeployment.models import ExpectedRedundancy
from trepart.redeployment.tests.world import BankWorld, build_bank_world

pytestmark = pytest.mark.django_db


def _announce(world: BankWorld) -> ExpectedRedundancy:
    announcement = Announcement(
        key="development.plan:7",
        municipality_id=world.municipality.pk,
        unit_id=world.units["pleie"].pk,
        ftes=Decimal("2.50"),
        source="Tjenestegjennomgang i pleie",
        url="/utvikling/prosjekt/7/",
        decided_on=datetime.date(2026, 6, 1),
    )
    redundancy_announce(announcement)
    redundancy_announce(announcement)  # announced twice, stored once
    return ExpectedRedundancy.objects.get()


def test_a_member_sees_the_announcement_and_marks_it_handled(client: Client) -> None:
    world = build_bank_world()
    expected = _announce(world)
    client.force_login(world.members["union"])
    home = client.get(reverse("redeployment:home")).content.decode()
    assert "Tjenestegjennomgang i pleie" in home and "2.50" in home
    handle = reverse("redeployment:expected_handle", args=[expected.pk])
    stale = client.post(handle, {"version": 0}, follow=True)
    assert not ExpectedRedundancy.objects.get().handled
    assert stale.status_code == 200
    client.post(handle, {"version": expected.version})
    assert ExpectedRedundancy.objects.get().handled
    assert (
        "Tjenestegjennomgang i pleie"
        not in client.get(reverse("redeployment:home")).content.decode()
    )


def test_nobody_outside_the_bank_handles_an_announcement(client: Client) -> None:
    world = build_bank_world()
    expected = _announce(world)
    handle = reverse("redeployment:expected_handle", args=[expected.pk])
    for user in (world.hiring, world.outsider, world.people["anne"]):
        client.force_login(user)
        assert client.post(handle, {"version": expected.version}).status_code == 403
    other = build_bank_world()
    client.force_login(other.members["chair"])
    assert client.post(handle, {"version": expected.version}).status_code == 404
    assert not ExpectedRedundancy.objects.get(pk=expected.pk).handled


def test_the_case_page_links_offers_outcomes_and_the_pdf(client: Client) -> None:
    world = build_bank_world()
    case = world.cases["anne"]
    client.force_login(world.members["chair"])
    page = client.get(reverse("redeployment:case_detail", args=[case.pk])).content.decode()
    assert reverse("redeployment:outcome_record", args=[case.pk]) in page
    assert reverse("redeployment:case_pdf", args=[case.pk]) in page
    assert reverse("redeployment:offer_create") in page
