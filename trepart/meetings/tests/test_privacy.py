"""``meetings.privacy``: what a reader sees of an item and of its follow-up actions."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest
from django.utils import timezone, translation

from trepart.meetings import services
from trepart.meetings.models import AgendaItem, FollowUp
from trepart.meetings.privacy import (
    ItemHeading,
    document_title,
    follow_up_for,
    item_for,
    item_heading,
)
from trepart.meetings.selectors import agenda_items
from trepart.meetings.tests.portal_world import CLOSED_TITLE, SECRET_DESCRIPTION, published_meeting
from trepart.meetings.tests.world import World, build_world

pytestmark = pytest.mark.django_db

NEUTRAL = "Exempt from public access, offl. § 23"
# What a masked item may carry beyond its empty fields.
PUBLIC_FIELDS = {f.name for f in dataclasses.fields(ItemHeading)}


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with translation.override("en"):
        yield


@pytest.fixture
def world() -> World:
    return build_world()


def closed_item(world: World) -> AgendaItem:
    published = published_meeting(world)
    return agenda_items(published.meeting).get(pk=published.closed_item.pk)


def test_an_outsider_gets_the_number_the_neutral_title_and_the_basis_only(world: World) -> None:
    item = closed_item(world)
    shown = item_for(item, internal=False)
    assert shown.masked and shown.closed
    assert (shown.case_number, shown.title) == (item.case_number, NEUTRAL)
    assert shown.legal_basis == "OFFL_23"
    assert shown.legal_basis_label.startswith("Offentleglova § 23")
    for name, value in vars(shown).items():
        if name not in PUBLIC_FIELDS:
            assert not value, f"{name} is shown to an outsider: {value!r}"


def test_the_body_reads_the_whole_item(world: World) -> None:
    shown = item_for(closed_item(world), internal=True)
    assert not shown.masked
    assert shown.title == CLOSED_TITLE and shown.description == SECRET_DESCRIPTION
    assert shown.kind == "DISCUSSION" and shown.kind_label
    assert [d.title for d in shown.documents] == ["Lønnsnotat"]


def test_an_open_item_is_the_same_for_everyone_but_its_exempt_documents(world: World) -> None:
    published = published_meeting(world)
    item = agenda_items(published.meeting).get(pk=published.open_item.pk)
    outside, inside = item_for(item, internal=False), item_for(item, internal=True)
    assert dataclasses.replace(outside, documents=[]) == dataclasses.replace(inside, documents=[])
    assert [d.title for d in outside.documents] == ["Saksframlegg om budsjettet", NEUTRAL]
    assert [d.readable for d in outside.documents] == [True, False]
    assert outside.documents[1].version_id is None and outside.documents[1].file_name == ""
    assert (
        document_title(published.exempt_document, internal=True)
        == "Pristilbud fra Kvitlaks Entreprenør"
    )


def test_the_heading_is_the_items_public_part(world: World) -> None:
    item = closed_item(world)
    assert item_heading(item, internal=False) == ItemHeading(
        **{name: getattr(item_for(item, internal=False), name) for name in PUBLIC_FIELDS}
    )
    assert item_heading(item, internal=True).title == CLOSED_TITLE


def test_a_closed_items_action_is_a_fact_without_title_or_owner_outside(world: World) -> None:
    item = closed_item(world)
    action = services.follow_up_create(
        actor=world.secretary,
        body=world.body,
        title="Forhandle sluttpakker",
        owner=world.person(world.member),
        due_on=timezone.localdate(),
        item=item,
    )
    action = FollowUp.objects.select_related("owner", "body", "item").get(pk=action.pk)
    outside = follow_up_for(action, internal=False, reader_person_id=None)
    assert outside.masked and outside.owner == "" and outside.note == ""
    assert outside.title == "An action on an item exempt from public access"
    assert (outside.status, outside.due_on, outside.body_name) == (
        "OPEN",
        action.due_on,
        world.body.name,
    )
    assert outside.item is not None and outside.item.title == NEUTRAL
    owner = follow_up_for(action, internal=False, reader_person_id=action.owner_id)
    assert owner.title == "Forhandle sluttpakker" and owner.item is not None
    assert owner.item.title == NEUTRAL
    inside = follow_up_for(action, internal=True, reader_person_id=None)
    assert not inside.masked and inside.item is not None and inside.item.title == CLOSED_TITLE
    assert inside.owner == "Tor Tillitsvalgt"
