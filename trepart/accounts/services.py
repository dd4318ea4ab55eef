"""Writes for accounts: personal API tokens and the user's language preference."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from trepart.accounts.models import ApiToken, User, hash_token, password_fingerprint
from trepart.audit.services import audit_create, audit_delete

# "tp_" and five random characters: enough to tell tokens apart, too little to guess one.
HINT_LENGTH = len(ApiToken.PREFIX) + 5


def _audit(user: User) -> bool:
    # The audit trail belongs to a municipality; a user outside one (a site operator)
    # has nowhere for the entry to go.
    return user.municipality_id is not None


@transaction.atomic
def api_token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    """Create a personal API token; the raw token is returned here and never again."""
    name = name.strip()
    if not name:
        raise ValidationError(_("Give the token a name, so you can recognise it later."))
    max_length = ApiToken._meta.get_field("name").max_length or 100
    if len(name) > max_length:
        raise ValidationError(
            _("The name may be at most %(max)d characters long.") % {"max": max_length}
        )
    raw = ApiToken.new_raw()
    token = ApiToken.objects.create(
        user=user,
        name=name,
        token_hash=hash_token(raw),
        hint=raw[:HINT_LENGTH],
        password_fingerprint=password_fingerprint(user),
    )
    if _audit(user):
        audit_create(actor=user, instance=token)
    return token, raw


@transaction.atomic
def api_token_revoke(*, user: User, token_id: int) -> None:
    """Delete one of the user's own tokens; raises ApiToken.DoesNotExist for anyone else's."""
    token = ApiToken.objects.select_for_update().get(user=user, pk=token_id)
    if _audit(user):
        audit_delete(actor=user, instance=token)
    token.delete()


def user_set_language(*, user: User, language: str) -> None:
    """Save the user's language; an empty value means: follow the municipality."""
    supported = {code for code, _name in settings.LANGUAGES}
    if language and language not in supported:
        raise ValidationError(_("Choose one of the languages offered."))
    user.language = language
    user.save(update_fields=["language"])
