"""Names for the made-up municipality: people, places, unions and political parties.

Every person and place is made up. Unions and parties are the real Norwegian ones, because
a demo of tripartite cooperation that renamed Fagforbundet would explain nothing.
"""


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


def _list(text: str) -> tuple[str, ...]:
    return tuple(item.strip() for item in text.split(",") if item.strip())


WOMEN = _words(
    """
    Anne Inger Kari Marit Ingrid Liv Eva Berit Astrid Bjørg Hilde Anna Solveig Marianne
    Randi Ida Nina Elisabeth Kristin Bente Heidi Silje Tone Hanne Gerd Linda Tove Wenche
    Camilla Emma Nora Sara Julie Ingeborg Maria Karin Mona Grete Trine Sigrid Mari Guro
    Ragnhild Kristine Torill Vigdis Aud Synnøve Amalie Thea Maja Frida Helene Stine Lene
    Janne Siri Åse Unni Turid Lise Merete Sissel Monica Cecilie Ane Martine Jorunn Oda Tuva
    Live Hedda Agnes Aisha Fatima Leila Mariam Zainab Agnieszka Katarzyna Sofia Elena Rahel
    Linh Mai Anita
    """
)

MEN = _words(
    """
    Jan Per Bjørn Ole Lars Kjell Knut Arne Svein Hans Geir Thomas Tor Morten Terje Odd Erik
    Martin Andreas John Rune Trond Harald Anders Olav Jon Tore Gunnar Rolf Stein Kristian
    Magnus Jonas Daniel Espen Frode Øyvind Leif Einar Kjetil Håkon Sindre Eirik Even Vegard
    Sigurd Henrik Aksel Jakob Emil Filip Mathias Sander Tobias Ivar Steinar Torbjørn Halvor
    Asbjørn Dag Egil Finn Gaute Ingve Jostein Kåre Njål Roar Sverre Vidar Åsmund Ali
    Mohammed Omar Yusuf Ahmed Piotr Tomasz Mikael Dawit Tuan Ravi Adrian Ludvig
    """
)

LAST_NAMES = _words(
    """
    Hansen Johansen Olsen Larsen Andersen Pedersen Nilsen Kristiansen Jensen Karlsen Johnsen
    Pettersen Eriksen Berg Haugen Hagen Johannessen Andreassen Jacobsen Dahl Jørgensen
    Halvorsen Henriksen Lund Sørensen Jakobsen Moen Gundersen Iversen Strand Solberg
    Svendsen Eide Knutsen Martinsen Paulsen Bakken Kristoffersen Mathisen Lie Amundsen
    Nguyen Rasmussen Ali Lunde Solheim Berge Moe Nygård Bakke Kristensen Fredriksen Holm
    Lien Hauge Christensen Andresen Nielsen Knudsen Evensen Sæther Aas Myhre Hanssen Ahmed
    Haugland Thomassen Sivertsen Simonsen Danielsen Berntsen Sandvik Rønning Arnesen
    Antonsen Næss Vik Haug Ellingsen Thorsen Edvardsen Birkeland Isaksen Gulbrandsen Ruud
    Aasen Strøm Myklebust Tangen Ødegård Eliassen Helland Bøe Jenssen Aune Mikkelsen Tveit
    Brekke Abrahamsen Madsen Kowalski Nowak Hussain Khan Tran Le Rahimi Haile Fjeld Skaug
    Økland Grønli Sletten Kvamme Engen Hovland Vold Rustad Bråten Flaten
    """
)

# Places in and around the municipality, for schools, homes and depots.
PLACES = _list(
    """
    Bjørkly, Sandvoll, Eikeli, Furulund, Solberg, Haugen, Nesset, Vika, Lia, Moen, Bakken,
    Åsen, Dalen, Strand, Tangen, Holt, Granli, Bekkestua, Rosenlund, Kløverenga, Tuntreet,
    Solsiden, Fjordgløtt, Lindheim, Eikvik, Nordby, Sørby, Østli, Vestli, Berg, Hovin,
    Kvernhuset, Breivika, Sagbakken, Myra, Lundeby, Skogly, Fagerli, Blåbærtoppen,
    Tyttebærlia, Elvebakken, Brattås, Nyland, Gamlevegen, Kirkebakken, Torget, Sletta,
    Rognstad, Hegge, Stubberud, Fossum, Grinda, Hasle, Kjelsrud, Ljan, Mølla, Nordstrand,
    Ormåsen, Prestegården, Røa, Skaret, Teglverket, Ullevål, Vettakollen, Ørnehaugen, Aker,
    Bølerlia, Dælenenga, Ekeberg, Frydenlund, Gullhaug, Holmen, Jar, Kampen, Lysaker,
    Majorstua, Nedre Foss, Opsahl, Persbråten, Ringnes, Sinsen, Trosterud, Uranienborg,
    Vålerenga, Abildsø, Bogerud, Disen, Engebråten, Flatåsen, Grorud, Haugerud, Jordal,
    Kalbakken, Lambertseter, Manglerud, Nydalen, Oppsal, Rommen, Stovner, Tonsen, Ulsrud,
    Vollebekk, Ammerud, Bjerke, Dalsbergstien, Furuset, Gransdalen, Hellerud, Isebakke,
    Kjelsås, Lofthus, Mortensrud, Nordseter, Rødtvet, Sandaker, Tåsen, Veitvet, Årvoll,
    Bryn, Fjellhus, Haslum, Jessheim, Klemetsrud, Linderud, Marienlyst, Nordberg, Romsås,
    Smestad, Tveita, Valle, Vinderen, Øraker, Åsbråten, Bjølsen, Grefsen
    """
)

# Districts (bydeler) of the larger presets, one set of sectors each.
DISTRICTS = _list(
    """
    Sentrum, Nord, Sør, Øst, Vest, Fjordsida, Skogen, Elvedalen, Høgda, Sjøsida, Bygda,
    Heia, Lia, Sletta, Åsen, Vika, Moane, Bakkane
    """
)

COUNCIL_PARTIES = (
    # (name, weight in the council)
    ("Arbeiderpartiet", 24),
    ("Høyre", 22),
    ("Senterpartiet", 13),
    ("Fremskrittspartiet", 12),
    ("Sosialistisk Venstreparti", 6),
    ("Kristelig Folkeparti", 4),
    ("Venstre", 4),
    ("Rødt", 5),
    ("Miljøpartiet De Grønne", 3),
    ("Eikvik bygdeliste", 5),
)

FAGFORBUNDET = "Fagforbundet"
UTDANNINGSFORBUNDET = "Utdanningsforbundet"
NSF = "Norsk Sykepleierforbund"
DELTA = "Delta"
FO = "Fellesorganisasjonen (FO)"
