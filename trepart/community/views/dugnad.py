"""Registering dugnad and taking back an entry, and the public dugnad figures with their
method stated."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from trepart.community import privacy
from trepart.community.display import figures_view
from trepart.community.forms import DugnadForm
from trepart.community.models import DugnadEntry
from trepart.community.services.dugnad import dugnad_add, dugnad_delete
from trepart.community.views.common import (
    add_form_errors,
    committee_or_404,
    page_municipality,
    visitor_suffix,
)
from trepart.organisation import public


@login_required
def dugnad_create(request: HttpRequest, pk: int) -> HttpResponse:
    committee = committee_or_404(request, pk)
    if not privacy.can_report(request.user, committee):
        raise PermissionDenied
    form = DugnadForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            dugnad_add(actor=request.user, committee=committee, **form.cleaned_data)
        except ValidationError as error:
            add_form_errors(form, error)
        else:
            messages.success(request, _("The dugnad was registered."))
            return redirect("community:committee-detail", pk=committee.pk)
    return render(request, "community/dugnad_form.html", {"committee": committee, "form": form})


@login_required
@require_POST
def dugnad_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Take back an entry (the confirm form beside it on the committee page); the figures
    follow, as every audited write renews them."""
    entry = get_object_or_404(
        DugnadEntry.objects.for_user(request.user).select_related("committee"), pk=pk
    )
    dugnad_delete(actor=request.user, entry=entry)
    messages.success(request, _("The dugnad “%(what)s” was taken back.") % {"what": entry.what})
    return redirect("community:committee-detail", pk=entry.committee_id)


def figures(request: HttpRequest) -> HttpResponse:
    municipality = page_municipality(request)
    if municipality is None:
        return render(request, "community/choose.html", {"municipalities": public.choices()})
    shown = figures_view(municipality_id=municipality.pk)
    dugnad = shown.dugnad
    latest = dugnad.years[-1] if dugnad.years else None
    context = {
        "municipality": municipality,
        "figures": dugnad,
        "latest": latest,
        "latest_hours": dugnad.hours_in(latest),
        "latest_ftes": dugnad.ftes_in(latest),
        "latest_value": dugnad.value_in(latest),
        "suffix": visitor_suffix(request, municipality),
        "chart": shown.chart,
        "grants": shown.grants,
    }
    return render(request, "community/figures.html", context)
