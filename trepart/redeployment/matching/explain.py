"""Why each person got their vacancy and not the next-best one, and why others got none.

For a placed person the next-best vacancy is the one with the highest score among the
others suitable for them (ties: the earlier vacancy in the input). ``why_not`` is, in order:

- ``lower_score`` / ``equal_score``: it scores less for them (or the same: either could
  have been theirs), ``{"score", "chosen"}`` in points;
- ``taken_by_senior`` / ``taken_by_social_priority``: it went to ``other``, who comes before
  them in the selection order (by ansiennitet / by social grounds, whichever decided);
- ``lower_total_score`` / ``equal_total_score``: it went to ``other``, who could be moved to
  another suitable vacancy with everyone still placed, but the moves lower (or keep) the
  sum of scores; ``loss`` in points when the move is direct (a swap, or a free vacancy);
- ``would_leave_someone_unplaced``: it went to ``other``, and no chain of moves finds them
  another place, so giving it to this person would leave someone placed now without one.

An unplaced person gets ``no_suitable_vacancy`` (``counts``: how many vacancies fail each
rule) or ``suitable_vacancies_taken`` (``vacancies``: how many suit them, all taken;
``by_higher_rank``: how many of them by people before them in the selection order).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import breadth_first_order, connected_components

from trepart.redeployment.matching.model import SOCIAL, Explanation, Pair, Reason
from trepart.redeployment.matching.suitability import SCORE_MAX, score_reasons
from trepart.redeployment.matching.table import Ints, Table


def _points(tenths: int) -> float:
    return tenths / 10


class Explainer:
    """Reads one table and its chosen pairs."""

    def __init__(self, table: Table, groups: Ints, chosen: Ints) -> None:
        self.table = table
        self.groups = groups
        people, places = len(table.candidates), len(table.vacancies)
        self.starts = table.starts
        self.place_of = np.full(people, -1, dtype=np.int64)
        self.place_of[table.rows[chosen]] = table.cols[chosen]
        self.holder = np.full(places, -1, dtype=np.int64)
        self.holder[table.cols[chosen]] = table.rows[chosen]
        self.chosen = chosen
        self.edge_of = np.full(people, -1, dtype=np.int64)
        self.edge_of[table.rows[chosen]] = chosen
        self.next_edge = self._next_best_edges(chosen, people)

    def _next_best_edges(self, chosen: Ints, people: int) -> Ints:
        """Per person, the edge of their best-scoring vacancy other than their own (-1);
        ties go to the earlier vacancy. One minimum per person's run of edges."""
        table = self.table
        places = len(table.vacancies)
        best = np.full(people, -1, dtype=np.int64)
        if not len(table.rows):
            return best
        # Edges sort by (row, col), so ``rows * places + cols`` is sorted: a pair's code.
        key = (SCORE_MAX - table.tenths) * places + table.cols
        key[chosen] = np.iinfo(np.int64).max
        starts = self.starts
        present = np.flatnonzero(starts[1:] > starts[:-1])
        lowest = np.minimum.reduceat(key, starts[present])
        found = lowest < np.iinfo(np.int64).max
        rows, cols = present[found], lowest[found] % places
        best[rows] = np.searchsorted(table.rows * places + table.cols, rows * places + cols)
        return best

    def _edge(self, row: int, col: int) -> int:
        """The edge of (row, col), or -1 when the pair is not suitable."""
        start, stop = int(self.starts[row]), int(self.starts[row + 1])
        at = start + int(np.searchsorted(self.table.cols[start:stop], col))
        return at if at < stop and int(self.table.cols[at]) == col else -1

    def _ahead(self, other: int, row: int) -> Reason:
        table = self.table
        mine, theirs = table.candidates[row], table.candidates[other]
        social_first = table.rules.selection == SOCIAL
        social_decided = mine.social_priority != theirs.social_priority and (
            social_first or mine.seniority == theirs.seniority
        )
        code = "taken_by_social_priority" if social_decided else "taken_by_senior"
        return Reason(code, {"other": theirs.key})

    def _holder_graph(self) -> None:
        """Person -> the holder of each other vacancy suitable for them, and who among them
        has a free suitable vacancy (a chain of moves can end there)."""
        table = self.table
        people = len(table.candidates)
        holders = self.holder[table.cols]
        held = (holders >= 0) & (holders != table.rows)
        # The edges come sorted by person, so the graph's rows need no sorting.
        indptr = np.zeros(people + 1, dtype=np.int64)
        np.cumsum(np.bincount(table.rows[held], minlength=people), out=indptr[1:])
        targets = holders[held]
        self.graph = csr_matrix((np.ones(len(targets)), targets, indptr), shape=(people, people))
        # Everyone who can reach a person with a free suitable vacancy (where a chain of
        # moves can end): one search backwards from a source joined to all of them.
        escape = np.flatnonzero(np.bincount(table.rows[holders < 0], minlength=people))
        backwards = self.graph.T.tocsr()
        source = people
        joined_ptr = np.concatenate([backwards.indptr, [backwards.indptr[-1] + len(escape)]])
        joined = csr_matrix(
            (
                np.ones(len(backwards.indices) + len(escape)),
                np.concatenate([backwards.indices, escape]),
                joined_ptr,
            ),
            shape=(people + 1, people + 1),
        )
        reached = breadth_first_order(joined, source, return_predecessors=False)
        self.escapes = np.zeros(people + 1, dtype=bool)
        self.escapes[reached] = True
        self.strong = connected_components(self.graph, directed=True, connection="strong")[1]
        self.reach_cache: dict[int, npt.NDArray[np.bool_]] = {}

    def _moves_elsewhere(self, other: int, row: int) -> bool:
        """Whether ``other`` can be moved on (each person moved to another suitable vacancy)
        to a free vacancy or to the one ``row`` would leave (reaching ``row`` itself)."""
        if not hasattr(self, "graph"):
            self._holder_graph()
        if self.escapes[other]:
            return True
        label = int(self.strong[other])
        reach = self.reach_cache.get(label)
        if reach is None:
            reach = np.zeros(len(self.table.candidates), dtype=bool)
            reach[breadth_first_order(self.graph, other, return_predecessors=False)] = True
            self.reach_cache[label] = reach
        return bool(reach[row])

    def _taken(self, row: int, own_edge: int, best_edge: int, other: int) -> Reason:
        table = self.table
        if self.groups[other] < self.groups[row]:
            return self._ahead(other, row)
        own = int(table.cols[own_edge])
        other_edge = int(self.edge_of[other])
        now = int(table.tenths[own_edge]) + int(table.tenths[other_edge])
        swap = self._edge(other, own)
        start, stop = int(self.starts[other]), int(self.starts[other + 1])
        free = self.holder[table.cols[start:stop]] < 0
        moved = None
        if swap >= 0:
            moved = int(table.tenths[swap])
        if free.any():
            best_free = int(table.tenths[start:stop][free].max())
            moved = best_free if moved is None else max(moved, best_free)
        key = table.candidates[other].key
        if moved is not None:
            loss = now - int(table.tenths[best_edge]) - moved
            code = "equal_total_score" if loss == 0 else "lower_total_score"
            return Reason(code, {"other": key, "loss": _points(loss)})
        if self._moves_elsewhere(other, row):
            return Reason("lower_total_score", {"other": key})
        return Reason("would_leave_someone_unplaced", {"other": key})

    def pair(self, edge: int) -> Pair:
        table = self.table
        row, col = int(table.rows[edge]), int(table.cols[edge])
        candidate, vacancy = table.candidates[row], table.vacancies[col]
        limit = int(table.limit[row])
        _tenths, why = score_reasons(candidate, vacancy, int(table.minutes[edge]), limit)
        best_edge = int(self.next_edge[row])
        if best_edge < 0:
            explanation = Explanation(tuple(why), None, None)
        else:
            best_col = int(table.cols[best_edge])
            mine, theirs = int(table.tenths[edge]), int(table.tenths[best_edge])
            other = int(self.holder[best_col])
            if theirs < mine or other < 0:
                code = "lower_score" if theirs < mine else "equal_score"
                why_not = Reason(code, {"score": _points(theirs), "chosen": _points(mine)})
            else:
                why_not = self._taken(row, edge, best_edge, other)
            explanation = Explanation(tuple(why), table.vacancies[best_col].key, why_not)
        return Pair(candidate.key, vacancy.key, _points(int(table.tenths[edge])), explanation)

    def unplaced(self, row: int) -> tuple[Reason, ...]:
        table = self.table
        start, stop = int(self.starts[row]), int(self.starts[row + 1])
        if start == stop:
            return (Reason("no_suitable_vacancy", {"counts": table.failure_counts(row)}),)
        holders = self.holder[table.cols[start:stop]]
        ahead = int((self.groups[holders] < self.groups[row]).sum())
        return (
            Reason(
                "suitable_vacancies_taken", {"vacancies": stop - start, "by_higher_rank": ahead}
            ),
        )


def explain(
    table: Table, groups: Ints, chosen: Ints
) -> tuple[list[Pair], list[tuple[str, tuple[Reason, ...]]]]:
    """The pairs in the people's input order, then the unplaced with their reasons."""
    explainer = Explainer(table, groups, chosen)
    pairs = [explainer.pair(int(edge)) for edge in chosen]
    placed = set(table.rows[chosen].tolist())
    unplaced = [
        (candidate.key, explainer.unplaced(row))
        for row, candidate in enumerate(table.candidates)
        if row not in placed
    ]
    return pairs, unplaced
