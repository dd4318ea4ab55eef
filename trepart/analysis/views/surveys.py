"""Survey pages for those who run them: the questionnaires, the rounds, making, opening,
reminding and closing one, and a person's own open invitations. Answering through a link
is in ``answering``.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from trepart.analysis.forms import surveys as forms
from trepart.analysis.instruments import builtins_for, theme_label
from trepart.analysis.models import Instrument, Invitation, Survey
from trepart.analysis.permissions import can_manage, can_read
from trepart.analysis.services import surveys as services
from trepart.analysis.views._forms import _add_errors, _posted
from trepart.audit.writes import ConcurrentEditError
from trepart.organisation.models import Party


def _reader(request: HttpRequest) -> Any:
    if not can_read(request.user):
        raise PermissionDenied
    return request.user


def _manager(request: HttpRequest) -> Any:
    user = _reader(request)
    if not can_manage(user):
        raise PermissionDenied
    return user


def _survey(request: HttpRequest, pk: int) -> Survey:
    """A round of the manager's municipality; other municipalities' rounds do not exist."""
    user = _reader(request)
    survey = services.survey_queryset(user=user).filter(pk=pk).first()
    if survey is None:
        raise Http404
    if not can_manage(user):
        raise PermissionDenied
    return survey


@login_required
def survey_list(request: HttpRequest) -> HttpResponse:
    user = _reader(request)
    surveys = list(services.survey_queryset(user=user))
    counts = services.round_counts(surveys)
    rows = [(survey, counts[survey.pk]) for survey in surveys]
    return render(
        request,
        "analysis/surveys/survey_list.html",
        {
            "rows": rows,
            "manager": can_manage(user),
            "mine": services.my_open_invitations(user=user),
        },
    )


@login_required
def my_surveys(request: HttpRequest) -> HttpResponse:
    user = _reader(request)
    return render(
        request,
        "analysis/surveys/my_surveys.html",
        {"mine": services.my_open_invitations(user=user)},
    )


@login_required
@require_POST
def invitation_resend(request: HttpRequest, pk: int) -> HttpResponse:
    user = _reader(request)
    invitation = Invitation.objects.for_user(user).filter(pk=pk).first()
    person = getattr(user, "person", None)
    if invitation is None or person is None or invitation.person_id != person.pk:
        raise Http404
    try:
        services.invitation_resend(user=user, invitation=invitation)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("A new answer link is on its way to your e-mail. The old link no longer works."),
        )
    return redirect("analysis:survey-mine")


@login_required
def instrument_list(request: HttpRequest) -> HttpResponse:
    user = _manager(request)
    builtins_for(user.municipality)
    instruments = (
        Instrument.objects.for_user(user)
        .annotate(question_count=Count("questions"))
        .order_by("title", "pk")
    )
    return render(request, "analysis/surveys/instrument_list.html", {"instruments": instruments})


@login_required
def instrument_create(request: HttpRequest) -> HttpResponse:
    user = _manager(request)
    form = forms.InstrumentForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.instrument_create(actor=user, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The questionnaire is saved. Use it in a new survey."))
            return redirect("analysis:instrument-list")
    return render(request, "analysis/surveys/instrument_form.html", {"form": form})


@login_required
def survey_create(request: HttpRequest) -> HttpResponse:
    user = _manager(request)
    municipality = user.municipality
    form = forms.SurveyForm(_posted(request), municipality=municipality)
    if request.method == "POST" and form.is_valid():
        try:
            survey = services.survey_create(
                actor=user,
                **form.round_fields(),
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request, _("The survey is saved as a draft. Nobody is asked until you open it.")
            )
            return redirect("analysis:survey-detail", pk=survey.pk)
    return render(request, "analysis/surveys/survey_form.html", {"form": form})


def _initial(survey: Survey) -> dict[str, Any]:
    return {
        "instrument": survey.instrument_id,
        "title": survey.title,
        "round_label": survey.round_label,
        "audience": survey.audience,
        "opens_on": survey.opens_on,
        "closes_on": survey.closes_on,
        "target_everyone": survey.target_everyone,
        "target_units": list(survey.target_units.values_list("pk", flat=True)),
        "target_bodies": list(survey.target_bodies.values_list("pk", flat=True)),
        "target_parties": survey.target_parties,
    }


@login_required
def survey_edit(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _survey(request, pk)
    if survey.status != Survey.Status.DRAFT:
        messages.error(request, _("Only a draft survey can be changed."))
        return redirect("analysis:survey-detail", pk=survey.pk)
    form = forms.SurveyForm(
        _posted(request),
        municipality=survey.municipality,
        initial={**_initial(survey), "version": survey.version},
    )
    saved = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.survey_update(
                actor=request.user,
                survey=survey,
                version=data.get("version"),
                **form.round_fields(),
            )
        except ConcurrentEditError as error:
            _add_errors(form, error)
            survey.refresh_from_db()
            saved = survey
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The draft is saved."))
            return redirect("analysis:survey-detail", pk=survey.pk)
    return render(
        request,
        "analysis/surveys/survey_form.html",
        {"form": form, "survey": survey, "saved": saved},
    )


@login_required
@require_POST
def survey_delete(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _survey(request, pk)
    try:
        services.survey_delete(actor=request.user, survey=survey)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("analysis:survey-detail", pk=survey.pk)
    messages.success(request, _("The draft is deleted."))
    return redirect("analysis:survey-list")


@login_required
@require_POST
def survey_remind(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _survey(request, pk)
    try:
        count = services.survey_remind(actor=request.user, survey=survey)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            ngettext(
                "A reminder with a new link is on its way to %(count)d person.",
                "A reminder with a new link is on its way to %(count)d people.",
                count,
            )
            % {"count": count},
        )
    return redirect("analysis:survey-detail", pk=survey.pk)


@login_required
def survey_detail(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _survey(request, pk)
    counts = services.round_counts([survey])[survey.pk]
    party_labels = dict(Party.choices)
    themes: list[str] = []
    for question in services.questions_of(survey):
        label = theme_label(question.theme) if question.theme else ""
        if label and label not in themes:
            themes.append(label)
    return render(
        request,
        "analysis/surveys/survey_detail.html",
        {
            "survey": survey,
            "counts": counts,
            "units": list(survey.target_units.order_by("name")),
            "bodies": list(survey.target_bodies.order_by("name")),
            "parties": [party_labels.get(p, p) for p in survey.target_parties],
            "questions": services.questions_of(survey),
            "open_link": request.session.pop(f"survey-link-{survey.pk}", ""),
            "is_open": services.is_open(survey),
        },
    )


def _version(request: HttpRequest) -> int | None:
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return None


@login_required
@require_POST
def survey_open(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _survey(request, pk)
    try:
        result = services.survey_open(actor=request.user, survey=survey, version=_version(request))
    except (ValidationError, ConcurrentEditError) as error:
        messages.error(request, " ".join(error.messages))
        return redirect("analysis:survey-detail", pk=survey.pk)
    if result.open_link:
        # Only the hash is stored: the manager sees the link once, right now.
        request.session[f"survey-link-{survey.pk}"] = result.open_link
        messages.success(request, _("The survey is open. Copy the public link below."))
    else:
        messages.success(
            request,
            ngettext(
                "The survey is open: %(count)d person is getting their answer link by e-mail.",
                "The survey is open: %(count)d people are getting their answer link by e-mail.",
                result.invited,
            )
            % {"count": result.invited},
        )
        if result.without_email:
            messages.warning(
                request,
                ngettext(
                    "%(count)d person in the target has no e-mail address and was not asked.",
                    "%(count)d people in the target have no e-mail address and were not asked.",
                    len(result.without_email),
                )
                % {"count": len(result.without_email)},
            )
    return redirect("analysis:survey-detail", pk=survey.pk)


@login_required
@require_POST
def survey_new_link(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _survey(request, pk)
    try:
        link = services.survey_new_link(actor=request.user, survey=survey)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        request.session[f"survey-link-{survey.pk}"] = link
        messages.success(request, _("A new public link is made; the old one no longer works."))
    return redirect("analysis:survey-detail", pk=survey.pk)


@login_required
@require_POST
def survey_close(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _survey(request, pk)
    try:
        services.survey_close(actor=request.user, survey=survey, version=_version(request))
    except (ValidationError, ConcurrentEditError) as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The survey is closed. No more answers are taken."))
    return redirect("analysis:survey-detail", pk=survey.pk)
