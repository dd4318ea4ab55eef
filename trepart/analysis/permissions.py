"""Who may do what in Felles analyse.

Results are aggregates that have been through the threshold, so everyone with a login in
the municipality may read them (the method asks for broad discussion). Making surveys and
importing statistics is for administrators.
"""

from __future__ import annotations

from typing import Any

from trepart.meetings.selectors import reach_of
from trepart.platform.tenancy import is_municipal_admin


def can_read(user: Any) -> bool:
    return bool(user.is_authenticated and user.municipality_id is not None)


def can_manage(user: Any) -> bool:
    return is_municipal_admin(user)


def can_send_to_meeting(user: Any) -> bool:
    """Whether ``user`` may put an analysis on some meeting's agenda: administrators, and
    the chair and secretary of a body (``meetings.permissions.can_prepare`` for one body)."""
    if not can_read(user):
        return False
    reach = reach_of(user)
    return reach.admin or bool(reach.prepares)
