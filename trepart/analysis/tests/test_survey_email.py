"""The invitation e-mail: one per person, with their own link, in their language."""

from __future__ import annotations

import datetime

import pytest
from django.conf import settings
from django.core import mail
from django.utils import translation

from trepart.analysis.models import Invitation
from trepart.analysis.services import surveys as services
from trepart.analysis.tests import survey_world as sw
from trepart.platform.models import Notification

pytestmark = pytest.mark.django_db


def test_each_person_gets_one_link_of_their_own(django_capture_on_commit_callbacks) -> None:
    world = sw.build_world()
    survey, tokens = sw.open_round(
        world, django_capture_on_commit_callbacks=django_capture_on_commit_callbacks
    )
    invitations = Invitation.objects.filter(survey=survey).select_related("person")
    assert sorted(m.to[0] for m in mail.outbox) == sorted(i.person.email for i in invitations)
    assert len(set(tokens.values())) == len(tokens) == invitations.count()
    message = next(m for m in mail.outbox if m.to == ["tina@fjordvik.invalid"])
    token = tokens["tina@fjordvik.invalid"]
    assert f"{settings.TREPART_BASE_URL}/analyse/svar/{token}/" in message.body
    assert len(token) >= 43
    assert "Status i egen kommune" in message.subject
    assert "Fjordvik kommune" in message.body
    # The links are never stored where others could read them.
    assert not Notification.objects.exists()


def test_language_is_the_users_else_the_municipalitys(
    django_capture_on_commit_callbacks,
) -> None:
    world = sw.build_world()
    world.teacher.language = "nn"
    world.teacher.save(update_fields=["language"])
    sw.open_round(world, django_capture_on_commit_callbacks=django_capture_on_commit_callbacks)
    by_email = {m.to[0]: m for m in mail.outbox}
    assert by_email["tina@fjordvik.invalid"].extra_headers["Content-Language"] == "nn"
    # Someone without a login reads the municipality's language (bokmål).
    someone = world.school_staff[2]
    assert by_email[someone.email].extra_headers["Content-Language"] == "nb"
    # A login in English gets English.
    assert by_email["per@fjordvik.invalid"].extra_headers["Content-Language"] == "en"
    english = by_email["per@fjordvik.invalid"]
    with translation.override("en"):
        assert "Answer here:" in english.body


def test_email_names_the_closing_day(django_capture_on_commit_callbacks) -> None:
    world = sw.build_world()
    survey = services.survey_create(
        actor=world.admin,
        instrument=world.self_assessment,
        title="Status",
        units=[world.nordby],
        closes_on=datetime.date(2099, 6, 30),
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.survey_open(actor=world.admin, survey=survey)
    message = next(m for m in mail.outbox if m.to == ["tina@fjordvik.invalid"])
    assert "2099" in message.body
