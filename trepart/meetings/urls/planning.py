from django.urls import path

from trepart.meetings.views import planning

urlpatterns = [
    path("moter/", planning.meeting_list, name="meeting-list"),
    path("moter/<int:pk>/", planning.meeting_detail, name="meeting-detail"),
]
