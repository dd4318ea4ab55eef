"""API authentication: personal bearer tokens, or the browser session (with CSRF)."""

from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer, SessionAuth

from trepart.accounts.models import ApiToken, hash_token


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> object | None:
        found = (
            ApiToken.objects.select_related("user", "user__municipality")
            .filter(token_hash=hash_token(token), user__is_active=True)
            .first()
        )
        if found is None or not found.works:  # unknown, or the password changed since
            return None
        now = timezone.now()
        # Touch at most once a minute, so reads do not turn into writes.
        if found.last_used_at is None or (now - found.last_used_at).total_seconds() > 60:
            ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)
        request.user = found.user
        return found.user


auth_methods = [BearerToken(), SessionAuth()]
