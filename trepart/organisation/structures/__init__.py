"""Structure templates: ready-made sets of bodies, kept as JSON data in this folder.

Each ``<key>.json`` describes the bodies a model municipality uses. Applying one creates
what is missing and never changes what exists, so applying it twice changes nothing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.translation import get_language

from trepart.audit.services import audit_update, snapshot
from trepart.organisation.models import Body, Municipality, Unit
from trepart.organisation.services import body_create

FOLDER = Path(__file__).resolve().parent


@dataclass(frozen=True)
class StructureTemplate:
    key: str
    names: dict[str, str]
    descriptions: dict[str, str]
    citizen_committees: bool
    bodies: tuple[dict[str, Any], ...]

    def name(self, language: str | None = None) -> str:
        return _pick(self.names, language)

    def description(self, language: str | None = None) -> str:
        return _pick(self.descriptions, language)


def _pick(texts: dict[str, str], language: str | None) -> str:
    language = (language or get_language() or "nb")[:2]
    return texts.get(language) or texts["nb"]


@cache
def structure_templates() -> dict[str, StructureTemplate]:
    templates = {}
    for path in sorted(FOLDER.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        templates[data["key"]] = StructureTemplate(
            key=data["key"],
            names=data["name"],
            descriptions=data["description"],
            citizen_committees=data.get("citizen_committees", False),
            bodies=tuple(data["bodies"]),
        )
    return templates


@dataclass
class ApplyResult:
    created: list[Body] = field(default_factory=list)
    skipped: int = 0


@transaction.atomic
def structure_template_apply(*, actor: Any, municipality: Municipality, key: str) -> ApplyResult:
    """Create the template's bodies that the municipality does not have yet."""
    template = structure_templates()[key]
    language = municipality.language
    result = ApplyResult()
    by_slot = {
        b.template_slot: b
        for b in Body.objects.filter(municipality=municipality).exclude(template_slot="")
    }
    units_with_lmu = set(
        Body.objects.filter(
            municipality=municipality, kind=Body.Kind.LMU, unit__isnull=False
        ).values_list("unit_id", flat=True)
    )
    units = list(Unit.objects.filter(municipality=municipality, kind=Unit.Kind.UNIT))

    for spec in template.bodies:
        parent = by_slot.get(f"{key}:{spec['parent']}") if spec.get("parent") else None
        targets: list[tuple[str, Unit | None]] = (
            [(f"{key}:{spec['slot']}:{unit.code}", unit) for unit in units]
            if spec.get("per_unit")
            else [(f"{key}:{spec['slot']}", None)]
        )
        for slot, unit in targets:
            if slot in by_slot or (
                unit is not None and unit.pk in units_with_lmu and spec["kind"] == Body.Kind.LMU
            ):
                result.skipped += 1
                continue
            body = body_create(
                actor=actor,
                municipality=municipality,
                name=_pick(spec["name"], language).format(unit=unit.name if unit else ""),
                kind=spec["kind"],
                parent=parent,
                unit=unit,
                mandate=_pick(spec.get("mandate", {"nb": ""}), language),
                is_statutory_5_11=spec.get("statutory_5_11", False),
                template_slot=slot,
                rules=spec.get("rules", []),
            )
            by_slot[slot] = body
            result.created.append(body)

    if template.citizen_committees and not municipality.citizen_committees_enabled:
        before = snapshot(municipality)
        municipality.citizen_committees_enabled = True
        municipality.save(update_fields=["citizen_committees_enabled"])
        audit_update(actor=actor, instance=municipality, before=before)
    return result
