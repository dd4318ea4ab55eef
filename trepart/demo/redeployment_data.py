"""The stillingsbank demo's data: the agreed rules, the controlled list of qualifications,
Lunner's villages with the travel times between them, where the story's units are, and the
words of the case history. The year itself (who, which vacancies, which week) is in
``redeployment_year.py``.

Weeks count the bank's weekly meetings from the oldest (0) to the next one (``NEXT_WEEK``).
"""

from __future__ import annotations

NEXT_WEEK = 52  # the meeting ahead, whose proposal waits for the members

AGREEMENT = (
    "Avtale mellom kommunen og hovedtillitsvalgte om stillingsbanken: overtallige og "
    "deltidsansatte som ønsker større stilling vurderes for alle ledige stillinger før de lyses "
    "ut. En stilling er passende når de påkrevde kvalifikasjonene er på plass, "
    "stillingsprosenten er innenfor ti prosentpoeng, lønnsrammen ikke er lavere enn dagens lønn "
    "og reisetiden er høyst 45 minutter. Ved konkurranse går ansiennitet foran sosiale forhold "
    "(Hovedavtalen). Tilbud besvares innen 14 dager."
)

# (code, name, certification)
QUALIFICATIONS = (
    ("HFA", "Fagbrev helsearbeider", False),
    ("SPL", "Autorisasjon som sykepleier", True),
    ("VPL", "Autorisasjon som vernepleier", True),
    ("BUA", "Fagbrev barne- og ungdomsarbeider", False),
    ("BHL", "Barnehagelærerutdanning", False),
    ("LU", "Lærerutdanning", False),
    ("KOK", "Fagbrev kokk", False),
    ("REN", "Fagbrev renholdsoperatør", False),
    ("KONT", "Fagbrev kontor- og administrasjonsfag", False),
    ("ANL", "Fagbrev anleggsmaskinfører", False),
    ("MAS", "Maskinførerbevis", True),
    ("FB", "Førerkort klasse B", True),
    ("LEG", "Kurs i legemiddelhåndtering", True),
    ("DEM", "Demensomsorgens ABC", False),
    ("HLR", "Førstehjelp og hjerte-lunge-redning", True),
    ("ERG", "Autorisasjon som ergoterapeut", True),
    ("MIL", "Miljøterapeutisk videreutdanning", False),
    ("BIB", "Bibliotekarutdanning", False),
    ("ING", "Ingeniørutdanning", False),
    ("SPR", "Norskprøve B2", True),
)

# (code, name): the villages and the border towards Gran.
LOCATIONS = (
    ("ROA", "Roa"),
    ("HAR", "Harestua"),
    ("GRU", "Grua"),
    ("LUN", "Lunner sentrum"),
    ("LYG", "Lygna"),
    ("GRAN", "Gran grense (Jaren)"),
)

TRAVEL = {
    ("ROA", "LUN"): 5,
    ("ROA", "GRU"): 12,
    ("ROA", "HAR"): 18,
    ("ROA", "LYG"): 20,
    ("ROA", "GRAN"): 15,
    ("LUN", "GRU"): 9,
    ("LUN", "HAR"): 15,
    ("LUN", "LYG"): 20,
    ("LUN", "GRAN"): 18,
    ("GRU", "HAR"): 8,
    ("GRU", "LYG"): 28,
    ("GRU", "GRAN"): 26,
    ("HAR", "LYG"): 33,
    ("HAR", "GRAN"): 32,
    ("LYG", "GRAN"): 25,
}

REORGANISATION = (
    "Avdeling 2 og 3 ved {unit} er slått sammen til én skjermet enhet etter vedtak i "
    "kommunestyret. Drøftet med de tillitsvalgte; utvelgelsen fulgte ansiennitet etter "
    "Hovedavtalen."
)

# Where the units the story names are, by a word of their names (the first match wins).
UNIT_PLACES = {
    "reorganised": "ROA",
    "sykehjem:0": "LYG",
    "sykehjem:1": "ROA",
    "sykehjem:2": "GRU",
    "hjemme:0": "HAR",
    "hjemme:1": "GRU",
    "bofellesskap:0": "LUN",
    "bofellesskap:1": "LUN",
    "barnehage:0": "HAR",
    "barnehage:1": "GRU",
    "skole:0": "ROA",
    "ungdomsskole:0": "HAR",
    "Storkjøkkenet": "ROA",
    "Renhold": "ROA",
    "Vei og park": "GRAN",
    "Vann og avløp": "GRU",
    "Legetjenesten": "ROA",
    "Biblioteket": "ROA",
    "Servicetorget": "ROA",
}


DECLINE_NOTE = (
    "Ønsker ikke stillingen: reisen til Harestua og turnus med arbeid hver tredje helg passer ikke."
)
DECLINE_WHY = (
    "Stillingsbanken og tillitsvalgt vurderte stillingen som passende: samme stillingsprosent, "
    "lønn innenfor rammen og 18 minutters reisevei, innenfor de avtalte reglene."
)
DECLINE_CONSEQUENCES = (
    "Kommunen har oppfylt plikten til å tilby annet passende arbeid (arbeidsmiljøloven § 15-7 "
    "(2)). Drøftingsmøte om oppsigelse innkalles. Fortrinnsretten til ny ansettelse "
    "(§ 14-2) gjelder i tolv måneder etter oppsigelsen."
)
NOTICE_WHY = (
    "Oppsigelse gitt etter drøftingsmøte med arbeidstaker og tillitsvalgt. Fortrinnsrett til "
    "ny ansettelse i kommunen etter arbeidsmiljøloven § 14-2."
)
REHIRE_WHY = (
    "Fortrinnsretten etter § 14-2 ble sjekket før stillingen kunne lyses ut: personen har rett til "
    "stillingen og er kvalifisert. Tilbudet ble gitt uten utlysning."
)
RETRAINING_WHY = (
    "Praksiskandidatordning mot fagbrev som helsearbeider, med lønn i omskoleringstiden. "
    "Avtalt med arbeidstaker og tillitsvalgt."
)
RETRAINED_WHY = "Fagbrev som helsearbeider bestått; kvalifikasjonen er lagt til i registeret."
TEMPORARY_WHY = (
    "Vikariat i hjemmetjenesten mens banken leter videre; saken er fortsatt med i den ukentlige "
    "matchingen."
)
RETRAINING_WEEK, RETRAINED_WEEK, TEMPORARY_WEEK = 12, 38, 10
DECLINED_WEEK, NOTICE_WEEK, REHIRE_WEEK, REHIRE_ANSWER_DAYS = 17, 19, 44, 6
ITEM_TITLE = "Stillingsbanken: ukens forslag, tilbud og svar"
ITEM_DESCRIPTION = (
    "Forslaget fra ukens matching av overtallige og deltidsansatte mot ledige stillinger, "
    "tilbud som er gitt og svar som er kommet. Personsak, unntatt offentlighet."
)
ITEM_OUTCOME = "Møtet behandlet ukens forslag. Vedtakene er ført i stillingsbankens register."
