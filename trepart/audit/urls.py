from django.urls import path

from trepart.audit import views

app_name = "audit"
urlpatterns = [
    path("", views.entry_list, name="entry-list"),
]
