"""Reads for accounts."""

from __future__ import annotations

from allauth.mfa.models import Authenticator
from django.db.models import QuerySet

from trepart.accounts.models import ApiToken, User


def api_token_list(*, user: User) -> QuerySet[ApiToken]:
    """The user's own tokens, newest first (``works`` tells which still work)."""
    return ApiToken.objects.filter(user=user).select_related("user").order_by("-created_at", "-pk")


def user_has_totp(*, user: User) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
