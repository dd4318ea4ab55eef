"""Reading the audit trail: a municipality's entries, and their changes in words."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import connection, models
from django.db.models import Q, QuerySet
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
    entries = AuditEntry.objects.filter(municipality_id=user.municipality_id).select_related(
        "actor"
    )
    if object_type:
        entries = entries.filter(object_type=object_type)
    if text:
        entries = entries.filter(object_repr__icontains=text)
    return entries.order_by("-at", "-id")


def audit_object_types(*, municipality_id: int) -> list[tuple[str, str]]:
    """The kinds of object the municipality's trail mentions, as (label, name) by name."""
    labels = (
        AuditEntry.objects.filter(municipality_id=municipality_id)
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
        return names.get((municipality_id, related, str(value)), f"#{value}")
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if field is not None and field.choices:
        return str(dict(field.flatchoices).get(value, value))
    return str(value)
