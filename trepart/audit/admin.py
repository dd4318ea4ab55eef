"""The audit trail in the Django admin: read only, and only the administrator's municipality."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from trepart.audit.admin_scope import MunicipalAdminMixin
from trepart.audit.models import AuditEntry
from trepart.platform.text import NormalisedModelForm


@admin.register(AuditEntry)
class AuditEntryAdmin(MunicipalAdminMixin, admin.ModelAdmin):
    """A record of what happened is never added, changed or deleted by hand, by anyone."""

    form = NormalisedModelForm

    list_display = ("at", "actor_name", "action", "object_type", "object_repr")
    list_filter = ("action", "object_type")
    list_select_related = ("actor",)
    search_fields = ("object_repr", "actor_name")
    fields = (
        "at",
        "actor",
        "actor_name",
        "action",
        "object_type",
        "object_id",
        "object_repr",
        "changes",
        "municipality",
    )
    readonly_fields = fields
    show_full_result_count = False

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
