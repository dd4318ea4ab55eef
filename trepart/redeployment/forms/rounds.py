"""Forms of the weekly meeting: the series of meetings, a new round, the meeting's
decision on a pair."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from trepart.meetings.models import Meeting
from trepart.organisation.forms import VersionedForm
from trepart.platform.text import NormalisedForm
from trepart.redeployment.models import ProposedPair


class BankMeetingsForm(NormalisedForm):
    """The weekly series: the first meeting, how many, and until when."""

    first_day = forms.DateField(
        label=_("First meeting"), widget=forms.DateInput(attrs={"type": "date"})
    )
    start_time = forms.TimeField(
        label=_("Starts at"), initial="09:00", widget=forms.TimeInput(attrs={"type": "time"})
    )
    count = forms.IntegerField(label=_("Number of weeks"), min_value=1, max_value=52, initial=12)
    until = forms.DateField(
        label=_("Last date (optional)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    minutes = forms.IntegerField(
        label=_("Length in minutes"), min_value=15, max_value=8 * 60, initial=90
    )
    place = forms.CharField(label=_("Place"), max_length=200, required=False)


class MeetingChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        from django.utils import formats, timezone

        return str(formats.date_format(timezone.localtime(obj.starts_at), "DATETIME_FORMAT"))


class RoundCreateForm(NormalisedForm):
    meeting = MeetingChoice(
        label=_("Meeting"),
        queryset=Meeting.objects.none(),
        required=False,
        empty_label=_("Not on a meeting yet"),
        help_text=_("The round is put on the meeting's agenda as one closed item."),
    )

    def __init__(self, *args: Any, meetings: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = meetings  # type: ignore[attr-defined]


class PairDecisionForm(VersionedForm):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("CONFIRM", _("Confirm and make the offer")), ("OVERRIDE", _("Override"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason for overriding"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class RoundPairsFilter(NormalisedForm):
    """Which of a round's pairs the page shows: all (those awaiting a decision first), or
    those of one decision."""

    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("", _("All, awaiting a decision first")), *ProposedPair.Decision.choices],
        required=False,
    )
