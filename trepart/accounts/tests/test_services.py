import hashlib

import pytest
from django.core.exceptions import ValidationError

from trepart.accounts.models import ApiToken
from trepart.accounts.services import api_token_create, api_token_revoke, user_set_language
from trepart.accounts.tests.factories import UserFactory
from trepart.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_token_is_returned_once_and_only_its_hash_is_stored() -> None:
    user = UserFactory.create()

    token, raw = api_token_create(user=user, name="Lønnssystem")

    token.refresh_from_db()
    assert raw.startswith("tp_")
    assert len(raw) > 40
    assert token.token_hash == hashlib.sha256(raw.encode()).hexdigest()
    assert raw.startswith(token.hint)
    assert len(token.hint) < 12
    assert raw not in {token.name, token.token_hash, token.hint}
    assert token.user == user
    assert token.last_used_at is None


def test_each_token_is_different() -> None:
    user = UserFactory.create()
    raws = {api_token_create(user=user, name=f"t{i}")[1] for i in range(5)}
    assert len(raws) == 5


def test_token_needs_a_name() -> None:
    with pytest.raises(ValidationError):
        api_token_create(user=UserFactory.create(), name="   ")
    assert not ApiToken.objects.exists()


def test_creating_and_revoking_a_token_is_audited() -> None:
    user = UserFactory.create()
    token, _raw = api_token_create(user=user, name="Rapport")
    api_token_revoke(user=user, token_id=token.pk)

    entries = AuditEntry.objects.filter(object_type="accounts.ApiToken").order_by("id")
    assert [entry.action for entry in entries] == ["CREATE", "DELETE"]
    assert {entry.municipality_id for entry in entries} == {user.municipality_id}
    assert {entry.actor_id for entry in entries} == {user.pk}


def test_user_outside_a_municipality_can_still_have_a_token() -> None:
    operator = UserFactory.create(municipality=None)
    token, _raw = api_token_create(user=operator, name="Drift")
    api_token_revoke(user=operator, token_id=token.pk)
    assert not ApiToken.objects.exists()


def test_revoke_deletes_the_token() -> None:
    user = UserFactory.create()
    token, _raw = api_token_create(user=user, name="Rapport")
    api_token_revoke(user=user, token_id=token.pk)
    assert not ApiToken.objects.filter(pk=token.pk).exists()


def test_nobody_can_revoke_another_users_token() -> None:
    owner = UserFactory.create()
    token, _raw = api_token_create(user=owner, name="Rapport")
    with pytest.raises(ApiToken.DoesNotExist):
        api_token_revoke(
            user=UserFactory.create(municipality=owner.municipality), token_id=token.pk
        )
    assert ApiToken.objects.filter(pk=token.pk).exists()


@pytest.mark.parametrize("language", ["nb", "nn", "en", ""])
def test_user_sets_a_supported_language_or_none(language: str) -> None:
    user = UserFactory.create(language="nb")
    user_set_language(user=user, language=language)
    user.refresh_from_db()
    assert user.language == language


def test_unsupported_language_is_refused() -> None:
    user = UserFactory.create(language="nn")
    with pytest.raises(ValidationError):
        user_set_language(user=user, language="de")
    user.refresh_from_db()
    assert user.language == "nn"
