"""Example files, offered for download on the import page and shown in docs/import.md."""

UNITS_EXAMPLE = """\
kode;navn;overordnet_kode;type;antall_ansatte
1000;Helse og omsorg;;sektor;
1200;Hjemmetjenesten;1000;enhet;85
1300;Bo- og aktivitetstilbud;1000;enhet;40
2000;Oppvekst;;sektor;
2100;Lunner barneskole;2000;enhet;32
"""

PEOPLE_EXAMPLE = """\
ansattnummer;fornavn;etternavn;epost;telefon;type;enhetskode;stilling;leder;parti;fagforening
10234;Kari;Nordmann;kari.nordmann@kommune.no;+47 912 34 567;ansatt;1200;Sykepleier;nei;;NSF
10235;Per;Hansen;per.hansen@kommune.no;;ansatt;1200;Enhetsleder;ja;;
10236;Åse;Bråten;ase.braten@kommune.no;;ansatt;2100;Lærer;nei;;Utdanningsforbundet
;Ola;Ødegård;ola.odegard@example.no;;politiker;;;nei;Senterpartiet;
"""

EXAMPLES = {"units": UNITS_EXAMPLE, "people": PEOPLE_EXAMPLE}
