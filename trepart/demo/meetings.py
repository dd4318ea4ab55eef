"""The demo's meetings: a year of them for the central bodies and two LMUs, told through
the meeting services.

Trepartssamarbeidsorganet meets five or six times a year, the coordination group every four
weeks, and two LMUs (the demo leader's and Vei og park's) each quarter. Past meetings have
their agenda published, attendance (a deputy in place of an absent politician), each
party's stand, outcomes, follow-up actions and minutes; the joint body's and the demo LMU's
minutes are approved by the chair and a member and published. The joint body's last
meeting holds the demo's one closed item (offentleglova § 23) and a paper sent late; the
coordination group's last meeting answers the citizen's proposal on traffic safety. The
next meeting has its agenda out; the rest of the plan is still to be filled.

As in the proposals demo, the services stamp everything with the moment they run, so the
timestamps of the past meetings are afterwards moved back to when the meetings were held.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field, replace
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from trepart.demo.development_data import (
    LEAN_MANDATE,
    OPPVEKST_MANDATE,
    ORMAASEN_MANDATE,
    VEI_OG_PARK_MANDATE,
    VEI_OG_PARK_RECOMMENDATION,
)
from trepart.demo.meetings_bulk import meetings_bulk_create
from trepart.demo.papers import paper_pdf, paper_upload
from trepart.demo.proposals import _backdate as _backdate_proposal
from trepart.meetings import rules, services
from trepart.meetings.models import (
    AgendaItem,
    Attendance,
    Document,
    DocumentVersion,
    FollowUp,
    Meeting,
    Minutes,
    MinutesApproval,
    Motion,
)
from trepart.organisation.models import Body, Membership, Municipality, Party, Person
from trepart.organisation.selectors import active_q
from trepart.organisation.services import membership_add
from trepart.platform.models import Notification
from trepart.proposals.models import AnswerKind, Proposal

# How many made-up meetings ``trepart generate`` writes for each preset, over four years.
BULK_COUNTS = {"small": 200, "medium": 800, "oslo": 2_000}

# Days from today of each body's meetings; negative ones have been held.
JOINT_DAYS = (-290, -215, -140, -63, 12, 85)
COORDINATION_DAYS = tuple(-1 + 28 * n for n in range(-11, 4))
LMU_DAYS = (-250, -160, -70, 20)

ORIENTATION, DISCUSSION, RECOMMENDATION, DECISION, PROPOSALS, RESULT_REPORT = (
    AgendaItem.Kind.ORIENTATION,
    AgendaItem.Kind.DISCUSSION,
    AgendaItem.Kind.RECOMMENDATION,
    AgendaItem.Kind.DECISION,
    AgendaItem.Kind.PROPOSALS,
    AgendaItem.Kind.RESULT_REPORT,
)
AGREE, LIVE_WITH, OBJECT = "AGREE", "CAN_LIVE_WITH", "OBJECT"

TRAFFIC = "Trafikksikring ved skoleveien"
CLOSED_TITLE = "Omstilling i hjemmetjenesten – kommunens forhandlingsposisjon"
LATE_PAPER = "Tilleggsnotat: oppdaterte tall for omstillingsmidler"


@dataclass(frozen=True)
class Case:
    """An agenda item and what became of it (when the meeting has been held)."""

    kind: str
    title: str
    description: str = ""
    papers: tuple[str, ...] = ()
    outcome: str = "NOTED"
    text: str = ""
    stands: dict[str, tuple[str, str]] = field(default_factory=dict)
    follow_up: tuple[str, int, str] | None = None  # title, due (days after), final status
    closed: str = ""  # legal basis


JOINT = [
    [
        Case(
            ORIENTATION,
            "Årsrapport for trepartssamarbeidet 2025",
            "Kommunedirektøren orienterer om arbeidet i utvalgene og LMU-ene det siste året.",
            papers=("Årsrapport 2025",),
        ),
        Case(
            RECOMMENDATION,
            "Handlingsplan for heltidskultur",
            "Forslag til handlingsplan med mål om flere hele stillinger i helse og omsorg.",
            papers=("Saksframlegg", "Utkast til handlingsplan"),
            outcome="CONSENSUS",
            text="Trepartsorganet innstiller på at kommunestyret vedtar handlingsplanen.",
            follow_up=("Legge handlingsplanen fram for kommunestyret", 40, "DONE"),
        ),
        Case(
            DISCUSSION,
            "Sykefraværet i helse og omsorg",
            "Gjennomgang av fraværstallene per enhet og tiltakene som er satt i verk.",
            papers=("Fraværsstatistikk 4. kvartal",),
        ),
        Case(
            DECISION,
            VEI_OG_PARK_MANDATE,
            "Vei og park har over tid hatt pålegg om å kutte kostnader uten å lykkes.",
            outcome="DECISION",
            text="Trepartsorganet setter i gang et utviklingsprosjekt med økonomisjefen som "
            "prosjektleder og de ansatte bredt representert. Målet er 1 million kroner i varig "
            "innsparing, med oppgavene vektet mot en ønsket standard.",
        ),
        Case(
            DECISION,
            ORMAASEN_MANDATE,
            "Et oppvekstmiljø der skole, barnehage og SFO samhandler og naturen brukes til lek "
            "og læring.",
            outcome="DECISION",
            text="Ledere, ansatte og foreldre utvikler tilbudet sammen; trepartsorganet følger "
            "arbeidet.",
        ),
    ],
    [
        Case(
            DISCUSSION,
            "Medarbeiderundersøkelsen 10-FAKTOR: resultater og oppfølging",
            "Resultatene per sektor; LMU-ene følger opp i egne enheter.",
            papers=("Resultater 10-FAKTOR",),
            outcome="CONSENSUS",
            text="Alle LMU lager en enkel tiltaksplan innen utgangen av juni.",
            follow_up=("Følge opp tiltaksplanene fra alle LMU", 70, "DONE"),
        ),
        Case(
            DECISION,
            OPPVEKST_MANDATE,
            "Kommunestyret ba om 4–6 millioner kroner i innsparing i oppvekst, funnet sammen.",
            outcome="DECISION",
            text="Partene, også sektorpolitikerne, går gjennom tjenestene sammen. Et omforent "
            "forslag behandles på vanlig måte i kommunens organer.",
        ),
        Case(
            DECISION,
            "Retningslinjer for medarbeiderskapskurs",
            "Tredagerskurs for alle ansatte og folkevalgte, med felles opplegg.",
            papers=("Retningslinjer",),
            outcome="DECISION",
            text="Retningslinjene vedtas og gjelder fra høsten.",
        ),
    ],
    [
        Case(
            RECOMMENDATION,
            "Lønnspolitisk plan 2026–2027",
            "Forslag til lønnspolitisk plan etter drøfting med organisasjonene.",
            papers=("Saksframlegg", "Lønnspolitisk plan"),
            outcome="DISAGREEMENT",
            text="Utvalget er ikke samlet; partenes syn følger saken til kommunestyret.",
            stands={
                Party.POLITICAL: (AGREE, "Planen gir en ryddig ramme for lokale forhandlinger."),
                Party.ADMINISTRATION: (AGREE, "Planen er i tråd med arbeidsgiverstrategien."),
                Party.EMPLOYEE: (
                    OBJECT,
                    "Planen prioriterer ikke de lavest lønte, og kompetansetillegg mangler.",
                ),
            },
        ),
        Case(
            DECISION,
            LEAN_MANDATE,
            "Forenkling og forbedring av arbeidsprosessene, ikke innsparing.",
            outcome="DECISION",
            text="Hjemmetjenesten starter en forbedringstavle; resultatene rapporteres hit.",
        ),
        Case(
            ORIENTATION,
            "Rekruttering av sykepleiere",
            "Status for rekrutteringen og bruken av vikarbyrå.",
            follow_up=("Risikovurdere bruken av vikarbyrå i sykehjemmene", 80, "OPEN"),
        ),
    ],
    [
        Case(RESULT_REPORT, "Resultatrapport: forslag, oppfølging og sykefravær"),
        Case(
            DISCUSSION,
            CLOSED_TITLE,
            "Kommunens posisjon før forhandlingene om omstilling og overtallighet.",
            papers=("Notat om forhandlingsposisjon",),
            outcome="CONSENSUS",
            text="Partene er enige om rammene for forhandlingene.",
            closed="OFFL_23",
            follow_up=(
                "Forberede drøftingsmøte om omstilling i hjemmetjenesten",
                80,
                "IN_PROGRESS",
            ),
        ),
        Case(
            RECOMMENDATION,
            VEI_OG_PARK_RECOMMENDATION,
            "Prosjektgruppens forslag: noen oppgaver kuttes, noen senkes og noen heves. De "
            "ansatte står bak forslaget.",
            outcome="CONSENSUS",
            text="Trepartsorganet innstiller enstemmig på at kommunestyret vedtar planen for "
            "Vei og park.",
        ),
        Case(
            RECOMMENDATION,
            "Budsjett 2027: innstilling om omstillingsmidler",
            "Forslag om å sette av midler til omstilling og kompetanseheving.",
            papers=("Saksframlegg",),
            outcome="CONSENSUS",
            text="Trepartsorganet innstiller på at det settes av 2 millioner kroner.",
            follow_up=("Oppdatere budsjettinnspillet med partenes merknader", 50, "OPEN"),
        ),
    ],
    [
        Case(RESULT_REPORT, "Resultatrapport: forslag, oppfølging og sykefravær"),
        Case(
            ORIENTATION,
            "Heltidskultur: status etter første halvår",
            "Hvor mange hele stillinger er det blitt, og hva har virket?",
            papers=("Statusrapport heltidskultur",),
        ),
        Case(
            DISCUSSION,
            "Arbeidsgiverstrategi 2027–2030",
            "Utkast til ny arbeidsgiverstrategi til drøfting før høring.",
            papers=("Saksframlegg", "Utkast til arbeidsgiverstrategi"),
        ),
    ],
    [Case(DECISION, "Møteplan for 2027")],
]

COORDINATION = [
    Case(
        ORIENTATION,
        "Status for utviklingsprosjektene",
        "Prosjektlederne orienterer kort om fremdrift og behov.",
    ),
    Case(
        DISCUSSION,
        "Samordning av vikarbruk i helse og omsorg",
        "Enhetene bruker de samme vikarene; kan vi samordne bedre?",
        outcome="CONSENSUS",
        text="Personal og organisasjon kartlegger vikarbruken før neste møte.",
    ),
    Case(DISCUSSION, "Kompetanseplan 2027", "Innspill fra sektorene til felles kompetanseplan."),
    Case(ORIENTATION, "Stillingsbanken: ledige stillinger og behov"),
    Case(
        DISCUSSION,
        "Oppfølging av medarbeiderundersøkelsen på tvers av enhetene",
        outcome="CONSENSUS",
        text="Koordineringsgruppa samler tiltakene som går igjen i flere enheter.",
    ),
]

LMU = [
    Case(
        DISCUSSION,
        "Vernerunde: oppfølging av avvik",
        "Avvikene fra vernerunden og hvem som følger dem opp.",
        outcome="CONSENSUS",
        text="LMU er enige om tiltakslisten.",
    ),
    Case(ORIENTATION, "Sykefravær i enheten", "Fraværet siste kvartal, uten personopplysninger."),
    Case(
        DISCUSSION,
        "Turnus og ferieavvikling",
        outcome="CONSENSUS",
        text="Ferielistene legges ut innen 1. mars.",
    ),
    Case(ORIENTATION, "Budsjett for enheten"),
    Case(DISCUSSION, "Opplæringsplan for neste halvår"),
]

LMU_FOLLOW_UPS = [
    ("Oppdatere turnus for sommeren", 40, "DONE"),
    ("Bestille nye løftehjelpemidler", 120, "IN_PROGRESS"),
    ("Gjennomføre vernerunde på nattvakt", 55, "OPEN"),
]


def meetings_build(*, municipality: Municipality, bulk: int = 0) -> int:
    """Write the demo's meetings (and ``bulk`` made-up ones); return how many in all."""
    written = 0
    if bulk:
        written = meetings_bulk_create(municipality=municipality, count=bulk)
    story = _Story.start(municipality)
    if story is None:  # a municipality without the demo's bodies and logins
        return written
    story.notices_seen = (
        Notification.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    )
    story.tell()
    # The members' messages are stored when the change commits; the addresses are made
    # up, so they are marked as sent then, like the proposals demo's.
    municipality_id = municipality.pk
    transaction.on_commit(
        lambda: Notification.objects.filter(
            municipality_id=municipality_id, sent_at__isnull=True
        ).update(sent_at=timezone.now())
    )
    return written + len(story.meetings)


@dataclass
class _Story:
    municipality: Municipality
    users: dict[str, Any]
    joint: Body
    coordination: Body
    lmus: list[Body]
    officer: Person
    today: datetime.date
    meetings: list[Meeting] = field(default_factory=list)
    published: dict[int, datetime.datetime] = field(default_factory=dict)
    notices_seen: int = 0  # the last members' message already dated (see _date_notices)

    @classmethod
    def start(cls, municipality: Municipality) -> _Story | None:
        users = {
            user.username: user
            for user in get_user_model()
            .objects.filter(municipality=municipality)
            .select_related("person")
        }
        bodies = Body.objects.filter(municipality=municipality)
        joint = bodies.filter(template_slot="lunner:trepartsorgan").first()
        coordination = bodies.filter(kind=Body.Kind.COORDINATION).order_by("pk").first()
        if joint is None or coordination is None or "admin" not in users or "leder" not in users:
            return None
        own = bodies.filter(kind=Body.Kind.LMU, memberships__person__user__username="leder")
        roads = bodies.filter(kind=Body.Kind.LMU, unit__name__icontains="vei og park")
        lmus = list(dict.fromkeys([*own[:1], *roads[:1]]))
        return cls(
            municipality=municipality,
            users=users,
            joint=joint,
            coordination=coordination,
            lmus=lmus,
            officer=users["kommunedirektor"].person,
            today=timezone.localdate(),
        )

    @property
    def admin(self) -> Any:
        return self.users["admin"]

    def at(self, days: int, hour: int) -> datetime.datetime:
        """``days`` from today at ``hour``, moved off a weekend (back for a past meeting,
        forward for a future one)."""
        day = self.today + datetime.timedelta(days=days)
        if day.weekday() >= 5:
            day += datetime.timedelta(days=4 - day.weekday() if days < 0 else 7 - day.weekday())
        return datetime.datetime.combine(
            day, datetime.time(hour), tzinfo=timezone.get_current_timezone()
        )

    # -- the plan ---------------------------------------------------------------------

    def tell(self) -> None:
        self._add_deputy()
        joint = services.meeting_plan(
            actor=self.admin,
            body=self.joint,
            starts=[self.at(d, 18) for d in JOINT_DAYS],
            duration=datetime.timedelta(hours=3),
            place="Kommunestyresalen, rådhuset",
        )
        for n, (meeting, cases) in enumerate(zip(joint, JOINT, strict=True)):
            self.hold(meeting, cases, minutes=True, late_paper=n == 3)
        coordination = services.meeting_plan(
            actor=self.admin,
            body=self.coordination,
            starts=[self.at(d, 12) for d in COORDINATION_DAYS],
            duration=datetime.timedelta(hours=2),
            place="Møterom Glitre, rådhuset",
            video_url="https://møte.eikvik.kommune.invalid/koordineringsgruppa",
        )
        held = [m for m in coordination if m.starts_at.date() < self.today]
        for n, meeting in enumerate(coordination):
            cases = [COORDINATION[n % len(COORDINATION)], COORDINATION[(n + 2) % 5]]
            traffic = self._traffic_item(meeting) if meeting == held[-1] else None
            self.hold(meeting, cases, minutes=False, late_release=n == 4)
            if traffic is not None:
                self._answer_traffic(traffic)
        for n, lmu in enumerate(self.lmus):
            meetings = services.meeting_plan(
                actor=self.admin,
                body=lmu,
                starts=[self.at(d + n * 3, 14) for d in LMU_DAYS],
                duration=datetime.timedelta(hours=1, minutes=30),
                place="Personalrommet",
            )
            for k, meeting in enumerate(meetings):
                cases = [LMU[(k * 2) % len(LMU)], LMU[(k * 2 + 1) % len(LMU)]]
                if k < len(LMU_FOLLOW_UPS):
                    title, due, status = LMU_FOLLOW_UPS[k]
                    cases[0] = replace(cases[0], follow_up=(title, due, status))
                self.hold(meeting, cases, minutes=n == 0)
        self._next_agenda()
        self._backdate()

    def _add_deputy(self) -> None:
        """The joint body's politicians have a deputy (vara) from the council's deputies."""
        taken = Membership.objects.filter(body=self.joint).values("person_id")
        deputy = (
            Membership.objects.filter(
                body__municipality=self.municipality,
                body__kind=Body.Kind.COUNCIL,
                role=Membership.Role.DEPUTY,
                person__user__isnull=True,
            )
            .exclude(person_id__in=taken)
            .order_by("pk")
            .first()
        )
        if deputy is not None:
            membership_add(
                actor=None,
                body=self.joint,
                person=deputy.person,
                party=Party.POLITICAL,
                role=Membership.Role.DEPUTY,
                capacity=Membership.Capacity.ELECTED,
                voting=False,
                start=self.today - datetime.timedelta(days=400),
            )

    # -- one meeting --------------------------------------------------------------------

    def hold(
        self,
        meeting: Meeting,
        cases: list[Case],
        *,
        minutes: bool,
        late_paper: bool = False,
        late_release: bool = False,
    ) -> None:
        """Fill the agenda; a past meeting is published, held, and followed up."""
        self.meetings.append(meeting)
        past = meeting.starts_at.date() < self.today
        items = []
        for case in cases:
            item = services.item_add(
                actor=self.admin,
                meeting=meeting,
                kind=case.kind,
                title=case.title,
                description=case.description,
                case_officer=self.officer,
                closed=bool(case.closed),
                legal_basis=case.closed,
            )
            for paper in case.papers:
                services.document_add(
                    actor=self.admin,
                    item=item,
                    title=paper,
                    upload=self._paper(paper, meeting, case.title, case.description),
                )
            items.append(item)
        if not past:
            return
        meeting = services.meeting_publish_agenda(
            actor=self.admin, meeting=meeting, version=meeting.version
        )
        ahead = 4 if late_release else 9
        self.published[meeting.pk] = meeting.starts_at - datetime.timedelta(days=ahead, hours=3)
        if late_paper:
            services.document_add(
                actor=self.admin,
                item=items[-1],
                title=LATE_PAPER,
                upload=self._paper(LATE_PAPER, meeting, cases[-1].title, ""),
            )
        present = self._attend(meeting)
        for case, item in zip(cases, items, strict=True):
            self._conclude(meeting, item, case, present)
        if minutes:
            self._minutes(meeting)
        self._date_notices(self.published[meeting.pk])

    def _date_notices(self, published: datetime.datetime) -> None:
        """Date the members' messages about this meeting (written when the build commits,
        after the ones about the meetings before it) on the day its agenda went out, so
        the history does not use up today's allowance before the digest."""
        municipality_id = self.municipality.pk

        def date() -> None:
            new = Notification.objects.filter(
                municipality_id=municipality_id,
                about_type=ContentType.objects.get_for_model(Meeting),
                pk__gt=self.notices_seen,
            )
            last = new.order_by("-pk").values_list("pk", flat=True).first()
            if last is not None:
                new.filter(pk__lte=last).update(
                    day=timezone.localtime(published).date(), created_at=published
                )
                self.notices_seen = last

        transaction.on_commit(date)

    def _paper(
        self, title: str, meeting: Meeting, case: str, description: str
    ) -> SimpleUploadedFile:
        content = paper_pdf(
            title=title,
            municipality=self.municipality.name,
            body=meeting.body.name,
            case=case,
            description=description,
        )
        return paper_upload(title, content)

    def _attend(self, meeting: Meeting) -> set[str]:
        """Everyone with a seat that day, but the first ordinary politician, whose deputy
        comes in their place."""
        seats = list(
            Membership.objects.filter(active_q(meeting.starts_at.date()), body=meeting.body)
            .order_by("party", "role", "pk")
            .select_related("person")
        )
        deputies = [s for s in seats if s.role == Membership.Role.DEPUTY]
        away = next(
            (
                s
                for s in seats
                if s.party == Party.POLITICAL and s.role == Membership.Role.MEMBER and deputies
            ),
            None,
        )
        rows = []
        seen: set[int] = set()
        for seat in seats:
            if seat.person_id in seen:
                continue
            seen.add(seat.person_id)
            if away is not None and seat.pk == away.pk:
                rows.append(services.AttendanceRow(seat.person_id, Attendance.Status.ABSENT))
            elif seat.role == Membership.Role.DEPUTY:
                if away is not None and seat.party == away.party:
                    rows.append(
                        services.AttendanceRow(
                            seat.person_id, Attendance.Status.DEPUTY, away.person_id
                        )
                    )
            else:
                rows.append(services.AttendanceRow(seat.person_id, Attendance.Status.PRESENT))
        services.attendance_record(actor=self.admin, meeting=meeting, rows=rows)
        return {
            s.party
            for s in seats
            if s.party in (Party.POLITICAL, Party.ADMINISTRATION, Party.EMPLOYEE)
        }

    def _conclude(self, meeting: Meeting, item: AgendaItem, case: Case, present: set[str]) -> None:
        item = AgendaItem.objects.select_related("meeting").get(pk=item.pk)
        if case.outcome in ("CONSENSUS", "DECISION", "DISAGREEMENT"):
            for party in sorted(present):
                stance, statement = case.stands.get(party, (AGREE, ""))
                services.stand_record(
                    actor=self.admin, item=item, party=party, stance=stance, statement=statement
                )
        if case.outcome == "DISAGREEMENT":
            services.motion_add(
                actor=self.admin,
                item=item,
                tabled_by="De ansattes representanter",
                text="Planen sendes tilbake for å ta inn kompetansetillegg.",
                votes_for=3,
                votes_against=6,
                adopted=False,
            )
        services.item_outcome_record(
            actor=self.admin,
            item=item,
            version=item.version,
            outcome=case.outcome,
            outcome_text=case.text,
        )
        if case.follow_up:
            title, due, status = case.follow_up
            owner = self.officer if meeting.body_id != self.lmus[0].pk else self._lmu_owner()
            action = services.follow_up_create(
                actor=self.admin,
                body=meeting.body,
                title=title,
                owner=owner,
                due_on=meeting.starts_at.date() + datetime.timedelta(days=due),
                item=item,
            )
            if status != FollowUp.Status.OPEN:
                services.follow_up_update(
                    actor=self.admin,
                    follow_up=action,
                    version=action.version,
                    status=status,
                    note="Ferdig og rapportert til utvalget." if status == "DONE" else "",
                )

    def _lmu_owner(self) -> Person:
        return self.users["leder"].person

    def _minutes(self, meeting: Meeting) -> None:
        """Drafted, approved by the chair and a member who was there, and published."""
        minutes = services.minutes_start(actor=self.admin, meeting=meeting)
        minutes = services.minutes_save(
            actor=self.admin,
            minutes=minutes,
            version=minutes.version,
            notes="Møtet ble lovlig innkalt. Sakslisten ble godkjent uten merknader.",
            discussions={},
        )
        chair, member = (
            ("ordforer", "hovedtillitsvalgt")
            if meeting.body_id == self.joint.pk
            else ("leder", "tillitsvalgt")
        )
        for username in (chair, member):
            minutes = services.minutes_approve(
                actor=self.users[username], minutes=minutes, version=minutes.version
            )
        services.minutes_publish(actor=self.admin, minutes=minutes, version=minutes.version)

    # -- the proposal answered in a meeting, and the next agenda ------------------------

    def _traffic_item(self, meeting: Meeting) -> tuple[AgendaItem, Proposal] | None:
        """The citizen's proposal on traffic safety, on the coordination group's agenda."""
        proposal = Proposal.objects.filter(
            municipality=self.municipality, title=TRAFFIC, body=self.coordination
        ).first()
        if proposal is None:
            return None
        item = services.item_add(
            actor=self.admin,
            meeting=meeting,
            kind=PROPOSALS,
            title="Forslag fra innbygger: trafikksikring ved skoleveien",
            case_officer=self.officer,
            proposals=[proposal],
        )
        return item, proposal

    def _answer_traffic(self, traffic: tuple[AgendaItem, Proposal]) -> None:
        """The meeting's outcome is the proposal's answer, in one step; the proposal's
        history is then moved back to the weeks before the meeting."""
        item, proposal = traffic
        item = AgendaItem.objects.select_related("meeting").get(pk=item.pk)
        reason = (
            "Koordineringsgruppa er enig i at skoleveien må sikres. Vei og park setter opp "
            "fartsdumper i vår, og gangfeltet tas med i trafikksikkerhetsplanen."
        )
        for party in (Party.POLITICAL, Party.ADMINISTRATION, Party.EMPLOYEE):
            services.stand_record(actor=self.admin, item=item, party=party, stance=AGREE)
        services.item_outcome_record(
            actor=self.admin,
            item=item,
            version=item.version,
            outcome="CONSENSUS",
            outcome_text=reason,
            steps=[
                services.ProposalStep(
                    proposal_id=proposal.pk,
                    action="answer",
                    kind=AnswerKind.IMPLEMENTED,
                    reason=reason,
                )
            ],
        )
        held = (self.today - timezone.localtime(item.meeting.starts_at).date()).days
        _backdate_proposal(proposal, start=held + 16, end=held)
        services.follow_up_create(
            actor=self.admin,
            body=self.coordination,
            title="Fartsdumper og gangfelt ved skoleveien",
            owner=self.officer,
            due_on=self.today + datetime.timedelta(days=120),
            item=item,
        )

    def _next_agenda(self) -> None:
        """The next meeting in the calendar has its agenda out (in good time)."""
        upcoming = sorted(
            (m for m in self.meetings if m.starts_at.date() >= self.today),
            key=lambda m: m.starts_at,
        )
        if upcoming:
            meeting = Meeting.objects.get(pk=upcoming[0].pk)
            services.meeting_publish_agenda(
                actor=self.admin, meeting=meeting, version=meeting.version
            )

    # -- moving the past back to when it happened ----------------------------------------

    def _backdate(self) -> None:
        for meeting_id, published in self.published.items():
            meeting = Meeting.objects.get(pk=meeting_id)
            late = rules.is_late(timezone.localtime(published).date(), meeting.release_due_on)
            Meeting.objects.filter(pk=meeting_id).update(published_at=published, released_late=late)
            # Ids first, and no ordering: an UPDATE through joins (a model's default
            # ordering joins its parents) is planned badly by PostgreSQL on fresh tables.
            item_ids = list(
                AgendaItem.objects.filter(meeting_id=meeting_id).values_list("pk", flat=True)
            )
            documents = Document.objects.filter(item_id__in=item_ids)
            document_ids = list(documents.values_list("pk", flat=True))
            documents.filter(late=False).order_by().update(
                released_at=published, created_at=published - datetime.timedelta(days=2)
            )
            documents.filter(late=True).order_by().update(
                released_at=published + datetime.timedelta(days=3),
                created_at=published + datetime.timedelta(days=3),
            )
            DocumentVersion.objects.filter(document_id__in=document_ids).order_by().update(
                created_at=published - datetime.timedelta(days=2)
            )
            held = meeting.starts_at
            Motion.objects.filter(item_id__in=item_ids).order_by().update(created_at=held)
            Minutes.objects.filter(
                meeting_id=meeting_id, published_at__isnull=False
            ).order_by().update(published_at=held + datetime.timedelta(days=14))
            minutes_ids = list(
                Minutes.objects.filter(meeting_id=meeting_id).values_list("pk", flat=True)
            )
            MinutesApproval.objects.filter(minutes_id__in=minutes_ids).order_by().update(
                approved_at=held + datetime.timedelta(days=10)
            )
            for action in FollowUp.objects.filter(item__meeting_id=meeting_id):
                action.created_at = held
                if action.status == FollowUp.Status.DONE:
                    action.done_on = action.due_on - datetime.timedelta(days=5)
                action.save(update_fields=["created_at", "done_on"])
