"""Answers counted up the unit tree with numpy, for surveys with many units.

The database gives, per question and unit, how many answered each value (one GROUP BY over
a covering index). Here those rows become one array, every unit's counts are added to each
unit above it in a single vectorised step, and means come out as arrays too. Cells (the
figures of one group for one question) are made only when a page, the API or the CSV reads
them: a results page by unit shows one sector's units at a time, not all 50,000 cells.

Pure: rows in, arrays and mappings out; which groups are shown is decided elsewhere
(``platform.suppression``) and passed in as a mask.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any, Generic, TypeVar

import numpy as np

from trepart.platform.tree import Tree

C = TypeVar("C")


class TreeCounts:
    """Per question and node: answers per value, for the node alone and for its subtree.

    ``rows`` are ``(question_id, unit_id or None, count of value low, …, count of value
    width - 1)``; ``tree`` is the unit tree. Answers whose unit is not in the tree (or is
    ``None``) count only in the whole.
    """

    def __init__(
        self,
        rows: Sequence[Sequence[Any]],
        *,
        question_ids: Sequence[int],
        tree: Tree[int],
        width: int,
        low: int,
    ) -> None:
        self.nodes = list(tree.parents)
        self.index = {node: i for i, node in enumerate(self.nodes)}
        self.question_index = {pk: i for i, pk in enumerate(question_ids)}
        unplaced = len(self.nodes)
        shape = (len(question_ids), unplaced + 1, width)
        self.own = np.zeros(shape, dtype=np.int64)
        if rows:
            table = np.array(rows, dtype=np.float64)  # a unit of None becomes NaN
            questions = _positions(np.array(question_ids, dtype=np.float64), table[:, 0])
            lookup = np.full(int(np.nanmax(table[:, 1], initial=0)) + 2, unplaced, np.int64)
            for node, i in self.index.items():
                if node < len(lookup):
                    lookup[node] = i
            units = table[:, 1]
            places = np.where(
                np.isnan(units), unplaced, lookup[np.nan_to_num(units, nan=0).astype(np.int64)]
            )
            known = questions >= 0
            # One row per (question, unit): assignment, not addition, is enough.
            self.own[questions[known], places[known], low:] = table[known, 2:].astype(np.int64)
        # Each node's subtree: its own answers plus those of every node below it.
        children, ancestors = [], []
        for node in tree:
            i = self.index[node]
            for above in tree.ancestors(node):
                children.append(i)
                ancestors.append(self.index[above])
        self.subtree = self.own[:, :unplaced, :].copy()
        if children:
            # Node first (a view: adding into it adds into ``subtree``).
            np.add.at(
                self.subtree.transpose(1, 0, 2),
                np.array(ancestors),
                self.own[:, children, :].transpose(1, 0, 2),
            )
        self.whole = self.own.sum(axis=1)

    def answers_per_node(self, question: int) -> np.ndarray:
        """The answers to one question at each node itself (the last place: no unit)."""
        result: np.ndarray = self.own[question].sum(axis=1)
        return result


def _positions(ids: np.ndarray, found: np.ndarray) -> np.ndarray:
    """Where each of ``found`` is in ``ids`` (-1 where it is not), without a Python loop."""
    order = np.argsort(ids, kind="stable")
    ordered = ids[order]
    places = np.clip(np.searchsorted(ordered, found), 0, max(len(ids) - 1, 0))
    hit = ordered[places] == found if len(ids) else np.zeros(len(found), dtype=bool)
    result: np.ndarray = np.where(hit, order[places], -1)
    return result


class LazyCells(Mapping[str, C], Generic[C]):
    """A question's cells by group key, each made from its counts when first read."""

    def __init__(
        self,
        *,
        counts: np.ndarray,
        keys: Sequence[str],
        shown: np.ndarray,
        make: Callable[[list[int]], C],
        whole_key: str,
        whole: C,
    ) -> None:
        self._counts = counts
        self._make = make
        self._whole_key = whole_key
        self._whole = whole
        self._index = {keys[i]: i for i in np.flatnonzero(shown).tolist()}
        self._made: dict[str, C] = {}

    def __getitem__(self, key: str) -> C:
        if key == self._whole_key:
            return self._whole
        found = self._made.get(key)
        if found is None:
            found = self._made[key] = self._make(self._counts[self._index[key]].tolist())
        return found

    def __contains__(self, key: object) -> bool:
        return key == self._whole_key or key in self._index

    def __iter__(self) -> Iterator[str]:
        yield self._whole_key
        yield from self._index

    def __len__(self) -> int:
        return 1 + len(self._index)
