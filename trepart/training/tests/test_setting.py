"""The mandatory setting: only HR changes it; mandatory for nobody is refused; a stale
form is refused with what the user chose kept; the figures follow the setting."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from trepart.organisation.selectors import today
from trepart.training.models import CourseSetting
from trepart.training.selectors.audience import mandatory_people
from trepart.training.tests.world import CourseWorld, build

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> CourseWorld:
    return build()


def _form(setting: CourseSetting, **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "mandatory": "on" if setting.mandatory else "",
        "for_leaders": "on" if setting.for_leaders else "",
        "for_permanent": "on" if setting.for_permanent else "",
        "for_politicians": "on" if setting.for_politicians else "",
        "remind_every_days": setting.remind_every_days,
        "version": setting.version,
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value != ""}


def client_for(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def test_only_hr_changes_the_setting(world: CourseWorld) -> None:
    assert client_for(world.leader_a).get(reverse("training:setting")).status_code == 403


def test_mandatory_for_nobody_is_refused(world: CourseWorld) -> None:
    setting = CourseSetting.objects.get(municipality=world.municipality)
    data = _form(setting, for_leaders="", for_permanent="", for_politicians="")
    answer = client_for(world.admin).post(reverse("training:setting"), data)
    assert answer.status_code == 200
    assert "Say whom the course is mandatory for" in answer.content.decode()
    setting.refresh_from_db()
    assert setting.for_leaders


def test_only_politicians_then_the_audience_follows(world: CourseWorld) -> None:
    setting = CourseSetting.objects.get(municipality=world.municipality)
    data = _form(setting, for_leaders="", for_permanent="")
    answer = client_for(world.admin).post(reverse("training:setting"), data)
    assert answer.status_code == 302
    people = mandatory_people(municipality_id=world.municipality.pk, day=today())
    assert list(people) == [world.politician.person]


def test_a_stale_setting_form_is_refused(world: CourseWorld) -> None:
    setting = CourseSetting.objects.get(municipality=world.municipality)
    client = client_for(world.admin)
    assert client.post(reverse("training:setting"), _form(setting)).status_code == 302
    stale = client.post(reverse("training:setting"), _form(setting, for_politicians=""))
    assert stale.status_code == 409
    setting.refresh_from_db()
    assert setting.for_politicians
