"""Measures entered by hand and made from a decided plan: all saved or nothing, versioned
edits, and the messages for bad input."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db.models import Sum

from trepart.accounts.tests.factories import MunicipalityFactory
from trepart.audit.models import AuditEntry
from trepart.audit.writes import ConcurrentEditError
from trepart.development.models import LevelKind, Plan, Realisation, SavingsMeasure, SavingsYear
from trepart.development.services.ledger import (
    YearFigures,
    measure_create,
    measure_delete,
    measure_edit,
)
from trepart.development.services.ledger_plan import measures_from_plan
from trepart.development.tests.world import ProjectWorld, build_project_world, task_make
from trepart.organisation.tests.factories import UnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> ProjectWorld:
    return build_project_world()


def _create(world: ProjectWorld, years: list[YearFigures], **fields: object) -> SavingsMeasure:
    values: dict[str, object] = {
        "unit": world.unit,
        "title": "Færre brøyterunder",
        "realisation": Realisation.SERVICE_LEVEL,
        "fte_effect": Decimal("-0.5"),
    }
    values.update(fields)
    return measure_create(actor=world.admin, years=years, **values)  # type: ignore[arg-type]


def test_a_measure_is_saved_with_its_years_and_audited(world: ProjectWorld) -> None:
    measure = _create(world, [YearFigures(2026, 400_000, 380_000), YearFigures(2027, 400_000)])
    assert measure.municipality_id == world.municipality.pk
    assert measure.fte_effect == Decimal("-0.50")
    years = list(measure.years.values_list("year", "planned", "realised"))
    assert years == [(2026, 400_000, 380_000), (2027, 400_000, None)]
    audited = AuditEntry.objects.filter(object_type="development.SavingsYear").count()
    assert audited == 2
    assert AuditEntry.objects.filter(object_type="development.SavingsMeasure").count() == 1


@pytest.mark.parametrize(
    ("years", "message"),
    [
        ([YearFigures(2026, -5, None)], "A saving cannot be negative (2026)."),
        ([YearFigures(2026, 100, -1)], "A saving cannot be negative (2026)."),
        ([YearFigures(2026, None, 50_000)], "2026 has a realised saving but no planned saving"),
        ([YearFigures(2026, 1, None), YearFigures(2026, 2, None)], "2026 is given twice"),
        ([YearFigures(1999, 1, None)], "The year must be between 2000 and 2100"),
        ([YearFigures(None, 1, None)], "Give the year of every row with figures."),
    ],
)
def test_bad_years_are_refused_and_nothing_is_saved(
    world: ProjectWorld, years: list[YearFigures], message: str
) -> None:
    with pytest.raises(ValidationError) as error:
        _create(world, years)
    assert any(message in text for text in error.value.messages)
    assert not SavingsMeasure.objects.exists()
    assert not SavingsYear.objects.exists()


def test_a_negative_saving_is_refused_unless_the_measure_is_an_added_cost(
    world: ProjectWorld,
) -> None:
    with pytest.raises(ValidationError) as error:
        _create(world, [YearFigures(2026, -300_000, None)], realisation=Realisation.OTHER)
    assert error.value.messages == [
        "A saving cannot be negative (2026). Enter what is saved as a positive amount; for a "
        "measure that costs money, choose “Added cost” as how it is realised."
    ]
    # An added cost is given as a negative amount; a positive one is refused.
    with pytest.raises(ValidationError) as error:
        _create(world, [YearFigures(2026, 300_000, None)], realisation=Realisation.ADDED_COST)
    assert error.value.messages == [
        "An added cost is entered as a negative amount (2026): write e.g. -300000 for a cost "
        "of 300 000 kr, so the ledger shows the net saving."
    ]
    with pytest.raises(ValidationError, match="An added cost is entered as a negative"):
        _create(
            world,
            [YearFigures(2026, -300_000, 10)],
            realisation=Realisation.ADDED_COST,
        )
    assert not SavingsMeasure.objects.exists() and not SavingsYear.objects.exists()
    cost = _create(
        world,
        [YearFigures(2026, -300_000, -250_000), YearFigures(2027, 0)],
        realisation=Realisation.ADDED_COST,
        fte_effect=Decimal("0.5"),
    )
    years = list(cost.years.values_list("year", "planned", "realised"))
    assert years == [(2026, -300_000, -250_000), (2027, 0, None)]
    # Changed to a saving, its negative years are refused and nothing changes.
    with pytest.raises(ValidationError, match="A saving cannot be negative"):
        measure_edit(
            actor=world.admin,
            measure=cost,
            version=1,
            unit=world.unit,
            title=cost.title,
            realisation=Realisation.SERVICE_LEVEL,
            years=[YearFigures(2026, -300_000, -250_000)],
        )
    cost.refresh_from_db()
    assert (cost.realisation, cost.version) == (Realisation.ADDED_COST, 1)


def test_a_unit_of_another_municipality_is_refused(world: ProjectWorld) -> None:
    stranger = UnitFactory.create(municipality=MunicipalityFactory.create())
    with pytest.raises(ValidationError) as error:
        _create(world, [YearFigures(2026, 1, None)], unit=stranger)
    assert error.value.message_dict["unit"] == ["Choose one of your municipality's units."]
    with pytest.raises(ValidationError) as error:
        _create(world, [YearFigures(2026, 1, None)], unit=None, title=" ")
    assert set(error.value.message_dict) == {"unit", "title"}
    assert not SavingsMeasure.objects.exists()


def test_an_edit_changes_the_measure_and_its_years_and_moves_the_version(
    world: ProjectWorld,
) -> None:
    measure = _create(world, [YearFigures(2026, 400_000), YearFigures(2027, 400_000)])
    edited = measure_edit(
        actor=world.admin,
        measure=measure,
        version=1,
        unit=world.unit,
        title="Færre brøyterunder om natta",
        realisation=Realisation.ATTRITION,
        fte_effect=Decimal("-1"),
        status=SavingsMeasure.Status.UNDER_WAY,
        years=[YearFigures(2026, 400_000, 350_000), YearFigures(2028, 200_000)],
    )
    assert edited.version == 2
    assert edited.title == "Færre brøyterunder om natta"
    years = list(measure.years.values_list("year", "planned", "realised"))
    assert years == [(2026, 400_000, 350_000), (2028, 200_000, None)]


def test_a_stale_or_bad_edit_changes_nothing(world: ProjectWorld) -> None:
    measure = _create(world, [YearFigures(2026, 400_000)])
    fields = {
        "unit": world.unit,
        "title": "Ny tittel",
        "realisation": Realisation.OTHER,
        "years": [YearFigures(2026, 1)],
    }
    with pytest.raises(ConcurrentEditError):
        measure_edit(actor=world.admin, measure=measure, version=7, **fields)  # type: ignore[arg-type]
    fields["years"] = [YearFigures(2026, 1), YearFigures(2027, None, 5)]
    with pytest.raises(ValidationError):
        measure_edit(actor=world.admin, measure=measure, version=1, **fields)  # type: ignore[arg-type]
    measure.refresh_from_db()
    assert (measure.title, measure.version) == ("Færre brøyterunder", 1)
    assert list(measure.years.values_list("year", "planned")) == [(2026, 400_000)]


def _plan(world: ProjectWorld, *, chosen: bool = True) -> tuple[Plan, dict[str, object]]:
    road = task_make(
        world.project,
        "Brøyting",
        {LevelKind.KEEP: (1_000_000, "2", 8), LevelKind.LOWER: (580_000, "1.5", 6)},
        unit=world.unit,
    )
    parks = task_make(
        world.project,
        "Parkstell",
        {LevelKind.KEEP: (500_000, "1", 7), LevelKind.LOWER: (0, "1", 2)},
    )
    signs = task_make(world.project, "Skilting", {LevelKind.KEEP: (100_000, "0", 5)})
    lights = task_make(
        world.project,
        "Lys",
        {LevelKind.KEEP: (100_000, "0", 5), LevelKind.RAISE: (150_000, "0", 9)},
    )
    result = {
        "status": "optimal",
        "target": 900_000,
        "saving": 870_000,
        "choices": [
            {"key": str(road.pk), "name": "Brøyting", "kind": "LOWER", "saving": 420_000,
             "fte_change": -0.5, "quality_lost": 3.0, "locked": False, "minimum": ""},
            {"key": str(parks.pk), "name": "Parkstell", "kind": "LOWER", "saving": 500_000,
             "fte_change": 0.0, "quality_lost": 5.0, "locked": False, "minimum": ""},
            {"key": str(signs.pk), "name": "Skilting", "kind": "KEEP", "saving": 0,
             "fte_change": 0.0, "quality_lost": 0.0, "locked": False, "minimum": ""},
            {"key": str(lights.pk), "name": "Lys", "kind": "RAISE", "saving": -50_000,
             "fte_change": 0.0, "quality_lost": -4.0, "locked": False, "minimum": ""},
        ],
    }  # fmt: skip
    plan = Plan.objects.create(project=world.project, target=900_000, result=result, chosen=chosen)
    return plan, {"road": road, "parks": parks}


def test_a_decided_plan_becomes_measures_for_each_saving_and_cost(world: ProjectWorld) -> None:
    plan, tasks = _plan(world)
    measures = measures_from_plan(actor=world.admin, plan=plan, years=[2028, 2027])
    assert [m.title for m in measures] == ["Brøyting: Lower", "Parkstell: Lower", "Lys: Raise"]
    road, parks, lights = measures
    assert (road.task, road.unit, road.project) == (tasks["road"], world.unit, world.project)
    assert road.realisation == Realisation.ATTRITION
    assert road.fte_effect == Decimal("-0.50")
    # Parkstell has no unit of its own: the project's first unit.
    assert parks.unit == world.unit
    assert parks.realisation == Realisation.SERVICE_LEVEL
    assert list(road.years.values_list("year", "planned", "realised")) == [
        (2027, 420_000, None),
        (2028, 420_000, None),
    ]
    # The raised task costs 50 000 more: an added cost, so the plan's net is booked.
    assert lights.realisation == Realisation.ADDED_COST
    assert list(lights.years.values_list("year", "planned")) == [(2027, -50_000), (2028, -50_000)]
    for year in (2027, 2028):
        booked = SavingsYear.objects.filter(year=year).aggregate(net=Sum("planned"))["net"]
        assert booked == plan.result["saving"] == 870_000
    # Called again (the decision recorded twice), nothing is doubled.
    again = measures_from_plan(actor=world.admin, plan=plan, years=[2027, 2028])
    assert [m.pk for m in again] == [road.pk, parks.pk, lights.pk]
    assert SavingsMeasure.objects.count() == 3
    assert SavingsYear.objects.count() == 6


def test_only_the_chosen_plan_with_years_goes_into_the_ledger(world: ProjectWorld) -> None:
    plan, _tasks = _plan(world, chosen=False)
    with pytest.raises(ValidationError, match="Only the plan the project group chose"):
        measures_from_plan(actor=world.admin, plan=plan, years=[2027])
    plan.chosen = True
    plan.save()
    with pytest.raises(ValidationError, match="at least one budget year"):
        measures_from_plan(actor=world.admin, plan=plan, years=[])
    world.project.decision_adopted = False
    world.project.save()
    with pytest.raises(ValidationError, match="The decision went against the plan"):
        measures_from_plan(actor=world.admin, plan=plan, years=[2027])
    assert not SavingsMeasure.objects.exists()


def test_a_plan_naming_a_task_of_another_project_is_refused(world: ProjectWorld) -> None:
    plan, _tasks = _plan(world)
    plan.result["choices"][0]["key"] = "999999"
    plan.save()
    with pytest.raises(ValidationError, match="no longer in the project: 999999"):
        measures_from_plan(actor=world.admin, plan=plan, years=[2027])
    assert not SavingsMeasure.objects.exists()


def test_a_measure_entered_by_mistake_is_removed_with_its_years(world: ProjectWorld) -> None:
    measure = _create(world, [YearFigures(2026, 400_000), YearFigures(2027, 1)])
    with pytest.raises(ConcurrentEditError):
        measure_delete(actor=world.admin, measure=measure, version=2)
    assert SavingsYear.objects.count() == 2
    measure_delete(actor=world.admin, measure=measure, version=1)
    assert not SavingsMeasure.objects.exists() and not SavingsYear.objects.exists()
    removed = AuditEntry.objects.filter(action=AuditEntry.Action.DELETE)
    assert sorted(removed.values_list("object_type", flat=True)) == [
        "development.SavingsMeasure",
        "development.SavingsYear",
        "development.SavingsYear",
    ]
