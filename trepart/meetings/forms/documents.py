"""Forms for an item's documents: a new paper and a new version of one."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from trepart.meetings.forms._common import LEGAL_BASIS_CHOICES
from trepart.platform.files.content import accept_attribute
from trepart.platform.text import NormalisedForm


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
