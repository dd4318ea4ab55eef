"""10-FAKTOR figures: weighted means up the unit tree, and which may be shown.

Pure: plain mappings in, plain values out, no database. KS reports a factor average and the
number of respondents per unit; a sector's (or the municipality's) figure is the
respondent-weighted mean of its units' averages, sum(average * n) / sum(n). Which nodes may be
shown is decided by ``platform.suppression.hidden_groups`` on the respondents, so a unit under the
municipality's threshold is hidden and cannot be computed from its sector either.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Generic, NamedTuple, TypeVar

from trepart.platform import formatting
from trepart.platform.suppression import effective_threshold, hidden_groups
from trepart.platform.tree import Tree

K = TypeVar("K", bound=Hashable)

# The factors' codes (as in ``models.factors.Factor``) with their Norwegian names, in KS's
# order. Only the names: the questionnaire itself is KS's and is not copied here.
FACTOR_ORDER = (
    "TASK_MOTIVATION",
    "SELF_EFFICACY",
    "AUTONOMY",
    "USE_OF_COMPETENCE",
    "MASTERY_LEADERSHIP",
    "ROLE_CLARITY",
    "COMPETENCE_DEVELOPMENT",
    "FLEXIBILITY",
    "MASTERY_CLIMATE",
    "PROSOCIAL_MOTIVATION",
)
NORWEGIAN_NAMES = {
    "TASK_MOTIVATION": "oppgavemotivasjon",
    "SELF_EFFICACY": "mestringstro",
    "AUTONOMY": "opplevd selvstendighet",
    "USE_OF_COMPETENCE": "bruk av kompetanse",
    "MASTERY_LEADERSHIP": "mestringsorientert ledelse",
    "ROLE_CLARITY": "rolleklarhet",
    "COMPETENCE_DEVELOPMENT": "relevant kompetanseutvikling",
    "FLEXIBILITY": "fleksibilitetsvilje",
    "MASTERY_CLIMATE": "mestringsklima",
    "PROSOCIAL_MOTIVATION": "nyttemotivasjon",
}


def _plain(text: str) -> str:
    return " ".join(text.strip().lower().replace("_", " ").replace("-", " ").split())


def factor_lookup() -> dict[str, str]:
    """Every spelling a file may use for a factor (lower case) → the factor's code."""
    lookup: dict[str, str] = {}
    for code, name in NORWEGIAN_NAMES.items():
        lookup[_plain(code)] = code
        lookup[_plain(name)] = code
        lookup[_plain(name).replace(" ", "")] = code
    return lookup


def factor_code(text: str) -> str | None:
    """The factor's code for a name or code as written in a file, if it is one."""
    plain = _plain(text)
    lookup = factor_lookup()
    return lookup.get(plain) or lookup.get(plain.replace(" ", ""))


class Figure(NamedTuple):
    """A shown figure: the weighted average and the respondents behind it."""

    average: float
    respondents: int


@dataclass(frozen=True)
class TreeFigures(Generic[K]):
    """One factor in one year over the unit tree: what may be shown, and what is hidden."""

    nodes: dict[K, Figure]  # shown nodes (units and sectors), their subtree's figure
    hidden: set[K]  # nodes with respondents whose figure must not be shown
    whole: Figure | None  # the municipality, if it may be shown


def weighted_mean(pairs: Iterable[tuple[float, int]]) -> Figure | None:
    """sum(average * n) / sum(n) over (average, n) pairs; ``None`` when nobody answered."""
    total = 0.0
    count = 0
    for average, respondents in pairs:
        total += average * respondents
        count += respondents
    if count == 0:
        return None
    return Figure(average=total / count, respondents=count)


class FactorTree(Generic[K]):
    """Figures over the unit tree, for many factors and years.

    The factors of one unit and year nearly always have the same respondents, so which
    nodes are hidden is worked out once per distinct set of counts, not once per factor.
    """

    def __init__(self, tree: Tree[K], *, threshold: int) -> None:
        self.tree = tree
        self.threshold = threshold
        self._hidden: dict[frozenset[tuple[K, int]], set[K]] = {}

    def hidden(self, counts: dict[K, int]) -> set[K]:
        key = frozenset(counts.items())
        if key not in self._hidden:
            self._hidden[key] = hidden_groups(
                counts, parents=self.tree.parents, threshold=self.threshold
            )
        return self._hidden[key]

    def figures(self, own: Mapping[K, tuple[float, int]]) -> TreeFigures[K]:
        """Each node's figure over its subtree, with the suppressed nodes left out.

        ``own`` holds each node's own result (average, respondents), as imported. A node's
        figure covers its own result and everything under it; the municipality's covers all.
        """
        sums = self.tree.rollup(
            {node: (average * n, n) for node, (average, n) in own.items()},
            zero=(0.0, 0),
            add=lambda a, b: (a[0] + b[0], a[1] + b[1]),
        )
        counts = {node: own[node][1] for node in own if node in self.tree.parents}
        hidden = self.hidden(counts)
        nodes = {
            node: Figure(total / count, count)
            for node, (total, count) in sums.items()
            if count > 0 and node not in hidden
        }
        roots = self.tree.roots
        whole_total = sum(sums[root][0] for root in roots)
        whole_count = sum(sums[root][1] for root in roots)
        whole = (
            Figure(whole_total / whole_count, whole_count)
            if whole_count >= effective_threshold(self.threshold)
            else None
        )
        # A hidden node without anyone behind it hides nothing: it simply has no figure.
        answered = {node for node, (_total, count) in sums.items() if count > 0}
        return TreeFigures(nodes=nodes, hidden=hidden & answered, whole=whole)


def tree_figures(
    parents: Mapping[K, K | None],
    own: Mapping[K, tuple[float, int]],
    *,
    threshold: int,
) -> TreeFigures[K]:
    """One factor's figures over the tree (see ``FactorTree.figures``)."""
    return FactorTree(Tree(parents), threshold=threshold).figures(own)


# The smallest change an arrow shows: one step of the one decimal the figures are shown with.
STEP = Decimal("0.1")


def change_arrow(now: float | None, before: float | None) -> str:
    """ "↑", "↓" or "→" for a change of at least 0.1 point either way, "" without both."""
    if now is None or before is None:
        return ""
    # The change between the figures as shown, so the arrow agrees with them.
    difference = formatting.difference(now, before)
    if difference is None:
        return ""
    if difference >= STEP:
        return "↑"
    if difference <= -STEP:
        return "↓"
    return "→"
