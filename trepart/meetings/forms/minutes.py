"""The minutes' form: the parts that are written, not drawn from the records."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from trepart.meetings.forms._common import TEXT
from trepart.organisation.forms import VersionedForm


class MinutesForm(VersionedForm):
    """The parts of the minutes that are written, not drawn from the records."""

    notes = forms.CharField(
        label=_("Opening notes"),
        widget=forms.Textarea(attrs=TEXT),
        required=False,
        max_length=20000,
        help_text=_("Who chaired, approval of the notice and agenda, anything said at the start."),
    )

    def __init__(self, *args: Any, items: Sequence[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.item_fields: dict[int, str] = {}
        for item in items:
            name = f"discussion_{item.pk}"
            self.fields[name] = forms.CharField(
                label=_("Discussion of case %(number)s") % {"number": item.case_number},
                widget=forms.Textarea(attrs={"rows": 6}),
                required=False,
                max_length=50000,
            )
            self.item_fields[item.pk] = name

    def discussions(self) -> dict[int, str]:
        return {pk: self.cleaned_data.get(name, "") for pk, name in self.item_fields.items()}
