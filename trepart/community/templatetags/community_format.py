"""``{% load community_format %}``: ``amount|kroner`` ("50 000 kr"), ``hours|hours``,
``ftes|fte`` ("1,2")."""

from __future__ import annotations

from typing import Any

from django import template

from trepart.community.amounts import fte_text, hours_text
from trepart.community.amounts import kroner as kroner_text

register = template.Library()


@register.filter
def kroner(value: Any) -> str:
    return kroner_text(None if value is None or value == "" else value)


@register.filter
def hours(value: Any) -> str:
    return hours_text(value)


@register.filter
def fte(value: Any) -> str:
    return fte_text(value)
