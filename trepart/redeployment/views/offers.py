"""The offers' pages: an offer made by a member outside a round, the offer where the person
answers, and the release of a vacancy for external advertising after the check of who has
a right to it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from trepart.audit.writes import ConcurrentEditError
from trepart.redeployment import privacy
from trepart.redeployment.forms.offers import OfferAnswerForm, OfferCreateForm, ReleaseForm
from trepart.redeployment.models import Offer, RedeploymentCase, Vacancy
from trepart.redeployment.selectors.inputs import right_holders
from trepart.redeployment.selectors.offers import suitable_vacancies
from trepart.redeployment.selectors.rounds import offers_shown
from trepart.redeployment.services.offers import OFFERABLE, can_answer, offer_answer, offer_make
from trepart.redeployment.services.release import vacancy_release
from trepart.redeployment.views.rounds import member_bank
from trepart.redeployment.views.service_errors import add_form_errors


def _offer_case(request: HttpRequest) -> RedeploymentCase | None:
    """The person the offer is for (``?case=``), one the member may see; None if not given."""
    key = request.GET.get("case") or request.POST.get("case") or ""
    if not key.isdigit():
        return None
    return get_object_or_404(privacy.cases_for(request.user).select_related("person"), pk=key)


@login_required
def offer_create(request: HttpRequest) -> HttpResponse:
    """An offer outside a round, made from the person's case: one of the open vacancies
    suitable for them (the list stays short however many vacancies the bank holds)."""
    member_bank(request)
    case = _offer_case(request)
    if case is None:
        return render(request, "redeployment/offer_create.html", {"form": None, "case": None})
    choices = suitable_vacancies(case=case) if case.status in OFFERABLE else []
    form = OfferCreateForm(request.POST or None, vacancies=[row.vacancy for row in choices])
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            offer = offer_make(
                actor=request.user,
                case=case,
                vacancies=[data["vacancy"]],
                suitable=data["suitable"],
            )
        except ValidationError as error:
            add_form_errors(form, error)
        else:
            messages.success(request, _("The offer is made and the person is told."))
            return redirect("redeployment:offer_detail", pk=offer.pk)
    status = 400 if form.errors else 200
    context = {
        "form": form,
        "case": case,
        "offerable": case.status in OFFERABLE,
        "has_choices": bool(choices),
    }
    return render(request, "redeployment/offer_create.html", context, status=status)


@login_required
def offer_detail(request: HttpRequest, pk: int) -> HttpResponse:
    offer = get_object_or_404(offers_shown(request.user), pk=pk)
    answerable = can_answer(request.user, offer) and offer.status == Offer.Status.OPEN
    form = OfferAnswerForm(request.POST or None, initial={"version": offer.version})
    status = 200
    if request.method == "POST":
        if not answerable:
            raise PermissionDenied
        if form.is_valid():
            try:
                offer_answer(
                    actor=request.user,
                    offer=offer,
                    version=form.cleaned_data["version"],
                    accept=form.cleaned_data["answer"] == "ACCEPT",
                    note=form.cleaned_data["note"],
                )
            except ConcurrentEditError as error:
                status = 409
                add_form_errors(form, error)
            except ValidationError as error:
                add_form_errors(form, error)
            else:
                messages.success(request, _("Your answer is recorded."))
                return redirect("redeployment:offer_detail", pk=offer.pk)
        if form.errors and status == 200:
            status = 400
    context = {
        "offer": offer,
        "parts": [part.vacancy for part in offer.parts.all()],
        "form": form if answerable else None,
        "late": answerable and timezone.localdate() > offer.deadline,
        "member": privacy.is_member(request.user),
    }
    return render(request, "redeployment/offer_detail.html", context, status=status)


@login_required
def release(request: HttpRequest, pk: int) -> HttpResponse:
    vacancy = get_object_or_404(privacy.vacancies_for(request.user), pk=pk)
    if not privacy.can_edit_vacancy(request.user, vacancy):
        raise PermissionDenied
    form = ReleaseForm(request.POST or None, initial={"version": vacancy.version})
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            vacancy_release(
                actor=request.user,
                vacancy=vacancy,
                version=form.cleaned_data["version"],
                reason=form.cleaned_data["reason"],
            )
        except ConcurrentEditError as error:
            status = 409
            add_form_errors(form, error)
        except ValidationError as error:
            add_form_errors(form, error)
        else:
            messages.success(request, _("The vacancy is released for external advertising."))
            return redirect("redeployment:vacancy_release", pk=vacancy.pk)
    if form.errors and status == 200:
        status = 400
    waiting = []
    if vacancy.status == Vacancy.Status.CONSIDERED:
        waiting = right_holders(vacancy=vacancy, day=timezone.localdate())
    context = {
        "vacancy": vacancy,
        "form": form if vacancy.status == Vacancy.Status.CONSIDERED else None,
        # Names only for the bank; a hiring authority learns how many, never who.
        "waiting": waiting if privacy.is_member(request.user) else [],
        "waiting_count": len(waiting),
    }
    return render(request, "redeployment/vacancy_release.html", context, status=status)
