"""Users and API tokens in the Django admin, and the admin site's door.

Municipal administrators reach the admin without staff status and see only their own
municipality there (``trepart.audit.admin_scope.MunicipalAdminMixin``); signing in always
goes through allauth.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.contrib.auth.views import redirect_to_login
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import resolve_url
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from trepart.accounts.models import ApiToken, User
from trepart.audit.admin_scope import MunicipalAdminMixin
from trepart.platform.text import NormalisedModelForm, NormalisedTextForm


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
