"""Vacancies: the list, one vacancy (held for the stillingsbank until it has considered it),
registering and correcting a vacancy, and the CSV import. For the hiring authorities (their
units' vacancies) and the bank's members (all)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from trepart.platform.csv_writer import csv_example_response
from trepart.platform.pagination import paginate
from trepart.redeployment import privacy
from trepart.redeployment.forms.vacancies import (
    VacancyEditForm,
    VacancyFilterForm,
    VacancyForm,
    vacancy_initial,
)
from trepart.redeployment.imports import vacancies as vacancies_csv
from trepart.redeployment.selectors import vacancies as selectors
from trepart.redeployment.services.imports import vacancy_import as run_vacancy_import
from trepart.redeployment.services.vacancies import vacancy_create as create_vacancy
from trepart.redeployment.services.vacancies import vacancy_update
from trepart.redeployment.views.common import add_form_errors, edit_page, import_page

PAGE_SIZE = 50


def _hiring(request: HttpRequest) -> Any:
    if not privacy.is_hiring_authority(request.user):
        raise PermissionDenied
    return request.user


@login_required
def vacancy_list(request: HttpRequest) -> HttpResponse:
    user = _hiring(request)
    form = VacancyFilterForm(request.GET or None, units=privacy.hiring_units(user))
    filters = form.cleaned_data if form.is_valid() else {}
    rows = selectors.vacancy_list(
        user=user, status=filters.get("status") or "", unit_id=filters.get("unit")
    )
    page = paginate(request, rows, per_page=PAGE_SIZE)
    context = {"form": form, "page_obj": page, "member": privacy.is_member(user)}
    return render(request, "redeployment/vacancy_list.html", context)


@login_required
def vacancy_detail(request: HttpRequest, pk: int) -> HttpResponse:
    vacancy = selectors.vacancy_get(user=request.user, pk=pk)
    context = {
        "vacancy": vacancy,
        "required": list(vacancy.required.all()),
        "wanted": list(vacancy.wanted.all()),
        "can_edit": privacy.can_edit_vacancy(request.user, vacancy),
        "member": privacy.is_member(request.user),
    }
    return render(request, "redeployment/vacancy_detail.html", context)


@login_required
def vacancy_create(request: HttpRequest) -> HttpResponse:
    user = _hiring(request)
    form = VacancyForm(
        request.POST or None,
        units=privacy.hiring_units(user),
        municipality_id=user.municipality_id,
    )
    if request.method == "POST" and form.is_valid():
        try:
            vacancy = create_vacancy(actor=user, **form.cleaned_data)
        except ValidationError as error:
            add_form_errors(form, error)
        else:
            messages.success(
                request, _("The vacancy is registered and held for the stillingsbank.")
            )
            return redirect("redeployment:vacancy_detail", pk=vacancy.pk)
    return render(request, "redeployment/vacancy_form.html", {"form": form, "vacancy": None})


@login_required
def vacancy_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = _hiring(request)
    vacancy = selectors.vacancy_get(user=user, pk=pk)
    units = privacy.hiring_units(user)
    return edit_page(
        request,
        make_form=lambda data: VacancyEditForm(
            data,
            initial=vacancy_initial(vacancy),
            units=units,
            municipality_id=vacancy.municipality_id,
        ),
        save=lambda data: vacancy_update(actor=user, vacancy=vacancy, **data),
        reload=lambda: selectors.vacancy_get(user=user, pk=pk),
        saved_message=_("The vacancy was saved."),
        done_url=reverse("redeployment:vacancy_detail", args=[vacancy.pk]),
        template="redeployment/vacancy_form.html",
        context={"vacancy": vacancy},
    )


@login_required
def vacancy_import(request: HttpRequest) -> HttpResponse:
    _hiring(request)
    return import_page(
        request,
        run=run_vacancy_import,
        what=_("vacancies"),
        done_url="redeployment:vacancy_list",
        context={
            "title": _("Import vacancies"),
            "columns": vacancies_csv.COLUMNS,
            "example_url": reverse("redeployment:vacancy_import_example"),
            "back_url": reverse("redeployment:vacancy_list"),
        },
    )


@login_required
def vacancy_import_example(request: HttpRequest) -> HttpResponse:
    _hiring(request)
    return csv_example_response(vacancies_csv.EXAMPLE, file_name="stillingsbank-stillinger.csv")
