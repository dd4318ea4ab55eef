"""The demo's proposals: a few told through the services, and many written in bulk.

The told ones go through the same services as a user's clicks, so their history,
answers, positions, audit entries and messages are real. They are shaped like the cases
the method was built on (a cross-unit cost proposal from Vei og park decided by the
council, a citizen's proposal, an LMU blocked by an objection …), cover every status,
and sit where the demo logins find them in their inboxes.

The services stamp everything with today's date, so each told proposal's history is
afterwards spread back over the weeks it would have taken (``_backdate``): the demo
backdates its own rows, and the dates a deadline depends on (arrival, answer date, the
answer's days and whether it came in time) are worked out again from the moved history.

The demo's messages to proposers are stored like any other but marked as sent: the
addresses are made up, and a worker started later must not try to mail them.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.utils import timezone

from trepart.demo import seats
from trepart.demo.plan import UNIT
from trepart.organisation.models import Body, Municipality, Person, Unit
from trepart.organisation.selectors import today
from trepart.proposals import services
from trepart.proposals.models import (
    Answer,
    AnswerKind,
    DecisionMaker,
    Event,
    Notification,
    Position,
    Proposal,
    Status,
)

# How many made-up proposals ``trepart generate`` writes for each preset, over three years.
BULK_COUNTS = {"small": 1_000, "medium": 10_000, "oslo": 100_000}

AGREE, LIVE_WITH, OBJECT = (
    Position.Stance.AGREE,
    Position.Stance.LIVE_WITH,
    Position.Stance.OBJECT,
)


def proposals_build(
    *,
    municipality: Municipality,
    plan: seats.Plan,
    units: list[Unit],
    people: list[Person],
    bulk: int = 0,
) -> int:
    """Write ``bulk`` made-up proposals, then the told ones; return how many in all."""
    services.routing_rules_ensure(actor=None, municipality=municipality)
    written = 0
    if bulk:
        from trepart.demo.proposals_bulk import proposals_bulk_create

        written = proposals_bulk_create(
            municipality=municipality,
            plan=plan,
            units=units,
            people=people,
            count=bulk,
        )
    story = _Story.start(municipality=municipality, plan=plan, units=units, people=people)
    story.tell()
    Notification.objects.filter(municipality=municipality, sent_at__isnull=True).update(
        sent_at=timezone.now()
    )
    return written + len(story.told)


@dataclass
class _Story:
    municipality: Municipality
    plan: seats.Plan
    units: list[Unit]
    people: list[Person]
    users: dict[str, Any]
    told: list[tuple[Proposal, int, int]] = field(default_factory=list)

    @classmethod
    def start(
        cls,
        *,
        municipality: Municipality,
        plan: seats.Plan,
        units: list[Unit],
        people: list[Person],
    ) -> _Story:
        users = {
            user.username: user
            for user in get_user_model().objects.filter(
                municipality=municipality, username__in=plan.logins
            )
        }
        return cls(municipality, plan, units, people, users)

    # -- who and where ---------------------------------------------------------------

    def unit_of_type(self, *kinds: str, avoid: tuple[int, ...] = ()) -> Unit:
        """The first unit of the first of ``kinds`` the municipality has (by plan order)."""
        rows = [row for row in self.plan.units if row.kind == UNIT and row.index not in avoid]
        for kind in kinds:
            for row in rows:
                if row.unit_type == kind or row.name == kind:
                    return self.units[row.index]
        return self.units[rows[0].index]

    def index_of(self, unit: Unit) -> int:
        return next(i for i, u in enumerate(self.units) if u.pk == unit.pk)

    def employee_user(self, unit: Unit, nth: int = 0) -> Any:
        """A login for an employee of ``unit`` who is not one of the demo logins.

        Proposals from employees need a user; these have no usable password.
        """
        taken = set(self.plan.logins.values())
        staff = [i for i in self.plan.people.by_unit[self.index_of(unit)][1:] if i not in taken]
        person = self.people[staff[nth % len(staff)]]
        if person.user_id is not None:
            return person.user
        user = get_user_model().objects.create_user(
            username=f"demo-{person.external_id.lower()}",
            email=person.email,
            first_name=person.first_name,
            last_name=person.last_name,
            municipality=self.municipality,
        )
        person.user = user
        person.save(update_fields=["user"])
        user.person = person
        return user

    def lmu(self, unit: Unit) -> Body:
        return Body.objects.get(municipality=self.municipality, unit=unit, kind=Body.Kind.LMU)

    def first_body(self, kind: str) -> Body:
        return Body.objects.filter(municipality=self.municipality, kind=kind).order_by("pk")[0]

    # -- steps -----------------------------------------------------------------------

    def submit(self, actor: Any, start: int, end: int, **fields: Any) -> Proposal:
        """Submit now; ``start`` and ``end`` say how many days ago its history will span."""
        proposal = services.proposal_submit(actor=actor, municipality=self.municipality, **fields)
        self.told.append((proposal, start, end))
        return proposal

    def positions(
        self, proposal: Proposal, *, actor: Any, stances: dict[int, tuple[str, str]] | None = None
    ) -> None:
        """Every voting seat's position (default: agree); ``stances`` by person id."""
        stances = stances or {}
        for seat in services.voting_seats(proposal.body):
            stance, reason = stances.get(seat.person_id, (AGREE, ""))
            if stance:
                services.position_record(
                    actor=actor, proposal=proposal, membership=seat, stance=stance, reason=reason
                )
        proposal.refresh_from_db()

    def person_id(self, username: str) -> int:
        return self.people[self.plan.logins[username]].pk

    # -- the proposals -----------------------------------------------------------------

    def tell(self) -> None:
        u = self.users
        home = self.units[self.plan.people.demo_unit]
        leader, rep, safety = (
            self.person_id("leder"),
            self.person_id("tillitsvalgt"),
            self.person_id("verneombud"),
        )
        del leader  # the chair agrees by default
        avoid = (self.plan.people.demo_unit,)
        roads = self.unit_of_type("Vei og park", "uteetat", avoid=avoid)
        kindergarten = self.unit_of_type("barnehage", avoid=(*avoid, self.index_of(roads)))
        school = self.unit_of_type(
            "skole",
            "ungdomsskole",
            avoid=(*avoid, self.index_of(roads), self.index_of(kindergarten)),
        )
        offices = [
            self.units[row.index]
            for row in self.plan.units
            if row.kind == UNIT and row.sector_kind == "administrasjon"
        ][:2]
        if len(offices) < 2:  # a tiny municipality: any two units will do
            offices = [roads, school]
        admin = u["admin"]

        # Vei og park: several units and money, so the joint committee decides on the
        # coordination group's recommendation, and the council makes the formal decision.
        roads_user = self.employee_user(roads)
        green = self.submit(
            roads_user,
            210,
            120,
            title="Vei og park tar over grøntvedlikeholdet ved skoler og barnehager",
            description=(
                "I dag kjøper kommunen klipping av gress, beskjæring og vedlikehold av "
                "uteområdene ved skoler og barnehager fra private firma. Vi i Vei og park "
                "har kompetansen og kan gjøre jobben selv hvis vi får en ny gressklipper og "
                "en tilhenger. Det gir faste oppgaver om sommeren, og uteområdene blir "
                "fulgt opp av folk som kjenner dem. Anslått kostnad er 450 000 kroner, og "
                "innkjøpet av tjenester (om lag 300 000 kroner i året) faller bort."
            ),
            unit_ids=[roads.pk, school.pk, kindergarten.pk],
            needs_money=True,
            cost_estimate=450_000,
        )
        services.proposal_take_up(actor=admin, proposal=green)
        services.proposal_advise(
            actor=admin,
            proposal=green,
            text=(
                "Koordineringsgruppa anbefaler forslaget. Skolene og barnehagene støtter det, "
                "og innsparingen på kjøpte tjenester dekker investeringen på under to år."
            ),
        )
        services.proposal_recommend(
            actor=admin,
            proposal=green,
            decision_maker=DecisionMaker.COUNCIL,
            text=(
                "Partssammensatt utvalg innstiller enstemmig på at kommunestyret bevilger "
                "450 000 kroner til gressklipper og tilhenger for Vei og park."
            ),
        )
        services.proposal_decide(
            actor=admin,
            proposal=green,
            kind=AnswerKind.IMPLEMENTED,
            reason=(
                "Kommunestyret vedtok i møtet 12. juni å bevilge 450 000 kroner over "
                "investeringsbudsjettet. Vei og park tar over grøntvedlikeholdet fra neste "
                "sesong, og avtalen med det private firmaet sies opp."
            ),
        )

        # A workplace proposal answered by the LMU, and later carried out.
        tablet = self.submit(
            u["verneombud"],
            170,
            100,
            title="Digital vaktbok på nettbrett",
            description=(
                "Vaktboka er en perm på vaktrommet. Beskjeder blir borte og er vanskelige å "
                "finne igjen. Vi foreslår en digital vaktbok på nettbrett, slik at alle på "
                "vakt ser de samme beskjedene og kan kvittere for at de har lest dem."
            ),
            unit_ids=[home.pk],
        )
        services.proposal_take_up(actor=u["leder"], proposal=tablet)
        self.positions(tablet, actor=u["leder"])
        services.proposal_answer(
            actor=u["leder"],
            proposal=tablet,
            kind=AnswerKind.IMPLEMENTED,
            reason=(
                "LMU er enige om å innføre digital vaktbok. Enheten kjøper to nettbrett, og "
                "alle får opplæring på personalmøtet i neste måned."
            ),
        )
        services.proposal_mark_done(
            actor=u["leder"], proposal=tablet, note="Nettbrettene er i bruk på begge vaktrom."
        )

        # A kindergarten's LMU, whose members have no demo login: the secretary records.
        shelter = self.submit(
            self.employee_user(kindergarten),
            300,
            265,
            title="Skjermtak over sandkassa",
            description=(
                "Barna leker mye i sandkassa, men den ligger i full sol hele dagen. Et "
                "skjermtak gir skygge om sommeren og ly for regn resten av året."
            ),
            unit_ids=[kindergarten.pk],
        )
        services.proposal_take_up(actor=admin, proposal=shelter)
        self.positions(shelter, actor=admin)
        services.proposal_answer(
            actor=admin,
            proposal=shelter,
            kind=AnswerKind.IMPLEMENTED,
            reason=(
                "LMU er enige. Barnehagen bruker midler fra eget driftsbudsjett, og "
                "eiendomsdrift setter opp taket i vårferien."
            ),
        )

        # Several units, so the coordination group answers; here it says no.
        canteen = self.submit(
            u["kommunedirektor"],
            240,
            200,
            title="Felles kantineordning i rådhuset",
            description=(
                "Ansatte i rådhuset har ingen kantine. Forslaget er en felles ordning der "
                "avdelingene deler på å bestille lunsj fra storkjøkkenet to dager i uka."
            ),
            unit_ids=[unit.pk for unit in offices],
        )
        services.proposal_take_up(actor=admin, proposal=canteen)
        services.proposal_answer(
            actor=admin,
            proposal=canteen,
            kind=AnswerKind.REJECTED,
            reason=(
                "Storkjøkkenet har ikke kapasitet til flere leveranser nå. Koordineringsgruppa "
                "tar spørsmålet opp igjen når det nye kjøkkenet står ferdig."
            ),
        )

        rest = self.submit(
            u["tillitsvalgt"],
            125,
            90,
            title="Eget hvilerom for nattevakter",
            description=(
                "Nattevaktene har ikke noe sted å ta pausen sin uten å bli forstyrret. Vi "
                "foreslår å gjøre om et av lagerrommene til et hvilerom."
            ),
            unit_ids=[home.pk],
        )
        services.proposal_take_up(actor=u["leder"], proposal=rest)
        self.positions(rest, actor=u["leder"])
        services.proposal_answer(
            actor=u["leder"],
            proposal=rest,
            kind=AnswerKind.REJECTED,
            reason=(
                "Det finnes ikke et ledig rom i bygget i dag. LMU tar behovet med i "
                "planene for ombyggingen neste år, og nattevaktene kan bruke møterommet."
            ),
        )

        # A citizen's proposal goes to the coordination group.
        citizen = self.people[self.plan.people.citizens[-1]]
        benches = self.submit(
            None,
            95,
            40,
            title="Benker og lys langs turveien ved elva",
            description=(
                "Turveien langs elva brukes av mange eldre, men det er langt mellom hver "
                "benk og mørkt om vinteren. Flere benker og noen lyspunkter ville gjort "
                "turen tryggere og mer innbydende."
            ),
            proposer_name=citizen.full_name,
            proposer_email=citizen.email,
        )
        services.proposal_take_up(actor=admin, proposal=benches)
        services.proposal_answer(
            actor=admin,
            proposal=benches,
            kind=AnswerKind.IMPLEMENTED,
            reason=(
                "Koordineringsgruppa har bedt Vei og park sette ut fire nye benker i vår. "
                "Lys langs turveien tas med i neste års budsjett for gatelys."
            ),
        )

        shoes = self.submit(
            u["ansatt"],
            70,
            60,
            title="Felles bestilling av arbeidssko",
            description=(
                "Mange kjøper arbeidssko selv. En felles bestilling gjennom kommunen ville "
                "gitt bedre sko og lavere pris."
            ),
            unit_ids=[home.pk],
        )
        services.proposal_withdraw(
            actor=u["ansatt"],
            proposal=shoes,
            reason="Kommunen har allerede en avtale om arbeidssko, så forslaget trengs ikke.",
        )

        # Overdue: taken up eight weeks ago and still waiting for one position.
        medicine = self.submit(
            u["verneombud"],
            52,
            44,
            title="Skjerming av medisinrommet mot forstyrrelser",
            description=(
                "Den som deler ut medisiner blir ofte avbrutt. Vi foreslår en rød vest og "
                "et skilt på døra til medisinrommet, slik at ingen forstyrrer under "
                "utdelingen."
            ),
            unit_ids=[home.pk],
        )
        services.proposal_take_up(actor=u["leder"], proposal=medicine)
        self.positions(medicine, actor=u["leder"], stances={safety: ("", "")})

        wishes = self.submit(
            u["tillitsvalgt"],
            50,
            30,
            title="Prøveordning med ønsketurnus",
            description=(
                "I en ønsketurnus setter de ansatte opp vaktene sine selv innenfor faste "
                "rammer. Vi foreslår å prøve det i et halvt år."
            ),
            unit_ids=[home.pk],
        )
        services.proposal_take_up(actor=u["leder"], proposal=wishes)
        self.positions(wishes, actor=u["leder"])
        services.proposal_answer(
            actor=u["leder"],
            proposal=wishes,
            kind=AnswerKind.FURTHER_EVALUATION,
            reason=(
                "LMU er positive, men vil først se hvordan ordningen har fungert ved to "
                "andre enheter. Vi gir svar når erfaringene er samlet."
            ),
            new_due_on=today() + datetime.timedelta(days=75),
        )

        # Escalated by the LMU to the coordination group: it concerns several units.
        pool = self.submit(
            u["tillitsvalgt"],
            30,
            12,
            title="Felles vikarpool for helse og omsorg",
            description=(
                "Enhetene ringer rundt til de samme vikarene hver helg. En felles vikarpool "
                "med faste vikarer ville gitt mer stabile vakter og mindre overtid."
            ),
            unit_ids=[home.pk],
        )
        services.proposal_take_up(actor=u["leder"], proposal=pool)
        services.proposal_escalate(
            actor=u["leder"],
            proposal=pool,
            reason=(
                "Forslaget berører alle enhetene i helse og omsorg. LMU sender det til "
                "koordineringsgruppa, som kan se enhetene under ett."
            ),
        )

        # Money again: the coordination group has recommended, and the joint committee has
        # recommended it to the chief executive, whose decision is awaited.
        bikes = self.submit(
            u["hovedtillitsvalgt"],
            40,
            10,
            title="El-sykler til hjemmebesøk og oppfølging av grøntområder",
            description=(
                "Mange korte turer gjøres med bil. Seks el-sykler delt mellom enheten og "
                "Vei og park vil spare drivstoff og parkering og gi mer bevegelse i "
                "arbeidsdagen."
            ),
            unit_ids=[home.pk, roads.pk],
            needs_money=True,
            cost_estimate=180_000,
        )
        services.proposal_take_up(actor=admin, proposal=bikes)
        services.proposal_advise(
            actor=admin,
            proposal=bikes,
            text=(
                "Koordineringsgruppa anbefaler en prøveordning med seks sykler i ett år, "
                "med en enkel rapport om bruken etterpå."
            ),
        )
        services.proposal_recommend(
            actor=admin,
            proposal=bikes,
            decision_maker=DecisionMaker.CHIEF_EXECUTIVE,
            text=(
                "Utvalget innstiller på at kommunedirektøren kjøper inn seks el-sykler "
                "innenfor rammen til helse og omsorg og teknisk."
            ),
        )

        # Service users are affected and the LMU has no service-user member: the
        # coordination group waives the requirement, and the LMU has agreed.
        activity = self.submit(
            u["ansatt"],
            25,
            3,
            title="Fast aktivitetsdag hver onsdag for brukerne",
            description=(
                "Brukerne ønsker mer å gjøre i hverdagen. Vi foreslår en fast "
                "aktivitetsdag hver onsdag med tur, musikk eller baking, og at "
                "frivilligsentralen inviteres med."
            ),
            unit_ids=[home.pk],
            service_users_affected=True,
        )
        services.proposal_waive_service_user(
            actor=admin,
            proposal=activity,
            reason=(
                "Enheten har ingen brukerrepresentant i LMU. Koordineringsgruppa har hørt "
                "brukerrådet, som støtter forslaget, og LMU kan avgjøre det uten."
            ),
        )
        services.proposal_take_up(actor=u["leder"], proposal=activity)
        self.positions(activity, actor=u["leder"])

        # Blocked: the safety representative objects, with a reason.
        shifts = self.submit(
            u["ansatt"],
            20,
            5,
            title="Tolvtimersvakter i helgene",
            description=(
                "Mange vil heller jobbe lengre vakter i helgene og få færre helger på jobb. "
                "Vi foreslår å prøve tolvtimersvakter annenhver helg i et halvt år."
            ),
            unit_ids=[home.pk],
        )
        services.proposal_take_up(actor=u["leder"], proposal=shifts)
        self.positions(
            shifts,
            actor=u["leder"],
            stances={
                rep: (LIVE_WITH, ""),
                safety: (
                    OBJECT,
                    "Lange vakter gir større belastning og mer risiko for feil mot slutten "
                    "av vakta. Vi må ha en risikovurdering før vi prøver dette.",
                ),
            },
        )

        # A name shown only to the LMU.
        report = self.submit(
            self.employee_user(home, 3),
            8,
            6,
            title="Tydeligere rutine for å melde fra om uønskede hendelser",
            description=(
                "Det er uklart hvem man skal si fra til når noe går galt mellom kolleger, "
                "og mange lar være. Vi trenger en enkel rutine som alle kjenner."
            ),
            unit_ids=[home.pk],
            hide_name=True,
        )
        services.proposal_take_up(actor=u["leder"], proposal=report)

        welfare = self.submit(
            u["hovedverneombud"],
            6,
            6,
            title="Digitalt nattilsyn med sensorer",
            description=(
                "Digitalt tilsyn gir færre forstyrrelser for brukerne om natta og frigjør "
                "tid for nattevaktene. Forslaget gjelder sensorer ved to enheter."
            ),
            unit_ids=[home.pk, kindergarten.pk if kindergarten.pk != home.pk else roads.pk],
            needs_money=True,
            cost_estimate=240_000,
        )
        del welfare  # waits for the coordination group's recommendation

        keys = self.submit(
            u["ansatt"],
            3,
            3,
            title="Nøkkelskap med kodelås for tjenestebilene",
            description=(
                "Nøklene til tjenestebilene henger på en krok på vaktrommet, og det hender "
                "at de blir borte. Et nøkkelskap med kodelås viser hvem som har hvilken bil."
            ),
            unit_ids=[home.pk],
        )
        duplicate = self.submit(
            self.employee_user(home, 4),
            1,
            1,
            title="Bedre system for bilnøkler",
            description="Bilnøklene forsvinner stadig. Kan vi få et skap med lås til dem?",
            unit_ids=[home.pk],
        )
        services.proposal_merge(
            actor=u["leder"],
            proposal=duplicate,
            into=keys,
            reason="Samme forslag som nøkkelskap med kodelås; de behandles sammen.",
        )

        self.submit(
            self.employee_user(school),
            4,
            4,
            title="Stillesone på arbeidsrommet",
            description=(
                "Arbeidsrommet er fullt av samtaler og telefoner. En avskjermet stillesone "
                "med fire plasser ville gjort det mulig å rette prøver og planlegge i ro."
            ),
            unit_ids=[school.pk],
        )
        self.submit(
            None,
            2,
            2,
            title="Trafikksikring ved skoleveien",
            description=(
                "Bilene kjører fort forbi skolen om morgenen, og mange barn krysser veien "
                "uten fotgjengerfelt. Kan kommunen sette opp fartsdumper og et gangfelt?"
            ),
            proposer_name=self.people[self.plan.people.citizens[-2]].full_name,
            hide_name=True,
        )

        for proposal, start, end in self.told:
            _backdate(proposal, start=start, end=end)


ARRIVALS = (Event.Kind.ROUTED, Event.Kind.ESCALATED)
ANSWERS = (Event.Kind.ANSWERED, Event.Kind.DECIDED)


def _backdate(proposal: Proposal, *, start: int, end: int) -> None:
    """Spread the proposal's history from ``start`` to ``end`` days ago, and work out
    the dates that follow from it again."""
    now = timezone.localtime()
    first = now.replace(hour=9, minute=0, second=0, microsecond=0) - datetime.timedelta(days=start)
    events = list(Event.objects.filter(proposal=proposal).order_by("pk"))
    later = [e for e in events if e.kind not in (Event.Kind.SUBMITTED, Event.Kind.ROUTED)]
    span = datetime.timedelta(days=start - end, hours=5)
    for event in events:
        event.created_at = first
    for n, event in enumerate(later, start=1):
        event.created_at = first + span * n / len(later)
    Event.objects.bulk_update(events, ["created_at"])

    def day(event: Event) -> datetime.date:
        return timezone.localtime(event.created_at).date()

    current = Proposal.objects.select_related("body").get(pk=proposal.pk)
    deadline = datetime.timedelta(days=current.body.answer_deadline_days)
    changes: dict[str, Any] = {
        "created_at": first,
        "updated_at": max(e.created_at for e in events),
    }
    arrivals = [e for e in events if e.kind in ARRIVALS and e.body_id == current.body_id]
    if arrivals:
        changes["arrived_on"] = day(arrivals[-1])
        if current.status != Status.FURTHER_EVALUATION:
            changes["due_on"] = changes["arrived_on"] + deadline
    answers = [e for e in events if e.kind in ANSWERS]
    if answers:
        answered = day(answers[0])
        before = [e for e in events if e.kind in ARRIVALS and e.pk < answers[0].pk]
        changes["answer_days"] = (answered - first.date()).days
        changes["answered_in_time"] = answered <= day(before[-1]) + deadline
        changes["answered_on"] = day(answers[-1])
    done = [e for e in events if e.kind == Event.Kind.DONE]
    if done:
        changes["done_on"] = day(done[-1])
    Proposal.objects.filter(pk=proposal.pk).update(**changes)
    _follow(list(Answer.objects.filter(proposal=proposal).order_by("pk")), events, ANSWERS)
    _follow(
        list(Position.objects.filter(proposal=proposal).order_by("pk")),
        events,
        (Event.Kind.POSITION,),
    )


def _follow(rows: list[Any], events: list[Event], kinds: tuple[str, ...]) -> None:
    """Give answers or positions the time of the history step that recorded them."""
    steps = [e for e in events if e.kind in kinds]
    for row, step in zip(rows, steps, strict=False):
        row.created_at = step.created_at
    if rows:
        type(rows[0]).objects.bulk_update(rows, ["created_at"])
