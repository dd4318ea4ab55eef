"""The Django admin, made safe for municipal administrators.

Superusers (site operators) keep Django's full access. A municipal administrator — a
user with ``is_municipal_admin`` who is not a superuser — may use the admin without any
Django model permissions, but only ever sees and edits rows of their own municipality.
``MunicipalAdminMixin`` does that for any model admin; every change made through it is
written to the audit trail.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import QuerySet
from django.forms import ModelChoiceField, ModelMultipleChoiceField
from django.http import HttpRequest, HttpResponse
from django.shortcuts import resolve_url
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from trepart.accounts.models import ApiToken, User
from trepart.audit.services import (
    audit_create,
    audit_delete,
    audit_update,
    municipality_of,
    snapshot,
)
from trepart.organisation.models import Municipality
from trepart.platform.text import NormalisedModelForm, NormalisedTextForm


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
            if related is Municipality:
                kwargs["queryset"] = Municipality.objects.filter(pk=own)
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


class UserAdminChangeForm(NormalisedTextForm, UserChangeForm):  # type: ignore[misc]
    pass


class UserAdminCreationForm(NormalisedTextForm, AdminUserCreationForm):  # type: ignore[misc]
    pass


@admin.register(User)
class TrepartUserAdmin(MunicipalAdminMixin, UserAdmin):
    form = UserAdminChangeForm
    add_form = UserAdminCreationForm
    list_display = (
        "username",
        "first_name",
        "last_name",
        "email",
        "municipality",
        "is_municipal_admin",
        "is_active",
    )
    list_filter = ("is_active", "is_municipal_admin", "is_staff", "is_superuser", "municipality")
    list_select_related = ("municipality",)

    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Personal info"), {"fields": ("first_name", "last_name", "email", "language")}),
        (_("Municipality"), {"fields": ("municipality", "is_municipal_admin")}),
        (
            _("Permissions"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    # What a municipal administrator may change: no superuser, staff or permission
    # switches, and no moving a user to another municipality.
    municipal_fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Personal info"), {"fields": ("first_name", "last_name", "email", "language")}),
        (_("Access"), {"fields": ("is_active", "is_municipal_admin")}),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("username", "usable_password", "password1", "password2"),
            },
        ),
        (_("Personal info"), {"fields": ("first_name", "last_name", "email")}),
        (_("Municipality"), {"fields": ("municipality", "is_municipal_admin")}),
    )
    municipal_add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("username", "usable_password", "password1", "password2"),
            },
        ),
        (_("Personal info"), {"fields": ("first_name", "last_name", "email")}),
        (_("Access"), {"fields": ("is_municipal_admin",)}),
    )

    def get_fieldsets(self, request: HttpRequest, obj: User | None = None) -> Any:
        if request.user.is_superuser:
            return super().get_fieldsets(request, obj)
        return self.municipal_add_fieldsets if obj is None else self.municipal_fieldsets

    def get_readonly_fields(self, request: HttpRequest, obj: User | None = None) -> Any:
        readonly = tuple(super().get_readonly_fields(request, obj))
        if request.user.is_superuser:
            return readonly
        return (*readonly, "last_login", "date_joined")

    def get_list_filter(self, request: HttpRequest) -> Any:
        if request.user.is_superuser:
            return self.list_filter
        return ("is_active", "is_municipal_admin")

    def get_queryset(self, request: HttpRequest) -> QuerySet[User]:
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        # A superuser's password or e-mail must not be changeable from below.
        return queryset.filter(is_superuser=False)

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        if not request.user.is_superuser and not change:
            # The switches are not on a municipal administrator's form; make sure.
            obj.is_superuser = obj.is_staff = False
        super().save_model(request, obj, form, change)


@admin.register(ApiToken)
class ApiTokenAdmin(MunicipalAdminMixin, admin.ModelAdmin):
    """Tokens are listed and can be revoked here (when someone leaves); never made here."""

    form = NormalisedModelForm

    municipality_lookup = "user__municipality"
    list_display = ("name", "user", "hint", "created_at", "last_used_at")
    list_select_related = ("user",)
    search_fields = ("name", "user__username")
    fields = ("user", "name", "hint", "created_at", "last_used_at")
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


# Django's admin admits only staff users. Municipal administrators are not staff (staff
# status would reach every model a permission is granted for, across municipalities);
# they get in through this check, and MunicipalAdminMixin decides what they see there.
def _admin_site_has_permission(request: HttpRequest) -> bool:
    user: Any = request.user
    return bool(user.is_active and (user.is_staff or getattr(user, "is_municipal_admin", False)))


admin.site.has_permission = _admin_site_has_permission  # type: ignore[method-assign]

_django_admin_login = admin.site.login


# The admin's own login form knows nothing of two-factor authentication or allauth's rate
# limits. Signing in always goes through allauth; the admin login only sends people there.
def _admin_login(request: HttpRequest, extra_context: dict[str, Any] | None = None) -> HttpResponse:
    if not request.user.is_authenticated:
        next_url = request.GET.get(REDIRECT_FIELD_NAME) or reverse("admin:index")
        return redirect_to_login(next_url, resolve_url(settings.LOGIN_URL))
    return _django_admin_login(request, extra_context)


admin.site.login = _admin_login  # type: ignore[method-assign]
