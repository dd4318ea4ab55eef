"""The demo's library: the agreement on tripartite cooperation in two versions (the second
approved by the tripartite body on an item added to its latest held meeting, in force from
the month after), the verdimanifest, the arbeidsgiverpolitikk (with a draft of its next version),
the kommunedelplan and the LMU mandate of one unit (internal). The tripartite body is
governed by the agreement and the plan, the LMU by its mandate.

The demo tells a past, so the rows are written directly. For the ``oslo`` preset (``bulk``)
``library_bulk`` adds the volume the benchmark measures.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from trepart.demo import library_texts as texts
from trepart.demo.library_bulk import library_bulk_build
from trepart.demo.seats import TRIPARTITE
from trepart.library.models import BodyDocument, Document, DocumentKind, DocumentVersion
from trepart.meetings.models import AgendaItem, Meeting
from trepart.organisation.models import Body, Municipality, Person

USERS = ("kommunedirektor", "hovedtillitsvalgt", "ordforer", "personalsjef")
Status = DocumentVersion.Status


def library_build(*, municipality: Municipality, preset: str, bulk: bool) -> None:
    tripartite = Body.objects.filter(municipality=municipality, template_slot=TRIPARTITE).first()
    if tripartite is None:
        return
    people: dict[str, Person | None] = {
        user.username: getattr(user, "person", None)
        for user in get_user_model()
        .objects.filter(municipality=municipality, username__in=USERS)
        .select_related("person")
    }
    today = timezone.localdate()
    with transaction.atomic():
        _Library(municipality, tripartite, people, today).write()
    if bulk and preset == "oslo":
        library_bulk_build(municipality=municipality, today=today)


class _Library:
    def __init__(
        self,
        municipality: Municipality,
        tripartite: Body,
        people: dict[str, Any],
        today: datetime.date,
    ) -> None:
        self.municipality, self.tripartite, self.people, self.today = (
            municipality,
            tripartite,
            people,
            today,
        )

    def write(self) -> None:
        first = datetime.date(self.today.year - 6, 1, 1)
        item = self._item("Revidert avtale om trepartssamarbeid")
        # Adopted at the meeting, in force from the first of the next month (today at the
        # latest, so the demo shows it in force).
        adopted = (
            timezone.localtime(item.meeting.starts_at).date()
            if item is not None
            else self.today - datetime.timedelta(days=60)
        )
        in_force = min(
            (adopted.replace(day=1) + datetime.timedelta(days=32)).replace(day=1), self.today
        )
        agreement = self._document(DocumentKind.TRIPARTITE_AGREEMENT, texts.AGREEMENT_TITLE)
        self._version(
            agreement,
            1,
            texts.AGREEMENT_V1,
            on=first,
            status=Status.SUPERSEDED,
            proposer="kommunedirektor",
        )
        self._version(
            agreement,
            2,
            texts.AGREEMENT_V2,
            on=in_force,
            approved_on=adopted,
            item=item,
            note=texts.AGREEMENT_V2_NOTE,
            proposer="hovedtillitsvalgt",
        )
        manifesto = self._document(DocumentKind.VALUES_MANIFESTO, texts.MANIFESTO_TITLE)
        self._version(manifesto, 1, texts.MANIFESTO, on=first, proposer="ordforer")
        policy = self._document(DocumentKind.EMPLOYER_POLICY, texts.POLICY_TITLE)
        self._version(
            policy,
            1,
            texts.POLICY,
            on=datetime.date(self.today.year - 3, 1, 1),
            proposer="personalsjef",
        )
        DocumentVersion.objects.create(
            municipality=self.municipality,
            document=policy,
            number=2,
            text=texts.POLICY_DRAFT,
            change_note=texts.POLICY_DRAFT_NOTE,
            proposed_by=self.people.get("hovedtillitsvalgt"),
            is_public=True,
        )
        plan = self._document(DocumentKind.PLAN, texts.PLAN_TITLE)
        self._version(plan, 1, texts.PLAN, on=datetime.date(self.today.year - 4, 6, 1))
        self._link(self.tripartite, agreement)
        self._link(self.tripartite, plan)
        lmu = (
            Body.objects.filter(municipality=self.municipality, kind=Body.Kind.LMU)
            .order_by("name", "pk")
            .first()
        )
        if lmu is not None:
            mandate = self._document(
                DocumentKind.BODY_MANDATE, f"{texts.LMU_MANDATE_TITLE} {lmu.name}"
            )
            self._version(
                mandate,
                1,
                texts.LMU_MANDATE,
                on=datetime.date(self.today.year - 2, 1, 1),
                body=lmu,
                public=False,
            )
            self._link(lmu, mandate)

    def _document(self, kind: str, title: str) -> Document:
        return Document.objects.create(municipality=self.municipality, kind=kind, title=title)

    def _version(
        self,
        document: Document,
        number: int,
        text: str,
        *,
        on: datetime.date,
        approved_on: datetime.date | None = None,
        status: str = Status.APPROVED,
        item: AgendaItem | None = None,
        note: str = "",
        proposer: str = "",
        body: Body | None = None,
        public: bool = True,
    ) -> DocumentVersion:
        return DocumentVersion.objects.create(
            municipality=self.municipality,
            document=document,
            number=number,
            text=text,
            change_note=note,
            proposed_by=self.people.get(proposer),
            status=status,
            approved_by=body or self.tripartite,
            approved_item=item,
            approved_on=approved_on or on,
            applies_from=on,
            is_public=public,
        )

    def _link(self, body: Body, document: Document) -> None:
        BodyDocument.objects.create(municipality=self.municipality, body=body, document=document)

    def _item(self, title: str) -> AgendaItem | None:
        """An item added to the tripartite body's latest held meeting, where the revised
        agreement was adopted (the meetings' story is told first; ``None`` without one)."""
        meeting = (
            Meeting.objects.filter(
                body=self.tripartite,
                status=Meeting.Status.HELD,
                starts_at__date__lt=self.today,
            )
            .order_by("-starts_at")
            .first()
        )
        if meeting is None:
            return None
        day = timezone.localtime(meeting.starts_at).date()
        numbers = AgendaItem.objects.filter(body=self.tripartite, year=day.year).aggregate(
            last=Max("number")
        )
        positions = meeting.items.aggregate(last=Max("position"))
        return AgendaItem.objects.create(
            municipality=self.municipality,
            meeting=meeting,
            body=self.tripartite,
            position=(positions["last"] or 0) + 1,
            year=day.year,
            number=(numbers["last"] or 0) + 1,
            kind=AgendaItem.Kind.DECISION,
            title=title,
            description="Avtalen er evaluert av partene. Forslag til revidert avtale legges fram.",
            outcome=AgendaItem.Outcome.DECISION,
            outcome_text="Revidert avtale om trepartssamarbeid vedtas.",
        )
