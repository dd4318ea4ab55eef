"""The employee's own pages: their case(s), offers and history (``min-sak/``), and their
wish for a larger position under § 14-3 (``storre-stilling/``)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from trepart.redeployment import privacy
from trepart.redeployment.forms.rights import WishForm
from trepart.redeployment.models import CaseKind
from trepart.redeployment.privacy import is_member, person_of
from trepart.redeployment.selectors.history import case_history
from trepart.redeployment.services.rights import open_wish, wish_register, wish_withdraw


def offer_url(pk: int) -> str:
    """Where the person answers an offer."""
    try:
        return reverse("redeployment:offer_detail", args=[pk])
    except NoReverseMatch:
        return f"/stillingsbank/tilbud/{pk}/"


@login_required
def my_case(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    person = person_of(user)
    cases = []
    if person is not None:
        own = (
            person.redeployment_cases.filter(municipality_id=user.municipality_id)
            .select_related("from_unit", "location", "person")
            .order_by("-redundant_on", "-pk")
        )
        for case in own:
            # The person's own view: the history without the bank's note on adapted work.
            history = case_history(user=user, case=case)
            offers = [(offer, offer_url(offer.pk)) for offer in history.offers]
            cases.append({"case": case, "history": history, "offers": offers})
    context = {"cases": cases, "is_member": is_member(user)}
    return render(request, "redeployment/my_case.html", context)


@login_required
def wish(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    current = open_wish(user)
    form = WishForm(request.POST or None, user=user)
    if request.method == "POST" and request.POST.get("action") == "withdraw" and current:
        version = request.POST.get("version", "")
        try:
            wish_withdraw(
                actor=user,
                case=current,
                version=int(version) if version.isdigit() else 0,
                on=timezone.localdate(),
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Your wish for a larger position is withdrawn."))
        return redirect("redeployment:wish")
    if request.method == "POST" and current is None and form.is_valid():
        try:
            wish_register(actor=user, on=timezone.localdate(), **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your wish for a larger position is registered."))
            return redirect("redeployment:wish")
    context = {
        "form": form,
        "current": current,
        "has_bank": privacy.municipal_bank(user.municipality_id) is not None
        if user.municipality_id
        else False,
        "has_profile": person_of(user) is not None,
        "part_time": CaseKind.PART_TIME,
    }
    return render(request, "redeployment/wish.html", context)
