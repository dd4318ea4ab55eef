"""Felles analyse's pages: one module per topic."""

from trepart.analysis.urls import absence, factors, snapshots, surveys

app_name = "analysis"
urlpatterns = [
    *surveys.urlpatterns,
    *absence.urlpatterns,
    *factors.urlpatterns,
    *snapshots.urlpatterns,
]
