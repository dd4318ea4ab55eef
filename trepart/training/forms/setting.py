"""The mandatory setting's form."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from trepart.platform.text import NormalisedForm


class SettingForm(NormalisedForm):
    mandatory = forms.BooleanField(label=_("The course is mandatory"), required=False)
    for_employees = forms.BooleanField(label=_("For all employees"), required=False)
    for_leaders = forms.BooleanField(label=_("For leaders"), required=False)
    for_permanent = forms.BooleanField(label=_("For permanent staff"), required=False)
    for_politicians = forms.BooleanField(label=_("For politicians"), required=False)
    remind_every_days = forms.IntegerField(
        label=_("Days between reminders to someone due"), min_value=7, max_value=365
    )
    version = forms.IntegerField(widget=forms.HiddenInput)
