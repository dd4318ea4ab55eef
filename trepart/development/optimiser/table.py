"""A problem as padded arrays, one row per task and one column per level: what each level
saves, the weighted quality it loses and the FTE reduction it brings, and which levels a
plan may choose (statutory minimums and locks). Also the within-task dominance pruning the
optimiser runs before it builds its model."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from trepart.development.optimiser.model import Problem

Floats = NDArray[np.float64]
Bools = NDArray[np.bool_]
Ints = NDArray[np.int64]


@dataclass(frozen=True)
class Table:
    """``saving[i, j]``, ``lost[i, j]`` and ``reduction[i, j]`` (fewer FTEs, positive) of
    level ``j`` of task ``i``; ``allowed[i, j]`` whether a plan may choose it (padding
    columns are never allowed)."""

    saving: Floats
    lost: Floats
    reduction: Floats
    allowed: Bools
    kinds: list[list[str]]

    @classmethod
    def build(cls, problem: Problem, *, minimums: bool = True, locks: bool = True) -> Table:
        n = len(problem.items)
        width = max((len(item.options) for item in problem.items), default=1)
        saving = np.zeros((n, width))
        lost = np.zeros((n, width))
        reduction = np.zeros((n, width))
        allowed = np.zeros((n, width), dtype=bool)
        kinds: list[list[str]] = []
        for i, item in enumerate(problem.items):
            keep = item.keep
            permitted = {o.kind for o in item.allowed(minimums=minimums, locks=locks)}
            kinds.append([o.kind for o in item.options])
            for j, option in enumerate(item.options):
                saving[i, j] = keep.cost - option.cost
                lost[i, j] = item.weight * (keep.quality - option.quality)
                reduction[i, j] = keep.ftes - option.ftes
                allowed[i, j] = option.kind in permitted
        return cls(saving, lost, reduction, allowed, kinds)

    @property
    def size(self) -> int:
        return int(self.saving.shape[0])

    def stuck(self) -> Ints:
        """Rows with no level a plan may choose (a lock below the statutory minimum)."""
        return np.flatnonzero(~self.allowed.any(axis=1))

    def max_saving(self) -> int:
        return round(np.where(self.allowed, self.saving, -np.inf).max(axis=1).sum())

    def max_saving_plan(self) -> Ints:
        """Per row the column of the largest saving, the least quality lost among ties."""
        best = np.where(self.allowed, self.saving, -np.inf).max(axis=1, keepdims=True)
        at_best = self.allowed & (self.saving >= best - 0.5)
        return np.where(at_best, self.lost, np.inf).argmin(axis=1)

    def totals(self, columns: Ints) -> tuple[float, float, float]:
        rows = np.arange(self.size)
        return (
            float(self.saving[rows, columns].sum()),
            float(self.lost[rows, columns].sum()),
            float(self.reduction[rows, columns].sum()),
        )


def undominated(table: Table, *, objective: Floats, with_fte: bool) -> Bools:
    """The allowed levels no other allowed level of the same task beats: one that saves at
    least as much, loses no more of ``objective`` and (when the FTE limit binds) reduces
    no more FTEs can always replace it, so no optimal plan needs it. Of identical levels
    the first is kept."""
    keep = table.allowed.copy()
    width = table.allowed.shape[1]
    s, r, a = table.saving, table.reduction, table.allowed
    for j in range(width):
        for k in range(width):
            if j == k:
                continue
            beats = a[:, k] & (s[:, k] >= s[:, j]) & (objective[:, k] <= objective[:, j])
            strictly = (s[:, k] > s[:, j]) | (objective[:, k] < objective[:, j])
            if with_fte:
                beats &= r[:, k] <= r[:, j]
                strictly |= r[:, k] < r[:, j]
            keep[:, j] &= ~(beats & (strictly | (k < j)))
    return keep
