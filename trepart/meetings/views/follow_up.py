"""After the meeting: follow-up actions and the board that tracks them to done."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from trepart.audit.writes import ConcurrentEditError
from trepart.meetings import permissions, privacy, selectors, services
from trepart.meetings.forms.follow_up import (
    FollowUpCreateForm,
    FollowUpEditForm,
    FollowUpFilterForm,
)
from trepart.meetings.models import AgendaItem, FollowUp
from trepart.meetings.views._common import (
    add_form_errors,
    person_in,
    user_municipality,
)
from trepart.organisation import selectors as organisation_selectors
from trepart.organisation.models import Body
from trepart.platform.pagination import paginate

# The board shows the most pressing actions of each column, as many as fit on a screen;
# "show all" pages through the rest.
COLUMN_CAP = 10


@login_required
def follow_up_board(request: HttpRequest) -> HttpResponse:
    user = user_municipality(request)
    form = FollowUpFilterForm(request.GET or None, user=user)
    data = form.cleaned_data if form.is_valid() else {}
    person_id = permissions.person_id_of(user)
    owner_id = (person_id or 0) if data.get("mine") else None
    rows = selectors.follow_up_rows(user=user, body_id=data.get("body"), owner_id=owner_id)
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
    """One action as the reader may see it (``privacy.follow_up_for``), with its flags."""
    internal = action.item is not None and reach.internal(action.item.meeting)
    return {
        "action": privacy.follow_up_for(action, internal=internal, reader_person_id=person_id),
        "overdue": action.status in ("OPEN", "IN_PROGRESS")
        and action.due_on < organisation_selectors.today(),
        "editable": reach.admin or action.body_id in reach.prepares or action.owner_id == person_id,
    }


@login_required
def follow_up_create(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_municipality(request)
    body = Body.objects.for_user(user).filter(pk=pk).first()
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
                    owner=person_in(user.municipality_id, data["owner"]),
                    due_on=data["due_on"],
                    item=item,
                )
            except ValidationError as error:
                add_form_errors(form, error)
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
    user = user_municipality(request)
    follow_up = (
        FollowUp.objects.select_related("body", "owner", "item__meeting__body")
        .for_user(user)
        .filter(pk=pk)
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
                    owner=person_in(user.municipality_id, data["owner"]),
                )
            except ConcurrentEditError as conflict:
                saved = FollowUp.objects.select_related("owner").get(pk=follow_up.pk)
                post = request.POST.copy()
                post["version"] = str(saved.version)
                form = FollowUpEditForm(post, **extra)
                form.is_valid()
                add_form_errors(form, conflict)
                status = 409
            except ValidationError as error:
                add_form_errors(form, error)
            else:
                messages.success(request, _("The follow-up action was saved."))
                return redirect("meetings:follow-up-board")
    # The owner edits the action, yet reads its item as anyone outside the meeting would.
    item = follow_up.item
    case = (
        None
        if item is None
        else privacy.item_heading(item, internal=permissions.can_see_internal(user, item.meeting))
    )
    context = {
        "form": form,
        "body": follow_up.body,
        "follow_up": follow_up,
        "case": case,
        "saved": saved,
    }
    return render(request, "meetings/follow_up_form.html", context, status=status)
