"""The demo's development work as data: the tasks of the Vei og park review and the
oppvekst pilot, the Balanse 2010 measures, the Lea'n board and the Ormåsen project.

Kroner are yearly; a task's levels are ``kind: (cost, FTEs, quality 0–10)``, KEEP being
the task as it is done today. The figures are made up in the proportions the sources
describe (Vei og park cut costs by cutting some tasks, lowering some and raising others;
Tjenesteoptimal looks for 4–6 MNOK; Balanse 2010 saved 16 MNOK, mostly as fewer FTEs through
natural attrition).
"""

from __future__ import annotations

from dataclasses import dataclass

# The joint body's items that give the mandates and carry Vei og park's innstilling (the
# meetings demo puts them on its agendas; the development demo links them).
VEI_OG_PARK_MANDATE = "Mandat: tjenestegjennomgang i Vei og park"
VEI_OG_PARK_RECOMMENDATION = "Tjenestegjennomgang Vei og park: innstilling til kommunestyret"
ORMAASEN_MANDATE = "Visjon og mandat: Ormåsen naturbarnehage"
OPPVEKST_MANDATE = "Mandat: Tjenesteoptimal, pilot i oppvekst"
LEAN_MANDATE = "Mandat: Lea'n i hjemmetjenesten"


@dataclass(frozen=True)
class DemoTask:
    name: str
    levels: dict[str, tuple[int, float, int]]
    statutory_minimum: str = ""
    current: str = ""
    desired: str = ""
    volume: str = ""
    satisfaction: float | None = None
    # The parties' weights (0–10): administration, employees, politicians (None: the party
    # has not weighed).
    weights: tuple[int, int, int | None] = (5, 5, None)


def _levels(
    keep: int,
    ftes: float,
    *,
    lower: float = 0.7,
    raise_: float = 1.25,
    removable: bool = True,
    quality: tuple[int, int, int, int] = (0, 4, 7, 9),
) -> dict[str, tuple[int, float, int]]:
    """REMOVE, LOWER, KEEP and RAISE in the usual proportions of cost and FTEs."""
    levels = {
        "LOWER": (int(round(keep * lower, -3)), round(ftes * lower, 2), quality[1]),
        "KEEP": (keep, ftes, quality[2]),
        "RAISE": (int(round(keep * raise_, -3)), round(ftes * raise_, 2), quality[3]),
    }
    if removable:
        levels["REMOVE"] = (0, 0.0, quality[0])
    return levels


VEI_OG_PARK_TARGET = 1_000_000

VEI_OG_PARK = (
    DemoTask(
        "Brøyting og strøing av kommunale veier",
        _levels(3_200_000, 4.0, lower=0.85),
        statutory_minimum="LOWER",
        current="Brøyting fra 5 cm snø, strøing av alle bakker",
        desired="Brøyting fra 8 cm på boligveier, 5 cm på skoleveier",
        volume="86 km vei",
        satisfaction=4.1,
        weights=(8, 9, None),
    ),
    DemoTask(
        "Feiing og renhold av gater og plasser",
        _levels(900_000, 1.2),
        current="Feiing hver uke i sentrum",
        desired="Feiing annenhver uke, etter behov",
        satisfaction=4.4,
        weights=(4, 5, None),
    ),
    DemoTask(
        "Gressklipp i parker og grøntanlegg",
        _levels(1_400_000, 2.0),
        current="Klipp hver uke i sesongen",
        desired="Slåttemark i deler av parkene",
        volume="48 dekar",
        satisfaction=4.6,
        weights=(4, 3, None),
    ),
    DemoTask(
        "Sommerblomster og bed i sentrum",
        _levels(450_000, 0.6),
        current="Tre beplantninger i året",
        desired="Stauder som står flere år",
        satisfaction=5.0,
        weights=(2, 4, None),
    ),
    DemoTask(
        "Tilsyn og vedlikehold av lekeplasser",
        _levels(600_000, 0.8, removable=False, quality=(0, 3, 7, 9)),
        statutory_minimum="KEEP",
        current="Hovedinspeksjon hvert år, tilsyn hver måned",
        desired="Som i dag, og lekeplassene oppgraderes",
        volume="23 lekeplasser",
        satisfaction=3.8,
        weights=(9, 8, None),
    ),
    DemoTask(
        "Drift og utskifting av gatelys",
        _levels(1_100_000, 0.5, lower=0.8),
        current="Utskifting når lys slokner",
        desired="LED og styring: lavere strømkost",
        satisfaction=4.0,
        weights=(6, 6, None),
    ),
    DemoTask(
        "Skilting og oppmerking",
        _levels(350_000, 0.4),
        statutory_minimum="LOWER",
        satisfaction=4.2,
        weights=(5, 4, None),
    ),
    DemoTask(
        "Tømming av søppelkasser i parker og på turstier",
        _levels(300_000, 0.5),
        current="To ganger i uka",
        desired="Etter fyllingsgrad",
        weights=(3, 6, None),
    ),
    DemoTask(
        "Skjøtsel av turstier og lysløype",
        _levels(400_000, 0.5),
        satisfaction=4.7,
        weights=(6, 7, None),
    ),
    DemoTask(
        "Gravetillatelser og henvendelser fra innbyggere",
        _levels(700_000, 1.0, removable=False, quality=(0, 5, 6, 9)),
        statutory_minimum="LOWER",
        current="Svar innen tre uker",
        desired="Svar innen en uke, digitalt skjema",
        satisfaction=2.9,
        weights=(7, 6, None),
    ),
    DemoTask("Badeplasser og kaier", _levels(250_000, 0.3), satisfaction=4.5, weights=(5, 5, None)),
    DemoTask(
        "Juletre og julebelysning i sentrum",
        _levels(120_000, 0.1),
        satisfaction=4.8,
        weights=(2, 3, None),
    ),
)

OPPVEKST_TARGET = 5_000_000

OPPVEKST = (
    DemoTask(
        "Spesialundervisning etter enkeltvedtak",
        _levels(14_000_000, 18.0, removable=False, lower=0.9, quality=(0, 5, 7, 9)),
        statutory_minimum="KEEP",
        weights=(9, 9, 9),
    ),
    DemoTask("Leksehjelp utover lovkravet", _levels(1_300_000, 2.0), weights=(4, 6, 7)),
    DemoTask("SFO: åpningstid 07–17", _levels(2_400_000, 4.0, lower=0.85), weights=(5, 6, 8)),
    DemoTask("Bemanning i barnehagene over normen", _levels(6_500_000, 10.0), weights=(6, 9, 5)),
    DemoTask("Skolebibliotek med bibliotekar", _levels(900_000, 1.5), weights=(3, 5, 6)),
    DemoTask(
        "Svømmeopplæring",
        _levels(500_000, 0.6, removable=False),
        statutory_minimum="KEEP",
        weights=(8, 7, 9),
    ),
    DemoTask("Leirskole på 7. trinn", _levels(800_000, 0.2), weights=(3, 4, 7)),
    DemoTask(
        "Skoleadministrasjon: én rektor per skole",
        _levels(4_800_000, 6.0, lower=0.8),
        weights=(5, 4, 3),
    ),
    DemoTask(
        "Helsestasjon og skolehelsetjeneste",
        _levels(3_900_000, 5.5, removable=False, quality=(0, 4, 7, 9)),
        statutory_minimum="KEEP",
        weights=(9, 8, None),
    ),
    DemoTask("Skolefrukt og frokost", _levels(450_000, 0.3), weights=(2, 6, None)),
    DemoTask("Kulturskolesamarbeid i skoletiden", _levels(700_000, 1.0), weights=(4, 5, None)),
    DemoTask(
        "PPT: ventetid til utredning",
        _levels(3_100_000, 4.5, removable=False),
        statutory_minimum="LOWER",
        weights=(7, 8, None),
    ),
)


@dataclass(frozen=True)
class DemoMeasure:
    title: str
    realisation: str
    fte_effect: float
    years: dict[int, tuple[int, int]]  # year: (planned, realised)


# Yearly savings; by 2010 the measures together save 16 MNOK a year, 11.6 of it as fewer
# FTEs through natural attrition.
BALANSE_2010 = (
    DemoMeasure(
        "Naturlig avgang i hjemmetjenesten",
        "ATTRITION",
        -8.0,
        {2008: (1_200_000, 1_100_000), 2009: (3_000_000, 3_200_000), 2010: (5_200_000, 5_400_000)},
    ),
    DemoMeasure(
        "Sammenslåing av skoleadministrasjoner",
        "ATTRITION",
        -3.0,
        {2009: (1_000_000, 900_000), 2010: (2_800_000, 2_600_000)},
    ),
    DemoMeasure(
        "Færre stillinger i sentraladministrasjonen ved avgang",
        "ATTRITION",
        -5.0,
        {2008: (600_000, 600_000), 2009: (1_800_000, 1_700_000), 2010: (3_400_000, 3_600_000)},
    ),
    DemoMeasure(
        "Nye innkjøpsavtaler for forbruksmateriell",
        "PURCHASING",
        0.0,
        {2008: (500_000, 300_000), 2009: (1_200_000, 1_100_000), 2010: (1_800_000, 1_600_000)},
    ),
    DemoMeasure(
        "Én felles kantine- og kjøkkendrift",
        "REORGANISATION",
        -1.5,
        {2009: (400_000, 300_000), 2010: (1_200_000, 1_200_000)},
    ),
    DemoMeasure(
        "Utleie av ledige lokaler",
        "INCOME",
        0.0,
        {2009: (300_000, 200_000), 2010: (800_000, 900_000)},
    ),
    DemoMeasure(
        "Redusert vaktberedskap i teknisk drift",
        "SERVICE_LEVEL",
        -1.0,
        {2009: (300_000, 300_000), 2010: (800_000, 700_000)},
    ),
)


@dataclass(frozen=True)
class DemoImprovement:
    kind: str
    title: str
    step: str
    hours: float = 0.0
    errors: int = 0
    waiting: float = 0.0


LEAN_BOARD = (
    DemoImprovement("PROBLEM", "Vaktlistene lages på nytt hver uke for hånd", "DONE", hours=24),
    DemoImprovement("IDEA", "Felles medisinrom-tavle i stedet for lapper", "STUDY", errors=6),
    DemoImprovement("PROBLEM", "Lang leting etter nøkler til brukerne", "ACT", hours=10, waiting=4),
    DemoImprovement("IDEA", "Kjørelister i appen i stedet for på papir", "DO", hours=12),
    DemoImprovement("PROBLEM", "Dobbel registrering av vedtakstimer", "PLAN"),
    DemoImprovement("IDEA", "Morgenmøtet på ti minutter, stående", "DONE", hours=16),
)
