"""The demo's shared facts on a meeting agenda: the joint body's next meeting still being
prepared holds the sick-leave dashboard and the self-assessment by party, each frozen as a
snapshot the way a secretary sends them from the analysis pages."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.utils import timezone, translation

from trepart.analysis.instruments import SELF_ASSESSMENT
from trepart.analysis.models import Survey
from trepart.meetings import services
from trepart.meetings.models import AgendaItem, Meeting
from trepart.organisation.models import Body, Municipality
from trepart.platform.snapshots import build_snapshot

SICK_LEAVE_TITLE = "Sykefravær: tallene til drøfting"
SELF_ASSESSMENT_TITLE = "Status i egen kommune: partenes vurdering"


def analysis_meeting_build(*, municipality: Municipality) -> AgendaItem | None:
    """Put the snapshots on the agenda; return the sick-leave item (None without a meeting)."""
    admin = get_user_model().objects.filter(municipality=municipality, username="admin").first()
    joint = Body.objects.filter(
        municipality=municipality, template_slot="lunner:trepartsorgan"
    ).first()
    if admin is None or joint is None:
        return None
    meeting = (
        Meeting.objects.filter(
            body=joint, status=Meeting.Status.PLANNED, starts_at__gt=timezone.now()
        )
        .order_by("starts_at")
        .first()
    )
    if meeting is None:
        return None
    rounds = Survey.objects.filter(
        municipality=municipality,
        instrument__builtin_key=SELF_ASSESSMENT,
        status=Survey.Status.CLOSED,
    ).order_by("-closes_on", "-pk")
    # A snapshot is frozen in its maker's language; the demo's secretary writes bokmål.
    with translation.override(municipality.language or "nb"):
        item = services.item_add(
            actor=admin,
            meeting=meeting,
            kind=AgendaItem.Kind.DISCUSSION,
            title=SICK_LEAVE_TITLE,
            description="Utviklingen over tid og sektorene mot nærværsmålene.",
            snapshot=build_snapshot("absence-dashboard", user=admin, params={}),
        )
        latest = rounds.first()
        if latest is not None:
            services.item_add(
                actor=admin,
                meeting=meeting,
                kind=AgendaItem.Kind.DISCUSSION,
                title=SELF_ASSESSMENT_TITLE,
                description="Hvor partene ser samarbeidet likt, og hvor de skiller seg.",
                snapshot=build_snapshot(
                    "survey-results", user=admin, params={"survey": str(latest.pk), "by": "party"}
                ),
            )
    return item
