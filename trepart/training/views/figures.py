"""Completion figures (suppressed aggregates, for anyone in the municipality) and the
mandatory setting (HR)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from trepart.audit.writes import ConcurrentEditError
from trepart.platform.pagination import paginate
from trepart.training import privacy
from trepart.training.figures_display import completion_chart, completion_table
from trepart.training.forms.setting import SettingForm
from trepart.training.selectors.audience import setting_of
from trepart.training.selectors.completion import completion_figures
from trepart.training.services.setting import setting_update
from trepart.training.views.common import add_form_errors, course_admin, in_municipality

UNITS_PER_PAGE = 100


@login_required
def figures(request: HttpRequest) -> HttpResponse:
    user = in_municipality(request)
    found = completion_figures(user=user)
    charts = []
    if found.whole is not None:
        charts = [
            completion_chart(
                found.sectors, key="sectors", heading=_("Sector"), caption=_("Completion by sector")
            ),
            completion_chart(
                found.parties,
                key="parties",
                heading=_("Party"),
                caption=_("Completion by party of the cooperation"),
            ),
        ]
        if found.political_parties:
            charts.append(
                completion_chart(
                    found.political_parties,
                    key="political",
                    heading=_("Political party"),
                    caption=_("Completion among politicians, by political party"),
                )
            )
    # The units a page at a time: only the page's rows are drawn.
    units = paginate(request, found.units if found.whole else [], per_page=UNITS_PER_PAGE)
    unit_table = completion_table(
        list(units.object_list), heading=_("Unit"), caption=_("Completion by unit")
    )
    context = {
        "figures": found,
        "charts": charts,
        "units": unit_table,
        "page_obj": units,
        "admin": privacy.is_course_admin(user),
        "leader": privacy.is_leader(user),
    }
    return render(request, "training/figures.html", context)


@login_required
def setting(request: HttpRequest) -> HttpResponse:
    user = course_admin(request)
    current = setting_of(user.municipality_id)
    initial = {
        "mandatory": current.mandatory,
        "for_employees": current.for_employees,
        "for_leaders": current.for_leaders,
        "for_permanent": current.for_permanent,
        "for_politicians": current.for_politicians,
        "remind_every_days": current.remind_every_days,
        "version": current.version,
    }
    form = SettingForm(request.POST or None, initial=initial)
    conflict = False
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        try:
            setting_update(actor=user, version=version, **data)
        except ConcurrentEditError as error:
            conflict = True
            add_form_errors(form, error)
        except ValidationError as error:
            add_form_errors(form, error)
        else:
            messages.success(request, _("The course setting is saved."))
            return redirect("training:setting")
    context = {"form": form, "admin": True, "leader": privacy.is_leader(user)}
    return render(request, "training/setting.html", context, status=409 if conflict else 200)
