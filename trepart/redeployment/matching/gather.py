"""The suitable pairs of a large table in compiled code: the same gathering as the numpy
blocks in ``table`` (which checks the rules once per distinct value), without making the
block of the dense matrix in memory four times over. ``table`` uses it for tables of more
than ``COMPILED_CELLS`` cells, where the matching loads numba anyway (``assign``); the two
are held together by the tests.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from trepart.redeployment.matching.kernel import compiled
from trepart.redeployment.matching.table import Ints

Flags = npt.NDArray[np.bool_]


@compiled
def suitable_pairs(
    first: int,
    last: int,
    range_of: Ints,
    percent_ok: Flags,
    reach_of: Ints,
    travel_ok: Flags,
    qualified: Flags,
    need_of: Ints,
    wage: Ints,
    wage_max: Ints,
    wage_rule: bool,
) -> tuple[Ints, Ints]:
    """The pairs of rows ``first``..``last`` that pass every rule, sorted by (row, col):
    the percent range, the travel and the required qualifications are read from their
    tables of distinct values, the wage is compared when ``wage_rule`` holds."""
    places = len(need_of)
    capacity = 4 * places + (last - first) * places // 16
    rows = np.empty(capacity, dtype=np.int64)
    cols = np.empty(capacity, dtype=np.int64)
    found = 0
    for row in range(first, last):
        if found + places > capacity:
            capacity = 2 * capacity + places
            more_rows = np.empty(capacity, dtype=np.int64)
            more_cols = np.empty(capacity, dtype=np.int64)
            more_rows[:found] = rows[:found]
            more_cols[:found] = cols[:found]
            rows, cols = more_rows, more_cols
        percent = percent_ok[range_of[row]]
        travel = travel_ok[reach_of[row]]
        held = qualified[row]
        floor = wage[row]
        for col in range(places):
            # Every check made, and the pair written whether it passes or not: no branch
            # to guess, the count moves on only for a suitable pair.
            ok = percent[col] & travel[col] & held[need_of[col]]
            ok = ok & ((not wage_rule) | (wage_max[col] >= floor))
            rows[found] = row
            cols[found] = col
            found += 1 if ok else 0
    return rows[:found].copy(), cols[:found].copy()
