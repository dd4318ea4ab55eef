"""Forms for the Lean improvement board: a new problem or idea, and the group's edit."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from trepart.development.forms.projects import PersonChoice
from trepart.development.models import Improvement
from trepart.organisation.forms import VersionedForm
from trepart.organisation.models import Person, Unit
from trepart.platform.text import NormalisedForm


class ImprovementAddForm(NormalisedForm):
    kind = forms.ChoiceField(
        label=_("Problem or idea"), choices=Improvement.Kind.choices, widget=forms.RadioSelect
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea, required=False)


class ImprovementForm(VersionedForm, ImprovementAddForm):
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none(), required=False)
    owner = PersonChoice(label=_("Owner"), queryset=Person.objects.none(), required=False)
    step = forms.ChoiceField(label=_("Step"), choices=Improvement.Step.choices)
    hours_saved_per_month = forms.DecimalField(
        label=_("Hours saved a month"), min_value=0, max_digits=8, decimal_places=1
    )
    errors_avoided_per_month = forms.IntegerField(
        label=_("Errors avoided a month"), min_value=0, max_value=2**31 - 1
    )
    waiting_days_avoided = forms.DecimalField(
        label=_("Waiting days avoided a month"), min_value=0, max_digits=8, decimal_places=1
    )

    def __init__(self, *args: Any, project: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = project.units.order_by("name")  # type: ignore[attr-defined]
        self.fields["owner"].queryset = Person.objects.filter(  # type: ignore[attr-defined]
            municipality_id=project.municipality_id
        ).order_by("last_name", "first_name")


class AdvanceForm(VersionedForm):
    pass


def improvement_initial(card: Improvement) -> dict[str, Any]:
    names = ("kind", "title", "description", "unit", "owner", "step", "hours_saved_per_month")
    return {
        **{name: getattr(card, name) for name in names},
        "errors_avoided_per_month": card.errors_avoided_per_month,
        "waiting_days_avoided": card.waiting_days_avoided,
        "version": card.version,
    }
