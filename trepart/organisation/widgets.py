"""Widgets for choosing among many units or people, built to work without JavaScript."""

from __future__ import annotations

import html
from typing import Any

from django import forms
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _


class UnitChecklist(forms.CheckboxSelectMultiple):
    """Check boxes for every unit, grouped by sector, in a scrollable list.

    Ticking works with the keyboard (Tab, Space) and without JavaScript; with it,
    ``trepart/choice-filter.js`` shows a box that narrows the list as the user types.
    Each option has the markup of ``django/forms/widgets/input_option.html`` (control beside
    label), but is built here: rendering 1,500 options through templates takes a second.
    ``groups`` holds ``units_by_sector()``.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.groups: list[tuple[str, list[tuple[int, str]]]] = []

    def render(self, name: str, value: Any, attrs: Any = None, renderer: Any = None) -> SafeString:
        final = self.build_attrs(self.attrs, attrs)
        base = html.escape(str(final.get("id") or f"id_{name}"))
        chosen = {str(v) for v in (value or [])}
        esc_name = html.escape(name)
        parts = [
            '<div class="trepart-choice-filter" data-choice-filter>',
            f'<div class="ds-field" hidden data-choice-filter-box><label class="ds-label" '
            f'for="{base}_filter">{html.escape(_("Find a unit"))}</label>'
            f'<input class="ds-input" type="search" id="{base}_filter" autocomplete="off" '
            f'data-status="{html.escape(_("{count} of {total} units shown"))}">'
            f'<p class="ds-paragraph" data-size="sm" aria-live="polite" '
            f"data-choice-filter-status></p></div>",
            f'<div class="trepart-choice-filter__list" id="{base}">',
        ]
        for title, units in self.groups:
            parts.append(
                f'<fieldset class="ds-fieldset" data-choice-group>'
                f'<legend class="ds-label">{html.escape(title)}</legend>'
            )
            for pk, label in units:
                option = f"{base}_{pk}"
                checked = " checked" if str(pk) in chosen else ""
                parts.append(
                    f'<div class="ds-field" data-choice><input class="ds-input" type="checkbox" '
                    f'name="{esc_name}" value="{pk}" id="{option}"{checked}>'
                    f'<label class="ds-label" for="{option}">{html.escape(label)}</label></div>'
                )
            parts.append("</fieldset>")
        parts.append("</div></div>")
        return mark_safe("".join(parts))  # noqa: S308 - every value and label is escaped above
