"""The meetings app's addresses, one module per part: planning (before the meeting),
conduct (during and after) and portal (public pages, feeds and PDFs)."""

from trepart.meetings.urls import conduct, planning, portal

app_name = "meetings"

urlpatterns = [*planning.urlpatterns, *conduct.urlpatterns, *portal.urlpatterns]
