"""The demo's meetings: a year of them told through the services, with everything the issue
lists, and the made-up meetings ``trepart generate`` writes in bulk."""

from __future__ import annotations

import datetime
import io
from typing import Any

import pytest
from django.core.management import call_command
from django.db.models import Count
from django.test import Client

from trepart.demo.builder import DEMO_ORGANISATION_NUMBER, municipality_build, municipality_delete
from trepart.demo.meetings import CLOSED_TITLE, LATE_PAPER, TRAFFIC
from trepart.demo.plan import PRESETS
from trepart.meetings.models import (
    OPEN_FOLLOW_UP,
    AgendaItem,
    Attendance,
    Document,
    DocumentVersion,
    FollowUp,
    ItemStand,
    Meeting,
    Minutes,
    MinutesApproval,
)
from trepart.organisation.models import Body
from trepart.organisation.selectors import today
from trepart.proposals.models import Proposal, Status

pytestmark = pytest.mark.django_db

TINY = PRESETS["small"].resized(units=8, employees=140)


def run(*args: str, **options: Any) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, **options)
    return out.getvalue()


def meetings_of(body: Body) -> list[Meeting]:
    return list(Meeting.objects.filter(body=body).order_by("starts_at"))


def test_the_demo_has_a_year_of_meetings_with_everything_the_issue_lists() -> None:
    assert "29 meetings" in run("demo")
    day = today()
    joint = Body.objects.get(template_slot="lunner:trepartsorgan")
    coordination = Body.objects.get(kind=Body.Kind.COORDINATION)
    year = datetime.timedelta(days=365)
    within_year = [m for m in meetings_of(joint) if m.starts_at.date() > day - year]
    assert len([m for m in within_year if m.starts_at.date() < day]) >= 4
    assert len(meetings_of(coordination)) >= 12
    lmus = Body.objects.filter(kind=Body.Kind.LMU).annotate(n=Count("meetings")).filter(n__gt=0)
    assert lmus.count() == 2 and {b.n for b in lmus} == {4}

    # Held meetings: attendance with a deputy in place of someone, stands and outcomes.
    held = Meeting.objects.filter(status=Meeting.Status.HELD)
    assert held.count() >= 20 and not held.filter(published_at__isnull=True).exists()
    deputy = Attendance.objects.get(meeting=meetings_of(joint)[0], status="DEPUTY")
    assert deputy.substitute_for is not None
    assert ItemStand.objects.filter(stance="OBJECT").exclude(statement="").exists()
    assert AgendaItem.objects.filter(outcome="DISAGREEMENT", motions__isnull=False).exists()
    assert AgendaItem.objects.filter(outcome="CONSENSUS").count() >= 10

    # Minutes approved by the chair and a member, and published.
    published = Minutes.objects.filter(status=Minutes.Status.PUBLISHED)
    assert published.count() >= 4
    for minutes in published:
        roles = set(MinutesApproval.objects.filter(minutes=minutes).values_list("role", flat=True))
        assert roles == {"CHAIR", "MEMBER"}
        assert minutes.published_at is not None
        assert minutes.published_at > minutes.meeting.starts_at

    # Exactly one closed item, with its legal basis, beside the stillingsbank's weekly
    # personal matters (see test_redeployment); one paper sent late.
    closed = AgendaItem.objects.exclude(body__kind=Body.Kind.REDEPLOYMENT).get(closed=True)
    assert closed.title == CLOSED_TITLE and closed.legal_basis == "OFFL_23"
    late = Document.objects.get(late=True)
    published_at = late.item.meeting.published_at
    assert late.released_at is not None and published_at is not None
    assert late.title == LATE_PAPER and late.released_at > published_at
    assert Meeting.objects.filter(released_late=True).count() == 1

    # The coordination group's outcome answered the citizen's proposal.
    item = AgendaItem.objects.get(kind=AgendaItem.Kind.PROPOSALS)
    proposal = item.proposals.get()
    assert proposal.title == TRAFFIC and proposal.status == Status.ANSWERED
    assert proposal.answered_on == item.meeting.starts_at.date()
    assert item.meeting.published_at is not None
    assert proposal.created_at < item.meeting.published_at
    assert Proposal.objects.filter(status=Status.ESCALATED).count() == 1

    # A standing result report, frozen; open, overdue and done follow-up.
    assert AgendaItem.objects.filter(kind="RESULT_REPORT", snapshot__isnull=False).exists()
    actions = FollowUp.objects.all()
    assert actions.filter(status__in=OPEN_FOLLOW_UP, due_on__lt=day).count() >= 2
    assert actions.filter(status__in=OPEN_FOLLOW_UP, due_on__gte=day).exists()
    assert actions.filter(status=FollowUp.Status.DONE, done_on__isnull=False).exists()

    # The future: the next meeting has its agenda out in time, the rest are planned.
    upcoming = list(
        Meeting.objects.filter(starts_at__date__gte=day)
        .exclude(body__kind=Body.Kind.REDEPLOYMENT)
        .order_by("starts_at")
    )
    assert upcoming[0].is_published and not upcoming[0].released_late
    assert all(m.status == Meeting.Status.PLANNED for m in upcoming[1:])
    assert all(m.starts_at.weekday() < 5 for m in Meeting.objects.all())


def test_visitors_see_the_demos_meetings_without_the_closed_item() -> None:
    run("demo")
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    page = client.get("/api/v1/meetings", {"limit": 500}).json()
    assert page["count"] == Meeting.objects.filter(published_at__isnull=False).count()
    meeting = AgendaItem.objects.exclude(body__kind=Body.Kind.REDEPLOYMENT).get(closed=True).meeting
    detail = client.get(f"/api/v1/meetings/{meeting.pk}")
    assert detail.status_code == 200 and CLOSED_TITLE not in detail.content.decode()


def test_the_demo_meetings_are_deleted_with_the_municipality() -> None:
    municipality_build(preset=TINY, seed=3, password="x", bulk_meetings=40)
    assert Meeting.objects.count() >= 40 + 29
    municipality_delete(organisation_number=DEMO_ORGANISATION_NUMBER)
    for model in (Meeting, AgendaItem, Document, DocumentVersion, FollowUp, Attendance):
        assert not model.objects.exists()
