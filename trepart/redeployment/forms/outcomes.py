"""The form for recording an outcome on a case, carrying the case's version."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from trepart.platform.text import NormalisedForm
from trepart.redeployment.models import Vacancy
from trepart.redeployment.services.outcomes import OUTCOMES


class DateInput(forms.DateInput):
    input_type = "date"


class OutcomeForm(NormalisedForm):
    kind = forms.ChoiceField(
        label=_("Outcome"),
        choices=[(kind.value, kind.label) for kind in OUTCOMES],
        widget=forms.RadioSelect,
    )
    on = forms.DateField(label=_("Date"), widget=DateInput)
    why = forms.CharField(
        label=_("Why"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("The reason, as the employee and their union will read it in the history."),
    )
    consequences = forms.CharField(
        label=_("Consequences"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Required when suitable work was declined: what it means for the employee."),
    )
    vacancy = forms.ModelChoiceField(
        label=_("Vacancy"),
        queryset=Vacancy.objects.none(),
        required=False,
        help_text=_("The offered position the employee was placed, assigned or re-hired in."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    def __init__(self, *args: Any, vacancies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["vacancy"]
        field.queryset = vacancies
