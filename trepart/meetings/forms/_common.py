"""Choices and widgets that several of the meetings' forms share."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from trepart.meetings.models import LegalBasis

LEGAL_BASIS_CHOICES = [("", _("– not closed –")), *LegalBasis.choices]

TEXT = {"rows": 4}
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
