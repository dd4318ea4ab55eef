from django.urls import path

from trepart.organisation.imports import views

urlpatterns = [
    path("", views.import_page, name="import"),
    path("eksempel/<slug:kind>.csv", views.import_example, name="import-example"),
]
