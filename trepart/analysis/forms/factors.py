"""The 10-FAKTOR upload form: the file, whether to replace, whether only to check it."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from trepart.platform.text import NormalisedForm

MAX_BYTES = 10 * 1024 * 1024  # 1,500 units x 10 factors is well under 1 MB


class FactorImportForm(NormalisedForm):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "Saved as “CSV UTF-8”, with semicolons or commas between the columns. At most 10 MB."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )
    replace = forms.BooleanField(
        label=_("Replace results already imported"),
        help_text=_(
            "Without this, a unit, year and factor that is already imported is reported as an "
            "error and nothing is imported."
        ),
        required=False,
    )
    dry_run = forms.BooleanField(label=_("Only check the file (import nothing)"), required=False)

    def clean_file(self) -> object:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                _("The file is larger than 10 MB. Split it into several files."),
                code="too_large",
            )
        return upload
