"""The versioned write: how every service changes an editable row.

Editable models carry a ``version`` integer. A form sends the version it showed; the change
is made only if nobody saved in between, so no edit is silently overwritten. The row is
locked for the transaction (``select_for_update``), so two edits of one row happen one
after the other and the second one sees the first one's version. The audit record is
written in the same transaction, which is why this lives beside it.
"""

from __future__ import annotations

import copy
from collections.abc import Collection, Iterator, Mapping
from contextlib import contextmanager
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from trepart.audit.services import audit_delete, audit_update, snapshot

M = TypeVar("M", bound=models.Model)


class ConcurrentEditError(ValidationError):
    """Someone saved the row after the user opened it: their change is refused, not merged."""

    def __init__(self) -> None:
        super().__init__(
            _(
                "Someone else saved this while you were editing. Your changes are kept in the "
                "form: compare them with the current version and save again."
            ),
            code="concurrent_edit",
        )


def row_lock(instance: M, *, version: int | None) -> M:
    """The row, locked for this transaction, refused if it is no longer at ``version``.

    For a step that must see the row as it is, or change rows that hang off it, without
    changing the row itself; a change to the row goes through ``versioned_edit``.
    """
    row = type(instance)._default_manager.select_for_update().get(pk=instance.pk)
    if version is not None and row.version != version:  # type: ignore[attr-defined]
        raise ConcurrentEditError()
    return row


def _values(row: models.Model) -> dict[str, Any]:
    # Copies, so a list or dict changed in place still counts as changed.
    return {
        field.name: copy.deepcopy(getattr(row, field.attname))
        for field in row._meta.concrete_fields
        if not field.primary_key and field.name != "version"
    }


def _validate(row: models.Model, *, changed: Collection[str], exclude: Collection[str]) -> None:
    """Like ``full_clean``, but only the changed fields' own checks: the others were checked
    when they were saved, and checking a foreign key costs a query. The model's ``clean``,
    its unique checks and its constraints always run, as they span fields."""
    skipped = {f.name for f in row._meta.concrete_fields if f.name not in changed} | set(exclude)
    errors: dict[str, Any] = {}
    try:
        row.clean_fields(exclude=skipped)
    except ValidationError as error:
        errors = error.update_error_dict(errors)
    try:
        row.clean()
    except ValidationError as error:
        errors = error.update_error_dict(errors)
    spared = set(exclude) | set(errors)
    for check in (row.validate_unique, row.validate_constraints):
        try:
            check(exclude=spared)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
    if errors:
        raise ValidationError(errors)


@contextmanager
def versioned_edit(
    instance: M,
    *,
    actor: Any,
    version: int | None,
    changes: Mapping[str, Any] | None = None,
    exclude: Collection[str] = (),
) -> Iterator[M]:
    """Change ``instance``'s row if it is still at ``version``; yields the locked row.

    ``changes`` are set on the row before the block runs; the block may check the row's
    state and change more. On leaving the block the changed fields are validated (except
    ``exclude``, which the service checked itself), saved with the next version, and the
    audit record is written. An error in the block or in validation undoes everything.
    ``version=None`` locks without a check: a system step, or a row the caller checked.
    The caller's ``instance`` is left as it was; the yielded row is the saved one.
    """
    with transaction.atomic():
        row = row_lock(instance, version=version)
        before = snapshot(row)
        stored = _values(row)
        for name, value in (changes or {}).items():
            setattr(row, name, value)
        yield row
        changed = [name for name, value in _values(row).items() if value != stored[name]]
        if changed:
            _validate(row, changed=changed, exclude=exclude)
        row.version += 1  # type: ignore[attr-defined]
        # A changed row's save-time stamps (auto_now) move too; a step that only counts a
        # version (rows hanging off this one changed) leaves them.
        stamped = [
            f.name for f in row._meta.concrete_fields if changed and getattr(f, "auto_now", False)
        ]
        row.save(update_fields=list(dict.fromkeys([*changed, *stamped, "version"])))
        audit_update(actor=actor, instance=row, before=before)


def versioned_delete(instance: models.Model, *, actor: Any, version: int | None) -> None:
    """Delete ``instance``'s row if it is still at ``version``, recording what it held."""
    with transaction.atomic():
        row = row_lock(instance, version=version)
        audit_delete(actor=actor, instance=row)
        row.delete()
