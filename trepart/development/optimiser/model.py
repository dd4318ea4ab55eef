"""The optimiser's inputs and answer as plain dataclasses: a task's ambition levels
(``Option``), the task (``Item``), the portfolio with its target and FTE limit (``Problem``)
and the chosen plan (``Solution``, stored as ``as_json()``). No Django here."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

# The ambition levels from the least to the most (as ``models.review.LEVEL_ORDER``).
LEVELS: tuple[str, ...] = ("REMOVE", "LOWER", "KEEP", "RAISE")
LEVEL_RANK: dict[str, int] = {kind: rank for rank, kind in enumerate(LEVELS)}
KEEP = "KEEP"

OPTIMAL = "optimal"
CAPPED = "capped"
FTE_BLOCKED = "fte_blocked"
INFEASIBLE = "infeasible"


@dataclass(frozen=True)
class Option:
    """One ambition level of a task."""

    kind: str
    cost: int  # NOK a year at this level
    ftes: float
    quality: float  # 0–10


@dataclass(frozen=True)
class Item:
    """One task: its levels (KEEP is the task as done today), the weight used in the
    objective, the lowest level the law allows and the level the group locked."""

    key: str
    name: str
    options: tuple[Option, ...]
    weight: float
    minimum: str = ""
    locked: str = ""

    def option(self, kind: str) -> Option | None:
        for option in self.options:
            if option.kind == kind:
                return option
        return None

    @property
    def keep(self) -> Option:
        option = self.option(KEEP)
        if option is None:
            raise ValueError(f"Task {self.key} has no KEEP level.")
        return option

    def saving(self, option: Option) -> int:
        return self.keep.cost - option.cost

    def fte_change(self, option: Option) -> float:
        return option.ftes - self.keep.ftes

    def quality_lost(self, option: Option, weight: float | None = None) -> float:
        used = self.weight if weight is None else weight
        return used * (self.keep.quality - option.quality)

    def allowed(self, *, minimums: bool = True, locks: bool = True) -> tuple[Option, ...]:
        """The levels a plan may choose: none below the statutory minimum, only the
        locked one if the group locked one (either rule can be left out, to measure what
        it costs)."""
        options = self.options
        if minimums and self.minimum:
            floor = LEVEL_RANK.get(self.minimum, 0)
            options = tuple(o for o in options if LEVEL_RANK.get(o.kind, 0) >= floor)
        if locks and self.locked:
            options = tuple(o for o in options if o.kind == self.locked)
        return options


@dataclass(frozen=True)
class Problem:
    items: tuple[Item, ...]
    target: int  # yearly saving wanted, NOK
    fte_limit: float | None = None  # largest FTE reduction allowed; None: no limit


def dominated(item: Item) -> list[str]:
    """The levels of ``item`` that cost at least as much as another level for no better
    quality (strictly worse in one of the two): allowed, but worth flagging."""
    flagged = []
    for option in item.options:
        for other in item.options:
            if other is option:
                continue
            no_better = other.cost <= option.cost and other.quality >= option.quality
            strictly = other.cost < option.cost or other.quality > option.quality
            if no_better and strictly:
                flagged.append(option.kind)
                break
    return sorted(flagged, key=lambda kind: LEVEL_RANK.get(kind, 99))


@dataclass(frozen=True)
class Choice:
    """The level chosen for one task, with what it gives and costs."""

    key: str
    name: str
    kind: str
    saving: int
    fte_change: float
    quality_lost: float
    locked: bool = False
    minimum: str = ""

    def as_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "name": self.name,
            "kind": self.kind,
            "saving": self.saving,
            "fte_change": round(self.fte_change, 2),
            "quality_lost": round(self.quality_lost, 2),
            "locked": self.locked,
            "minimum": self.minimum,
        }


@dataclass(frozen=True)
class Solution:
    """A plan: the chosen level of every task and the totals, or why there is none."""

    status: str
    target: int
    saving: int
    max_saving: int
    fte_change: float
    fte_limit: float | None
    redundant_ftes: float
    quality_lost: float
    gap: float
    choices: tuple[Choice, ...]
    blockers: tuple[dict[str, Any], ...] = field(default=())

    @property
    def kinds(self) -> dict[str, str]:
        """Task key → chosen level kind."""
        return {choice.key: choice.kind for choice in self.choices}

    def as_json(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "target": self.target,
            "saving": self.saving,
            "max_saving": self.max_saving,
            "fte_change": round(self.fte_change, 2),
            "fte_limit": None if self.fte_limit is None else round(self.fte_limit, 2),
            "redundant_ftes": round(self.redundant_ftes, 2),
            "quality_lost": round(self.quality_lost, 2),
            "gap": round(self.gap, 6),
            "choices": [choice.as_json() for choice in self.choices],
            "blockers": [dict(blocker) for blocker in self.blockers],
        }


def plan_of(
    problem: Problem, kinds: Mapping[str, str]
) -> tuple[tuple[Choice, ...], int, float, float]:
    """The choices of a plan given as task key → level kind, and its saving, FTE change
    and quality lost (each task missing from ``kinds`` is kept as it is)."""
    choices = []
    saving, fte_change, lost = 0, 0.0, 0.0
    for item in problem.items:
        option = item.option(kinds.get(item.key, KEEP)) or item.keep
        choice = Choice(
            key=item.key,
            name=item.name,
            kind=option.kind,
            saving=item.saving(option),
            fte_change=item.fte_change(option),
            quality_lost=item.quality_lost(option),
            locked=bool(item.locked),
            minimum=item.minimum,
        )
        choices.append(choice)
        saving += choice.saving
        fte_change += choice.fte_change
        lost += choice.quality_lost
    return tuple(choices), saving, fte_change, lost
