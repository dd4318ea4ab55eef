"""Each party's stand offers "No view recorded" once, not beside a second "Not recorded"."""

from __future__ import annotations

import datetime
import re
from html import unescape
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from trepart.meetings import services
from trepart.meetings.models import AgendaItem, ItemStand
from trepart.meetings.tests.world import World, add_item, build_world, plan_meeting

pytestmark = pytest.mark.django_db

NO_VIEW = {
    "nb": "Standpunkt ikke registrert",
    "nn": "Standpunkt ikkje registrert",
    "en": "No view recorded",
}
NOT_RECORDED = {"nb": "Ikke registrert", "nn": "Ikkje registrert", "en": "Not recorded"}


@pytest.fixture
def world() -> World:
    return build_world()


def yesterdays_item(world: World) -> AgendaItem:
    meeting = plan_meeting(world, timezone.localdate() - datetime.timedelta(days=1))
    item = add_item(world, meeting)
    services.meeting_publish_agenda(actor=world.secretary, meeting=meeting, version=1)
    return AgendaItem.objects.get(pk=item.pk)


def client_for(user: Any, language: str = "en") -> Client:
    client = Client()
    client.force_login(user)
    client.cookies["trepart_language"] = language
    return client


def stance_labels(html: str, party: str) -> list[str]:
    labels = re.findall(rf'<input[^>]*name="stance_{party}"[^>]*id="([^"]+)"[^>]*>', html)
    return [
        re.sub(r"<[^>]+>", "", found).strip()
        for label_id in labels
        for found in re.findall(rf'<label[^>]*for="{label_id}"[^>]*>(.*?)</label>', html, re.S)
    ]


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
def test_each_party_has_one_choice_for_no_stand(world: World, language: str) -> None:
    item = yesterdays_item(world)

    html = unescape(
        client_for(world.secretary, language)
        .get(reverse("meetings:item-outcome", args=[item.pk]))
        .content.decode()
    )

    for party in ("POLITICAL", "ADMINISTRATION", "EMPLOYEE"):
        labels = stance_labels(html, party)
        assert len(labels) == 4, labels
        assert labels.count(NO_VIEW[language]) == 1
        assert NOT_RECORDED[language] not in labels


def test_a_party_left_at_no_view_gets_no_stand(world: World) -> None:
    item = yesterdays_item(world)

    response = client_for(world.secretary).post(
        reverse("meetings:item-outcome", args=[item.pk]),
        {
            "op": "stands",
            "stance_POLITICAL": "AGREE",
            "stance_ADMINISTRATION": "NO_VIEW",
            "stance_EMPLOYEE": "NO_VIEW",
        },
    )

    assert response.status_code == 302
    assert {s.party: s.stance for s in ItemStand.objects.filter(item=item)} == {
        "POLITICAL": "AGREE"
    }


def test_a_recorded_stand_can_be_changed_to_no_view(world: World) -> None:
    item = yesterdays_item(world)
    services.stand_record(actor=world.secretary, item=item, party="EMPLOYEE", stance="AGREE")

    client_for(world.secretary).post(
        reverse("meetings:item-outcome", args=[item.pk]),
        {"op": "stands", "stance_EMPLOYEE": "NO_VIEW"},
    )

    assert ItemStand.objects.get(item=item, party="EMPLOYEE").stance == "NO_VIEW"
