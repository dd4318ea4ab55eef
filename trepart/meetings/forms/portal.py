"""The public meeting calendar's filters."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _

from trepart.organisation.forms import LongSelect, PlainChoiceField
from trepart.platform.text import NormalisedForm


class CalendarForm(NormalisedForm):
    # Without a year: the upcoming meetings and those of the last three months.
    year = forms.TypedChoiceField(
        label=_("Year"), required=False, coerce=int, empty_value=None, widget=LongSelect
    )
    month = forms.TypedChoiceField(
        label=_("Month"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("The whole year")), *MONTHS.items()],
        widget=LongSelect,
    )
    body = PlainChoiceField(label=_("Body"), required=False, coerce=int, empty_value=None)
    q = forms.CharField(label=_("Search in the agendas"), required=False, max_length=200)

    def __init__(
        self,
        *args: Any,
        bodies: list[tuple[int, str]],
        years: range,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["body"].choices = [("", _("All bodies")), *bodies]  # type: ignore[attr-defined]
        self.fields["year"].choices = [  # type: ignore[attr-defined]
            ("", _("Upcoming and the last three months")),
            *((year, str(year)) for year in years),
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("month") and not data.get("year"):
            self.add_error("year", _("Choose a year to see a month."))
        return data

    def period(self, today: datetime.date) -> tuple[datetime.date, datetime.date]:
        """The first and last day shown (call after ``is_valid``)."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        year, month = data.get("year"), data.get("month")
        if year and month:
            first = datetime.date(year, month, 1)
            following = datetime.date(year + month // 12, month % 12 + 1, 1)
            return first, following - datetime.timedelta(days=1)
        if year:
            return datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        return today - datetime.timedelta(days=92), today + datetime.timedelta(days=2 * 366)
