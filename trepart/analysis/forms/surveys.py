"""Forms for making a survey round and for answering one."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from trepart.analysis.instruments import SCALE_LABELS, builtins_for, theme_label
from trepart.analysis.models import Instrument, Question, Survey
from trepart.organisation.models import Body, Municipality, Party, Unit
from trepart.platform.text import NormalisedForm

PARTY_CHOICES = [(party.value, party.label) for party in Party.three()]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class SurveyForm(NormalisedForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    instrument = forms.ModelChoiceField(
        label=_("Questionnaire"), queryset=Instrument.objects.none(), empty_label=None
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    round_label = forms.CharField(
        label=_("Round"),
        max_length=60,
        required=False,
        help_text=_('For example "Spring 2026": results are compared round by round.'),
    )
    audience = forms.ChoiceField(
        label=_("Who answers"),
        choices=Survey.Audience.choices,
        initial=Survey.Audience.INVITED,
        widget=forms.RadioSelect,
    )
    opens_on = forms.DateField(label=_("Opens"), required=False, widget=DateInput())
    closes_on = forms.DateField(label=_("Closes"), required=False, widget=DateInput())
    target_everyone = forms.BooleanField(
        label=_("Everyone in the municipality (all employees and politicians)"), required=False
    )
    target_units = forms.ModelMultipleChoiceField(
        label=_("Units"),
        queryset=Unit.objects.none(),
        required=False,
        help_text=_(
            "The employees of the chosen units and of every unit under them. "
            "With a public link: the units a respondent may say they belong to."
        ),
    )
    target_bodies = forms.ModelMultipleChoiceField(
        label=_("Bodies"),
        queryset=Body.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Everyone with a seat in the chosen bodies today."),
    )
    target_parties = forms.MultipleChoiceField(
        label=_("Parties"),
        choices=PARTY_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Everyone with a seat for the chosen parties in any body today."),
    )

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        builtins_for(municipality)
        fields: Any = self.fields
        fields["instrument"].queryset = Instrument.objects.filter(municipality=municipality)
        fields["target_units"].queryset = Unit.objects.filter(municipality=municipality)
        fields["target_units"].widget.attrs["size"] = 8
        fields["target_bodies"].queryset = Body.objects.filter(municipality=municipality)

    def round_fields(self) -> dict[str, Any]:
        """The cleaned round, as ``survey_create`` and ``survey_update`` take it."""
        data = self.cleaned_data
        return {
            "instrument": data["instrument"],
            "title": data["title"],
            "round_label": data["round_label"],
            "audience": data["audience"],
            "opens_on": data["opens_on"],
            "closes_on": data["closes_on"],
            "target_everyone": data["target_everyone"],
            "units": list(data["target_units"]),
            "bodies": list(data["target_bodies"]),
            "parties": list(data["target_parties"]),
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        opens_on, closes_on = data.get("opens_on"), data.get("closes_on")
        if opens_on and closes_on and closes_on < opens_on:
            self.add_error("closes_on", _("The survey cannot close before it opens."))
        return data


class InstrumentForm(NormalisedForm):
    title = forms.CharField(label=_("Title"), max_length=200)
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[
            (kind.value, kind.label)
            for kind in (Instrument.Kind.EMPLOYEE, Instrument.Kind.USER, Instrument.Kind.OTHER)
        ],
        widget=forms.RadioSelect,
        initial=Instrument.Kind.EMPLOYEE,
    )
    description = forms.CharField(
        label=_("Introduction"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown above the questions."),
    )
    questions = forms.CharField(
        label=_("Questions"),
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_(
            "One question a line. A statement is answered on the scale from 1 (strongly "
            "disagree) to 5 (strongly agree). For one choice among several, write the "
            "question and the choices separated by |, for example: "
            "How often do you use the service? | Daily | Weekly | More seldom"
        ),
    )
    free_text = forms.CharField(
        label=_("A free-text question at the end (optional)"),
        required=False,
        max_length=400,
    )


SCALE_CHOICES = [(str(value), label) for value, label in enumerate(SCALE_LABELS, start=1)]


class AnswerForm(NormalisedForm):
    """One field per question, named ``q<question id>``: radio groups and text areas."""

    def __init__(self, *args: Any, questions: list[Question], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.questions = questions
        required = _("Please choose an answer.")
        for number, question in enumerate(questions, start=1):
            name = f"q{question.pk}"
            label = f"{number}. {question.shown_text}"
            field: forms.Field
            if question.kind == Question.Kind.TEXT:
                field = forms.CharField(
                    label=label,
                    required=False,
                    max_length=4000,
                    widget=forms.Textarea(attrs={"rows": 4}),
                    help_text=_("Optional. Do not write names or anything that shows who you are."),
                )
            elif question.kind == Question.Kind.SCALE:
                field = forms.ChoiceField(
                    label=label,
                    choices=SCALE_CHOICES,
                    widget=forms.RadioSelect,
                    error_messages={"required": required, "invalid_choice": required},
                )
            else:
                field = forms.ChoiceField(
                    label=label,
                    choices=[(str(i), str(choice)) for i, choice in enumerate(question.choices)],
                    widget=forms.RadioSelect,
                    error_messages={"required": required, "invalid_choice": required},
                )
            self.fields[name] = field

    def values(self) -> dict[int, Any]:
        return {
            question.pk: self.cleaned_data.get(f"q{question.pk}") for question in self.questions
        }

    def sections(self) -> list[tuple[str, list[Any]]]:
        """The bound fields grouped by theme, in question order."""
        groups: list[tuple[str, list[Any]]] = []
        for question in self.questions:
            theme = theme_label(question.theme) if question.theme else ""
            if not groups or groups[-1][0] != theme:
                groups.append((theme, []))
            groups[-1][1].append(self[f"q{question.pk}"])
        return groups


class OpenAnswerForm(AnswerForm):
    unit = forms.ModelChoiceField(
        label=_("Where do you use the service?"),
        queryset=Unit.objects.none(),
        required=False,
        empty_label=_("I would rather not say"),
        help_text=_("Optional. Results are shown only for places with enough answers."),
    )

    def __init__(self, *args: Any, units: list[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: Any = self.fields
        fields["unit"].queryset = Unit.objects.filter(pk__in=[unit.pk for unit in units])
        if not units:
            del self.fields["unit"]
