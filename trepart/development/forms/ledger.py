"""The ledger's forms: a measure with its years (a formset of year rows), and the upload."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from trepart.development.models import Realisation, SavingsMeasure
from trepart.development.services.ledger import YearFigures
from trepart.organisation.models import Unit
from trepart.platform.text import NormalisedForm

MAX_BYTES = 10 * 1024 * 1024
YEAR_ROWS = 3  # empty rows offered after the measure's own years


class FteField(forms.DecimalField):
    """A number of FTEs with a decimal comma or point, whatever the page's language."""

    def to_python(self, value: Any) -> Any:
        if isinstance(value, str):
            value = value.strip().replace("\u2212", "-").replace(" ", "").replace("\u00a0", "")
            if "," in value and "." not in value:
                value = value.replace(",", ".")
        return super().to_python(value)


class MeasureForm(NormalisedForm):
    unit = forms.ModelChoiceField(
        label=_("Unit"),
        queryset=Unit.objects.none(),
        error_messages={"invalid_choice": _("Choose one of your municipality's units.")},
    )
    title = forms.CharField(label=_("Measure"), max_length=200)
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea)
    realisation = forms.ChoiceField(label=_("Realised through"), choices=Realisation.choices)
    fte_effect = FteField(
        label=_("FTE effect"),
        help_text=_("Negative for fewer FTEs, e.g. -1.5. Only the measure's total, no names."),
        max_digits=8,
        decimal_places=2,
        initial=0,
    )
    status = forms.ChoiceField(label=_("Status"), choices=SavingsMeasure.Status.choices)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["unit"]
        field.queryset = Unit.objects.for_user(user).order_by("name", "pk")


class YearForm(NormalisedForm):
    """One budget year; an empty row is left out, a cleared row removes the year."""

    year = forms.IntegerField(label=_("Year"), required=False)
    planned = forms.IntegerField(label=_("Planned (NOK)"), required=False)
    realised = forms.IntegerField(label=_("Realised (NOK)"), required=False)

    def figures(self) -> YearFigures | None:
        data = self.cleaned_data
        if all(data.get(name) is None for name in ("year", "planned", "realised")):
            return None
        return YearFigures(data.get("year"), data.get("planned"), data.get("realised"))


YearFormSet = forms.formset_factory(YearForm, extra=YEAR_ROWS, max_num=60, validate_max=True)


def year_figures(formset: Any) -> list[YearFigures]:
    """The filled rows of a valid formset."""
    rows = (form.figures() for form in formset.forms if form.is_valid())
    return [row for row in rows if row is not None]


class LedgerImportForm(NormalisedForm):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "Saved as “CSV UTF-8”, with semicolons or commas between the columns. At most 10 MB."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
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
