"""Reading the service review: the project as its pages may open it, the portfolio with its
levels and flags, the parties' weights as the reader may see them, and natural attrition.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, Q, QuerySet, Sum
from django.http import Http404

from trepart.analysis.models import Survey
from trepart.analysis.results_kept import survey_results
from trepart.analysis.selectors.surveys import BY_ALL, ResultsNotReady
from trepart.development import privacy
from trepart.development.models import (
    LevelKind,
    Project,
    Task,
    TaskLevel,
    Weighing,
    Weight,
    Workforce,
)
from trepart.development.privacy import Access
from trepart.development.services.review import REVIEW_KINDS
from trepart.organisation.models import Party
from trepart.platform import formatting


def review_project(*, user: Any, pk: int) -> Project:
    """A service review or savings programme the user sees in full (the group, the mandating
    body, administrators); another municipality's or a missing id is 404, others 403."""
    project = (
        privacy.visible_projects(user)
        .filter(pk=pk, kind__in=REVIEW_KINDS)
        .select_related("municipality", "group", "mandating_body")
        .first()
    )
    if project is None:
        raise Http404
    if privacy.access(user, project) < Access.FULL:
        raise PermissionDenied
    return project


def dominated_kinds(levels: Iterable[TaskLevel]) -> set[str]:
    """Levels that cost more than another level of the task and give less quality."""
    levels = list(levels)
    return {
        a.kind
        for a in levels
        if any(b.yearly_cost < a.yearly_cost and b.quality > a.quality for b in levels)
    }


@dataclass
class TaskRow:
    task: Task
    levels: dict[str, TaskLevel]
    flagged: set[str]
    survey_headline: str = ""

    @property
    def ordered_levels(self) -> list[TaskLevel]:
        return [self.levels[k] for k in LevelKind.values if k in self.levels]


def survey_headline(survey: Survey | None) -> str:
    """A closed user survey's respondents and mean score, as Felles analyse keeps them."""
    if survey is None:
        return ""
    try:
        results = survey_results(survey=survey, by=BY_ALL, texts=False)
    except ResultsNotReady:
        return ""
    whole = results.whole
    if whole is None:
        return ""
    means = [
        cell.mean
        for question in results.questions
        if (cell := question.cells.get(whole.key)) is not None and cell.mean is not None
    ]
    mean = formatting.decimal(sum(means) / len(means)) if means else "–"
    return f"{survey.title}: {mean} / 5 ({whole.respondents})"


def portfolio_tasks(project: Project) -> QuerySet[Task]:
    """The portfolio's tasks in their order, ready for ``portfolio_rows`` (page it first)."""
    return (
        Task.objects.filter(project=project)
        .select_related("unit", "user_survey")
        .prefetch_related(Prefetch("levels", queryset=TaskLevel.objects.order_by("kind")))
    )


def portfolio_rows(project: Project, *, tasks: Iterable[Task] | None = None) -> list[TaskRow]:
    """The rows of ``tasks`` (a page of ``portfolio_tasks``; every task when left out).

    Each level carries its ``label`` (the kind's name, looked up once per kind, not once
    per level as ``get_kind_display`` would)."""
    labels = {kind: str(label) for kind, label in LevelKind.choices}
    rows = []
    for task in portfolio_tasks(project) if tasks is None else tasks:
        levels = {level.kind: level for level in task.levels.all()}
        for level in levels.values():
            level.label = labels.get(level.kind, level.kind)  # type: ignore[attr-defined]
        rows.append(
            TaskRow(
                task=task,
                levels=levels,
                flagged=dominated_kinds(levels.values()),
                survey_headline=survey_headline(task.user_survey),
            )
        )
    return rows


def portfolio_totals(project: Project) -> dict[str, Any]:
    """The whole portfolio's task count, yearly cost, FTEs and statutory tasks, summed in the
    database (a page of the portfolio shows them for every task)."""
    found = Task.objects.filter(project=project).aggregate(
        tasks=Count("pk"),
        cost=Sum("yearly_cost"),
        ftes=Sum("ftes"),
        statutory=Count("pk", filter=Q(statutory=True)),
    )
    return {
        "tasks": found["tasks"],
        "cost": found["cost"] or 0,
        "ftes": Decimal(found["ftes"] or 0),
        "statutory": found["statutory"],
    }


# ---------------------------------------------------------------------------------------
# Weights


@dataclass
class WeightRow:
    task: Task
    own: int | None
    by_party: dict[str, int] = field(default_factory=dict)  # only once open
    spread: int = 0
    mean: Decimal | None = None
    # The parties that weigh in this project, in the parties' order.
    parties: tuple[str, ...] = tuple(Party.three())

    @property
    def cells(self) -> list[int | None]:
        """The weighing parties' weights in the parties' order (None: not given)."""
        return [self.by_party.get(party) for party in self.parties]


@dataclass
class WeighingView:
    party: str | None  # the reader's weighing party (None: does not weigh)
    open: bool
    finished: set[str]
    own_finished: bool
    rows: list[WeightRow]
    # The parties with a seat in the group: only they weigh (two, when the politicians
    # were kept informed instead).
    parties: tuple[str, ...] = tuple(Party.three())


def weighing_view(*, user: Any, project: Project) -> WeighingView:
    """The weights as ``user`` may see them: their own party's until all three have weighed;
    then every party's, the largest disagreement first."""
    party = privacy.weighing_party(user, project)
    is_open = privacy.weights_open(project)
    finished = set(Weighing.objects.filter(project=project).values_list("party", flat=True))
    tasks = list(Task.objects.filter(project=project))
    weights = Weight.objects.filter(task__project=project)
    if not is_open:
        weights = weights.filter(party=party) if party else weights.none()
    by_task: dict[int, dict[str, int]] = {}
    for task_id, weight_party, value in weights.values_list("task_id", "party", "weight"):
        by_task.setdefault(task_id, {})[weight_party] = value
    parties = tuple(privacy.weighing_parties(project))
    rows = []
    for task in tasks:
        found = by_task.get(task.pk, {})
        row = WeightRow(task=task, own=found.get(party) if party else None, parties=parties)
        if is_open:
            row.by_party = {p: found[p] for p in Party.three() if p in found}
            values = list(row.by_party.values())
            if values:
                row.spread = max(values) - min(values)
                row.mean = (Decimal(sum(values)) / len(values)).quantize(Decimal("0.1"))
        rows.append(row)
    if is_open:
        rows.sort(key=lambda r: (-r.spread, r.task.position, r.task.pk))
    return WeighingView(
        party=party,
        open=is_open,
        finished=finished,
        own_finished=party in finished if party else False,
        rows=rows,
        parties=parties,
    )


def party_weights(project: Project) -> dict[str, dict[str, float]]:
    """Every party's weights by task key (for the parties' views; only once open)."""
    out: dict[str, dict[str, float]] = {str(p): {} for p in Party.three()}
    rows = Weight.objects.filter(task__project=project, party__in=Party.three())
    for task_id, party, value in rows.values_list("task_id", "party", "weight"):
        out[party][str(task_id)] = float(value)
    return out


# ---------------------------------------------------------------------------------------
# Natural attrition


@dataclass(frozen=True)
class AttritionRow:
    unit: Any
    year: int
    ftes: Decimal
    turnover_percent: Decimal
    retiring_ftes: Decimal
    attrition: Decimal


@dataclass(frozen=True)
class Attrition:
    years: Decimal
    rows: list[AttritionRow]

    @property
    def total(self) -> Decimal | None:
        if not self.rows:
            return None
        return sum((row.attrition for row in self.rows), Decimal(0))


def project_years(project: Project) -> Decimal:
    """The project period in years (one decimal; a year when it has no end)."""
    end = project.ends_on or project.starts_on + datetime.timedelta(days=365)
    days = max((end - project.starts_on).days + 1, 1)
    return (Decimal(days) / Decimal("365.25")).quantize(Decimal("0.1"))


def project_unit_ids(project: Project) -> set[int]:
    ids = set(project.units.values_list("pk", flat=True))
    ids |= set(project.tasks.exclude(unit=None).values_list("unit_id", flat=True))
    return ids


def natural_attrition(project: Project) -> Attrition:
    """FTEs expected to leave in the project period: per unit, from its latest figures up to
    the project's first year, FTEs times turnover times years, plus the FTEs expected to retire."""
    years = project_years(project)
    figures = Workforce.objects.filter(
        municipality=project.municipality, unit_id__in=project_unit_ids(project)
    ).select_related("unit")
    latest: dict[int, Workforce] = {}
    for row in figures.order_by("unit_id", "year"):
        if row.year <= project.starts_on.year or row.unit_id not in latest:
            latest[row.unit_id] = row
    rows = [
        AttritionRow(
            unit=row.unit,
            year=row.year,
            ftes=row.ftes,
            turnover_percent=row.turnover_percent,
            retiring_ftes=row.retiring_ftes,
            attrition=(row.ftes * row.turnover_percent / 100 * years + row.retiring_ftes).quantize(
                Decimal("0.01")
            ),
        )
        for row in sorted(latest.values(), key=lambda r: r.unit.name)
    ]
    return Attrition(years=years, rows=rows)
