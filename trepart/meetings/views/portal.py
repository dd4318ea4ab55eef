"""The public meeting portal: calendar, iCal feeds, notices and minutes as PDF.

Everything here may be read by anyone who has the address, so what a page, feed or PDF
shows of an item comes from ``meetings.privacy`` (through ``selectors.agenda``/``agenda_for``
and ``minutes_parts``) and nowhere else.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Max, Min
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format, time_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from trepart.meetings import ical, permissions, selectors, services
from trepart.meetings.forms.portal import CalendarForm
from trepart.meetings.models import CalendarFeed, Meeting
from trepart.meetings.panels import item_panels
from trepart.meetings.pdf import CONTENT_TYPE as PDF_CONTENT_TYPE
from trepart.meetings.pdf import render_pdf
from trepart.organisation import public
from trepart.organisation.models import Body, Municipality
from trepart.organisation.selectors import today
from trepart.platform.mail import reader_language
from trepart.platform.pagination import paginate
from trepart.platform.urls import absolute_url

# ---------------------------------------------------------------------------------------
# The calendar


def _municipality(request: HttpRequest) -> Municipality | None:
    """A user's own municipality; for a visitor, the one the address names."""
    user: Any = request.user
    if user.is_authenticated and user.municipality_id is not None:
        return user.municipality  # type: ignore[no-any-return]
    return public.public_municipality(request)


def _years(meetings: Any, day: datetime.date) -> range:
    span = meetings.aggregate(first=Min("starts_at"), last=Max("starts_at"))
    first = min(span["first"].year, day.year - 1) if span["first"] else day.year - 1
    last = max(span["last"].year, day.year + 1) if span["last"] else day.year + 1
    return range(first, last + 1)


def _neighbours(form: CalendarForm) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    """The periods before and after the one shown, as query parameters."""
    if not form.is_valid() or not form.cleaned_data.get("year"):
        return None, None
    year, month = form.cleaned_data["year"], form.cleaned_data.get("month")
    years = [choice for choice, _label in form.fields["year"].choices if choice]  # type: ignore[attr-defined]
    if month:
        before = (year, month - 1) if month > 1 else (year - 1, 12)
        after = (year, month + 1) if month < 12 else (year + 1, 1)
        return (
            {"year": before[0], "month": before[1]} if before[0] in years else None,
            {"year": after[0], "month": after[1]} if after[0] in years else None,
        )
    return (
        {"year": year - 1} if year - 1 in years else None,
        {"year": year + 1} if year + 1 in years else None,
    )


_ANY_PK = 987654321


def _addresses(name: str) -> Callable[[int], str]:
    """``pk -> reverse(name, args=[pk])`` from a single reverse: a page of fifty meetings
    and a hundred body feeds spends longer reversing addresses than drawing the rest."""
    before, after = reverse(name, args=[_ANY_PK]).split(str(_ANY_PK))
    return lambda pk: f"{before}{pk}{after}"


def _feeds(bodies: list[tuple[int, str]]) -> list[tuple[str, str]]:
    """Each body's iCal feed as (address, link text)."""
    address = _addresses("meetings:ical-body")
    return [(address(pk), _("Calendar feed for %(name)s") % {"name": name}) for pk, name in bodies]


@dataclass(frozen=True)
class CalendarRow:
    pk: int
    url: str
    name: str  # the body and the day: the link text
    when: str
    place: str
    minutes_url: str  # empty until the minutes are published


def _rows(meetings: Iterable[Meeting]) -> list[CalendarRow]:
    """A page of the calendar with its texts drawn here: the template language takes about
    a third of a millisecond a row for the same dates and addresses."""
    detail = _addresses("meetings:meeting-detail")
    minutes = _addresses("meetings:minutes-pdf")
    rows = []
    for meeting in meetings:
        starts = timezone.localtime(meeting.starts_at)
        day = date_format(starts, "DATE_FORMAT")
        when = f"{capfirst(date_format(starts, 'l'))} {day}, {time_format(starts)}"
        if meeting.ends_at:
            when += f"–{time_format(timezone.localtime(meeting.ends_at))}"
        rows.append(
            CalendarRow(
                pk=meeting.pk,
                url=detail(meeting.pk),
                name=f"{meeting.body.name}, {day}",
                when=when,
                place=meeting.place,
                minutes_url=minutes(meeting.pk) if meeting.minutes_published else "",  # type: ignore[attr-defined]
            )
        )
    return rows


@require_GET
def calendar(request: HttpRequest) -> HttpResponse:
    municipality = _municipality(request)
    if municipality is None:
        return render(request, "meetings/portal_choose.html", {"municipalities": public.choices()})
    meetings = selectors.public_meetings(municipality_id=municipality.pk)
    bodies = list(
        Body.objects.filter(pk__in=meetings.values("body_id"))
        .order_by("name", "pk")
        .values_list("pk", "name")
    )
    day = today()
    form = CalendarForm(request.GET, bodies=bodies, years=_years(meetings, day))
    filters = form.cleaned_data if form.is_valid() else {}
    start, end = form.period(day)
    rows = selectors.portal_calendar(
        municipality_id=municipality.pk,
        start=start,
        end=end,
        body_id=filters.get("body"),
        search=filters.get("q", ""),
    )
    previous, following = _neighbours(form)
    page = paginate(request, rows)
    context = {
        "municipality": municipality,
        "form": form,
        "page_obj": page,
        "rows": _rows(page.object_list),
        "start": start,
        "end": end,
        "chosen_period": bool(filters.get("year")),
        "previous": previous,
        "following": following,
        "feeds": _feeds(bodies),
        "body_name": dict(bodies).get(filters.get("body") or 0, ""),
        "search": filters.get("q", ""),
    }
    return render(request, "meetings/calendar.html", context)


# ---------------------------------------------------------------------------------------
# iCal feeds


def _ics(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=ical.CONTENT_TYPE)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_GET
def ical_body(request: HttpRequest, pk: int) -> HttpResponse:
    body = get_object_or_404(Body.objects.select_related("municipality"), pk=pk)
    meetings = selectors.public_feed(body=body, start=ical.feed_start())
    # Calendar programs send no language: the feed speaks the municipality's.
    with translation.override(body.municipality.language):
        name = f"{body.name} – {body.municipality.name}"
        content = ical.feed(meetings, name=name)
    return _ics(content, f"organ-{body.pk}.ics")


@require_GET
def ical_person(request: HttpRequest, token: str) -> HttpResponse:
    feed = get_object_or_404(
        CalendarFeed.objects.select_related("person__user", "person__municipality"), token=token
    )
    person = feed.person
    meetings = selectors.meetings_of_person(person=person, start=ical.feed_start(), cancelled=True)
    user_language = getattr(person.user, "language", "") if person.user_id else ""
    with translation.override(reader_language(user_language, person.municipality.language)):
        name = _("My meetings – %(municipality)s") % {"municipality": person.municipality.name}
        content = ical.feed(meetings, name=name)
    response = _ics(content, "moter.ics")
    # The token is the only key: keep the address out of referrers and search engines.
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def my_calendar(request: HttpRequest) -> HttpResponse:
    person = getattr(request.user, "person", None)
    if person is None:  # a login not (yet) linked to a person in the register
        return render(request, "meetings/my_calendar.html", {"feed_url": None})
    if request.method == "POST":
        services.calendar_feed_renew(person=person)
        messages.success(
            request, _("Your calendar has a new address. The old address no longer works.")
        )
        return redirect("meetings:my-calendar")
    feed = services.calendar_feed_get(person=person)
    feed_url = absolute_url(reverse("meetings:ical-person", args=[feed.token]))
    response = render(request, "meetings/my_calendar.html", {"feed_url": feed_url})
    response["Cache-Control"] = "private, no-store"
    return response


# ---------------------------------------------------------------------------------------
# PDFs


def _pdf(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=PDF_CONTENT_TYPE)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _when(meeting: Meeting) -> str:
    return date_format(timezone.localtime(meeting.starts_at), "DATE_FORMAT")


def _meeting_url(meeting: Meeting) -> str:
    """The meeting's page, printed on its PDFs so a paper copy leads back to it."""
    return absolute_url(reverse("meetings:meeting-detail", args=[meeting.pk]))


@require_GET
def notice_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_get(user=request.user, pk=pk)
    context = {
        "meeting": meeting,
        "items": selectors.agenda_for(request.user, meeting),
        "internal": permissions.can_see_internal(request.user, meeting),
        "meeting_url": _meeting_url(meeting),
    }
    title = _("Notice of meeting: %(body)s, %(date)s") % {
        "body": meeting.body.name,
        "date": _when(meeting),
    }
    content = render_pdf(
        "meetings/pdf/notice.html", context, title=title, language=translation.get_language()
    )
    return _pdf(content, f"innkalling-{meeting.pk}.pdf")


@require_GET
def minutes_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_get(user=request.user, pk=pk)
    minutes = selectors.minutes_of(meeting)
    if minutes is None or not permissions.can_see_minutes(request.user, minutes):
        raise Http404
    internal = permissions.can_see_internal(request.user, meeting)
    parts = selectors.minutes_parts(meeting, internal=internal)
    context = {
        **parts,
        "item_panels": item_panels(user=request.user, meeting=meeting, items=parts["items"]),
        "absolute_links": True,
        "internal": internal,
        "meeting_url": _meeting_url(meeting),
    }
    title = _("Minutes: %(body)s, %(date)s") % {
        "body": meeting.body.name,
        "date": _when(meeting),
    }
    content = render_pdf(
        "meetings/pdf/minutes.html", context, title=title, language=translation.get_language()
    )
    return _pdf(content, f"protokoll-{meeting.pk}.pdf")
