"""Forms for sending a proposal: the shape of the input; ``services.proposal_submit`` checks
the rules (units of the municipality, files by their content, the cost estimate)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from trepart.organisation.selectors import units_by_sector
from trepart.organisation.widgets import UnitChecklist
from trepart.platform.files.content import accept_attribute
from trepart.platform.text import NormalisedForm
from trepart.proposals.models import Attachment

# A cost estimate fits the database's integer column.
COST_MAX = 2_000_000_000


class UnitIdsField(forms.MultipleChoiceField):
    """Unit ids; whether each belongs to the municipality is the service's check, so an
    unknown unit gets the same clear message from the page and the API."""

    def valid_value(self, value: Any) -> bool:
        return str(value).isdigit()


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several uploaded files in one field (a list, possibly empty)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": accept_attribute()}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


class ProposalForm(NormalisedForm):
    """An employee's proposal."""

    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        error_messages={"required": _("Give the proposal a title.")},
    )
    description = forms.CharField(
        label=_("Description"),
        error_messages={"required": _("Describe the proposal in a sentence or more.")},
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("What should change, and why? What would it make better?"),
    )
    units = UnitIdsField(
        label=_("Affected units"),
        widget=UnitChecklist,
        help_text=_("Tick every unit the proposal affects. The units are grouped by sector."),
        error_messages={"required": _("Choose the unit or units the proposal affects.")},
    )
    service_users_affected = forms.BooleanField(
        label=_("Service users are affected (pupils, patients, residents …)"), required=False
    )
    needs_money = forms.BooleanField(label=_("The proposal needs money"), required=False)
    cost_estimate = forms.IntegerField(
        label=_("Estimated cost in kroner (NOK)"),
        required=False,
        min_value=1,
        max_value=COST_MAX,
        help_text=_("Only if the proposal needs money. Whole kroner, no spaces."),
    )
    hide_name = forms.BooleanField(
        label=_("Show my name only to the body that handles the proposal"), required=False
    )
    attachments = MultipleFileField(
        label=_("Attachments"),
        required=False,
        help_text=_("At most %(count)d files of up to 10 MB each: PDF, images or office documents.")
        % {"count": Attachment.MAX_PER_PROPOSAL},
    )

    units_required = True

    def __init__(
        self, *args: Any, municipality_id: int, similar_url: str = "", **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if similar_url:
            # Similar proposals appear as the person types (the page has a button too).
            for name in ("title", "description"):
                self.fields[name].widget.attrs.update(
                    {
                        "data-hx-get": similar_url,
                        "data-hx-trigger": "keyup changed delay:500ms",
                        "data-hx-target": "#similar",
                        "data-hx-include": "#id_title, #id_description",
                        "data-hx-sync": "closest form:replace",
                    }
                )
        units: Any = self.fields["units"]
        units.required = self.units_required
        # Only ids and names: a municipality may have 1,500 units and the page stays fast.
        units.widget.groups = units_by_sector(municipality_id=municipality_id)

    def submission(self) -> dict[str, Any]:
        """The cleaned data as ``proposal_submit``'s keyword arguments."""
        data = self.cleaned_data
        return {
            "title": data["title"],
            "description": data["description"],
            "unit_ids": [int(pk) for pk in data.get("units") or []],
            "service_users_affected": data["service_users_affected"],
            "needs_money": data["needs_money"],
            "cost_estimate": data["cost_estimate"] if data["needs_money"] else None,
            "hide_name": data["hide_name"],
            "files": data.get("attachments") or [],
        }


class PublicProposalForm(ProposalForm):
    """A citizen's proposal: units optional, name and e-mail optional, and a trap for bots."""

    units_required = False

    proposer_name = forms.CharField(label=_("Your name"), max_length=200, required=False)
    proposer_email = forms.EmailField(
        label=_("Your e-mail address"),
        required=False,
        help_text=_(
            "We write to you when something happens. Without an e-mail address you must "
            "keep the link to the tracking page you get after sending: it is the only way "
            "to follow the proposal."
        ),
    )
    # Hidden from people (the wrapper is hidden); programs that fill every field fill it.
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    field_order = [
        "title",
        "description",
        "units",
        "service_users_affected",
        "needs_money",
        "cost_estimate",
        "proposer_name",
        "proposer_email",
        "hide_name",
        "attachments",
    ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["website"].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})

    @property
    def is_bot(self) -> bool:
        return bool(self.cleaned_data.get("website"))

    def submission(self) -> dict[str, Any]:
        values = super().submission()
        values["proposer_name"] = self.cleaned_data["proposer_name"]
        values["proposer_email"] = self.cleaned_data["proposer_email"]
        return values
