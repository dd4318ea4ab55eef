"""Readers for the review's number cells: kroner, FTEs, percentages and quality scores."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from trepart.development.models import LevelKind
from trepart.organisation.imports.validation.cells import CellError, choice

SPACES = (" ", "\u00a0", "\u202f")

LEVEL_NAMES = {
    "fjerne": LevelKind.REMOVE,
    "fjern": LevelKind.REMOVE,
    "remove": LevelKind.REMOVE,
    "senke": LevelKind.LOWER,
    "senk": LevelKind.LOWER,
    "lower": LevelKind.LOWER,
    "beholde": LevelKind.KEEP,
    "behold": LevelKind.KEEP,
    "keep": LevelKind.KEEP,
    "heve": LevelKind.RAISE,
    "hev": LevelKind.RAISE,
    "raise": LevelKind.RAISE,
}
LEVEL_SHOWN = ["fjerne", "senke", "beholde", "heve"]


def level(*, optional: bool = False) -> Callable[[str], str]:
    return choice(LEVEL_NAMES, shown=LEVEL_SHOWN, default="" if optional else None)


def number(
    *, places: int, maximum: Decimal, required: bool = True
) -> Callable[[str], Decimal | None]:
    """A number with a decimal comma or point, spaces between thousands allowed."""

    def parse(value: str) -> Decimal | None:
        cleaned = value
        for space in SPACES:
            cleaned = cleaned.replace(space, "")
        if not cleaned:
            if required:
                raise CellError("required", _("This field is required."))
            return None
        if "," in cleaned and "." in cleaned:
            raise CellError(
                "not_a_number",
                _("“%(value)s” is not a number: use a decimal comma and no thousands separator.")
                % {"value": value},
            )
        try:
            figure = Decimal(cleaned.replace(",", "."))
        except InvalidOperation:
            raise CellError(
                "not_a_number", _("“%(value)s” is not a number.") % {"value": value}
            ) from None
        if not figure.is_finite():
            raise CellError("not_a_number", _("“%(value)s” is not a number.") % {"value": value})
        if figure < 0:
            raise CellError("negative", _("The number cannot be negative."))
        if figure > maximum:
            raise CellError("too_large", _("The number is larger than %(max)s.") % {"max": maximum})
        if figure != figure.quantize(Decimal(1).scaleb(-places)):
            raise CellError(
                "too_precise",
                _("Give at most %(places)s decimals.") % {"places": places}
                if places
                else _("Give a whole number."),
            )
        return figure

    return parse
