from django.urls import path

from trepart.meetings.views import conduct, follow_up, minutes

urlpatterns = [
    path("moter/<int:pk>/oppmote/", conduct.attendance, name="attendance"),
    path(
        "moter/<int:pk>/oppmote/alle-til-stede/",
        conduct.attendance_all_present,
        name="attendance-all-present",
    ),
    path("saker/<int:pk>/utfall/", conduct.item_outcome, name="item-outcome"),
    path("oppfolging/", follow_up.follow_up_board, name="follow-up-board"),
    path("oppfolging/<int:pk>/", follow_up.follow_up_edit, name="follow-up-edit"),
    path("organer/<int:pk>/oppfolging/ny/", follow_up.follow_up_create, name="follow-up-create"),
    path("moter/<int:pk>/protokoll/", minutes.minutes_detail, name="minutes-detail"),
    path("moter/<int:pk>/protokoll/endre/", minutes.minutes_edit, name="minutes-edit"),
    path("moter/<int:pk>/protokoll/godkjenn/", minutes.minutes_approve, name="minutes-approve"),
    path("moter/<int:pk>/protokoll/publiser/", minutes.minutes_publish, name="minutes-publish"),
]
