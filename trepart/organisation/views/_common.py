"""What the organisation's pages share: the user, who must belong to a municipality."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest


def municipal_user(request: HttpRequest) -> Any:
    """The logged-in user, who must belong to a municipality to see its pages."""
    if request.user.municipality_id is None:  # type: ignore[union-attr]
        raise PermissionDenied
    return request.user
