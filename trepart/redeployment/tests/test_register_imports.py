"""The register and vacancy imports: every row checked, nothing written if one is bad, the
problems per row in the user's language, and the page keeps the choice to only check."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from trepart.organisation.imports.parsing import read_table
from trepart.redeployment.imports import register, vacancies
from trepart.redeployment.models import CaseEvent, RedeploymentCase, Vacancy
from trepart.redeployment.services.imports import case_import, vacancy_import
from trepart.redeployment.tests.helpers import bank_world, client_for
from trepart.redeployment.tests.world import BankWorld, login

pytestmark = pytest.mark.django_db

REGISTER_HEADER = (
    "ansattnummer;type;enhet;stilling;stillingsprosent;onsket_prosent;lonn;kvalifikasjoner;"
    "arbeidssted;ansiennitetsdato;onskede_steder;tilrettelegging;overtallig_fra"
)
VACANCY_HEADER = (
    "enhet;stilling;stillingsprosent;krav;onsket;arbeidssted;lonn_fra;lonn_til;tiltredelse"
)


@pytest.fixture
def world() -> BankWorld:
    built = bank_world()
    for key, code in (("skole", "1200"), ("bhg", "1300"), ("pleie", "1400")):
        built.units[key].code = code
        built.units[key].save(update_fields=["code"])
    return built


def employee(world: BankWorld, number: str) -> Any:
    person = login(world.municipality, unit=world.units["bhg"]).person
    person.external_id = number
    person.save(update_fields=["external_id"])
    return person


def csv(header: str, *lines: str) -> bytes:
    return ("\n".join([header, *lines]) + "\n").encode("utf-8")


def test_a_good_register_file_registers_every_row_with_its_history(world: BankWorld) -> None:
    first, second = employee(world, "501"), employee(world, "502")
    data = csv(
        REGISTER_HEADER,
        "501;overtallig;1300;Barnehagelærer;100;;540000;PED,bil;GRU;2010-08-01;HAR;ja;01.10.2026",
        "502;deltid;1400;Assistent;40;60;450000;;har;2015-01-01;;nei;2026-10-01",
    )
    result = case_import(actor=world.members["chair"], data=data)
    assert result.ok and result.created == 2
    case = RedeploymentCase.objects.get(person=first)
    assert sorted(case.qualifications.values_list("code", flat=True)) == ["BIL", "PED"]
    assert case.needs_adapted_work and case.location == world.locations["GRU"]
    assert RedeploymentCase.objects.get(person=second).wanted_percent == 60
    assert CaseEvent.objects.filter(case__person=second, kind="REGISTERED").count() == 1


def test_a_bad_row_stops_the_whole_file_with_a_message_per_row(world: BankWorld) -> None:
    employee(world, "501")
    employee(world, "502")
    employee(world, "503")
    data = csv(
        REGISTER_HEADER,
        "501;overtallig;1300;Lærer;100;;540000;PED;GRU;2010-08-01;;nei;2026-10-01",
        "502;overtallig;1300;Lærer;150;;540000;XYZ;GRU;2010-08-01;;nei;2026-10-01",
        "503;deltid;1300;Lærer;60;50;540000;;GRU;2010-08-01;;nei;2026-10-01",
        "999;overtallig;9999;Lærer;60;;540000;;GRU;2010-08-01;;nei;2026-10-01",
    )
    result = case_import(actor=world.members["chair"], data=data)
    problems = {(error.line, error.column): error.message for error in result.errors}
    assert problems[(3, "stillingsprosent")] == "The position % must be between 1 and 100."
    assert problems[(3, "kvalifikasjoner")] == "Unknown qualification codes: XYZ."
    assert "larger than the current 60 %" in problems[(4, "onsket_prosent")]
    assert (5, "ansattnummer") in problems and (5, "enhet") in problems
    assert RedeploymentCase.objects.count() == 3
    assert result.created == 0


def test_the_problems_are_told_in_the_users_language(world: BankWorld) -> None:
    employee(world, "501")
    data = csv(REGISTER_HEADER, "501;overtallig;1300;Lærer;100;;540000;XYZ;GRU;2010-08-01;;nei;x")
    with translation.override("nb"):
        result = case_import(actor=world.members["chair"], data=data)
    messages = " ".join(error.message for error in result.errors)
    assert "XYZ" in messages
    assert "Unknown qualification codes" not in messages


def test_a_person_already_in_the_bank_or_twice_in_the_file_is_refused(world: BankWorld) -> None:
    world.people["anne"].person.external_id = "100"
    world.people["anne"].person.save(update_fields=["external_id"])
    employee(world, "501")
    row = "{};overtallig;1300;Lærer;100;;540000;;GRU;2010-08-01;;nei;2026-10-01"
    result = case_import(
        actor=world.members["chair"],
        data=csv(REGISTER_HEADER, row.format("100"), row.format("501"), row.format("501")),
    )
    codes = sorted(error.code for error in result.errors)
    assert codes == ["duplicate", "open_case"]


def test_only_members_import_the_register(world: BankWorld) -> None:
    client = client_for(world.hiring)
    upload = SimpleUploadedFile("r.csv", csv(REGISTER_HEADER), content_type="text/csv")
    assert client.post(reverse("redeployment:case_import"), {"file": upload}).status_code == 403


def test_the_page_shows_every_problem_and_keeps_the_check_only_choice(world: BankWorld) -> None:
    client = client_for(world.members["chair"])
    data = csv(VACANCY_HEADER, "1400;Sykepleier;100;FAG;;ROA;600000;500000;2027-01-01")
    upload = SimpleUploadedFile("stillinger.csv", data, content_type="text/csv")
    page = client.post(reverse("redeployment:vacancy_import"), {"file": upload, "dry_run": "on"})
    text = page.content.decode()
    assert "The file has 1 error. Nothing was imported." in text
    assert "The wage band is reversed" in text
    assert "stillinger.csv" in text
    assert page.context["form"]["dry_run"].value() is True
    assert Vacancy.objects.count() == 3


def test_a_dry_run_checks_the_vacancies_and_writes_nothing(world: BankWorld) -> None:
    data = csv(
        VACANCY_HEADER,
        "1200;Lærer;60;PED;BIL;HAR;500000;600000;2027-02-01",
        "1200;Assistent;40;;;GRU;400000;450000;01.03.2027",
    )
    checked = vacancy_import(actor=world.hiring, data=data, dry_run=True)
    assert checked.ok and checked.created == 2 and Vacancy.objects.count() == 3
    client = client_for(world.hiring)
    upload = SimpleUploadedFile("stillinger.csv", data, content_type="text/csv")
    response = client.post(reverse("redeployment:vacancy_import"), {"file": upload})
    assert response["Location"] == reverse("redeployment:vacancy_list")
    made = Vacancy.objects.filter(unit=world.units["skole"]).exclude(
        pk=world.vacancies["assistent"].pk
    )
    assert made.count() == 2 and {v.status for v in made} == {Vacancy.Status.HELD}


def test_a_hiring_authority_imports_only_its_units_vacancies(world: BankWorld) -> None:
    data = csv(VACANCY_HEADER, "1400;Sykepleier;100;FAG;;ROA;500000;600000;2027-01-01")
    result = vacancy_import(actor=world.hiring, data=data)
    assert [error.code for error in result.errors] == ["unknown_unit"]
    assert Vacancy.objects.count() == 3


@pytest.mark.parametrize(
    ("module", "name"),
    [("register", "case_import_example"), ("vacancies", "vacancy_import_example")],
)
def test_the_example_files_hold_every_column_and_are_for_the_right_people(
    world: BankWorld, module: str, name: str
) -> None:
    columns = (register if module == "register" else vacancies).COLUMNS
    example = (register if module == "register" else vacancies).EXAMPLE
    header = read_table(example.encode("utf-8")).header
    assert header == [column.names[0] for column in columns]
    response = client_for(world.members["chair"]).get(reverse(f"redeployment:{name}"))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert client_for(world.outsider).get(reverse(f"redeployment:{name}")).status_code == 403
