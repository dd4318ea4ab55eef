"""Forms of the agreed settings: the rules, an entry of the qualifications list, a location,
and the table of travel times."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from trepart.organisation.forms import VersionedForm
from trepart.platform.text import NormalisedForm
from trepart.redeployment.forms.register import DATE
from trepart.redeployment.models import MatchingRules, Selection
from trepart.redeployment.selectors.settings import TravelPair


class RulesForm(VersionedForm):
    percent_tolerance = forms.IntegerField(
        label=_("Position % tolerance"),
        min_value=0,
        max_value=100,
        help_text=_("How many percentage points a vacancy may differ from the person's position."),
    )
    wage_not_lower = forms.BooleanField(
        label=_("Wage band not lower than the current wage"), required=False
    )
    max_travel_minutes = forms.IntegerField(
        label=_("Longest travel time (minutes)"), min_value=1, max_value=1440
    )
    selection = forms.ChoiceField(label=_("Selection order"), choices=Selection.choices)
    answer_days = forms.IntegerField(label=_("Days to answer an offer"), min_value=1, max_value=90)
    preferential_months = forms.IntegerField(
        label=_("Months of preferential right after notice"), min_value=1, max_value=36
    )
    agreed_on = forms.DateField(label=_("Agreed on"), widget=DATE, required=False)
    agreement = forms.CharField(
        label=_("The agreement"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("With whom, and where the signed agreement is kept."),
    )


def rules_initial(rules: MatchingRules) -> dict[str, Any]:
    names = [name for name in RulesForm.base_fields if name != "version"]
    return {**{name: getattr(rules, name) for name in names}, "version": rules.version}


class QualificationForm(NormalisedForm):
    code = forms.CharField(label=_("Code"), max_length=40)
    name = forms.CharField(label=_("Name"), max_length=200)
    is_certification = forms.BooleanField(label=_("A certification"), required=False)


class QualificationEditForm(VersionedForm):
    qualification = forms.IntegerField(widget=forms.HiddenInput)
    name = forms.CharField(label=_("Name"), max_length=200)
    is_certification = forms.BooleanField(label=_("A certification"), required=False)
    active = forms.BooleanField(label=_("In use"), required=False)


class LocationForm(NormalisedForm):
    code = forms.CharField(label=_("Code"), max_length=40)
    name = forms.CharField(label=_("Name"), max_length=200)


class LocationEditForm(VersionedForm):
    location = forms.IntegerField(widget=forms.HiddenInput)
    name = forms.CharField(label=_("Name"), max_length=200)


class TravelTimesForm(NormalisedForm):
    """One field per pair of locations; empty: no travel time stored."""

    def __init__(self, *args: Any, pairs: Sequence[TravelPair], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.pairs = list(pairs)
        for pair in self.pairs:
            self.fields[pair.key] = forms.IntegerField(
                label=_("%(a)s – %(b)s (minutes)")
                % {"a": pair.origin.name, "b": pair.destination.name},
                min_value=0,
                max_value=1440,
                required=False,
                initial=pair.minutes,
            )

    def rows(self) -> list[tuple[TravelPair, Any]]:
        return [(pair, self[pair.key]) for pair in self.pairs]

    def times(self) -> list[tuple[Any, Any, int | None]]:
        return [(p.origin, p.destination, self.cleaned_data.get(p.key)) for p in self.pairs]
