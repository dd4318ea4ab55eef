"""The unit tree: the platform's ``Tree`` over a municipality's units, with their names.

``selectors.unit_tree`` reads a municipality's units into a ``UnitTree`` with a single
query; pages, figures and services walk it instead of building parent maps by hand.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from trepart.platform.tree import Tree


class UnitNode(NamedTuple):
    """One unit as the tree knows it (a tuple: cached trees unpickle fast)."""

    pk: int
    parent_id: int | None
    name: str
    code: str
    kind: str
    depth: int


class UnitTree(Tree[int]):
    """A municipality's units by name, each with its name, code, kind and depth."""

    def __init__(self, rows: Iterable[tuple[int, int | None, str, str, str]]) -> None:
        rows = list(rows)
        super().__init__({pk: parent for pk, parent, *_rest in rows})
        self.units: dict[int, UnitNode] = {
            pk: UnitNode(pk, self.parents[pk], name, code, kind, self._depth.get(pk, 0))
            for pk, _parent, name, code, kind in rows
        }

    def unit(self, pk: int) -> UnitNode:
        return self.units[pk]

    def nodes(self, keys: Iterable[int]) -> list[UnitNode]:
        return [self.units[pk] for pk in keys]
