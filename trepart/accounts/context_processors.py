"""Template context shared by every page."""

from django.http import HttpRequest

from trepart.platform.tenancy import is_municipal_admin


def trepart(request: HttpRequest) -> dict[str, object]:
    user = getattr(request, "user", None)
    return {
        "current_municipality": getattr(user, "municipality", None) if user else None,
        "user_is_municipal_admin": bool(user and is_municipal_admin(user)),
    }
