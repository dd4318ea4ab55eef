"""Tenancy from the user alone: whether they administer their municipality, whether a row
is in it, and the queryset that scopes reads to it (``TenantQuerySet.for_user``).

Every user belongs to one municipality (``user.municipality_id``) and every tenant row
reaches one (its ``municipality_id``, or through a relation); these read only those fields
and the user's flags, so the platform needs neither the user model nor the municipality's.
"""

from __future__ import annotations

from typing import Any, ClassVar, Self, TypeVar

from django.db import models

_M = TypeVar("_M", bound=models.Model, covariant=True)


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


class TenantQuerySet(models.QuerySet[_M]):
    """Rows scoped to one municipality: ``Model.objects.for_user(request.user)``.

    A model reaches its municipality through ``tenant_field``: its own ``municipality``
    column by default; a model without one subclasses this queryset and names the path
    (``tenant_field = "body__municipality"``). Scoping reads here, in one place, is what
    makes another municipality's ids give 404 everywhere.
    """

    tenant_field: ClassVar[str] = "municipality"

    def for_municipality(self, municipality: Any) -> Self:
        """The rows of ``municipality`` (a municipality or its id); none for ``None``."""
        municipality_id = getattr(municipality, "pk", municipality)
        if municipality_id is None:
            return self.none()
        return self.filter(**{self.tenant_field: municipality_id})

    def for_user(self, user: Any) -> Self:
        """The rows of the user's municipality; none for a visitor or a user without one."""
        if not user.is_authenticated:
            return self.none()
        return self.for_municipality(user.municipality_id)
