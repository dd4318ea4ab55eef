"""Readers for the stillingsbank's cells: whole numbers in a range, days, and lists of codes."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from typing import Any

from django.utils.translation import gettext as _

from trepart.organisation.imports.validation.cells import CellError, count

_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})|(\d{1,2})\.(\d{1,2})\.(\d{4})")


def whole(
    *, minimum: int, maximum: int, required: bool = True, message: Any = ""
) -> Callable[[str], int | None]:
    """A whole number from ``minimum`` to ``maximum``; ``message`` says so when it is not."""

    def parse(value: str) -> int | None:
        if not value:
            if required:
                raise CellError("required", _("This field is required."))
            return None
        number = count(value)
        if not minimum <= number <= maximum:
            raise CellError(
                "out_of_range",
                str(message)
                or _("Give a number from %(min)s to %(max)s.") % {"min": minimum, "max": maximum},
            )
        return number

    return parse


def day(*, required: bool = True) -> Callable[[str], datetime.date | None]:
    """A day as 2026-03-31 or 31.03.2026."""

    def parse(value: str) -> datetime.date | None:
        if not value:
            if required:
                raise CellError("required", _("This field is required."))
            return None
        found = _DAY.fullmatch(value)
        try:
            if found is None:
                raise ValueError
            if found.group(1):
                return datetime.date(int(found[1]), int(found[2]), int(found[3]))
            return datetime.date(int(found[6]), int(found[5]), int(found[4]))
        except ValueError:
            raise CellError(
                "not_a_day",
                _("“%(value)s” is not a day: write it as 2026-03-31 or 31.03.2026.")
                % {"value": value},
            ) from None

    return parse


def codes(value: str) -> tuple[str, ...]:
    """Codes separated by commas or spaces, as written in the municipality's lists."""
    return tuple(dict.fromkeys(code.upper() for code in re.split(r"[,\s]+", value) if code))


def unknown_codes(found: tuple[str, ...], known: set[str]) -> list[str]:
    return [code for code in found if code not in known]
