"""Rate limits for what anyone may do without an account, per client address.

One mechanism for the API and the pages: django-ninja's throttles, counted in the cache.
The public API's endpoint and the public page that do the same thing share one scope, so
one client's submissions are counted together however they arrive.
"""

from __future__ import annotations

import math
import time

from django.http import HttpRequest
from ninja.throttling import AnonRateThrottle

# Proposals from citizens: the public form and POST /api/v1/public/proposals together.
PUBLIC_PROPOSAL_RATE = "30/h"
# "Similar proposals" while a citizen types (debounced by the page, so a long text makes
# a few dozen lookups at most).
PUBLIC_SIMILAR_RATE = "300/h"


class ScopedAnonRateThrottle(AnonRateThrottle):
    """AnonRateThrottle with its own counter: ``scope`` names it in the cache key."""

    def __init__(self, scope: str, rate: str) -> None:
        self.scope = scope
        super().__init__(rate)


def public_proposal_throttle() -> ScopedAnonRateThrottle:
    return ScopedAnonRateThrottle("public-proposal", PUBLIC_PROPOSAL_RATE)


def public_similar_throttle() -> ScopedAnonRateThrottle:
    return ScopedAnonRateThrottle("public-similar", PUBLIC_SIMILAR_RATE)


def over_limit(throttle: AnonRateThrottle, request: HttpRequest) -> int | None:
    """Count this request; the seconds to wait if it is over the limit, else None."""
    if throttle.allow_request(request):
        return None
    history = getattr(throttle, "history", [])
    duration = throttle.duration or 60
    now = getattr(throttle, "now", None) or time.time()
    wait = duration - (now - history[-1]) if history else duration
    return max(1, math.ceil(wait))
