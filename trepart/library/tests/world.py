"""A small municipality with a library, for the library's tests.

Trepartsutvalget (the tripartite body) has a politician, an administration member and a
union representative, each with a login; an LMU has a leader with a login; ``employee`` sits
in no body; ``admin`` administers the municipality; ``stranger`` belongs to another one.
The tripartite agreement has two approved public versions (the second in force) and a
draft; the employer policy is internal; the LMU's mandate governs the LMU. Rows are made
directly, as test data: the services under test are not used to build their own world.
"""

from __future__ import annotations

import datetime
import zoneinfo
from dataclasses import dataclass
from typing import Any

from trepart.accounts.tests.factories import MunicipalAdminFactory, MunicipalityFactory, UserFactory
from trepart.library.models import BodyDocument, Document, DocumentKind, DocumentVersion
from trepart.meetings.models import AgendaItem, Meeting
from trepart.organisation.models import Body, Membership, Municipality, Person
from trepart.organisation.tests.factories import BodyFactory, MembershipFactory, PersonFactory

OSLO = zoneinfo.ZoneInfo("Europe/Oslo")
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
Status = DocumentVersion.Status

AGREEMENT_V1 = """# Formål
Partene skal samarbeide om å utvikle kommunen til beste for innbyggerne.

# Partene
Trepartssamarbeidet består av folkevalgte, administrasjonen og de ansatte.

Avtalen evalueres hvert år."""

AGREEMENT_V2 = """# Formål
Partene skal samarbeide om å utvikle kommunen til beste for innbyggere og brukere.

# Partene
Trepartssamarbeidet består av folkevalgte, administrasjonen og de ansatte gjennom
tillitsvalgte og verneombud.

# Møter
- Trepartsutvalget møtes fire ganger i året.
- Sakslisten er felles.

Avtalen evalueres hvert år."""


@dataclass
class LibraryWorld:
    municipality: Municipality
    tripartite: Body
    lmu: Body
    item: AgendaItem
    agreement: Document
    v1: DocumentVersion
    v2: DocumentVersion
    draft: DocumentVersion
    policy: Document
    mandate: Document
    politician: Any
    union_rep: Any
    lmu_leader: Any
    employee: Any
    admin: Any
    stranger: Any


def _seat(body: Body, party: str, *, kind: str, capacity: str) -> Any:
    user = UserFactory.create(municipality=body.municipality)
    person = PersonFactory.create(municipality=body.municipality, kind=kind, user=user)
    MembershipFactory.create(body=body, person=person, party=party, capacity=capacity)
    return user


def meeting_item(body: Body, day: datetime.date, title: str, number: int = 1) -> AgendaItem:
    meeting = Meeting.objects.create(
        municipality=body.municipality,
        body=body,
        starts_at=datetime.datetime.combine(day, datetime.time(18), tzinfo=OSLO),
        place="Kommunestyresalen",
        release_due_on=day - datetime.timedelta(days=7),
    )
    return AgendaItem.objects.create(
        municipality=body.municipality,
        meeting=meeting,
        body=body,
        year=day.year,
        number=number,
        kind=AgendaItem.Kind.DISCUSSION,
        title=title,
    )


def approved(
    document: Document,
    number: int,
    text: str,
    *,
    body: Body,
    applies_from: datetime.date,
    public: bool = True,
    item: AgendaItem | None = None,
    status: str = Status.APPROVED,
    proposed_by: Person | None = None,
) -> DocumentVersion:
    return DocumentVersion.objects.create(
        municipality=document.municipality,
        document=document,
        number=number,
        text=text,
        status=status,
        approved_by=body,
        approved_item=item,
        approved_on=applies_from,
        applies_from=applies_from,
        is_public=public,
        proposed_by=proposed_by,
    )


def build_library_world() -> LibraryWorld:
    municipality = MunicipalityFactory.create(name="Eikvik kommune")
    tripartite = BodyFactory.create(municipality=municipality, name="Trepartsutvalget")
    lmu = BodyFactory.create(municipality=municipality, name="LMU Eikvik skole", kind=Body.Kind.LMU)
    politician = _seat(
        tripartite,
        "POLITICAL",
        kind=Person.Kind.POLITICIAN,
        capacity=Membership.Capacity.ELECTED,
    )
    union_rep = _seat(
        tripartite, "EMPLOYEE", kind=Person.Kind.EMPLOYEE, capacity=Membership.Capacity.UNION_REP
    )
    lmu_leader = _seat(
        lmu, "ADMINISTRATION", kind=Person.Kind.EMPLOYEE, capacity=Membership.Capacity.LEADER
    )
    employee = UserFactory.create(municipality=municipality)
    PersonFactory.create(municipality=municipality, user=employee)
    item = meeting_item(tripartite, datetime.date(2025, 11, 20), "Revidert trepartsavtale")
    agreement = Document.objects.create(
        municipality=municipality,
        kind=DocumentKind.TRIPARTITE_AGREEMENT,
        title="Trepartsavtale",
    )
    v1 = approved(
        agreement,
        1,
        AGREEMENT_V1,
        body=tripartite,
        applies_from=datetime.date(2020, 1, 1),
        status=Status.SUPERSEDED,
        proposed_by=politician.person,
    )
    v2 = approved(
        agreement,
        2,
        AGREEMENT_V2,
        body=tripartite,
        applies_from=datetime.date(2026, 1, 1),
        item=item,
        proposed_by=union_rep.person,
    )
    draft = DocumentVersion.objects.create(
        municipality=municipality,
        document=agreement,
        number=3,
        text=AGREEMENT_V2 + "\n\nUtkast: nytt avsnitt.",
        is_public=True,
    )
    BodyDocument.objects.create(municipality=municipality, body=tripartite, document=agreement)
    policy = Document.objects.create(
        municipality=municipality, kind=DocumentKind.EMPLOYER_POLICY, title="Arbeidsgiverpolitikk"
    )
    approved(
        policy,
        1,
        "Intern arbeidsgiverpolitikk.",
        body=tripartite,
        applies_from=datetime.date(2024, 1, 1),
        public=False,
    )
    mandate = Document.objects.create(
        municipality=municipality, kind=DocumentKind.BODY_MANDATE, title="Mandat for LMU"
    )
    approved(
        mandate,
        1,
        "LMU drøfter enhetens planer.",
        body=lmu,
        applies_from=datetime.date(2024, 1, 1),
        public=False,
    )
    BodyDocument.objects.create(municipality=municipality, body=lmu, document=mandate)
    return LibraryWorld(
        municipality=municipality,
        tripartite=tripartite,
        lmu=lmu,
        item=item,
        agreement=agreement,
        v1=v1,
        v2=v2,
        draft=draft,
        policy=policy,
        mandate=mandate,
        politician=politician,
        union_rep=union_rep,
        lmu_leader=lmu_leader,
        employee=employee,
        admin=MunicipalAdminFactory.create(municipality=municipality),
        stranger=UserFactory.create(),
    )


def upload(name: str = "avtale.pdf", content: bytes = PDF) -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type="application/pdf")
