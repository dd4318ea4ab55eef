from django.urls import path

from trepart.organisation.imports import views

urlpatterns = [
    path("", views.import_page, name="import"),
]
