"""A tree given by each node's parent: children, subtrees, paths, depths, sectors, roll-ups.

Pure: keys in, keys out, no ORM, so every walk of a hierarchy (the units of a
municipality, the groups secondary suppression decides on, and whatever tree a later app
keeps) is the same code. ``organisation.tree.UnitTree`` adds each unit's name, code and
kind, and ``organisation.selectors.unit_tree`` reads a municipality's units into one with
a single query.

A node whose parent is not in the tree is a root, so no unit is ever lost from a page; a
loop (which the services refuse) has no root, and its nodes are left out of the walks.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class Tree(Generic[K]):
    """A forest given by each node's parent (``None`` for a root).

    Children keep the order of ``parents``; ``ordered`` is tree order (each node before its
    children, depth first). The whole structure is built once here, so walks are cheap.
    """

    def __init__(self, parents: Mapping[K, K | None]) -> None:
        self.parents: dict[K, K | None] = {
            node: (parent if parent in parents else None) for node, parent in parents.items()
        }
        self._children: dict[K | None, list[K]] = {}
        for node, parent in self.parents.items():
            self._children.setdefault(parent, []).append(node)
        self.ordered: list[K] = []
        self._depth: dict[K, int] = {}
        stack = [(root, 0) for root in reversed(self._children.get(None, []))]
        while stack:
            node, depth = stack.pop()
            self.ordered.append(node)
            self._depth[node] = depth
            stack.extend((kid, depth + 1) for kid in reversed(self._children.get(node, [])))

    def __contains__(self, node: object) -> bool:
        return node in self._depth

    def __iter__(self) -> Iterator[K]:
        return iter(self.ordered)

    def __len__(self) -> int:
        return len(self.ordered)

    @property
    def roots(self) -> list[K]:
        return list(self._children.get(None, []))

    def parent(self, node: K) -> K | None:
        return self.parents[node]

    def children(self, node: K | None) -> list[K]:
        """The nodes directly under ``node`` (the roots for None)."""
        return list(self._children.get(node, []))

    def depth(self, node: K) -> int:
        """0 for a root, 1 for a node under a root, …"""
        return self._depth[node]

    def path(self, node: K) -> list[K]:
        """From the root down to ``node`` (both included)."""
        if node not in self._depth:
            raise KeyError(node)
        chain = [node]
        parent = self.parents[node]
        while parent is not None:
            chain.append(parent)
            parent = self.parents[parent]
        return chain[::-1]

    def ancestors(self, node: K) -> list[K]:
        """The nodes above ``node``, from the root down (``node`` itself not included)."""
        return self.path(node)[:-1]

    def sector(self, node: K) -> K:
        """The root ``node`` lies under (itself for a root): its sector."""
        return self.path(node)[0]

    def subtree(self, top: K | None) -> list[K]:
        """``top`` and everything under it in tree order (every node for None)."""
        if top is None:
            return list(self.ordered)
        found: list[K] = []
        stack = [top]
        while stack:
            node = stack.pop()
            found.append(node)
            stack.extend(reversed(self._children.get(node, [])))
        return found

    def subtree_ids(self, tops: Iterable[K]) -> set[K]:
        """The given nodes that are in the tree, and everything under each."""
        found: set[K] = set()
        for top in tops:
            if top in self and top not in found:
                found.update(self.subtree(top))
        return found

    def bottom_up(self) -> list[K]:
        """Every node after all the nodes under it (reversed tree order)."""
        return self.ordered[::-1]

    def rollup(
        self,
        own: Mapping[K, V],
        *,
        zero: V,
        add: Callable[[V, V], V] = operator.add,
    ) -> dict[K, V]:
        """Each node's value over its whole subtree: its own (``zero`` if it has none)
        added to its children's totals."""
        totals: dict[K, V] = {}
        for node in self.bottom_up():
            total = own.get(node, zero)
            for kid in self._children.get(node, ()):
                total = add(total, totals[kid])
            totals[node] = total
        return totals
