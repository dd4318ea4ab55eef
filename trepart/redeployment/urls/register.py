"""The stillingsbank's pages: the overview, the register and the agreed settings."""

from __future__ import annotations

from django.urls import URLPattern, path

from trepart.redeployment.views import register, settings

urlpatterns: list[URLPattern] = [
    path("", register.home, name="home"),
    path("varslet/<int:pk>/", register.expected_handle, name="expected_handle"),
    path("register/", register.case_list, name="case_list"),
    path("register/ny/", register.case_create, name="case_create"),
    path("register/import/", register.case_import, name="case_import"),
    path("register/import/eksempel.csv", register.case_import_example, name="case_import_example"),
    path("sak/<int:pk>/", register.case_detail, name="case_detail"),
    path("sak/<int:pk>/endre/", register.case_edit, name="case_edit"),
    path("regler/", settings.rules, name="rules"),
    path("kvalifikasjoner/", settings.qualifications, name="qualifications"),
    path("steder/", settings.locations, name="locations"),
]
