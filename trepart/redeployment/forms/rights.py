"""The employee's own form for a wish for a larger position (§ 14-3)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from trepart.platform.text import NormalisedForm
from trepart.redeployment.forms.outcomes import DateInput
from trepart.redeployment.models import Location


class WishForm(NormalisedForm):
    position = forms.CharField(label=_("Your position"), max_length=120)
    percent = forms.IntegerField(label=_("Your position % today"), min_value=1, max_value=99)
    wanted_percent = forms.IntegerField(
        label=_("The position % you wish for"), min_value=2, max_value=100
    )
    wage_level = forms.IntegerField(
        label=_("Yearly wage (NOK)"),
        min_value=0,
        max_value=2**31 - 1,
        help_text=_("For a full-time position, as in your contract."),
    )
    location = forms.ModelChoiceField(
        label=_("Where you work"),
        queryset=Location.objects.none(),
        error_messages={"invalid_choice": _("Choose one of the municipality's work locations.")},
    )
    seniority_date = forms.DateField(
        label=_("Seniority date"),
        widget=DateInput,
        help_text=_("The day your seniority in the municipality counts from."),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["location"]
        field.queryset = Location.objects.for_user(user).order_by("name", "pk")
