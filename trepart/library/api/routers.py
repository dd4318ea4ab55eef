"""The library's router: credentials if sent, a visitor otherwise."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from ninja import Router

from trepart.accounts.api import auth_methods
from trepart.platform.api import caller


class Visitor:
    """No credentials: a visitor, who reads public documents. A refused token is a 401."""

    def __call__(self, request: HttpRequest) -> Any:
        if request.headers.get("Authorization"):
            return None
        return AnonymousUser()


router = Router(tags=["library"], auth=[*auth_methods, Visitor()])
ANONYMOUS_TOO: dict[str, Any] = {"security": [{}]}


def reader(request: HttpRequest) -> Any:
    if getattr(request.auth, "is_authenticated", False):  # type: ignore[attr-defined]
        return caller(request)
    return request.auth  # type: ignore[attr-defined]
