"""An exact dynamic programme for what reduced-cost fixing leaves open, when there is no FTE
limit and the objective moves in steps (weights with one decimal times whole quality
points): the most saving for every objective value up to the known plan's, one task at a
time. For the few dozen tasks left it is far quicker than branching, and as exact."""

from __future__ import annotations

import numpy as np

from trepart.development.optimiser.table import Floats, Ints

# Above this many cell updates the programme is left to HiGHS.
MAX_WORK = 30_000_000


def least_objective(
    *,
    rows: Ints,
    d_obj: Floats,
    d_save: Floats,
    need: float,
    ceiling: float,
    step: float,
) -> Ints | None:
    """The switches (indices into ``rows``/``d_obj``/``d_save``, at most one per row) that
    reach saving ``need`` for the least total ``d_obj`` (all ≥ 0, multiples of ``step``),
    given that a choice costing at most ``ceiling`` exists. None: too big to do here."""
    if step <= 0:
        return None
    units = np.round(d_obj / step).astype(np.int64)
    top = int(np.floor(ceiling / step + 1e-6))
    if top < 0 or np.any(units < 0):
        return None
    if (top + 1) * max(1, len(rows)) > MAX_WORK:
        return None
    # ``rows`` come sorted (from ``np.nonzero``): each group is a slice.
    groups, starts = np.unique(rows, return_index=True)
    ends = np.append(starts[1:], len(rows))
    # best[v]: the most saving with total objective ≤ v; pick[g, v]: the switch row g
    # takes in that optimum (-1: its base level).
    best = np.zeros(top + 1)
    pick = np.full((len(groups), top + 1), -1, dtype=np.int64)
    for g in range(len(groups)):
        new = best.copy()
        for var in range(int(starts[g]), int(ends[g])):
            shift = int(units[var])
            if shift > top:
                continue
            candidate = np.full(top + 1, -np.inf)
            candidate[shift:] = best[: top + 1 - shift] + d_save[var]
            better = candidate > new + 1e-9
            new = np.where(better, candidate, new)
            pick[g] = np.where(better, var, pick[g])
        best = new
    reached = np.flatnonzero(best >= need - 1e-6)
    if len(reached) == 0:
        return None
    value = int(reached[0])
    chosen = []
    for g in range(len(groups) - 1, -1, -1):
        var = int(pick[g, value])
        if var >= 0:
            chosen.append(var)
            value -= int(units[var])
    return np.array(chosen, dtype=np.int64)
