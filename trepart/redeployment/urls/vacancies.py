"""The stillingsbank's pages: vacancies."""

from __future__ import annotations

from django.urls import URLPattern, path

from trepart.redeployment.views import vacancies

urlpatterns: list[URLPattern] = [
    path("stillinger/", vacancies.vacancy_list, name="vacancy_list"),
    path("stillinger/ny/", vacancies.vacancy_create, name="vacancy_create"),
    path("stillinger/import/", vacancies.vacancy_import, name="vacancy_import"),
    path(
        "stillinger/import/eksempel.csv",
        vacancies.vacancy_import_example,
        name="vacancy_import_example",
    ),
    path("stillinger/<int:pk>/", vacancies.vacancy_detail, name="vacancy_detail"),
    path("stillinger/<int:pk>/endre/", vacancies.vacancy_edit, name="vacancy_edit"),
]
