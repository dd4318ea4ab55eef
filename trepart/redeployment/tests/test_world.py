"""The test world builds, and the privacy module's basic circles hold on it."""

from __future__ import annotations

import pytest

from trepart.redeployment import privacy
from trepart.redeployment.tests.world import build_bank_world

pytestmark = pytest.mark.django_db


def test_members_and_administrators_see_the_register_and_nobody_else_does() -> None:
    world = build_bank_world()
    for user in (*world.members.values(), world.admin):
        assert privacy.is_member(user)
        assert privacy.cases_for(user).count() == 3
    for user in (world.hiring, world.outsider):
        assert not privacy.is_member(user)
        assert privacy.cases_for(user).count() == 0


def test_a_person_sees_their_own_case_but_not_the_note_on_adapted_work() -> None:
    world = build_bank_world()
    bjorn = world.people["bjorn"]
    own = privacy.cases_for(bjorn)
    assert list(own) == [world.cases["bjorn"]]
    assert privacy.can_see_case(bjorn, world.cases["bjorn"])
    assert not privacy.can_see_case(bjorn, world.cases["anne"])
    assert not privacy.shows_adapted_note(bjorn, world.cases["bjorn"])
    assert privacy.shows_adapted_note(world.members["union"], world.cases["bjorn"])


def test_a_hiring_authority_sees_only_the_vacancies_of_its_unit() -> None:
    world = build_bank_world()
    assert list(privacy.vacancies_for(world.hiring)) == [world.vacancies["assistent"]]
    assert privacy.vacancies_for(world.outsider).count() == 0
    assert privacy.vacancies_for(world.members["union"]).count() == 3
