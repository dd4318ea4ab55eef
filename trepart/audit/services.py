"""Writing the audit trail. Every service that changes organisation data calls this."""

from __future__ import annotations

import datetime
import decimal
from collections.abc import Iterable
from typing import Any

from django.db import models
from django.db.models.fields.files import FieldFile

from trepart.audit.models import AuditEntry

# Secrets and contact details a proposer may keep from everyone outside the handling body.
SKIPPED_FIELDS = {
    "version",
    "password",
    "token_hash",
    "open_token_hash",
    "tracking_code",
    "proposer_name",
    "proposer_email",
}


def _plain(value: Any) -> Any:
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, FieldFile):
        return value.name
    if isinstance(value, datetime.datetime | datetime.date | decimal.Decimal):
        return str(value)
    return value


def snapshot(instance: models.Model) -> dict[str, Any]:
    """The instance's concrete field values, by attribute name, as JSON-friendly values."""
    return {
        field.attname: _plain(getattr(instance, field.attname))
        for field in instance._meta.concrete_fields
        if field.attname not in SKIPPED_FIELDS and not field.primary_key
    }


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """Changed fields as ``{field: [old, new]}``."""
    keys = before.keys() | after.keys()
    return {
        key: [before.get(key), after.get(key)]
        for key in sorted(keys)
        if before.get(key) != after.get(key)
    }


def municipality_of(instance: models.Model) -> int | None:
    """The tenant an object belongs to: itself, its own column, or its parent's."""
    if instance._meta.label == "organisation.Municipality":
        return instance.pk
    if hasattr(instance, "municipality_id"):
        return instance.municipality_id
    for field in instance._meta.concrete_fields:
        if field.is_relation and hasattr(field.related_model, "municipality"):
            return getattr(getattr(instance, field.name), "municipality_id", None)
    return None


def _entry(
    *, actor: Any, instance: models.Model, action: str, changes: dict[str, Any]
) -> AuditEntry:
    municipality_id = municipality_of(instance)
    if municipality_id is None:
        raise ValueError(f"{instance!r} belongs to no municipality; nowhere to audit it")
    user = actor if actor is not None and actor.is_authenticated else None
    return AuditEntry(
        municipality_id=municipality_id,
        actor=user,
        actor_name=user.get_username() if user else "system",
        action=action,
        object_type=instance._meta.label,
        object_id=str(instance.pk),
        object_repr=str(instance)[:200],
        changes=changes,
    )


def _save(entry: AuditEntry) -> AuditEntry:
    entry.save(force_insert=True)
    return entry


def audit_create(*, actor: Any, instance: models.Model) -> AuditEntry:
    """Record that ``instance`` was created, with all its values."""
    changes = {key: [None, value] for key, value in snapshot(instance).items()}
    return _save(
        _entry(actor=actor, instance=instance, action=AuditEntry.Action.CREATE, changes=changes)
    )


def audit_update(
    *, actor: Any, instance: models.Model, before: dict[str, Any]
) -> AuditEntry | None:
    """Record what changed since ``before`` (a ``snapshot``); nothing if nothing changed."""
    changes = diff(before, snapshot(instance))
    if not changes:
        return None
    return _save(
        _entry(actor=actor, instance=instance, action=AuditEntry.Action.UPDATE, changes=changes)
    )


def audit_delete(*, actor: Any, instance: models.Model) -> AuditEntry:
    """Record a deletion, keeping the values the object had. Call before deleting."""
    changes = {key: [value, None] for key, value in snapshot(instance).items()}
    return _save(
        _entry(actor=actor, instance=instance, action=AuditEntry.Action.DELETE, changes=changes)
    )


def audit_update_many(
    *, actor: Any, changes: Iterable[tuple[models.Model, dict[str, Any]]]
) -> None:
    """Record many updates at once, each with its ``{field: [old, new]}`` changes."""
    AuditEntry.objects.bulk_create(
        [
            _entry(actor=actor, instance=instance, action=AuditEntry.Action.UPDATE, changes=diff)
            for instance, diff in changes
        ],
        batch_size=1000,
    )


def audit_create_many(*, actor: Any, instances: Iterable[models.Model]) -> None:
    """Record many creations at once (imports, structure templates)."""
    entries = []
    for instance in instances:
        changes = {key: [None, value] for key, value in snapshot(instance).items()}
        entries.append(
            _entry(actor=actor, instance=instance, action=AuditEntry.Action.CREATE, changes=changes)
        )
    AuditEntry.objects.bulk_create(entries, batch_size=1000)
