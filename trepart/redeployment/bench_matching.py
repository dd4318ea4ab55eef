"""The stillingsbank matching's bench step: ``match`` on a seeded synthetic instance of
5,000 people x 5,000 vacancies (suitability of every pair, the exact assignment and an
explanation for every placed pair), timed by the runner. On its first, untimed call the
step also runs a plain ``linear_sum_assignment`` on the dense float matrix of the same pair
weights, once, and its note gives both times, their ratio and whether the two agree on the
total weight (the same optimum). The app's ``bench.py`` lists ``matching_steps()`` among its
``bench_steps``.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from trepart.platform.bench_registry import BenchStep
from trepart.redeployment.matching import Matching, match
from trepart.redeployment.matching.baselines import dense_weights, plain_assignment
from trepart.redeployment.matching.synthetic import Instance, instance
from trepart.redeployment.matching.table import build_table

FULL_SIZE = 5_000


@dataclass
class Figures:
    """What the step returns: the runner prints ``bench_note`` beside the step's timing."""

    bench_note: str = ""


def _run(problem: Instance) -> Matching:
    return match(
        problem.candidates, problem.vacancies, problem.rules, problem.travel, problem.exclusions
    )


def compare_plain(problem: Instance) -> str:
    """``match`` beside a plain ``linear_sum_assignment`` on the dense weights, as one line."""
    # Ours the faster of two runs (the first pays for warming up), as the runner repeats it.
    ours_s = float("inf")
    for _ in range(2):
        started = time.perf_counter()
        ours = _run(problem)
        ours_s = min(ours_s, time.perf_counter() - started)
    table = build_table(
        problem.candidates, problem.vacancies, problem.rules, problem.travel, problem.exclusions
    )
    matrix = dense_weights(table)
    started = time.perf_counter()
    plain = plain_assignment(matrix)
    plain_s = time.perf_counter() - started
    rows = {c.key: n for n, c in enumerate(problem.candidates)}
    cols = {v.key: n for n, v in enumerate(problem.vacancies)}
    ours_weight = sum(matrix[rows[p.candidate], cols[p.vacancy]] for p in ours.pairs)
    plain_weight = sum(matrix[r, c] for r, c in plain)
    same = "the same optimum" if ours_weight == plain_weight else "DIFFERENT optima"
    density = len(table.rows) / max(1, len(problem.candidates) * len(problem.vacancies))
    return (
        f"{len(ours.pairs):,} placed, {len(ours.unplaced):,} unplaced, {density:.1%} of pairs "
        f"suitable; plain linear_sum_assignment on the dense matrix {plain_s:.2f} s = "
        f"{plain_s / ours_s:.1f}x ours ({ours_s:.2f} s with suitability and explanations), "
        f"{same}"
    )


@dataclass
class MatchingStep:
    """Makes the instance and compares on the first call; later calls only match."""

    people: int
    places: int
    seed: int = 1
    problem: Instance | None = None
    figures: Figures = field(default_factory=Figures)

    def __call__(self) -> Figures:
        if self.problem is None:
            self.problem = instance(self.people, self.places, seed=self.seed)
            self.figures.bench_note = compare_plain(self.problem)
            return self.figures
        _run(self.problem)
        return self.figures


def matching_steps(size: int = FULL_SIZE) -> list[BenchStep]:
    """The matching step at ``size`` people x ``size`` vacancies."""
    return [
        BenchStep(
            f"Stillingsbank matching: {size:,} people x {size:,} vacancies, with explanations",
            MatchingStep(size, size),
        )
    ]
