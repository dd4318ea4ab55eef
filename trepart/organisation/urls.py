from django.urls import include, path

from trepart.organisation import views

app_name = "organisation"
urlpatterns = [
    path("", views.home, name="home"),
    path("enheter/", views.unit_list, name="unit-list"),
    path("enheter/<int:pk>/", views.unit_detail, name="unit-detail"),
    path("organer/", views.body_list, name="body-list"),
    path("organer/<int:pk>/", views.body_detail, name="body-detail"),
    path("organer/<int:pk>/endre/", views.body_edit, name="body-edit"),
    path("organer/<int:pk>/medlemmer/ny/", views.membership_add, name="membership-add"),
    path("medlemskap/<int:pk>/avslutt/", views.membership_end, name="membership-end"),
    path("personer/", views.person_list, name="person-list"),
    path("personer/<int:pk>/", views.person_detail, name="person-detail"),
    path("personer/velg/", views.person_picker, name="person-picker"),
    path("strukturmaler/", views.structure_list, name="structure-list"),
    path("strukturmaler/<slug:key>/bruk/", views.structure_apply, name="structure-apply"),
    path("import/", include("trepart.organisation.imports.urls")),
]
