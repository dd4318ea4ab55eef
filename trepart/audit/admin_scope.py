"""The Django admin, made safe for municipal administrators.

Superusers (site operators) keep Django's full access. A municipal administrator — a
user with ``is_municipal_admin`` who is not a superuser — may use the admin without any
Django model permissions, but only ever sees and edits rows of their own municipality.
``MunicipalAdminMixin`` does that for any model admin; every change made through it is
written to the audit trail, which is why it lives with the audit record, below every app
whose admin uses it.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import QuerySet
from django.forms import ModelChoiceField, ModelMultipleChoiceField
from django.http import HttpRequest

from trepart.audit.models import AuditEntry
from trepart.audit.services import (
    audit_create,
    audit_delete,
    audit_update,
    municipality_of,
    snapshot,
)


def acts_as_municipal_admin(request: HttpRequest) -> bool:
    """A municipal administrator, limited to their municipality (superusers are not)."""
    user: Any = request.user
    return bool(
        user.is_active
        and getattr(user, "is_municipal_admin", False)
        and not user.is_superuser
        and user.municipality_id is not None
    )


def _has_field(model: Any, name: str) -> bool:
    try:
        model._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    return True


def _tenant_model() -> Any:
    # The municipality model, known here as the one every audit entry belongs to: this
    # layer sits below the organisation app and does not import it.
    return AuditEntry._meta.get_field("municipality").related_model


class MunicipalAdminMixin:
    """Scope a ModelAdmin to the user's municipality and audit every change.

    ``municipality_lookup`` is the path from the model to its municipality's id, for
    models that reach it through a parent (``"body__municipality"``).
    """

    municipality_lookup = "municipality"

    # -- what a user sees -------------------------------------------------------------

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        queryset = super().get_queryset(request)  # type: ignore[misc]
        user: Any = request.user
        if user.is_superuser:
            return queryset
        municipality_id = user.municipality_id
        if municipality_id is None:
            return queryset.none()
        return queryset.filter(**{self.municipality_lookup: municipality_id})

    def formfield_for_foreignkey(
        self, db_field: models.ForeignKey[Any, Any], request: HttpRequest, **kwargs: Any
    ) -> ModelChoiceField | None:
        user: Any = request.user
        if not user.is_superuser:
            related: Any = db_field.related_model
            own = user.municipality_id
            if related is _tenant_model():
                kwargs["queryset"] = related._default_manager.filter(pk=own)
                kwargs.setdefault("initial", own)
            elif _has_field(related, "municipality"):
                kwargs["queryset"] = related._default_manager.filter(municipality_id=own)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)  # type: ignore[misc]

    def formfield_for_manytomany(
        self, db_field: models.ManyToManyField[Any, Any], request: HttpRequest, **kwargs: Any
    ) -> ModelMultipleChoiceField | None:
        user: Any = request.user
        related: Any = db_field.related_model
        if not user.is_superuser and _has_field(related, "municipality"):
            kwargs["queryset"] = related._default_manager.filter(
                municipality_id=user.municipality_id
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)  # type: ignore[misc]

    # -- permissions: municipal administrators need no Django model permissions ----------

    def _municipal(self, request: HttpRequest, obj: Any) -> bool:
        # get_queryset already keeps other municipalities' rows out of reach; the object
        # check is the second lock, for code paths that are handed an object directly.
        if not acts_as_municipal_admin(request):
            return False
        return obj is None or municipality_of(obj) == getattr(request.user, "municipality_id", None)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return acts_as_municipal_admin(request) or super().has_module_permission(request)  # type: ignore[misc]

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._municipal(request, obj) or super().has_view_permission(request, obj)  # type: ignore[misc]

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        # Inline admins are also passed the parent object.
        return acts_as_municipal_admin(request) or super().has_add_permission(request, *args)  # type: ignore[misc]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._municipal(request, obj) or super().has_change_permission(request, obj)  # type: ignore[misc]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._municipal(request, obj) or super().has_delete_permission(request, obj)  # type: ignore[misc]

    # -- writes: tenant set on create, every change audited ----------------------------

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        user: Any = request.user
        if not user.is_superuser and _has_field(type(obj), "municipality"):
            # Whatever the form said, a municipal administrator's rows stay in their
            # municipality.
            obj.municipality_id = user.municipality_id
        before = None
        if change and obj.pk is not None:
            stored = type(obj)._default_manager.filter(pk=obj.pk).first()
            before = snapshot(stored) if stored is not None else None
        super().save_model(request, obj, form, change)  # type: ignore[misc]
        if municipality_of(obj) is None:
            # Audit entries belong to a municipality; rows outside any (edited by a site
            # operator) have nowhere to be recorded.
            return
        if before is None:
            audit_create(actor=request.user, instance=obj)
        else:
            audit_update(actor=request.user, instance=obj, before=before)

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        if municipality_of(obj) is not None:
            audit_delete(actor=request.user, instance=obj)
        super().delete_model(request, obj)  # type: ignore[misc]

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        # The changelist's bulk delete action skips delete_model; audit each row here.
        for obj in queryset:
            if municipality_of(obj) is not None:
                audit_delete(actor=request.user, instance=obj)
        super().delete_queryset(request, queryset)  # type: ignore[misc]
