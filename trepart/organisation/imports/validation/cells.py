"""The columns an import understands, and the readers that turn one cell into a value."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from trepart.platform.text import LINE_MAX, clean_line, message_of

MAX_EMPLOYEES = 2_147_483_647  # PositiveIntegerField's ceiling on every database


class CellError(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


Parser = Callable[[str], Any]


def cell_text(value: str) -> str:
    """A cell as the platform's text rules have it (normalised, trimmed, one line); a cell
    with a NUL byte, another control character or a bidirectional override is an error."""
    try:
        return clean_line(value, max_length=LINE_MAX)
    except ValidationError as error:
        raise CellError(error.code or "text", message_of(error)) from None


@dataclass(frozen=True)
class Column:
    """A column the import understands: its key, accepted headings, and how to read a cell."""

    key: str
    names: tuple[str, ...]
    parse: Parser
    required: bool = False
    description: Any = ""

    @property
    def norwegian(self) -> str:
        return self.names[0]

    @property
    def english(self) -> str:
        return self.names[1]


def text_column(
    key: str, names: tuple[str, ...], max_length: int, *, required: bool = False, description: Any
) -> Column:
    """A free-text column; a required one must be in the header and filled on every row."""
    return Column(
        key, names, text(max_length, required=required), required=required, description=description
    )


# Readers for one cell. Each gets the cell stripped of surrounding space.


def text(max_length: int, *, required: bool = False) -> Parser:
    def parse(value: str) -> str:
        if required and not value:
            raise CellError("required", _("This field is required."))
        if len(value) > max_length:
            raise CellError(
                "too_long",
                _("At most %(max)s characters (this has %(length)s).")
                % {"max": max_length, "length": len(value)},
            )
        return value

    return parse


def count(value: str) -> int:
    if not value:
        return 0
    if not re.fullmatch(r"[+-]?\d+", value.replace(" ", "").replace("\u00a0", "")):
        raise CellError("not_a_number", _("“%(value)s” is not a whole number.") % {"value": value})
    number = int(value.replace(" ", "").replace("\u00a0", ""))
    if number < 0:
        raise CellError("negative", _("The number cannot be negative."))
    if number > MAX_EMPLOYEES:
        raise CellError("too_large", _("The number is too large."))
    return number


def choice(
    options: Mapping[str, str], *, shown: Sequence[str], default: str | None = None
) -> Parser:
    """A cell holding one of ``options`` (keys, lower case); empty gives ``default``."""

    def parse(value: str) -> str:
        if not value and default is not None:
            return default
        try:
            return options[value.lower()]
        except KeyError:
            allowed = ", ".join(shown)
            raise CellError(
                "invalid_choice",
                _("“%(value)s” is not one of the allowed values: %(allowed)s.")
                % {"value": value, "allowed": allowed},
            ) from None

    return parse


YES = {"ja", "j", "yes", "y", "true", "1", "x"}
NO = {"nei", "n", "no", "false", "0", ""}


def yes_no(value: str) -> bool:
    lowered = value.lower()
    if lowered in YES:
        return True
    if lowered in NO:
        return False
    raise CellError(
        "invalid_boolean", _("Write “ja” or “nei” (not “%(value)s”).") % {"value": value}
    )


def email(value: str) -> str:
    if not value:
        return ""
    if len(value) > 254:
        raise CellError("too_long", _("At most %(max)s characters.") % {"max": 254})
    try:
        validate_email(value)
    except ValidationError:
        raise CellError(
            "invalid_email", _("“%(value)s” is not a valid e-mail address.") % {"value": value}
        ) from None
    return value


def phone(value: str) -> str:
    text(30)(value)
    if not re.fullmatch(r"[0-9+()\-./ ]*", value):
        raise CellError(
            "invalid_phone",
            _("A phone number may hold digits, spaces and + ( ) - only."),
        )
    return value
