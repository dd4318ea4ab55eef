"""The assignment: as many people placed as possible, the best set by the agreed selection
order, then the highest total preference score — one maximum-weight matching, exact.

Why one weighted matching gives all three, in order:

1. The sets of people that can be placed together (each in a suitable vacancy of their own)
   are the independent sets of a transversal matroid. In a matroid the greedy set — take
   people in selection order, keep each one who can be placed together with those kept — is
   the lexicographically best, and it dominates every other maximal set element by element
   (Gale): its k-th person in selection order comes no later than the k-th of any other.
2. So give each person a weight ``rank x S`` where ``rank`` falls strictly down the selection
   order (people the rules cannot tell apart share a rank): any other set of people weighs at
   least one ``S`` less than the greedy one (or is the same by the rules), and every maximal
   set is as large as possible, since all weights are positive and a larger matching is
   reached by an augmenting path, which adds a person.
3. A pair's weight is ``rank x S + score`` with the score in integer tenths (0–1000) and
   ``S = 1000 x min(people, vacancies) + 1``: the scores of a whole matching add up to less
   than ``S``, so they decide only between sets equal by the rules.

Unsuitable pairs are no edges at all (weight 0 in a dense matrix, and dropped from the
answer: a zero pair never displaces a suitable one, since it adds nothing). The weights are
integers below 2**53 and so are their sums, hence exact in float64: the solver's arithmetic
only adds and subtracts them. To keep them small, and the work too, the bipartite graph is
split into connected components (``scipy.sparse.csgraph.connected_components``), each with its
own ranks and ``S``; a component of at most ``DENSE_LIMIT`` cells is solved with
``scipy.optimize.linear_sum_assignment`` on its rectangular matrix, a larger one by the
compiled sparse solver in ``kernel`` (shortest augmenting paths on its sparse edges, each
person with an "unplaced" column of their own that costs more than any real pair), which is
the same optimum in integers.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy.optimize import linear_sum_assignment
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import connected_components

from trepart.redeployment.matching.model import Candidate, Rules
from trepart.redeployment.matching.suitability import SCORE_MAX
from trepart.redeployment.matching.table import Ints, Table

# Components up to this many cells go to linear_sum_assignment as a dense matrix.
DENSE_LIMIT = 250_000
# Weights and their sums must stay exact in float64.
EXACT_LIMIT = 2**53


def selection_groups(candidates: Sequence[Candidate], rules: Rules) -> Ints:
    """Each person's place in the selection order (0 first); equal by the rules, equal."""
    keys = [c.selection_key(rules) for c in candidates]
    ranks = {key: number for number, key in enumerate(sorted(set(keys)))}
    return np.array([ranks[key] for key in keys], dtype=np.int64)


def pair_weights(groups: Ints, rows: Ints, tenths: Ints, people: int, places: int) -> Ints:
    """The integer weight of each pair of one component (see the module docstring)."""
    here = np.zeros(len(groups), dtype=bool)
    here[rows] = True
    present = np.unique(groups[here])
    rank = (len(present) - np.searchsorted(present, groups))[rows]
    step = SCORE_MAX * min(people, places) + 1
    if (len(present) * step + SCORE_MAX) * min(people, places) >= EXACT_LIMIT:
        raise ValueError("The matching is too large to solve exactly in one component.")
    return rank.astype(np.int64) * step + tenths


def _compact(values: Ints, size: int) -> tuple[Ints, int]:
    """Numbers 0.. for the values present, in their order (no sorting)."""
    present = np.zeros(size, dtype=bool)
    present[values] = True
    number = np.cumsum(present) - 1
    return number[values], int(present.sum())


def _solve_dense(local_rows: Ints, local_cols: Ints, weights: Ints, shape: tuple[int, int]) -> Ints:
    matrix = np.zeros(shape, dtype=np.float64)
    edge = np.full(shape, -1, dtype=np.int64)
    matrix[local_rows, local_cols] = weights
    edge[local_rows, local_cols] = np.arange(len(weights))
    row_ind, col_ind = linear_sum_assignment(matrix, maximize=True)
    chosen = edge[row_ind, col_ind]
    return chosen[chosen >= 0]


def _solve_sparse(
    local_rows: Ints, local_cols: Ints, weights: Ints, shape: tuple[int, int]
) -> Ints:
    """The edges come sorted by (row, col): they are the rows of a sparse graph as they
    are, for the compiled solver (``kernel``, imported here, as importing numba takes about
    a second)."""
    from trepart.redeployment.matching.kernel import heaviest_matching

    people, places = shape
    indptr = np.zeros(people + 1, dtype=np.int64)
    np.cumsum(np.bincount(local_rows, minlength=people), out=indptr[1:])
    return heaviest_matching(indptr, local_cols.astype(np.int64), weights, places)


def assign(table: Table, groups: Ints, *, dense_limit: int = DENSE_LIMIT) -> Ints:
    """The chosen pairs, as positions in ``table.rows``/``cols``. Any order of the people
    gives the same optimum; ``match`` puts them in selection order, as the solvers run
    several times faster so (measured: 1.9 s instead of 4.6 s on the bench's instance)."""
    people, places = len(table.candidates), len(table.vacancies)
    if not len(table.rows):
        return np.zeros(0, dtype=np.int64)
    # People first, then vacancies; the edges come sorted by person, so the graph is built
    # as it is stored (no sorting), and "weak" connection is the undirected one.
    indptr = np.full(people + places + 1, len(table.rows), dtype=np.int64)
    indptr[: people + 1] = table.starts
    graph = csr_matrix(
        (np.ones(len(table.rows)), people + table.cols, indptr),
        shape=(people + places, people + places),
    )
    _count, labels = connected_components(graph, directed=True, connection="weak")
    edge_label = labels[table.rows]
    if (edge_label == edge_label[0]).all():
        parts = [np.arange(len(table.rows))]
    else:
        order = np.argsort(edge_label, kind="stable")
        parts = np.split(order, np.flatnonzero(np.diff(edge_label[order])) + 1)
    chosen: list[Ints] = []
    for edges in parts:
        if len(edges) == 1:
            chosen.append(edges)
            continue
        rows, cols = table.rows[edges], table.cols[edges]
        local_rows, row_count = _compact(rows, people)
        local_cols, col_count = _compact(cols, places)
        shape = (row_count, col_count)
        weights = pair_weights(groups, rows, table.tenths[edges], *shape)
        solve = _solve_dense if shape[0] * shape[1] <= dense_limit else _solve_sparse
        chosen.append(edges[solve(local_rows, local_cols, weights, shape)])
    return np.sort(np.concatenate(chosen))
