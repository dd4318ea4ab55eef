"""``match``: the weekly proposal — suitability of every pair, the exact assignment, and an
explanation for every pair and every person left unplaced (see ``assign`` for the order of
what is optimised and why it is exact, ``explain`` for the reasons' codes)."""

from __future__ import annotations

import gc
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from trepart.redeployment.matching.assign import DENSE_LIMIT, assign, selection_groups
from trepart.redeployment.matching.combine import combine as combine_offers
from trepart.redeployment.matching.explain import explain
from trepart.redeployment.matching.model import (
    Candidate,
    Exclusions,
    Matching,
    Rules,
    Travel,
    Vacancy,
)
from trepart.redeployment.matching.table import build_table


def _unique(keys: list[str], what: str) -> None:
    if len(set(keys)) != len(keys):
        raise ValueError(f"Two {what} have the same key.")


@contextmanager
def _collection_paused() -> Iterator[None]:
    """The cyclic garbage collector paused while the proposal is made: the explanations are
    tens of thousands of small objects without cycles, and each full collection on the way
    walks every object of the process (a tenth of the bench's time, measured)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def match(
    candidates: Sequence[Candidate],
    vacancies: Sequence[Vacancy],
    rules: Rules,
    travel: Travel,
    exclusions: Exclusions,
    *,
    combine: bool = False,
    max_parts: int = 2,
    dense_limit: int = DENSE_LIMIT,
) -> Matching:
    """The proposal: pairs in the candidates' order, then the unplaced; with ``combine``,
    also § 14-3 combined offers for the unplaced part-time employees from the vacancies
    left free."""
    _unique([c.key for c in candidates], "people")
    _unique([v.key for v in vacancies], "vacancies")
    with _collection_paused():
        return _match(
            candidates,
            vacancies,
            rules,
            travel,
            exclusions,
            combine=combine,
            max_parts=max_parts,
            dense_limit=dense_limit,
        )


def _match(
    candidates: Sequence[Candidate],
    vacancies: Sequence[Vacancy],
    rules: Rules,
    travel: Travel,
    exclusions: Exclusions,
    *,
    combine: bool,
    max_parts: int,
    dense_limit: int,
) -> Matching:
    # In selection order (see ``assign``); the answer is given in the input order.
    ordered = sorted(candidates, key=lambda c: c.selection_key(rules))
    table = build_table(ordered, vacancies, rules, travel, exclusions)
    groups = selection_groups(ordered, rules)
    chosen = assign(table, groups, dense_limit=dense_limit)
    pairs, unplaced = explain(table, groups, chosen)
    position = {c.key: number for number, c in enumerate(candidates)}
    pairs.sort(key=lambda pair: position[pair.candidate])
    unplaced.sort(key=lambda item: position[item[0]])
    matching = Matching(rules=rules, pairs=pairs, unplaced=unplaced)
    if combine:
        left = {key for key, _reasons in unplaced}
        taken = {pair.vacancy for pair in pairs}
        matching.combined = combine_offers(
            [c for c in candidates if c.key in left],
            [v for v in vacancies if v.key not in taken],
            rules,
            travel,
            exclusions,
            max_parts=max_parts,
        )
    return matching
