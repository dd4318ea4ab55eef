"""Submitting and following proposals: employees (logged in) and citizens (a public form
and an unguessable tracking link)."""

from __future__ import annotations

import secrets
from typing import Any, TypeVar

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from trepart.audit.writes import ConcurrentEditError
from trepart.organisation.models import Municipality
from trepart.organisation.selectors import today
from trepart.platform.files.stored import stored_file_response
from trepart.platform.pagination import paginate
from trepart.platform.rate_limits import (
    over_limit,
    public_proposal_throttle,
    public_similar_throttle,
)
from trepart.proposals import permissions, search, selectors, services
from trepart.proposals.forms.submit import ProposalForm, PublicProposalForm
from trepart.proposals.models import Attachment, Event, Proposal
from trepart.proposals.panels import proposal_panels
from trepart.proposals.views._common import _add_form_errors as add_form_errors
from trepart.proposals.views._common import _municipal

_Response = TypeVar("_Response", bound=HttpResponseBase)

# Steps of the history a citizen does not see: each member's position names a person and
# their stand, supports and reminders are internal.
PRIVATE_EVENTS = (Event.Kind.POSITION, Event.Kind.SUPPORTED, Event.Kind.REMINDED)
SIMILAR_MIN_CHARS = 4
# The service's name for a field → the form's.
SERVICE_FIELDS = {"files": "attachments", "unit_ids": "units"}


def _add_form_errors(form: Any, error: ValidationError) -> None:
    add_form_errors(form, error, SERVICE_FIELDS)


def _show_errors(request: HttpRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def _private(response: _Response) -> _Response:
    """A page reached by a tracking link: never sent on as a referrer, never indexed."""
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Cache-Control"] = "private, no-store"
    return response


def _answer_by(proposal: Proposal) -> dict[str, str]:
    return {"body": proposal.body.name, "date": date_format(proposal.due_on)}


# ---------------------------------------------------------------------------------------
# Employees


@login_required
def new(request: HttpRequest) -> HttpResponse:
    user = _municipal(request)
    options = {"municipality_id": user.municipality_id, "similar_url": reverse("proposals:similar")}
    form = ProposalForm(request.POST or None, request.FILES or None, **options)
    similar: list[Proposal] | None = None
    if request.method == "POST" and "check_similar" in request.POST:
        similar = _similar(request.POST, municipality_id=user.municipality_id)
        form = ProposalForm(initial=_typed(request), **options)
    elif request.method == "POST" and form.is_valid():
        try:
            proposal = services.proposal_submit(
                actor=user, municipality=user.municipality, **form.submission()
            )
        except ValidationError as error:
            _add_form_errors(form, error)
        else:
            messages.success(
                request,
                _("Your proposal was sent to %(body)s, which is to answer it by %(date)s.")
                % _answer_by(proposal),
            )
            return redirect("proposals:detail", pk=proposal.pk)
    context = {"form": form, "similar": similar, "public": False}
    status = 400 if form.is_bound else 200
    return render(request, "proposals/submit/new.html", context, status=status)


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    user = _municipal(request)
    page = paginate(
        request, selectors.proposal_list(user=user, filters=selectors.ProposalFilters(mine=True))
    )
    return render(request, "proposals/submit/mine.html", {"page_obj": page, "today": today()})


def _typed(request: HttpRequest) -> dict[str, Any]:
    """What was typed, to show again without judging it (the person only asked for similar
    proposals; files cannot be shown again)."""
    data = request.POST
    typed: dict[str, Any] = {name: data.get(name, "") for name in data if name != "units"}
    typed["units"] = data.getlist("units")
    return typed


def _similar(data: Any, *, municipality_id: int) -> list[Proposal] | None:
    """Up to five proposals like the draft in ``data``; ``None`` before there is a draft."""
    text = f"{data.get('title', '')} {data.get('description', '')}".strip()
    if len(text) < SIMILAR_MIN_CHARS:
        return None
    ids = search.similar_ids(text, municipality_id=municipality_id)
    found = Proposal.objects.filter(pk__in=ids).select_related("body").in_bulk()
    return [found[pk] for pk in ids if pk in found]


@login_required
@require_GET
def similar(request: HttpRequest) -> HttpResponse:
    user = _municipal(request)
    return render(
        request,
        "proposals/partials/_similar.html",
        {"similar": _similar(request.GET, municipality_id=user.municipality_id), "public": False},
    )


def _own_proposal(request: HttpRequest, pk: int) -> Proposal:
    user = _municipal(request)
    return get_object_or_404(Proposal.objects.for_user(user).select_related("body"), pk=pk)


@login_required
@require_POST
def support(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _own_proposal(request, pk)
    if not permissions.can_support(request.user, proposal):
        messages.error(request, _("You cannot support your own proposal."))
        return redirect("proposals:detail", pk=proposal.pk)
    try:
        services.proposal_support(actor=request.user, proposal=proposal)
    except ValidationError as error:
        _show_errors(request, error)
    else:
        messages.success(
            request,
            _("You now support “%(title)s”. The body that handles it can see how many do.")
            % {"title": proposal.title},
        )
    return redirect("proposals:detail", pk=proposal.pk)


@login_required
@require_POST
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _own_proposal(request, pk)
    if not permissions.can_withdraw(request.user, proposal):
        raise PermissionDenied
    _withdraw(request, proposal, actor=request.user)
    return redirect("proposals:detail", pk=proposal.pk)


def _withdraw(request: HttpRequest, proposal: Proposal, *, actor: Any) -> None:
    version = request.POST.get("version", "")
    try:
        services.proposal_withdraw(
            actor=actor,
            proposal=proposal,
            reason=request.POST.get("reason", ""),
            version=int(version) if version.isdigit() else None,
        )
    except ConcurrentEditError:
        messages.error(
            request,
            _("The proposal changed while you were reading it. See what happened and try again."),
        )
    except ValidationError as error:
        _show_errors(request, error)
    else:
        messages.success(request, _("The proposal was withdrawn."))


def attachment(request: HttpRequest, pk: int) -> HttpResponseBase:
    """An attachment for someone who may see the proposal, or who holds its tracking code."""
    item = get_object_or_404(Attachment.objects.select_related("proposal"), pk=pk)
    code = request.GET.get("code", "")
    by_code = bool(code) and secrets.compare_digest(code, item.proposal.tracking_code)
    if not by_code and not permissions.can_view_proposal(request.user, item.proposal):
        raise Http404
    response = stored_file_response(item, as_attachment=True)
    return _private(response) if by_code else response


# ---------------------------------------------------------------------------------------
# Citizens


def _public_municipality(request: HttpRequest) -> Municipality | None:
    """``?kommune=<organisation number>``, or the installation's only municipality."""
    number = request.GET.get("kommune", "")
    if number:
        return get_object_or_404(Municipality, organisation_number=number)
    only = list(Municipality.objects.order_by("pk")[:2])
    return only[0] if len(only) == 1 else None


def public_new(request: HttpRequest) -> HttpResponse:
    municipality = _public_municipality(request)
    if municipality is None:
        return render(
            request,
            "proposals/submit/public_choose.html",
            {
                "municipalities": Municipality.objects.order_by("name").only(
                    "name", "organisation_number"
                )
            },
        )
    similar_url = (
        reverse("proposals:public_similar")
        + "?"
        + urlencode({"kommune": municipality.organisation_number})
    )
    options = {"municipality_id": municipality.pk, "similar_url": similar_url}
    if request.method == "POST" and (wait := _public_over_limit(request)):
        return _public_too_many(request, municipality=municipality, options=options, wait=wait)
    form = PublicProposalForm(request.POST or None, request.FILES or None, **options)
    similar: list[Proposal] | None = None
    if request.method == "POST" and "check_similar" in request.POST:
        similar = _similar(request.POST, municipality_id=municipality.pk)
        form = PublicProposalForm(initial=_typed(request), **options)
    elif request.method == "POST" and form.is_valid():
        if form.is_bot:
            # Nothing is saved; the message gives a program nothing to learn from.
            form.add_error(None, _("The proposal could not be received. Please send it again."))
        else:
            try:
                proposal = services.proposal_submit(
                    actor=None, municipality=municipality, **form.submission()
                )
            except ValidationError as error:
                _add_form_errors(form, error)
            else:
                messages.success(request, _received_message(proposal))
                return redirect("proposals:track", code=proposal.tracking_code)
    context = {"form": form, "similar": similar, "public": True, "municipality": municipality}
    status = 400 if form.is_bound else 200
    return render(request, "proposals/submit/new.html", context, status=status)


def _public_over_limit(request: HttpRequest) -> int | None:
    """Count a citizen's post as the public API counts it: a submission with the API's
    submissions, a check for similar proposals with the lookups."""
    if "check_similar" in request.POST:
        return over_limit(public_similar_throttle(), request)
    return over_limit(public_proposal_throttle(), request)


def _public_too_many(
    request: HttpRequest, *, municipality: Municipality, options: dict[str, Any], wait: int
) -> HttpResponse:
    """429: the form again with what was typed (files cannot be shown again) and why."""
    messages.error(
        request,
        _(
            "Many proposals have been sent from your address in a short time, so this one "
            "was not received. Wait %(minutes)d minutes and send it again: what you typed "
            "is still here, but attach any files again."
        )
        % {"minutes": max(1, (wait + 59) // 60)},
    )
    form = PublicProposalForm(initial=_typed(request), **options)
    context = {"form": form, "similar": None, "public": True, "municipality": municipality}
    response = render(request, "proposals/submit/new.html", context, status=429)
    response["Retry-After"] = str(wait)
    return response


def _received_message(proposal: Proposal) -> str:
    received = _(
        "Thank you. Your proposal was sent to %(body)s, which is to answer it by %(date)s."
    ) % _answer_by(proposal)
    if proposal.proposer_email:
        keep = _(
            "We write to you by e-mail when something happens. This page shows the "
            "proposal too: bookmark it."
        )
    else:
        keep = _(
            "Bookmark this page or copy its address now: without an e-mail address it is "
            "the only way to follow your proposal."
        )
    return f"{received} {keep}"


@require_GET
def public_similar(request: HttpRequest) -> HttpResponse:
    if wait := over_limit(public_similar_throttle(), request):
        response = render(request, "proposals/partials/_similar_limited.html", status=429)
        response["Retry-After"] = str(wait)
        return response
    municipality = _public_municipality(request)
    found = _similar(request.GET, municipality_id=municipality.pk) if municipality else None
    return render(request, "proposals/partials/_similar.html", {"similar": found, "public": True})


def _tracked(code: str) -> Proposal:
    # Looked up by the whole code only; any other string is simply not found.
    return get_object_or_404(Proposal.objects.select_related("body"), tracking_code=code)


def track(request: HttpRequest, code: str) -> HttpResponse:
    proposal = _tracked(code)
    day = today()
    events = (
        proposal.events.exclude(kind__in=PRIVATE_EVENTS)
        .select_related("body")
        .only("kind", "created_at", "reason", "body__name", "data", "proposal_id")
    )
    context = {
        "proposal": proposal,
        "proposal_panels": proposal_panels(user=request.user, proposal=proposal),
        "events": events,
        "answers": proposal.answers.select_related("body"),
        "attachments": proposal.attachments.only("pk", "name", "size", "proposal_id"),
        "overdue": proposal.is_open and proposal.due_on < day,
        "today": day,
    }
    return _private(render(request, "proposals/submit/track.html", context))


@require_POST
def track_withdraw(request: HttpRequest, code: str) -> HttpResponse:
    proposal = _tracked(code)
    _withdraw(request, proposal, actor=None)
    return _private(redirect("proposals:track", code=proposal.tracking_code))
