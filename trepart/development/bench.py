"""The development app's part of ``trepart bench``.

The optimiser's steps run on seeded synthetic portfolios (they need no data from the
database, so they run at any preset): 1,000 tasks x 4 levels solved to proven optimality,
10,000 x 4 within 0.1 % of optimal, and the 20-point trade-off curve of 1,000 tasks. The
runner times ``solve``/``curve`` itself; on the first (untimed) call each step also runs,
once, a plain ``milp`` model of the same instance and the greedy heuristic, and the note
printed beside the timing gives their times as ratios and the greedy's gap.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import TypeVar

from django.db.models import Count

from trepart.development.models import Project, ProjectKind, SavingsMeasure
from trepart.development.optimiser import Problem, solve
from trepart.development.optimiser.baselines import greedy, plain_milp
from trepart.development.optimiser.curve import curve
from trepart.development.optimiser.synthetic import portfolio
from trepart.organisation.models import Unit
from trepart.platform.bench_registry import ANONYMOUS, BenchContext, BenchPage, BenchStep

T = TypeVar("T")

# The target of the plan page asked for without JavaScript (NOK a year).
PLAN_TARGET = 10_000_000

# The plain model gets this long before the bench gives up on it (seconds).
PLAIN_TIME_LIMIT = 90.0


def bench_pages(context: BenchContext) -> list[BenchPage]:
    """The development pages on the largest rows: the review with the most tasks (the oslo
    preset has portfolios of hundreds), the unit with the most measures, and the demo's
    public project."""
    municipality_id = context.municipality.pk
    projects = Project.objects.filter(municipality_id=municipality_id)
    largest = (
        projects.filter(kind=ProjectKind.SERVICE_REVIEW)
        .annotate(size=Count("tasks"))
        .order_by("-size", "pk")
        .first()
    )
    public = projects.filter(visibility=Project.Visibility.PUBLIC).order_by("pk").first()
    unit = (
        SavingsMeasure.objects.filter(municipality_id=municipality_id)
        .values("unit_id")
        .annotate(size=Count("pk"))
        .order_by("-size", "unit_id")
        .first()
    )
    pages = [
        BenchPage("Development projects", "/utvikling/"),
        BenchPage("Savings ledger", "/utvikling/innsparing/"),
        BenchPage("Savings ledger CSV", "/utvikling/innsparing/innsparing.csv"),
        BenchPage("API: development projects", "/api/v1/development/projects"),
        BenchPage("API: savings ledger", "/api/v1/development/ledger"),
    ]
    if unit is not None:
        pages.append(
            BenchPage("Savings ledger (unit)", f"/utvikling/innsparing/enhet/{unit['unit_id']}/")
        )
    if largest is not None:
        pk = largest.pk
        pages += [
            BenchPage("Project (largest review)", f"/utvikling/prosjekt/{pk}/"),
            BenchPage("Portfolio (largest review)", f"/utvikling/{pk}/portefolje/"),
            BenchPage("Weighing (largest review)", f"/utvikling/{pk}/vekting/"),
            # The plan page paints its inputs, then asks for the plan, then for the parties'
            # views, next-best plans and curve; a browser without JavaScript gets them all.
            BenchPage("Plan (largest review, inputs)", f"/utvikling/{pk}/plan/"),
            BenchPage("Plan: the plan (largest review)", f"/utvikling/{pk}/plan/resultat/"),
            BenchPage(
                "Plan: views, next-best, curve (largest review)", f"/utvikling/{pk}/plan/mer/"
            ),
            BenchPage(
                "Plan (largest review, solved without JavaScript)",
                f"/utvikling/{pk}/plan/?target={PLAN_TARGET}&basis=AGREED&fte_limit=",
            ),
            BenchPage(
                "API: portfolio (largest review)", f"/api/v1/development/projects/{pk}/portfolio"
            ),
        ]
    if public is not None:
        pages.append(
            BenchPage("Public project", f"/utvikling/offentlig/{public.pk}/", user=ANONYMOUS)
        )
    return pages


@dataclass
class Figures:
    """What a step returns: the runner prints ``bench_note`` beside the step's timing."""

    bench_note: str = ""


def _seconds(run: Callable[[], T]) -> tuple[float, T]:
    started = time.perf_counter()
    result = run()
    return time.perf_counter() - started, result


def _relative(value: float, best: float) -> float:
    return (value - best) / max(abs(best), 1e-9)


def compare_solve(problem: Problem, *, gap: float) -> str:
    """``solve`` beside the plain model and the greedy heuristic, as one line."""
    ours_s, ours = _seconds(lambda: solve(problem, gap=gap))
    plain_s, plain = _seconds(lambda: plain_milp(problem, gap=gap, time_limit=PLAIN_TIME_LIMIT))
    greedy_s, quick = _seconds(lambda: greedy(problem))
    best = ours.quality_lost
    if plain.choices:
        plain_text = (
            f"plain milp {plain_s:.2f} s = {plain_s / ours_s:.0f}x ours ({ours_s:.2f} s), "
            f"its objective {_relative(plain.quality_lost, best):+.4%}"
        )
        if plain.gap > gap + 1e-9:
            plain_text += f", stopped at its time limit with gap {plain.gap:.4%}"
    else:
        plain_text = f"plain milp: no plan in {PLAIN_TIME_LIMIT:.0f} s (ours {ours_s:.2f} s)"
    return (
        f"gap {ours.gap:.4%}; {plain_text}; greedy {greedy_s:.2f} s, "
        f"gap {_relative(quick.quality_lost, best):.4%}"
    )


def compare_curve(problem: Problem, *, points: int = 20) -> str:
    """``curve`` beside solving each point with the plain model and with the greedy."""
    ours_s, ours = _seconds(lambda: curve(problem, points))
    plain_s, greedy_s, worst = 0.0, 0.0, 0.0
    for saving, least in ours:
        at = Problem(problem.items, saving, problem.fte_limit)
        seconds, _plan = _seconds(partial(plain_milp, at, time_limit=PLAIN_TIME_LIMIT))
        plain_s += seconds
        seconds, quick = _seconds(partial(greedy, at))
        greedy_s += seconds
        worst = max(worst, quick.quality_lost - least)
    return (
        f"plain milp per point {plain_s:.2f} s = {plain_s / ours_s:.0f}x ours ({ours_s:.2f} s); "
        f"greedy per point {greedy_s:.2f} s, worst gap {worst:.1f} quality points"
    )


@dataclass
class _Step:
    """A timed computation on a synthetic portfolio made on first use, compared once."""

    make: Callable[[], Problem]
    timed: Callable[[Problem], object]
    compare: Callable[[Problem], str]
    problem: Problem | None = None
    figures: Figures = field(default_factory=Figures)

    def __call__(self) -> Figures:
        if self.problem is None:
            self.problem = self.make()
            self.figures.bench_note = self.compare(self.problem)
            return self.figures
        self.timed(self.problem)
        return self.figures


# The full sizes are 1,000 and 10,000 tasks. A benchmark of a small municipality (the
# demo's, the test suite's) times a tenth of them, and the step's name says so.
FULL_SIZE_UNITS = 300


def step_sizes(context: BenchContext) -> tuple[int, int]:
    """The tasks of the two portfolio sizes the steps solve: full size for a municipality
    of at least ``FULL_SIZE_UNITS`` units (the medium and oslo presets)."""
    units = Unit.objects.filter(municipality=context.municipality).count()
    return (1_000, 10_000) if units >= FULL_SIZE_UNITS else (100, 1_000)


def bench_steps(context: BenchContext) -> list[BenchStep]:
    small, large = step_sizes(context)
    return [
        BenchStep(
            f"Optimiser: {small:,} tasks x 4 levels, proven optimal",
            _Step(
                make=lambda: portfolio(small, seed=1),
                timed=lambda problem: solve(problem),
                compare=lambda problem: compare_solve(problem, gap=0.0),
            ),
        ),
        BenchStep(
            f"Optimiser: {large:,} tasks x 4 levels, within 0.1 %",
            _Step(
                make=lambda: portfolio(large, seed=2),
                timed=lambda problem: solve(problem, gap=0.001),
                compare=lambda problem: compare_solve(problem, gap=0.001),
            ),
        ),
        BenchStep(
            f"Optimiser: trade-off curve of {small:,} tasks, 20 points",
            _Step(
                make=lambda: portfolio(small, seed=3),
                timed=lambda problem: curve(problem, 20),
                compare=compare_curve,
            ),
        ),
    ]
