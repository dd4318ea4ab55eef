"""Nothing about a person in the stillingsbank reaches anyone outside it.

The bank world is filled with secrets: each case's person has an unmistakable name, a
position title, a note on qualifications, a wage and (one of them) the bank's note on
adapted work; there is an open offer of the hiring authority's own vacancy, a matching
round with a proposed pair, a history, and a published meeting of the bank with a closed
item about a case and the standing result report.

Then every page of the ``redeployment`` namespace (read from the URL resolver, so pages
added later are walked too, each with every id of the world) and every path under
``/api/v1/redeployment`` in the OpenAPI schema is asked — GET, and POST with an empty form —
by the public, an employee outside the bank, a hiring authority outside the bank and a user
of another municipality. Each answer is a refusal (302/401/403/404/405/400/422) or a page
without any secret, and nothing is changed. The meetings' public outputs of the bank's
meeting and the result report are read the same way. The bank's members must see the
secrets where they belong, so a test that reads empty pages cannot pass by accident.
"""

from __future__ import annotations

import datetime
import io
import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pypdf
import pytest
import time_machine
from django.test import Client
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse

from trepart.accounts.tests.factories import MunicipalityFactory
from trepart.meetings import services as meetings
from trepart.meetings.models import AgendaItem, Meeting
from trepart.redeployment.models import (
    CaseEvent,
    MatchRound,
    Offer,
    OfferPart,
    ProposedPair,
    RedeploymentCase,
)
from trepart.redeployment.privacy import CLOSED_BASIS
from trepart.redeployment.services.outcomes import case_outcome_record
from trepart.redeployment.tests.figures_world import add_case
from trepart.redeployment.tests.world import BankWorld, build_bank_world, login

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 11, 20, 12, tzinfo=datetime.UTC)
MEETING_AT = datetime.datetime(2026, 11, 25, 15, tzinfo=datetime.UTC)
NAMES = {
    "anne": ("Annemor", "Kvitlaksen"),
    "bjorn": ("Bjørnulf", "Sjøormsen"),
    "cecilie": ("Cecilia", "Tindvedhaug"),
}
NOTE = "Tåler ikke tunge løft."
CLOSED_TEXT = "Forhandlingsnotat om sluttvederlag"
REFUSED = {302, 400, 401, 403, 404, 405, 409, 422}


@dataclass
class LeakWorld:
    bank: BankWorld
    meeting: Meeting
    secrets: list[str]
    readers: dict[str, Any]
    ids: list[int]


@pytest.fixture(autouse=True)
def _now() -> Iterator[None]:
    with time_machine.travel(NOW, tick=False):
        yield


def _fill(world: BankWorld) -> list[str]:
    secrets = [NOTE, CLOSED_TEXT]
    for key, (first, last) in NAMES.items():
        case = world.cases[key]
        person = case.person
        person.first_name, person.last_name = first, last
        person.save()
        user = world.people[key]
        user.first_name, user.last_name = first, last
        user.save()
        case.position = f"Stillingstittel-{last}"
        case.qualifications_note = f"Kvalifikasjonsnotat-{last}"
        case.wage_level = 512_345 + len(secrets)
        case.save()
        secrets += [
            f"{first} {last}",
            last,
            case.position,
            case.qualifications_note,
            f"{case.wage_level:,}".replace(",", " "),
            f"{case.wage_level:,}".replace(",", "\u00a0"),
            str(case.wage_level),
        ]
    return secrets


def _history(world: BankWorld) -> None:
    anne = world.cases["anne"]
    offer = Offer.objects.create(
        municipality=world.municipality,
        case=anne,
        made_on=datetime.date(2026, 11, 10),
        deadline=datetime.date(2026, 11, 24),
        made_by=world.members["chair"],
    )
    OfferPart.objects.create(
        municipality=world.municipality, offer=offer, vacancy=world.vacancies["assistent"]
    )
    anne.status = "OFFERED"
    anne.save()
    matching = MatchRound.objects.create(
        municipality=world.municipality,
        bank=world.bank,
        result={"pairs": [{"case": str(anne.pk), "vacancy": str(world.vacancies["assistent"].pk)}]},
    )
    ProposedPair.objects.create(
        municipality=world.municipality,
        round=matching,
        case=anne,
        vacancy=world.vacancies["assistent"],
        score=1.0,
    )
    bjorn = world.cases["bjorn"]
    case_outcome_record(
        actor=world.members["chair"],
        case=bjorn,
        version=bjorn.version,
        kind=CaseEvent.Kind.NOTICE,
        on=datetime.date(2026, 11, 1),
        why=f"Ingen passende stilling for {NAMES['bjorn'][1]}.",
    )
    # Enough people for the figures to be shown at all (aggregates only).
    for days in (30, 40, 50, 60, 70, 80):
        add_case(world, year=2025, placed_after=days)


def _meeting(world: BankWorld) -> Meeting:
    chair = world.members["chair"]
    meeting = meetings.meeting_create(
        actor=chair,
        body=world.bank,
        starts_at=MEETING_AT,
        ends_at=MEETING_AT + datetime.timedelta(hours=1),
        place="Rådhuset",
    )
    meetings.item_add(actor=chair, meeting=meeting, kind="DISCUSSION", title="Ledige stillinger")
    meetings.item_add(
        actor=chair,
        meeting=meeting,
        kind=AgendaItem.Kind.DISCUSSION,
        title=f"Sak om {' '.join(NAMES['anne'])}",
        description=CLOSED_TEXT,
        closed=True,
        legal_basis=CLOSED_BASIS,
    )
    meetings.item_add(
        actor=chair, meeting=meeting, kind=AgendaItem.Kind.RESULT_REPORT, title="Resultater"
    )
    meeting.refresh_from_db()
    return meetings.meeting_publish_agenda(actor=chair, meeting=meeting, version=meeting.version)


@pytest.fixture
def leak() -> LeakWorld:
    world = build_bank_world()
    secrets = _fill(world)
    _history(world)
    meeting = _meeting(world)
    readers = {
        "anonymous": None,
        "outsider": world.outsider,
        "hiring": world.hiring,
        "stranger": login(MunicipalityFactory.create(), leader=True),
    }
    ids = sorted(
        {
            *RedeploymentCase.objects.values_list("pk", flat=True),
            *(vacancy.pk for vacancy in world.vacancies.values()),
            *Offer.objects.values_list("pk", flat=True),
            *MatchRound.objects.values_list("pk", flat=True),
            *ProposedPair.objects.values_list("pk", flat=True),
            *CaseEvent.objects.values_list("pk", flat=True),
        }
    )
    return LeakWorld(bank=world, meeting=meeting, secrets=secrets, readers=readers, ids=ids)


def client_for(user: Any = None) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    if user is not None:
        client.force_login(user)
    return client


def text_of(response: Any) -> str:
    if response.get("Content-Type", "").startswith("application/pdf"):
        reader = pypdf.PdfReader(io.BytesIO(response.content))
        text = " ".join(page.extract_text() or "" for page in reader.pages)
        return " ".join(text.split()) + " " + str(reader.metadata)
    return response.content.decode(errors="replace")


def assert_clean(response: Any, secrets: list[str], where: str) -> None:
    if response.status_code in REFUSED:
        body = response.content.decode(errors="replace")
    else:
        assert response.status_code == 200, f"{where}: {response.status_code}"
        body = text_of(response)
    for secret in secrets:
        assert secret not in body, f"{secret!r} leaked into {where}"


def namespace_patterns() -> list[tuple[str, list[str]]]:
    """Every named page of the ``redeployment`` namespace with its arguments' names."""
    found: list[tuple[str, list[str]]] = []

    def walk(patterns: list[Any]) -> None:
        for entry in patterns:
            if isinstance(entry, URLResolver):
                walk(entry.url_patterns)
            elif isinstance(entry, URLPattern) and entry.name:
                pattern: Any = entry.pattern
                converters = getattr(pattern, "converters", None)
                names = list(converters) if converters else list(pattern.regex.groupindex)
                found.append((entry.name, names))

    for entry in get_resolver().url_patterns:
        if isinstance(entry, URLResolver) and entry.namespace == "redeployment":
            walk(entry.url_patterns)
    assert found, "the redeployment namespace has no pages"
    return found


def page_urls(ids: list[int]) -> list[str]:
    urls = []
    for name, arguments in namespace_patterns():
        for values in itertools.product(ids, repeat=len(arguments)):
            try:
                urls.append(
                    reverse(
                        f"redeployment:{name}", kwargs=dict(zip(arguments, values, strict=True))
                    )
                )
            except NoReverseMatch:  # an argument that is not a number (a token, a slug)
                urls.append(reverse(f"redeployment:{name}", kwargs=dict.fromkeys(arguments, "x")))
    return sorted(set(urls))


def api_paths(ids: list[int]) -> list[tuple[str, str]]:
    schema = Client().get("/api/v1/openapi.json").json()
    found = []
    for path, operations in schema["paths"].items():
        if not path.startswith("/api/v1/redeployment"):
            continue
        parameters = [part[1:-1] for part in path.split("/") if part.startswith("{")]
        for method in operations:
            for values in itertools.product(ids, repeat=len(parameters)):
                filled = path
                for parameter, value in zip(parameters, values, strict=True):
                    filled = filled.replace(f"{{{parameter}}}", str(value))
                found.append((method.upper(), filled))
    return found


def counts() -> tuple[int, ...]:
    return (
        RedeploymentCase.objects.count(),
        CaseEvent.objects.count(),
        Offer.objects.count(),
        sum(RedeploymentCase.objects.values_list("version", flat=True)),
    )


READERS = ["anonymous", "outsider", "hiring", "stranger"]


@pytest.mark.parametrize("reader", READERS)
def test_no_page_of_the_bank_shows_a_person_to_anyone_outside_it(
    leak: LeakWorld, reader: str
) -> None:
    client = client_for(leak.readers[reader])
    before = counts()
    for url in page_urls(leak.ids):
        assert_clean(client.get(url), leak.secrets, f"GET {url} ({reader})")
        assert_clean(client.post(url, {}), leak.secrets, f"POST {url} ({reader})")
    assert counts() == before


@pytest.mark.parametrize("reader", READERS)
def test_no_api_answer_about_the_bank_shows_a_person_to_anyone_outside_it(
    leak: LeakWorld, reader: str
) -> None:
    client = client_for(leak.readers[reader])
    before = counts()
    paths = api_paths(leak.ids)
    assert ("GET", "/api/v1/redeployment/figures") in paths
    for method, path in paths:
        if method == "GET":
            response = client.get(path)
        else:
            response = client.generic(method, path, "{}", content_type="application/json")
        assert response.status_code in REFUSED or method == "GET", f"{method} {path}"
        assert_clean(response, leak.secrets, f"{method} {path} ({reader})")
        if method == "GET" and path.endswith("/history"):
            assert response.status_code in REFUSED, f"{path} answered {reader}"
    assert counts() == before


@pytest.mark.parametrize("reader", ["anonymous", "outsider", "stranger"])
def test_the_banks_meeting_shows_no_person_in_public_outputs(leak: LeakWorld, reader: str) -> None:
    client = client_for(leak.readers[reader])
    meeting = leak.meeting
    kommune = {"kommune": leak.bank.municipality.organisation_number}
    outputs = {
        "meeting page": client.get(reverse("meetings:meeting-detail", args=[meeting.pk])),
        "calendar": client.get(reverse("meetings:calendar"), kommune),
        "body feed": client.get(reverse("meetings:ical-body", args=[leak.bank.bank.pk])),
        "notice PDF": client.get(reverse("meetings:notice-pdf", args=[meeting.pk])),
        "API meeting": client.get(f"/api/v1/meetings/{meeting.pk}"),
        "body page": client.get(reverse("organisation:body-detail", args=[leak.bank.bank.pk])),
    }
    for where, response in outputs.items():
        assert_clean(response, leak.secrets, f"{where} ({reader})")
    # The public reads the meeting (an open item) but not the closed one's content.
    if reader == "anonymous":
        page = text_of(outputs["meeting page"])
        assert "Ledige stillinger" in page


@pytest.mark.parametrize("reader", ["outsider", "hiring"])
def test_a_colleagues_profile_says_nothing_of_their_case(leak: LeakWorld, reader: str) -> None:
    client = client_for(leak.readers[reader])
    case_only = [secret for secret in leak.secrets if secret not in _names()]
    assert NOTE in case_only and "Stillingstittel-Kvitlaksen" in case_only
    for case in leak.bank.cases.values():
        response = client.get(reverse("organisation:person-detail", args=[case.person_id]))
        assert_clean(response, case_only, f"profile of case {case.pk} ({reader})")
        # The menu may link a hiring authority to the bank's vacancies; the profile itself
        # (the main content) says nothing of the bank.
        main = text_of(response).split("<main", 1)[-1].split("</main>", 1)[0]
        assert "stillingsbank" not in main.lower()


def _names() -> set[str]:
    """The persons' names, which colleagues may read on a profile (their case they may not)."""
    return {text for first, last in NAMES.values() for text in (f"{first} {last}", last)}


def test_the_result_report_is_aggregates_only(leak: LeakWorld) -> None:
    item = leak.meeting.items.get(kind=AgendaItem.Kind.RESULT_REPORT)
    assert item.snapshot is not None
    section = item.snapshot["redeployment"]
    assert section["total"]["registered"] == 8
    text = str(item.snapshot)
    for secret in leak.secrets:
        assert secret not in text
    page = text_of(client_for().get(reverse("meetings:meeting-detail", args=[leak.meeting.pk])))
    assert "Redundant employees registered" in page


def test_the_banks_members_see_the_people_the_others_may_not(leak: LeakWorld) -> None:
    member = client_for(leak.bank.members["union"])
    anne = leak.bank.cases["anne"]
    rights = text_of(member.get(reverse("redeployment:rights")))
    assert " ".join(NAMES["bjorn"]) in rights
    record = text_of(
        member.get(reverse("redeployment:outcome_record", args=[leak.bank.cases["bjorn"].pk]))
    )
    assert NOTE in record
    history = member.get(f"/api/v1/redeployment/cases/{anne.pk}/history").json()
    assert history["case"]["person"] == " ".join(NAMES["anne"])
    notice = text_of(member.get(reverse("meetings:notice-pdf", args=[leak.meeting.pk])))
    assert "Annemor Kvitlaksen" in notice


def test_a_hiring_authority_sees_its_vacancy_but_not_who_it_is_offered_to(
    leak: LeakWorld,
) -> None:
    vacancy = leak.bank.vacancies["assistent"]
    try:
        url = reverse("redeployment:vacancy_detail", args=[vacancy.pk])
    except NoReverseMatch:
        pytest.skip("the vacancy page is not there yet")
    response = client_for(leak.bank.hiring).get(url)
    assert response.status_code == 200
    text = text_of(response)
    assert vacancy.title in text
    for secret in leak.secrets:
        assert secret not in text
