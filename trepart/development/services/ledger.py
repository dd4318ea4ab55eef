"""Writing the savings ledger by hand: a measure with its planned and realised kroner per
year, created or edited (versioned) as one piece, so a bad year leaves nothing half-saved.

Savings are 0 or more. A measure realised through "added cost" (a task given more to do)
holds its cost as negative amounts, so the ledger's sums are net; only such a measure may.

Making measures from a decided plan is in ``services.ledger_plan``; the CSV import in
``services.ledger_import``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from trepart.audit.services import audit_create, audit_delete, audit_update, snapshot
from trepart.audit.writes import row_lock, versioned_delete, versioned_edit
from trepart.development.models import Project, Realisation, SavingsMeasure, SavingsYear
from trepart.organisation.models import Unit

FIRST_YEAR = 2000
LAST_YEAR = 2100
# What a DecimalField(max_digits=8, decimal_places=2) holds.
FTE_LIMIT = Decimal("999999.99")
# What a BigIntegerField holds.
NOK_LIMIT = 2**63 - 1


@dataclass(frozen=True)
class YearFigures:
    """One budget year of a measure as entered: planned and (once known) realised NOK."""

    year: int | None
    planned: int | None
    realised: int | None = None


def _sign_error(*, year: int, amount: int, cost: bool) -> str | None:
    """What is wrong with the sign of ``amount``: a saving is 0 or more, an added cost is
    entered as a negative amount (0 or less)."""
    values = {"year": year}
    if not cost and amount < 0:
        return (
            _(
                "A saving cannot be negative (%(year)s). Enter what is saved as a positive "
                "amount; for a measure that costs money, choose “Added cost” as how it is "
                "realised."
            )
            % values
        )
    if cost and amount > 0:
        return (
            _(
                "An added cost is entered as a negative amount (%(year)s): write e.g. "
                "-300000 for a cost of 300 000 kr, so the ledger shows the net saving."
            )
            % values
        )
    return None


def _year_errors(years: Sequence[YearFigures], *, cost: bool = False) -> list[str]:
    """What is wrong with the years of a measure; ``cost``: a measure of added cost, whose
    amounts are negative."""
    errors: list[str] = []
    seen: set[int] = set()
    for row in years:
        if row.year is None:
            errors.append(_("Give the year of every row with figures."))
            continue
        values = {"year": row.year}
        if not FIRST_YEAR <= row.year <= LAST_YEAR:
            errors.append(
                _("The year must be between %(first)s and %(last)s (this is %(year)s).")
                % {"first": FIRST_YEAR, "last": LAST_YEAR, "year": row.year}
            )
        if row.year in seen:
            errors.append(_("%(year)s is given twice: give each year once.") % values)
        seen.add(row.year)
        if row.planned is None:
            if row.realised is not None:
                errors.append(
                    _(
                        "%(year)s has a realised saving but no planned saving: give the "
                        "planned saving for %(year)s too (0 if none was planned)."
                    )
                    % values
                )
            else:
                errors.append(_("Give the planned saving for %(year)s.") % values)
        for amount in (row.planned, row.realised):
            if amount is None:
                continue
            sign = _sign_error(year=row.year, amount=amount, cost=cost)
            if sign is not None:
                errors.append(sign)
                break
            if abs(amount) > NOK_LIMIT:
                errors.append(_("The amount for %(year)s is too large.") % values)
                break
    return errors


def _fields_check(
    *, actor: Any, unit: Unit | None, title: str, realisation: str, fte_effect: Any, status: str
) -> tuple[dict[str, list[str]], Decimal]:
    errors: dict[str, list[str]] = {}
    if unit is None or unit.municipality_id != actor.municipality_id:
        errors["unit"] = [_("Choose one of your municipality's units.")]
    if not title.strip():
        errors["title"] = [_("Give the measure a title.")]
    elif len(title) > 200:
        errors["title"] = [_("At most 200 characters.")]
    if realisation not in Realisation.values:
        errors["realisation"] = [_("Choose how the saving is realised.")]
    if status not in SavingsMeasure.Status.values:
        errors["status"] = [_("Choose a status.")]
    try:
        fte = Decimal(str(fte_effect if fte_effect is not None else 0)).quantize(Decimal("0.01"))
        if abs(fte) > FTE_LIMIT:
            raise InvalidOperation
    except (InvalidOperation, ValueError):
        errors["fte_effect"] = [_("The FTE effect must be a number, like -1,5.")]
        fte = Decimal(0)
    return errors, fte


def _checked(
    *,
    actor: Any,
    unit: Unit | None,
    title: str,
    realisation: str,
    fte_effect: Any,
    status: str,
    years: Sequence[YearFigures],
) -> Decimal:
    errors, fte = _fields_check(
        actor=actor,
        unit=unit,
        title=title,
        realisation=realisation,
        fte_effect=fte_effect,
        status=status,
    )
    year_errors = _year_errors(years, cost=realisation == Realisation.ADDED_COST)
    if year_errors:
        errors["__all__"] = year_errors
    if errors:
        raise ValidationError(errors)
    return fte


def _years_write(*, actor: Any, measure: SavingsMeasure, years: Sequence[YearFigures]) -> bool:
    """The measure's years made to be ``years``: added, changed, removed; audited. Whether
    anything changed."""
    stored = {row.year: row for row in SavingsYear.objects.filter(measure=measure)}
    wanted = {row.year: row for row in years if row.year is not None}
    changed = False
    for year, row in stored.items():
        if year not in wanted:
            audit_delete(actor=actor, instance=row)
            row.delete()
            changed = True
    for year, figures in sorted(wanted.items()):
        found = stored.get(year)
        if found is None:
            created = SavingsYear.objects.create(
                measure=measure,
                year=year,
                planned=figures.planned or 0,
                realised=figures.realised,
            )
            audit_create(actor=actor, instance=created)
            changed = True
        elif (found.planned, found.realised) != (figures.planned, figures.realised):
            before = snapshot(found)
            found.planned = figures.planned or 0
            found.realised = figures.realised
            found.save(update_fields=["planned", "realised"])
            audit_update(actor=actor, instance=found, before=before)
            changed = True
    return changed


def measure_create(
    *,
    actor: Any,
    unit: Unit | None,
    title: str,
    realisation: str,
    years: Sequence[YearFigures],
    description: str = "",
    fte_effect: Any = 0,
    status: str = SavingsMeasure.Status.PLANNED,
    project: Project | None = None,
) -> SavingsMeasure:
    """A measure entered by hand, with its years; all of it is saved, or none."""
    fte = _checked(
        actor=actor,
        unit=unit,
        title=title,
        realisation=realisation,
        fte_effect=fte_effect,
        status=status,
        years=years,
    )
    assert unit is not None  # checked above
    if project is not None and project.municipality_id != unit.municipality_id:
        raise ValidationError(_("The project belongs to another municipality."))
    with transaction.atomic():
        measure = SavingsMeasure.objects.create(
            municipality_id=unit.municipality_id,
            unit=unit,
            project=project,
            title=title.strip(),
            description=description.strip(),
            realisation=realisation,
            fte_effect=fte,
            status=status,
            created_by=actor if getattr(actor, "pk", None) else None,
        )
        audit_create(actor=actor, instance=measure)
        _years_write(actor=actor, measure=measure, years=years)
    return measure


def measure_edit(
    *,
    actor: Any,
    measure: SavingsMeasure,
    version: int,
    unit: Unit | None,
    title: str,
    realisation: str,
    years: Sequence[YearFigures],
    description: str = "",
    fte_effect: Any = 0,
    status: str = SavingsMeasure.Status.PLANNED,
) -> SavingsMeasure:
    """Change a measure and its years, if nobody saved it since ``version``; all or none."""
    if measure.municipality_id != actor.municipality_id:
        raise ValidationError(_("The measure belongs to another municipality."))
    fte = _checked(
        actor=actor,
        unit=unit,
        title=title,
        realisation=realisation,
        fte_effect=fte_effect,
        status=status,
        years=years,
    )
    changes = {
        "unit": unit,
        "title": title.strip(),
        "description": description.strip(),
        "realisation": realisation,
        "fte_effect": fte,
        "status": status,
    }
    with versioned_edit(measure, actor=actor, version=version, changes=changes) as row:
        _years_write(actor=actor, measure=row, years=years)
    return row


def measure_delete(*, actor: Any, measure: SavingsMeasure, version: int) -> None:
    """Remove a measure entered by mistake, with its years, if nobody saved it since
    ``version``; what it held stays in the audit log. (A measure that was given up is
    kept with the status "dropped".)"""
    if measure.municipality_id != actor.municipality_id:
        raise ValidationError(_("The measure belongs to another municipality."))
    with transaction.atomic():
        row_lock(measure, version=version)
        for year in SavingsYear.objects.filter(measure=measure):
            audit_delete(actor=actor, instance=year)
        versioned_delete(measure, actor=actor, version=version)
