"""Survey results as numbers: which groups a question may show, and where parties differ.

Pure: counts in, figures and hidden sets out (no ORM). The survey selector feeds it the
database's GROUP BY rows; the decisions themselves are made by ``analysis.suppression``.

A group's visibility is decided on its respondents. A question can have fewer answers than
its respondents (someone skipped it), so each question is checked again on its own answer
counts, with the groups already hidden kept hidden (``forced``): the hidden groups of that
question together are then still either nothing or at least the threshold.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from typing import TypeVar

from trepart.analysis.suppression import effective_threshold, hidden_in_tree, hidden_parts
from trepart.organisation.tree import Tree

K = TypeVar("K", bound=Hashable)


def hide_partition(
    parts: Mapping[K, int],
    *,
    threshold: int,
    forced: Iterable[K] = (),
    never_shown: Iterable[K] = (),
) -> set[K]:
    """The parts of one partition to hide, keeping ``forced`` parts hidden.

    The whole is shown when it reaches the threshold; ``never_shown`` parts (no group of
    their own) count as hidden but are not returned.
    """
    threshold = effective_threshold(threshold)
    forced_set = set(forced)
    whole = sum(parts.values())
    silent = set(never_shown) | forced_set
    hidden = hidden_parts(
        parts, threshold=threshold, whole_shown=whole >= threshold, never_shown=silent
    )
    return hidden | {key for key in forced_set if parts.get(key, 0) > 0}


def hide_tree(
    parents: Mapping[K, K | None],
    own: Mapping[K, int],
    *,
    threshold: int,
    unplaced: int = 0,
    forced: Iterable[K] = (),
) -> set[K]:
    """``suppression.hidden_in_tree`` with ``forced`` nodes (and what is under them) hidden.

    Without forced nodes it is ``hidden_in_tree`` itself.
    """
    forced_set = set(forced)
    if not forced_set:
        return hidden_in_tree(parents, own, threshold=threshold, unplaced=unplaced)
    threshold = effective_threshold(threshold)
    tree = Tree(parents)
    totals = tree.rollup(own, zero=0)
    whole = unplaced + sum(totals[root] for root in tree.roots)
    own_part = object()
    hidden: set[K] = set()
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
        silent: list[object] = [own_part, *(kid for kid in kids if kid in forced_set)]
        hide = hidden_parts(parts, threshold=threshold, whole_shown=True, never_shown=silent)
        for kid in kids:
            kid_hidden = kid in hide or kid in forced_set
            if kid_hidden:
                hidden.add(kid)
            queue.append((kid, not kid_hidden))
    return hidden


def largest_gap(means: Mapping[str, Mapping[str, float]]) -> tuple[str, str, str, float] | None:
    """In ``{theme: {group: mean}}``, the theme where two groups differ most.

    Returns (theme, lowest group, highest group, difference), or None when no theme has
    two groups. Ties go to the first theme.
    """
    best: tuple[str, str, str, float] | None = None
    for theme, by_group in means.items():
        if len(by_group) < 2:
            continue
        low = min(by_group, key=lambda group: (by_group[group], group))
        high = max(by_group, key=lambda group: (by_group[group], group))
        gap = by_group[high] - by_group[low]
        if best is None or gap > best[3] + 1e-9:
            best = (theme, low, high, gap)
    return best
