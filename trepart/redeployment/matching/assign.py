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
``scipy.optimize.linear_sum_assignment`` on its rectangular matrix, a larger one with
``scipy.sparse.csgraph.min_weight_full_bipartite_matching`` on its sparse edges plus one
"unplaced" edge per person (costlier than any real edge), which is the same optimum.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy.optimize import linear_sum_assignment
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import connected_components, min_weight_full_bipartite_matching

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
    """The edges come sorted by (row, col); each row gets one more, to a column of its own
    that stands for "unplaced" and costs more than any real pair. The vacancies are given
    to the solver fewest candidates first: the same optimum, found a tenth to a fifth
    faster on the bench's instances (measured over six seeds)."""
    people, places = shape
    top = int(weights.max()) + 1
    counts = np.bincount(local_rows, minlength=people)
    indptr = np.zeros(people + 1, dtype=np.int64)
    np.cumsum(counts + 1, out=indptr[1:])
    size = len(weights) + people
    costs = np.empty(size, dtype=np.float64)
    indices = np.empty(size, dtype=np.int64)
    real = np.arange(len(weights)) + local_rows  # each earlier row has one extra edge
    costs[real] = top - weights  # from 1 (the heaviest pair): never an explicit zero
    by_candidates = np.argsort(np.bincount(local_cols, minlength=places), kind="stable")
    position = np.empty(places, dtype=np.int64)
    position[by_candidates] = np.arange(places)
    indices[real] = position[local_cols]
    extra = indptr[1:] - 1
    costs[extra] = top
    indices[extra] = places + np.arange(people)
    graph = csr_matrix((costs, indices, indptr), shape=(people, places + people))
    row_ind, col_ind = min_weight_full_bipartite_matching(graph)
    placed = col_ind < places
    chosen_cols = by_candidates[col_ind[placed]]
    # Sorted by (row, col), the edges' codes are sorted: a chosen pair is found by its code.
    codes = local_rows * places + local_cols
    return np.searchsorted(codes, row_ind[placed].astype(np.int64) * places + chosen_cols)


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
