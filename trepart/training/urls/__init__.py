"""The course's pages under ``/kurs/``."""

from django.urls import path

from trepart.training.views import enrolment, figures, people, runs

app_name = "training"
urlpatterns = [
    path("", runs.home, name="home"),
    path("kurs/ny/", runs.run_create, name="run-create"),
    path("kurs/<int:pk>/", runs.run_detail, name="run-detail"),
    path("kurs/<int:pk>/endre/", runs.run_edit, name="run-edit"),
    path("kurs/<int:pk>/meld-pa/", enrolment.enrol, name="run-enrol"),
    path("kurs/<int:pk>/liste/", enrolment.run_import, name="run-import"),
    path("pameldinger/<int:pk>/avmeld/", enrolment.cancel, name="enrolment-cancel"),
    path("pameldinger/<int:pk>/oppmote/", enrolment.attendance, name="enrolment-attendance"),
    path("fullforing/", figures.figures, name="figures"),
    path("innstilling/", figures.setting, name="setting"),
    path("mangler/", people.missing, name="missing"),
    path("personer/<int:pk>/", people.record, name="record"),
    path("personer/<int:pk>/kursbevis.pdf", people.record_pdf, name="record-pdf"),
    path("personer/<int:pk>/kursbevis.csv", people.record_csv, name="record-csv"),
]
