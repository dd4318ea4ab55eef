"""The Django admin for municipal administrators: their own municipality only, audited."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib import admin
from django.test import Client, RequestFactory
from django.urls import reverse

from trepart.accounts.admin import TrepartUserAdmin
from trepart.accounts.models import ApiToken, User
from trepart.accounts.services import api_token_create
from trepart.accounts.tests.factories import (
    MunicipalAdminFactory,
    MunicipalityFactory,
    UserFactory,
)
from trepart.audit.admin_scope import MunicipalAdminMixin
from trepart.audit.models import AuditEntry
from trepart.organisation.models import Municipality

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:accounts_user_changelist")
ADD = reverse("admin:accounts_user_add")


def change_url(user: User) -> str:
    return reverse("admin:accounts_user_change", args=[user.pk])


@pytest.fixture
def municipality_a() -> Municipality:
    return MunicipalityFactory.create(name="Lunner kommune")


@pytest.fixture
def municipality_b() -> Municipality:
    return MunicipalityFactory.create(name="Øvre Eiker kommune")


@pytest.fixture
def admin_a(municipality_a: Municipality) -> User:
    user = MunicipalAdminFactory.create(username="admin-a", municipality=municipality_a)
    TOTP.activate(user, generate_totp_secret())  # the municipality requires it
    return user


@pytest.fixture
def admin_client(client: Client, admin_a: User) -> Client:
    client.force_login(admin_a)
    return client


def form_data(user: User, **changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "language": user.language,
        "is_active": "on" if user.is_active else "",
        "is_municipal_admin": "on" if user.is_municipal_admin else "",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value != ""}


def test_municipal_admin_can_enter_the_admin_and_sees_users(admin_client: Client) -> None:
    response = admin_client.get(reverse("admin:index"))
    assert response.status_code == 200
    assert CHANGELIST in response.content.decode()


def test_municipal_admin_sees_only_own_municipalitys_users(
    admin_client: Client, municipality_a: Municipality, municipality_b: Municipality
) -> None:
    UserFactory.create(username="kari-lunner", municipality=municipality_a)
    UserFactory.create(username="ola-eiker", municipality=municipality_b)
    UserFactory.create(username="drift", municipality=municipality_a, is_superuser=True)

    response = admin_client.get(CHANGELIST)

    assert response.status_code == 200
    shown = {user.username for user in response.context["cl"].result_list}
    assert shown == {"admin-a", "kari-lunner"}
    assert "ola-eiker" not in response.content.decode()


def test_municipal_admin_cannot_open_another_municipalitys_user(
    admin_client: Client, municipality_b: Municipality
) -> None:
    other = UserFactory.create(municipality=municipality_b)

    assert admin_client.get(change_url(other)).status_code == 302
    response = admin_client.post(change_url(other), form_data(other, first_name="Hacked"))
    assert response.status_code == 302
    other.refresh_from_db()
    assert other.first_name != "Hacked"
    password_url = reverse("admin:auth_user_password_change", args=[other.pk])
    assert admin_client.get(password_url).status_code in {302, 404}


def test_municipal_admin_edit_is_audited(
    admin_client: Client, admin_a: User, municipality_a: Municipality
) -> None:
    kari = UserFactory.create(first_name="Kari", municipality=municipality_a)

    response = admin_client.post(change_url(kari), form_data(kari, first_name="Karin"))

    assert response.status_code == 302
    kari.refresh_from_db()
    assert kari.first_name == "Karin"
    entry = AuditEntry.objects.get(object_type="accounts.User", object_id=str(kari.pk))
    assert entry.action == AuditEntry.Action.UPDATE
    assert entry.actor == admin_a
    assert entry.municipality == municipality_a
    assert entry.changes["first_name"] == ["Kari", "Karin"]


def test_municipal_admin_cannot_grant_superuser_or_staff(
    admin_client: Client, municipality_a: Municipality
) -> None:
    kari = UserFactory.create(municipality=municipality_a)

    response = admin_client.post(
        change_url(kari), form_data(kari, is_superuser="on", is_staff="on", groups="1")
    )

    assert response.status_code == 302
    kari.refresh_from_db()
    assert not kari.is_superuser
    assert not kari.is_staff
    html = admin_client.get(change_url(kari)).content.decode()
    assert 'name="is_superuser"' not in html
    assert 'name="is_staff"' not in html
    assert 'name="user_permissions"' not in html
    assert 'name="municipality"' not in html


def test_municipal_admin_may_make_another_municipal_admin(
    admin_client: Client, municipality_a: Municipality
) -> None:
    kari = UserFactory.create(municipality=municipality_a)
    admin_client.post(change_url(kari), form_data(kari, is_municipal_admin="on"))
    kari.refresh_from_db()
    assert kari.is_municipal_admin


def test_new_user_gets_the_admins_municipality_and_is_audited(
    admin_client: Client, admin_a: User, municipality_a: Municipality, municipality_b: Municipality
) -> None:
    response = admin_client.post(
        ADD,
        {
            "username": "ny-ansatt",
            "usable_password": "true",
            "password1": "Et-langt-passord-2026",
            "password2": "Et-langt-passord-2026",
            "first_name": "Nina",
            "last_name": "Ny",
            "email": "nina@lunner.invalid",
            "municipality": str(municipality_b.pk),
            "is_superuser": "on",
            "is_staff": "on",
        },
    )

    assert response.status_code == 302, response.context["adminform"].form.errors
    created = User.objects.get(username="ny-ansatt")
    assert created.municipality == municipality_a
    assert not created.is_superuser
    assert not created.is_staff
    assert created.check_password("Et-langt-passord-2026")
    entry = AuditEntry.objects.get(object_type="accounts.User", object_id=str(created.pk))
    assert entry.action == AuditEntry.Action.CREATE
    assert entry.actor == admin_a
    assert "password" not in entry.changes


def test_delete_is_audited(admin_client: Client, municipality_a: Municipality) -> None:
    kari = UserFactory.create(municipality=municipality_a)

    response = admin_client.post(
        reverse("admin:accounts_user_delete", args=[kari.pk]), {"post": "yes"}
    )

    assert response.status_code == 302
    assert not User.objects.filter(pk=kari.pk).exists()
    entry = AuditEntry.objects.get(object_type="accounts.User", object_id=str(kari.pk))
    assert entry.action == AuditEntry.Action.DELETE
    assert entry.municipality == municipality_a


def test_bulk_delete_is_audited(admin_client: Client, municipality_a: Municipality) -> None:
    users = UserFactory.create_batch(2, municipality=municipality_a)

    admin_client.post(
        CHANGELIST,
        {
            "action": "delete_selected",
            "_selected_action": [str(u.pk) for u in users],
            "post": "yes",
        },
    )

    assert not User.objects.filter(pk__in=[u.pk for u in users]).exists()
    assert AuditEntry.objects.filter(action=AuditEntry.Action.DELETE).count() == 2


def test_ordinary_user_is_kept_out_of_the_admin(client: Client) -> None:
    client.force_login(UserFactory.create())

    response = client.get(reverse("admin:index"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
    assert client.get(CHANGELIST).status_code == 302


def test_admin_login_goes_through_allauth(client: Client) -> None:
    response = client.get(reverse("admin:index"), follow=True)

    assert response.redirect_chain[-1][0].startswith(reverse("account_login"))
    assert "next=/admin/" in response.redirect_chain[-1][0]


def test_superuser_sees_every_municipality(
    client: Client, municipality_a: Municipality, municipality_b: Municipality
) -> None:
    UserFactory.create(username="kari-lunner", municipality=municipality_a)
    UserFactory.create(username="ola-eiker", municipality=municipality_b)
    root = UserFactory.create(username="root", municipality=None, is_superuser=True, is_staff=True)
    client.force_login(root)

    response = client.get(CHANGELIST)

    shown = {user.username for user in response.context["cl"].result_list}
    assert {"kari-lunner", "ola-eiker", "root"} <= shown
    assert 'name="is_superuser"' in client.get(change_url(root)).content.decode()


def test_foreign_key_choices_are_limited_to_own_municipality(
    admin_a: User, municipality_a: Municipality, municipality_b: Municipality
) -> None:
    colleague = UserFactory.create(municipality=municipality_a)
    stranger = UserFactory.create(municipality=municipality_b)
    request = RequestFactory().get("/admin/")
    request.user = admin_a

    class TokenAdmin(MunicipalAdminMixin, admin.ModelAdmin):
        municipality_lookup = "user__municipality"

    user_field = TokenAdmin(ApiToken, admin.site).formfield_for_foreignkey(
        ApiToken._meta.get_field("user"), request
    )
    municipality_field = TrepartUserAdmin(User, admin.site).formfield_for_foreignkey(
        User._meta.get_field("municipality"), request
    )

    assert user_field is not None
    assert municipality_field is not None
    assert colleague in user_field.queryset  # type: ignore[operator]
    assert stranger not in user_field.queryset  # type: ignore[operator]
    assert list(municipality_field.queryset) == [municipality_a]  # type: ignore[arg-type]


def test_mixin_scopes_models_reached_through_a_parent(
    admin_a: User, municipality_a: Municipality, municipality_b: Municipality
) -> None:
    own = ApiToken.objects.create(
        user=UserFactory.create(municipality=municipality_a), name="a", token_hash="a" * 64
    )
    foreign = ApiToken.objects.create(
        user=UserFactory.create(municipality=municipality_b), name="b", token_hash="b" * 64
    )
    request = RequestFactory().get("/admin/")
    request.user = admin_a

    class TokenAdmin(MunicipalAdminMixin, admin.ModelAdmin):
        municipality_lookup = "user__municipality"

    model_admin = TokenAdmin(ApiToken, admin.site)

    assert list(model_admin.get_queryset(request)) == [own]
    assert model_admin.has_module_permission(request)
    assert model_admin.has_change_permission(request, own)
    assert not model_admin.has_change_permission(request, foreign)
    assert not model_admin.has_delete_permission(request, foreign)
    assert not model_admin.has_view_permission(request, foreign)


def test_mixin_gives_nothing_to_ordinary_users(municipality_a: Municipality) -> None:
    request = RequestFactory().get("/admin/")
    request.user = UserFactory.create(municipality=municipality_a, is_staff=True)
    model_admin = TrepartUserAdmin(User, admin.site)

    assert not model_admin.has_module_permission(request)
    assert not model_admin.has_view_permission(request)
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)


def test_municipal_admin_can_revoke_own_municipalitys_tokens_only(
    admin_client: Client, municipality_a: Municipality, municipality_b: Municipality
) -> None:
    own, _raw = api_token_create(user=UserFactory.create(municipality=municipality_a), name="a")
    foreign, _raw = api_token_create(user=UserFactory.create(municipality=municipality_b), name="b")
    changelist = reverse("admin:accounts_apitoken_changelist")

    response = admin_client.get(changelist)
    assert [token.pk for token in response.context["cl"].result_list] == [own.pk]
    assert admin_client.get(reverse("admin:accounts_apitoken_add")).status_code == 403
    assert (
        admin_client.get(reverse("admin:accounts_apitoken_change", args=[own.pk])).status_code
        == 200
    )
    assert (
        admin_client.get(reverse("admin:accounts_apitoken_change", args=[foreign.pk])).status_code
        == 302
    )

    response = admin_client.post(
        reverse("admin:accounts_apitoken_delete", args=[foreign.pk]), {"post": "yes"}
    )
    assert ApiToken.objects.filter(pk=foreign.pk).exists()

    response = admin_client.post(
        reverse("admin:accounts_apitoken_delete", args=[own.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert not ApiToken.objects.filter(pk=own.pk).exists()
    assert AuditEntry.objects.filter(
        object_type="accounts.ApiToken", object_id=str(own.pk), action=AuditEntry.Action.DELETE
    ).exists()
