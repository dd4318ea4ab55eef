"""The sparse assignment in compiled code: the rows (people) are taken one at a time, and
each gets the shortest augmenting path on reduced costs (Dijkstra with potentials, as in
Jonker and Volgenant's augmentation), compiled by numba.

Every row also has an "unplaced" column of its own that costs ``top``, more than any real
pair, so every row is assigned and the cheapest assignment is the heaviest matching: a pair
costs ``top - weight``. The costs are integers and every distance and potential lies between
``-top`` and ``top`` (a column's potential is never above 0, and a row's is at most ``top``,
the cost of its own "unplaced" column), so the arithmetic in 64-bit integers is exact.

Three things make it fast on the stillingsbank's instances:

- each row's pairs are scanned cheapest first, and as no column's potential rises above 0, a
  pair costing ``c`` cannot be reached closer than ``c`` from its row: the scan of a row
  stops at the first pair that cannot beat the nearest free column found so far;
- a column scanned in the current search is marked by its potential (set aside until the
  search ends), so each pair costs one test, not two;
- the "unplaced" columns are not stored: a row's own is reached only from that row, so it is
  free whenever the row is reached through a real vacancy, and its potential stays 0.

This module imports numba, whose import takes about a second: ``assign`` imports it when a
component is large enough to need it. Compiled code is cached on disk (``cache=True``): the
first call in a fresh installation compiles for a few seconds, later processes load it.
Where there is nowhere to keep it (a read-only installation without a writable cache
folder), each process compiles on its first use instead.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
from numba import njit

from trepart.redeployment.matching.table import Ints

# A scanned column's potential while its search lasts: any pair to it then costs more than
# every bound (each below 2**54), and no sum overflows 64 bits.
SCANNED = -(2**62)


def compiled(function: Callable[..., Any]) -> Any:
    """``function`` compiled to machine code that runs without the interpreter's lock, kept
    on disk where numba finds a folder to write to, else compiled anew in each process."""
    try:
        return njit(cache=True, nogil=True)(function)
    except RuntimeError:  # numba: "cannot cache function ...: no locator available"
        return njit(nogil=True)(function)


@compiled
def _push(keys: Ints, values: Ints, size: int, key: int, value: int) -> int:
    """Adds to the binary heap of ``size`` entries; returns the new size."""
    at = size
    keys[at] = key
    values[at] = value
    while at > 0:
        parent = (at - 1) >> 1
        if keys[parent] <= keys[at]:
            break
        keys[parent], keys[at] = keys[at], keys[parent]
        values[parent], values[at] = values[at], values[parent]
        at = parent
    return size + 1


@compiled
def _pop(keys: Ints, values: Ints, size: int) -> tuple[int, int, int]:
    """Takes the smallest entry; returns it and the new size."""
    key, value = keys[0], values[0]
    size -= 1
    keys[0], values[0] = keys[size], values[size]
    at = 0
    while True:
        child = 2 * at + 1
        if child >= size:
            break
        if child + 1 < size and keys[child + 1] < keys[child]:
            child += 1
        if keys[at] <= keys[child]:
            break
        keys[child], keys[at] = keys[at], keys[child]
        values[child], values[at] = values[at], values[child]
        at = child
    return key, value, size


@compiled
def heaviest_matching(indptr: Ints, cols: Ints, weights: Ints, places: int) -> Ints:
    """The heaviest matching of a bipartite graph given as rows of pairs (``indptr`` as in
    CSR, each row's ``cols`` distinct, positive integer ``weights`` below 2**53): the chosen
    pairs' positions in ``cols``, in row order. Rows are taken in their order, which decides
    between equally heavy answers."""
    rows = len(indptr) - 1
    size_edges = len(cols)
    top = weights.max() + 1
    # Each row's pairs cheapest (heaviest) first; ``order`` maps back to the input.
    order = np.empty(size_edges, dtype=np.int64)
    for row in range(rows):
        low, high = indptr[row], indptr[row + 1]
        order[low:high] = low + np.argsort(-weights[low:high], kind="mergesort")
    cost = top - weights[order]
    col = cols[order]

    potential = np.zeros(places, dtype=np.int64)
    holder = np.full(places, -1, dtype=np.int64)  # the row a column is assigned to
    assigned = np.full(rows, -1, dtype=np.int64)  # a row's pair; -1 for "unplaced"
    distance = np.zeros(places, dtype=np.int64)
    reached = np.zeros(places, dtype=np.int64)  # the search that last set ``distance``
    scanned = np.zeros(places, dtype=np.int64)  # the search that last scanned the column
    via_row = np.zeros(places, dtype=np.int64)
    via_pair = np.zeros(places, dtype=np.int64)
    ready = np.empty(places, dtype=np.int64)
    kept = np.zeros(places, dtype=np.int64)  # a scanned column's potential, in its search
    heap_keys = np.empty(size_edges + 1, dtype=np.int64)
    heap_values = np.empty(size_edges + 1, dtype=np.int64)

    for start in range(rows):
        search = start + 1
        low, high = indptr[start], indptr[start + 1]
        # The start row's own potential: its cheapest reduced cost, "unplaced" included.
        least = top
        for pair in range(low, high):
            reduced = cost[pair] - potential[col[pair]]
            least = min(least, reduced)
        # The nearest end so far: a free column (``end_col``), else a row's "unplaced".
        bound = top - least
        end_col, end_row = -1, start
        size = 0
        for pair in range(low, high):
            if cost[pair] - least >= bound:
                break
            column = col[pair]
            reach = cost[pair] - potential[column] - least
            if reach >= bound:
                continue
            reached[column], distance[column] = search, reach
            via_row[column], via_pair[column] = start, pair
            if holder[column] < 0:
                bound, end_col = reach, column
            size = _push(heap_keys, heap_values, size, reach, column)
        done = 0
        while size > 0:
            reach, column, size = _pop(heap_keys, heap_values, size)
            if reach >= bound:
                break
            if scanned[column] == search or reach != distance[column]:
                continue
            scanned[column] = search
            ready[done] = column
            done += 1
            row = holder[column]
            base = reach - (cost[assigned[row]] - potential[column])
            # Until the search ends, a scanned column's potential is kept aside and
            # ``SCANNED`` puts it beyond every bound: one test instead of two a pair.
            kept[column] = potential[column]
            potential[column] = SCANNED
            for pair in range(indptr[row], indptr[row + 1]):
                here = base + cost[pair]
                if here >= bound:
                    break
                other = col[pair]
                further = here - potential[other]
                if further >= bound:
                    continue
                if reached[other] != search or further < distance[other]:
                    reached[other], distance[other] = search, further
                    via_row[other], via_pair[other] = row, pair
                    if holder[other] < 0:
                        bound, end_col = further, other
                    size = _push(heap_keys, heap_values, size, further, other)
            if base + top < bound:
                bound, end_col, end_row = base + top, -1, row
        for number in range(done):
            column = ready[number]
            potential[column] = kept[column] + distance[column] - bound
        # Augment: back from the end to the start row.
        column = end_col
        if column < 0:
            previous = assigned[end_row]
            assigned[end_row] = -1
            if end_row == start:
                continue
            column = col[previous]
        while True:
            row = via_row[column]
            previous = assigned[row]
            assigned[row] = via_pair[column]
            holder[column] = row
            if row == start:
                break
            column = col[previous]

    placed = 0
    for row in range(rows):
        if assigned[row] >= 0:
            placed += 1
    chosen = np.empty(placed, dtype=np.int64)
    placed = 0
    for row in range(rows):
        if assigned[row] >= 0:
            chosen[placed] = order[assigned[row]]
            placed += 1
    return chosen
