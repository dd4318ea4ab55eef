"""The stillingsbank's pages: outcomes, the case's history as PDF, the employee's own pages,
the registers of preferential rights and the figures."""

from __future__ import annotations

from django.urls import URLPattern, path

from trepart.redeployment.views import figures, mine, outcomes

urlpatterns: list[URLPattern] = [
    path("sak/<int:pk>/utfall/", outcomes.outcome_record, name="outcome_record"),
    path("sak/<int:pk>/historikk.pdf", outcomes.case_pdf, name="case_pdf"),
    path("min-sak/", mine.my_case, name="my_case"),
    path("storre-stilling/", mine.wish, name="wish"),
    path("fortrinnsrett/", figures.rights, name="rights"),
    path("tall/", figures.figures, name="figures"),
]
