"""Who may read the audit log."""

from __future__ import annotations

from typing import Any

from trepart.platform.tenancy import is_municipal_admin


def can_view_audit(user: Any) -> bool:
    """The municipality's administrators read its log, nobody else."""
    return is_municipal_admin(user)
