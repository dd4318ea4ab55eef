"""Forms for a project: making and editing it, its phases, status reports, the
recommendation and the decision. They check the input's shape; the services the rules."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from trepart.development.models import Phase, Project, ProjectKind
from trepart.meetings.models import AgendaItem, Meeting
from trepart.organisation.forms import VersionedForm
from trepart.organisation.models import Body, Party, Person, Unit
from trepart.platform.text import NormalisedForm
from trepart.proposals.models import DecisionMaker, Proposal

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _people(municipality_id: int) -> Any:
    return Person.objects.filter(municipality_id=municipality_id).order_by(
        "last_name", "first_name", "pk"
    )


class PersonChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.first_name} {obj.last_name}"


class PeopleChoice(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.first_name} {obj.last_name}"


class MeetingChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return timezone.localtime(obj.starts_at).strftime("%d.%m.%Y %H:%M")


class FilterForm(NormalisedForm):
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("All kinds")), *ProjectKind.choices], required=False
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("All statuses")), *Project.Status.choices],
        required=False,
    )


class _ProjectFields(NormalisedForm):
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(label=_("Summary"), widget=forms.Textarea, required=False)
    mandate = forms.CharField(
        label=_("Mandate"), widget=forms.Textarea, help_text=_("As the body gave it.")
    )
    leader = PersonChoice(label=_("Project leader"), queryset=Person.objects.none())
    starts_on = forms.DateField(label=_("Starts"), widget=DATE)
    ends_on = forms.DateField(label=_("Ends"), widget=DATE, required=False)
    visibility = forms.ChoiceField(
        label=_("Who may see it"),
        choices=Project.Visibility.choices,
        initial=Project.Visibility.INTERNAL,
    )
    savings_target = forms.IntegerField(
        label=_("Savings target (NOK a year)"),
        min_value=0,
        max_value=2**63 - 1,
        required=False,
        help_text=_("Leave empty for a Lean project."),
    )
    units = forms.ModelMultipleChoiceField(
        label=_("Units involved"), queryset=Unit.objects.none(), required=False
    )
    informed = PeopleChoice(
        label=_("Kept informed (do not take part)"), queryset=Person.objects.none(), required=False
    )

    def __init__(self, *args: Any, municipality_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        people = _people(municipality_id)
        self.fields["leader"].queryset = people  # type: ignore[attr-defined]
        self.fields["informed"].queryset = people  # type: ignore[attr-defined]
        self.fields["units"].queryset = Unit.objects.filter(  # type: ignore[attr-defined]
            municipality_id=municipality_id
        ).order_by("name")


# The seats offered on a new project's form, by party (the leader takes the chair).
MEMBER_FIELDS = {
    "members_political": Party.POLITICAL,
    "members_administration": Party.ADMINISTRATION,
    "members_employee": Party.EMPLOYEE,
    "members_service_user": Party.SERVICE_USER,
}


class ProjectCreateForm(_ProjectFields):
    kind = forms.ChoiceField(label=_("Kind"), choices=ProjectKind.choices)
    mandating_body = forms.ModelChoiceField(label=_("Mandating body"), queryset=Body.objects.none())
    mandate_item = forms.ModelChoiceField(
        label=_("Mandate given in (agenda item)"),
        queryset=AgendaItem.objects.none(),
        required=False,
        help_text=_("An item the body agreed on or decided."),
    )
    mandate_proposal = forms.ModelChoiceField(
        label=_("Or: proposal handed to the project"),
        queryset=Proposal.objects.none(),
        required=False,
        help_text=_("A proposal the body answered “further evaluation”. The proposer is told."),
    )
    members_political = PeopleChoice(
        label=_("Members for the elected politicians"),
        queryset=Person.objects.none(),
        required=False,
    )
    members_administration = PeopleChoice(
        label=_("Members for the administration"), queryset=Person.objects.none(), required=False
    )
    members_employee = PeopleChoice(
        label=_("Members for the employees"), queryset=Person.objects.none(), required=False
    )
    members_service_user = PeopleChoice(
        label=_("Service users"), queryset=Person.objects.none(), required=False
    )
    standard_phases = forms.BooleanField(
        label=_(
            "Add the four standard phases (current situation, user satisfaction, desired "
            "situation, proposal)"
        ),
        required=False,
        initial=True,
    )
    field_order = [
        "kind",
        "title",
        "summary",
        "mandating_body",
        "mandate_item",
        "mandate_proposal",
        "mandate",
        "leader",
        *MEMBER_FIELDS,
        "informed",
        "units",
        "starts_on",
        "ends_on",
        "visibility",
        "savings_target",
        "standard_phases",
    ]

    def __init__(self, *args: Any, bodies: Any, municipality_id: int, **kwargs: Any) -> None:
        super().__init__(*args, municipality_id=municipality_id, **kwargs)
        self.fields["mandating_body"].queryset = bodies  # type: ignore[attr-defined]
        self.fields["mandate_item"].queryset = (  # type: ignore[attr-defined]
            AgendaItem.objects.filter(body__in=bodies, outcome__in=("CONSENSUS", "DECISION"))
            .select_related("body")
            .order_by("-year", "-number")
        )
        self.fields["mandate_item"].label_from_instance = (  # type: ignore[attr-defined]
            lambda item: f"{item.body.name}: {item.case_number} {item.title}"
        )
        self.fields["mandate_proposal"].queryset = (  # type: ignore[attr-defined]
            Proposal.objects.filter(body__in=bodies, answer="FURTHER_EVALUATION").order_by("-pk")
        )
        for name in MEMBER_FIELDS:
            self.fields[name].queryset = _people(municipality_id)  # type: ignore[attr-defined]

    def service_arguments(self) -> dict[str, Any]:
        """The cleaned data as ``project_create`` takes it (seats as person and party)."""
        data = dict(self.cleaned_data)
        members = [
            (person, party) for name, party in MEMBER_FIELDS.items() for person in data.pop(name)
        ]
        return {**data, "members": members}


class ProjectEditForm(VersionedForm, _ProjectFields):
    pass


def project_initial(project: Project) -> dict[str, Any]:
    fields = ("title", "summary", "mandate", "leader", "starts_on", "ends_on", "visibility")
    return {
        **{name: getattr(project, name) for name in fields},
        "savings_target": project.savings_target,
        "units": list(project.units.all()),
        "informed": list(project.informed.all()),
        "version": project.version,
    }


class PhaseForm(NormalisedForm):
    kind = forms.ChoiceField(label=_("Phase"), choices=Phase.Kind.choices)
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    goal = forms.CharField(label=_("Goal"), widget=forms.Textarea, required=False)
    starts_on = forms.DateField(label=_("Starts"), widget=DATE)
    ends_on = forms.DateField(label=_("Ends"), widget=DATE)


class PhaseEditForm(VersionedForm, PhaseForm):
    done_on = forms.DateField(label=_("Done on"), widget=DATE, required=False)


class PhaseDoneForm(VersionedForm):
    pass


class _ToMeetingForm(NormalisedForm):
    meeting = MeetingChoice(
        label=_("Meeting of the mandating body"), queryset=Meeting.objects.none()
    )

    def __init__(self, *args: Any, meetings: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = meetings  # type: ignore[attr-defined]


class ReportForm(_ToMeetingForm):
    text = forms.CharField(label=_("Status report"), widget=forms.Textarea)
    field_order = ["text", "meeting"]


class RecommendationForm(_ToMeetingForm):
    text = forms.CharField(label=_("Recommendation (innstilling)"), widget=forms.Textarea)
    field_order = ["text", "meeting"]


class DecisionForm(VersionedForm):
    decision_maker = forms.ChoiceField(label=_("Decided by"), choices=DecisionMaker.choices)
    adopted = forms.TypedChoiceField(
        label=_("Was the recommendation adopted?"),
        choices=[("yes", _("Adopted")), ("no", _("Not adopted"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    text = forms.CharField(label=_("Decision (vedtak)"), widget=forms.Textarea)
    votes = forms.CharField(label=_("Votes"), max_length=200, required=False)
    decided_on = forms.DateField(label=_("Decided on"), widget=DATE)
