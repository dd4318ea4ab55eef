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
from trepart.redeployment.models import Offer, Vacancy
from trepart.redeployment.selectors.inputs import matchable_cases, open_vacancies, right_holders
from trepart.redeployment.selectors.rounds import offers_shown
from trepart.redeployment.services.offers import can_answer, offer_answer, offer_make
from trepart.redeployment.services.release import vacancy_release
from trepart.redeployment.views.rounds import member_bank
from trepart.redeployment.views.service_errors import add_form_errors


@login_required
def offer_create(request: HttpRequest) -> HttpResponse:
    bank = member_bank(request)
    municipality_id = bank.municipality_id
    form = OfferCreateForm(
        request.POST or None,
        cases=matchable_cases(municipality_id=municipality_id, bank_id=bank.pk).select_related(
            "person"
        ),
        vacancies=open_vacancies(municipality_id=municipality_id),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            offer = offer_make(
                actor=request.user,
                case=data["case"],
                vacancies=[data["vacancy"]],
                suitable=data["suitable"],
            )
        except ValidationError as error:
            add_form_errors(form, error)
        else:
            messages.success(request, _("The offer is made and the person is told."))
            return redirect("redeployment:offer_detail", pk=offer.pk)
    status = 400 if form.errors else 200
    return render(request, "redeployment/offer_create.html", {"form": form}, status=status)


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
