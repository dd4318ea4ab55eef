"""The bench's baseline: a plain ``linear_sum_assignment`` on the dense float matrix of the
same pair weights (0 for an unsuitable pair) — what the matching would cost without the
sparse table and the split into components."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
from scipy.optimize import linear_sum_assignment

from trepart.redeployment.matching.assign import pair_weights, selection_groups
from trepart.redeployment.matching.table import Table


def dense_weights(table: Table) -> npt.NDArray[np.float64]:
    """The whole people x vacancies weight matrix in float64, as one component."""
    people, places = len(table.candidates), len(table.vacancies)
    matrix = np.zeros((people, places), dtype=np.float64)
    groups = selection_groups(table.candidates, table.rules)
    matrix[table.rows, table.cols] = pair_weights(groups, table.rows, table.tenths, people, places)
    return matrix


def plain_assignment(matrix: npt.NDArray[np.float64]) -> list[tuple[int, int]]:
    """The plain solver's pairs (row, col), the unsuitable ones dropped."""
    rows, cols = linear_sum_assignment(matrix, maximize=True)
    kept = matrix[rows, cols] > 0
    return list(zip(rows[kept].tolist(), cols[kept].tolist(), strict=True))
