from django.urls import path

from trepart.meetings.views import portal

urlpatterns = [
    path("motekalender/", portal.calendar, name="calendar"),
]
