"""During and after the meeting: attendance, stands, outcomes, follow-up, minutes."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from trepart.concurrency import ConcurrentEditError
from trepart.meetings import permissions, selectors, services
from trepart.meetings.forms_conduct import (
    AttendanceForm,
    FollowUpCreateForm,
    FollowUpEditForm,
    FollowUpFilterForm,
    MinutesForm,
    MotionForm,
    OutcomeForm,
    ProposalStepForm,
    StandsForm,
)
from trepart.meetings.models import AgendaItem, FollowUp, Meeting, Minutes
from trepart.organisation import selectors as organisation_selectors
from trepart.organisation.models import Body, Person
from trepart.pagination import paginate

# The board shows the most pressing actions of each column, as many as fit on a screen;
# "show all" pages through the rest.
COLUMN_CAP = 10


def _municipal(request: HttpRequest) -> Any:
    if getattr(request.user, "municipality_id", None) is None:
        raise PermissionDenied
    return request.user


def _add_errors(form: Any, error: ValidationError) -> None:
    """Put a service's messages on the form's fields, so the page keeps what was typed."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def _meeting_to_prepare(request: HttpRequest, pk: int) -> Meeting:
    meeting = selectors.meeting_get(user=request.user, pk=pk)
    if not permissions.can_prepare(request.user, meeting.body):
        raise PermissionDenied
    return meeting


def _version(request: HttpRequest) -> int:
    value = request.POST.get("version", "")
    return int(value) if value.isdigit() else 0


def _person(municipality_id: int, pk: int | None) -> Person | None:
    if pk is None:
        return None
    return Person.objects.filter(pk=pk, municipality_id=municipality_id).first()


# ---------------------------------------------------------------------------------------
# Attendance


@login_required
def attendance(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting_to_prepare(request, pk)
    form = AttendanceForm(
        request.POST or None,
        seats=selectors.people_for_attendance(meeting),
        current=selectors.attendance_of(meeting),
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.attendance_record(actor=request.user, meeting=meeting, rows=form.rows())
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, _("Attendance was saved."))
                return redirect("meetings:attendance", pk=meeting.pk)
    context = {"meeting": meeting, "form": form, "groups": form.bound_groups()}
    return render(request, "meetings/attendance.html", context, status=status)


# ---------------------------------------------------------------------------------------
# One item: stands, motions, outcome and follow-up


def _item_to_prepare(request: HttpRequest, pk: int) -> AgendaItem:
    user = _municipal(request)
    item = (
        AgendaItem.objects.select_related("meeting__body", "body", "case_officer")
        .filter(pk=pk, municipality_id=user.municipality_id)
        .first()
    )
    if item is None:
        raise Http404
    if not permissions.can_prepare(user, item.body):
        raise PermissionDenied
    return item


def _step_forms(item: AgendaItem, data: Any = None) -> list[ProposalStepForm]:
    proposals = item.proposals.select_related("body").order_by("pk")
    return [ProposalStepForm(data, proposal=proposal) for proposal in proposals]


def _outcome_page(
    request: HttpRequest, item: AgendaItem, status: int = 200, **forms: Any
) -> HttpResponse:
    context = {
        "item": item,
        "meeting": item.meeting,
        "stands": {s.party: s for s in item.stands.all()},
        "motions": item.motions.all(),
        "follow_ups": item.follow_ups.select_related("owner").order_by("due_on", "pk"),
        "stands_form": forms.get("stands_form") or StandsForm(stands=item.stands.all()),
        "motion_form": forms.get("motion_form") or MotionForm(),
        "outcome_form": forms.get("outcome_form")
        or OutcomeForm(
            initial={
                "version": item.version,
                "outcome": item.outcome,
                "outcome_text": item.outcome_text,
            }
        ),
        "step_forms": forms.get("step_forms") or _step_forms(item),
        "follow_up_form": FollowUpCreateForm(body=item.body, initial={"item": item.pk}),
        "failed": forms.get("failed", ""),
    }
    return render(request, "meetings/item_outcome.html", context, status=status)


@login_required
def item_outcome(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item_to_prepare(request, pk)
    if request.method != "POST":
        return _outcome_page(request, item)
    op = request.POST.get("op")
    if op == "stands":
        return _record_stands(request, item)
    if op == "motion":
        return _add_motion(request, item)
    if op == "outcome":
        return _record_outcome(request, item)
    raise Http404


def _record_stands(request: HttpRequest, item: AgendaItem) -> HttpResponse:
    form = StandsForm(request.POST)
    if form.is_valid():
        try:
            services.stands_record(actor=request.user, item=item, stands=form.stands())
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The parties' stands were saved."))
            return redirect("meetings:item-outcome", pk=item.pk)
    return _outcome_page(request, item, 400, stands_form=form, failed="stands")


def _add_motion(request: HttpRequest, item: AgendaItem) -> HttpResponse:
    form = MotionForm(request.POST)
    if form.is_valid():
        try:
            services.motion_add(actor=request.user, item=item, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The motion was added."))
            return redirect("meetings:item-outcome", pk=item.pk)
    return _outcome_page(request, item, 400, motion_form=form, failed="motion")


def _record_outcome(request: HttpRequest, item: AgendaItem) -> HttpResponse:
    form = OutcomeForm(request.POST)
    steps = _step_forms(item, request.POST)
    # Every form is checked, so each proposal shows its own problems at once.
    checked = [form.is_valid()] + [step.is_valid() for step in steps]
    valid = all(checked)
    status = 400
    if valid:
        postponed = form.cleaned_data["outcome"] == AgendaItem.Outcome.POSTPONED
        for step in steps:
            if not postponed and step.step() is None:
                step.add_error("action", _("Choose what happens to the proposal."))
                valid = False
    if valid:
        try:
            services.item_outcome_record(
                actor=request.user,
                item=item,
                version=form.cleaned_data["version"],
                outcome=form.cleaned_data["outcome"],
                outcome_text=form.cleaned_data["outcome_text"],
                steps=[s for s in (step.step() for step in steps) if s is not None],
            )
        except ConcurrentEditError as conflict:
            # Keep what was typed; a second, deliberate save goes against the saved version.
            item = _item_to_prepare(request, item.pk)
            data = request.POST.copy()
            data["version"] = str(item.version)
            form = OutcomeForm(data)
            form.is_valid()
            _add_errors(form, conflict)
            status = 409
        except ValidationError as error:
            _outcome_errors(error, form, steps)
            item = _item_to_prepare(request, item.pk)
        else:
            messages.success(request, _("The outcome was recorded."))
            return redirect("meetings:item-outcome", pk=item.pk)
    return _outcome_page(
        request, item, status, outcome_form=form, step_forms=steps, failed="outcome"
    )


def _outcome_errors(error: ValidationError, form: Any, steps: list[ProposalStepForm]) -> None:
    """Each proposal's problems beside that proposal; the rest on the outcome form."""
    by_key = {f"proposal_{step.proposal.pk}": step for step in steps}
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    per_proposal = set(error.message_dict) & set(by_key)
    for key, errors in error.message_dict.items():
        if key in by_key:
            by_key[key].add_error(None, errors)
        elif key == "steps" and per_proposal:
            continue  # the same messages, already shown beside their proposals
        else:
            form.add_error(key if key in form.fields else None, errors)


# ---------------------------------------------------------------------------------------
# Follow-up


@login_required
def follow_up_board(request: HttpRequest) -> HttpResponse:
    user = _municipal(request)
    form = FollowUpFilterForm(request.GET or None, municipality_id=user.municipality_id)
    data = form.cleaned_data if form.is_valid() else {}
    person_id = permissions.person_id_of(user)
    owner_id = (person_id or 0) if data.get("mine") else None
    rows = selectors.follow_up_rows(
        municipality_id=user.municipality_id, body_id=data.get("body"), owner_id=owner_id
    )
    counts = selectors.follow_up_counts(rows)
    reach = selectors.reach_of(user)
    only = request.GET.get("column")
    page = None
    columns = []
    for status in selectors.FOLLOW_UP_COLUMNS:
        if only in selectors.FOLLOW_UP_COLUMNS and status != only:
            continue
        actions = selectors.follow_up_column(rows, status)
        if only:
            page = paginate(request, actions)
            shown = list(page.object_list)
        else:
            shown = list(actions[:COLUMN_CAP])
        cards = [_card(action, reach, person_id) for action in shown]
        label = FollowUp.Status(status).label
        columns.append({"status": status, "label": label, "cards": cards, "count": counts[status]})
    context = {"form": form, "columns": columns, "counts": counts, "page_obj": page, "only": only}
    return render(request, "meetings/follow_up_board.html", context)


def _card(action: FollowUp, reach: Any, person_id: int | None) -> dict[str, Any]:
    """One action as the reader may see it: an action on a closed item shows its real
    title only to those who sit in or prepare for the body."""
    insider = reach.admin or action.body_id in reach.sits_in | reach.prepares
    masked = action.item is not None and action.item.closed and not insider
    return {
        "action": action,
        "title": _("An action on an item exempt from public access") if masked else action.title,
        "item_title": (
            "" if action.item is None else action.item.public_title if masked else action.item.title
        ),
        "overdue": action.status in ("OPEN", "IN_PROGRESS")
        and action.due_on < organisation_selectors.today(),
        "editable": reach.admin or action.body_id in reach.prepares or action.owner_id == person_id,
    }


@login_required
def follow_up_create(request: HttpRequest, pk: int) -> HttpResponse:
    user = _municipal(request)
    body = Body.objects.filter(pk=pk, municipality_id=user.municipality_id).first()
    if body is None:
        raise Http404
    if not permissions.can_prepare(user, body):
        raise PermissionDenied
    item_pk = str(request.POST.get("item") or request.GET.get("item") or "")
    item = AgendaItem.objects.filter(pk=item_pk, body=body).first() if item_pk.isdigit() else None
    initial = {"item": item.pk if item else None}
    form = FollowUpCreateForm(request.POST or None, body=body, initial=initial)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.follow_up_create(
                    actor=user,
                    body=body,
                    title=data["title"],
                    owner=_person(user.municipality_id, data["owner"]),
                    due_on=data["due_on"],
                    item=item,
                )
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, _("The follow-up action was added."))
                if item is not None:
                    return redirect("meetings:item-outcome", pk=item.pk)
                return redirect("meetings:follow-up-board")
    context = {"form": form, "body": body, "item": item, "follow_up": None}
    return render(request, "meetings/follow_up_form.html", context, status=status)


def _edit_initial(follow_up: FollowUp) -> dict[str, Any]:
    return {
        "version": follow_up.version,
        "status": follow_up.status,
        "note": follow_up.note,
        "due_on": follow_up.due_on,
        "owner": follow_up.owner_id,
    }


@login_required
def follow_up_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = _municipal(request)
    follow_up = (
        FollowUp.objects.select_related("body", "owner", "item")
        .filter(pk=pk, municipality_id=user.municipality_id)
        .first()
    )
    if follow_up is None:
        raise Http404
    if not permissions.can_edit_follow_up(user, follow_up):
        raise PermissionDenied
    extra: dict[str, Any] = {"body": follow_up.body, "owner_id": follow_up.owner_id}
    form = FollowUpEditForm(request.POST or None, initial=_edit_initial(follow_up), **extra)
    saved = None
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.follow_up_update(
                    actor=user,
                    follow_up=follow_up,
                    version=data["version"],
                    status=data["status"],
                    note=data["note"],
                    due_on=data["due_on"],
                    owner=_person(user.municipality_id, data["owner"]),
                )
            except ConcurrentEditError as conflict:
                saved = FollowUp.objects.select_related("owner").get(pk=follow_up.pk)
                post = request.POST.copy()
                post["version"] = str(saved.version)
                form = FollowUpEditForm(post, **extra)
                form.is_valid()
                _add_errors(form, conflict)
                status = 409
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, _("The follow-up action was saved."))
                return redirect("meetings:follow-up-board")
    context = {"form": form, "body": follow_up.body, "follow_up": follow_up, "saved": saved}
    return render(request, "meetings/follow_up_form.html", context, status=status)


# ---------------------------------------------------------------------------------------
# Minutes


def _minutes_initial(parts: dict[str, Any]) -> dict[str, Any]:
    minutes = parts["minutes"]
    initial: dict[str, Any] = {
        "version": minutes.version if minutes else 1,
        "notes": minutes.notes if minutes else "",
    }
    for item in parts["items"]:
        initial[f"discussion_{item.pk}"] = item.discussion
    return initial


@login_required
def minutes_edit(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting_to_prepare(request, pk)
    parts = selectors.minutes_parts(meeting, internal=True)
    items = parts["items"]
    form = MinutesForm(request.POST or None, items=items, initial=_minutes_initial(parts))
    conflict = False
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                minutes = parts["minutes"] or services.minutes_start(
                    actor=request.user, meeting=meeting
                )
                services.minutes_save(
                    actor=request.user,
                    minutes=minutes,
                    version=form.cleaned_data["version"],
                    notes=form.cleaned_data["notes"],
                    discussions=form.discussions(),
                )
            except ConcurrentEditError as error:
                # Show what is saved now beside what this person typed, which stays.
                parts = selectors.minutes_parts(meeting, internal=True)
                data = request.POST.copy()
                data["version"] = str(parts["minutes"].version)
                form = MinutesForm(data, items=parts["items"])
                form.is_valid()
                _add_errors(form, error)
                conflict, status = True, 409
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, _("The minutes were saved."))
                return redirect("meetings:minutes-detail", pk=meeting.pk)
    rows = [(item, form[form.item_fields[item.pk]]) for item in parts["items"]]
    context = {**parts, "form": form, "rows": rows, "conflict": conflict}
    return render(request, "meetings/minutes_edit.html", context, status=status)


def _readable_minutes(request: HttpRequest, pk: int) -> tuple[Meeting, Minutes]:
    meeting = selectors.meeting_get(user=request.user, pk=pk)
    minutes = selectors.minutes_of(meeting)
    if minutes is None or not permissions.can_see_minutes(request.user, minutes):
        raise Http404
    return meeting, minutes


def minutes_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting, minutes = _readable_minutes(request, pk)
    user = request.user
    internal = permissions.can_see_internal(user, meeting)
    person_id = permissions.person_id_of(user)
    approved_by_me = any(a.person_id == person_id for a in minutes.approvals.all())
    context = {
        **selectors.minutes_parts(meeting, internal=internal),
        "internal": internal,
        "can_prepare": permissions.can_prepare(user, meeting.body),
        "can_approve": not approved_by_me and permissions.can_approve_minutes(user, minutes),
        "approved_by_me": approved_by_me,
    }
    return render(request, "meetings/minutes_detail.html", context)


@login_required
@require_POST
def minutes_approve(request: HttpRequest, pk: int) -> HttpResponse:
    meeting, minutes = _readable_minutes(request, pk)
    if not permissions.can_approve_minutes(request.user, minutes):
        raise PermissionDenied
    try:
        services.minutes_approve(actor=request.user, minutes=minutes, version=_version(request))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("You approved the minutes."))
    return redirect("meetings:minutes-detail", pk=meeting.pk)


@login_required
@require_POST
def minutes_publish(request: HttpRequest, pk: int) -> HttpResponse:
    meeting, minutes = _readable_minutes(request, pk)
    if not permissions.can_prepare(request.user, meeting.body):
        raise PermissionDenied
    try:
        services.minutes_publish(actor=request.user, minutes=minutes, version=_version(request))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The minutes were published."))
    return redirect("meetings:minutes-detail", pk=meeting.pk)
