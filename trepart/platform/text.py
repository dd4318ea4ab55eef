"""Text people type: normalised the same way, and held to the same limits, wherever it comes
in — every Django form (``NormalisedTextForm``), every API schema (``Line`` and ``Text``) and
every CSV import (``clean_line``).

What is done to it, and why:

- NFC normalisation, so "å" typed as a + ring and "å" as one character are the same text
  (searches and the uniqueness of names depend on it).
- Ends are trimmed of whitespace *and* of invisible characters (zero-width space, joiners,
  word joiner, byte-order mark, soft hyphen, Hangul fillers …), and text made only of such
  characters is empty: a title of three zero-width spaces is no title.
- Refused, with a message: NUL and the other control characters (a single line allows none;
  multi-line text allows newline and tab); lone surrogates (they cannot be stored); and the
  bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069), which
  make "Forslag \u202egnp.exe" display as "Forslag exe.png". The left-to-right and
  right-to-left *marks* (U+200E, U+200F, U+061C) are kept: they cannot reorder other
  characters, and right-to-left names need them.
- Limits by kind: a single line (titles, names) at most ``LINE_MAX`` characters, or the
  field's own ``max_length`` when smaller; multi-line text (descriptions, reasons, minutes)
  at most ``TEXT_MAX``.
"""

from __future__ import annotations

import unicodedata
from typing import Annotated, Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from pydantic import AfterValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

# A title or a name. Model fields are shorter (200 at most) and their limit applies first.
LINE_MAX = 300
# A description, a reason or an answer: about ten pages of prose, far beyond any real one.
TEXT_MAX = 20_000

# Embeddings, overrides and isolates: the characters that reorder what is displayed.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Characters that show nothing. Trimmed at the ends; text made only of these (and
# whitespace) is empty. Inside text they stay: joiners matter in emoji and some scripts.
INVISIBLE = frozenset(
    "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b\u200c\u200d\u200e\u200f"
    "\u2060\u2061\u2062\u2063\u2064\u206a\u206b\u206c\u206d\u206e\u206f\u2800\u3164"
    "\ufeff\uffa0"
)
_ALLOWED_CONTROLS_MULTILINE = frozenset("\n\t")


def _is_blank(char: str) -> bool:
    return char.isspace() or char in INVISIBLE


def _trim(value: str) -> str:
    start, end = 0, len(value)
    while start < end and _is_blank(value[start]):
        start += 1
    while end > start and _is_blank(value[end - 1]):
        end -= 1
    return value[start:end]


def _problem(value: str, *, multiline: bool) -> ValidationError | None:
    """The first thing wrong with ``value``'s characters, or ``None``."""
    allowed = _ALLOWED_CONTROLS_MULTILINE if multiline else frozenset()
    for char in value:
        if char in BIDI_CONTROLS:
            return ValidationError(
                _(
                    "The text contains a hidden character that reverses or reorders how "
                    "text is displayed (U+%(code)04X). Remove it and try again."
                ),
                code="bidi_control",
                params={"code": ord(char)},
            )
        category = unicodedata.category(char)
        if (category == "Cc" and char not in allowed) or category == "Cs":
            return ValidationError(
                _(
                    "The text contains a control character (U+%(code)04X), such as a NUL "
                    "byte, that cannot be stored. Remove it and try again."
                ),
                code="control_character",
                params={"code": ord(char)},
            )
    return None


def clean_text(value: str, *, multiline: bool = False, max_length: int | None = None) -> str:
    """``value`` normalised; raises ``ValidationError`` for characters or a length refused.

    A single line turns line breaks and tabs into spaces first (pasted titles carry them);
    multi-line text keeps them, with Windows line ends made ``\\n``. The returned text may
    be empty: whether a field is required is for the caller to say.
    """
    value = unicodedata.normalize("NFC", value)
    if multiline:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    else:
        value = value.replace("\r\n", " ").replace("\r", " ").replace("\n", " ")
        value = value.replace("\t", " ")
    problem = _problem(value, multiline=multiline)
    if problem is not None:
        raise problem
    value = _trim(value)
    limit = text_limit(multiline=multiline, max_length=max_length)
    if len(value) > limit:
        raise too_long(limit=limit, length=len(value))
    return value


def too_long(*, limit: int, length: int) -> ValidationError:
    """The error for a text of ``length`` characters where ``limit`` are allowed."""
    return ValidationError(
        _(
            "The text may be at most %(limit)s characters long; this one has %(length)s. "
            "Shorten it and try again."
        ),
        code="max_length",
        params={"limit": _grouped(limit), "length": _grouped(length)},
    )


def _grouped(number: int) -> str:
    # Norwegian groups thousands with a (non-breaking) space; English readers manage too.
    return f"{number:,}".replace(",", "\u00a0")


def clean_line(value: str, *, max_length: int | None = None) -> str:
    """``clean_text`` for a single line: a title, a name, a CSV cell."""
    return clean_text(value, multiline=False, max_length=max_length)


def text_limit(*, multiline: bool, max_length: int | None = None) -> int:
    """The most characters a text of this kind may have, given its field's own limit."""
    limit = TEXT_MAX if multiline else LINE_MAX
    return limit if max_length is None else min(limit, max_length)


def message_of(error: ValidationError) -> str:
    """A refused text's message as one string, its parameters filled in."""
    return " ".join(str(message) for message in error.messages)


# ---------------------------------------------------------------------------------------
# Forms


class NormalisedTextForm(forms.BaseForm):
    """A form whose text fields all go through ``clean_text``. Forms derive from
    ``NormalisedForm``; a model form mixes this in first::

        class UnitAdminForm(NormalisedTextForm, forms.ModelForm): ...

    Every ``CharField`` (and its kin: e-mail, URL, slug) is cleaned; a ``Textarea`` makes it
    multi-line. A multi-line field without a ``max_length`` gets ``TEXT_MAX``, so no text
    is unlimited. A test walks every form class of the project and checks it has this base.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            # Passwords are compared as typed, never rewritten.
            if isinstance(field, forms.CharField) and not isinstance(
                field.widget, forms.PasswordInput
            ):
                _normalise_field(field)


class NormalisedForm(NormalisedTextForm, forms.Form):
    """``forms.Form`` with the text rules: the base of every form in the project."""


class NormalisedModelForm(NormalisedTextForm, forms.ModelForm):
    """``forms.ModelForm`` with the text rules: the base of the admin's generated forms."""


def _normalise_field(field: forms.CharField) -> None:
    multiline = isinstance(field.widget, forms.Textarea)
    limit = text_limit(multiline=multiline, max_length=field.max_length)
    if multiline and field.max_length is None:
        # Shown to the browser too, so the limit is felt while typing.
        field.widget.attrs.setdefault("maxlength", str(limit))
    to_python = field.to_python

    def normalised(value: Any) -> Any:
        if isinstance(value, str):
            value = clean_text(value, multiline=multiline, max_length=limit)
        return to_python(value)

    # An attribute of this form's own copy of the field (forms deep-copy their fields).
    field.to_python = normalised  # type: ignore[method-assign]


# ---------------------------------------------------------------------------------------
# The JSON API (pydantic)

# What the OpenAPI document says of every text: no control characters other than newline,
# carriage return and tab, no bidirectional controls. Documented only; ``clean_text`` checks.
_PATTERN = (
    "^[^\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f"
    "\\u202a-\\u202e\\u2066-\\u2069]*$"
)


def _api_validator(*, multiline: bool, max_length: int) -> AfterValidator:
    def validate(value: str) -> str:
        try:
            # The limit holds for what was sent too, as the document promises.
            if len(value) > max_length:
                raise too_long(limit=max_length, length=len(value))
            return clean_text(value, multiline=multiline, max_length=max_length)
        except ValidationError as error:
            # ninja answers it with the API's usual 422, this message under "msg".
            raise PydanticCustomError(
                error.code or "text", "{message}", {"message": message_of(error)}
            ) from None

    return AfterValidator(validate)


def _documented(max_length: int) -> WithJsonSchema:
    return WithJsonSchema({"type": "string", "maxLength": max_length, "pattern": _PATTERN})


TITLE_MAX = 200
CODE_MAX = 20
EMAIL_MAX = 254

#: One line: normalised, at most ``LINE_MAX`` characters.
Line = Annotated[str, _api_validator(multiline=False, max_length=LINE_MAX), _documented(LINE_MAX)]
#: A title, a name or a search: one line of at most ``TITLE_MAX`` characters.
Title = Annotated[
    str, _api_validator(multiline=False, max_length=TITLE_MAX), _documented(TITLE_MAX)
]
#: An identifying code (an organisation number): one line of at most ``CODE_MAX``.
Code = Annotated[str, _api_validator(multiline=False, max_length=CODE_MAX), _documented(CODE_MAX)]
#: An e-mail address as typed (checked further by the service that takes it).
Email = Annotated[
    str, _api_validator(multiline=False, max_length=EMAIL_MAX), _documented(EMAIL_MAX)
]
#: Multi-line text (a description, a reason): normalised, at most ``TEXT_MAX`` characters.
Text = Annotated[str, _api_validator(multiline=True, max_length=TEXT_MAX), _documented(TEXT_MAX)]
