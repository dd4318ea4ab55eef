"""Forms for what happens in and after a meeting: attendance, stands, motions, outcomes,
follow-up actions and the minutes.

They check the shape of the input; the services enforce the rules and their messages are
put back on the fields, so a page keeps whatever was typed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django import forms
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from trepart.meetings.models import AgendaItem, Attendance, FollowUp, ItemStand
from trepart.meetings.services import STEP_ACTIONS, AttendanceRow, ProposalStep
from trepart.meetings.services.conduct import THE_THREE
from trepart.organisation.forms import LongSelect, PlainChoiceField, VersionedForm
from trepart.organisation.models import Body, Membership, Party, Person
from trepart.organisation.selectors import active_q, today
from trepart.platform.text import NormalisedForm
from trepart.proposals.models import AnswerKind, DecisionMaker

TEXT = {"rows": 4}
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


# ---------------------------------------------------------------------------------------
# Attendance


def _seat_label(seat: Membership) -> str:
    parts = [seat.get_role_display()]
    if seat.capacity != Membership.Capacity.OTHER:
        parts.append(seat.get_capacity_display())
    return f"{seat.person.full_name} – {', '.join(str(part) for part in parts)}"


class AttendanceForm(NormalisedForm):
    """One row per person with a seat on the meeting day: present, absent or deputy.

    A deputy who was not called in is simply not listed.
    """

    def __init__(
        self, *args: Any, seats: Sequence[Membership], current: Iterable[Attendance], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        before = {row.person_id: row for row in current}
        self.groups: list[tuple[str, list[tuple[Membership, str, str]]]] = []
        seen: set[int] = set()
        by_party: dict[str, list[tuple[Membership, str, str]]] = {}
        for seat in seats:
            if seat.person_id in seen:
                continue
            seen.add(seat.person_id)
            is_deputy = seat.role == Membership.Role.DEPUTY
            status_name, instead_name = f"status_{seat.person_id}", f"instead_{seat.person_id}"
            # A member is present or absent; a deputy is not called in, or comes in place
            # of a member of the same party.
            choices = list(Attendance.Status.choices)
            if is_deputy:
                choices = [("", _("Not called in")), *choices]
            else:
                choices = [c for c in choices if c[0] != Attendance.Status.DEPUTY]
            row = before.get(seat.person_id)
            default = "" if is_deputy else Attendance.Status.PRESENT
            self.fields[status_name] = forms.ChoiceField(
                # Grouped by party already: the role and what the person sits as.
                label=_seat_label(seat),
                choices=choices,
                widget=forms.RadioSelect,
                required=not is_deputy,
                initial=row.status if row else default,
                error_messages={"required": _("Choose present or absent.")},
            )
            if is_deputy:
                members = [
                    other
                    for other in seats
                    if other.party == seat.party
                    and other.person_id != seat.person_id
                    and other.role not in (Membership.Role.DEPUTY, Membership.Role.SECRETARY)
                ]
                self.fields[instead_name] = forms.TypedChoiceField(
                    label=_("In place of"),
                    choices=[("", "–"), *((m.person_id, m.person.full_name) for m in members)],
                    coerce=int,
                    empty_value=None,
                    required=False,
                    initial=row.substitute_for_id if row else None,
                    help_text=_("The member of the same party the deputy replaced."),
                )
            by_party.setdefault(seat.party, []).append((seat, status_name, instead_name))
        for party in Party.values:
            if party in by_party:
                self.groups.append((str(Party(party).label), by_party[party]))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name in list(self.fields):
            if not name.startswith("status_"):
                continue
            instead = name.replace("status_", "instead_")
            if data.get(name) == Attendance.Status.DEPUTY and not data.get(instead):
                self.add_error(instead, _("Say which member the deputy came in place of."))
        return data

    def rows(self) -> list[AttendanceRow]:
        rows = []
        for name in self.fields:
            if not name.startswith("status_") or not self.cleaned_data.get(name):
                continue
            person_id = int(name.removeprefix("status_"))
            rows.append(
                AttendanceRow(
                    person_id=person_id,
                    status=self.cleaned_data[name],
                    substitute_for_id=self.cleaned_data.get(f"instead_{person_id}"),
                )
            )
        return rows

    def bound_groups(self) -> list[tuple[str, list[tuple[Membership, Any, Any]]]]:
        return [
            (
                label,
                [
                    (seat, self[status], self[instead] if instead in self.fields else None)
                    for seat, status, instead in rows
                ],
            )
            for label, rows in self.groups
        ]


# ---------------------------------------------------------------------------------------
# One item: stands, motions, outcome


class StandsForm(NormalisedForm):
    """How each of the three parties stood on the item, with the party's view."""

    def __init__(self, *args: Any, stands: Iterable[ItemStand] = (), **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "id_stands_%s")
        super().__init__(*args, **kwargs)
        before = {stand.party: stand for stand in stands}
        self.recorded = set(before)
        for party in THE_THREE:
            label = Party(party).label
            stand = before.get(party)
            # "No view recorded" is the one choice for a party without a stand: a second
            # "Not recorded" beside it said the same thing twice.
            self.fields[f"stance_{party}"] = forms.ChoiceField(
                label=label,
                choices=ItemStand.Stance.choices,
                widget=forms.RadioSelect,
                required=False,
                initial=stand.stance if stand else ItemStand.Stance.NO_VIEW,
            )
            self.fields[f"statement_{party}"] = forms.CharField(
                label=_("The view of %(party)s") % {"party": label},
                widget=forms.Textarea(attrs=TEXT),
                required=False,
                max_length=5000,
                initial=stand.statement if stand else "",
            )

    def stands(self) -> dict[str, tuple[str, str]]:
        data = self.cleaned_data
        return {
            party: (data[f"stance_{party}"], data.get(f"statement_{party}", ""))
            for party in THE_THREE
            if data.get(f"stance_{party}")
            # A party left at "no view recorded" gets no stand unless it had one to change.
            and (data[f"stance_{party}"] != ItemStand.Stance.NO_VIEW or party in self.recorded)
        }

    def parties(self) -> list[tuple[Any, Any]]:
        return [(self[f"stance_{p}"], self[f"statement_{p}"]) for p in THE_THREE]


ADOPTED_CHOICES = [("", _("No vote held")), ("yes", _("Adopted")), ("no", _("Not adopted"))]


class MotionForm(NormalisedForm):
    tabled_by = forms.CharField(label=_("Put forward by"), max_length=200)
    text = forms.CharField(label=_("Wording"), widget=forms.Textarea(attrs=TEXT), max_length=5000)
    votes_for = forms.IntegerField(label=_("Votes for"), min_value=0, required=False)
    votes_against = forms.IntegerField(label=_("Votes against"), min_value=0, required=False)
    adopted = forms.TypedChoiceField(
        label=_("Result"),
        choices=ADOPTED_CHOICES,
        coerce=lambda value: value == "yes",
        empty_value=None,
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "id_motion_%s")
        super().__init__(*args, **kwargs)


STEP_LABELS = {
    "answer": _("Answer the proposer"),
    "escalate": _("Escalate to the next body"),
    "recommend": _("Recommend to the council or the kommunedirektør"),
    "advise": _("Give the coordination group's advice"),
}


class OutcomeForm(VersionedForm):
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=AgendaItem.Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the outcome.")},
    )
    outcome_text = forms.CharField(
        label=_("Recommendation or decision, as worded"),
        widget=forms.Textarea(attrs=TEXT),
        required=False,
        max_length=10000,
        help_text=_("For a disagreement, the parties' views are taken from their stands."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "id_outcome_%s")
        super().__init__(*args, **kwargs)


class ProposalStepForm(NormalisedForm):
    """What happens to one proposal on the item; several on a page, one prefix each."""

    action = forms.ChoiceField(
        label=_("What happens"),
        choices=[(a, STEP_LABELS[a]) for a in STEP_ACTIONS],
        widget=forms.RadioSelect,
        required=False,
    )
    kind = forms.ChoiceField(
        label=_("Answer"),
        choices=[("", "–"), *AnswerKind.choices],
        required=False,
        help_text=_("When the proposer is answered."),
    )
    new_due_on = forms.DateField(
        label=_("New answer date"),
        required=False,
        widget=DATE,
        help_text=_("Only for further evaluation."),
    )
    decision_maker = forms.ChoiceField(
        label=_("Decided by"),
        choices=[("", "–"), *DecisionMaker.choices],
        required=False,
        help_text=_("When the body recommends."),
    )
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs=TEXT),
        required=False,
        max_length=5000,
        help_text=_("The proposer reads this when they are answered."),
    )

    def __init__(self, *args: Any, proposal: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", f"p{proposal.pk}")
        super().__init__(*args, **kwargs)
        self.proposal = proposal

    def step(self) -> ProposalStep | None:
        data = self.cleaned_data
        if not data.get("action"):
            return None
        return ProposalStep(
            proposal_id=self.proposal.pk,
            action=data["action"],
            reason=data.get("reason", ""),
            kind=data.get("kind", ""),
            new_due_on=data.get("new_due_on"),
            decision_maker=data.get("decision_maker", ""),
        )


# ---------------------------------------------------------------------------------------
# Follow-up


def owner_choices(body: Body, *, also: int | None = None) -> list[tuple[Any, str]]:
    """The people with a seat in the body (and the current owner), as plain pairs."""
    people = {
        pk: f"{first} {last}"
        for pk, first, last in Membership.objects.filter(active_q(today()), body=body)
        .order_by("person__last_name", "person__first_name")
        .values_list("person_id", "person__first_name", "person__last_name")
    }
    if also is not None and also not in people:
        person = Person.objects.filter(pk=also).values_list("first_name", "last_name").first()
        if person:
            people[also] = f"{person[0]} {person[1]}"
    return [("", "–"), *people.items()]


class _FollowUpFields(NormalisedForm):
    owner = forms.TypedChoiceField(
        label=_("Owner"),
        coerce=int,
        empty_value=None,
        widget=LongSelect,
        error_messages={"required": _("Choose who owns the action.")},
    )
    due_on = forms.DateField(
        label=_("Due"), widget=DATE, error_messages={"required": _("Give the date it is due.")}
    )

    def __init__(self, *args: Any, body: Body, owner_id: int | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].choices = owner_choices(body, also=owner_id)  # type: ignore[attr-defined]


class FollowUpCreateForm(_FollowUpFields):
    title = forms.CharField(
        label=_("Action"),
        max_length=300,
        error_messages={"required": _("Say what is to be done.")},
    )
    item = forms.IntegerField(widget=forms.HiddenInput, required=False)

    field_order = ["title", "owner", "due_on"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "id_follow_up_%s")
        super().__init__(*args, **kwargs)


class FollowUpEditForm(VersionedForm, _FollowUpFields):
    status = forms.ChoiceField(label=_("Status"), choices=FollowUp.Status.choices)
    note = forms.CharField(
        label=_("Status note"), widget=forms.Textarea(attrs=TEXT), required=False, max_length=5000
    )

    field_order = ["status", "note", "due_on", "owner"]


class FollowUpFilterForm(NormalisedForm):
    body = PlainChoiceField(label=_("Body"), required=False, coerce=int, empty_value=None)
    mine = forms.BooleanField(label=_("Only actions I own"), required=False)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Only bodies with actions: a large municipality has more than a thousand bodies,
        # most of which never agree on one.
        with_actions = Exists(FollowUp.objects.filter(body=OuterRef("pk")))
        self.fields["body"].choices = [  # type: ignore[attr-defined]
            ("", _("All bodies")),
            *Body.objects.for_user(user)
            .filter(with_actions)
            .order_by("name", "pk")
            .values_list("pk", "name"),
        ]


# ---------------------------------------------------------------------------------------
# Minutes


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
