"""The proposals app's panels on the organisation's pages (registered in ``apps.py``): on
the start page, the user's bodies with proposals past their answer date and the user's own
latest proposals; on a body's page, its inbox's counts."""

from __future__ import annotations

from typing import Any

from trepart.organisation.models import Body
from trepart.proposals import selectors


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
