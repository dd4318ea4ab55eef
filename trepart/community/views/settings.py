"""The municipality's settings for its committees (administrators): the valuation of dugnad
and the grant per year."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from trepart.audit.writes import ConcurrentEditError
from trepart.community import privacy
from trepart.community.forms import DATE, SettingsForm
from trepart.community.models import GrantYear
from trepart.community.services.grants import grant_year_set
from trepart.community.services.settings import community_settings_ensure, community_settings_update
from trepart.community.views.common import add_form_errors
from trepart.platform.text import NormalisedForm


class GrantYearForm(NormalisedForm):
    year = forms.IntegerField(label=gettext_lazy("Year"), min_value=2000, max_value=2100)
    default_amount = forms.IntegerField(
        label=gettext_lazy("Amount per committee (kr)"), min_value=0, max_value=10_000_000
    )
    report_deadline = forms.DateField(label=gettext_lazy("Report due"), widget=DATE)


@login_required
def settings_page(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    if not privacy.can_manage(user):
        raise PermissionDenied
    current = community_settings_ensure(municipality_id=user.municipality_id)
    action = request.POST.get("action", "")
    valuation = SettingsForm(
        request.POST if action == "valuation" else None,
        initial={
            "version": current.version,
            "hours_per_fte": current.hours_per_fte,
            "hourly_rate": current.hourly_rate,
        },
    )
    year_form = GrantYearForm(request.POST if action == "year" else None)
    try:
        if action == "valuation" and valuation.is_valid():
            community_settings_update(actor=user, settings=current, **valuation.cleaned_data)
            messages.success(request, _("The valuation of dugnad is saved."))
            return redirect("community:settings")
        if action == "year" and year_form.is_valid():
            data = year_form.cleaned_data
            existing = GrantYear.objects.filter(
                municipality_id=user.municipality_id, year=data["year"]
            ).first()
            grant_year_set(actor=user, version=existing.version if existing else None, **data)
            messages.success(request, _("The grant for the year is saved."))
            return redirect("community:settings")
    except ConcurrentEditError as conflict:
        add_form_errors(valuation, conflict)
    except ValidationError as error:
        add_form_errors(year_form if action == "year" else valuation, error)
    context = {
        "valuation": valuation,
        "year_form": year_form,
        "years": GrantYear.objects.for_user(user).order_by("-year"),
    }
    return render(request, "community/settings.html", context)
