"""Property: no 10-FAKTOR figure reveals a group under the threshold, directly or by
subtracting shown figures from a shown parent's (hypothesis, random unit trees)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from trepart.analysis.factors import tree_figures


@st.composite
def trees(draw: st.DrawFn) -> tuple[dict[int, int | None], dict[int, tuple[float, int]], int]:
    size = draw(st.integers(min_value=1, max_value=25))
    parents: dict[int, int | None] = {0: None}
    for node in range(1, size):
        parents[node] = draw(st.one_of(st.none(), st.integers(min_value=0, max_value=node - 1)))
    own = {
        node: (draw(st.floats(min_value=1, max_value=5)), draw(st.integers(3, 40)))
        for node in parents
        if draw(st.booleans())
    }
    threshold = draw(st.integers(min_value=3, max_value=12))
    return parents, own, threshold


@settings(max_examples=300, deadline=None)
@given(trees())
def test_no_hidden_group_can_be_worked_out(
    tree: tuple[dict[int, int | None], dict[int, tuple[float, int]], int],
) -> None:
    parents, own, threshold = tree
    figures = tree_figures(parents, own, threshold=threshold)
    shown = figures.nodes
    # Directly: every figure shown stands for at least ``threshold`` respondents.
    assert all(figure.respondents >= threshold for figure in shown.values())
    if figures.whole is not None:
        assert figures.whole.respondents >= threshold
    # By subtraction: under a shown parent (or the shown whole), what is not shown —
    # hidden children and the parent's own result — is nobody, or at least ``threshold``.
    children: dict[int | None, list[int]] = {}
    for node, parent in parents.items():
        children.setdefault(parent, []).append(node)
    tops: list[tuple[int | None, int]] = [(node, fig.respondents) for node, fig in shown.items()]
    if figures.whole is not None:
        tops.append((None, figures.whole.respondents))
    for top, total in tops:
        visible = sum(shown[kid].respondents for kid in children.get(top, []) if kid in shown)
        rest = total - visible
        assert rest == 0 or rest >= threshold, (top, total, visible)
    # Nothing under a hidden node is shown.
    for node in shown:
        parent = parents[node]
        while parent is not None:
            assert parent in shown or parent not in figures.hidden
            parent = parents[parent]
