"""Survey results: the page (per unit, party or body, and over rounds) and its CSV export."""

from django.urls import URLPattern, path

from trepart.analysis.views import results

urlpatterns: list[URLPattern] = [
    path(
        "undersokelser/<int:pk>/resultater/",
        results.survey_results,
        name="survey-results",
    ),
    path(
        "undersokelser/<int:pk>/resultater/eksport.csv",
        results.survey_results_csv,
        name="survey-results-csv",
    ),
]
