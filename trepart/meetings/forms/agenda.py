"""Forms for agenda items: kind, title, case officer, closure and proposals from the inbox."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from trepart.meetings.forms._common import LEGAL_BASIS_CHOICES
from trepart.meetings.models import AgendaItem
from trepart.organisation.forms import LongSelect, VersionedForm
from trepart.organisation.models import Body
from trepart.organisation.selectors import person_matches
from trepart.organisation.widgets import PersonPicker
from trepart.platform.text import NormalisedForm
from trepart.proposals.models import OPEN_STATUSES, Proposal


class LongSelectMultiple(LongSelect):
    """``LongSelect`` for a multiple choice: the same quick markup, several values."""

    allow_multiple_selected = True

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        return forms.SelectMultiple().value_from_datadict(data, files, name)

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return False


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
        widget=PersonPicker(allow_none=True),
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
            user=user,
            query=officer_query,
            chosen_id=self["case_officer"].value(),
            kinds=picker.kinds,
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
