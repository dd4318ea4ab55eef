"""Each party's view of a plan: the quality it loses under that party's own weights, so
the parties see who gives up what."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from trepart.development.optimiser.model import KEEP, Problem, Solution


def chosen_kinds(
    choices: Solution | Mapping[str, str] | Iterable[Mapping[str, Any]],
) -> dict[str, str]:
    """Task key → level kind, from a Solution, such a mapping, or the stored
    ``choices`` list of ``Solution.as_json()``."""
    if isinstance(choices, Solution):
        return choices.kinds
    if isinstance(choices, Mapping):
        return {str(key): str(kind) for key, kind in choices.items()}
    return {str(choice["key"]): str(choice["kind"]) for choice in choices}


def party_views(
    problem: Problem,
    choices: Solution | Mapping[str, str] | Iterable[Mapping[str, Any]],
    weights: Mapping[str, Mapping[str, float]],
) -> dict[str, float]:
    """Party → weighted quality lost by the plan ``choices`` under ``weights[party]``
    (task key → weight). A task a party has not weighed counts with the item's own
    weight; a task missing from ``choices`` is kept as it is."""
    kinds = chosen_kinds(choices)
    views: dict[str, float] = {}
    for party, own in weights.items():
        lost = 0.0
        for item in problem.items:
            option = item.option(kinds.get(item.key, KEEP)) or item.keep
            lost += item.quality_lost(option, float(own.get(item.key, item.weight)))
        views[party] = round(lost, 6)
    return views
