"""The upload form of the stillingsbank's imports: the file, and whether only to check it."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from trepart.platform.text import NormalisedForm

MAX_BYTES = 5 * 1024 * 1024


class ImportForm(NormalisedForm):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_("Saved as “CSV UTF-8”, with semicolons or commas between the columns."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )
    dry_run = forms.BooleanField(label=_("Only check the file (import nothing)"), required=False)

    def clean_file(self) -> object:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                _("The file is larger than 5 MB. Split it into several files."), code="too_large"
            )
        return upload
