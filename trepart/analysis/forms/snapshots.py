"""Sending an analysis to a meeting: which meeting, the item's title and its kind."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from trepart.analysis.services.snapshots import SNAPSHOT_KINDS
from trepart.meetings.models import AgendaItem, Meeting
from trepart.platform.text import NormalisedForm

PARAM_PREFIX = "param-"


def meeting_label(meeting: Meeting) -> str:
    when = date_format(timezone.localtime(meeting.starts_at), "DATE_FORMAT")
    return f"{meeting.body.name}, {when}"


class SnapshotSendForm(NormalisedForm):
    key = forms.CharField(widget=forms.HiddenInput)
    meeting = forms.TypedChoiceField(label=_("Meeting"), coerce=int, choices=[])
    title = forms.CharField(label=_("Title of the agenda item"), max_length=300)
    kind = forms.ChoiceField(
        label=_("Kind of item"),
        choices=[(kind.value, kind.label) for kind in SNAPSHOT_KINDS],
        initial=AgendaItem.Kind.DISCUSSION,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args: Any, meetings: list[Meeting], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["meeting"]
        # Any whole number is accepted here: the view looks the meeting up within the
        # user's municipality (404 otherwise) and the service checks the rest.
        field.choices = [(m.pk, meeting_label(m)) for m in meetings]
        field.valid_value = lambda value: True
