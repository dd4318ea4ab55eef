"""The stillingsbank's pages under ``/stillingsbank/``: one module per topic."""

from trepart.redeployment.urls import register, rights, rounds, vacancies

app_name = "redeployment"
urlpatterns = [
    *register.urlpatterns,
    *vacancies.urlpatterns,
    *rounds.urlpatterns,
    *rights.urlpatterns,
]
