"""The profile page: who you are, your language, sign-in security and your API tokens."""

from __future__ import annotations

from typing import cast

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from trepart.accounts.forms import ApiTokenForm, LanguageForm
from trepart.accounts.models import ApiToken, User
from trepart.accounts.selectors import api_token_list, user_has_totp
from trepart.accounts.services import api_token_create, api_token_revoke, user_set_language


def _user(request: HttpRequest) -> User:
    # Every view here is behind login_required.
    return cast(User, request.user)


def _render_profile(
    request: HttpRequest,
    *,
    token_form: ApiTokenForm | None = None,
    language_form: LanguageForm | None = None,
    new_token: str = "",
    new_token_name: str = "",
) -> HttpResponse:
    user = _user(request)
    context = {
        "profile_user": user,
        "has_totp": user_has_totp(user=user),
        "tokens": api_token_list(user=user),
        "token_form": token_form or ApiTokenForm(),
        "language_form": language_form or LanguageForm(initial={"language": user.language}),
        "new_token": new_token,
        "new_token_name": new_token_name,
    }
    return render(request, "accounts/profile.html", context)


@never_cache
@login_required
@require_GET
def profile(request: HttpRequest) -> HttpResponse:
    return _render_profile(request)


# The new token is rendered straight into the response and stored nowhere (not even in the
# session), so it is shown exactly once; never_cache keeps it out of the browser's cache.
@never_cache
@login_required
@require_POST
def token_create(request: HttpRequest) -> HttpResponse:
    form = ApiTokenForm(request.POST)
    if form.is_valid():
        try:
            token, raw = api_token_create(user=_user(request), name=form.cleaned_data["name"])
        except ValidationError as error:
            form.add_error("name", error)
        else:
            return _render_profile(request, new_token=raw, new_token_name=token.name)
    return _render_profile(request, token_form=form)


@login_required
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        api_token_revoke(user=_user(request), token_id=pk)
    except ApiToken.DoesNotExist:
        raise Http404 from None
    messages.success(request, _("The token was deleted. It no longer works."))
    return redirect("accounts:profile")


@login_required
@require_POST
def language_set(request: HttpRequest) -> HttpResponse:
    form = LanguageForm(request.POST)
    if not form.is_valid():
        return _render_profile(request, language_form=form)
    language = form.cleaned_data["language"]
    user = _user(request)
    user_set_language(user=user, language=language)
    municipality = user.municipality
    # The confirmation is written in the language just chosen.
    translation.activate(
        language or (municipality.language if municipality else settings.LANGUAGE_CODE)
    )
    messages.success(request, _("Your language preference was saved."))
    response = redirect("accounts:profile")
    _set_language_cookie(response, language)
    return response


def _set_language_cookie(response: HttpResponse, language: str) -> None:
    # LocaleMiddleware reads the cookie before the user is known, so setting it makes the
    # choice apply from the next request on; without it the profile and then the
    # municipality decide (see UserLanguageMiddleware).
    if not language:
        response.delete_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            path=settings.LANGUAGE_COOKIE_PATH,
            domain=settings.LANGUAGE_COOKIE_DOMAIN,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        )
        return
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
