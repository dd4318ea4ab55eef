"""Forms of the proposal lists: the list's filters and the figures' period and grouping."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from trepart.organisation.forms import PlainChoiceField
from trepart.organisation.models import Body, Unit
from trepart.organisation.selectors import today
from trepart.platform.text import NormalisedForm
from trepart.proposals.models import Source, Status


class ProposalFilterForm(NormalisedForm):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All")), *Status.choices]
    )
    # A big municipality has 1,500 bodies and units: the choices are plain (id, name) pairs,
    # read in one query each, never model instances.
    body = PlainChoiceField(label=_("Body"), required=False, coerce=int, empty_value=None)
    unit = PlainChoiceField(label=_("Unit"), required=False, coerce=int, empty_value=None)
    source = forms.ChoiceField(
        label=_("From"), required=False, choices=[("", _("Anyone")), *Source.choices]
    )
    overdue = forms.BooleanField(label=_("Only past the answer date"), required=False)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        everything = ("", _("All"))
        self.fields["body"].choices = [  # type: ignore[attr-defined]
            everything,
            *Body.objects.for_user(user).order_by("name", "pk").values_list("pk", "name"),
        ]
        self.fields["unit"].choices = [  # type: ignore[attr-defined]
            everything,
            *Unit.objects.for_user(user).order_by("name", "pk").values_list("pk", "name"),
        ]


class FiguresForm(NormalisedForm):
    YEARS_BACK = 6

    year = forms.TypedChoiceField(label=_("Period"), required=False, coerce=int, empty_value=None)
    by = forms.ChoiceField(
        label=_("Grouped by"),
        required=False,
        choices=[("body", _("Body")), ("unit", _("Unit"))],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        this_year = today().year
        field: Any = self.fields["year"]
        field.choices = [("", _("The last 12 months"))] + [
            (year, str(year)) for year in range(this_year, this_year - self.YEARS_BACK, -1)
        ]

    def period(self) -> tuple[datetime.date, datetime.date]:
        """The arrival dates counted: a calendar year, or the last 12 months."""
        year = self.cleaned_data.get("year") if self.is_valid() else None
        if year:
            return datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        end = today()
        try:
            start = end.replace(year=end.year - 1)
        except ValueError:  # 29 February
            start = end.replace(year=end.year - 1, day=28)
        return start + datetime.timedelta(days=1), end
