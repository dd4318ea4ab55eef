"""Which groups may be shown: the anonymity threshold and secondary suppression.

Pure: counts in, the set of hidden groups out. Every output that shows figures for groups
(pages, API, CSV, charts, snapshots) decides what to show here and nowhere else.

A group is shown only when it has at least ``threshold`` members (respondents, or employees
for sick leave): that is primary suppression. Secondary suppression stops a hidden group
from being found by subtraction: when the whole is shown, the hidden parts together must be
either nothing or at least ``threshold`` members between them (so never one small group
alone). Otherwise the smallest shown group is hidden too, and so on. A part that is never shown on
its own (people with no unit, say) counts as hidden.

Trees (units within sectors) apply the rule at every level: a shown node's children are a
partition of it, and everything under a hidden node is hidden.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from typing import TypeVar

from trepart.organisation.tree import Tree

K = TypeVar("K", bound=Hashable)

DEFAULT_THRESHOLD = 5
MINIMUM_THRESHOLD = 3


def effective_threshold(threshold: int | None) -> int:
    """The municipality's threshold, never below the floor of 3."""
    return max(MINIMUM_THRESHOLD, threshold or DEFAULT_THRESHOLD)


def _sort_key(item: tuple[K, int]) -> tuple[int, str]:
    return item[1], repr(item[0])


def hidden_parts(
    parts: Mapping[K, int],
    *,
    threshold: int,
    whole_shown: bool = True,
    never_shown: Iterable[K] = (),
) -> set[K]:
    """The parts of one partition to hide.

    ``parts`` maps each part to its number of members; the parts together are the whole.
    ``whole_shown`` says whether the whole's figure is shown (then subtraction is possible).
    ``never_shown`` are parts with no figure of their own (they count as hidden).
    Empty parts are neither shown nor hidden: they have no figures to reveal.
    """
    threshold = effective_threshold(threshold)
    silent = {key for key in never_shown if parts.get(key, 0) > 0}
    hidden = {key for key, count in parts.items() if 0 < count < threshold} | silent
    if not whole_shown:
        return hidden - silent
    candidates = sorted(
        ((key, count) for key, count in parts.items() if count > 0 and key not in hidden),
        key=_sort_key,
    )
    # Hidden parts together must not be a group under the threshold (a single small part
    # is one): else the smallest shown part joins them.
    while hidden and sum(parts[key] for key in hidden) < threshold and candidates:
        key, _count = candidates.pop(0)
        hidden.add(key)
    return hidden - silent


def hidden_in_tree(
    parents: Mapping[K, K | None],
    own: Mapping[K, int],
    *,
    threshold: int,
    unplaced: int = 0,
) -> set[K]:
    """The nodes of a tree to hide, given each node's own members.

    ``parents`` maps every node to its parent (``None`` for a root); ``own`` holds members
    counted at the node itself (not in a child). A node's figure covers its whole subtree.
    ``unplaced`` members belong to no node but are in the whole (the municipality's total).
    Members counted at a node itself are never shown on their own, so they are hidden parts
    of that node's partition.
    """
    threshold = effective_threshold(threshold)
    tree = Tree(parents)
    totals = tree.rollup(own, zero=0)
    whole = unplaced + sum(totals[root] for root in tree.roots)
    hidden: set[K] = set()
    own_part = object()  # the members counted at a node itself
    queue: list[tuple[K | None, bool]] = [(None, whole >= threshold)]
    while queue:
        top, shown = queue.pop()
        kids = tree.children(top)
        if not shown:
            hidden.update(kids)
            queue.extend((kid, False) for kid in kids)
            continue
        parts: dict[object, int] = {kid: totals[kid] for kid in kids}
        parts[own_part] = unplaced if top is None else own.get(top, 0)
        hide = hidden_parts(parts, threshold=threshold, whole_shown=True, never_shown=[own_part])
        for kid in kids:
            kid_hidden = kid in hide
            if kid_hidden:
                hidden.add(kid)
            queue.append((kid, not kid_hidden))
    return hidden


def shown(counts: Mapping[K, int], hidden: Iterable[K]) -> dict[K, int]:
    """``counts`` without the hidden keys."""
    gone = set(hidden)
    return {key: count for key, count in counts.items() if key not in gone}
