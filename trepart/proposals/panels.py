"""The proposals app's panels on the organisation's pages (registered in ``apps.py``): on
the start page, the user's bodies with proposals past their answer date and the user's own
latest proposals; on a body's page, its inbox's counts. It also keeps the registry of
panels other apps add to a proposal's own page (``proposal_panel_register``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from trepart.organisation.models import Body
from trepart.organisation.panels import Panel, ShownPanel
from trepart.proposals import selectors
from trepart.proposals.models import Proposal


def home_panel(*, user: Any, bodies: list[Body]) -> dict[str, Any]:
    overdue = selectors.overdue_counts(body_ids={body.pk for body in bodies})
    return {
        "overdue_bodies": [
            (body, overdue[body.pk]) for body in dict.fromkeys(bodies) if body.pk in overdue
        ],
        "my_proposals": selectors.my_latest(user=user),
    }


def body_panel(*, user: Any, body: Body) -> dict[str, Any]:
    return {"inbox": selectors.inbox_counts(body=body)}


# ---------------------------------------------------------------------------------------
# Panels other apps add to a proposal's page (and the proposer's tracking page)
#
# Apps above proposals (development hands proposals to projects) register a panel from
# their ``AppConfig.ready()``; proposals never asks them. ``context(user=, proposal=)`` gets
# the reader (a visitor on the tracking page) and returns the template's ``panel`` variable,
# or an empty dict when it has nothing to show.

PROPOSAL_PANELS: list[Panel] = []


def proposal_panel_register(*, template: str, context: Callable[..., dict[str, Any]]) -> None:
    """Add a panel to a proposal's page and its tracking page."""
    PROPOSAL_PANELS.append(Panel(template=template, context=context))


def proposal_panels(*, user: Any, proposal: Proposal) -> list[ShownPanel]:
    shown = []
    for panel in PROPOSAL_PANELS:
        data = panel.context(user=user, proposal=proposal)
        if data:
            shown.append(ShownPanel(template=panel.template, panel=data))
    return shown
