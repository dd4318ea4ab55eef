"""The year the stillingsbank demo tells: who was made redundant or wished for a larger
position, which vacancies came from which units and in which week, and what each weekly
meeting decided (weeks count the bank's meetings from the oldest, as in
``redeployment_data``)."""

from __future__ import annotations

from dataclasses import dataclass

from trepart.demo.redeployment_data import NEXT_WEEK


@dataclass(frozen=True)
class CaseRow:
    """A person in the register: ``unit`` is a key of ``UNIT_PLACES``."""

    key: str
    kind: str  # REDUNDANT or PART_TIME
    unit: str
    position: str
    percent: int
    wage: int
    qualifications: tuple[str, ...]
    seniority_years: int
    registered_week: int
    wanted: int | None = None
    social: int = 0
    preferred: tuple[str, ...] = ()  # location codes
    adapted: str = ""


REDUNDANT, PART_TIME = "REDUNDANT", "PART_TIME"

CASES = (
    CaseRow(
        "R1", REDUNDANT, "reorganised", "Sykepleier", 100, 645_000, ("SPL", "LEG", "HLR"), 22, 2
    ),
    CaseRow(
        "R2",
        REDUNDANT,
        "reorganised",
        "Helsefagarbeider",
        80,
        545_000,
        ("HFA", "LEG", "DEM"),
        19,
        2,
    ),
    CaseRow(
        "R3",
        REDUNDANT,
        "reorganised",
        "Helsefagarbeider",
        75,
        540_000,
        ("HFA", "DEM", "HLR"),
        14,
        2,
        social=4,
        preferred=("GRU", "ROA"),
        adapted="Dagarbeid etter avtale med bedriftshelsetjenesten; ikke nattevakt.",
    ),
    CaseRow("R4", REDUNDANT, "reorganised", "Assistent", 60, 470_000, ("HLR",), 6, 2, social=6),
    CaseRow(
        "R5",
        REDUNDANT,
        "reorganised",
        "Helsefagarbeider",
        100,
        550_000,
        ("HFA", "FB", "LEG"),
        11,
        2,
    ),
    CaseRow(
        "R6",
        REDUNDANT,
        "reorganised",
        "Sykepleier",
        80,
        630_000,
        ("SPL", "LEG"),
        9,
        2,
        preferred=("ROA",),
    ),
    CaseRow("R7", REDUNDANT, "reorganised", "Assistent", 50, 455_000, ("HLR", "SPR"), 7, 2),
    # The login: declines suitable work, is given notice and is re-hired under § 14-2.
    CaseRow(
        "R8",
        REDUNDANT,
        "reorganised",
        "Helsefagarbeider",
        100,
        548_000,
        ("HFA", "FB", "DEM"),
        12,
        2,
    ),
    CaseRow(
        "P1",
        PART_TIME,
        "hjemme:0",
        "Helsefagarbeider",
        50,
        540_000,
        ("HFA", "FB"),
        7,
        18,
        wanted=80,
    ),
    CaseRow(
        "P2",
        PART_TIME,
        "sykehjem:0",
        "Helsefagarbeider",
        40,
        535_000,
        ("HFA", "DEM"),
        5,
        26,
        wanted=75,
    ),
    CaseRow(
        "P3",
        PART_TIME,
        "sykehjem:1",
        "Helsefagarbeider",
        60,
        545_000,
        ("HFA", "LEG"),
        12,
        45,
        wanted=100,
    ),
    CaseRow(
        "P4", PART_TIME, "sykehjem:2", "Helsefagarbeider", 50, 538_000, ("HFA",), 6, 44, wanted=80
    ),
    CaseRow(
        "P5",
        PART_TIME,
        "bofellesskap:0",
        "Vernepleier",
        60,
        625_000,
        ("VPL", "MIL"),
        9,
        46,
        wanted=100,
    ),
    CaseRow(
        "P6",
        PART_TIME,
        "barnehage:0",
        "Barne- og ungdomsarbeider",
        50,
        525_000,
        ("BUA",),
        4,
        30,
        wanted=80,
    ),
    CaseRow(
        "P7", PART_TIME, "sykehjem:0", "Sykepleier", 70, 635_000, ("SPL", "LEG"), 10, 36, wanted=100
    ),
    CaseRow(
        "P8", PART_TIME, "bofellesskap:1", "Miljøterapeut", 60, 590_000, ("MIL",), 3, 12, wanted=100
    ),
    CaseRow("P9", PART_TIME, "Renhold", "Renholder", 50, 480_000, ("REN",), 15, 8, wanted=100),
    CaseRow(
        "P10", PART_TIME, "Storkjøkkenet", "Kokk", 60, 525_000, ("KOK", "FB"), 8, 22, wanted=100
    ),
    CaseRow("P11", PART_TIME, "barnehage:1", "Assistent", 40, 460_000, (), 2, 34, wanted=60),
    CaseRow("P12", PART_TIME, "skole:0", "Assistent", 45, 465_000, ("HLR",), 5, 48, wanted=80),
)


@dataclass(frozen=True)
class VacancyRow:
    """A vacancy; ``fate`` is its status at the end of the story."""

    key: str
    unit: str
    title: str
    percent: int
    wage: tuple[int, int]
    required: tuple[str, ...]
    registered_week: int
    fate: str
    wanted: tuple[str, ...] = ()
    flag_note: str = ""


VACANCIES = (
    VacancyRow(
        "V1", "hjemme:0", "Sykepleier", 100, (600_000, 690_000), ("SPL",), 3, "FILLED", ("LEG",)
    ),
    VacancyRow(
        "V2",
        "sykehjem:0",
        "Helsefagarbeider",
        80,
        (520_000, 580_000),
        ("HFA",),
        5,
        "FILLED",
        ("DEM",),
    ),
    VacancyRow(
        "VO",
        "sykehjem:2",
        "Helsefagarbeider, nattevakt",
        80,
        (530_000, 590_000),
        ("HFA",),
        7,
        "RELEASED",
        flag_note="Enheten måtte få nattevakten besatt før sommerferien. Møtet hadde overstyrt "
        "forslaget og ventet på en dagstilling for den som var aktuell.",
    ),
    VacancyRow(
        "V3",
        "hjemme:1",
        "Helsefagarbeider, dag",
        75,
        (520_000, 575_000),
        ("HFA",),
        8,
        "FILLED",
        ("DEM",),
    ),
    VacancyRow(
        "V4", "sykehjem:1", "Sykepleier", 80, (610_000, 680_000), ("SPL",), 13, "FILLED", ("LEG",)
    ),
    VacancyRow(
        "VD", "hjemme:0", "Helsefagarbeider", 100, (530_000, 590_000), ("HFA", "FB"), 15, "RELEASED"
    ),
    VacancyRow(
        "V5", "bofellesskap:0", "Helsefagarbeider", 100, (530_000, 585_000), ("HFA",), 19, "FILLED"
    ),
    VacancyRow(
        "V6",
        "Storkjøkkenet",
        "Kjøkkenassistent",
        50,
        (440_000, 480_000),
        (),
        26,
        "FILLED",
        ("KOK",),
    ),
    VacancyRow(
        "V7", "sykehjem:1", "Helsefagarbeider", 60, (520_000, 570_000), ("HFA",), 38, "FILLED"
    ),
    VacancyRow(
        "VR",
        "reorganised",
        "Helsefagarbeider, dag",
        100,
        (530_000, 590_000),
        ("HFA",),
        43,
        "FILLED",
        ("DEM",),
    ),
    VacancyRow(
        "V8",
        "hjemme:0",
        "Helsefagarbeider",
        40,
        (520_000, 570_000),
        ("HFA",),
        21,
        "FILLED",
        ("FB",),
    ),
    VacancyRow(
        "V9", "bofellesskap:0", "Helsefagarbeider", 40, (520_000, 570_000), ("HFA",), 21, "FILLED"
    ),
    VacancyRow(
        "V10", "sykehjem:0", "Helsefagarbeider", 35, (520_000, 570_000), ("HFA",), 32, "FILLED"
    ),
    VacancyRow(
        "V11",
        "hjemme:1",
        "Helsefagarbeider",
        40,
        (520_000, 570_000),
        ("HFA",),
        32,
        "FILLED",
        ("DEM",),
    ),
    VacancyRow(
        "V12", "sykehjem:1", "Helsefagarbeider", 50, (525_000, 575_000), ("HFA",), 46, "FILLED"
    ),
    VacancyRow(
        "V13",
        "reorganised",
        "Helsefagarbeider",
        40,
        (525_000, 575_000),
        ("HFA",),
        46,
        "FILLED",
        ("LEG",),
    ),
    VacancyRow(
        "V14", "sykehjem:2", "Helsefagarbeider", 80, (525_000, 580_000), ("HFA",), 50, "OFFERED"
    ),
    VacancyRow(
        "V15",
        "bofellesskap:0",
        "Vernepleier",
        100,
        (600_000, 670_000),
        ("VPL",),
        50,
        "OFFERED",
        ("MIL",),
    ),
    VacancyRow(
        "V16",
        "barnehage:0",
        "Barne- og ungdomsarbeider",
        80,
        (510_000, 560_000),
        ("BUA",),
        51,
        "HELD",
    ),
    VacancyRow(
        "V17", "hjemme:1", "Sykepleier", 100, (610_000, 690_000), ("SPL",), 51, "HELD", ("LEG",)
    ),
    VacancyRow("V18", "skole:0", "Lærer", 100, (560_000, 680_000), ("LU",), 51, "HELD"),
    VacancyRow("V19", "skole:0", "Lærer", 100, (560_000, 680_000), ("LU",), 3, "RELEASED"),
    VacancyRow(
        "V20", "Vei og park", "Maskinfører", 100, (500_000, 560_000), ("ANL", "MAS"), 9, "RELEASED"
    ),
    VacancyRow(
        "V21", "Legetjenesten", "Helsesekretær", 100, (480_000, 540_000), ("KONT",), 24, "RELEASED"
    ),
    VacancyRow("V22", "ungdomsskole:0", "Lektor", 100, (600_000, 700_000), ("LU",), 30, "RELEASED"),
    VacancyRow(
        "V23", "Biblioteket", "Bibliotekar", 60, (540_000, 600_000), ("BIB",), 35, "RELEASED"
    ),
    VacancyRow(
        "V24", "Vann og avløp", "Ingeniør", 100, (620_000, 720_000), ("ING",), 28, "WITHDRAWN"
    ),
    VacancyRow(
        "V25", "barnehage:1", "Barnehagelærer", 100, (560_000, 640_000), ("BHL",), 49, "CONSIDERED"
    ),
    VacancyRow(
        "V26", "Renhold", "Renholder", 40, (470_000, 510_000), (), 50, "CONSIDERED", ("REN",)
    ),
    VacancyRow(
        "V27", "Servicetorget", "Konsulent", 80, (500_000, 560_000), ("KONT",), 44, "RELEASED"
    ),
)

# The weekly proposals the meetings handled: (week, case, vacancy, extra vacancies).
CONFIRMED = (
    (4, "R1", "V1", ()),
    (6, "R2", "V2", ()),
    (9, "R3", "V3", ()),
    (14, "R6", "V4", ()),
    (16, "R8", "VD", ()),
    (20, "R5", "V5", ()),
    (22, "P1", "V8", ("V9",)),
    (27, "R7", "V6", ()),
    (33, "P2", "V10", ("V11",)),
    (39, "R4", "V7", ()),
    (47, "P3", "V12", ("V13",)),
    (51, "P4", "V14", ()),
    (51, "P5", "V15", ()),
)
OVERRIDDEN = (8, "R3", "VO")
OVERRIDE_REASON = (
    "Stillingen er ren nattevakt. Møtet venter på dagstillingen i hjemmetjenesten som meldes "
    "neste uke, og som passer bedre med ønsket om dagarbeid og Grua som arbeidssted."
)
PENDING = ((NEXT_WEEK, "P6", "V16"), (NEXT_WEEK, "P7", "V17"))
# Offers made after a confirmed proposal are answered this many days later.
ANSWER_AFTER = {
    "R1": 5,
    "R2": 9,
    "R3": 6,
    "R6": 4,
    "R5": 8,
    "P1": 10,
    "R7": 7,
    "P2": 6,
    "R4": 3,
    "P3": 11,
}
