"""The development work's views that can be frozen into a snapshot (``platform.snapshots``).

``development.plan`` freezes a kept plan: its figures, what it changes task by task, each
party's view and the trade-off curve, read from the plan's stored JSON so the snapshot
never changes with the data. Parameters: ``plan`` (the plan's id) and ``closed`` ("1" when
the snapshot goes on a closed agenda item: only then are FTE effects shown per task).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _

from trepart.development import plan_display, privacy
from trepart.development.models import Plan
from trepart.platform import formatting
from trepart.platform.snapshots import snapshot_source


@snapshot_source("development.plan", _("A service review's plan"))
def plan_snapshot(user: Any, params: Mapping[str, str]) -> dict[str, Any]:
    """The kept plan ``params["plan"]`` frozen for an agenda item."""
    raw = params.get("plan", "")
    plan = (
        Plan.objects.for_user(user).select_related("project").filter(pk=int(raw)).first()
        if raw.isdigit()
        else None
    )
    if plan is None:
        raise Http404
    project = plan.project
    if privacy.access(user, project) < privacy.Access.FULL:
        raise PermissionDenied
    level = privacy.snapshot_level(closed=params.get("closed", "") in {"1", "true", "yes"})
    result = plan.result
    chart = plan_display.curve_chart(result, key=f"plan-{plan.pk}-curve")
    tables = [
        plan_display.totals_table(result),
        plan_display.choices_table(result, task_ftes=privacy.shows_task_ftes(level)),
    ]
    parties = plan_display.party_table(result)
    if parties is not None:
        tables.append(parties)
    explained = [
        plan_display.choice_text(choice) for choice in plan_display.changed_choices(result)
    ]
    return {
        "title": _("Plan for %(project)s") % {"project": project.title},
        "summary": _(
            "Saves %(saving)s a year (target %(target)s) with %(lost)s weighted quality "
            "points lost, using %(basis)s."
        )
        % {
            "saving": plan_display.kroner(result.get("saving", 0)),
            "target": plan_display.kroner(result.get("target", 0)),
            "lost": formatting.decimal(result.get("quality_lost", 0)),
            "basis": plan_display.basis_label(result.get("basis", plan.basis)).lower(),
        },
        "url": reverse("development:plan_kept", args=[project.pk, plan.pk]),
        "charts": [chart.as_json()],
        "tables": [{"caption": t.caption, "columns": t.columns, "rows": t.rows} for t in tables],
        "notes": [*explained, *plan_display.plan_notes(result)],
    }
