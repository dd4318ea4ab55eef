"""The groups of a survey round: respondents per unit, party or body, and which are shown.

One GROUP BY counts the respondents of each group (from ``Response``);
``platform.suppression`` then decides which groups are shown. Units form a tree
(sector → unit): a node's figures cover everything under it, and nothing under a hidden
node is shown. Parties and bodies are partitions; respondents with no party or body are
counted in the whole but never shown as a group.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count
from django.utils.translation import gettext as _

from trepart.analysis.models import Response, Survey
from trepart.analysis.selectors.surveys import (
    _COLUMN,
    ALL,
    BY_ALL,
    BY_BODY,
    BY_PARTY,
    BY_UNIT,
    Group,
)
from trepart.organisation.models import Body, Party
from trepart.organisation.selectors import unit_tree
from trepart.platform.suppression import hidden_groups
from trepart.platform.tree import Tree


@dataclass
class _Dimension:
    """The groups of one dimension: respondents per key, hidden keys, and how parts add up."""

    by: str
    own: dict[Any, int]  # respondents per raw key (unit id, party code, body id; None/"")
    names: dict[Any, str]
    tree: Tree[Any]  # units only
    hidden: set[Any]

    @property
    def parents(self) -> dict[Any, Any]:
        return self.tree.parents


def _none_key(by: str) -> Any:
    return "" if by == BY_PARTY else None


def _respondents(survey: Survey, by: str) -> dict[Any, int]:
    if by == BY_ALL:
        return {ALL: Response.objects.filter(survey_id=survey.pk).count()}
    column = _COLUMN[by]
    rows = (
        Response.objects.filter(survey_id=survey.pk)
        .values(column)
        .annotate(n=Count("*"))
        .order_by()
        .values_list(column, "n")
    )
    return dict(rows)


def _dimension(survey: Survey, by: str, threshold: int) -> _Dimension:
    own = _respondents(survey, by)
    names: dict[Any, str] = {}
    tree: Tree[Any] = Tree({})
    hidden: set[Any] = set()
    if by == BY_UNIT:
        tree = unit_tree(municipality_id=survey.municipality_id)
        names = {pk: unit.name for pk, unit in tree.units.items()}
        placed = {key: count for key, count in own.items() if key in tree.parents}
        unplaced = sum(count for key, count in own.items() if key not in tree.parents)
        hidden = hidden_groups(placed, parents=tree.parents, threshold=threshold, unplaced=unplaced)
    elif by in (BY_PARTY, BY_BODY):
        none = _none_key(by)
        if by == BY_PARTY:
            names = {str(code): str(label) for code, label in Party.choices}
        else:
            names = dict(
                Body.objects.filter(
                    municipality_id=survey.municipality_id, pk__in=[k for k in own if k]
                ).values_list("pk", "name")
            )
        hidden = hidden_groups(
            {key: count for key, count in own.items() if key != none},
            threshold=threshold,
            unplaced=own.get(none, 0),
        )
    return _Dimension(by=by, own=own, names=names, tree=tree, hidden=hidden)


def _groups(dim: _Dimension, threshold: int) -> tuple[list[Group], list[tuple[str, str]]]:
    """The shown groups, and the hidden ones as (name, key) sorted by name."""
    whole = sum(dim.own.values())
    if whole < threshold:
        return [], []
    groups = [Group(key=ALL, name=_("Whole municipality"), respondents=whole)]
    hidden_names: list[tuple[str, str]] = []
    if dim.by == BY_UNIT:
        totals = dim.tree.rollup(dim.own, zero=0)
        stack: list[tuple[Any, int]] = [
            (node, 0) for node in sorted(dim.tree.roots, key=lambda n: dim.names[n], reverse=True)
        ]
        while stack:
            node, depth = stack.pop()
            if totals[node] == 0:
                continue
            if node in dim.hidden:
                hidden_names.append((dim.names[node], f"unit:{node}"))
                continue
            parent = dim.parents[node]
            groups.append(
                Group(
                    key=f"unit:{node}",
                    name=dim.names[node],
                    respondents=totals[node],
                    parent=f"unit:{parent}" if parent is not None else ALL,
                    depth=depth,
                )
            )
            stack.extend(
                (kid, depth + 1)
                for kid in sorted(dim.tree.children(node), key=lambda n: dim.names[n], reverse=True)
            )
        # Units under a hidden unit are not listed one by one: the hidden one covers them.
    elif dim.by in (BY_PARTY, BY_BODY):
        none = _none_key(dim.by)
        keys = sorted((k for k in dim.own if k != none and dim.own[k] > 0), key=_order(dim))
        for key in keys:
            name = dim.names.get(key, str(key))
            if key in dim.hidden:
                hidden_names.append((name, f"{dim.by}:{key}"))
            else:
                groups.append(
                    Group(key=f"{dim.by}:{key}", name=name, respondents=dim.own[key], parent=ALL)
                )
    return groups, sorted(hidden_names)


def _order(dim: _Dimension) -> Any:
    if dim.by == BY_PARTY:
        codes = [code for code, _label in Party.choices]
        return lambda key: (codes.index(key) if key in codes else len(codes), str(key))
    return lambda key: (dim.names.get(key, ""), str(key))
