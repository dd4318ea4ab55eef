"""Workplaces of the made-up municipality: kinds of unit, who works there, and sectors."""

from __future__ import annotations

from dataclasses import dataclass

from trepart.demo.names import DELTA, FAGFORBUNDET, FO, NSF, UTDANNINGSFORBUNDET


@dataclass(frozen=True)
class UnitType:
    """A kind of workplace: how it is named, who leads it and who works there."""

    pattern: str  # "{place} skole"
    leader: str
    staff: tuple[tuple[str, int, str], ...]  # (position, weight, usual union)
    size: int  # typical number of employees


def _staff(*rows: tuple[str, int, str]) -> tuple[tuple[str, int, str], ...]:
    return rows


OFFICE_STAFF = _staff(
    ("Rådgiver", 4, "Samfunnsviterne"),
    ("Konsulent", 4, FAGFORBUNDET),
    ("Seniorrådgiver", 2, "Akademikerne"),
    ("Saksbehandler", 3, DELTA),
)

UNIT_TYPES = {
    "skole": UnitType(
        "{place} skole",
        "Rektor",
        _staff(
            ("Lærer", 10, UTDANNINGSFORBUNDET),
            ("Lektor", 3, UTDANNINGSFORBUNDET),
            ("Spesialpedagog", 1, UTDANNINGSFORBUNDET),
            ("Assistent", 3, FAGFORBUNDET),
            ("Miljøarbeider", 1, FO),
            ("Avdelingsleder", 1, UTDANNINGSFORBUNDET),
        ),
        34,
    ),
    "ungdomsskole": UnitType(
        "{place} ungdomsskole",
        "Rektor",
        _staff(
            ("Lektor", 6, UTDANNINGSFORBUNDET),
            ("Lærer", 6, UTDANNINGSFORBUNDET),
            ("Rådgiver", 1, UTDANNINGSFORBUNDET),
            ("Miljøterapeut", 1, FO),
            ("Assistent", 1, FAGFORBUNDET),
        ),
        40,
    ),
    "barnehage": UnitType(
        "{place} barnehage",
        "Styrer",
        _staff(
            ("Barnehagelærer", 4, UTDANNINGSFORBUNDET),
            ("Pedagogisk leder", 3, UTDANNINGSFORBUNDET),
            ("Barne- og ungdomsarbeider", 4, FAGFORBUNDET),
            ("Assistent", 4, FAGFORBUNDET),
        ),
        16,
    ),
    "sykehjem": UnitType(
        "{place} sykehjem",
        "Enhetsleder",
        _staff(
            ("Sykepleier", 5, NSF),
            ("Helsefagarbeider", 8, FAGFORBUNDET),
            ("Assistent", 3, FAGFORBUNDET),
            ("Fagsykepleier", 1, NSF),
            ("Aktivitør", 1, DELTA),
            ("Avdelingsleder", 1, NSF),
        ),
        55,
    ),
    "hjemmetjeneste": UnitType(
        "Hjemmetjenesten {place}",
        "Enhetsleder",
        _staff(
            ("Sykepleier", 5, NSF),
            ("Helsefagarbeider", 6, FAGFORBUNDET),
            ("Assistent", 2, FAGFORBUNDET),
            ("Ergoterapeut", 1, FO),
        ),
        40,
    ),
    "bolig": UnitType(
        "{place} bofellesskap",
        "Avdelingsleder",
        _staff(
            ("Vernepleier", 5, FO),
            ("Miljøterapeut", 3, FO),
            ("Helsefagarbeider", 4, FAGFORBUNDET),
            ("Assistent", 3, FAGFORBUNDET),
        ),
        22,
    ),
    "uteetat": UnitType(
        "Driftsstasjon {place}",
        "Driftsleder",
        _staff(
            ("Fagarbeider", 5, FAGFORBUNDET),
            ("Maskinfører", 2, FAGFORBUNDET),
            ("Ingeniør", 2, "NITO"),
            ("Driftsoperatør", 2, DELTA),
        ),
        18,
    ),
    "renhold": UnitType(
        "Renhold {place}",
        "Renholdsleder",
        _staff(
            ("Renholder", 8, FAGFORBUNDET),
            ("Fagarbeider renhold", 2, FAGFORBUNDET),
        ),
        20,
    ),
    "kultur": UnitType(
        "{place} fritidsklubb",
        "Leder",
        _staff(
            ("Ungdomsarbeider", 4, FAGFORBUNDET),
            ("Miljøarbeider", 2, FO),
            ("Kulturarbeider", 1, DELTA),
        ),
        8,
    ),
    "bibliotek": UnitType(
        "{place} bibliotek",
        "Biblioteksjef",
        _staff(
            ("Bibliotekar", 4, DELTA),
            ("Biblioteksassistent", 2, FAGFORBUNDET),
        ),
        7,
    ),
    "kontor": UnitType("{place} servicekontor", "Leder", OFFICE_STAFF, 12),
    "nav": UnitType(
        "NAV {place}",
        "NAV-leder",
        _staff(
            ("Veileder", 6, FO),
            ("Sosionom", 3, FO),
            ("Konsulent", 2, FAGFORBUNDET),
        ),
        24,
    ),
    "barnevern": UnitType(
        "Barneverntjenesten {place}",
        "Barnevernleder",
        _staff(
            ("Barnevernspedagog", 5, FO),
            ("Saksbehandler", 2, FO),
            ("Konsulent", 1, DELTA),
        ),
        18,
    ),
    "helse": UnitType(
        "{place} helsestasjon",
        "Leder",
        _staff(
            ("Helsesykepleier", 5, NSF),
            ("Jordmor", 1, NSF),
            ("Fysioterapeut", 1, "Akademikerne"),
        ),
        10,
    ),
    "legekontor": UnitType(
        "{place} legekontor",
        "Kommuneoverlege",
        _staff(
            ("Lege", 3, "Legeforeningen"),
            ("Helsesekretær", 3, DELTA),
            ("Sykepleier", 1, NSF),
        ),
        12,
    ),
    "kjokken": UnitType(
        "Produksjonskjøkken {place}",
        "Kjøkkensjef",
        _staff(
            ("Kokk", 4, FAGFORBUNDET),
            ("Kjøkkenassistent", 3, FAGFORBUNDET),
        ),
        14,
    ),
    "brann": UnitType(
        "{place} brannstasjon",
        "Brannsjef",
        _staff(
            ("Brannkonstabel", 6, FAGFORBUNDET),
            ("Utrykningsleder", 2, DELTA),
            ("Forebyggende inspektør", 1, DELTA),
        ),
        20,
    ),
    "kulturskole": UnitType(
        "{place} kulturskole",
        "Rektor",
        _staff(
            ("Kulturskolelærer", 5, "Musikernes fellesorganisasjon"),
            ("Konsulent", 1, FAGFORBUNDET),
        ),
        14,
    ),
    "ppt": UnitType(
        "PPT {place}",
        "Leder",
        _staff(
            ("PP-rådgiver", 4, UTDANNINGSFORBUNDET),
            ("Logoped", 1, UTDANNINGSFORBUNDET),
            ("Konsulent", 1, FAGFORBUNDET),
        ),
        10,
    ),
}


@dataclass(frozen=True)
class SectorKind:
    """A sector (kommunalområde): its share of the units and its usual workplaces."""

    key: str
    name: str
    unit_share: float
    central: bool  # one sector for the whole municipality, not one per district
    fixed: tuple[tuple[str, str], ...]  # named one-off units (name, unit type), first come
    types: tuple[tuple[str, int], ...]  # (unit type, weight) for the rest


SECTOR_KINDS = (
    SectorKind(
        "oppvekst",
        "Oppvekst",
        0.35,
        False,
        (
            ("Pedagogisk-psykologisk tjeneste (PPT)", "ppt"),
            ("Helsestasjon og skolehelsetjeneste", "helse"),
            ("Voksenopplæringen", "skole"),
        ),
        (("skole", 4), ("barnehage", 5), ("ungdomsskole", 1)),
    ),
    SectorKind(
        "helse",
        "Helse og omsorg",
        0.30,
        False,
        (
            ("Tildelingskontoret", "kontor"),
            ("Legetjenesten", "legekontor"),
            ("Psykisk helse og rus", "bolig"),
            ("Storkjøkkenet", "kjokken"),
        ),
        (("sykehjem", 3), ("hjemmetjeneste", 3), ("bolig", 3)),
    ),
    SectorKind(
        "teknisk",
        "Teknisk",
        0.125,
        False,
        (
            ("Vei og park", "uteetat"),
            ("Vann og avløp", "uteetat"),
            ("Eiendomsdrift", "uteetat"),
            ("Renhold", "renhold"),
            ("Brann og redning", "brann"),
            ("Plan og byggesak", "kontor"),
        ),
        (("uteetat", 3), ("renhold", 2), ("brann", 1)),
    ),
    SectorKind(
        "kultur",
        "Kultur",
        0.075,
        False,
        (
            ("Biblioteket", "bibliotek"),
            ("Kulturskolen", "kulturskole"),
            ("Frivilligsentralen", "kultur"),
        ),
        (("kultur", 2), ("bibliotek", 1)),
    ),
    SectorKind(
        "administrasjon",
        "Administrasjon",
        0.10,
        True,
        (
            ("Personal og organisasjon", "kontor"),
            ("Økonomi", "kontor"),
            ("Politisk sekretariat", "kontor"),
            ("Servicetorget", "kontor"),
            ("IKT og digitalisering", "kontor"),
            ("Kommunikasjon", "kontor"),
        ),
        (("kontor", 1),),
    ),
    SectorKind(
        "nav",
        "NAV og velferd",
        0.05,
        False,
        (
            ("NAV Eikvik", "nav"),
            ("Barneverntjenesten", "barnevern"),
            ("Flyktningtjenesten", "kontor"),
        ),
        (("nav", 2), ("barnevern", 1)),
    ),
)

HR_UNIT = "Personal og organisasjon"
SECTOR_LEADER = "Kommunalsjef"
SECTOR_STAFF = OFFICE_STAFF
