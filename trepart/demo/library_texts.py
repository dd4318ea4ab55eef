"""The texts of the demo's library, short and drawn from Lunner's and Øvre Eiker's own
documents as the guide describes them: the agreement on tripartite cooperation (the method
for change and development, with rules for how it is practised), the verdimanifest (the
«Sammen skaper vi» vision made concrete), the arbeidsgiverpolitikk built on the values,
and the kommunedelplan for the municipal organisation."""

from __future__ import annotations

AGREEMENT_TITLE = "Avtale om trepartssamarbeid"
AGREEMENT_V1 = """# Formål
Trepartssamarbeid er metoden for endring og utvikling av Eikvik kommune. Folkevalgte,
administrasjonen og de tillitsvalgte samarbeider for å gjøre kommunen til en bedre plass å
bo og arbeide i.

# Forholdet til avtaleverket
Samarbeidet rokker ikke ved kommunedirektørens og politikernes beslutningsmyndighet. Lov- og
avtaleverket mellom arbeidsgiver og fagforeningene skal følges, og drøftingsplikten gjelder
som før.

# Trepartsorganet
- Organet er likeverdig sammensatt, med tre fra hver part.
- Organet møtes fire ganger i året.
- Kommunedirektøren har saksutvalget.

# Evaluering
Avtalen evalueres etter to år."""

AGREEMENT_V2 = """# Formål
Trepartssamarbeid er metoden for endring og utvikling av Eikvik kommune. Folkevalgte,
administrasjonen og de tillitsvalgte samarbeider for å gjøre kommunen til en bedre plass å
bo og arbeide i, til beste for innbyggerne.

# Forholdet til avtaleverket
Samarbeidet rokker ikke ved kommunedirektørens og politikernes beslutningsmyndighet. Lov- og
avtaleverket mellom arbeidsgiver og fagforeningene skal følges, og drøftingsplikten gjelder
som før.

# Trepartsorganet
- Organet er likeverdig sammensatt, med tre fra hver part.
- Organet møtes fire til seks ganger i året. Møtene er åpne, og pressen kan møte.
- Kommunedirektøren har saksutvalget.
- Organet er styringsgruppe for IA-avtalen og omstillingsorgan.

# Den fjerde kretsen
Innbyggere og brukere trekkes med der saken berører dem, gjennom grendeutvalg og
brukerrepresentanter.

# Evaluering
Avtalen evalueres hvert år i trepartsorganets første møte."""

AGREEMENT_V2_NOTE = (
    "Åpne møter, rollen som omstillingsorgan, den fjerde kretsen og årlig evaluering"
)

MANIFESTO_TITLE = "Verdimanifest"
MANIFESTO = """# Sammen skaper vi
Verdimanifestet utdyper visjonen «Sammen skaper vi et livskraftig Eikvik». Det beskriver
verdigrunnlaget for hvordan vi utvikler et godt lokalsamfunn.

# Våre verdier
- Åpenhet: vi deler kunnskap og informasjon, også når det er vanskelig.
- Respekt: vi møter innbyggere og kolleger som likeverdige.
- Mot: vi prøver nye løsninger og lærer av det som ikke virker.

# Regiassistenter for innbyggerne
De ansatte er regiassistenter for innbyggerne. Ildsjeler, lag og foreninger gir verdifulle
bidrag i tillegg til det kommunen selv rår over."""

POLICY_TITLE = "Arbeidsgiverpolitikk"
POLICY = """# Grunnlag
Arbeidsgiverpolitikken bygger på verdimanifestet og kommunedelplanen for kommuneorganisasjonen.

# Medarbeiderskap
Alle ansatte og politikere får tilbud om medarbeiderskapskurset, et tre dagers kurs om
kommunens verdigrunnlag og de viktigste utfordringene.

# Medvirkning
Hver enhet har et LMU med leder, tillitsvalgt og verneombud. Forslag fra ansatte får alltid
et begrunnet svar.

# Omstilling
Ansatte som blir overtallige holdes i stillingsbanken til de har fått annet passende arbeid."""

POLICY_DRAFT = (
    POLICY
    + """

# Heltid
Kommunen lyser som hovedregel ut hele stillinger, og ansatte i deltid får tilbud om større
stilling når det blir ledig."""
)

POLICY_DRAFT_NOTE = "Nytt avsnitt om heltidskultur"

PLAN_TITLE = "Kommunedelplan for kommuneorganisasjonen"
PLAN = """# Felles retning
Planen er jobbet frem av de tre partene over to og et halvt år og er et håndterlig verktøy
for felles retning.

# Mål
- Tjenestene utvikles sammen med de ansatte som møter innbyggerne.
- Sykefraværet skal ned gjennom økt medvirkning.
- Økonomien skal være i balanse uten oppsigelser.

# Oppfølging
Trepartsorganet følger opp planen hvert år og legger fram en rapport for kommunestyret."""

LMU_MANDATE_TITLE = "Mandat for LMU"
LMU_MANDATE = """# Sammensetning
LMU består av leder, tillitsvalgt og verneombud ved enheten. Brukerrepresentanter trekkes
med når tjenesten berøres.

# Oppgaver
- Behandle forslag fra ansatte som gjelder arbeidsplassen.
- Gi forslagsstilleren et begrunnet svar innen fristen.
- Sende forslag som berører flere arbeidsplasser til koordineringsgruppa.

# Arbeidsform
Beslutninger tas ved enighet."""
