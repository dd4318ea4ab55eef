"""The upload form: which kind of file, the file itself, and whether to only check it."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from trepart.organisation.imports.services import PEOPLE, UNITS
from trepart.platform.text import NormalisedForm

MAX_BYTES = 20 * 1024 * 1024  # about 150,000 people rows; more is a mistake or an attack
KINDS = [(UNITS, _("Units (sectors and workplaces)")), (PEOPLE, _("People"))]


class ImportForm(NormalisedForm):
    kind = forms.ChoiceField(
        label=_("What does the file hold?"),
        choices=KINDS,
        initial=UNITS,
        widget=forms.RadioSelect,
    )
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "Saved as “CSV UTF-8”, with semicolons or commas between the columns. At most 20 MB."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )
    dry_run = forms.BooleanField(label=_("Only check the file (import nothing)"), required=False)

    def clean_file(self) -> object:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                _("The file is larger than 20 MB. Split it into several files."),
                code="too_large",
            )
        return upload
