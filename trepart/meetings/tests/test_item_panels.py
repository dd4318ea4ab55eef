"""Panels other apps put on agenda items come from ``meetings.panels``: a registered panel
appears under the items it gives something for, gets only the items the reader sees whole,
is asked once per page, and a panel that fails fails the page instead of vanishing."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from django.template import TemplateDoesNotExist

from trepart.meetings import panels
from trepart.meetings.tests.planning_pages import (
    CLOSED_TITLE,
    agenda_with_closed_item,
    anonymous,
    client_for,
    main,
    publish,
    url,
)
from trepart.meetings.tests.world import World, build_world

pytestmark = pytest.mark.django_db

# A panel template of an app above meetings (the library's), given data of our own.
PANEL = "library/partials/_item_panel.html"
HEADING = "Document versions approved on this item"


@pytest.fixture
def world() -> World:
    built = build_world()
    built.municipality.require_mfa_for_admins = False
    built.municipality.save(update_fields=["require_mfa_for_admins"])
    return built


def _version(pk: int, title: str) -> Any:
    return SimpleNamespace(
        pk=pk, number=3, document=SimpleNamespace(title=title), applies_from=None
    )


def test_a_registered_panel_appears_under_its_item_only(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    meeting, item, closed = agenda_with_closed_item(world)
    publish(world, meeting)
    calls: list[tuple[Any, int, list[int]]] = []

    def context(*, user: Any, meeting: Any, items: list[Any]) -> dict[int, dict[str, Any]]:
        calls.append((user.pk, meeting.pk, [shown.pk for shown in items]))
        return {item.pk: {"versions": [_version(41, "Permisjonsreglement")]}}

    monkeypatch.setattr(panels, "ITEM_PANELS", [panels.ItemPanel(PANEL, context)])
    page = main(client_for(world.member).get(url("meeting-detail", meeting.pk)))
    assert "Permisjonsreglement, version 3" in page
    assert page.count(HEADING) == 1
    # Under the item it was given for, not the closed item after it.
    article = page[page.index(f'id="item-{item.pk}"') : page.index(f'id="item-{closed.pk}"')]
    assert "Permisjonsreglement" in article
    # Asked once for the whole page, with every item the member reads whole.
    assert calls == [(world.member.pk, meeting.pk, [item.pk, closed.pk])]


def test_a_masked_closed_item_is_never_given_to_a_panel(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    meeting, item, _closed = agenda_with_closed_item(world)
    publish(world, meeting)
    given: list[list[int]] = []

    def context(*, user: Any, meeting: Any, items: list[Any]) -> dict[int, dict[str, Any]]:
        given.append([shown.pk for shown in items])
        return {shown.pk: {"versions": [_version(7, "Hemmelig avtale")]} for shown in items}

    monkeypatch.setattr(panels, "ITEM_PANELS", [panels.ItemPanel(PANEL, context)])
    page = main(anonymous().get(url("meeting-detail", meeting.pk)))
    assert CLOSED_TITLE not in page
    assert given == [[item.pk]]
    assert page.count(HEADING) == 1


def test_without_registered_panels_the_items_show_none(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    meeting, _item, _closed = agenda_with_closed_item(world)
    monkeypatch.setattr(panels, "ITEM_PANELS", [])
    page = main(client_for(world.secretary).get(url("meeting-detail", meeting.pk)))
    assert HEADING not in page and CLOSED_TITLE in page


def test_a_panel_whose_function_fails_fails_the_page(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    meeting, _item, _closed = agenda_with_closed_item(world)

    def context(**_: Any) -> dict[int, dict[str, Any]]:
        raise LookupError("the panel's data could not be read")

    monkeypatch.setattr(panels, "ITEM_PANELS", [panels.ItemPanel(PANEL, context)])
    with pytest.raises(LookupError):
        client_for(world.secretary).get(url("meeting-detail", meeting.pk))


def test_a_panel_whose_template_is_missing_fails_the_page(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    meeting, item, _closed = agenda_with_closed_item(world)

    def context(**_: Any) -> dict[int, dict[str, Any]]:
        return {item.pk: {"versions": []}}

    missing = panels.ItemPanel("nowhere/_no_such_panel.html", context)
    monkeypatch.setattr(panels, "ITEM_PANELS", [missing])
    with pytest.raises(TemplateDoesNotExist):
        client_for(world.secretary).get(url("meeting-detail", meeting.pk))
