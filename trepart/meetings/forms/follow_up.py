"""Forms for follow-up actions: a new action, its status, and the board's filters."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from trepart.meetings.forms._common import DATE, TEXT
from trepart.meetings.models import FollowUp
from trepart.organisation.forms import LongSelect, PlainChoiceField, VersionedForm
from trepart.organisation.models import Body, Membership, Person
from trepart.organisation.selectors import active_q, today
from trepart.platform.text import NormalisedForm


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
