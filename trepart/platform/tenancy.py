"""Tenancy from the user alone: whether they administer their municipality, and whether a
row is in it.

Every user belongs to one municipality (``user.municipality_id``) and every tenant row has
a ``municipality_id``; these predicates read only those fields and the user's flags, so the
platform needs neither the user model nor the municipality's.
"""

from __future__ import annotations

from typing import Any


def is_municipal_admin(user: Any) -> bool:
    """An administrator of their municipality (a superuser counts only with one)."""
    return bool(
        user.is_authenticated
        and user.municipality_id is not None
        and (user.is_municipal_admin or user.is_superuser)
    )


def same_municipality(user: Any, obj: Any) -> bool:
    """``obj`` (anything with a ``municipality_id``) is in the signed-in user's municipality."""
    return bool(user.is_authenticated and user.municipality_id == obj.municipality_id)
