"""The citizen committees' pages under ``/utvalg/``."""

from django.urls import path

from trepart.community.views import committees, dugnad, grants, settings

app_name = "community"
urlpatterns = [
    path("", committees.committee_list, name="committee-list"),
    path("ny/", committees.committee_create_view, name="committee-create"),
    path("dugnad/", dugnad.figures, name="figures"),
    path("dugnad/<int:pk>/slett/", dugnad.dugnad_delete_view, name="dugnad-delete"),
    path("innstillinger/", settings.settings_page, name="settings"),
    path("<int:pk>/", committees.committee_detail, name="committee-detail"),
    path("<int:pk>/endre/", committees.committee_edit_view, name="committee-edit"),
    path("<int:pk>/dugnad/ny/", dugnad.dugnad_create, name="dugnad-create"),
    path("<int:pk>/forslag/ny/", committees.committee_propose_view, name="proposal-create"),
    path("<int:pk>/tilskudd/<int:year>/", grants.grant_for_year, name="grant-year"),
    path("tilskudd/<int:pk>/", grants.grant_detail, name="grant-detail"),
    path("utgift/<int:pk>/slett/", grants.spending_delete_view, name="spending-delete"),
    path("kvittering/<int:pk>/", grants.receipt_download, name="receipt-download"),
]
