"""The anonymity rules, for every partition and tree, with and without forced groups: no
shown group under the threshold, no hidden group found by subtraction from a shown total,
nothing shown under a hidden node.

Properties are checked with hypothesis on random partitions and trees, with hand-made
examples beside them. The checks count on their own, from the counts and the hidden set.
"""

from __future__ import annotations

from collections.abc import Mapping

from hypothesis import given, settings
from hypothesis import strategies as st

from trepart.platform.suppression import (
    effective_threshold,
    hidden_groups,
    shown,
)

thresholds = st.integers(min_value=0, max_value=10)
counts = st.integers(min_value=0, max_value=25)
partitions = st.dictionaries(st.text("abcdefgh", min_size=1, max_size=2), counts, max_size=8)


def _totals(parents: Mapping[int, int | None], own: Mapping[int, int]) -> dict[int, int]:
    """Each node's members with everything under it, walked up by hand (the test's own
    arithmetic, not the code under test)."""
    totals = dict.fromkeys(parents, 0)
    for node, count in own.items():
        current: int | None = node
        while current is not None:
            totals[current] += count
            current = parents[current]
    return totals


@st.composite
def trees(draw: st.DrawFn) -> tuple[dict[int, int | None], dict[int, int], int]:
    size = draw(st.integers(min_value=1, max_value=14))
    parents: dict[int, int | None] = {}
    for node in range(size):
        parents[node] = draw(st.none() | st.integers(0, node - 1)) if node else None
    own = {node: draw(counts) for node in range(size)}
    unplaced = draw(st.integers(0, 6))
    return parents, own, unplaced


def check_total(
    total: int, shown_parts: list[int], hidden_parts: list[int], t: int, *, whole: bool = False
) -> None:
    """Under a shown ``total``: what subtraction finds is nothing or a group it cannot split.

    ``hidden_parts`` are the hidden groups' members (each may be large if forced); the
    members in no group are ``total`` minus the shown and hidden groups.
    """
    assert all(count >= t for count in shown_parts)
    rest = total - sum(shown_parts)
    if rest == 0:
        return
    assert rest >= t, (total, shown_parts, hidden_parts)
    without_group = rest - sum(hidden_parts)
    nonempty = [count for count in hidden_parts if count]
    if whole and not shown_parts:
        return  # the whole is shown whenever it reaches the threshold
    # One hidden group alone would be the total minus the shown groups.
    assert not (len(nonempty) == 1 and without_group == 0), (total, shown_parts, hidden_parts)


def check_partition(
    parts: Mapping[str, int], unplaced: int, hidden: set[str], forced: set[str], t: int
) -> None:
    assert {key for key in forced if key in parts} <= hidden
    whole = sum(parts.values()) + unplaced
    if whole < t:
        assert hidden == set(parts)
        return
    check_total(
        whole,
        [count for key, count in parts.items() if count and key not in hidden],
        [count for key, count in parts.items() if key in hidden],
        t,
        whole=True,
    )


def check_tree(
    parents: Mapping[int, int | None],
    own: Mapping[int, int],
    unplaced: int,
    hidden: set[int],
    forced: set[int],
    t: int,
) -> None:
    assert forced <= hidden
    totals = _totals(parents, own)
    whole = unplaced + sum(totals[n] for n, p in parents.items() if p is None)
    visible = {n for n in parents if n not in hidden and totals[n] > 0}
    for node in visible:
        # nothing under a hidden node is shown
        ancestor = parents[node]
        while ancestor is not None:
            assert ancestor not in hidden
            ancestor = parents[ancestor]
    if whole < t:
        assert hidden == set(parents)
        return
    # At the top and at every shown node: its total, its shown and its hidden children.
    tops: list[tuple[int | None, int]] = [(None, whole)]
    tops += [(node, totals[node]) for node in visible]
    for top, total in tops:
        kids = [n for n, p in parents.items() if p == top]
        check_total(
            total,
            [totals[kid] for kid in kids if kid in visible],
            [totals[kid] for kid in kids if kid in hidden],
            t,
            whole=top is None,
        )


@given(partitions, thresholds, st.integers(0, 6))
def test_a_partition_never_shows_a_small_group_or_one_found_by_subtraction(
    parts: dict[str, int], threshold: int, unplaced: int
) -> None:
    t = effective_threshold(threshold)
    hidden = hidden_groups(parts, threshold=t, unplaced=unplaced)
    check_partition(parts, unplaced, hidden, set(), t)


@settings(max_examples=300, deadline=None)
@given(partitions, thresholds, st.integers(0, 6), st.data())
def test_a_partition_with_forced_groups_keeps_them_hidden_and_unrecoverable(
    parts: dict[str, int], threshold: int, unplaced: int, data: st.DataObject
) -> None:
    t = effective_threshold(threshold)
    forced = set(data.draw(st.lists(st.sampled_from(sorted(parts) or ["x"]), max_size=3)))
    hidden = hidden_groups(parts, threshold=t, unplaced=unplaced, forced=forced)
    check_partition(parts, unplaced, hidden, forced, t)


@settings(max_examples=300, deadline=None)
@given(trees(), thresholds)
def test_a_tree_never_shows_a_small_unit_nor_anything_under_a_hidden_one(
    tree: tuple[dict[int, int | None], dict[int, int], int], threshold: int
) -> None:
    parents, own, unplaced = tree
    t = effective_threshold(threshold)
    hidden = hidden_groups(own, parents=parents, threshold=t, unplaced=unplaced)
    check_tree(parents, own, unplaced, hidden, set(), t)


@settings(max_examples=300, deadline=None)
@given(trees(), thresholds, st.data())
def test_a_tree_with_forced_nodes_keeps_them_hidden_and_unrecoverable(
    tree: tuple[dict[int, int | None], dict[int, int], int], threshold: int, data: st.DataObject
) -> None:
    parents, own, unplaced = tree
    t = effective_threshold(threshold)
    forced = set(data.draw(st.lists(st.sampled_from(sorted(parents)), max_size=3)))
    hidden = hidden_groups(own, parents=parents, threshold=t, unplaced=unplaced, forced=forced)
    check_tree(parents, own, unplaced, hidden, forced, t)


@given(partitions, thresholds, st.integers(0, 6), st.data())
def test_a_partition_is_a_tree_of_one_level(
    parts: dict[str, int], threshold: int, unplaced: int, data: st.DataObject
) -> None:
    forced = set(data.draw(st.lists(st.sampled_from(sorted(parts) or ["x"]), max_size=3)))
    # The same groups under one more level (a municipality above them) hide the same, as
    # long as that level is shown (the whole of a partition is the caller's to show).
    parents: dict[str, str | None] = dict.fromkeys(parts, "top")
    parents["top"] = None
    tree = hidden_groups(
        {**parts, "top": unplaced}, parents=parents, threshold=threshold, forced=forced
    )
    flat = hidden_groups(parts, threshold=threshold, unplaced=unplaced, forced=forced)
    if "top" not in tree:
        assert tree == flat


# Hand-made examples


def test_the_threshold_is_never_below_three() -> None:
    assert effective_threshold(1) == 3
    assert effective_threshold(None) == 5
    assert effective_threshold(7) == 7


def test_one_small_party_takes_the_smallest_other_party_with_it() -> None:
    parts = {"POLITICAL": 9, "ADMINISTRATION": 2, "EMPLOYEE": 6}
    assert hidden_groups(parts, threshold=5) == {"ADMINISTRATION", "EMPLOYEE"}


def test_two_small_parties_together_reaching_the_threshold_hide_only_themselves() -> None:
    parts = {"POLITICAL": 9, "ADMINISTRATION": 3, "EMPLOYEE": 3}
    assert hidden_groups(parts, threshold=5) == {"ADMINISTRATION", "EMPLOYEE"}


def test_respondents_without_a_party_are_a_hidden_part() -> None:
    parts = {"POLITICAL": 9, "EMPLOYEE": 6}
    assert hidden_groups(parts, threshold=5, unplaced=1) == {"EMPLOYEE"}


def test_a_small_school_hides_its_sister_school_but_not_the_sector() -> None:
    # sector 0 with schools 1 (7) and 2 (2); sector 3 with a home 4 (8)
    parents: dict[int, int | None] = {0: None, 1: 0, 2: 0, 3: None, 4: 3}
    own = {1: 7, 2: 2, 4: 8}
    assert hidden_groups(own, parents=parents, threshold=5) == {1, 2}


def test_a_hidden_sector_hides_all_its_units() -> None:
    parents: dict[int, int | None] = {0: None, 1: 0, 2: None}
    own = {1: 3, 2: 20}
    # Two respondents with no unit are hidden with the small sector: 5 together.
    hidden = hidden_groups(own, parents=parents, threshold=5, unplaced=2)
    assert hidden == {0, 1}
    assert shown({0: 3, 1: 3, 2: 20}, hidden) == {2: 20}
    # Without them, the big sector would give the small one away: both are hidden.
    assert hidden_groups(own, parents=parents, threshold=5) == {0, 1, 2}


def test_a_question_skipped_by_some_hides_a_group_left_small_by_it() -> None:
    # Everyone in a party answered the survey, but only 2 employees this question.
    assert hidden_groups({"POLITICAL": 9, "EMPLOYEE": 2, "ADMINISTRATION": 6}, threshold=5) == {
        "EMPLOYEE",
        "ADMINISTRATION",
    }


def test_a_forced_group_alone_takes_the_smallest_shown_group_with_it() -> None:
    # Employees were hidden on the respondents (with a small party that skipped this
    # question). Hidden alone, their answers would be the whole minus the two shown parties;
    # the analysis copy of the rule left them so.
    parts = {"POLITICAL": 9, "EMPLOYEE": 10, "ADMINISTRATION": 6}
    assert hidden_groups(parts, threshold=5, forced=["EMPLOYEE"]) == {"EMPLOYEE", "ADMINISTRATION"}


def test_a_forced_unit_alone_under_its_sector_takes_its_smallest_sister_with_it() -> None:
    parents: dict[int, int | None] = {0: None, 1: 0, 2: 0, 3: 0, 4: None}
    own = {1: 12, 2: 8, 3: 6, 4: 30}
    assert hidden_groups(own, parents=parents, threshold=5, forced=[1]) == {1, 3}


def test_a_sector_made_of_one_forced_unit_is_hidden_with_it() -> None:
    # Sector 0 holds only unit 1: shown, its figure would be the forced unit's.
    parents: dict[int, int | None] = {0: None, 1: 0, 2: None, 3: None}
    own = {1: 12, 2: 8, 3: 20}
    assert hidden_groups(own, parents=parents, threshold=5, forced=[1]) == {0, 1, 2}


def test_a_forced_group_with_nobody_in_it_is_still_hidden() -> None:
    # Partitions and trees agreed to hide it only in trees; now both do.
    assert hidden_groups({"POLITICAL": 9, "EMPLOYEE": 0}, threshold=5, forced=["EMPLOYEE"]) == {
        "EMPLOYEE"
    }


def test_members_with_no_group_beside_a_forced_group_keep_it_from_being_read_off() -> None:
    # The 5 without a party are counted with the hidden employees: 15 together, not split.
    parts = {"POLITICAL": 9, "EMPLOYEE": 10, "ADMINISTRATION": 6}
    assert hidden_groups(parts, threshold=5, unplaced=5, forced=["EMPLOYEE"]) == {"EMPLOYEE"}
