"""Forms of the offers: an offer made outside a round, the person's answer, and the
release of a vacancy for external advertising."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from trepart.organisation.forms import VersionedForm
from trepart.platform.text import NormalisedForm
from trepart.redeployment.models import RedeploymentCase, Vacancy


class OfferCreateForm(NormalisedForm):
    case = forms.ModelChoiceField(label=_("Person"), queryset=RedeploymentCase.objects.none())
    vacancy = forms.ModelChoiceField(label=_("Vacancy"), queryset=Vacancy.objects.none())
    suitable = forms.BooleanField(
        label=_("Suitable work"),
        required=False,
        initial=True,
        help_text=_("Declining suitable work has consequences for the case."),
    )

    def __init__(self, *args: Any, cases: Any, vacancies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["case"].queryset = cases  # type: ignore[attr-defined]
        self.fields["vacancy"].queryset = vacancies  # type: ignore[attr-defined]


class OfferAnswerForm(VersionedForm):
    answer = forms.ChoiceField(
        label=_("Your answer"),
        choices=[("ACCEPT", _("I accept the offer")), ("DECLINE", _("I decline the offer"))],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("About your answer (optional)"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ReleaseForm(VersionedForm):
    reason = forms.CharField(
        label=_("Reason for releasing it"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed when someone with a right to the vacancy is suitable for it."),
    )
