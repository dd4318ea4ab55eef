"""Enrolment from a list: a CSV file with one person a row (their id in Trepart, their
external id or their e-mail). Every row is checked first; if one is bad nothing is written,
and each bad row's problem is told. A good list is enrolled in the order of its rows, past
capacity onto the waiting list."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from trepart.organisation.models import Person
from trepart.training import privacy
from trepart.training.models import CourseRun, Enrolment
from trepart.training.services.enrolment import check_enrolable, enrolment_create

COLUMN = "person"
MAX_ROWS = 5000


@dataclass
class ImportResult:
    errors: list[tuple[int, str]] = field(default_factory=list)  # (line, message)
    enrolled: int = 0
    waiting: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors


def _rows(data: bytes) -> list[tuple[int, str]]:
    if b"\x00" in data:
        raise ValidationError(_("The file is not a CSV text file."))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValidationError(_("The file is not saved as UTF-8 text.")) from error
    dialect = csv.excel
    first = text.split("\n", 1)[0]
    if ";" in first:
        dialect = csv.excel
        reader = csv.reader(io.StringIO(text), delimiter=";")
    else:
        reader = csv.reader(io.StringIO(text), dialect=dialect)
    lines = list(reader)
    if not lines or [cell.strip().lower() for cell in lines[0]][:1] != [COLUMN]:
        raise ValidationError(
            _("The first line must be the heading “%(column)s”.") % {"column": COLUMN}
        )
    if len(lines) - 1 > MAX_ROWS:
        raise ValidationError(_("At most %(count)s rows at a time.") % {"count": MAX_ROWS})
    return [
        (number, (cells[0] if cells else "").strip())
        for number, cells in enumerate(lines[1:], start=2)
        if any(cell.strip() for cell in cells)
    ]


def _find(municipality_id: int, values: list[str]) -> dict[str, Person]:
    """Everyone the rows name, in one query."""
    ids = [int(value) for value in values if value.isdigit()]
    emails = [value.lower() for value in values if "@" in value]
    others = [value for value in values if not value.isdigit() and "@" not in value]
    rows = Person.objects.filter(municipality_id=municipality_id).filter(
        Q(pk__in=ids)
        | Q(email__in=emails)
        | Q(external_id__in=others)
        | Q(external_id__in=[str(i) for i in ids])
    )
    found: dict[str, Person] = {}
    for person in rows:
        found.setdefault(str(person.pk), person)
        if person.email:
            found.setdefault(person.email.lower(), person)
        if person.external_id:
            found.setdefault(person.external_id, person)
    return found


def enrolment_import(*, actor: Any, run: CourseRun, data: bytes) -> ImportResult:
    """Check every row, then enrol everyone or no one."""
    result = ImportResult()
    try:
        rows = _rows(data)
    except ValidationError as error:
        result.errors.append((1, " ".join(error.messages)))
        return result
    found = _find(
        run.municipality_id, [value.lower() if "@" in value else value for _n, value in rows]
    )
    live = set(
        Enrolment.objects.filter(run=run)
        .exclude(status=Enrolment.Status.CANCELLED)
        .values_list("person_id", flat=True)
    )
    chosen: list[Person] = []
    seen: dict[int, int] = {}
    for number, value in rows:
        person = found.get(value.lower() if "@" in value else value)
        if person is None:
            result.errors.append(
                (number, _("No person “%(value)s” in the municipality.") % {"value": value})
            )
            continue
        if person.pk in seen:
            result.errors.append(
                (
                    number,
                    _("%(person)s is already on line %(line)s.")
                    % {"person": person, "line": seen[person.pk]},
                )
            )
            continue
        seen[person.pk] = number
        if not privacy.can_enrol(actor, person):
            result.errors.append((number, _("You may not enrol %(person)s.") % {"person": person}))
            continue
        if person.pk in live:
            result.errors.append(
                (number, _("%(person)s is already enrolled on this run.") % {"person": person})
            )
            continue
        try:
            check_enrolable(run=run, person=person)
        except ValidationError as error:
            result.errors.append((number, " ".join(error.messages)))
            continue
        chosen.append(person)
    if result.errors:
        return result
    with transaction.atomic():
        for person in chosen:
            enrolment = enrolment_create(
                actor=actor, run=run, person=person, way=Enrolment.Way.LIST
            )
            if enrolment.status == Enrolment.Status.WAITING:
                result.waiting += 1
            else:
                result.enrolled += 1
    return result
