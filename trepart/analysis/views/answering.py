"""Answering a survey through a link: the one-time invited link and a round's public link.

The answer pages need no login: the one-time link is the key. They are never cached and
send a referrer only to this site, so the token does not leak to another site or a shared
cache. ("no-referrer" would make the browser post with "Origin: null", which Django's
CSRF check refuses.) A form shown again with its errors is a 200, not a 400, so Django's
request log never writes a live token's path.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from trepart.analysis.forms import surveys as forms
from trepart.analysis.services import surveys as services
from trepart.analysis.views._forms import _add_errors, _posted

OPEN_COOKIE = "trepart_survey_answered"
OPEN_COOKIE_SALT = "trepart.analysis.open-answer"
OPEN_COOKIE_AGE = 60 * 60 * 24 * 365


def _private(response: HttpResponse) -> HttpResponse:
    response["Referrer-Policy"] = "same-origin"
    response["Cache-Control"] = "no-store"
    return response


def _refused(request: HttpRequest, reason: str) -> HttpResponse:
    status = 410 if reason == services.AnswerRefused.CLOSED else 404
    return _private(
        render(request, "analysis/surveys/answer_refused.html", {"reason": reason}, status=status)
    )


@never_cache
def answer(request: HttpRequest, token: str) -> HttpResponse:
    try:
        invitation = services.invitation_for_token(token)
    except services.AnswerRefused as refused:
        return _refused(request, refused.reason)
    survey = invitation.survey
    questions = services.questions_of(survey)
    form = forms.AnswerForm(_posted(request), questions=questions)
    if request.method == "POST" and form.is_valid():
        try:
            services.answer_submit(token=token, values=form.values())
        except services.AnswerRefused as refused:
            return _refused(request, refused.reason)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            return redirect("analysis:survey-thanks")
    return _private(
        render(
            request,
            "analysis/surveys/answer.html",
            {"survey": survey, "form": form, "public": False},
        )
    )


def _answered_open(request: HttpRequest) -> set[int]:
    raw = request.get_signed_cookie(OPEN_COOKIE, default="", salt=OPEN_COOKIE_SALT) or ""
    return {int(part) for part in raw.split(",") if part.isdigit()}


@never_cache
def open_answer(request: HttpRequest, token: str) -> HttpResponse:
    try:
        survey = services.survey_for_open_token(token)
    except services.AnswerRefused as refused:
        return _refused(request, refused.reason)
    answered = _answered_open(request)
    if survey.pk in answered:
        return _private(
            render(request, "analysis/surveys/answer_refused.html", {"reason": "answered"})
        )
    questions = services.questions_of(survey)
    units = services.open_unit_choices(survey)
    form = forms.OpenAnswerForm(_posted(request), questions=questions, units=units)
    if request.method == "POST" and form.is_valid():
        try:
            services.open_answer_submit(
                token=token, values=form.values(), unit=form.cleaned_data.get("unit")
            )
        except services.AnswerRefused as refused:
            return _refused(request, refused.reason)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            response = redirect("analysis:survey-thanks")
            response.set_signed_cookie(
                OPEN_COOKIE,
                ",".join(str(pk) for pk in sorted(answered | {survey.pk})),
                salt=OPEN_COOKIE_SALT,
                max_age=OPEN_COOKIE_AGE,
                httponly=True,
                samesite="Lax",
                secure=request.is_secure(),
            )
            return response
    return _private(
        render(
            request,
            "analysis/surveys/answer.html",
            {"survey": survey, "form": form, "public": True},
        )
    )


@never_cache
def thanks(request: HttpRequest) -> HttpResponse:
    return _private(render(request, "analysis/surveys/answer_thanks.html"))
