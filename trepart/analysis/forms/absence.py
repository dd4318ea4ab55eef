"""Forms for sick leave: the dashboard's filter, the import upload, a presence target."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from trepart.analysis.absence import parse_month
from trepart.analysis.selectors.absence import MAX_MONTHS
from trepart.platform.text import NormalisedForm

MAX_BYTES = 20 * 1024 * 1024


class MonthField(forms.CharField):
    """A month as ``2026-03`` (what ``<input type="month">`` sends).

    HTML allows no ``pattern`` on a month input, and the widget template gives the class: a
    browser without a month picker shows a text field, and ``to_python`` checks what it sends.
    """

    widget = forms.TextInput(attrs={"type": "month"})

    def to_python(self, value: Any) -> datetime.date | None:  # type: ignore[override]
        text = super().to_python(value)
        if not text:
            return None
        day = parse_month(text)
        if day is None:
            raise forms.ValidationError(
                _("Write the month as year and month, like 2026-03."), code="month"
            )
        return day


class AbsenceFilterForm(NormalisedForm):
    enhet = forms.IntegerField(required=False, widget=forms.HiddenInput)
    fra = MonthField(label=_("From month"), required=False)
    til = MonthField(label=_("To month"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("fra"), data.get("til")
        if start and end:
            if start > end:
                raise forms.ValidationError(
                    _("The first month must come before the last."), code="order"
                )
            months = (end.year - start.year) * 12 + end.month - start.month + 1
            if months > MAX_MONTHS:
                raise forms.ValidationError(
                    _("Choose at most %(max)s months.") % {"max": MAX_MONTHS}, code="too_long"
                )
        return data


class AbsenceImportForm(NormalisedForm):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "Saved as “CSV UTF-8”, with semicolons or commas between the columns. At most 20 MB."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )
    replace = forms.BooleanField(
        label=_("Replace periods already imported"),
        help_text=_("Without this, a file with periods already imported is refused."),
        required=False,
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


class PresenceTargetForm(NormalisedForm):
    unit = forms.TypedChoiceField(label=_("Unit"), coerce=int)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    percent = forms.DecimalField(
        label=_("Presence target (%)"),
        help_text=_("The share of agreed working days people are at work, e.g. 93.5."),
        min_value=Decimal(50),
        max_value=Decimal(100),
        max_digits=4,
        decimal_places=1,
        localize=True,
    )
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, units: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = units  # type: ignore[attr-defined]
