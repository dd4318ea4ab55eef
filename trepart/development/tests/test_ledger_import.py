"""The ledger's CSV import: all or nothing, every row's error in the user's language, and
the export reads back in."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.utils import translation

from trepart.development.models import Realisation, SavingsMeasure, SavingsYear
from trepart.development.services.ledger_import import LedgerImportResult, ledger_import
from trepart.development.tests.ledger_world import LedgerWorld, build_ledger_world, measure_make

pytestmark = pytest.mark.django_db

HEADER = "enhet;tiltak;gjennomføring;årsverk;år;planlagt;realisert\n"


@pytest.fixture
def ledger() -> LedgerWorld:
    return build_ledger_world()


def _import(ledger: LedgerWorld, text: str, *, dry_run: bool = False) -> LedgerImportResult:
    return ledger_import(
        actor=ledger.world.admin,
        municipality=ledger.world.municipality,
        data=text.encode("utf-8"),
        dry_run=dry_run,
    )


def test_a_good_file_adds_measures_and_updates_those_in_the_ledger(ledger: LedgerWorld) -> None:
    code = ledger.world.unit.code
    text = (
        HEADER
        + f"{code};Færre brøyterunder;naturlig avgang;-1,5;2027;400 000;390000\n"
        + f"{code};Færre brøyterunder;naturlig avgang;-1,5;2028;400000;\n"
        + "HJEM;Ruteplanlegging;omorganisering;;2026;120000;100000\n"
        + "HJEM;Ruteplanlegging;omorganisering;;2027;120000;\n"
    )
    result = _import(ledger, text)
    assert result.ok, result.errors
    assert (result.created, result.updated, result.years) == (1, 1, 4)
    ledger.roads.refresh_from_db()
    assert str(ledger.roads.fte_effect) == "-1.50"
    assert ledger.roads.version == 2
    assert list(ledger.roads.years.values_list("year", "planned", "realised")) == [
        (2026, 400_000, 300_000),
        (2027, 400_000, 390_000),
        (2028, 400_000, None),
    ]
    route = SavingsMeasure.objects.get(title="Ruteplanlegging")
    assert (route.unit, route.realisation) == (ledger.home, Realisation.REORGANISATION)
    assert route.years.count() == 2


def test_a_dry_run_writes_nothing(ledger: LedgerWorld) -> None:
    result = _import(ledger, HEADER + "HJEM;Ny;annet;0;2026;1;\n", dry_run=True)
    assert result.ok and result.created == 1
    assert SavingsMeasure.objects.count() == 2


def test_one_bad_row_and_nothing_is_written_with_every_error_in_norwegian(
    ledger: LedgerWorld,
) -> None:
    before = SavingsYear.objects.count()
    text = (
        HEADER
        + "HJEM;Ruteplanlegging;omorganisering;;2026;120000;100000\n"
        + "NOPE;Noe;annet;0;2026;1;\n"
        + "HJEM;Negativ;annet;0;2026;-5;\n"
        + "HJEM;Uten plan;annet;0;2026;;100\n"
        + "HJEM;Ruteplanlegging;innkjøp;;2027;1;\n"
        + "HJEM;Ruteplanlegging;omorganisering;;2026;1;\n"
        + "HJEM;Rart;trylling;x;26;1;\n"
    )
    with translation.override("nb"):
        result = _import(ledger, text)
    errors = [(e.line, e.code, e.message) for e in result.errors]
    codes = [(line, code) for line, code, _message in errors]
    assert codes == [
        (3, "unknown_unit"),
        (4, "negative"),
        (5, "required"),
        (6, "disagrees"),
        (7, "duplicate"),
        (8, "invalid_choice"),
        (8, "not_a_number"),
        (8, "invalid_year"),
    ]
    assert "Ingen enhet har koden «NOPE»" in errors[0][2]
    assert "kan ikke være negativ" in errors[1][2]
    assert SavingsMeasure.objects.count() == 2
    assert SavingsYear.objects.count() == before


def test_a_title_two_measures_share_is_refused(ledger: LedgerWorld) -> None:
    measure_make(ledger.nursing, "Felles innkjøp", Realisation.PURCHASING, {2027: (1, None)})
    result = _import(ledger, HEADER + "SYK;felles innkjøp;innkjøp;0;2026;1;\n")
    assert [e.code for e in result.errors] == ["ambiguous"]


def test_the_export_reads_back_in_unchanged(client: Any, ledger: LedgerWorld) -> None:
    client.force_login(ledger.world.admin)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nb"
    response = client.get("/utvikling/innsparing/innsparing.csv")
    assert response.streaming
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    lines = body.splitlines()
    assert lines[0] == "enhet;tiltak;gjennomføring;årsverk;år;planlagt;realisert;status"
    assert (
        f"{ledger.world.unit.code};Færre brøyterunder;Naturlig avgang;\u22121,00;2026;"
        "400000;300000;Planlagt" in lines
    )
    result = _import(ledger, body)
    assert result.ok, result.errors
    assert (result.created, result.updated) == (0, 2)
    assert SavingsYear.objects.count() == 3


def test_a_cost_row_is_imported_as_an_added_cost_with_negative_amounts(
    ledger: LedgerWorld,
) -> None:
    text = (
        HEADER
        + "HJEM;Flere hjemmebesøk;økt innsats;0,5;2027;\u2212300 000;-250000\n"
        + "HJEM;Flere hjemmebesøk;økt innsats;0,5;2028;-300000;\n"
        + "HJEM;Kveldsvakt;added cost;1;2027;0;\n"
    )
    result = _import(ledger, text)
    assert result.ok, result.errors
    visits = SavingsMeasure.objects.get(title="Flere hjemmebesøk")
    assert visits.realisation == Realisation.ADDED_COST
    assert str(visits.fte_effect) == "0.50"
    assert list(visits.years.values_list("year", "planned", "realised")) == [
        (2027, -300_000, -250_000),
        (2028, -300_000, None),
    ]
    assert SavingsMeasure.objects.get(title="Kveldsvakt").realisation == Realisation.ADDED_COST


def test_a_cost_row_with_the_wrong_sign_is_refused_with_a_clear_message(
    ledger: LedgerWorld,
) -> None:
    text = (
        HEADER
        + "HJEM;Flere hjemmebesøk;økt innsats;0,5;2027;300000;\n"
        + "HJEM;Færre besøk;omorganisering;0;2027;100000;-5\n"
    )
    result = _import(ledger, text)
    errors = [(e.line, e.column, e.code, e.message) for e in result.errors]
    assert errors == [
        (
            2,
            "planlagt",
            "cost_positive",
            "An added cost (økt innsats) is written as a negative amount (this is 300000): "
            "write e.g. -300000, so the ledger shows the net saving.",
        ),
        (
            3,
            "realisert",
            "negative",
            "A saving cannot be negative (this is -5): write what is saved, or give “økt "
            "innsats” (added cost) as how it is realised if it costs money.",
        ),
    ]
    assert not SavingsMeasure.objects.filter(unit=ledger.home).exists()


def test_an_added_cost_in_the_export_reads_back_in(client: Any, ledger: LedgerWorld) -> None:
    measure_make(ledger.home, "Flere hjemmebesøk", Realisation.ADDED_COST, {2027: (-90_000, None)})
    client.force_login(ledger.world.admin)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nb"
    response = client.get("/utvikling/innsparing/innsparing.csv")
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "HJEM;Flere hjemmebesøk;Økt innsats;0,00;2027;-90000;;Planlagt" in body.splitlines()
    result = _import(ledger, body)
    assert result.ok, result.errors
    assert SavingsYear.objects.get(measure__title="Flere hjemmebesøk").planned == -90_000
