"""Forms of the citizen committees: the shape of input; the services enforce the rules."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from trepart.community.models import CommitteeKind, HoursBasis
from trepart.organisation.forms import VersionedForm
from trepart.organisation.models import Person, Unit
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


class CommitteeAreaFields(NormalisedForm):
    """The kind, area and contacts of a committee, chosen among its municipality's units and
    people (administration contacts among the employees, political ones among politicians)."""

    kind = forms.ChoiceField(label=_("Kind"), choices=CommitteeKind.choices)
    places = forms.CharField(
        label=_("Villages and places"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    units = forms.ModelMultipleChoiceField(
        label=_("Units in the area"), queryset=Unit.objects.none(), required=False
    )
    admin_contact = forms.ModelChoiceField(
        label=_("Contact in the administration"), queryset=Person.objects.none(), required=False
    )
    politician_contact = forms.ModelChoiceField(
        label=_("Contact among the politicians"), queryset=Person.objects.none(), required=False
    )

    def __init__(self, *args: object, municipality_id: int, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        units = Unit.objects.filter(municipality_id=municipality_id)
        people = Person.objects.filter(municipality_id=municipality_id)
        self.fields["units"].queryset = units  # type: ignore[attr-defined]
        self.fields["admin_contact"].queryset = people.filter(  # type: ignore[attr-defined]
            kind=Person.Kind.EMPLOYEE
        )
        self.fields["politician_contact"].queryset = people.filter(  # type: ignore[attr-defined]
            kind=Person.Kind.POLITICIAN
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
