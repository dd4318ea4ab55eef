"""The demo's told proposals, one by one: who sends each, and how far it gets through the
services; first those answered or closed, then those still being handled.
``trepart.demo.proposals`` sets up the story they are told in and spreads their history
back in time afterwards.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from trepart.demo.plan import UNIT
from trepart.organisation.selectors import today
from trepart.proposals import services
from trepart.proposals.models import AnswerKind, DecisionMaker, Position

if TYPE_CHECKING:
    from trepart.demo.proposals import _Story

LIVE_WITH, OBJECT = Position.Stance.LIVE_WITH, Position.Stance.OBJECT


def tell(story: _Story) -> None:
    """Submit the told proposals and take each through its steps, stamped today."""
    u = story.users
    home = story.units[story.plan.people.demo_unit]
    leader, rep, safety = (
        story.person_id("leder"),
        story.person_id("tillitsvalgt"),
        story.person_id("verneombud"),
    )
    del leader  # the chair agrees by default
    avoid = (story.plan.people.demo_unit,)
    roads = story.unit_of_type("Vei og park", "uteetat", avoid=avoid)
    kindergarten = story.unit_of_type("barnehage", avoid=(*avoid, story.index_of(roads)))
    school = story.unit_of_type(
        "skole",
        "ungdomsskole",
        avoid=(*avoid, story.index_of(roads), story.index_of(kindergarten)),
    )
    offices = [
        story.units[row.index]
        for row in story.plan.units
        if row.kind == UNIT and row.sector_kind == "administrasjon"
    ][:2]
    if len(offices) < 2:  # a tiny municipality: any two units will do
        offices = [roads, school]
    admin = u["admin"]

    # Vei og park: several units and money, so the joint committee decides on the
    # coordination group's recommendation, and the council makes the formal decision.
    # Each step is taken by the demo login that holds the seat: the HR chief chairs the
    # coordination group; the mayor chairs the joint committee and the council, so records
    # the committee's recommendation and, after the council's meeting, its decision.
    roads_user = story.employee_user(roads)
    green = story.submit(
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
    services.proposal_take_up(actor=u["ordforer"], proposal=green)
    services.proposal_advise(
        actor=u["personalsjef"],
        proposal=green,
        text=(
            "Koordineringsgruppa anbefaler forslaget. Skolene og barnehagene støtter det, "
            "og innsparingen på kjøpte tjenester dekker investeringen på under to år."
        ),
    )
    services.proposal_recommend(
        actor=u["ordforer"],
        proposal=green,
        decision_maker=DecisionMaker.COUNCIL,
        text=(
            "Partssammensatt utvalg innstiller enstemmig på at kommunestyret bevilger "
            "450 000 kroner til gressklipper og tilhenger for Vei og park."
        ),
    )
    services.proposal_decide(
        actor=u["ordforer"],
        proposal=green,
        kind=AnswerKind.IMPLEMENTED,
        reason=(
            "Kommunestyret vedtok i møtet 12. juni å bevilge 450 000 kroner over "
            "investeringsbudsjettet. Vei og park tar over grøntvedlikeholdet fra neste "
            "sesong, og avtalen med det private firmaet sies opp."
        ),
    )

    # A workplace proposal answered by the LMU, and later carried out.
    tablet = story.submit(
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
    story.positions(tablet, actor=u["leder"])
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
    shelter = story.submit(
        story.employee_user(kindergarten),
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
    story.positions(shelter, actor=admin)
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
    canteen = story.submit(
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

    rest = story.submit(
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
    story.positions(rest, actor=u["leder"])
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
    citizen = story.people[story.plan.people.citizens[-1]]
    benches = story.submit(
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

    shoes = story.submit(
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
    medicine = story.submit(
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
    story.positions(medicine, actor=u["leder"], stances={safety: ("", "")})

    wishes = story.submit(
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
    story.positions(wishes, actor=u["leder"])
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
    pool = story.submit(
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
    bikes = story.submit(
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
    activity = story.submit(
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
    story.positions(activity, actor=u["leder"])

    # Blocked: the safety representative objects, with a reason.
    shifts = story.submit(
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
    story.positions(
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
    report = story.submit(
        story.employee_user(home, 3),
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

    welfare = story.submit(
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

    keys = story.submit(
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
    duplicate = story.submit(
        story.employee_user(home, 4),
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

    story.submit(
        story.employee_user(school),
        4,
        4,
        title="Stillesone på arbeidsrommet",
        description=(
            "Arbeidsrommet er fullt av samtaler og telefoner. En avskjermet stillesone "
            "med fire plasser ville gjort det mulig å rette prøver og planlegge i ro."
        ),
        unit_ids=[school.pk],
    )
    story.submit(
        None,
        2,
        2,
        title="Trafikksikring ved skoleveien",
        description=(
            "Bilene kjører fort forbi skolen om morgenen, og mange barn krysser veien "
            "uten fotgjengerfelt. Kan kommunen sette opp fartsdumper og et gangfelt?"
        ),
        proposer_name=story.people[story.plan.people.citizens[-2]].full_name,
        hide_name=True,
    )
