"""Language preference and the administrators' two-factor requirement."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import translation

from trepart.platform.tenancy import is_municipal_admin

SUPPORTED = {code for code, _name in settings.LANGUAGES}


class UserLanguageMiddleware:
    """A user's chosen language, else the municipality's, unless the request picked one.

    Runs after LocaleMiddleware: an explicit choice (the language cookie set by the
    switcher) wins; otherwise the profile and then the municipality decide.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if settings.LANGUAGE_COOKIE_NAME not in request.COOKIES:
            user = request.user
            language = ""
            if user.is_authenticated:
                municipality = user.municipality
                language = user.language or (municipality.language if municipality else "")
            if language in SUPPORTED:
                translation.activate(language)
                request.LANGUAGE_CODE = language
        return self.get_response(request)


class RequireAdminMfaMiddleware:
    """Send a municipal administrator without TOTP to set it up, if the municipality says so."""

    ALLOWED_PREFIXES = ("/accounts/", "/static/", "/i18n/", "/tilgjengelighet/")

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if needs_mfa_setup(request) and not request.path.startswith(self.ALLOWED_PREFIXES):
            return redirect("mfa_activate_totp")
        return self.get_response(request)


def needs_mfa_setup(request: HttpRequest) -> bool:
    user = request.user
    if not user.is_authenticated or not is_municipal_admin(user):
        return False
    municipality = user.municipality
    if municipality is None or not municipality.require_mfa_for_admins:
        return False
    from allauth.mfa.models import Authenticator

    return not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
