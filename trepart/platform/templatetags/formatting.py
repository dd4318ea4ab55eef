"""``{% load formatting %}``: the filters of ``trepart.platform.formatting`` for templates.

``{{ value|percent }}`` "6,8 %", ``{{ value|decimal }}`` "3,4", ``{{ value|number }}``
"12 345", ``{{ value|number:1 }}``, ``{{ change|signed }}`` "+0,4",
``{{ day|short_date }}`` "1. okt. 2026", ``{{ day|long_date }}``, ``{{ day|month }}``.
"""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django import template

from trepart.platform import formatting

register = template.Library()


@register.filter
def number(value: Any, places: int = 0) -> str:
    return formatting.number(_figure(value), int(places))


@register.filter
def decimal(value: Any, places: int = 1) -> str:
    return formatting.decimal(_figure(value), int(places))


@register.filter
def percent(value: Any, places: int = 1) -> str:
    return formatting.percent(_figure(value), int(places))


@register.filter
def signed(value: Any, places: int = 1) -> str:
    return formatting.signed(_figure(value), int(places))


@register.filter
def short_date(value: Any) -> str:
    return formatting.short_date(_day(value))


@register.filter
def long_date(value: Any) -> str:
    return formatting.long_date(_day(value))


@register.filter
def month(value: Any) -> str:
    return formatting.month(_day(value))


def _figure(value: Any) -> Any:
    """Numbers as they are; empty values (None, "") as no figure."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        try:
            return Decimal(value.strip())
        except InvalidOperation:
            return None
    return value


def _day(value: Any) -> datetime.date | None:
    """A date, a datetime (its local day) or a stored ISO date ("2026-12-02")."""
    if isinstance(value, datetime.datetime):
        from django.utils import timezone

        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str) and value:
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            return None
    return None
