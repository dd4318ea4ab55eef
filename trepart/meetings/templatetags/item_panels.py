"""``{% for shown in item_panels|panels_of:item.pk %}``: an agenda item's registered panels
(``meetings.panels``), looked up in the page's ``item_panels`` by the item's id."""

from __future__ import annotations

from typing import Any

from django import template

from trepart.organisation.panels import ShownPanel

register = template.Library()


@register.filter
def panels_of(item_panels: Any, pk: int) -> list[ShownPanel]:
    if not isinstance(item_panels, dict):
        return []
    return list(item_panels.get(pk, []))
