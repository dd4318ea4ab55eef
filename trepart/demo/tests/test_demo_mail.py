"""The demo's history does not use up today's e-mail: its back-dated messages count on the
days they tell about, so a demo login who acts today is told today."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.db.models import Count
from django.utils import timezone

from trepart.accounts.models import User
from trepart.demo.builder import demo_municipality
from trepart.demo.seats import LOGINS
from trepart.platform.mail import goes_to_digest
from trepart.platform.models import Notification
from trepart.proposals import services
from trepart.proposals.models import Proposal

pytestmark = pytest.mark.django_db


def build_demo(django_capture_on_commit_callbacks: Any) -> None:
    # The members' messages are written when the build commits, as in `trepart serve`.
    with django_capture_on_commit_callbacks(execute=True):
        call_command("demo", stdout=io.StringIO())


def test_a_demo_employee_who_proposes_today_gets_the_email(
    django_capture_on_commit_callbacks: Any,
) -> None:
    build_demo(django_capture_on_commit_callbacks)
    municipality = demo_municipality()
    assert municipality is not None
    today = timezone.localdate()
    # The history's messages are dated when they happened, not the day it was built.
    told = Notification.objects.filter(municipality=municipality)
    assert told.exclude(day=today).count() > told.filter(day=today).count()
    emails = {user.email.lower() for user in User.objects.filter(username__in=LOGINS)}
    counts = (
        Notification.objects.filter(day=today)
        .values("email")
        .annotate(n=Count("pk"))
        .values_list("email", "n")
    )
    over = {email: n for email, n in counts if email.lower() in emails and goes_to_digest(n)}
    assert over == {}

    employee = User.objects.get(username="ansatt")
    unit_id = employee.person.unit_id
    assert unit_id is not None
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        proposal = services.proposal_submit(
            actor=employee,
            municipality=municipality,
            title="Felles lunsj en gang i måneden",
            description="En felles lunsj i måneden gir tid til å snakke sammen på tvers av turnus.",
            unit_ids=[unit_id],
        )
    assert [message.to for message in mail.outbox] == [[employee.email]]
    assert Proposal.objects.get(pk=proposal.pk).title in mail.outbox[0].subject
    assert not Notification.objects.about(proposal).get().in_digest
