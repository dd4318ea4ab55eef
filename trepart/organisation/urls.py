from django.urls import path

from trepart.organisation import views

app_name = "organisation"
urlpatterns = [
    path("", views.home, name="home"),
]
