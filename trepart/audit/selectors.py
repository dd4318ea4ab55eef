"""Reading the audit trail: a municipality's entries, and their changes in words."""

from __future__ import annotations

import decimal
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import connection, models
from django.db.models import Q, QuerySet
from django.utils import formats, timezone
from django.utils.dateparse import parse_date, parse_datetime, parse_time
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from trepart.audit.models import AuditEntry


def latest_entry_id(*, municipality_id: int) -> int:
    """The newest audit entry's id: it changes whenever the municipality's data does.

    Every service, admin edit and import writes an entry, so this works as a version of
    the municipality's organisation data for caches.
    """
    # Plain SQL: the public meeting page asks this on every visit, and building the
    # query through the ORM took longer than running it (the index answers at once).
    table = AuditEntry._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id FROM {table} WHERE municipality_id = %s ORDER BY id DESC LIMIT 1",  # noqa: S608
            [municipality_id],
        )
        row = cursor.fetchone()
    newest = row[0] if row else None
    return newest or 0


def audit_entries_for(*, user: Any, object_type: str = "", text: str = "") -> QuerySet[AuditEntry]:
    """The user's municipality's entries, newest first, optionally filtered."""
    entries = AuditEntry.objects.for_user(user).select_related("actor")
    if object_type:
        entries = entries.filter(object_type=object_type)
    if text:
        entries = entries.filter(object_repr__icontains=text)
    return entries.order_by("-at", "-id")


def audit_object_types(*, user: Any) -> list[tuple[str, str]]:
    """The kinds of object the municipality's trail mentions, as (label, name) by name."""
    labels = (
        AuditEntry.objects.for_user(user)
        .order_by()
        .values_list("object_type", flat=True)
        .distinct()
    )
    return sorted(((label, type_name(label)) for label in labels), key=lambda pair: pair[1])


def _model(label: str) -> type[models.Model] | None:
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        return None


def type_name(label: str) -> str:
    model = _model(label)
    return capfirst(str(model._meta.verbose_name)) if model else label


# Every entry on the page is the user's own municipality's: saying so on each is noise.
HIDDEN_FIELDS = {"municipality_id"}


@dataclass(frozen=True)
class Change:
    field: str
    old: str
    new: str


@dataclass(frozen=True)
class EntryRow:
    entry: AuditEntry
    type_name: str
    changes: list[Change]


def _field(model: type[models.Model] | None, attname: str) -> models.Field[Any, Any] | None:
    if model is None:
        return None
    try:
        field = model._meta.get_field(attname)
    except FieldDoesNotExist:
        return None
    return field if isinstance(field, models.Field) else None


def _related_label(field: models.Field[Any, Any] | None) -> str | None:
    """For a foreign key, the label of the model it points to (as audit entries name it)."""
    if field is None or not field.is_relation:
        return None
    related = field.related_model
    return related._meta.label if isinstance(related, type) else None


def audit_entry_rows(entries: Sequence[AuditEntry]) -> list[EntryRow]:
    """Entries with their changes in words: field labels, choice labels, related objects' names.

    Related objects are named as the trail last recorded them — one query for the whole
    page, whatever the models, and a deleted object keeps its name.
    """
    wanted: dict[tuple[int, str], set[str]] = {}
    for entry in entries:
        model = _model(entry.object_type)
        for attname, values in entry.changes.items():
            related = _related_label(_field(model, attname))
            if related:
                key = (entry.municipality_id, related)
                wanted.setdefault(key, set()).update(str(v) for v in values if v is not None)
    names = _recorded_names(wanted)

    rows = []
    for entry in entries:
        model = _model(entry.object_type)
        changes = []
        for attname, values in sorted(entry.changes.items(), key=_field_order(model)):
            if attname in HIDDEN_FIELDS:
                continue
            old, new = values
            field = _field(model, attname)
            label = capfirst(str(field.verbose_name)) if field is not None else attname
            changes.append(
                Change(
                    field=label,
                    old=_shown(field, old, entry.municipality_id, names),
                    new=_shown(field, new, entry.municipality_id, names),
                )
            )
        rows.append(EntryRow(entry=entry, type_name=type_name(entry.object_type), changes=changes))
    return rows


def _field_order(model: type[models.Model] | None) -> Any:
    """Changes in the order the model declares its fields, unknown ones last by name."""
    position = (
        {field.attname: i for i, field in enumerate(model._meta.concrete_fields)} if model else {}
    )
    return lambda item: (position.get(item[0], len(position)), item[0])


def _recorded_names(wanted: dict[tuple[int, str], set[str]]) -> dict[tuple[int, str, str], str]:
    if not wanted:
        return {}
    condition = Q()
    for (municipality_id, label), ids in wanted.items():
        condition |= Q(municipality_id=municipality_id, object_type=label, object_id__in=ids)
    names: dict[tuple[int, str, str], str] = {}
    # Oldest first, so the latest name recorded for an object is the one kept.
    recorded = (
        AuditEntry.objects.filter(condition)
        .order_by("at", "id")
        .values_list("municipality_id", "object_type", "object_id", "object_repr")
    )
    for municipality_id, label, object_id, name in recorded:
        names[(municipality_id, label, object_id)] = name
    # Objects made before the trail began, or by imports that record nothing, are named
    # as they are now: one query per kind of object, never one per entry.
    for (municipality_id, label), ids in wanted.items():
        missing = [i for i in ids if (municipality_id, label, i) not in names]
        model = _model(label)
        if not missing or model is None:
            continue
        try:
            found = model._default_manager.filter(pk__in=missing)
            if any(f.attname == "municipality_id" for f in model._meta.concrete_fields):
                found = found.filter(municipality_id=municipality_id)
            for obj in found:
                names[(municipality_id, label, str(obj.pk))] = str(obj)
        except (ValueError, TypeError):
            continue
    return names


def _shown(
    field: models.Field[Any, Any] | None,
    value: Any,
    municipality_id: int,
    names: dict[tuple[int, str, str], str],
) -> str:
    if value is None or value == "":
        return "–"
    related = _related_label(field)
    if related:
        return names.get((municipality_id, related, str(value)), _("(removed)"))
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if field is not None and field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, list | dict):
        return _structured(value, _item_labels(field))
    if isinstance(field, models.DateTimeField | models.DateField | models.TimeField):
        return _moment(field, value)
    if isinstance(field, models.DecimalField | models.FloatField):
        return _number(value)
    return str(value)


# Long values (a frozen report, a snapshot) are cut here: the page is a trail, not a copy.
LONGEST_VALUE = 300


def _item_labels(field: models.Field[Any, Any] | None) -> dict[Any, str]:
    """Labels for the items of a list field, when its model names their choices."""
    if field is None:
        return {}
    labels = getattr(field.model, "audit_item_choices", {}).get(field.attname, ())
    return {value: str(label) for value, label in labels}


def _structured(value: Any, labels: dict[Any, str]) -> str:
    """A list or mapping in words: items joined by commas, keys before their values."""

    def words(item: Any) -> str:
        if item is None or item == "":
            return "–"
        if isinstance(item, bool):
            return _("yes") if item else _("no")
        if isinstance(item, list):
            return ", ".join(words(part) for part in item)
        if isinstance(item, dict):
            return "; ".join(
                f"{capfirst(str(key).replace('_', ' '))}: {words(part)}"
                for key, part in item.items()
            )
        return labels.get(item, str(item))

    text = words(value) if value else "–"
    return text if len(text) <= LONGEST_VALUE else text[: LONGEST_VALUE - 1] + "…"


def _moment(field: models.Field[Any, Any], value: Any) -> str:
    """A recorded date or time (ISO text in the trail) as the reader writes dates."""
    text = str(value)
    if isinstance(field, models.DateTimeField):
        moment = parse_datetime(text)
        if moment is None:
            return text
        if timezone.is_aware(moment):
            moment = timezone.localtime(moment)
        return formats.date_format(moment, "SHORT_DATETIME_FORMAT")
    if isinstance(field, models.DateField):
        day = parse_date(text)
        return formats.date_format(day, "SHORT_DATE_FORMAT") if day else text
    time = parse_time(text)
    return formats.time_format(time, "TIME_FORMAT") if time else text


def _number(value: Any) -> str:
    try:
        return formats.number_format(decimal.Decimal(str(value)), use_l10n=True)
    except decimal.InvalidOperation:
        return str(value)
