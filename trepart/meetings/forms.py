"""Forms for planning meetings: the plan, one meeting, agenda items and documents.

Forms check the shape of the input; the services enforce the rules (closure needs a legal
basis, proposals must come from the body's inbox) and their messages are put on the fields.
"""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from trepart.meetings.models import AgendaItem, LegalBasis, Meeting
from trepart.organisation.forms import LongSelect, VersionedForm
from trepart.organisation.models import Body
from trepart.organisation.selectors import person_matches
from trepart.organisation.widgets import PersonPicker
from trepart.platform.files.content import accept_attribute
from trepart.platform.text import NormalisedForm
from trepart.proposals.models import OPEN_STATUSES, Proposal

LEGAL_BASIS_CHOICES = [("", _("– not closed –")), *LegalBasis.choices]


class LongSelectMultiple(LongSelect):
    """``LongSelect`` for a multiple choice: the same quick markup, several values."""

    allow_multiple_selected = True

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        return forms.SelectMultiple().value_from_datadict(data, files, name)

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return False


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


class ItemForm(NormalisedForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=AgendaItem.Kind.choices)
    title = forms.CharField(label=_("Title"), max_length=300)
    description = forms.CharField(
        label=_("Case presentation"), widget=forms.Textarea(attrs={"rows": 6}), required=False
    )
    # Picked by search: a municipality may have 50,000 people, some with the same name.
    case_officer = forms.IntegerField(
        label=_("Case officer"),
        required=False,
        widget=PersonPicker(allow_none=True, citizens=False),
    )
    closed = forms.BooleanField(
        label=_("Closed to the public"),
        required=False,
        help_text=_(
            "The public sees only the case number and a neutral title naming the legal basis; "
            "the real title, the case presentation and the documents stay with the body."
        ),
    )
    legal_basis = forms.ChoiceField(
        label=_("Legal basis for closing"),
        choices=LEGAL_BASIS_CHOICES,
        required=False,
        help_text=_("Required when the item is closed (kommuneloven § 11-5, offentleglova)."),
    )
    proposals = forms.TypedMultipleChoiceField(
        label=_("Proposals from the inbox"),
        coerce=int,
        required=False,
        widget=LongSelectMultiple(attrs={"multiple": True, "size": 6}),
        help_text=_(
            "Only for an item of the kind “Proposals from the inbox”: the body's open proposals."
        ),
    )

    def __init__(
        self,
        *args: Any,
        body: Body,
        user: Any,
        officer_query: str = "",
        linked: list[int] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        picker: Any = self.fields["case_officer"].widget
        picker.query = officer_query
        picker.search_url = reverse("organisation:person-picker")
        picker.people, picker.found = person_matches(
            user=user, query=officer_query, chosen_id=self["case_officer"].value(), citizens=False
        )
        # The body's open proposals, and those already on the item (whatever their state now).
        inbox = Proposal.objects.filter(municipality_id=body.municipality_id).filter(
            Q(status__in=OPEN_STATUSES) & (Q(body_id=body.pk) | Q(recommendation_body_id=body.pk))
            | Q(pk__in=linked or [])
        )
        chosen: Any = self.fields["proposals"]
        chosen.choices = [
            (pk, f"#{pk} {title}") for pk, title in inbox.order_by("pk").values_list("pk", "title")
        ]


class ItemEditForm(VersionedForm, ItemForm):
    pass


def item_initial(item: AgendaItem) -> dict[str, Any]:
    return {
        "kind": item.kind,
        "title": item.title,
        "description": item.description,
        "case_officer": item.case_officer_id,
        "closed": item.closed,
        "legal_basis": item.legal_basis,
        "proposals": list(item.proposals.values_list("pk", flat=True)),
        "version": item.version,
    }


class DocumentForm(NormalisedForm):
    title = forms.CharField(label=_("Title"), max_length=300)
    file = forms.FileField(
        label=_("File"),
        widget=forms.ClearableFileInput(attrs={"accept": accept_attribute()}),
        help_text=_("PDF, an image or an office document, at most 10 MB."),
    )
    exempt = forms.BooleanField(
        label=_("Exempt from public access"),
        required=False,
        help_text=_("The public sees a neutral title naming the legal basis, and no file."),
    )
    legal_basis = forms.ChoiceField(
        label=_("Legal basis for exemption"),
        choices=LEGAL_BASIS_CHOICES,
        required=False,
    )


class DocumentReviseForm(NormalisedForm):
    file = forms.FileField(
        label=_("New version"),
        widget=forms.ClearableFileInput(attrs={"accept": accept_attribute()}),
        help_text=_("PDF, an image or an office document, at most 10 MB."),
    )


class YearForm(NormalisedForm):
    ar = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100, required=False)
