"""Grants: the municipality's amount and deadline per year, each committee's grant with its
plan, spending (with receipts checked by content; a line may be removed before approval)
and report, the contact person's approval, and the daily reminder to committees whose
report is past its deadline."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from functools import partial
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from trepart.audit.services import audit_create, audit_delete
from trepart.audit.writes import row_lock, versioned_edit
from trepart.community import privacy
from trepart.community.amounts import kroner
from trepart.community.models import Committee, Grant, GrantYear, Receipt, Spending
from trepart.community.models.grants import DEFAULT_GRANT, default_deadline
from trepart.organisation.models import Membership
from trepart.organisation.selectors import active_q, today
from trepart.platform.files.content import FileKind, uploads_check
from trepart.platform.mail import queue, reader_language
from trepart.platform.urls import absolute_url

RECEIPT_KINDS = (FileKind.PDF, FileKind.IMAGE)
MAX_RECEIPTS = 5
REMIND_EVERY_DAYS = 7
EMAIL_FOLDER = "community/email"


def grant_year_set(
    *,
    actor: Any,
    year: int,
    default_amount: int,
    report_deadline: datetime.date,
    version: int | None = None,
) -> GrantYear:
    """Set what each committee is granted for ``year`` and when the report is due."""
    if not privacy.can_manage(actor):
        raise PermissionDenied
    if report_deadline.year < year:
        raise ValidationError(
            {"report_deadline": [_("The report cannot be due before the year has begun.")]}
        )
    row = GrantYear.objects.filter(municipality_id=actor.municipality_id, year=year).first()
    changes = {"default_amount": default_amount, "report_deadline": report_deadline}
    if row is None:
        with transaction.atomic():
            row = GrantYear.objects.create(
                municipality_id=actor.municipality_id, year=year, **changes
            )
            audit_create(actor=actor, instance=row)
        return row
    with versioned_edit(row, actor=actor, version=version, changes=changes) as current:
        pass
    return current


def grant_ensure(*, committee: Committee, year: int) -> Grant:
    """The committee's grant for ``year``, made from the year's setting (or the default
    50,000 kr, due 1 February the year after) the first time it is asked for."""
    existing = Grant.objects.filter(committee=committee, year=year).first()
    if existing is not None:
        return existing
    setting = GrantYear.objects.filter(municipality_id=committee.municipality_id, year=year).first()
    grant, made = Grant.objects.get_or_create(
        committee=committee,
        year=year,
        defaults={
            "municipality_id": committee.municipality_id,
            "amount": setting.default_amount if setting else DEFAULT_GRANT,
            "report_deadline": setting.report_deadline if setting else default_deadline(year),
        },
    )
    if made:
        # A system step: the year's grant appears in the public figures, so it is audited.
        audit_create(actor=None, instance=grant)
    return grant


def _reporter(actor: Any, grant: Grant) -> None:
    if not privacy.can_report(actor, grant.committee):
        raise PermissionDenied


def grant_plan_save(*, actor: Any, grant: Grant, version: int, plan: str) -> Grant:
    """The committee's plan for the money."""
    _reporter(actor, grant)
    with versioned_edit(grant, actor=actor, version=version, changes={"plan": plan.strip()}) as row:
        if row.approved_on is not None:
            raise ValidationError(_("The report is approved; the grant can no longer be changed."))
    return row


@transaction.atomic
def spending_add(
    *,
    actor: Any,
    grant: Grant,
    spent_on: datetime.date,
    what: str,
    amount: int,
    receipts: Sequence[Any] = (),
) -> Spending:
    """Record money spent, with its receipts. Refused, with nothing saved, if it is more
    than the balance, or if a receipt is not the PDF or image it claims to be."""
    _reporter(actor, grant)
    errors: dict[str, list[str]] = {}
    if not what.strip():
        errors["what"] = [_("Say what the money was spent on.")]
    if amount is None or amount < 1:
        errors["amount"] = [_("The amount must be at least 1 kr.")]
    if spent_on > today():
        errors["spent_on"] = [_("Spending cannot be dated in the future.")]
    checked = []
    try:
        checked = uploads_check(list(receipts), kinds=RECEIPT_KINDS, max_files=MAX_RECEIPTS)
    except ValidationError as error:
        errors["receipts"] = error.messages
    if errors:
        raise ValidationError(errors)
    row = row_lock(grant, version=None)
    if row.approved_on is not None:
        raise ValidationError(_("The report is approved; the grant can no longer be changed."))
    if amount > row.balance:
        raise ValidationError(
            {
                "amount": [
                    _("%(amount)s is more than the balance of %(balance)s; nothing was saved.")
                    % {"amount": kroner(amount), "balance": kroner(row.balance)}
                ]
            }
        )
    spending = Spending.objects.create(
        municipality_id=row.municipality_id,
        grant=row,
        spent_on=spent_on,
        what=what.strip(),
        amount=amount,
        registered_by=actor,
    )
    for item in checked:
        receipt = Receipt(municipality_id=row.municipality_id, spending=spending)
        receipt.store(item)
        receipt.save()
    row.spent += amount
    row.save(update_fields=["spent"])
    grant.spent = row.spent
    audit_create(actor=actor, instance=spending)
    return spending


@transaction.atomic
def spending_delete(*, actor: Any, spending: Spending) -> Grant:
    """Remove a spending line recorded by mistake, with its receipts, while the grant is not
    approved; the amount returns to the balance. The receipts' files are removed from
    storage once the removal is committed. Returns the grant as it now stands."""
    _reporter(actor, spending.grant)
    row = row_lock(spending.grant, version=None)
    if row.approved_on is not None:
        raise ValidationError(_("The report is approved; the grant can no longer be changed."))
    current = Spending.objects.select_for_update().filter(pk=spending.pk, grant=row).first()
    if current is None:
        raise ValidationError(_("This spending line was already removed."))
    files = [(r.file.storage, r.file.name) for r in current.receipts.all() if r.file.name]
    audit_delete(actor=actor, instance=current)
    current.delete()
    row.spent -= current.amount
    row.save(update_fields=["spent"])
    for storage, name in files:
        transaction.on_commit(partial(storage.delete, name))
    return row


def grant_report_submit(*, actor: Any, grant: Grant, version: int, report: str) -> Grant:
    """The committee's report on the year: what the money did."""
    _reporter(actor, grant)
    if len(report.strip()) < 10:
        raise ValidationError({"report": [_("Write a few sentences on what the money did.")]})
    changes = {"report": report.strip(), "reported_on": today()}
    with versioned_edit(grant, actor=actor, version=version, changes=changes) as row:
        if row.approved_on is not None:
            raise ValidationError(_("The report is approved; the grant can no longer be changed."))
    return row


def grant_approve(*, actor: Any, grant: Grant, version: int) -> Grant:
    """The contact person in the administration approves the report."""
    if not privacy.can_approve(actor, grant):
        raise PermissionDenied
    changes = {"approved_on": today(), "approved_by": privacy.person_of(actor)}
    with versioned_edit(grant, actor=actor, version=version, changes=changes) as row:
        if grant.reported_on is None and row.reported_on is None:
            raise ValidationError(_("The committee has not sent its report yet."))
        if grant.approved_on is not None:
            raise ValidationError(_("The report is already approved."))
    return row


def _recipients(committee: Committee, day: datetime.date) -> list[Membership]:
    seats = Membership.objects.filter(active_q(day), body_id=committee.body_id).select_related(
        "person__user"
    )
    return [seat for seat in seats if seat.person.email]


def grant_reports_remind(day: datetime.date) -> dict[str, int]:
    """The daily duty: remind each committee whose report is past its deadline (and again a
    week later while it is still missing); e-mail goes after the commit."""
    counts = {"reminded": 0, "messages": 0, "without_address": 0}
    overdue = Grant.objects.filter(
        reported_on__isnull=True, report_deadline__lt=day
    ).select_related("committee__body__municipality")
    with transaction.atomic():
        for grant in overdue.select_for_update(of=("self",)):
            if grant.reminded_on and (day - grant.reminded_on).days < REMIND_EVERY_DAYS:
                continue
            seats = _recipients(grant.committee, day)
            if not seats:
                counts["without_address"] += 1
                continue
            link = absolute_url(reverse("community:grant-detail", args=[grant.pk]))
            municipality = grant.committee.body.municipality
            for seat in seats:
                user = seat.person.user
                queue(
                    municipality_id=grant.municipality_id,
                    email=seat.person.email,
                    language=reader_language(getattr(user, "language", ""), municipality.language),
                    template="grant_report_reminder",
                    context={"grant": grant, "committee": grant.committee.body.name, "link": link},
                    folder=EMAIL_FOLDER,
                    about=grant,
                    user=user,
                )
                counts["messages"] += 1
            grant.reminded_on = day
            grant.save(update_fields=["reminded_on"])
            counts["reminded"] += 1
    return counts
