"""Panels other apps put on an agenda item where the meeting page shows it.

The meetings app sits below the apps that refer to its items (the library names the item
that approved a document version), so it never asks them. An app registers a panel — a
template and a function that gives the template its ``panel`` variable — from its
``AppConfig.ready()`` with ``item_panel_register``; the item includes every registered
panel, in the order the apps were registered (``INSTALLED_APPS``).

``context(user=, meeting=, items=)`` is called once for the whole page, so it can read
what every item needs in one query; it returns a ``panel`` per item id, and leaves out the
items it has nothing for. It gets only the items the reader sees whole: whether an item is
seen at all, and whether a closed item is masked, is ``meetings.privacy``'s decision, and a
masked item shows no panel. A panel that fails (its function raises, its template is
missing) fails the page: nothing is swallowed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from trepart.meetings.models import Meeting
from trepart.meetings.privacy import ItemHeading
from trepart.organisation.panels import ShownPanel

ItemContext = Callable[..., dict[int, dict[str, Any]]]


@dataclass(frozen=True)
class ItemPanel:
    """A registered panel: ``context`` is called with keyword arguments only."""

    template: str
    context: ItemContext


ITEM_PANELS: list[ItemPanel] = []


def item_panel_register(*, template: str, context: ItemContext) -> None:
    """Add a panel to the agenda items on the meeting page; ``context(user=, meeting=,
    items=)`` returns ``{item id: panel}`` for the items it has something to show on."""
    ITEM_PANELS.append(ItemPanel(template=template, context=context))


def item_panels(
    *, user: Any, meeting: Meeting, items: Sequence[ItemHeading]
) -> dict[int, list[ShownPanel]]:
    """The panels of each item the reader sees whole, by item id (one call per panel)."""
    whole = [item for item in items if not item.masked]
    shown: dict[int, list[ShownPanel]] = {}
    if not whole:
        return shown
    for panel in ITEM_PANELS:
        data = panel.context(user=user, meeting=meeting, items=whole)
        for item in whole:
            if data.get(item.pk):
                shown.setdefault(item.pk, []).append(
                    ShownPanel(template=panel.template, panel=data[item.pk])
                )
    return shown
