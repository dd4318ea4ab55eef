"""The compiled sparse solver on its own: on random sparse graphs, with many equal weights
and with weights as large as the matching uses, its matching is as heavy as the one
``scipy.optimize.linear_sum_assignment`` finds on the dense matrix, and it is a matching of
the graph's pairs."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.optimize import linear_sum_assignment

from trepart.redeployment.matching.kernel import compiled, heaviest_matching


def _graph(rng: np.random.Generator, rows: int, cols: int, density: float, most: int):
    mask = rng.random((rows, cols)) < density
    row_of, col_of = np.nonzero(mask)
    weights = rng.integers(1, most + 1, size=len(row_of)).astype(np.int64)
    indptr = np.zeros(rows + 1, dtype=np.int64)
    np.cumsum(np.bincount(row_of, minlength=rows), out=indptr[1:])
    return row_of, col_of.astype(np.int64), weights, indptr


def _plain_best(rows: int, cols: int, row_of, col_of, weights) -> int:
    matrix = np.zeros((rows, cols), dtype=np.float64)
    matrix[row_of, col_of] = weights
    chosen_rows, chosen_cols = linear_sum_assignment(matrix, maximize=True)
    return int(matrix[chosen_rows, chosen_cols].sum())


@pytest.mark.parametrize(
    ("rows", "cols", "density", "most"),
    [
        (1, 1, 1.0, 5),
        (6, 3, 0.7, 3),
        (3, 6, 0.7, 3),
        (40, 40, 0.1, 1),  # every weight equal: the most pairs
        (40, 30, 0.2, 4),  # few distinct weights: many equal answers
        (60, 80, 0.05, 1000),
        (80, 60, 0.3, 2**40),  # as large as the ranks make them
    ],
)
def test_the_kernel_finds_the_heaviest_matching(rows, cols, density, most):
    rng = np.random.default_rng(rows * 1000 + cols)
    for _ in range(20):
        row_of, col_of, weights, indptr = _graph(rng, rows, cols, density, most)
        if not len(weights):
            continue
        chosen = heaviest_matching(indptr, col_of, weights, cols)
        # A matching of the graph's pairs: no person and no vacancy twice.
        assert len(set(row_of[chosen].tolist())) == len(chosen)
        assert len(set(col_of[chosen].tolist())) == len(chosen)
        assert (np.diff(chosen) > 0).all()
        assert int(weights[chosen].sum()) == _plain_best(rows, cols, row_of, col_of, weights)


def test_a_person_is_left_out_only_for_a_heavier_one():
    # Two people, one vacancy: the heavier pair wins whichever row comes first.
    indptr = np.array([0, 1, 2], dtype=np.int64)
    cols = np.array([0, 0], dtype=np.int64)
    for weights, winner in (([5, 9], 1), ([9, 5], 0)):
        chosen = heaviest_matching(indptr, cols, np.array(weights, dtype=np.int64), 1)
        assert chosen.tolist() == [winner]


def test_code_numba_cannot_keep_on_disk_is_compiled_all_the_same():
    # Code without a source file has nowhere for numba's cache: as in a read-only install.
    namespace: dict = {}
    exec("def double(values):\n    return values * 2\n", namespace)  # noqa: S102 (no file)
    double = compiled(namespace["double"])
    assert double(np.arange(3)).tolist() == [0, 2, 4]
