"""Forms of the service review: a task with its levels, workforce figures, an import upload,
a party's weights, the agreed weights, and the plan's inputs."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from trepart.analysis.models import Instrument, Survey
from trepart.development.models import LEVEL_ORDER, LevelKind, Plan, Project, Task
from trepart.development.models.review import QUALITY_MAX, WEIGHT_MAX
from trepart.development.services.plans import PARTY_BASES, PlanInputs
from trepart.development.services.review import LevelFields, TaskFields
from trepart.organisation.models import Unit
from trepart.platform.text import NormalisedForm

MAX_COST = 10**12
MAX_FTES = Decimal("99999")
OPTIONAL_LEVELS = (LevelKind.REMOVE, LevelKind.LOWER, LevelKind.RAISE)


def _money(label: Any, *, required: bool = True) -> forms.IntegerField:
    return forms.IntegerField(label=label, min_value=0, max_value=MAX_COST, required=required)


def _ftes(label: Any, *, required: bool = True) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        min_value=0,
        max_value=MAX_FTES,
        max_digits=8,
        decimal_places=2,
        required=required,
    )


class TaskForm(NormalisedForm):
    """A task as done today, and its levels: KEEP asks only for quality, as its cost and
    FTEs are the task's; the other levels are ticked on and filled in."""

    name = forms.CharField(label=_("Task"), max_length=200)
    code = forms.CharField(label=_("Code"), max_length=40, required=False)
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none(), required=False)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea, required=False)
    yearly_cost = _money(_("Yearly cost today (NOK)"))
    ftes = _ftes(_("FTEs today"))
    volume = forms.CharField(label=_("Volume"), max_length=120, required=False)
    statutory = forms.BooleanField(label=_("Statutory (lovpålagt)"), required=False)
    statutory_minimum = forms.ChoiceField(
        label=_("Lowest level the law allows"),
        choices=[("", "—"), *[(k, v) for k, v in LevelKind.choices if k != LevelKind.REMOVE]],
        required=False,
    )
    current_standard = forms.CharField(
        label=_("Current standard"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    desired_standard = forms.CharField(
        label=_("Desired standard"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    user_satisfaction = forms.DecimalField(
        label=_("User satisfaction (1–6)"),
        min_value=1,
        max_value=6,
        max_digits=3,
        decimal_places=1,
        required=False,
    )
    user_survey = forms.ModelChoiceField(
        label=_("User survey"), queryset=Survey.objects.none(), required=False
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, project: Project, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(  # type: ignore[attr-defined]
            municipality_id=project.municipality_id
        ).order_by("name")
        self.fields["user_survey"].queryset = Survey.objects.filter(  # type: ignore[attr-defined]
            municipality_id=project.municipality_id, instrument__kind=Instrument.Kind.USER
        ).order_by("-created_at")
        for kind in LevelKind.values:
            label = LevelKind(kind).label
            if kind != LevelKind.KEEP:
                self.fields[f"{kind}_on"] = forms.BooleanField(
                    label=_("Describe the level “%(level)s”") % {"level": label}, required=False
                )
                self.fields[f"{kind}_cost"] = _money(
                    _("%(level)s: yearly cost (NOK)") % {"level": label}, required=False
                )
                self.fields[f"{kind}_ftes"] = _ftes(
                    _("%(level)s: FTEs") % {"level": label}, required=False
                )
            self.fields[f"{kind}_quality"] = forms.IntegerField(
                label=_("%(level)s: quality (0–10)") % {"level": label},
                min_value=0,
                max_value=QUALITY_MAX,
                required=kind == LevelKind.KEEP,
            )
            self.fields[f"{kind}_description"] = forms.CharField(
                label=_("%(level)s: what it means") % {"level": label},
                max_length=2000,
                required=False,
            )

    @staticmethod
    def initial_for(task: Task) -> dict[str, Any]:
        data: dict[str, Any] = {
            name: getattr(task, name) for name in TaskFields.__dataclass_fields__
        }
        data["version"] = task.version
        for level in task.levels.all():
            data[f"{level.kind}_on"] = True
            data[f"{level.kind}_cost"] = level.yearly_cost
            data[f"{level.kind}_ftes"] = level.ftes
            data[f"{level.kind}_quality"] = level.quality
            data[f"{level.kind}_description"] = level.description
        return data

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for kind in OPTIONAL_LEVELS:
            if not data.get(f"{kind}_on"):
                continue
            for part in ("cost", "ftes", "quality"):
                if data.get(f"{kind}_{part}") is None and f"{kind}_{part}" not in self.errors:
                    self.add_error(
                        f"{kind}_{part}",
                        _("Fill in the level's cost, FTEs and quality, or untick it."),
                    )
        return data

    def level_groups(self) -> list[dict[str, Any]]:
        """The level fields grouped per level, for the template."""
        groups = []
        for kind in LevelKind.values:
            names = ["on", "cost", "ftes", "quality", "description"]
            fields = [self[f"{kind}_{n}"] for n in names if f"{kind}_{n}" in self.fields]
            groups.append({"kind": kind, "label": LevelKind(kind).label, "fields": fields})
        return groups

    def task_fields(self) -> TaskFields:
        data = self.cleaned_data
        values: dict[str, Any] = {name: data.get(name) for name in TaskFields.__dataclass_fields__}
        values["statutory"] = bool(values["statutory"])
        for name in ("code", "description", "volume", "statutory_minimum"):
            values[name] = values[name] or ""
        for name in ("current_standard", "desired_standard"):
            values[name] = values[name] or ""
        return TaskFields(**values)

    def levels(self) -> dict[str, LevelFields]:
        data = self.cleaned_data
        out = {}
        for kind in LevelKind.values:
            if kind != LevelKind.KEEP and not data.get(f"{kind}_on"):
                continue
            out[kind] = LevelFields(
                yearly_cost=data.get(f"{kind}_cost") or 0,
                ftes=data.get(f"{kind}_ftes") or Decimal(0),
                quality=data[f"{kind}_quality"],
                description=data.get(f"{kind}_description") or "",
            )
        return out


class TaskLockForm(NormalisedForm):
    """The level the group locks a task at (empty: not locked), with the task's version."""

    level = forms.ChoiceField(label=_("Locked at"), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, task: Task, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"id_lock_{task.pk}_%s")
        super().__init__(*args, **kwargs)
        self.fields["level"].label = _("Lock %(task)s at") % {"task": task.name}
        self.fields["level"].choices = lock_choices(  # type: ignore[attr-defined]
            task, [lv.kind for lv in task.levels.all()]
        )


def lock_choices(task: Task, kinds: Iterable[str]) -> list[tuple[str, str]]:
    """What a task may be locked at: not at all, or one of its levels the law allows. The
    portfolio page draws its lock forms from this (without a form per row, which is slow
    for a page of tasks); the form checks what comes back against the same list."""
    low = LEVEL_ORDER.get(task.statutory_minimum, 0)
    allowed = sorted((k for k in kinds if LEVEL_ORDER[k] >= low), key=LEVEL_ORDER.__getitem__)
    return [("", str(_("Not locked"))), *[(k, str(LevelKind(k).label)) for k in allowed]]


class WorkforceForm(NormalisedForm):
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none())
    year = forms.IntegerField(label=_("Year"), min_value=1900, max_value=2200)
    ftes = _ftes(_("FTEs"))
    turnover_percent = forms.DecimalField(
        label=_("Turnover (% a year)"), min_value=0, max_value=100, max_digits=5, decimal_places=1
    )
    retiring_ftes = _ftes(_("FTEs expected to retire"))

    def __init__(self, *args: Any, project: Project, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(  # type: ignore[attr-defined]
            municipality_id=project.municipality_id
        ).order_by("name")


class ImportForm(NormalisedForm):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_("Saved as “CSV UTF-8”, with semicolons or commas between the columns."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )
    dry_run = forms.BooleanField(label=_("Only check the file (import nothing)"), required=False)


class WeightsForm(NormalisedForm):
    """A party's weight per task, 0–10."""

    def __init__(self, *args: Any, tasks: list[Task], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for task in tasks:
            self.fields[f"weight_{task.pk}"] = forms.IntegerField(
                label=_("Weight of %(task)s") % {"task": task.name},
                min_value=0,
                max_value=WEIGHT_MAX,
                required=False,
            )

    def weights(self) -> dict[int, int]:
        return {
            int(name.removeprefix("weight_")): value
            for name, value in self.cleaned_data.items()
            if name.startswith("weight_") and value is not None
        }


class AgreedWeightsForm(NormalisedForm):
    """The group's agreed weight per task, each with the task's version."""

    def __init__(self, *args: Any, tasks: list[Task], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for task in tasks:
            self.fields[f"agreed_{task.pk}"] = forms.DecimalField(
                label=_("Agreed weight of %(task)s") % {"task": task.name},
                min_value=0,
                max_value=WEIGHT_MAX,
                max_digits=4,
                decimal_places=1,
                required=False,
            )
            self.fields[f"version_{task.pk}"] = forms.IntegerField(
                widget=forms.HiddenInput, required=False
            )

    def agreed(self) -> tuple[dict[int, Decimal | None], dict[int, int]]:
        data = self.cleaned_data
        weights: dict[int, Decimal | None] = {}
        versions: dict[int, int] = {}
        for name, value in data.items():
            if name.startswith("agreed_"):
                pk = int(name.removeprefix("agreed_"))
                weights[pk] = value
                versions[pk] = data.get(f"version_{pk}") or 0
        return weights, versions


class PlanForm(NormalisedForm):
    """The plan's inputs: target, whose weights, the FTE limit, and a lock per task."""

    target = _money(_("Savings target (NOK a year)"))
    basis = forms.ChoiceField(label=_("Weights"), choices=Plan.Basis.choices)
    fte_limit = _ftes(_("Largest FTE reduction allowed"), required=False)

    def __init__(
        self,
        *args: Any,
        tasks: list[Task],
        weights_open: bool,
        level_kinds: dict[int, list[str]] | None = None,
        **kwargs: Any,
    ) -> None:
        """``level_kinds`` (task id → its levels' kinds) spares reading each task's levels."""
        super().__init__(*args, **kwargs)
        self.tasks = tasks
        if not weights_open:
            self.fields["basis"].choices = [  # type: ignore[attr-defined]
                (k, v) for k, v in Plan.Basis.choices if k not in PARTY_BASES
            ]
        # Texts translated once, not once per task: a portfolio has hundreds.
        labels = {kind: str(label) for kind, label in LevelKind.choices}
        not_locked = str(_("Not locked"))
        lock_at = str(_("Lock %(task)s at"))
        for task in tasks:
            low = LEVEL_ORDER.get(task.statutory_minimum, 0)
            own = (
                level_kinds.get(task.pk, [])
                if level_kinds is not None
                else [lv.kind for lv in task.levels.all()]
            )
            kinds = sorted((k for k in own if LEVEL_ORDER[k] >= low), key=LEVEL_ORDER.__getitem__)
            self.fields[f"lock_{task.pk}"] = forms.ChoiceField(
                label=lock_at % {"task": task.name},
                choices=[("", not_locked), *[(k, labels[k]) for k in kinds]],
                required=False,
            )

    def lock_fields(self) -> list[Any]:
        return [self[f"lock_{task.pk}"] for task in self.tasks]

    def inputs(self) -> PlanInputs:
        data = self.cleaned_data
        target = data["target"]
        locks = {
            name.removeprefix("lock_"): value
            for name, value in data.items()
            if name.startswith("lock_") and value
        }
        return PlanInputs(
            target=target, basis=data["basis"], locks=locks, fte_limit=data.get("fte_limit")
        )

    @staticmethod
    def initial_for(inputs: PlanInputs) -> dict[str, Any]:
        data: dict[str, Any] = {
            "target": inputs.target,
            "basis": inputs.basis,
            "fte_limit": inputs.fte_limit,
        }
        data.update({f"lock_{key}": kind for key, kind in inputs.locks.items()})
        return data
