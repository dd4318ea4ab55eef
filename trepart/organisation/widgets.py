"""Widgets for choosing among many units or people, built to work without JavaScript."""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from trepart.organisation.models import Person

# Whom a person picker offers unless told otherwise: the municipality's own people.
PICKABLE_KINDS = (Person.Kind.EMPLOYEE.value, Person.Kind.POLITICIAN.value)


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
        label = html.escape(_("Find a unit"))
        status = html.escape(_("{count} of {total} units shown"))
        parts = [
            '<div class="trepart-choice-filter" data-choice-filter>',
            f'<div class="ds-field" hidden data-choice-filter-box><label class="ds-label" '
            f'for="{base}_filter">{label}</label>'
            f'<input class="ds-input" type="search" id="{base}_filter" autocomplete="off" '
            f'data-status="{status}">'
            f'<p class="ds-paragraph" data-size="sm" aria-live="polite" '
            f"data-choice-filter-status></p></div>",
            f'<div class="trepart-choice-filter__list" id="{base}">',
        ]
        for title, units in self.groups:
            parts.append(
                f'<fieldset class="ds-fieldset" data-choice-group>'
                f'<legend class="ds-label">{html.escape(title)}</legend>'
            )
            for pk, unit_name in units:
                option = f"{base}_{pk}"
                checked = " checked" if str(pk) in chosen else ""
                parts.append(
                    f'<div class="ds-field" data-choice><input class="ds-input" type="checkbox" '
                    f'name="{esc_name}" value="{pk}" id="{option}"{checked}>'
                    f'<label class="ds-label" for="{option}">{html.escape(unit_name)}</label></div>'
                )
            parts.append("</fieldset>")
        parts.append("</div></div>")
        return mark_safe("".join(parts))  # noqa: S308 - every value and label is escaped above


def person_label(person: Any) -> str:
    """A person as a choice: name, then position and unit, so two people with the same name
    can be told apart."""
    details = [part for part in (person.position, person.unit.name if person.unit else "") if part]
    label = person.full_name
    if details:
        label += " – " + ", ".join(details)
    return f"{label} ({person.get_kind_display()})"


class PersonRadios(forms.RadioSelect):
    """The people found by a search, one radio button each (the shared option template)."""


def person_choices(
    *, name: str, id_prefix: str, people: list[Any], value: Any, allow_none: bool = False
) -> SafeString:
    """The radio buttons for ``people`` as a fragment the search endpoint can send alone."""
    choices: list[tuple[Any, str]] = [("", _("– none –"))] if allow_none else []
    choices += [(person.pk, person_label(person)) for person in people]
    radios = PersonRadios(choices=choices)
    return radios.render(name, "" if value is None else value, attrs={"id": id_prefix})


class PersonPicker(forms.Widget):
    """Pick one person by searching: a search box and the matches as radio buttons with
    position and unit, never a list of everybody.

    Without JavaScript the search button sends the whole form back, which comes back with
    what was typed and the matches (the view answers ``<name>_search``); with htmx the
    matches follow the typing from ``organisation:person-picker``. The form sets
    ``people`` and ``found`` (``selectors.person_matches``), ``query`` and ``search_url``.
    """

    template_name = "organisation/widgets/person_picker.html"
    use_fieldset = True

    def __init__(
        self,
        *args: Any,
        allow_none: bool = False,
        kinds: Sequence[str] = PICKABLE_KINDS,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.allow_none = allow_none
        self.kinds = tuple(kinds)
        self.people: list[Any] = []
        self.found = 0
        self.query = ""
        self.search_url = ""

    def get_context(self, name: str, value: Any, attrs: Any) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        prefix = context["widget"]["attrs"].get("id") or f"id_{name}"
        context["widget"].update(
            {
                "prefix": prefix,
                "query": self.query,
                "search_url": self.search_url,
                "options": {"kinds": ",".join(self.kinds), "none": int(self.allow_none)},
                "found": self.found,
                "choices": person_choices(
                    name=name,
                    id_prefix=prefix,
                    people=self.people,
                    value=value,
                    allow_none=self.allow_none,
                ),
            }
        )
        return context

    def id_for_label(self, id_: str) -> str:
        return f"{id_}_q" if id_ else id_
