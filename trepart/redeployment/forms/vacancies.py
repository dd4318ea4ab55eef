"""Forms of the vacancies: the list's filter, and a vacancy's facts (new and edited)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from trepart.organisation.forms import VersionedForm
from trepart.organisation.models import Unit
from trepart.platform.text import NormalisedForm
from trepart.redeployment.forms.register import DATE
from trepart.redeployment.forms.unit_filter import UnitFilterField, unit_choices
from trepart.redeployment.models import Location, Qualification, Vacancy
from trepart.redeployment.services.vacancies import VACANCY_EDITABLE


class VacancyFilterForm(NormalisedForm):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("All statuses")), *Vacancy.Status.choices],
        required=False,
    )
    unit = UnitFilterField()

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = unit_choices(  # type: ignore[attr-defined]
            units, self.data.get("unit")
        )


class _VacancyFields(NormalisedForm):
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none())
    title = forms.CharField(label=_("Position"), max_length=120)
    percent = forms.IntegerField(label=_("Position %"))
    required = forms.ModelMultipleChoiceField(
        label=_("Required qualifications"),
        queryset=Qualification.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    wanted = forms.ModelMultipleChoiceField(
        label=_("Wanted qualifications"),
        queryset=Qualification.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    location = forms.ModelChoiceField(label=_("Work location"), queryset=Location.objects.none())
    wage_min = forms.IntegerField(label=_("Wage band from (NOK)"), min_value=0, max_value=2**31 - 1)
    wage_max = forms.IntegerField(label=_("Wage band to (NOK)"), min_value=0, max_value=2**31 - 1)
    starts_on = forms.DateField(label=_("Starts on"), widget=DATE)

    def __init__(self, *args: Any, units: QuerySet[Unit], municipality_id: int, **kwargs: Any):
        super().__init__(*args, **kwargs)
        qualifications = Qualification.objects.filter(municipality_id=municipality_id)
        chosen = [
            q.pk for q in [*self.initial.get("required", []), *self.initial.get("wanted", [])]
        ]
        shown = qualifications.filter(pk__in=chosen) | qualifications.filter(active=True)
        self.fields["unit"].queryset = units.order_by("name", "pk")  # type: ignore[attr-defined]
        self.fields["required"].queryset = shown  # type: ignore[attr-defined]
        self.fields["wanted"].queryset = shown  # type: ignore[attr-defined]
        self.fields["location"].queryset = Location.objects.filter(  # type: ignore[attr-defined]
            municipality_id=municipality_id
        )


class VacancyForm(_VacancyFields):
    pass


class VacancyEditForm(VersionedForm, _VacancyFields):
    pass


def vacancy_initial(vacancy: Vacancy) -> dict[str, Any]:
    return {
        **{name: getattr(vacancy, name) for name in VACANCY_EDITABLE},
        "required": list(vacancy.required.all()),
        "wanted": list(vacancy.wanted.all()),
        "version": vacancy.version,
    }
