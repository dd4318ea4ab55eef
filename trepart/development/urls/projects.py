"""Pages of the development work: projects, their phases, reports, decision line and the
Lean improvement board; and a public project's page."""

from django.urls import path

from trepart.development.views import projects, projects_lean, projects_work

urlpatterns = [
    path("", projects.project_list, name="project_list"),
    path("prosjekt/ny/", projects.project_create, name="project_create"),
    path("prosjekt/<int:pk>/", projects.project_detail, name="project_detail"),
    path("prosjekt/<int:pk>/endre/", projects.project_edit, name="project_edit"),
    path("offentlig/<int:pk>/", projects.public_project, name="public_project"),
    path("prosjekt/<int:pk>/faser/ny/", projects_work.phase_add, name="phase_add"),
    path("faser/<int:pk>/endre/", projects_work.phase_edit, name="phase_edit"),
    path("faser/<int:pk>/ferdig/", projects_work.phase_done, name="phase_done"),
    path("prosjekt/<int:pk>/statusrapport/", projects_work.report_send, name="report_send"),
    path(
        "prosjekt/<int:pk>/innstilling/",
        projects_work.recommendation_send,
        name="recommendation_send",
    ),
    path("prosjekt/<int:pk>/vedtak/", projects_work.decision_record, name="decision_record"),
    path("prosjekt/<int:pk>/forbedring/ny/", projects_lean.improvement_add, name="improvement_add"),
    path("forbedring/<int:pk>/endre/", projects_lean.improvement_edit, name="improvement_edit"),
    path(
        "forbedring/<int:pk>/neste-steg/",
        projects_lean.improvement_advance,
        name="improvement_advance",
    ),
]
