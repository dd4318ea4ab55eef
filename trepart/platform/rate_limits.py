"""Rate limits for what anyone may do without an account, per client address.

One mechanism for the API and the pages: django-ninja's throttles, counted in the cache.
The public API's endpoint and the public page that do the same thing share one scope, so
one client's submissions are counted together however they arrive.
"""

from __future__ import annotations

import math
import time

from django.conf import settings
from django.http import HttpRequest
from ninja.throttling import AnonRateThrottle


class PublicRateThrottle(AnonRateThrottle):
    """AnonRateThrottle with its own counter (``scope`` names it in the cache key) and its
    rate read from ``settings.TREPART_PUBLIC_RATE_LIMITS`` at each request."""

    def __init__(self, scope: str) -> None:
        self.scope = scope
        super().__init__(self._configured())

    def _configured(self) -> str:
        return str(settings.TREPART_PUBLIC_RATE_LIMITS[self.scope])

    def get_ident(self, request: HttpRequest) -> str | None:
        """The client's address: the connection's, or behind ``TREPART_PROXIES`` proxies the
        address the outermost of them saw (never what the client wrote in the header)."""
        proxies = settings.TREPART_PROXIES
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR")
        if proxies and forwarded:
            addresses = [part.strip() for part in forwarded.split(",")]
            return addresses[-min(proxies, len(addresses))]
        return request.META.get("REMOTE_ADDR")

    def allow_request(self, request: HttpRequest) -> bool:
        self.rate = self._configured()
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request)


def public_proposal_throttle() -> PublicRateThrottle:
    """Proposals from citizens: the public form and POST /api/v1/public/proposals together."""
    return PublicRateThrottle("public-proposal")


def public_similar_throttle() -> PublicRateThrottle:
    """Look-ups of similar proposals while a citizen types."""
    return PublicRateThrottle("public-similar")


def over_limit(throttle: AnonRateThrottle, request: HttpRequest) -> int | None:
    """Count this request; the seconds to wait if it is over the limit, else None."""
    if throttle.allow_request(request):
        return None
    history = getattr(throttle, "history", [])
    duration = throttle.duration or 60
    now = getattr(throttle, "now", None) or time.time()
    wait = duration - (now - history[-1]) if history else duration
    return max(1, math.ceil(wait))
