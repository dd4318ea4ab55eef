"""The run form (three dates, place, capacity, teachers) and the enrol-someone form."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from trepart.organisation.models import Person
from trepart.platform.text import NormalisedForm


class DateInput(forms.DateInput):
    input_type = "date"


class RunForm(NormalisedForm):
    place = forms.CharField(label=_("Place"), max_length=200)
    capacity = forms.IntegerField(label=_("Capacity"), min_value=1, max_value=500)
    day_1 = forms.DateField(label=_("Day 1"), widget=DateInput)
    day_2 = forms.DateField(label=_("Day 2"), widget=DateInput)
    day_3 = forms.DateField(label=_("Day 3"), widget=DateInput)
    teachers = forms.ModelMultipleChoiceField(
        label=_("Teachers"), queryset=Person.objects.none(), required=False
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, municipality_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        teachers = self.fields["teachers"]
        assert isinstance(teachers, forms.ModelMultipleChoiceField)
        teachers.queryset = Person.objects.filter(
            municipality_id=municipality_id, kind=Person.Kind.EMPLOYEE
        ).order_by("last_name", "first_name")

    def service_arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "place": data["place"],
            "capacity": data["capacity"],
            "days": [data["day_1"], data["day_2"], data["day_3"]],
            "teachers": list(data["teachers"]),
        }


class EnrolOtherForm(NormalisedForm):
    person = forms.ModelChoiceField(label=_("Person to enrol"), queryset=Person.objects.none())

    def __init__(self, *args: Any, people: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        person = self.fields["person"]
        assert isinstance(person, forms.ModelChoiceField)
        person.queryset = people.order_by("last_name", "first_name")


class CancelForm(NormalisedForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
