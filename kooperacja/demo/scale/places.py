"""The directory of a fictional gmina, county and voivodeship: which institutions, in what numbers, offering
what. The mix follows the directory's taxonomy and the proportions of a Polish gmina (schools and NGOs many,
one OPS, one police station); the counts give about 24 institutions a gmina, 12 a county and 5 a voivodeship,
64,000 for the whole country."""

# kind: (name pattern, how many: fixed or (low, high))
GMINA_INSTITUTIONS = [
    ("ops", "Ośrodek Pomocy Społecznej Gminy {name}", 1),
    ("gmina_office", "Urząd Gminy {name}", 1),
    ("school", "Szkoła Podstawowa nr {n} w gminie {name}", (3, 5)),
    ("kindergarten", "Przedszkole nr {n} w gminie {name}", (1, 2)),
    ("police", "Posterunek Policji w gminie {name}", 1),
    ("health", "Ośrodek Zdrowia nr {n} w gminie {name}", (1, 2)),
    ("library", "Gminna Biblioteka Publiczna {name}", 1),
    ("culture_centre", "Gminny Ośrodek Kultury {name}", 1),
    ("community_room", "Świetlica wiejska nr {n} (gmina {name})", (1, 3)),
    ("ngo", "Stowarzyszenie na rzecz mieszkańców nr {n} (gmina {name})", (2, 5)),
    ("church", "Parafia nr {n} w gminie {name}", (1, 2)),
    ("gkrpa", "Gminna Komisja Rozwiązywania Problemów Alkoholowych {name}", 1),
    ("interdisciplinary_team", "Zespół Interdyscyplinarny Gminy {name}", 1),
    ("day_support", "Placówka Wsparcia Dziennego w gminie {name}", (0, 1)),
    ("sports_club", "Ludowy Klub Sportowy nr {n} (gmina {name})", (1, 2)),
    ("communal_housing", "Zakład Gospodarki Mieszkaniowej Gminy {name}", (0, 1)),
    ("consultation_point", "Punkt Konsultacyjny w gminie {name}", (0, 1)),
    ("kis", "Klub Integracji Społecznej w gminie {name}", (0, 1)),
    ("nursery", "Żłobek Gminny {name}", (0, 1)),
    ("self_help_club", "Klub Samopomocy w gminie {name}", (0, 1)),
    ("sds", "Środowiskowy Dom Samopomocy w gminie {name}", (0, 1)),
]
COUNTY_INSTITUTIONS = [
    ("pcpr", "Powiatowe Centrum Pomocy Rodzinie (powiat {name})", 1),
    ("county_office", "Starostwo Powiatowe (powiat {name})", 1),
    ("labour_office", "Powiatowy Urząd Pracy (powiat {name})", 1),
    ("counselling_centre", "Poradnia Psychologiczno-Pedagogiczna (powiat {name})", 1),
    ("hospital", "Szpital Powiatowy (powiat {name})", 1),
    ("probation", "Zespół Kuratorskiej Służby Sądowej (powiat {name})", 1),
    ("court", "Sąd Rejonowy (powiat {name})", 1),
    ("dps", "Dom Pomocy Społecznej (powiat {name})", 1),
    ("oik", "Ośrodek Interwencji Kryzysowej (powiat {name})", 1),
    ("mental_health_centre", "Centrum Zdrowia Psychicznego (powiat {name})", 1),
    ("addiction_therapy", "Poradnia Leczenia Uzależnień (powiat {name})", 1),
    ("wtz", "Warsztat Terapii Zajęciowej (powiat {name})", 1),
]
VOIVODESHIP_INSTITUTIONS = [
    ("rops", "Regionalny Ośrodek Polityki Społecznej (województwo {name})", 1),
    ("hospital", "Wojewódzki Szpital Specjalistyczny (województwo {name})", 1),
    ("mow", "Młodzieżowy Ośrodek Wychowawczy (województwo {name})", 1),
    ("prison", "Zakład Karny (województwo {name})", 1),
    ("correctional_facility", "Zakład Poprawczy (województwo {name})", 1),
]

# What each kind offers: (service name, problems it addresses). Other kinds offer the generic ones.
SERVICES = {
    "ops": [
        ("Praca socjalna", ["poverty", "helplessness", "unemployment"]),
        ("Asystentura rodziny", ["helplessness", "maternity"]),
        ("Zasiłki celowe i okresowe", ["poverty"]),
        ("Usługi opiekuńcze", ["disability", "long_illness", "seniors"]),
    ],
    "school": [("Pomoc psychologiczno-pedagogiczna", ["education"]), ("Zajęcia wyrównawcze", ["education"])],
    "police": [("Procedura Niebieskiej Karty", ["domestic_violence"]), ("Dzielnicowy", ["domestic_violence"])],
    "health": [("Podstawowa opieka zdrowotna", ["long_illness"]), ("Opieka pielęgniarki środowiskowej", ["seniors"])],
    "gkrpa": [("Motywowanie do leczenia odwykowego", ["alcoholism", "drug_addiction"])],
    "pcpr": [("Piecza zastępcza", ["foster_care"]), ("Turnusy rehabilitacyjne", ["disability"])],
    "labour_office": [("Staże i szkolenia zawodowe", ["unemployment"])],
    "counselling_centre": [("Diagnoza i terapia dzieci", ["education", "mental_health"])],
    "ngo": [("Pomoc żywnościowa", ["poverty"]), ("Wolontariat i zajęcia dla seniorów", ["seniors"])],
    "addiction_therapy": [("Terapia uzależnień", ["alcoholism", "drug_addiction"])],
    "oik": [("Interwencja kryzysowa", ["crisis", "domestic_violence"])],
    "communal_housing": [("Najem lokali z zasobu gminy", ["housing", "homelessness"])],
}
GENERIC_SERVICES = [
    ("Poradnictwo i informacja", ["helplessness"]),
    ("Zajęcia dla dzieci i młodzieży", ["education"]),
    ("Zajęcia integracyjne", ["seniors"]),
]
SPECIALISTS = {"ops": [("social_worker", 4), ("family_assistant", 2)], "pcpr": [("psychologist", 1), ("lawyer", 1)]}
