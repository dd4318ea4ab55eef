"""Counting answers up the unit tree with arrays gives what counting by hand gives."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from trepart.analysis.tree_counts import LazyCells, TreeCounts
from trepart.platform.tree import Tree

WIDTH = 6  # value 0 (unused by scales) and 1–5


@st.composite
def trees_and_rows(draw: st.DrawFn) -> tuple[dict[int, int | None], list[tuple], list[int]]:
    size = draw(st.integers(min_value=1, max_value=12))
    nodes = [10 + 3 * i for i in range(size)]  # ids with gaps, as a database has
    parents: dict[int, int | None] = {nodes[0]: None}
    for i, node in enumerate(nodes[1:], start=1):
        parents[node] = draw(st.sampled_from([None, *nodes[:i]]))
    questions = [101, 57, 300]
    rows = []
    for question in questions:
        for unit in [*nodes, None]:
            if draw(st.booleans()):
                counts = draw(st.lists(st.integers(0, 9), min_size=5, max_size=5))
                rows.append((question, unit, *counts))
    if draw(st.booleans()):
        rows.append((999, nodes[0], 1, 1, 1, 1, 1))  # a question not asked: ignored
    return parents, rows, questions


def by_hand(parents: dict[int, int | None], rows: list[tuple], question: int, node: int) -> list:
    def under(candidate: int | None) -> bool:
        while candidate is not None:
            if candidate == node:
                return True
            candidate = parents[candidate]
        return False

    total = [0] * WIDTH
    for q, unit, *counts in rows:
        if q == question and unit is not None and under(unit):
            for value, count in enumerate(counts, start=1):
                total[value] += count
    return total


@settings(max_examples=150, deadline=None)
@given(trees_and_rows())
def test_subtree_and_whole_sums_match_counting_by_hand(data: tuple) -> None:
    parents, rows, questions = data
    tree = TreeCounts(rows, question_ids=questions, tree=Tree(parents), width=WIDTH, low=1)
    for qi, question in enumerate(questions):
        for node in parents:
            assert tree.subtree[qi, tree.index[node]].tolist() == by_hand(
                parents, rows, question, node
            )
        whole = [0] * WIDTH
        for q, _unit, *counts in rows:
            if q == question:
                for value, count in enumerate(counts, start=1):
                    whole[value] += count
        assert tree.whole[qi].tolist() == whole
        per_node = tree.answers_per_node(qi).tolist()
        assert sum(per_node) == sum(whole)


def test_cells_are_made_for_shown_groups_only_and_once() -> None:
    parents = {1: None, 2: 1, 3: 1}
    rows = [(7, 2, 1, 0, 0, 0, 4), (7, 3, 0, 2, 0, 0, 0)]
    tree = TreeCounts(rows, question_ids=[7], tree=Tree(parents), width=WIDTH, low=1)
    made: list[list[int]] = []

    def make(counts: list[int]) -> tuple[int, ...]:
        made.append(counts)
        return tuple(counts)

    shown = tree.subtree[0].sum(axis=1) > 0
    shown[tree.index[3]] = False  # hidden by the threshold
    keys = [f"unit:{node}" for node in tree.nodes]
    cells: LazyCells[tuple[int, ...]] = LazyCells(
        counts=tree.subtree[0], keys=keys, shown=shown, make=make, whole_key="all", whole=(0, 0)
    )
    assert list(cells) == ["all", "unit:1", "unit:2"]
    assert "unit:3" not in cells and cells.get("unit:3") is None
    assert made == []  # nothing made before it is read
    assert cells["unit:1"] == (0, 1, 2, 0, 0, 4)
    assert cells["unit:1"] is cells["unit:1"] and len(made) == 1
    assert len(cells) == 3
