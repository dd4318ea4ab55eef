"""The decision line: the group's final product goes to the mandating body as an innstilling
item (with the chosen plan frozen on it); once the body has agreed on it the project is
recommended; the formal decision (usually the council's vedtak) is then recorded on it.

The project reads its status from the item (``selectors.status.shown_status``) and stores
it when the group or the decision service next touches it (``project_recommendation_note``)."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from trepart.audit.writes import versioned_edit
from trepart.development import privacy
from trepart.development.models import Plan, Project
from trepart.development.selectors.status import MANDATE_OUTCOMES, shown_status
from trepart.development.services.ledger_plan import measures_from_plan
from trepart.development.services.reports import check_meeting
from trepart.meetings import services as meetings
from trepart.meetings.models import AgendaItem, Meeting
from trepart.organisation.redundancy import Announcement, redundancy_announce
from trepart.platform.snapshots import build_snapshot
from trepart.proposals.models import DecisionMaker

# The snapshot source (in ``development/snapshot_sources.py``) that freezes a chosen plan;
# it is given the project's and the plan's ids as the parameters "project" and "plan".
PLAN_SNAPSHOT = "development.plan"
# How many budget years an adopted plan's savings are planned for in the ledger.
LEDGER_YEARS = 3


def _pending(item: AgendaItem | None) -> bool:
    """An innstilling item is still waiting for (or has had) the body's agreement."""
    if item is None:
        return False
    if item.outcome in MANDATE_OUTCOMES:
        return True
    return item.outcome == "" and item.meeting.status != Meeting.Status.CANCELLED


def plan_snapshot(*, actor: Any, project: Project) -> dict[str, Any] | None:
    """The chosen plan frozen as the body will see it, or None without a chosen plan."""
    plan = project.plans.filter(chosen=True).first()
    if plan is None:
        return None
    params = {"project": str(project.pk), "plan": str(plan.pk)}
    return build_snapshot(PLAN_SNAPSHOT, user=actor, params=params)


@transaction.atomic
def recommendation_send(
    *, actor: Any, project: Project, meeting: Meeting | None, text: str
) -> AgendaItem:
    """Put the group's final product on the mandating body's meeting as an innstilling
    item, carrying the chosen plan's frozen snapshot if there is one."""
    if not privacy.can_work(actor, project):
        raise PermissionDenied
    current = Project.objects.select_for_update().get(pk=project.pk)
    if shown_status(current) != Project.Status.ACTIVE:
        raise ValidationError(_("The project has already been recommended."))
    if _pending(current.recommendation_item):
        raise ValidationError(
            _("The recommendation is already on an agenda: wait for the body's outcome.")
        )
    if not text.strip():
        raise ValidationError({"text": [_("Write the recommendation as the body is to read it.")]})
    check_meeting(current, meeting)
    assert meeting is not None
    with translation.override(current.municipality.language):
        title = _("Recommendation: %(title)s") % {"title": current.title}
    item = meetings.item_add(
        actor=actor,
        meeting=meeting,
        kind=AgendaItem.Kind.RECOMMENDATION,
        title=title[:300],
        description=text.strip(),
        snapshot=plan_snapshot(actor=actor, project=current),
    )
    with versioned_edit(current, actor=actor, version=None) as row:
        row.recommendation_item = item
    return item


def project_recommendation_note(*, actor: Any, project: Project) -> Project:
    """Store RECOMMENDED once the body has agreed on the innstilling item (no-op before)."""
    if project.status != Project.Status.ACTIVE or shown_status(project) != "RECOMMENDED":
        return project
    with versioned_edit(project, actor=actor, version=None) as row:
        row.status = Project.Status.RECOMMENDED
    return row


def projects_recommended_note(day: datetime.date) -> dict[str, int]:
    """The daily duty: store RECOMMENDED on every project whose innstilling item its body
    has agreed on, so lists and figures need not read the items."""
    waiting = Project.objects.filter(
        status=Project.Status.ACTIVE, recommendation_item__outcome__in=MANDATE_OUTCOMES
    ).select_related("recommendation_item")
    count = 0
    for project in waiting:
        project_recommendation_note(actor=None, project=project)
        count += 1
    return {"recommended": count}


def _check_decision(
    project: Project,
    *,
    decision_maker: str,
    adopted: bool | None,
    text: str,
    decided_on: datetime.date | None,
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if decision_maker not in DecisionMaker.values:
        errors["decision_maker"] = [_("Say who made the decision.")]
    if adopted is None:
        errors["adopted"] = [_("Say whether the recommendation was adopted.")]
    if not text.strip():
        errors["text"] = [_("Write the decision as it was worded.")]
    if decided_on is None:
        errors["decided_on"] = [_("Give the day of the decision.")]
    elif decided_on > timezone.localdate():
        errors["decided_on"] = [_("A decision cannot be recorded for a day still to come.")]
    elif project.recommendation_item is not None and decided_on < timezone.localdate(
        project.recommendation_item.meeting.starts_at
    ):
        errors["decided_on"] = [_("The decision cannot come before the body's recommendation.")]
    return errors


@transaction.atomic
def decision_record(
    *,
    actor: Any,
    project: Project,
    version: int,
    decision_maker: str,
    adopted: bool | None,
    text: str,
    votes: str = "",
    decided_on: datetime.date | None,
) -> Project:
    """Record the formal decision (vedtak) on a recommended project, or correct it."""
    if not privacy.can_record_decision(actor, project):
        raise PermissionDenied
    with versioned_edit(project, actor=actor, version=version) as current:
        if shown_status(current) not in (Project.Status.RECOMMENDED, Project.Status.DECIDED):
            raise ValidationError(
                _(
                    "The mandating body has not yet agreed on the project's recommendation: "
                    "the decision is recorded after that."
                )
            )
        errors = _check_decision(
            current,
            decision_maker=decision_maker,
            adopted=adopted,
            text=text,
            decided_on=decided_on,
        )
        if errors:
            raise ValidationError(errors)
        current.status = Project.Status.DECIDED
        current.decision_maker = decision_maker
        current.decision_adopted = adopted
        current.decision_text = text.strip()
        current.decision_votes = votes.strip()
        current.decided_on = decided_on
    if adopted and decided_on is not None:
        # An adopted plan's net saving goes into the ledger for the budget years that follow.
        plan = current.plans.filter(chosen=True).first()
        if plan is not None:
            first = decided_on.year + 1
            measures_from_plan(
                actor=actor, plan=plan, years=list(range(first, first + LEDGER_YEARS))
            )
            _announce_redundancy(current, plan, decided_on)
    return current


def _announce_redundancy(project: Project, plan: Plan, decided_on: datetime.date) -> None:
    """A plan that reduces more FTEs than natural attrition covers makes positions
    redundant: announce them for the stillingsbank once the decision is stored."""
    redundant = Decimal(str(plan.result.get("redundant_ftes") or 0))
    if redundant <= 0:
        return
    unit = project.units.order_by("pk").first()
    announcement = Announcement(
        key=f"development.plan:{plan.pk}",
        municipality_id=project.municipality_id,
        unit_id=unit.pk if unit is not None else None,
        ftes=redundant,
        source=project.title,
        url=reverse("development:project_detail", args=[project.pk]),
        decided_on=decided_on,
    )
    transaction.on_commit(lambda: redundancy_announce(announcement))
