from django.urls import path

from trepart.meetings.views import portal

urlpatterns = [
    path("motekalender/", portal.calendar, name="calendar"),
    path("motekalender/organ/<int:pk>.ics", portal.ical_body, name="ical-body"),
    path("motekalender/person/<str:token>.ics", portal.ical_person, name="ical-person"),
    path("moter/min-kalender/", portal.my_calendar, name="my-calendar"),
    path("moter/<int:pk>/innkalling.pdf", portal.notice_pdf, name="notice-pdf"),
    path("moter/<int:pk>/protokoll.pdf", portal.minutes_pdf, name="minutes-pdf"),
]
