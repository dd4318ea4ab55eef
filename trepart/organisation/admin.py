"""Django admin for the organisation, scoped to the administrator's municipality and audited."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.db import models
from django.http import HttpRequest

from trepart.audit.admin_scope import MunicipalAdminMixin, acts_as_municipal_admin
from trepart.audit.services import audit_create, audit_delete, audit_update, snapshot
from trepart.audit.writes import ConcurrentEditError, row_lock
from trepart.organisation.models import (
    Body,
    CompositionRule,
    Membership,
    Municipality,
    Person,
    Unit,
)
from trepart.platform.text import NormalisedModelForm, NormalisedTextForm


class AuditedInlineMixin:
    """Inline rows are saved by the parent's formset; record each change like the parent."""

    def audit_formset(self, request: HttpRequest, formset: Any) -> None:
        befores = {
            form.instance.pk: snapshot(
                type(form.instance)._default_manager.get(pk=form.instance.pk)
            )
            for form in formset.initial_forms
            if form.instance.pk and form.has_changed()
        }
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            audit_delete(actor=request.user, instance=obj)
            obj.delete()
        for obj in instances:
            if hasattr(obj, "municipality_id") and not obj.municipality_id:
                obj.municipality_id = formset.instance.municipality_id
            created = obj.pk is None
            obj.save()
            if created:
                audit_create(actor=request.user, instance=obj)
            elif obj.pk in befores:
                audit_update(actor=request.user, instance=obj, before=befores[obj.pk])
        formset.save_m2m()


class VersionedAdminForm(NormalisedTextForm, forms.ModelForm):
    """Carries the version the form was opened at, so a stale save is refused."""

    edit_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["edit_version"].initial = self.instance.version

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        opened_at = data.get("edit_version")
        if self.instance.pk and opened_at is not None:
            stored = type(self.instance)._default_manager.filter(pk=self.instance.pk)
            if stored.values_list("version", flat=True).first() != opened_at:
                raise ConcurrentEditError()
        return data


class VersionedAdminMixin:
    form: Any = VersionedAdminForm

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        if change:
            # The form's check ran before the row was locked: check again under the lock,
            # which the admin's transaction holds until the change and its audit are saved.
            stored = row_lock(obj, version=form.cleaned_data.get("edit_version"))
            obj.version = stored.version + 1
        super().save_model(request, obj, form, change)  # type: ignore[misc]


class CompositionRuleInline(MunicipalAdminMixin, admin.TabularInline):
    model = CompositionRule
    form = NormalisedModelForm
    municipality_lookup = "body__municipality"
    extra = 0


class MembershipInline(MunicipalAdminMixin, admin.TabularInline):
    model = Membership
    form = NormalisedModelForm
    extra = 0
    fields = ["person", "party", "role", "capacity", "voting", "start", "end"]
    raw_id_fields = ["person"]


@admin.register(Municipality)
class MunicipalityAdmin(MunicipalAdminMixin, admin.ModelAdmin):
    form = NormalisedModelForm
    municipality_lookup = "pk"
    list_display = ["name", "organisation_number", "language", "require_mfa_for_admins"]

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return bool(request.user.is_superuser)

    def has_delete_permission(self, request: HttpRequest, obj: models.Model | None = None) -> bool:
        return bool(request.user.is_superuser)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if acts_as_municipal_admin(request) and not request.user.is_superuser:
            return ["organisation_number"]
        return []


@admin.register(Unit)
class UnitAdmin(VersionedAdminMixin, MunicipalAdminMixin, admin.ModelAdmin):
    list_display = ["name", "code", "kind", "parent", "employee_count"]
    list_filter = ["kind"]
    search_fields = ["name", "code"]
    raw_id_fields = ["parent"]
    exclude = ["municipality", "version"]


@admin.register(Person)
class PersonAdmin(VersionedAdminMixin, MunicipalAdminMixin, admin.ModelAdmin):
    list_display = ["last_name", "first_name", "kind", "unit", "position", "is_leader"]
    list_filter = ["kind", "is_leader"]
    search_fields = ["first_name", "last_name", "email", "external_id"]
    raw_id_fields = ["unit", "user"]
    list_select_related = ["unit"]
    exclude = ["municipality", "version"]


@admin.register(Body)
class BodyAdmin(VersionedAdminMixin, AuditedInlineMixin, MunicipalAdminMixin, admin.ModelAdmin):
    list_display = ["name", "kind", "unit", "is_statutory_5_11", "established"]
    list_filter = ["kind", "is_statutory_5_11"]
    search_fields = ["name"]
    raw_id_fields = ["parent", "unit"]
    list_select_related = ["unit"]
    exclude = ["municipality", "version"]
    inlines = [CompositionRuleInline, MembershipInline]

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        self.audit_formset(request, formset)
