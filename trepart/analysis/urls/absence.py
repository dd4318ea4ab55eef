"""Sick-leave pages, under /analyse/sykefravaer/."""

from django.urls import path

from trepart.analysis.views import absence

urlpatterns = [
    path("sykefravaer/", absence.absence_dashboard, name="absence"),
    path("sykefravaer/import/", absence.absence_import_page, name="absence-import"),
    path("sykefravaer/import/eksempel.csv", absence.absence_example, name="absence-example"),
    path("sykefravaer/naervaersmal/", absence.presence_targets, name="absence-targets"),
]
