"""A person's course record (page, PDF and CSV), and who in a leader's units is missing the
course (names only for the units the leader leads; HR sees every unit)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from trepart.audit.cache import cached_figure
from trepart.meetings.pdf import CONTENT_TYPE, render_pdf
from trepart.organisation.models import Person
from trepart.organisation.selectors import today
from trepart.platform.csv_writer import csv_response
from trepart.platform.pagination import paginate
from trepart.training import privacy
from trepart.training.selectors import runs as selectors
from trepart.training.selectors.audience import mandatory_people, missing_people
from trepart.training.views.common import in_municipality


def _person(request: HttpRequest, pk: int) -> Person:
    user = in_municipality(request)
    try:
        return selectors.person_get(user=user, pk=pk)
    except Person.DoesNotExist as missing:
        raise Http404 from missing


def _private(response: HttpResponse) -> HttpResponse:
    response["X-Content-Type-Options"] = "nosniff"
    # A person's record: never kept by a shared cache.
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def record(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person(request, pk)
    context = {"person": person, "record": selectors.person_record(person=person)}
    return render(request, "training/record.html", context)


@login_required
def record_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person(request, pk)
    title = _("Course record: %(name)s") % {"name": person.full_name}
    content = render_pdf(
        "training/pdf/record.html",
        {
            "person": person,
            "record": selectors.person_record(person=person),
            "made_on": timezone.localdate(),
            "municipality": person.municipality,
        },
        title=title,
        language=translation.get_language(),
    )
    response = HttpResponse(content, content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'inline; filename="kursbevis-{person.pk}.pdf"'
    return _private(response)


@login_required
def record_csv(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person(request, pk)
    rows: list[list[Any]] = [
        [
            _("Name"),
            _("First day"),
            _("Last day"),
            _("Place"),
            _("Status"),
            _("Days attended"),
            _("Completed on"),
        ]
    ]
    for enrolment in selectors.person_record(person=person):
        rows.append(
            [
                person.full_name,
                enrolment.run.starts_on.isoformat(),
                enrolment.run.ends_on.isoformat(),
                enrolment.run.place,
                str(enrolment.get_status_display()),
                len(enrolment.attendance.all()),
                enrolment.completed_on.isoformat() if enrolment.completed_on else "",
            ]
        )
    return _private(csv_response(rows, file_name=f"kursbevis-{person.pk}.csv"))


@login_required
def missing(request: HttpRequest) -> HttpResponse:
    user = in_municipality(request)
    if not privacy.sees_missing(user):
        raise PermissionDenied
    day = today()
    people = privacy.led_among(
        user, mandatory_people(municipality_id=user.municipality_id, day=day)
    )
    # By unit, then name. The missing are found once, as ids (the count is their number),
    # and only the page's people are read whole. The ids are kept in the figure cache until
    # the municipality's data change: HR's for the whole municipality, a leader's for them
    # alone (whom they lead is theirs).
    order = ("unit_id", "last_name", "first_name", "pk")
    scope = "all" if privacy.is_course_admin(user) else f"user-{user.pk}"
    missing_ids: list[int] = cached_figure(
        topic="training-missing",
        key=f"{day.isoformat()}:{scope}",
        municipality_id=user.municipality_id,
        compute=lambda: list(
            missing_people(people=people, day=day).order_by(*order).values_list("pk", flat=True)
        ),
    )
    page = paginate(request, missing_ids, per_page=100)
    page.object_list = list(
        missing_people(people=Person.objects.filter(pk__in=page.object_list), day=day)
        .select_related("unit")
        .order_by(*order)
    )
    context = {
        "page_obj": page,
        "admin": privacy.is_course_admin(user),
        "leader": privacy.is_leader(user),
    }
    return render(request, "training/missing.html", context)
