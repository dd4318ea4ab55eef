"""Forms of the register: the list's filter, and a case's facts (new and edited)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from trepart.organisation.forms import VersionedForm
from trepart.organisation.models import Person, Unit
from trepart.platform.text import NormalisedForm
from trepart.redeployment.forms.unit_filter import UnitFilterField, unit_choices
from trepart.redeployment.models import CaseKind, CaseStatus, Location, Qualification
from trepart.redeployment.services.register import CASE_EDITABLE

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
YES_NO = [("no", _("No")), ("yes", _("Yes"))]


class PersonChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.last_name}, {obj.first_name}"


class CaseFilterForm(NormalisedForm):
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("All statuses")), *CaseStatus.choices], required=False
    )
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("All kinds")), *CaseKind.choices], required=False
    )
    unit = UnitFilterField(label=_("From unit"))

    def __init__(self, *args: Any, municipality_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        units = Unit.objects.filter(municipality_id=municipality_id)
        self.fields["unit"].choices = unit_choices(  # type: ignore[attr-defined]
            units, self.data.get("unit")
        )


class _CaseFields(NormalisedForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=CaseKind.choices)
    from_unit = forms.ModelChoiceField(label=_("From unit"), queryset=Unit.objects.none())
    position = forms.CharField(label=_("Position"), max_length=120)
    percent = forms.IntegerField(label=_("Position %"))
    wanted_percent = forms.IntegerField(
        label=_("Wished position %"),
        required=False,
        help_text=_("For a part-time employee who wants a larger position (§ 14-3)."),
    )
    wage_level = forms.IntegerField(label=_("Yearly wage (NOK)"), min_value=0, max_value=2**31 - 1)
    qualifications = forms.ModelMultipleChoiceField(
        label=_("Qualifications"),
        queryset=Qualification.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    qualifications_note = forms.CharField(
        label=_("Other qualifications"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    location = forms.ModelChoiceField(label=_("Work location"), queryset=Location.objects.none())
    seniority_date = forms.DateField(label=_("Seniority date"), widget=DATE)
    social_priority = forms.IntegerField(
        label=_("Social grounds (0–10)"), initial=0, min_value=0, max_value=10
    )
    preferred_units = forms.ModelMultipleChoiceField(
        label=_("Preferred units"), queryset=Unit.objects.none(), required=False
    )
    preferred_locations = forms.ModelMultipleChoiceField(
        label=_("Preferred locations"),
        queryset=Location.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    max_travel_minutes = forms.IntegerField(
        label=_("Longest travel time (minutes)"),
        required=False,
        min_value=1,
        max_value=1440,
        help_text=_("Leave empty to use the agreed rules' limit."),
    )
    needs_adapted_work = forms.TypedChoiceField(
        label=_("Needs adapted work"),
        choices=YES_NO,
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        initial="no",
    )
    adapted_work_note = forms.CharField(
        label=_("About the adapted work"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Seen only by the stillingsbank. Write what the work must allow, not why."),
    )
    redundant_on = forms.DateField(label=_("Made redundant on"), widget=DATE)

    def __init__(self, *args: Any, municipality_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        units = Unit.objects.filter(municipality_id=municipality_id).order_by("name", "pk")
        locations = Location.objects.filter(municipality_id=municipality_id)
        qualifications = Qualification.objects.filter(municipality_id=municipality_id)
        initial = self.initial.get("qualifications") or []
        # Inactive entries stay shown on a case that already has them.
        chosen = [q.pk for q in initial]
        self.fields["from_unit"].queryset = units  # type: ignore[attr-defined]
        self.fields["preferred_units"].queryset = units  # type: ignore[attr-defined]
        self.fields["location"].queryset = locations  # type: ignore[attr-defined]
        self.fields["preferred_locations"].queryset = locations  # type: ignore[attr-defined]
        self.fields["qualifications"].queryset = qualifications.filter(  # type: ignore[attr-defined]
            pk__in=chosen
        ) | qualifications.filter(active=True)


class CaseCreateForm(_CaseFields):
    person = PersonChoice(label=_("Person"), queryset=Person.objects.none())
    field_order = ["person", "kind"]

    def __init__(self, *args: Any, municipality_id: int, **kwargs: Any) -> None:
        super().__init__(*args, municipality_id=municipality_id, **kwargs)
        self.fields["person"].queryset = Person.objects.filter(  # type: ignore[attr-defined]
            municipality_id=municipality_id, kind=Person.Kind.EMPLOYEE
        ).order_by("last_name", "first_name", "pk")


class CaseEditForm(VersionedForm, _CaseFields):
    pass


def case_initial(case: Any) -> dict[str, Any]:
    values = {name: getattr(case, name) for name in CASE_EDITABLE}
    values["needs_adapted_work"] = "yes" if case.needs_adapted_work else "no"
    return {
        **values,
        "qualifications": list(case.qualifications.all()),
        "preferred_units": list(case.preferred_units.all()),
        "preferred_locations": list(case.preferred_locations.all()),
        "version": case.version,
    }
