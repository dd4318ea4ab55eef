"""Forms of the offers: an offer made outside a round, the person's answer, and the
release of a vacancy for external advertising."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from trepart.organisation.forms import VersionedForm
from trepart.platform.text import NormalisedForm
from trepart.redeployment.models import Vacancy


class VacancyChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.title}, {obj.unit.name} ({obj.percent} %)"


class OfferCreateForm(NormalisedForm):
    """An offer to one person: one of the open vacancies suitable for them."""

    vacancy = VacancyChoice(
        label=_("Vacancy"),
        queryset=Vacancy.objects.none(),
        help_text=_("The open vacancies suitable for the person, the best first."),
    )
    suitable = forms.BooleanField(
        label=_("Suitable work"),
        required=False,
        initial=True,
        help_text=_("Declining suitable work has consequences for the case."),
    )

    def __init__(self, *args: Any, vacancies: list[Vacancy], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["vacancy"]
        order = {vacancy.pk: index for index, vacancy in enumerate(vacancies)}
        field.queryset = Vacancy.objects.filter(pk__in=list(order)).select_related("unit")
        # The choices in the order given (best first), not the queryset's.
        field.choices = [("", "---------")] + [
            (vacancy.pk, field.label_from_instance(vacancy)) for vacancy in vacancies
        ]


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
