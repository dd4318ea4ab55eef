"""The text rules: what is normalised, what is refused, and that every form follows them."""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

import pytest
from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

import trepart
from trepart.platform.text import (
    LINE_MAX,
    TEXT_MAX,
    NormalisedForm,
    NormalisedTextForm,
    clean_line,
    clean_text,
    message_of,
)


@pytest.mark.parametrize(
    "value",
    ["", "   ", "\u200b", "\u200b\u200c\u200d\u2060\ufeff", "\u3000\u00a0\u2007\u202f", "\u00ad"],
)
def test_text_of_spaces_and_invisible_characters_is_empty(value: str) -> None:
    assert clean_line(value) == ""
    assert clean_text(value, multiline=True) == ""


def test_text_is_nfc_and_trimmed_of_invisible_ends_but_keeps_joiners_inside() -> None:
    assert clean_line("\u200b A\u030a se \ufeff") == "\u00c5 se"
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
    assert clean_line(f"Familie {family}") == f"Familie {family}"


def test_a_single_line_turns_line_breaks_into_spaces_and_multi_line_keeps_them() -> None:
    assert clean_line("Tittel\r\nmed\tbrudd") == "Tittel med brudd"
    assert clean_text("Linje 1\r\nLinje 2\n\tinnrykk", multiline=True) == (
        "Linje 1\nLinje 2\n\tinnrykk"
    )


@pytest.mark.parametrize(
    "char", ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2069"]
)
def test_bidirectional_embeddings_overrides_and_isolates_are_refused(char: str) -> None:
    with pytest.raises(ValidationError) as refused:
        clean_line(f"Forslag {char}gnp.exe")
    assert refused.value.code == "bidi_control"


def test_the_direction_marks_stay_for_right_to_left_names() -> None:
    assert (
        clean_line("\u05e9\u05dc\u05d5\u05dd\u200f 2026") == "\u05e9\u05dc\u05d5\u05dd\u200f 2026"
    )


@pytest.mark.parametrize("char", ["\x00", "\x01", "\x1b", "\x7f", "\x85", "\ud800"])
def test_control_characters_and_lone_surrogates_are_refused(char: str) -> None:
    for multiline in (False, True):
        with pytest.raises(ValidationError) as refused:
            clean_text(f"a{char}b", multiline=multiline)
        assert refused.value.code == "control_character"


def test_limits_by_kind_and_by_field() -> None:
    assert clean_line("x" * LINE_MAX) == "x" * LINE_MAX
    with pytest.raises(ValidationError):
        clean_line("x" * (LINE_MAX + 1))
    with pytest.raises(ValidationError):
        clean_line("x" * 21, max_length=20)
    assert len(clean_text("x" * TEXT_MAX, multiline=True)) == TEXT_MAX
    with pytest.raises(ValidationError) as refused:
        clean_text("x" * (TEXT_MAX + 1), multiline=True)
    assert message_of(refused.value) == (
        "The text may be at most 20\u00a0000 characters long; this one has 20\u00a0001. "
        "Shorten it and try again."
    )


@pytest.mark.parametrize("language", ["nb", "nn"])
def test_the_messages_are_translated(language: str) -> None:
    with translation.override(language), pytest.raises(ValidationError) as refused:
        clean_line("a\x00")
    assert "control character" not in message_of(refused.value)


@given(st.text())
def test_clean_text_is_idempotent_and_leaves_nothing_it_refuses(value: str) -> None:
    try:
        once = clean_text(value, multiline=True)
    except ValidationError:
        return
    assert clean_text(once, multiline=True) == once
    assert "\x00" not in once


def _project_form_classes() -> list[type[forms.BaseForm]]:
    """Every form class defined in the project, its modules imported first."""
    root = Path(trepart.__file__).parent
    for module in pkgutil.walk_packages([str(root)], prefix="trepart."):
        name = module.name
        if ".tests" in name or ".migrations" in name or name.endswith(("wsgi", "cli", "bench")):
            continue
        importlib.import_module(name)
    found: list[type[forms.BaseForm]] = []
    pending: list[type] = [forms.BaseForm]
    while pending:
        cls = pending.pop()
        for sub in cls.__subclasses__():
            pending.append(sub)
            if sub.__module__.startswith("trepart.") and ".tests" not in sub.__module__:
                found.append(sub)
    return found


def test_every_form_in_the_project_uses_the_text_rules() -> None:
    """A form made without the platform's base would let invisible titles and NUL bytes in."""
    classes = _project_form_classes()
    assert len(classes) > 30
    missing = sorted(
        f"{cls.__module__}.{cls.__qualname__}"
        for cls in classes
        if not issubclass(cls, NormalisedTextForm)
    )
    assert missing == []


def test_every_admin_form_of_the_project_uses_the_text_rules() -> None:
    """The admin makes its forms from a base class: ours, for every model of the project."""
    bases = []
    for model, model_admin in admin.site._registry.items():
        if not model.__module__.startswith("trepart."):
            continue
        bases.append((model.__name__, model_admin.form))
        bases += [(f"{model.__name__} add", getattr(model_admin, "add_form", model_admin.form))]
        bases += [(inline.model.__name__, inline.form) for inline in model_admin.inlines]
    assert len(bases) > 5
    assert [name for name, form in bases if not issubclass(form, NormalisedTextForm)] == []


def test_a_form_cleans_every_text_field_and_limits_a_textarea() -> None:
    class Example(NormalisedForm):
        title = forms.CharField(max_length=50)
        body = forms.CharField(widget=forms.Textarea, required=False)
        secret = forms.CharField(widget=forms.PasswordInput, strip=False)

    form = Example(data={"title": "\u200bTittel\u200b", "body": "a\r\nb", "secret": " p\u200b "})
    assert form.is_valid(), form.errors
    assert form.cleaned_data == {"title": "Tittel", "body": "a\nb", "secret": " p\u200b "}
    assert form.fields["body"].widget.attrs["maxlength"] == str(TEXT_MAX)
    refused = Example(data={"title": "\u200b", "body": "x" * (TEXT_MAX + 1), "secret": "p"})
    assert not refused.is_valid()
    assert set(refused.errors) == {"title", "body"}
