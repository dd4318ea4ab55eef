"""The anonymity rules, for every partition and tree: no shown group under the threshold, no
hidden group found by subtraction, nothing shown under a hidden unit.

Properties are checked with hypothesis on random partitions and trees, with hand-made
examples beside them; ``results.hide_partition``/``hide_tree`` (a question checked again with
the respondents' hidden groups kept hidden) must keep the same promises.
"""

from __future__ import annotations

from collections.abc import Mapping

from hypothesis import given, settings
from hypothesis import strategies as st

from trepart.analysis import results
from trepart.analysis.suppression import (
    effective_threshold,
    hidden_in_tree,
    hidden_parts,
    shown,
)
from trepart.organisation.tree import Tree

thresholds = st.integers(min_value=0, max_value=10)
counts = st.integers(min_value=0, max_value=25)
partitions = st.dictionaries(st.text("abcdefgh", min_size=1, max_size=2), counts, max_size=8)


@st.composite
def trees(draw: st.DrawFn) -> tuple[dict[int, int | None], dict[int, int], int]:
    size = draw(st.integers(min_value=1, max_value=14))
    parents: dict[int, int | None] = {}
    for node in range(size):
        parents[node] = draw(st.none() | st.integers(0, node - 1)) if node else None
    own = {node: draw(counts) for node in range(size)}
    unplaced = draw(st.integers(0, 6))
    return parents, own, unplaced


def subtotals(parents: Mapping[int, int | None], own: Mapping[int, int]) -> dict[int, int]:
    return Tree(parents).rollup(own, zero=0)


def check_partition(parts: Mapping[str, int], hidden: set[str], silent: set[str], t: int) -> None:
    whole = sum(parts.values())
    visible = {k: v for k, v in parts.items() if v > 0 and k not in hidden and k not in silent}
    # (a) no shown part is under the threshold
    assert all(count >= t for count in visible.values())
    if whole >= t:
        # (b) the whole minus the shown parts is nothing or a group of at least t
        rest = whole - sum(visible.values())
        assert rest == 0 or rest >= t


def check_tree(
    parents: Mapping[int, int | None],
    own: Mapping[int, int],
    unplaced: int,
    hidden: set[int],
    t: int,
) -> None:
    totals = subtotals(parents, own)
    whole = unplaced + sum(totals[n] for n, p in parents.items() if p is None)
    visible = {n for n in parents if n not in hidden and totals[n] > 0}
    for node in visible:
        # (a) a shown node has at least t members under it
        assert totals[node] >= t
        # (c) nothing under a hidden node is shown
        ancestor = parents[node]
        while ancestor is not None:
            assert ancestor not in hidden
            ancestor = parents[ancestor]
    if whole < t:
        assert not visible
    # (b) at the top and at every shown node, the total minus its shown children is 0 or ≥ t
    tops: list[tuple[int | None, int]] = [(None, whole)] if whole >= t else []
    tops += [(node, totals[node]) for node in visible]
    for top, total in tops:
        kids = [n for n, p in parents.items() if p == top and n in visible]
        rest = total - sum(totals[kid] for kid in kids)
        assert rest == 0 or rest >= t, (top, total, rest)


@given(partitions, thresholds)
def test_a_partition_never_shows_a_small_group_or_one_found_by_subtraction(
    parts: dict[str, int], threshold: int
) -> None:
    t = effective_threshold(threshold)
    whole = sum(parts.values())
    hidden = hidden_parts(parts, threshold=t, whole_shown=whole >= t)
    check_partition(parts, hidden, set(), t)


@given(partitions, thresholds, st.data())
def test_parts_never_shown_count_as_hidden(
    parts: dict[str, int], threshold: int, data: st.DataObject
) -> None:
    t = effective_threshold(threshold)
    silent = set(data.draw(st.lists(st.sampled_from(sorted(parts) or ["x"]), max_size=3)))
    whole = sum(parts.values())
    hidden = hidden_parts(parts, threshold=t, whole_shown=whole >= t, never_shown=silent)
    assert not hidden & silent
    check_partition(parts, hidden, silent, t)


@given(partitions, thresholds, st.data())
def test_a_question_keeps_the_respondents_hidden_groups_hidden(
    parts: dict[str, int], threshold: int, data: st.DataObject
) -> None:
    t = effective_threshold(threshold)
    forced = set(data.draw(st.lists(st.sampled_from(sorted(parts) or ["x"]), max_size=3)))
    hidden = results.hide_partition(parts, threshold=t, forced=forced)
    assert {k for k in forced if parts.get(k, 0) > 0} <= hidden
    check_partition(parts, hidden, set(), t)


@settings(max_examples=300)
@given(trees(), thresholds)
def test_a_tree_never_shows_a_small_unit_nor_anything_under_a_hidden_one(
    tree: tuple[dict[int, int | None], dict[int, int], int], threshold: int
) -> None:
    parents, own, unplaced = tree
    t = effective_threshold(threshold)
    hidden = hidden_in_tree(parents, own, threshold=t, unplaced=unplaced)
    check_tree(parents, own, unplaced, hidden, t)


@settings(max_examples=300)
@given(trees(), thresholds, st.data())
def test_a_tree_with_forced_nodes_keeps_them_and_the_promises(
    tree: tuple[dict[int, int | None], dict[int, int], int], threshold: int, data: st.DataObject
) -> None:
    parents, own, unplaced = tree
    t = effective_threshold(threshold)
    forced = set(data.draw(st.lists(st.sampled_from(sorted(parents)), max_size=3)))
    hidden = results.hide_tree(parents, own, threshold=t, unplaced=unplaced, forced=forced)
    assert forced <= hidden or not forced
    check_tree(parents, own, unplaced, hidden, t)


@given(trees(), thresholds)
def test_hide_tree_without_forced_nodes_is_hidden_in_tree(
    tree: tuple[dict[int, int | None], dict[int, int], int], threshold: int
) -> None:
    parents, own, unplaced = tree
    assert results.hide_tree(
        parents, own, threshold=threshold, unplaced=unplaced
    ) == hidden_in_tree(parents, own, threshold=threshold, unplaced=unplaced)


# Hand-made examples


def test_the_threshold_is_never_below_three() -> None:
    assert effective_threshold(1) == 3
    assert effective_threshold(None) == 5
    assert effective_threshold(7) == 7


def test_one_small_party_takes_the_smallest_other_party_with_it() -> None:
    parts = {"POLITICAL": 9, "ADMINISTRATION": 2, "EMPLOYEE": 6}
    assert hidden_parts(parts, threshold=5) == {"ADMINISTRATION", "EMPLOYEE"}


def test_two_small_parties_together_reaching_the_threshold_hide_only_themselves() -> None:
    parts = {"POLITICAL": 9, "ADMINISTRATION": 3, "EMPLOYEE": 3}
    assert hidden_parts(parts, threshold=5) == {"ADMINISTRATION", "EMPLOYEE"}


def test_respondents_without_a_party_are_a_hidden_part() -> None:
    parts = {"POLITICAL": 9, "EMPLOYEE": 6, "": 1}
    assert hidden_parts(parts, threshold=5, never_shown=[""]) == {"EMPLOYEE"}


def test_a_small_school_hides_its_sister_school_but_not_the_sector() -> None:
    # sector 0 with schools 1 (7) and 2 (2); sector 3 with a home 4 (8)
    parents: dict[int, int | None] = {0: None, 1: 0, 2: 0, 3: None, 4: 3}
    own = {1: 7, 2: 2, 4: 8}
    assert hidden_in_tree(parents, own, threshold=5) == {1, 2}


def test_a_hidden_sector_hides_all_its_units() -> None:
    parents: dict[int, int | None] = {0: None, 1: 0, 2: None}
    own = {1: 3, 2: 20}
    # Two respondents with no unit are hidden with the small sector: 5 together.
    hidden = hidden_in_tree(parents, own, threshold=5, unplaced=2)
    assert hidden == {0, 1}
    assert shown({0: 3, 1: 3, 2: 20}, hidden) == {2: 20}
    # Without them, the big sector would give the small one away: both are hidden.
    assert hidden_in_tree(parents, own, threshold=5) == {0, 1, 2}


def test_a_question_skipped_by_some_hides_a_group_left_small_by_it() -> None:
    # Everyone in a party answered the survey, but only 2 employees this question.
    assert results.hide_partition(
        {"POLITICAL": 9, "EMPLOYEE": 2, "ADMINISTRATION": 6}, threshold=5
    ) == {"EMPLOYEE", "ADMINISTRATION"}


def test_the_largest_gap_names_the_theme_and_the_parties() -> None:
    gap = results.largest_gap(
        {"Likeverd": {"A": 4.0, "E": 2.5, "P": 3.9}, "Dialog": {"A": 3.0, "E": 3.2}}
    )
    assert gap == ("Likeverd", "E", "A", 1.5)
    assert results.largest_gap({"Likeverd": {"A": 4.0}}) is None
