from django.urls import include, path

from trepart.organisation.views import bodies, home, people, structures, units

app_name = "organisation"
urlpatterns = [
    path("", home.home, name="home"),
    path("enheter/", units.unit_list, name="unit-list"),
    path("enheter/<int:pk>/", units.unit_detail, name="unit-detail"),
    path("organer/", bodies.body_list, name="body-list"),
    path("organer/<int:pk>/", bodies.body_detail, name="body-detail"),
    path("organer/<int:pk>/endre/", bodies.body_edit, name="body-edit"),
    path("organer/<int:pk>/medlemmer/ny/", bodies.membership_add, name="membership-add"),
    path("medlemskap/<int:pk>/avslutt/", bodies.membership_end, name="membership-end"),
    path("personer/", people.person_list, name="person-list"),
    path("personer/<int:pk>/", people.person_detail, name="person-detail"),
    path("personer/velg/", people.person_picker, name="person-picker"),
    path("strukturmaler/", structures.structure_list, name="structure-list"),
    path("strukturmaler/<slug:key>/bruk/", structures.structure_apply, name="structure-apply"),
    path("import/", include("trepart.organisation.imports.urls")),
]
