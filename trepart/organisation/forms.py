"""Forms check the shape of input; the services enforce the rules."""

from __future__ import annotations

import html
from typing import Any

from django import forms
from django.forms.utils import flatatt
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from trepart.organisation.models import Body, Membership, Party, Person, Unit
from trepart.platform.text import NormalisedForm


class LongSelect(forms.Select):
    """A select for long lists (every unit of a large municipality).

    Django renders each option through a template, which costs about a third of a
    millisecond an option; this builds the same markup directly.
    """

    def _get_choices(self) -> Any:
        return self._choices

    def _set_choices(self, value: Any) -> None:
        # Plain pairs are kept as they are; normalising thousands of them costs milliseconds.
        self._choices = value if isinstance(value, list) else list(value)

    choices = property(_get_choices, _set_choices)  # type: ignore[assignment]

    def render(self, name: str, value: Any, attrs: Any = None, renderer: Any = None) -> SafeString:
        final = self.build_attrs(self.attrs, attrs)
        chosen = {str(v) for v in self.format_value(value)}
        options = "".join(
            f'<option value="{html.escape(str(key))}"'
            f"{' selected' if str(key) in chosen else ''}>{html.escape(str(label))}</option>"
            for key, label in self.choices
        )
        return format_html(
            '<select class="ds-input" name="{}"{}>{}</select>',
            name,
            flatatt(final),
            mark_safe(options),  # noqa: S308 - every key and label is escaped above
        )


class PlainChoiceField(forms.TypedChoiceField):
    """A choice field for long lists of plain ``(value, label)`` pairs, used as they are.

    Django normalises every pair each time a form is built, which costs about 8 ms per
    thousand choices; a filter of all bodies and units of a large municipality has 3,000.
    """

    widget = LongSelect

    def _get_choices(self) -> Any:
        return self._choices

    def _set_choices(self, value: Any) -> None:
        self._choices = self.widget.choices = list(value)  # type: ignore[attr-defined,assignment]
        self._valid = {str(key) for key, _label in self._choices}

    choices = property(_get_choices, _set_choices)  # type: ignore[assignment]

    def valid_value(self, value: Any) -> bool:
        return str(value) in self._valid


class VersionedForm(NormalisedForm):
    """A form for an edit that knows which version of the object it started from."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class BodyForm(VersionedForm):
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=Body.Kind.choices)
    parent = forms.ModelChoiceField(
        label=_("Reports to"), queryset=Body.objects.none(), required=False, widget=LongSelect
    )
    unit = forms.ModelChoiceField(
        label=_("Unit"), queryset=Unit.objects.none(), required=False, widget=LongSelect
    )
    mandate = forms.CharField(label=_("Mandate"), widget=forms.Textarea, required=False)
    is_statutory_5_11 = forms.BooleanField(
        label=_("Statutory joint committee (kommuneloven § 5-11)"), required=False
    )
    established = forms.DateField(label=_("Established"))
    answer_deadline_days = forms.IntegerField(
        label=_("Days to answer a proposal"),
        min_value=1,
        max_value=365,
        help_text=_("Counted from the day a proposal arrives at the body."),
    )
    decides_by_consensus = forms.BooleanField(
        label=_("Decides by consensus"),
        required=False,
        help_text=_("An LMU always decides by consensus; other bodies may choose to."),
    )
    agenda_days_before = forms.IntegerField(
        label=_("Days before a meeting the agenda must be out"),
        min_value=0,
        max_value=60,
        initial=7,
        help_text=_("Every member gets the agenda and its documents at the same time, this early."),
    )

    def __init__(self, *args: Any, body: Body, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        parent_field: Any = self.fields["parent"]
        unit_field: Any = self.fields["unit"]
        # LMUs sit at the bottom of the structure: nothing reports to one.
        parent_field.queryset = (
            Body.objects.filter(municipality_id=body.municipality_id)
            .exclude(pk=body.pk)
            .exclude(kind=Body.Kind.LMU)
            .only("pk", "name")
        )
        unit_field.queryset = Unit.objects.filter(municipality_id=body.municipality_id).only(
            "pk", "name"
        )


class MembershipForm(NormalisedForm):
    person = forms.ModelChoiceField(
        label=_("Person"),
        queryset=Person.objects.none(),
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the person who gets the seat.")},
    )
    party = forms.ChoiceField(label=_("Sits for"), choices=Party.choices)
    role = forms.ChoiceField(
        label=_("Role"), choices=Membership.Role.choices, initial=Membership.Role.MEMBER
    )
    capacity = forms.ChoiceField(label=_("Sits as"), choices=Membership.Capacity.choices)
    voting = forms.BooleanField(label=_("Has the right to vote"), required=False, initial=True)
    start = forms.DateField(label=_("Term starts"), initial=timezone.localdate)
    end = forms.DateField(label=_("Term ends"), required=False)

    def __init__(self, *args: Any, body: Body, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        person_field: Any = self.fields["person"]
        person_field.queryset = Person.objects.filter(municipality_id=body.municipality_id)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", _("The term cannot end before it starts."))
        return data


class MembershipEndForm(VersionedForm):
    end = forms.DateField(label=_("Last day"), initial=timezone.localdate)


class PersonSearchForm(NormalisedForm):
    q = forms.CharField(label=_("Search by name or position"), required=False, max_length=100)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All")), *Person.Kind.choices]
    )


class UnitSearchForm(NormalisedForm):
    q = forms.CharField(label=_("Find a unit by name or code"), required=False, max_length=100)


class BodyFilterForm(NormalisedForm):
    q = forms.CharField(label=_("Search by name or unit"), required=False, max_length=100)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All")), *Body.Kind.choices]
    )
    flagged = forms.BooleanField(label=_("Only bodies that break their rules"), required=False)
