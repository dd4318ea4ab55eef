"""The unit tree: its walks on hand-made and generated trees, and the selector's one query."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from trepart.accounts.tests.factories import MunicipalityFactory
from trepart.organisation.selectors import unit_tree, units_by_sector
from trepart.organisation.services import unit_create, unit_update
from trepart.platform.tree import Tree


@st.composite
def forests(draw: st.DrawFn) -> dict[int, int | None]:
    """A forest over 1..n (each parent drawn from the nodes before it), in a random order."""
    size = draw(st.integers(1, 40))
    parents: dict[int, int | None] = {}
    for node in range(size):
        parents[node] = draw(st.none() | st.integers(0, node - 1)) if node else None
    order = draw(st.permutations(list(parents)))
    return {node: parents[node] for node in order}


def _by_hand_path(parents: dict[int, int | None], node: int) -> list[int]:
    chain = [node]
    while parents[chain[-1]] is not None:
        chain.append(parents[chain[-1]])  # type: ignore[arg-type]
    return chain[::-1]


@given(forests())
def test_the_subtree_of_everything_is_every_node_once(parents: dict[int, int | None]) -> None:
    tree = Tree(parents)
    assert sorted(tree.subtree(None)) == sorted(parents)
    assert sorted(node for root in tree.roots for node in tree.subtree(root)) == sorted(parents)
    assert tree.subtree_ids(tree.roots) == set(parents)


@given(forests())
def test_a_path_runs_from_a_root_down_to_the_node(parents: dict[int, int | None]) -> None:
    tree = Tree(parents)
    for node in parents:
        path = tree.path(node)
        assert path == _by_hand_path(parents, node)
        assert path[0] in tree.roots and path[0] == tree.sector(node)
        assert path[-1] == node
        assert tree.depth(node) == len(path) - 1
        assert tree.ancestors(node) == path[:-1]
        assert all(node in tree.subtree(above) for above in path)


@given(forests(), st.data())
def test_a_roll_up_adds_every_value_once_to_each_node_above(
    parents: dict[int, int | None], data: st.DataObject
) -> None:
    own = {node: data.draw(st.integers(0, 50)) for node in parents}
    tree = Tree(parents)
    totals = tree.rollup(own, zero=0)
    assert sum(totals[root] for root in tree.roots) == sum(own.values())
    for node in parents:
        assert totals[node] == sum(own[below] for below in tree.subtree(node))
    leaves = [node for node in parents if not tree.children(node)]
    only_leaves = {node: own[node] for node in leaves}
    leaf_totals = tree.rollup(only_leaves, zero=0)
    assert sum(leaf_totals[root] for root in tree.roots) == sum(only_leaves.values())


@given(forests())
def test_tree_order_puts_each_node_after_its_parent(parents: dict[int, int | None]) -> None:
    tree = Tree(parents)
    place = {node: i for i, node in enumerate(tree.ordered)}
    for node, parent in parents.items():
        if parent is not None:
            assert place[parent] < place[node]
            assert node in tree.children(parent)
    bottom_up = {node: i for i, node in enumerate(tree.bottom_up())}
    assert all(bottom_up[n] < bottom_up[p] for n, p in parents.items() if p is not None)


def test_children_keep_the_given_order_and_tree_order_is_depth_first() -> None:
    tree = Tree({"b": None, "a": None, "b2": "b", "b1": "b", "b21": "b2"})
    assert tree.roots == ["b", "a"]
    assert tree.children("b") == ["b2", "b1"]
    assert tree.ordered == ["b", "b2", "b21", "b1", "a"]
    assert tree.subtree("b2") == ["b2", "b21"]
    assert tree.rollup({"b21": 2, "b1": 3, "a": 1}, zero=0) == {
        "b": 5,
        "b2": 2,
        "b21": 2,
        "b1": 3,
        "a": 1,
    }


def test_a_node_under_an_unknown_parent_is_a_root_and_a_loop_is_left_out() -> None:
    tree = Tree({1: 99, 2: 1, 3: 4, 4: 3})
    assert tree.roots == [1]
    assert tree.ordered == [1, 2]
    assert 3 not in tree
    with pytest.raises(KeyError):
        tree.path(3)
    assert tree.subtree_ids([2, 3]) == {2}


@pytest.mark.django_db
def test_the_selector_reads_the_tree_in_one_query(django_assert_num_queries: Any) -> None:
    municipality = MunicipalityFactory.create()
    other = MunicipalityFactory.create()
    health = unit_create(
        actor=None, municipality=municipality, code="H", name="Helse", kind="SECTOR"
    )
    school = unit_create(
        actor=None, municipality=municipality, code="S", name="Oppvekst", kind="SECTOR"
    )
    home = unit_create(actor=None, municipality=municipality, code="H1", name="Bo", parent=health)
    ward = unit_create(actor=None, municipality=municipality, code="H11", name="Avd", parent=home)
    unit_create(actor=None, municipality=other, code="X", name="Deres")
    with django_assert_num_queries(1):
        tree = unit_tree(municipality_id=municipality.pk)
    assert tree.ordered == [health.pk, home.pk, ward.pk, school.pk]
    assert tree.unit(ward.pk).depth == 2
    assert tree.unit(ward.pk).code == "H11"
    assert tree.sector(ward.pk) == health.pk
    assert tree.nodes(tree.ancestors(ward.pk)) == [tree.unit(health.pk), tree.unit(home.pk)]
    assert units_by_sector(municipality_id=municipality.pk) == [
        ("Helse", [(health.pk, "Helse"), (ward.pk, "Avd"), (home.pk, "Bo")]),
        ("Oppvekst", [(school.pk, "Oppvekst")]),
    ]


@pytest.mark.django_db
def test_a_unit_cannot_be_moved_under_itself_or_its_own_units() -> None:
    municipality = MunicipalityFactory.create()
    sector = unit_create(actor=None, municipality=municipality, code="S", name="Helse")
    home = unit_create(actor=None, municipality=municipality, code="H", name="Bo", parent=sector)
    ward = unit_create(actor=None, municipality=municipality, code="A", name="Avd", parent=home)
    for new_parent in (sector, home, ward):
        sector.refresh_from_db()
        with pytest.raises(ValidationError):
            unit_update(actor=None, unit=sector, version=sector.version, parent=new_parent)
    other = unit_create(actor=None, municipality=municipality, code="O", name="Oppvekst")
    ward.refresh_from_db()
    unit_update(actor=None, unit=ward, version=ward.version, parent=other)
    assert unit_tree(municipality_id=municipality.pk).path(ward.pk) == [other.pk, ward.pk]
