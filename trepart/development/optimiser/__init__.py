"""A small brute-force stand-in for the optimiser, to the agreed contract (pages' tests only).

Enumerates every combination of levels: fit for a handful of tasks, nothing more.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

ORDER = {"REMOVE": 0, "LOWER": 1, "KEEP": 2, "RAISE": 3}


@dataclass(frozen=True)
class Option:
    kind: str
    cost: int
    ftes: float
    quality: float


@dataclass(frozen=True)
class Item:
    key: str
    name: str
    options: tuple[Option, ...]
    weight: float
    minimum: str = ""
    locked: str = ""


@dataclass(frozen=True)
class Problem:
    items: tuple[Item, ...]
    target: int
    fte_limit: float | None


@dataclass
class Solution:
    status: str
    target: int
    saving: int
    max_saving: int
    fte_change: float
    fte_limit: float | None
    redundant_ftes: float
    quality_lost: float
    choices: list[dict[str, Any]] = field(default_factory=list)
    blockers: list[dict[str, Any]] = field(default_factory=list)
    gap: float = 0.0

    def as_json(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "target": self.target,
            "saving": self.saving,
            "max_saving": self.max_saving,
            "fte_change": self.fte_change,
            "fte_limit": self.fte_limit,
            "redundant_ftes": self.redundant_ftes,
            "quality_lost": self.quality_lost,
            "gap": self.gap,
            "choices": self.choices,
            "blockers": self.blockers,
        }


def _keep(item: Item) -> Option:
    return next(o for o in item.options if o.kind == "KEEP")


def _allowed(item: Item) -> list[Option]:
    if item.locked:
        return [o for o in item.options if o.kind == item.locked]
    low = ORDER.get(item.minimum, 0)
    return [o for o in item.options if ORDER[o.kind] >= low]


def _figures(problem: Problem, combo: tuple[Option, ...]) -> tuple[int, float, float]:
    saving = sum(_keep(i).cost - o.cost for i, o in zip(problem.items, combo, strict=True))
    fte = sum(o.ftes - _keep(i).ftes for i, o in zip(problem.items, combo, strict=True))
    lost = sum(
        i.weight * (_keep(i).quality - o.quality) for i, o in zip(problem.items, combo, strict=True)
    )
    return saving, fte, lost


def _combos(problem: Problem) -> list[tuple[tuple[Option, ...], int, float, float]]:
    rows = []
    for combo in itertools.product(*(_allowed(i) for i in problem.items)):
        rows.append((combo, *_figures(problem, combo)))
    return rows


def _solution(
    problem: Problem,
    row: tuple[tuple[Option, ...], int, float, float],
    status: str,
    max_saving: int,
) -> Solution:
    combo, saving, fte, lost = row
    choices = []
    for item, option in zip(problem.items, combo, strict=True):
        keep = _keep(item)
        choices.append(
            {
                "key": item.key,
                "name": item.name,
                "kind": option.kind,
                "saving": keep.cost - option.cost,
                "fte_change": round(option.ftes - keep.ftes, 2),
                "quality_lost": round(item.weight * (keep.quality - option.quality), 2),
                "locked": bool(item.locked),
                "minimum": item.minimum,
            }
        )
    limit = problem.fte_limit
    redundant = max(0.0, -fte - limit) if limit is not None else 0.0
    return Solution(
        status=status,
        target=problem.target,
        saving=saving,
        max_saving=max_saving,
        fte_change=round(fte, 2),
        fte_limit=limit,
        redundant_ftes=round(redundant, 2),
        quality_lost=round(lost, 2),
        choices=choices,
    )


def solve(problem: Problem, *, gap: float = 0.0, time_limit: float | None = None) -> Solution:
    rows = _combos(problem)
    limit = problem.fte_limit
    in_limit = [r for r in rows if limit is None or -r[2] <= limit + 1e-9]
    max_saving = max((r[1] for r in in_limit), default=0)
    good = [r for r in in_limit if r[1] >= problem.target]
    if good:
        return _solution(problem, min(good, key=lambda r: (r[3], -r[1])), "optimal", max_saving)
    unlimited = [r for r in rows if r[1] >= problem.target]
    if unlimited:
        best = min(unlimited, key=lambda r: (r[3], -r[1]))
        solution = _solution(problem, best, "fte_blocked", max_saving)
        solution.blockers.append(
            {
                "constraint": "fte",
                "needed": round(-best[2], 2),
                "possible": limit,
                "short_by": round(-best[2] - (limit or 0), 2),
            }
        )
        return solution
    top = max(in_limit, key=lambda r: (r[1], -r[3]))
    solution = _solution(problem, top, "capped", max_saving)
    solution.blockers.append(
        {
            "constraint": "target",
            "needed": problem.target,
            "possible": max_saving,
            "short_by": problem.target - max_saving,
        }
    )
    return solution


def party_views(
    problem: Problem, choices: Mapping[str, str], weights: Mapping[str, Mapping[str, float]]
) -> dict[str, float]:
    out = {}
    for party, by_key in weights.items():
        lost = 0.0
        for item in problem.items:
            chosen = next(o for o in item.options if o.kind == choices.get(item.key, "KEEP"))
            lost += by_key.get(item.key, 0.0) * (_keep(item).quality - chosen.quality)
        out[party] = round(lost, 2)
    return out


def alternatives(problem: Problem, solution: Solution, count: int = 3) -> list[Solution]:
    chosen = tuple(c["kind"] for c in solution.choices)
    rows = [
        r
        for r in _combos(problem)
        if r[1] >= problem.target
        and (problem.fte_limit is None or -r[2] <= problem.fte_limit + 1e-9)
        and tuple(o.kind for o in r[0]) != chosen
    ]
    rows.sort(key=lambda r: (r[3], -r[1]))
    return [_solution(problem, r, "optimal", solution.max_saving) for r in rows[:count]]


def curve(problem: Problem, points: int = 20) -> list[tuple[int, float]]:
    rows = _combos(problem)
    limit = problem.fte_limit
    rows = [r for r in rows if limit is None or -r[2] <= limit + 1e-9]
    top = max((r[1] for r in rows), default=0)
    out = []
    for step in range(points):
        target = round(top * step / max(points - 1, 1))
        best = min((r for r in rows if r[1] >= target), key=lambda r: r[3])
        out.append((best[1], round(best[3], 2)))
    return sorted(set(out))
