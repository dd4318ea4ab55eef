from django.urls import path

from trepart.proposals.views import handling, lists, routing_table, submit

app_name = "proposals"

urlpatterns = [
    # Submitting and following (submit.py)
    path("forslag/nytt/", submit.new, name="new"),
    path("forslag/mine/", submit.mine, name="mine"),
    path("forslag/lignende/", submit.similar, name="similar"),
    path("forslag/<int:pk>/stotte/", submit.support, name="support"),
    path("forslag/<int:pk>/trekk/", submit.withdraw, name="withdraw"),
    path("forslag/vedlegg/<int:pk>/", submit.attachment, name="attachment"),
    path("innbyggerforslag/", submit.public_new, name="public_new"),
    path("innbyggerforslag/lignende/", submit.public_similar, name="public_similar"),
    path("innbyggerforslag/<str:code>/", submit.track, name="track"),
    path("innbyggerforslag/<str:code>/trekk/", submit.track_withdraw, name="track_withdraw"),
    # Lists (lists.py), one proposal (handling.py), the routing table (routing_table.py)
    path("forslag/", lists.proposal_list, name="list"),
    path("forslag/eksport.csv", lists.export, name="export"),
    path("forslag/tall/", lists.figures, name="figures"),
    path("forslag/ruting/", routing_table.routing, name="routing"),
    path("forslag/<int:pk>/", handling.detail, name="detail"),
    path("forslag/<int:pk>/<slug:action>/", handling.act, name="act"),
    path("organer/<int:pk>/innboks/", lists.inbox, name="inbox"),
]
