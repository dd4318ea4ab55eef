"""The development work's pages: one module per topic."""

from trepart.development.urls import ledger, projects, review

app_name = "development"
urlpatterns = [
    *projects.urlpatterns,
    *review.urlpatterns,
    *ledger.urlpatterns,
]
