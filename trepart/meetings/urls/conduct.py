from django.urls import path

from trepart.meetings.views import conduct

urlpatterns = [
    path("moter/<int:pk>/oppmote/", conduct.attendance, name="attendance"),
    path("saker/<int:pk>/utfall/", conduct.item_outcome, name="item-outcome"),
    path("oppfolging/", conduct.follow_up_board, name="follow-up-board"),
    path("oppfolging/<int:pk>/", conduct.follow_up_edit, name="follow-up-edit"),
    path("organer/<int:pk>/oppfolging/ny/", conduct.follow_up_create, name="follow-up-create"),
    path("moter/<int:pk>/protokoll/", conduct.minutes_detail, name="minutes-detail"),
    path("moter/<int:pk>/protokoll/endre/", conduct.minutes_edit, name="minutes-edit"),
    path("moter/<int:pk>/protokoll/godkjenn/", conduct.minutes_approve, name="minutes-approve"),
    path("moter/<int:pk>/protokoll/publiser/", conduct.minutes_publish, name="minutes-publish"),
]
