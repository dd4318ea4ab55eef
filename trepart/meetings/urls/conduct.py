from django.urls import path

from trepart.meetings.views import conduct

urlpatterns = [
    path("oppfolging/", conduct.follow_up_board, name="follow-up-board"),
]
