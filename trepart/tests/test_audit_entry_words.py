"""The audit log in words: field names, choice labels, people and dates as readers write
them, never raw Python lists or mappings, and no object named by its database id."""

from __future__ import annotations

import datetime
import re
from html import unescape

import pytest
import time_machine
from django.test import Client

from trepart.analysis.services.surveys import survey_create
from trepart.audit.models import AuditEntry
from trepart.meetings import services
from trepart.meetings.models import AgendaItem
from trepart.meetings.tests.world import World, at, build_world, plan_meeting

pytestmark = pytest.mark.django_db

URL = "/logg/"
MEETING_DAY = datetime.date(2026, 12, 10)


@pytest.fixture
def world() -> World:
    world = build_world()
    world.municipality.require_mfa_for_admins = False
    world.municipality.save(update_fields=["require_mfa_for_admins"])
    return world


def log(world: World, language: str, **query: str) -> str:
    client = Client()
    client.force_login(world.admin)
    client.cookies["trepart_language"] = language
    response = client.get(URL, query)
    assert response.status_code == 200
    return unescape(response.content.decode())


def cells(html: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td>(.*?)</td>", html)]


def no_raw_structures(html: str) -> None:
    for cell in cells(html):
        assert not re.search(r"[\[{]'|'[\]}]|\{\"|\[\"", cell), cell
        assert "+00:00" not in cell, cell


@pytest.mark.parametrize(
    ("language", "present"), [("nb", "Til stede"), ("nn", "Til stades"), ("en", "Present")]
)
def test_attendance_is_named_by_the_person_not_by_an_id(
    world: World, language: str, present: str
) -> None:
    meeting = plan_meeting(world, MEETING_DAY)
    services.item_add(actor=world.secretary, meeting=meeting, kind="DISCUSSION", title="Budsjett")
    meeting = services.meeting_publish_agenda(
        actor=world.secretary, meeting=meeting, version=meeting.version
    )
    chair = world.person(world.chair)
    with time_machine.travel(at(MEETING_DAY, 19), tick=False):
        services.attendance_record(
            actor=world.secretary,
            meeting=meeting,
            rows=[services.AttendanceRow(person_id=chair.pk, status="PRESENT")],
        )

    html = log(world, language, type="meetings.Attendance")

    assert f"{chair.full_name} ({meeting.body.name} 2026-12-10)" in html
    assert not re.search(r"\b\d+: ", html)
    # The status is in the reader's language, and only there: not frozen in the name.
    assert present in html
    others = {"Til stede", "Til stades", "Present"} - {present}
    assert not any(other in html for other in others)
    no_raw_structures(html)


@pytest.mark.parametrize(
    ("language", "starts", "field"),
    [
        ("nb", "10.12.2026 18:00", "Starttid"),
        ("nn", "10.12.2026 18:00", "Starttid"),
        ("en", "12/10/2026", "Starts"),
    ],
)
def test_times_are_shown_as_the_reader_writes_them(
    world: World, language: str, starts: str, field: str
) -> None:
    plan_meeting(world, MEETING_DAY)

    html = log(world, language, type="meetings.Meeting")

    assert f'<th scope="row">{field}</th><td>{starts}' in html.replace("\n", "")
    assert "2026-12-10 17:00:00" not in html
    no_raw_structures(html)


@pytest.mark.parametrize(
    ("language", "parties"),
    [
        ("nb", "Folkevalgte, Ansatte"),
        ("nn", "Folkevalde, Tilsette"),
        ("en", "Elected politicians, Employees"),
    ],
)
def test_a_list_of_parties_is_shown_by_their_names(
    world: World, language: str, parties: str
) -> None:
    from trepart.analysis.instruments import SELF_ASSESSMENT, instrument_get_or_create

    instrument = instrument_get_or_create(municipality=world.municipality, key=SELF_ASSESSMENT)
    survey_create(
        actor=world.admin,
        instrument=instrument,
        title="Status 2026",
        parties=["POLITICAL", "EMPLOYEE"],
        opens_on=datetime.date(2026, 12, 1),
    )

    html = log(world, language, type="analysis.Survey")

    assert parties in html
    assert "POLITICAL" not in html and "['" not in html
    assert "01.12.2026" in html or "12/01/2026" in html or "2026-12-01" not in html
    no_raw_structures(html)


def test_a_frozen_analysis_on_an_item_is_words_not_a_mapping(world: World) -> None:
    meeting = plan_meeting(world, MEETING_DAY)
    services.item_add(
        actor=world.secretary,
        meeting=meeting,
        kind=AgendaItem.Kind.DISCUSSION,
        title="Sykefravær",
        snapshot={"type": "analysis", "title": "Sykefravær 2026", "notes": ["Få svar", "Ny"]},
    )
    assert AuditEntry.objects.filter(object_type="meetings.AgendaItem").exists()

    html = log(world, "en", type="meetings.AgendaItem")

    assert "Title: Sykefravær 2026" in html and "Notes: Få svar, Ny" in html
    no_raw_structures(html)


def test_entries_named_by_an_id_before_are_named_by_the_person(world: World) -> None:
    from django.apps import apps

    chair = world.person(world.chair)
    old = AuditEntry.objects.create(
        municipality=world.municipality,
        action=AuditEntry.Action.CREATE,
        object_type="meetings.Attendance",
        object_id="1",
        object_repr=f"{chair.pk}: Til stede",
    )
    migration = __import__(
        "trepart.meetings.migrations.0005_audit_names_without_ids", fromlist=["names_for_ids"]
    )

    migration.names_for_ids(apps, None)

    old.refresh_from_db()
    assert old.object_repr == chair.full_name
