"""Quick plans for the exact solver to beat: rounding the LP relaxation, repairing a plan
that misses the target or breaks the FTE limit, and polishing a feasible plan one task at a
time. A good plan early is what lets reduced-cost fixing settle most tasks."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np

from trepart.development.optimiser.table import Bools, Floats, Ints, Table

INF = float("inf")


@dataclass(frozen=True)
class Rules:
    """What a plan must keep: the levels it may choose, the target and the FTE limit."""

    table: Table
    objective: Floats
    allowed: Bools
    target: float | None
    fte_limit: float | None

    def totals(self, columns: Ints) -> tuple[float, float]:
        saving, _lost, reduction = self.table.totals(columns)
        return saving, reduction

    def violation(self, saving: float, reduction: float) -> float:
        """How far a plan is from feasible, in kroner short plus FTEs over (an FTE counts
        as a year's salary, so neither swamps the other)."""
        short = 0.0 if self.target is None else max(0.0, self.target - saving)
        over = 0.0 if self.fte_limit is None else max(0.0, reduction - self.fte_limit)
        return short + over * 850_000

    def value(self, columns: Ints) -> float:
        return float(self.objective[np.arange(self.table.size), columns].sum())


def polish(rules: Rules, columns: Ints, rounds: int = 200) -> Ints:
    """Each round takes the single change of one task that lowers the objective most while
    the plan stays feasible."""
    table, rows = rules.table, np.arange(rules.table.size)
    columns = columns.copy()
    saving, reduction = rules.totals(columns)
    for _round in range(rounds):
        d_obj = rules.objective - rules.objective[rows, columns][:, None]
        d_save = table.saving - table.saving[rows, columns][:, None]
        d_red = table.reduction - table.reduction[rows, columns][:, None]
        ok = rules.allowed & (d_obj < -1e-9)
        if rules.target is not None:
            ok &= d_save >= rules.target - saving - 1e-6
        if rules.fte_limit is not None:
            ok &= d_red <= rules.fte_limit - reduction + 1e-9
        if not ok.any():
            break
        row, column = divmod(int(np.where(ok, d_obj, INF).argmin()), ok.shape[1])
        saving += float(d_save[row, column])
        reduction += float(d_red[row, column])
        columns[row] = column
    return columns


def repair(rules: Rules, columns: Ints, rounds: int = 500) -> Ints | None:
    """Move towards feasibility: each round the change of one task that removes the most
    violation per unit of objective it adds (or lowers the objective while removing some).
    None when it gets stuck."""
    table, rows = rules.table, np.arange(rules.table.size)
    columns = columns.copy()
    saving, reduction = rules.totals(columns)
    for _round in range(rounds):
        now = rules.violation(saving, reduction)
        if now <= 1e-6:
            return columns
        d_obj = rules.objective - rules.objective[rows, columns][:, None]
        new_save = saving + table.saving - table.saving[rows, columns][:, None]
        new_red = reduction + table.reduction - table.reduction[rows, columns][:, None]
        short = 0.0 if rules.target is None else np.maximum(0.0, rules.target - new_save)
        over = 0.0 if rules.fte_limit is None else np.maximum(0.0, new_red - rules.fte_limit)
        gain = now - (short + over * 850_000)
        ok = rules.allowed & (gain > 1e-6)
        if not ok.any():
            return None
        # Less objective per krone of violation removed is better; a change that also
        # lowers the objective is best of all.
        score = np.where(ok, d_obj / np.where(ok, gain, 1.0), INF)
        row, column = divmod(int(score.argmin()), ok.shape[1])
        saving = float(new_save[row, column])
        reduction = float(new_red[row, column])
        columns[row] = column
    return columns if rules.violation(saving, reduction) <= 1e-6 else None


def round_relaxation(rules: Rules, share: Floats) -> Ints | None:
    """A feasible plan near the LP solution ``share`` (rows by levels, summing to 1 per
    row): tasks the LP decides keep its level, and every combination of levels of the few
    tasks it splits is tried; the best is repaired if need be, then polished."""
    columns = np.where(rules.allowed, share, -1.0).argmax(axis=1)
    split = np.flatnonzero((share > 1e-6).sum(axis=1) > 1)
    if len(split) > 4:
        # Rounding many split tasks up, each to its level saving the most.
        for row in split[4:]:
            used = np.flatnonzero(share[row] > 1e-6)
            columns[row] = used[rules.table.saving[row, used].argmax()]
        split = split[:4]
    best, best_key = None, (INF, INF)
    choices = [np.flatnonzero(rules.allowed[row]) for row in split]
    for combination in itertools.product(*choices):
        trial = columns.copy()
        trial[split] = combination
        saving, reduction = rules.totals(trial)
        key = (rules.violation(saving, reduction), rules.value(trial))
        if key < best_key:
            best, best_key = trial, key
    if best is None:
        return None
    if best_key[0] > 1e-6:
        best = repair(rules, best)
        if best is None:
            return None
    return polish(rules, best)
