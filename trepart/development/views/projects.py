"""Project pages: the list, one project's page (as much as the reader may see), making and
editing a project, and a public project's page for everyone."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from trepart.audit.writes import ConcurrentEditError
from trepart.development import privacy
from trepart.development.forms.projects import (
    FilterForm,
    ProjectCreateForm,
    ProjectEditForm,
    project_initial,
)
from trepart.development.models import Project, ProjectKind
from trepart.development.selectors import projects as selectors
from trepart.development.services.projects import project_create as create_project
from trepart.development.services.projects import project_update
from trepart.development.views.projects_common import (
    add_form_errors,
    login_required,
    project_for,
    work_project,
)
from trepart.organisation import public

# The service review's own pages, by URL name (they live beside this app's project pages).
REVIEW_PAGES = (
    ("development:portfolio", gettext_lazy("Task portfolio")),
    ("development:weighing", gettext_lazy("Weighing")),
    ("development:plan", gettext_lazy("Plan")),
)


def project_list(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    municipality = None
    if not (user.is_authenticated and user.municipality_id):
        municipality = public.public_municipality(request)
    form = FilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    rows = selectors.project_list(
        user=user,
        municipality_id=municipality.pk if municipality else None,
        kind=filters.get("kind", ""),
        status=filters.get("status", ""),
    )
    visitor = not (user.is_authenticated and user.municipality_id)
    context = {
        "form": form,
        "rows": rows,
        "municipality": municipality,
        "municipalities": public.choices() if visitor and municipality is None else [],
        "can_create": user.is_authenticated and selectors.mandating_bodies(user=user).exists(),
    }
    return render(request, "development/project_list.html", context)


def _review_links(project: Project) -> list[tuple[str, str]]:
    links = []
    for name, label in REVIEW_PAGES:
        try:
            links.append((str(label), reverse(name, args=[project.pk])))
        except NoReverseMatch:
            continue
    return links


@login_required
def project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    project = project_for(request, pk)
    page = selectors.project_page(user=request.user, project=project)
    context = {
        "page": page,
        "project": project,
        "can_work": privacy.can_work(request.user, project),
        "can_suggest": privacy.can_suggest(request.user, project),
        "can_decide": privacy.can_record_decision(request.user, project),
        "review_links": _review_links(project)
        if page.full and project.kind == ProjectKind.SERVICE_REVIEW
        else [],
    }
    return render(request, "development/project_detail.html", context)


def public_project(request: HttpRequest, pk: int) -> HttpResponse:
    project = get_object_or_404(Project.objects.select_related("mandating_body", "leader"), pk=pk)
    visitor = AnonymousUser()
    if privacy.access(visitor, project) != privacy.Access.PUBLIC:
        raise Http404
    page = selectors.project_page(user=visitor, project=project)
    return render(request, "development/project_public.html", {"page": page, "project": project})


@login_required
def project_create(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    bodies = selectors.mandating_bodies(user=user)
    if user.municipality_id is None or not bodies.exists():
        raise PermissionDenied
    form = ProjectCreateForm(
        request.POST or None,
        bodies=bodies,
        municipality_id=user.municipality_id,
        initial={"mandating_body": request.GET.get("body")},
    )
    if request.method == "POST" and form.is_valid():
        try:
            project = create_project(actor=user, **form.service_arguments())
        except ValidationError as error:
            add_form_errors(form, error)
        else:
            messages.success(request, _("The project was created with its project group."))
            return redirect("development:project_detail", pk=project.pk)
    return render(request, "development/project_form.html", {"form": form, "project": None})


@login_required
def project_edit(request: HttpRequest, pk: int) -> HttpResponse:
    project = work_project(request, pk)
    form = ProjectEditForm(
        request.POST or None,
        municipality_id=project.municipality_id,
        initial=project_initial(project),
    )
    saved = None
    if request.method == "POST" and form.is_valid():
        try:
            project_update(actor=request.user, project=project, **form.cleaned_data)
        except ConcurrentEditError as conflict:
            # Keep what the user typed, show what is saved now; a second save is deliberate.
            saved = project_for(request, pk)
            data = request.POST.copy()
            data["version"] = str(saved.version)
            form = ProjectEditForm(data, municipality_id=project.municipality_id)
            form.is_valid()
            add_form_errors(form, conflict)
        except ValidationError as error:
            add_form_errors(form, error)
        else:
            messages.success(request, _("The project was saved."))
            return redirect("development:project_detail", pk=project.pk)
    context = {"form": form, "project": project, "saved": saved}
    return render(request, "development/project_form.html", context, status=409 if saved else 200)
