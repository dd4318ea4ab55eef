"""Forms for planning meetings: the plan (a series), one meeting, and the year shown."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from trepart.meetings.models import Meeting
from trepart.organisation.forms import VersionedForm
from trepart.platform.text import NormalisedForm


def local_moment(day: datetime.date, time: datetime.time) -> datetime.datetime:
    """A wall-clock day and time in the municipality's time zone."""
    return datetime.datetime.combine(day, time, tzinfo=timezone.get_current_timezone())


class _MeetingFields(NormalisedForm):
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    video_url = forms.URLField(
        label=_("Video link"),
        required=False,
        assume_scheme="https",
        help_text=_("Shown only to the body's members."),
    )
    is_open = forms.BooleanField(
        label=_("Open to the public"),
        required=False,
        initial=True,
        help_text=_("Open meetings are shown in the public meeting calendar."),
    )


class MeetingPlanForm(_MeetingFields):
    """A series of meetings: the first one, how often, and how many or until when."""

    first_day = forms.DateField(
        label=_("First meeting"), widget=forms.DateInput(attrs={"type": "date"})
    )
    start_time = forms.TimeField(
        label=_("Starts at"), initial="18:00", widget=forms.TimeInput(attrs={"type": "time"})
    )
    every_weeks = forms.IntegerField(label=_("Every … weeks"), min_value=1, max_value=52, initial=8)
    count = forms.IntegerField(
        label=_("Number of meetings"),
        min_value=1,
        max_value=52,
        initial=6,
        help_text=_("The plan stops at this number or at the last date, whichever comes first."),
    )
    until = forms.DateField(
        label=_("Last date (optional)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    minutes = forms.IntegerField(
        label=_("Length in minutes"), min_value=15, max_value=24 * 60, initial=120
    )
    field_order = [
        "first_day",
        "start_time",
        "every_weeks",
        "count",
        "until",
        "minutes",
        "place",
        "video_url",
        "is_open",
    ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first, until = data.get("first_day"), data.get("until")
        if first and until and until < first:
            self.add_error("until", _("The last date cannot be before the first meeting."))
        return data


class MeetingForm(_MeetingFields):
    """One meeting: its day, start and end."""

    day = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    start_time = forms.TimeField(
        label=_("Starts at"), initial="18:00", widget=forms.TimeInput(attrs={"type": "time"})
    )
    end_time = forms.TimeField(
        label=_("Ends at"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    field_order = ["day", "start_time", "end_time", "place", "video_url", "is_open"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start_time"), data.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("The meeting must end after it starts."))
        return data

    def moments(self) -> dict[str, Any]:
        """The service's fields: start and end as moments in time."""
        data = self.cleaned_data
        starts_at = local_moment(data["day"], data["start_time"])
        ends_at = local_moment(data["day"], data["end_time"]) if data.get("end_time") else None
        return {
            "starts_at": starts_at,
            "ends_at": ends_at,
            "place": data["place"],
            "video_url": data["video_url"],
            "is_open": data["is_open"],
        }


class MeetingEditForm(VersionedForm, MeetingForm):
    field_order = ["day", "start_time", "end_time", "place", "video_url", "is_open"]


def meeting_initial(meeting: Meeting) -> dict[str, Any]:
    starts = timezone.localtime(meeting.starts_at)
    ends = timezone.localtime(meeting.ends_at) if meeting.ends_at else None
    return {
        "day": starts.date(),
        "start_time": starts.time().replace(second=0, microsecond=0),
        "end_time": ends.time().replace(second=0, microsecond=0) if ends else None,
        "place": meeting.place,
        "video_url": meeting.video_url,
        "is_open": meeting.is_open,
        "version": meeting.version,
    }


class VersionOnlyForm(VersionedForm):
    """A step on a versioned row that needs nothing else: publish, cancel."""


class YearForm(NormalisedForm):
    ar = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100, required=False)
