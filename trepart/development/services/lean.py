"""The Lean improvement board: employees of the units involved put up problems and ideas;
the project group gives each an owner, takes it round plan–do–study–act, and records the
effect it measured."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from trepart.audit.services import audit_create
from trepart.audit.writes import versioned_edit
from trepart.development import privacy
from trepart.development.models import Improvement, Project, ProjectKind
from trepart.organisation.models import Person, Unit

STEP_ORDER = list(Improvement.Step.values)

IMPROVEMENT_EDITABLE = frozenset(
    {
        "kind",
        "title",
        "description",
        "unit",
        "owner",
        "step",
        "hours_saved_per_month",
        "errors_avoided_per_month",
        "waiting_days_avoided",
    }
)


def _check(card: Improvement) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if card.kind not in Improvement.Kind.values:
        errors["kind"] = [_("Say whether this is a problem or an idea.")]
    if not card.title.strip():
        errors["title"] = [_("Give the problem or idea a short title.")]
    if card.step not in STEP_ORDER:
        errors["step"] = [_("Choose a step of the cycle.")]
    for name in ("hours_saved_per_month", "waiting_days_avoided"):
        value = getattr(card, name)
        if value is not None and Decimal(value) < 0:
            errors[name] = [_("An effect is measured as zero or more.")]
    project = card.project
    for related in (card.unit, card.owner):
        if related is not None and related.municipality_id != project.municipality_id:
            raise ValidationError(_("That belongs to another municipality."))
    return errors


@transaction.atomic
def improvement_add(
    *,
    actor: Any,
    project: Project,
    kind: str,
    title: str,
    description: str = "",
    unit: Unit | None = None,
    owner: Person | None = None,
) -> Improvement:
    """Put a problem or idea on a Lean project's board, at the plan step."""
    if project.kind != ProjectKind.LEAN:
        raise ValidationError(_("Only a Lean project has an improvement board."))
    if not privacy.can_suggest(actor, project):
        raise PermissionDenied
    if unit is None:
        unit = getattr(getattr(actor, "person", None), "unit", None)
    card = Improvement(
        project=project,
        kind=kind,
        title=title.strip(),
        description=description.strip(),
        unit=unit,
        owner=owner,
        created_by=actor,
    )
    errors = _check(card)
    if errors:
        raise ValidationError(errors)
    card.save()
    audit_create(actor=actor, instance=card)
    return card


@transaction.atomic
def improvement_update(
    *, actor: Any, improvement: Improvement, version: int, **fields: Any
) -> Improvement:
    """The group edits a card: owner, step, effect …; refused if saved since ``version``."""
    if not privacy.can_work(actor, improvement.project):
        raise PermissionDenied
    unknown = set(fields) - IMPROVEMENT_EDITABLE
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    with versioned_edit(improvement, actor=actor, version=version, changes=fields) as current:
        errors = _check(current)
        if errors:
            raise ValidationError(errors)
        current.title = current.title.strip()
        current.description = current.description.strip()
    return current


def improvement_advance(*, actor: Any, improvement: Improvement, version: int) -> Improvement:
    """Move a card to the cycle's next step (plan → do → study → act → done)."""
    if improvement.step == Improvement.Step.DONE:
        raise ValidationError(_("This improvement is already done."))
    following = STEP_ORDER[STEP_ORDER.index(improvement.step) + 1]
    return improvement_update(actor=actor, improvement=improvement, version=version, step=following)
