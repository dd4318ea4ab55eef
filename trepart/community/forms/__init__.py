"""Forms of the citizen committees: the shape of input; the services enforce the rules."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from trepart.community.models import CommitteeKind, HoursBasis
from trepart.organisation.forms import PlainChoiceField, VersionedForm
from trepart.organisation.models import Person, Unit
from trepart.organisation.selectors import person_matches, units_by_sector
from trepart.organisation.widgets import PersonPicker, UnitChecklist
from trepart.platform.files.content import FileKind, accept_attribute
from trepart.platform.text import NormalisedForm

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault(
            "widget",
            MultipleFileInput(attrs={"accept": accept_attribute((FileKind.PDF, FileKind.IMAGE))}),
        )
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]

    def clean(self, data: object, initial: object = None) -> list[object]:
        if not data:
            return []
        items = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(item, initial) for item in items]


class DugnadForm(NormalisedForm):
    held_on = forms.DateField(label=_("Date"), widget=DATE)
    what = forms.CharField(label=_("What was done"), max_length=200)
    place = forms.CharField(label=_("Where"), max_length=200)
    people = forms.IntegerField(label=_("How many people took part"))
    hours = forms.DecimalField(label=_("Hours"), max_digits=8, decimal_places=1)
    hours_basis = forms.ChoiceField(
        label=_("The hours are"),
        choices=HoursBasis.choices,
        initial=HoursBasis.PER_PERSON,
        widget=forms.RadioSelect,
    )


class SpendingForm(NormalisedForm):
    spent_on = forms.DateField(label=_("Date"), widget=DATE)
    what = forms.CharField(label=_("What the money was spent on"), max_length=200)
    amount = forms.IntegerField(label=_("Amount (kr)"))
    receipts = MultipleFileField(
        label=_("Receipts"),
        required=False,
        help_text=_("PDF or image; the content is checked, not the name."),
    )


class PlanForm(VersionedForm):
    plan = forms.CharField(
        label=_("Plan for the money"), widget=forms.Textarea(attrs={"rows": 5}), required=False
    )


class ReportForm(VersionedForm):
    report = forms.CharField(
        label=_("Report on the year"), widget=forms.Textarea(attrs={"rows": 5})
    )


class ApproveForm(VersionedForm):
    pass


class ProposalForm(NormalisedForm):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 5}))


class UnitIdsField(forms.TypedMultipleChoiceField):
    """Unit ids from a ``UnitChecklist``; the form turns them into its municipality's units."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("coerce", int)
        kwargs.setdefault("widget", UnitChecklist)
        super().__init__(*args, **kwargs)

    def valid_value(self, value: Any) -> bool:
        return str(value).isdigit()


class CommitteeAreaFields(NormalisedForm):
    """The kind, area and contacts of a committee, chosen among its municipality's units and
    people (administration contacts among the employees, political ones among politicians).

    A large municipality has 1,500 units and 50,000 people: the units are check boxes built
    from plain pairs and the administration contact is picked by search (``PersonPicker``;
    the view answers ``admin_contact_search``), so the page costs the same whatever the size.
    """

    kind = forms.ChoiceField(label=_("Kind"), choices=CommitteeKind.choices)
    places = forms.CharField(
        label=_("Villages and places"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    units = UnitIdsField(
        label=_("Units in the area"),
        required=False,
        help_text=_("Tick the units in the committee's area. The units are grouped by sector."),
    )
    admin_contact = forms.IntegerField(
        label=_("Contact in the administration"),
        required=False,
        widget=PersonPicker(allow_none=True, kinds=[Person.Kind.EMPLOYEE]),
    )
    politician_contact = PlainChoiceField(
        label=_("Contact among the politicians"), required=False, coerce=int, empty_value=None
    )

    def __init__(
        self, *args: Any, municipality_id: int, user: Any, contact_query: str = "", **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.municipality_id = municipality_id
        units: Any = self.fields["units"]
        units.widget.groups = units_by_sector(municipality_id=municipality_id)
        picker: Any = self.fields["admin_contact"].widget
        picker.query = contact_query
        picker.search_url = reverse("organisation:person-picker")
        picker.people, picker.found = person_matches(
            user=user,
            query=contact_query,
            chosen_id=self["admin_contact"].value(),
            kinds=picker.kinds,
        )
        # Plain pairs read in one query: a form of model choices reads its list anew each
        # time it is walked, and builds a model object a row.
        politicians = Person.objects.filter(
            municipality_id=municipality_id, kind=Person.Kind.POLITICIAN
        ).order_by("last_name", "first_name", "pk")
        self.fields["politician_contact"].choices = [  # type: ignore[attr-defined]
            ("", "---------"),
            *(
                (pk, f"{first} {last}")
                for pk, first, last in politicians.values_list("pk", "first_name", "last_name")
            ),
        ]

    def clean_units(self) -> list[Unit]:
        ids = set(self.cleaned_data.get("units") or [])
        if not ids:
            return []
        chosen = list(
            Unit.objects.filter(pk__in=ids, municipality_id=self.municipality_id).order_by("pk")
        )
        if len(chosen) != len(ids):
            raise ValidationError(_("A unit chosen is not in this municipality."))
        return chosen

    def _contact(self, field: str, kind: str, refusal: str) -> Person | None:
        """The person chosen in ``field``: of this municipality and of ``kind``, else refused."""
        pk = self.cleaned_data.get(field)
        if pk is None:
            return None
        person = Person.objects.filter(
            pk=pk, municipality_id=self.municipality_id, kind=kind
        ).first()
        if person is None:
            raise ValidationError(refusal)
        return person

    def clean_politician_contact(self) -> Person | None:
        return self._contact(
            "politician_contact",
            Person.Kind.POLITICIAN,
            str(_("Choose a politician of this municipality as the contact.")),
        )

    def clean_admin_contact(self) -> Person | None:
        return self._contact(
            "admin_contact",
            Person.Kind.EMPLOYEE,
            str(_("Choose an employee of this municipality as the contact in the administration.")),
        )


class CommitteeForm(CommitteeAreaFields):
    name = forms.CharField(label=_("Name"), max_length=200)
    field_order = ["name", "kind", "places", "units", "admin_contact", "politician_contact"]


class CommitteeEditForm(VersionedForm, CommitteeAreaFields):
    """Changing a committee's kind, area and contacts; its name is the body's."""


class SettingsForm(VersionedForm):
    hours_per_fte = forms.IntegerField(label=_("Annual hours per FTE"), min_value=1, max_value=3000)
    hourly_rate = forms.IntegerField(
        label=_("Value of a dugnad hour (kr)"), min_value=1, max_value=10000
    )
