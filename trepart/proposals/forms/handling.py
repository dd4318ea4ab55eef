"""Forms for handling one proposal: they check the shape of input; the services the rules.

Each action form carries the proposal's ``version`` so a step taken on a state the user
never saw is refused. Several action forms share one page, so each gets its own ids
(``auto_id``) while the field names stay plain (``reason``, ``view_EMPLOYEE``).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from trepart.organisation.forms import LongSelect, VersionedForm
from trepart.organisation.models import Body, Membership, Party
from trepart.proposals.models import AnswerKind, DecisionMaker, Position

REASON_WIDGET = {"rows": 4}


class ActionForm(VersionedForm):
    """A step on one proposal; ``slug`` names the action and prefixes the field ids."""

    slug = ""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"id_{self.slug}_%s")
        super().__init__(*args, **kwargs)


class TakeUpForm(ActionForm):
    slug = "take-up"


class EscalateForm(ActionForm):
    slug = "escalate"
    to_body = forms.ModelChoiceField(
        label=_("Send to"), queryset=Body.objects.none(), widget=LongSelect
    )
    reason = forms.CharField(
        label=_("Why it goes on"), widget=forms.Textarea(attrs=REASON_WIDGET), max_length=5000
    )

    def __init__(self, *args: Any, body: Body, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["to_body"]
        field.queryset = (
            Body.objects.filter(municipality_id=body.municipality_id)
            .exclude(pk=body.pk)
            .order_by("name")
            .only("pk", "name")
        )


class AdviseForm(ActionForm):
    slug = "advise"
    text = forms.CharField(
        label=_("The coordination group's recommendation"),
        widget=forms.Textarea(attrs=REASON_WIDGET),
        max_length=5000,
    )


class WaiveForm(ActionForm):
    slug = "waive"
    reason = forms.CharField(
        label=_("Why the body may decide without a service-user member"),
        widget=forms.Textarea(attrs=REASON_WIDGET),
        max_length=5000,
    )


class AttendanceForm(ActionForm):
    slug = "attendance"
    present = forms.MultipleChoiceField(
        label=_("Present"), widget=forms.CheckboxSelectMultiple, required=False
    )

    def __init__(self, *args: Any, seats: list[Membership], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["present"]
        field.choices = [(str(seat.pk), seat_label(seat)) for seat in seats]


def seat_label(seat: Membership) -> str:
    return f"{seat.person.full_name} – {seat.seat_summary}"


class PositionForm(ActionForm):
    slug = "position"
    membership = forms.TypedChoiceField(label=_("Seat"), coerce=int)
    stance = forms.ChoiceField(
        label=_("Position"), choices=Position.Stance.choices, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs=REASON_WIDGET),
        required=False,
        max_length=5000,
        help_text=_("An objection needs a reason."),
    )

    def __init__(self, *args: Any, seats: list[Membership], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["membership"]
        field.choices = [(seat.pk, seat_label(seat)) for seat in seats]
        if len(seats) == 1:
            field.initial = seats[0].pk


class DisagreementForm(ActionForm):
    slug = "disagreement"

    def __init__(self, *args: Any, parties: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for party in parties:
            self.fields[f"view_{party}"] = forms.CharField(
                label=_("The view of %(party)s") % {"party": Party(party).label},
                widget=forms.Textarea(attrs=REASON_WIDGET),
                max_length=5000,
                error_messages={"required": _("Write this party's view.")},
            )
        self.parties = parties

    def views(self) -> dict[str, str]:
        return {party: self.cleaned_data.get(f"view_{party}", "") for party in self.parties}


class RecommendForm(ActionForm):
    slug = "recommend"
    decision_maker = forms.ChoiceField(label=_("Decided by"), choices=DecisionMaker.choices)
    text = forms.CharField(
        label=_("The body's recommendation"),
        widget=forms.Textarea(attrs=REASON_WIDGET),
        max_length=5000,
    )


class AnswerForm(ActionForm):
    slug = "answer"
    kind = forms.ChoiceField(
        label=_("Answer"), choices=AnswerKind.choices, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=_("Reason given to the proposer"),
        widget=forms.Textarea(attrs=REASON_WIDGET),
        max_length=5000,
    )
    new_due_on = forms.DateField(
        label=_("New answer date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Only for further evaluation: when the proposer gets the final answer."),
    )


class DecideForm(AnswerForm):
    slug = "decide"
    reason = forms.CharField(
        label=_("The formal decision and its reason"),
        widget=forms.Textarea(attrs=REASON_WIDGET),
        max_length=5000,
    )


class DoneForm(ActionForm):
    slug = "done"
    note = forms.CharField(label=_("Note"), required=False, max_length=2000)


class MergeForm(ActionForm):
    slug = "merge"
    into = forms.IntegerField(
        label=_("Number of the proposal to merge into"),
        min_value=1,
        error_messages={"required": _("Give the number of the proposal to merge into.")},
    )
    reason = forms.CharField(
        label=_("Why they are the same"),
        widget=forms.Textarea(attrs=REASON_WIDGET),
        max_length=5000,
    )


ACTION_FORMS: dict[str, type[ActionForm]] = {
    form.slug: form
    for form in (
        TakeUpForm,
        EscalateForm,
        AdviseForm,
        WaiveForm,
        AttendanceForm,
        PositionForm,
        DisagreementForm,
        RecommendForm,
        DecideForm,
        AnswerForm,
        DoneForm,
        MergeForm,
    )
}
