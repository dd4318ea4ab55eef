"""Amounts, hours and FTEs written in the reader's language: "50 000 kr", "1 234", "0,7"."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _

from trepart.platform import formatting


def kroner(value: int | Decimal | None) -> str:
    if value is None:
        return formatting.NONE_TEXT
    return _("%(amount)s kr") % {"amount": formatting.number(value)}


def hours_text(value: Decimal | int | None) -> str:
    return formatting.number(value, 0)


def fte_text(value: Decimal | None) -> str:
    return formatting.number(value, 1)
