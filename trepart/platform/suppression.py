"""Which groups may be shown: the anonymity threshold and secondary suppression.

Pure: counts in, the set of hidden groups out (no models). Every output that shows figures
for groups of people (pages, API answers, CSV files, charts, snapshots) decides what to
show through ``hidden_groups`` and nowhere else, whichever app it belongs to.

A group is shown only when it has at least ``threshold`` members (respondents, employees,
participants): that is primary suppression. Some groups must stay hidden whatever their
size (``forced``: a question's groups already hidden on the respondents, say). Secondary
suppression stops a hidden group from being found by subtraction: under a shown total the
hidden parts together must be nothing, or at least ``threshold`` members that are not one
hidden group alone. Otherwise the smallest shown group is hidden too, and so on. Members
with no group of their own (people with no unit or party, or counted at a unit itself
rather than in one of its children) are never shown on their own, so they count among the
hidden parts.

A partition (groups side by side: parties, bodies) is a tree of one level. In a tree
(units within sectors) the rule holds at every level: a shown node's children and its own
members are a partition of it, and everything under a hidden node is hidden. A node made
of one hidden child alone is hidden with it. The whole is the caller's to show (when it
reaches the threshold): made of one forced group alone, it is that group's figure.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from typing import TypeVar

from trepart.platform.tree import Tree

K = TypeVar("K", bound=Hashable)

DEFAULT_THRESHOLD = 5
MINIMUM_THRESHOLD = 3


def effective_threshold(threshold: int | None) -> int:
    """The municipality's threshold, never below the floor of 3."""
    return max(MINIMUM_THRESHOLD, threshold or DEFAULT_THRESHOLD)


def hidden_groups(
    own: Mapping[K, int],
    *,
    threshold: int,
    parents: Mapping[K, K | None] | None = None,
    unplaced: int = 0,
    forced: Iterable[K] = (),
) -> set[K]:
    """The groups to hide, given each group's own members.

    ``own`` maps a group to the members counted in it. Without ``parents`` the groups are
    a partition: side by side, together the whole. With ``parents`` (every node to its
    parent, ``None`` for a root) they are a tree: ``own`` holds the members counted at a
    node itself, and a node's figure covers its whole subtree. ``unplaced`` members belong
    to no group but are in the whole. ``forced`` groups are hidden whatever their size.
    The whole is shown when it reaches the threshold; when it is not, every group is hidden.
    """
    threshold = effective_threshold(threshold)
    tree = Tree(dict.fromkeys(own, None) if parents is None else parents)
    totals = subtree_totals(tree, own)
    whole = unplaced + sum(totals[root] for root in tree.roots)
    forced_set = set(forced)
    while True:
        hidden, exposed = _hidden_nodes(
            tree,
            own,
            totals,
            whole=whole,
            unplaced=unplaced,
            threshold=threshold,
            forced=forced_set,
        )
        if exposed is None:
            return hidden
        # A node whose only members are one hidden child would show that child's figure:
        # the node is hidden too, and its own siblings are decided again.
        forced_set.add(exposed)


def _hidden_nodes(
    tree: Tree[K],
    own: Mapping[K, int],
    totals: Mapping[K, int],
    *,
    whole: int,
    unplaced: int,
    threshold: int,
    forced: set[K],
) -> tuple[set[K], K | None]:
    """The hidden nodes, and a shown node that still gives one hidden child away (or None)."""
    hidden: set[K] = set()
    queue: list[tuple[K | None, bool]] = [(None, whole >= threshold)]
    while queue:
        top, top_shown = queue.pop()
        kids = tree.children(top)
        if not top_shown:
            hidden.update(kids)
            queue.extend((kid, False) for kid in kids)
            continue
        rest = unplaced if top is None else own.get(top, 0)
        hide, alone = _hidden_siblings(
            {kid: totals[kid] for kid in kids}, rest=rest, threshold=threshold, forced=forced
        )
        if alone and top is not None:
            return hidden, top
        for kid in kids:
            kid_hidden = kid in hide or kid in forced
            if kid_hidden:
                hidden.add(kid)
            queue.append((kid, not kid_hidden))
    return hidden, None


def _hidden_siblings(
    parts: Mapping[K, int], *, rest: int, threshold: int, forced: set[K]
) -> tuple[set[K], bool]:
    """The parts of one shown total to hide; ``rest`` members of it have no part of their own.

    Also whether one hidden part is still the total minus the shown ones (no shown part
    was left to hide with it). Empty parts are neither shown nor hidden here: they have no
    figures to reveal.
    """
    hidden = {key for key, count in parts.items() if 0 < count < threshold}
    hidden |= {key for key in forced if parts.get(key, 0) > 0}
    candidates = sorted(
        ((key, count) for key, count in parts.items() if count > 0 and key not in hidden),
        key=lambda item: (item[1], repr(item[0])),
    )

    def found_by_subtraction() -> bool:
        together = rest + sum(parts[key] for key in hidden)
        if together == 0:
            return False
        # The total minus the shown parts is what is hidden: a small group, or one hidden
        # group alone (a forced one may be large), would be read off it.
        return together < threshold or (len(hidden) == 1 and rest == 0)

    while candidates and found_by_subtraction():
        key, _count = candidates.pop(0)
        hidden.add(key)
    return hidden, found_by_subtraction()


def subtree_totals(tree: Tree[K], own: Mapping[K, int]) -> dict[K, int]:
    """Each node's members with everything under it (members of nodes outside the tree
    ignored)."""
    return tree.rollup({node: count for node, count in own.items() if node in tree}, zero=0)


def shown(counts: Mapping[K, int], hidden: Iterable[K]) -> dict[K, int]:
    """``counts`` without the hidden keys."""
    gone = set(hidden)
    return {key: count for key, count in counts.items() if key not in gone}
