"""The list upload: a CSV file of people to enrol."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from trepart.platform.text import NormalisedForm

MAX_BYTES = 1024 * 1024


class ListForm(NormalisedForm):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "One person a line under the heading “person”: their e-mail, external id or id."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )

    def clean_file(self) -> object:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 1 MB."), code="too_large")
        return upload
