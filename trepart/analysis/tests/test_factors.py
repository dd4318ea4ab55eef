"""10-FAKTOR: weighted means up the tree, suppression (primary and secondary), the import."""

from __future__ import annotations

from typing import Any

import pytest

from trepart.accounts.tests.factories import MunicipalityFactory, UserFactory
from trepart.analysis.factors import factor_code, tree_figures, weighted_mean
from trepart.analysis.models import FactorImport, FactorResult
from trepart.analysis.services.factors import factors_import
from trepart.audit.models import AuditEntry
from trepart.organisation.tests.factories import UnitFactory

HEADER = "enhet;år;faktor;snitt;antall_svar\n"


# ---------------------------------------------------------------------------------------
# Pure


def test_weighted_mean_weights_by_respondents() -> None:
    figure = weighted_mean([(4.0, 10), (3.0, 30)])
    assert figure is not None
    assert figure.average == pytest.approx(3.25)
    assert figure.respondents == 40
    assert weighted_mean([]) is None


def test_sector_is_weighted_mean_of_its_units() -> None:
    parents: dict[str, str | None] = {"S": None, "A": "S", "B": "S", "T": None, "C": "T"}
    own = {"A": (4.0, 10), "B": (3.0, 30), "C": (5.0, 20)}
    figures = tree_figures(parents, own, threshold=5)
    assert figures.nodes["S"].average == pytest.approx(3.25)
    assert figures.nodes["S"].respondents == 40
    assert figures.whole is not None
    assert figures.whole.average == pytest.approx((40 + 90 + 100) / 60)
    assert figures.hidden == set()


def test_small_unit_is_hidden_and_cannot_be_derived_from_its_sector() -> None:
    parents: dict[str, str | None] = {"S": None, "A": "S", "B": "S", "C": "S"}
    own = {"A": (4.0, 12), "B": (2.0, 4), "C": (3.0, 30)}
    figures = tree_figures(parents, own, threshold=5)
    # B is under the threshold; with only B hidden, S - A - C would give B: A goes too.
    assert figures.hidden == {"B", "A"}
    assert set(figures.nodes) == {"S", "C"}
    assert "B" not in figures.nodes


def test_threshold_is_the_municipalitys_not_ks_floor() -> None:
    parents: dict[str, str | None] = {"A": None, "B": None}
    own = {"A": (4.0, 4), "B": (3.0, 40)}
    assert "A" in tree_figures(parents, own, threshold=5).hidden
    assert tree_figures(parents, own, threshold=3).hidden == set()


def test_everything_hidden_when_the_whole_is_too_small() -> None:
    figures = tree_figures({"A": None}, {"A": (4.0, 3)}, threshold=5)
    assert figures.whole is None
    assert figures.nodes == {}
    assert figures.hidden == {"A"}


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("oppgavemotivasjon", "TASK_MOTIVATION"),
        ("Mestringstro", "SELF_EFFICACY"),
        ("OPPLEVD SELVSTENDIGHET", "AUTONOMY"),
        ("bruk av kompetanse", "USE_OF_COMPETENCE"),
        ("self_efficacy", "SELF_EFFICACY"),
        ("PROSOCIAL_MOTIVATION", "PROSOCIAL_MOTIVATION"),
        ("nyttemotivasjon", "PROSOCIAL_MOTIVATION"),
        ("trivsel", None),
    ],
)
def test_factor_names_and_codes(text: str, code: str | None) -> None:
    assert factor_code(text) == code


# ---------------------------------------------------------------------------------------
# Import


@pytest.fixture
def place(db: Any) -> dict[str, Any]:
    municipality = MunicipalityFactory.create()
    admin = UserFactory.create(municipality=municipality, is_municipal_admin=True)
    school = UnitFactory.create(municipality=municipality, code="SKOLE")
    kindergarten = UnitFactory.create(municipality=municipality, code="BHG")
    return {"municipality": municipality, "admin": admin, "school": school, "bhg": kindergarten}


def run(place: dict[str, Any], text: str, **options: Any) -> Any:
    return factors_import(
        actor=place["admin"],
        municipality=place["municipality"],
        data=text.encode("utf-8"),
        file_name="10faktor.csv",
        **options,
    )


def codes(result: Any) -> list[tuple[int, str]]:
    return [(error.line, error.code) for error in result.errors]


def test_import_stores_results_logs_and_audits(place: dict[str, Any]) -> None:
    result = run(
        place,
        HEADER + "SKOLE;2025;Mestringstro;4,2;12\nBHG;2025;ROLE_CLARITY;3.9;7\n",
    )
    assert result.ok, result.errors
    assert result.created == 2
    stored = FactorResult.objects.get(unit=place["school"], year=2025)
    assert stored.factor == "SELF_EFFICACY"
    assert stored.average == pytest.approx(4.2)
    assert stored.respondents == 12
    log = FactorImport.objects.get()
    assert stored.source == log
    assert log.rows == 2 and log.file_name == "10faktor.csv"
    assert AuditEntry.objects.filter(action="CREATE", object_id=str(log.pk)).exists()


def test_every_bad_row_is_reported_and_nothing_written(place: dict[str, Any]) -> None:
    result = run(
        place,
        HEADER
        + "SKOLE;2025;mestringstro;4,2;12\n"  # fine, but the file is refused as a whole
        + "UKJENT;2025;mestringstro;4,2;12\n"
        + "SKOLE;2025;trivsel;4,2;12\n"
        + "BHG;2025;rolleklarhet;5,4;12\n"
        + "BHG;2025;mestringsklima;0,9;12\n"
        + "BHG;2025;nyttemotivasjon;fire;12\n"
        + "SKOLE;2025;Mestringstro;4,0;12\n"
        + "BHG;20x5;mestringstro;4,0;12\n",
    )
    assert not result.ok
    assert codes(result) == [
        (3, "unknown_unit"),
        (4, "unknown_factor"),
        (5, "out_of_range"),
        (6, "out_of_range"),
        (7, "not_a_number"),
        (8, "duplicate"),
        (9, "invalid_year"),
    ]
    assert not FactorResult.objects.exists()
    assert not FactorImport.objects.exists()


def test_fewer_than_three_respondents_is_refused_with_ks_rule(place: dict[str, Any]) -> None:
    result = run(place, HEADER + "SKOLE;2025;mestringstro;4,2;2\n")
    assert codes(result) == [(2, "too_few")]
    assert "at least 3 respondents" in result.errors[0].message
    assert not FactorResult.objects.exists()


def test_three_respondents_are_accepted(place: dict[str, Any]) -> None:
    assert run(place, HEADER + "SKOLE;2025;mestringstro;4,2;3\n").ok


def test_missing_column_and_bad_encoding(place: dict[str, Any]) -> None:
    result = run(place, "enhet;år;faktor;snitt\nSKOLE;2025;mestringstro;4,2\n")
    assert codes(result) == [(1, "missing_column")]
    latin = factors_import(
        actor=place["admin"],
        municipality=place["municipality"],
        data="enhet;år\n".encode("latin-1"),
    )
    assert codes(latin) == [(1, "encoding")]


def test_already_imported_is_reported_and_replaced_only_when_asked(
    place: dict[str, Any],
) -> None:
    assert run(place, HEADER + "SKOLE;2025;mestringstro;4,2;12\n").ok
    again = run(place, HEADER + "SKOLE;2025;mestringstro;3,1;14\nBHG;2025;mestringstro;4;9\n")
    assert codes(again) == [(2, "already_imported")]
    assert FactorResult.objects.count() == 1
    assert FactorResult.objects.get().average == pytest.approx(4.2)

    replaced = run(
        place,
        HEADER + "SKOLE;2025;mestringstro;3,1;14\nBHG;2025;mestringstro;4;9\n",
        replace=True,
    )
    assert replaced.ok
    assert (replaced.created, replaced.replaced) == (1, 1)
    school = FactorResult.objects.get(unit=place["school"])
    assert school.average == pytest.approx(3.1) and school.respondents == 14
    assert FactorResult.objects.count() == 2


def test_dry_run_checks_and_writes_nothing(place: dict[str, Any]) -> None:
    result = run(place, HEADER + "SKOLE;2025;mestringstro;4,2;12\n", dry_run=True)
    assert result.ok and result.dry_run and result.created == 1
    assert not FactorResult.objects.exists()
    assert not FactorImport.objects.exists()


def test_other_municipalitys_unit_codes_are_unknown(place: dict[str, Any]) -> None:
    UnitFactory.create(code="FREMMED")
    result = run(place, HEADER + "FREMMED;2025;mestringstro;4,2;12\n")
    assert codes(result) == [(2, "unknown_unit")]
