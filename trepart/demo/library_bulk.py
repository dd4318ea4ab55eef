"""The oslo preset's library: a mandate for every LMU (one to four versions each, the
older ones superseded), a cooperation agreement per union and a plan per sector over ten
years — some thousands of documents and versions, written in bulk for the benchmark."""

from __future__ import annotations

import datetime
import random

from trepart.library.models import BodyDocument, Document, DocumentKind, DocumentVersion
from trepart.organisation.models import Body, Municipality, Unit

BATCH_SIZE = 2000
SEED = 15
UNIONS = ("Fagforbundet", "Sykepleierforbundet", "Utdanningsforbundet", "Delta", "FO", "NITO")
Status = DocumentVersion.Status


def _text(title: str, number: int) -> str:
    return (
        f"# {title}\nVersjon {number}.\n\n"
        "# Oppgaver\n- Behandle forslag fra ansatte.\n- Gi begrunnet svar innen fristen.\n\n"
        "# Arbeidsform\nBeslutninger tas ved enighet, og partene møtes jevnlig."
    )


def library_bulk_build(*, municipality: Municipality, today: datetime.date) -> None:
    rng = random.Random(SEED)
    approver = (
        Body.objects.filter(municipality=municipality, kind=Body.Kind.TRIPARTITE)
        .order_by("pk")
        .first()
    )
    lmus = list(Body.objects.filter(municipality=municipality, kind=Body.Kind.LMU).order_by("pk"))
    sectors = list(
        Unit.objects.filter(municipality=municipality, kind=Unit.Kind.SECTOR).order_by("pk")
    )
    planned: list[tuple[Document, Body | None, int]] = []
    for lmu in lmus:
        planned.append(
            (
                Document(
                    municipality=municipality,
                    kind=DocumentKind.BODY_MANDATE,
                    title=f"Mandat for {lmu.name}",
                ),
                lmu,
                rng.randint(1, 4),
            )
        )
    for union in UNIONS:
        title = f"Samarbeidsavtale med {union}"
        document = Document(
            municipality=municipality, kind=DocumentKind.UNION_AGREEMENT, title=title
        )
        planned.append((document, None, rng.randint(2, 5)))
    for sector in sectors:
        title = f"Kommunedelplan for {sector.name}"
        planned.append(
            (Document(municipality=municipality, kind=DocumentKind.PLAN, title=title), None, 3)
        )
    documents = Document.objects.bulk_create([row[0] for row in planned], batch_size=BATCH_SIZE)
    versions: list[DocumentVersion] = []
    links: list[BodyDocument] = []
    for document, (_document, body, count) in zip(documents, planned, strict=True):
        years = sorted(rng.sample(range(today.year - 10, today.year + 1), count))
        for number, year in enumerate(years, start=1):
            day = datetime.date(year, 1 + rng.randrange(12), 1)
            day = min(day, today)
            versions.append(
                DocumentVersion(
                    municipality=municipality,
                    document=document,
                    number=number,
                    text=_text(document.title, number),
                    status=Status.APPROVED if number == count else Status.SUPERSEDED,
                    approved_by=body or approver,
                    approved_on=day,
                    applies_from=day,
                    is_public=body is None,
                )
            )
        if body is not None:
            links.append(BodyDocument(municipality=municipality, body=body, document=document))
    DocumentVersion.objects.bulk_create(versions, batch_size=BATCH_SIZE)
    BodyDocument.objects.bulk_create(links, batch_size=BATCH_SIZE)
