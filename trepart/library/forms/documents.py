"""Forms for documents and versions. They check the shape of the input; the services
check the rules (an approved version is never changed, the item is the body's …)."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from trepart.library.models import DocumentKind
from trepart.meetings.models import AgendaItem
from trepart.organisation.models import Body
from trepart.platform.files.content import FileKind, accept_attribute
from trepart.platform.text import NormalisedForm

PDF_HELP = _("Optional: the signed or printed version as a PDF (checked by its content).")
TEXT_HELP = _(
    "Paragraphs separated by a blank line. A line starting with “# ” or “## ” is a heading, "
    "a line starting with “- ” a point in a list."
)
# Items offered for an approval: the most recent ones (the newest meetings first).
ITEM_CHOICES = 300


class _DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


def _pdf_field() -> forms.FileField:
    return forms.FileField(
        label=_("PDF file"),
        required=False,
        help_text=PDF_HELP,
        widget=forms.FileInput(attrs={"accept": accept_attribute({FileKind.PDF})}),
    )


class DocumentCreateForm(NormalisedForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=DocumentKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(
        label=_("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    text = forms.CharField(
        label=_("Text of the first version"),
        help_text=TEXT_HELP,
        widget=forms.Textarea(attrs={"rows": 16}),
    )
    is_public = forms.BooleanField(
        label=_("Public once approved (shown on the public pages)"), required=False
    )
    upload = _pdf_field()


class DocumentEditForm(NormalisedForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=DocumentKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(
        label=_("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)


class VersionForm(NormalisedForm):
    text = forms.CharField(
        label=_("Text"), help_text=TEXT_HELP, widget=forms.Textarea(attrs={"rows": 20})
    )
    change_note = forms.CharField(label=_("What changed"), max_length=300, required=False)
    is_public = forms.BooleanField(
        label=_("Public once approved (shown on the public pages)"), required=False
    )
    upload = _pdf_field()
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)


class ApproveForm(NormalisedForm):
    body = forms.ModelChoiceField(
        label=_("Approved by"),
        queryset=Body.objects.none(),
        error_messages={"invalid_choice": _("Choose one of your municipality's bodies.")},
    )
    item = forms.ModelChoiceField(
        label=_("On meeting item"),
        queryset=AgendaItem.objects.none(),
        required=False,
        help_text=_("The item of the approving body's meeting where the version was approved."),
        error_messages={"invalid_choice": _("Choose one of your municipality's meeting items.")},
    )
    approved_on = forms.DateField(label=_("Approved on"), widget=_DateInput())
    applies_from = forms.DateField(label=_("Applies from"), widget=_DateInput())
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    def __init__(self, *args: Any, municipality_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        body: Any = self.fields["body"]
        body.queryset = Body.objects.filter(municipality_id=municipality_id).order_by("name")
        item: Any = self.fields["item"]
        recent = (
            AgendaItem.objects.filter(municipality_id=municipality_id)
            .select_related("meeting", "body")
            .order_by("-meeting__starts_at", "position")
        )
        item.queryset = (
            AgendaItem.objects.filter(
                pk__in=list(recent.values_list("pk", flat=True)[:ITEM_CHOICES])
            )
            .select_related("meeting", "body")
            .order_by("-meeting__starts_at", "position")
        )
        item.label_from_instance = _item_label

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        approved_on: datetime.date | None = data.get("approved_on")
        applies_from: datetime.date | None = data.get("applies_from")
        if approved_on and applies_from and applies_from < approved_on:
            self.add_error(
                "applies_from", _("A version cannot apply from before the day it was approved.")
            )
        return data


def _item_label(item: AgendaItem) -> str:
    day = timezone.localtime(item.meeting.starts_at)
    return f"{item.body.name} {day:%d.%m.%Y} – {item.case_number} {item.title}"


class BodyLinkForm(NormalisedForm):
    body = forms.ModelChoiceField(
        label=_("Body governed by this document"),
        queryset=Body.objects.none(),
        error_messages={"invalid_choice": _("Choose one of your municipality's bodies.")},
    )

    def __init__(self, *args: Any, municipality_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        body: Any = self.fields["body"]
        body.queryset = Body.objects.filter(municipality_id=municipality_id).order_by("name")


class CompareForm(NormalisedForm):
    """Which two versions to compare, by number (``fra`` and ``til`` in the address)."""

    fra = forms.TypedChoiceField(label=_("Compare version"), coerce=int)
    til = forms.TypedChoiceField(label=_("with version"), coerce=int)

    def __init__(self, *args: Any, numbers: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(number, str(number)) for number in numbers]
        for name in ("fra", "til"):
            field: Any = self.fields[name]
            field.choices = choices
            field.error_messages["invalid_choice"] = _("Choose one of the versions listed.")
