from django.urls import path

from trepart.meetings.views import items, planning

urlpatterns = [
    path("moter/", planning.meeting_list, name="meeting-list"),
    path("moter/<int:pk>/", planning.meeting_detail, name="meeting-detail"),
    path("moter/<int:pk>/endre/", planning.meeting_edit, name="meeting-edit"),
    path("moter/<int:pk>/avlys/", planning.meeting_cancel, name="meeting-cancel"),
    path("moter/<int:pk>/publiser/", planning.meeting_publish, name="meeting-publish"),
    path("moter/<int:pk>/tilgang/", items.access_log, name="access-log"),
    path("moter/<int:pk>/saker/ny/", items.item_add, name="item-add"),
    path("organer/<int:pk>/moter/", planning.body_meetings, name="body-meetings"),
    path("organer/<int:pk>/moter/plan/", planning.meeting_plan, name="meeting-plan"),
    path("organer/<int:pk>/moter/ny/", planning.meeting_create, name="meeting-create"),
    path("saker/<int:pk>/endre/", items.item_edit, name="item-edit"),
    path("saker/<int:pk>/flytt/", items.item_move, name="item-move"),
    path("saker/<int:pk>/dokumenter/ny/", items.document_add, name="document-add"),
    path("dokumenter/<int:pk>/ny-versjon/", items.document_revise, name="document-revise"),
    path("dokumenter/versjon/<int:pk>/", items.document_open, name="document-open"),
]
