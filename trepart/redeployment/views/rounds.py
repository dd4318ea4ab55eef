"""The weekly meeting's pages (members of the stillingsbank only): the meetings and rounds,
the weekly series, a new round, and a round's pairs explained, each confirmed or overridden."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from trepart.meetings.forms.planning import local_moment
from trepart.organisation.models import Body
from trepart.platform.pagination import paginate
from trepart.redeployment import privacy
from trepart.redeployment.forms.rounds import (
    BankMeetingsForm,
    PairDecisionForm,
    RoundCreateForm,
    RoundPairsFilter,
)
from trepart.redeployment.models import MatchRound, ProposedPair
from trepart.redeployment.selectors.rounds import (
    coming_meetings,
    round_pairs,
    round_rows,
    rounds_for,
)
from trepart.redeployment.services import meetings as meeting_services
from trepart.redeployment.services import rounds as services
from trepart.redeployment.views.service_errors import add_form_errors

# The meeting goes through a round's pairs this many at a time, those awaiting it first.
PAIRS_PER_PAGE = 10


def member_bank(request: HttpRequest) -> Body:
    """The bank the member works for; anyone else is refused."""
    bank = privacy.bank_for(request.user)
    if bank is None:
        raise PermissionDenied
    return bank


@login_required
def round_list(request: HttpRequest) -> HttpResponse:
    bank = member_bank(request)
    context = {
        "bank": bank,
        "meetings": coming_meetings(bank)[:8],
        "rounds": rounds_for(request.user).filter(bank=bank)[:30],
    }
    return render(request, "redeployment/round_list.html", context)


@login_required
def meeting_plan(request: HttpRequest) -> HttpResponse:
    bank = member_bank(request)
    form = BankMeetingsForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            planned = meeting_services.bank_meetings_plan(
                actor=request.user,
                bank=bank,
                first=local_moment(data["first_day"], data["start_time"]),
                count=data["count"],
                until=data["until"],
                minutes=data["minutes"],
                place=data["place"],
            )
        except ValidationError as error:
            add_form_errors(form, error)
        else:
            messages.success(
                request, _("%(count)d weekly meetings were planned.") % {"count": len(planned)}
            )
            return redirect("redeployment:round_list")
    status = 400 if form.errors else 200
    return render(
        request, "redeployment/meeting_plan.html", {"bank": bank, "form": form}, status=status
    )


@login_required
def round_create(request: HttpRequest) -> HttpResponse:
    bank = member_bank(request)
    form = RoundCreateForm(request.POST or None, meetings=coming_meetings(bank))
    if request.method == "POST" and form.is_valid():
        try:
            made = services.round_make(
                actor=request.user, bank=bank, meeting=form.cleaned_data["meeting"]
            )
        except ValidationError as error:
            add_form_errors(form, error)
        else:
            messages.success(request, _("The week's proposal is ready."))
            return redirect("redeployment:round_detail", pk=made.pk)
    status = 400 if form.errors else 200
    return render(
        request, "redeployment/round_create.html", {"bank": bank, "form": form}, status=status
    )


def _round(request: HttpRequest, pk: int) -> MatchRound:
    member_bank(request)
    return get_object_or_404(rounds_for(request.user).select_related("bank"), pk=pk)


@login_required
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    match_round = _round(request, pk)
    shown = RoundPairsFilter(request.GET or None)
    decision = shown.cleaned_data["decision"] if shown.is_valid() else ""
    page = paginate(request, round_pairs(match_round, decision=decision), per_page=PAIRS_PER_PAGE)
    rows, unplaced = round_rows(match_round, pairs=list(page.object_list))
    # The prefix of each pending pair's decision form (PairDecisionForm, written out in
    # the page's markup); a decided pair has none.
    forms = {
        row.pair.pk: f"p{row.pair.pk}"
        for row in rows
        if row.pair.decision == ProposedPair.Decision.PENDING
    }
    context = {
        "round": match_round,
        "rows": [(row, forms.get(row.pair.pk)) for row in rows],
        "unplaced": unplaced,
        "pending": round_pairs(match_round, decision=ProposedPair.Decision.PENDING).exists(),
        "page_obj": page,
        "filter": shown,
    }
    return render(request, "redeployment/round_detail.html", context)


@login_required
@require_POST
def pair_decide(request: HttpRequest, pk: int, pair: int) -> HttpResponse:
    match_round = _round(request, pk)
    row = get_object_or_404(
        ProposedPair.objects.select_related("round__bank"), pk=pair, round=match_round
    )
    form = PairDecisionForm(request.POST, prefix=f"p{row.pk}")
    if not form.is_valid():
        messages.error(request, _("Choose to confirm or to override the proposal."))
        return redirect("redeployment:round_detail", pk=match_round.pk)
    try:
        offer = services.pair_decide(
            actor=request.user,
            pair=row,
            version=form.cleaned_data["version"],
            confirm=form.cleaned_data["decision"] == "CONFIRM",
            reason=form.cleaned_data["reason"],
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        if offer is not None:
            messages.success(request, _("Confirmed: the offer is made and the person is told."))
        else:
            messages.success(request, _("The proposal was overridden."))
    return redirect("redeployment:round_detail", pk=match_round.pk)


@login_required
@require_POST
def round_close(request: HttpRequest, pk: int) -> HttpResponse:
    match_round = _round(request, pk)
    try:
        services.round_close(actor=request.user, match_round=match_round)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The round is handled: its vacancies are considered."))
    return redirect("redeployment:round_detail", pk=match_round.pk)
