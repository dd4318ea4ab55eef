"""``{% load ledger_format %}``: ``amount|kroner`` ("1 200 000 kr"), ``fte|fte`` ("-1,5")."""

from __future__ import annotations

from typing import Any

from django import template

from trepart.development.ledger_display import fte_text
from trepart.development.ledger_display import kroner as kroner_text

register = template.Library()


@register.filter
def kroner(value: Any) -> str:
    return kroner_text(None if value is None or value == "" else int(value))


@register.filter
def fte(value: Any) -> str:
    return fte_text(value)
