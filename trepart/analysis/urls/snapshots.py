from django.urls import URLPattern, path

from trepart.analysis.views import overview, snapshots

urlpatterns: list[URLPattern] = [
    path("", overview.overview, name="overview"),
    path("til-mote/", snapshots.snapshot_send_page, name="snapshot-send"),
]
