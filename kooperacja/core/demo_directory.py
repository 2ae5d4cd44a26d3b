"""The demo municipality's directory: about 40 institutions of gmina Kowalewo Pomorskie, its county and region.

Every institution, person, phone number and address here is invented ("(demo)" in each name; e-mail addresses
in the reserved domain kooperacja.example, which can never receive mail; phone numbers in the unassigned
56 000 … range). The kinds cover every sector of the taxonomy; the services name the social problems they
address, so the resource cards have something to show — and "potrzeba ochrony ofiar handlu ludźmi"
(trafficking) is deliberately left without an institution, so the cards show a gap, as they would in many
real gminas.

Idempotent: an institution is created when missing (the six of core/demo.py, created first, get their details
once), a service is added when its institution has none of that name; nothing is changed on a second run.
"""

from dataclasses import dataclass, field

from django.db import transaction

from kooperacja.directory.models import Institution, Problem
from kooperacja.directory.services import institution_create, institution_update, problems_sync, service_save
from kooperacja.territory.models import Unit, search_key

VOIVODESHIP, COUNTY, GMINA = "04", "0405", "040504"
LEVEL_UNIT = {
    Institution.Level.GMINA: GMINA,
    Institution.Level.COUNTY: COUNTY,
    Institution.Level.VOIVODESHIP: VOIVODESHIP,
}
DOMAIN = "kooperacja.example"  # people
INSTITUTION_DOMAIN = "demo.kooperacja.example"  # institutions' mailboxes
GAP_PROBLEMS = ["trafficking"]  # left without an institution on purpose (tests check it stays a gap)

# Legal bases, as a worker would cite them.
UPS = "ustawy z dnia 12 marca 2004 r. o pomocy społecznej"
WRPZ = "ustawy z dnia 9 czerwca 2011 r. o wspieraniu rodziny i systemie pieczy zastępczej"
UPPD = "ustawy z dnia 29 lipca 2005 r. o przeciwdziałaniu przemocy domowej"
UWT = "ustawy z dnia 26 października 1982 r. o wychowaniu w trzeźwości i przeciwdziałaniu alkoholizmowi"
UPN = "ustawy z dnia 29 lipca 2005 r. o przeciwdziałaniu narkomanii"
UREH = (
    "ustawy z dnia 27 sierpnia 1997 r. o rehabilitacji zawodowej i społecznej oraz zatrudnianiu osób niepełnosprawnych"
)
PO = "ustawy z dnia 14 grudnia 2016 r. – Prawo oświatowe"
UZS = "ustawy z dnia 13 czerwca 2003 r. o zatrudnieniu socjalnym"
UOZP = "ustawy z dnia 19 sierpnia 1994 r. o ochronie zdrowia psychicznego"
URP = "ustawy z dnia 20 marca 2025 r. o rynku pracy i służbach zatrudnienia"


@dataclass(frozen=True)
class DemoService:
    name: str
    problems: tuple[str, ...]
    description: str
    target_group: str
    legal_basis: str
    how_to_access: str


@dataclass(frozen=True)
class DemoInstitution:
    name: str
    kind: str
    level: str
    street: str
    city: str = "Kowalewo Pomorskie"
    postal_code: str = "87-410"
    short_name: str = ""
    mailbox: str = ""  # local part of the e-mail address
    opening_hours: str = "pon.–pt. 7:30–15:30"
    contacts: tuple[tuple[str, str], ...] = ()  # (name and surname, function)
    specialists: dict = field(default_factory=dict)
    services: tuple[DemoService, ...] = ()


def S(name, problems, description, target_group, legal_basis, how_to_access) -> DemoService:  # noqa: N802
    return DemoService(name, tuple(problems.split()), description, target_group, legal_basis, how_to_access)


G, P, W = Institution.Level.GMINA, Institution.Level.COUNTY, Institution.Level.VOIVODESHIP
GOLUB = {"city": "Golub-Dobrzyń", "postal_code": "87-400"}
TORUN = {"city": "Toruń", "postal_code": "87-100"}
ON_REQUEST = "Wniosek osoby lub rodziny, zgłoszenie z urzędu lub na sygnał innej instytucji; wywiad środowiskowy."

DIRECTORY = [
    # --- The six institutions of core/demo.py (accounts belong to them): details and services -----------
    DemoInstitution(
        "Regionalny Ośrodek Polityki Społecznej (demo)",
        "rops",
        W,
        "ul. Przykładowa 1",
        short_name="ROPS",
        mailbox="rops",
        **TORUN,
        contacts=(("Regina Regionalna", "animatorka współpracy"),),
        services=(
            S(
                "Wsparcie gmin we wdrażaniu Modelu Kooperacji",
                "poverty helplessness",
                "Szkolenia, doradztwo i superwizja dla zespołów kooperacji; baza narzędzi diagnozy.",
                "pracownicy OPS, PCPR i instytucji partnerskich",
                f"art. 21 {UPS}",
                "Zgłoszenie gminy do ROPS; udział bezpłatny.",
            ),
            S(
                "Ośrodek adopcyjny",
                "orphanhood foster_care",
                "Kwalifikacja kandydatów do przysposobienia, szkolenia, dobór rodzin dla dzieci.",
                "kandydaci na rodziców adopcyjnych, rodzice biologiczni",
                f"art. 154–156 {WRPZ}",
                "Zgłoszenie osobiste lub telefoniczne, konsultacja wstępna.",
            ),
        ),
    ),
    DemoInstitution(
        "Powiatowe Centrum Pomocy Rodzinie (demo)",
        "pcpr",
        P,
        "ul. Powiatowa 5",
        short_name="PCPR",
        mailbox="pcpr",
        **GOLUB,
        contacts=(("Paweł Powiatowy", "animator powiatowy"), ("Irena Rodzinna", "koordynatorka pieczy")),
        specialists={"psychologist": 1, "pedagogue": 1, "lawyer": 1, "social_worker": 3},
        services=(
            S(
                "Organizacja rodzinnej pieczy zastępczej",
                "foster_care orphanhood helplessness",
                "Kwalifikacja i szkolenie rodzin zastępczych, wsparcie koordynatorów, pomoc pieniężna na dziecko.",
                "dzieci pozbawione opieki rodziców, rodziny zastępcze",
                f"art. 76 i 180 {WRPZ}",
                "Postanowienie sądu o umieszczeniu dziecka; kandydaci na rodziny zastępcze zgłaszają się do PCPR.",
            ),
            S(
                "Dofinansowania ze środków PFRON",
                "disability",
                "Turnusy rehabilitacyjne, sprzęt ortopedyczny, likwidacja barier architektonicznych.",
                "osoby z orzeczoną niepełnosprawnością",
                f"art. 35a {UREH}",
                "Wniosek w PCPR z orzeczeniem.",
            ),
            S(
                "Specjalistyczne poradnictwo i program korekcyjno-edukacyjny",
                "domestic_violence crisis",
                "Poradnictwo psychologiczne i prawne; program dla osób stosujących przemoc.",
                "osoby doznające przemocy domowej i osoby jej stosujące",
                f"art. 19 pkt 12 {UPS}; art. 6 ust. 3 {UPPD}",
                "Zgłoszenie osobiste lub skierowanie zespołu interdyscyplinarnego.",
            ),
            S(
                "Indywidualny program integracji cudzoziemców",
                "foreigners",
                "Pomoc pieniężna, nauka języka polskiego, praca socjalna z cudzoziemcami z ochroną międzynarodową.",
                "cudzoziemcy ze statusem uchodźcy lub ochroną uzupełniającą",
                f"art. 92–93 {UPS}",
                "Wniosek w PCPR w ciągu 60 dni od uzyskania ochrony.",
            ),
            S(
                "Usamodzielnienie wychowanków pieczy zastępczej",
                "foster_care housing",
                "Pomoc na kontynuowanie nauki, usamodzielnienie i zagospodarowanie, opiekun usamodzielnienia.",
                "pełnoletni wychowankowie pieczy zastępczej",
                f"art. 140 {WRPZ}",
                "Indywidualny program usamodzielnienia uzgodniony z PCPR.",
            ),
        ),
    ),
    DemoInstitution(
        "Ośrodek Pomocy Społecznej w Kowalewie Pomorskim (demo)",
        "ops",
        G,
        "ul. Opiekuńcza 2",
        short_name="OPS",
        mailbox="ops",
        contacts=(("Olga Gminna", "kierowniczka"), ("Katarzyna Koordynacyjna", "pracownik socjalny")),
        specialists={"social_worker": 6, "family_assistant": 2, "psychologist": 1},
        services=(
            S(
                "Zasiłki stały, okresowy i celowy",
                "poverty unemployment disability long_illness crisis disaster",
                "Świadczenia pieniężne i w naturze, także zasiłek celowy w związku ze zdarzeniem losowym lub klęską.",
                "osoby i rodziny spełniające kryterium dochodowe lub dotknięte zdarzeniem losowym",
                f"art. 7, 36–41 {UPS}",
                ON_REQUEST,
            ),
            S(
                "Praca socjalna i kontrakt socjalny",
                "poverty helplessness unemployment after_prison foreigners",
                "Diagnoza sytuacji, plan wyjścia z trudności, współpraca z innymi instytucjami.",
                "mieszkańcy gminy w trudnej sytuacji życiowej",
                f"art. 45 i 108 {UPS}",
                ON_REQUEST,
            ),
            S(
                "Asystent rodziny",
                "helplessness maternity",
                "Wsparcie rodziny w sprawach opiekuńczo-wychowawczych i prowadzeniu gospodarstwa domowego.",
                "rodziny z dziećmi przeżywające trudności",
                f"art. 11–15 {WRPZ}",
                "Wniosek pracownika socjalnego po rozpoznaniu sytuacji rodziny, za zgodą rodziny.",
            ),
            S(
                "Usługi opiekuńcze",
                "seniors long_illness disability",
                "Pomoc w codziennych czynnościach, opieka higieniczna, kontakty z otoczeniem.",
                "osoby samotne wymagające pomocy innych osób",
                f"art. 50 {UPS}",
                ON_REQUEST,
            ),
            S(
                "Schronienie i posiłek",
                "homelessness poverty",
                "Skierowanie do noclegowni lub schroniska, posiłek, ubranie.",
                "osoby bezdomne z terenu gminy",
                f"art. 48–48a {UPS}",
                "Zgłoszenie w OPS, w nagłych sytuacjach przez Policję.",
            ),
        ),
    ),
    DemoInstitution(
        "Szkoła Podstawowa nr 1 (demo)",
        "school",
        G,
        "ul. Szkolna 1",
        mailbox="sp1",
        opening_hours="pon.–pt. 7:30–16:00",
        contacts=(("Dorota Dyrektorska", "dyrektorka"),),
        specialists={"pedagogue": 2, "psychologist": 1, "speech_therapist": 1},
        services=(
            S(
                "Pomoc psychologiczno-pedagogiczna",
                "education helplessness mental_health",
                "Zajęcia specjalistyczne, porady dla rodziców, wczesne rozpoznawanie trudności dzieci.",
                "uczniowie i ich rodzice",
                f"art. 1 pkt 14 {PO}; rozporządzenie w sprawie pomocy psychologiczno-pedagogicznej",
                "Zgłoszenie rodzica, nauczyciela lub pedagoga szkolnego.",
            ),
        ),
    ),
    DemoInstitution(
        "Posterunek Policji (demo)",
        "police",
        G,
        "ul. Bezpieczna 3",
        mailbox="posterunek",
        opening_hours="całodobowo (telefon alarmowy 112)",
        contacts=(("Marek Dzielnicowy", "dzielnicowy"),),
        specialists={"community_officer": 2},
        services=(
            S(
                "Procedura „Niebieskie Karty”",
                "domestic_violence",
                "Interwencja domowa, wszczęcie procedury, izolacja sprawcy, zakaz zbliżania się.",
                "osoby doznające przemocy domowej",
                f"art. 9d {UPPD}; ustawa z dnia 6 kwietnia 1990 r. o Policji",
                "Zgłoszenie pod 112 lub w posterunku; dzielnicowy odwiedza rodzinę.",
            ),
            S(
                "Profilaktyka uzależnień i bezpieczeństwo",
                "alcoholism drug_addiction crisis",
                "Spotkania w szkołach, interwencje wobec osób nietrzeźwych, pomoc w sytuacjach kryzysowych.",
                "mieszkańcy, uczniowie",
                f"ustawa z dnia 6 kwietnia 1990 r. o Policji; art. 40 {UWT}",
                "Kontakt z dzielnicowym.",
            ),
        ),
    ),
    DemoInstitution(
        "Urząd Miejski (demo)",
        "gmina_office",
        G,
        "ul. Ratuszowa 1",
        mailbox="urzad",
        contacts=(("Bogdan Burmistrzowski", "burmistrz"), ("Anna Kryzysowa", "inspektorka zarządzania kryzysowego")),
        services=(
            S(
                "Zarządzanie kryzysowe i pomoc po klęsce",
                "disaster crisis",
                "Gminny zespół zarządzania kryzysowego, ewakuacja, lokale zastępcze, szacowanie szkód.",
                "mieszkańcy dotknięci klęską żywiołową lub awarią",
                "ustawa z dnia 26 kwietnia 2007 r. o zarządzaniu kryzysowym",
                "Zgłoszenie w urzędzie lub pod 112.",
            ),
            S(
                "Dodatek mieszkaniowy i Karta Dużej Rodziny",
                "poverty housing maternity",
                "Dodatek mieszkaniowy, dodatek energetyczny, wydawanie Karty Dużej Rodziny.",
                "gospodarstwa o niskich dochodach, rodziny wielodzietne",
                "ustawa z dnia 21 czerwca 2001 r. o dodatkach mieszkaniowych; ustawa o Karcie Dużej Rodziny",
                "Wniosek w urzędzie.",
            ),
        ),
    ),
    # --- Gmina Kowalewo Pomorskie ---------------------------------------------------------------------
    DemoInstitution(
        "Zespół Interdyscyplinarny w Kowalewie Pomorskim (demo)",
        "interdisciplinary_team",
        G,
        "ul. Opiekuńcza 2",
        mailbox="zespol",
        contacts=(("Halina Przewodnicząca", "przewodnicząca zespołu"),),
        services=(
            S(
                "Grupy diagnostyczno-pomocowe",
                "domestic_violence",
                "Diagnoza przemocy, plan pomocy, monitorowanie sytuacji rodziny w procedurze „Niebieskie Karty”.",
                "osoby doznające przemocy domowej i świadkowie, w tym dzieci",
                f"art. 9a–9c {UPPD}",
                "Niebieska Karta wszczęta przez OPS, Policję, szkołę, ochronę zdrowia lub GKRPA.",
            ),
        ),
    ),
    DemoInstitution(
        "Gminna Komisja Rozwiązywania Problemów Alkoholowych (demo)",
        "gkrpa",
        G,
        "ul. Ratuszowa 1",
        short_name="GKRPA",
        mailbox="gkrpa",
        opening_hours="wtorki 15:00–18:00",
        contacts=(("Tadeusz Trzeźwy", "przewodniczący komisji"),),
        services=(
            S(
                "Motywowanie do leczenia i wniosek o zobowiązanie do leczenia",
                "alcoholism domestic_violence",
                "Rozmowy motywujące, skierowanie na badanie biegłego, wniosek do sądu o zobowiązanie do leczenia.",
                "osoby nadużywające alkoholu i ich rodziny",
                f"art. 4¹ i 24–26 {UWT}",
                "Zgłoszenie członka rodziny, Policji lub OPS.",
            ),
            S(
                "Gminny program profilaktyki i przeciwdziałania narkomanii",
                "drug_addiction education",
                "Finansowanie programów profilaktycznych w szkołach i zajęć dla młodzieży.",
                "dzieci i młodzież",
                f"art. 10 {UPN}",
                "Szkoły i organizacje składają wnioski do komisji.",
            ),
        ),
    ),
    DemoInstitution(
        "Punkt Konsultacyjny dla Osób Uzależnionych i ich Rodzin (demo)",
        "consultation_point",
        G,
        "ul. Ratuszowa 1",
        mailbox="punkt",
        opening_hours="czwartki 15:00–19:00",
        contacts=(("Jan Terapeutyczny", "specjalista terapii uzależnień"),),
        specialists={"addiction_therapist": 1, "psychologist": 1},
        services=(
            S(
                "Konsultacje terapeuty uzależnień i psychologa",
                "alcoholism drug_addiction domestic_violence",
                "Pierwsza rozmowa, motywowanie, wsparcie dla współuzależnionych, kierowanie na terapię.",
                "osoby uzależnione, współuzależnione i doznające przemocy",
                f"art. 4¹ ust. 1 {UWT}",
                "Bez skierowania i bez opłat, anonimowo.",
            ),
        ),
    ),
    DemoInstitution(
        "Placówka Wsparcia Dziennego „Promyk” (demo)",
        "day_support",
        G,
        "ul. Słoneczna 4",
        mailbox="promyk",
        opening_hours="pon.–pt. 12:00–18:00",
        contacts=(("Beata Wychowawcza", "kierowniczka"),),
        specialists={"pedagogue": 2},
        services=(
            S(
                "Opieka i wychowanie po lekcjach",
                "helplessness education poverty",
                "Pomoc w nauce, posiłek, zajęcia rozwijające, praca z rodzicami.",
                "dzieci w wieku 6–15 lat z rodzin przeżywających trudności",
                f"art. 18–24 {WRPZ}",
                "Zgłoszenie rodzica; skierowanie OPS lub szkoły.",
            ),
        ),
    ),
    DemoInstitution(
        "Dzienny Dom „Senior+” (demo)",
        "day_care_home",
        G,
        "ul. Parkowa 6",
        mailbox="senior",
        contacts=(("Zofia Seniorska", "kierowniczka"),),
        specialists={"therapist": 1},
        services=(
            S(
                "Dzienny pobyt seniorów",
                "seniors long_illness disability",
                "Zajęcia aktywizujące, posiłek, rehabilitacja ruchowa, kontakt z rówieśnikami.",
                "osoby nieaktywne zawodowo w wieku 60+",
                f"art. 51 {UPS}; program „Senior+”",
                "Decyzja OPS po wywiadzie środowiskowym; odpłatność zależna od dochodu.",
            ),
        ),
    ),
    DemoInstitution(
        "Klub Samopomocy „Razem” (demo)",
        "self_help_club",
        G,
        "ul. Parkowa 6",
        mailbox="klub-razem",
        opening_hours="wtorki i czwartki 10:00–14:00",
        contacts=(("Ewa Wspierająca", "opiekunka klubu"),),
        services=(
            S(
                "Grupa wsparcia dla osób po kryzysie psychicznym",
                "mental_health disability",
                "Spotkania grupy, trening umiejętności społecznych, wspólne wyjścia.",
                "osoby z zaburzeniami psychicznymi i ich bliscy",
                f"art. 51a {UPS}; art. 8 {UOZP}",
                "Zgłoszenie osobiste lub przez OPS.",
            ),
        ),
    ),
    DemoInstitution(
        "Mieszkanie Chronione Treningowe (demo)",
        "sheltered_housing",
        G,
        "ul. Cicha 8",
        mailbox="mieszkanie",
        contacts=(("Robert Opiekuński", "opiekun mieszkania"),),
        services=(
            S(
                "Trening samodzielnego życia",
                "homelessness after_prison mental_health foster_care",
                "Pobyt do 2 lat z opieką specjalistów, przygotowanie do samodzielnego życia.",
                "osoby bezdomne, opuszczające zakład karny lub pieczę zastępczą, z zaburzeniami psychicznymi",
                f"art. 53 {UPS}",
                "Decyzja OPS, w ramach kontraktu socjalnego.",
            ),
        ),
    ),
    DemoInstitution(
        "Klub Integracji Społecznej (demo)",
        "kis",
        G,
        "ul. Robotnicza 10",
        short_name="KIS",
        mailbox="kis",
        contacts=(("Adam Aktywny", "koordynator KIS"),),
        specialists={"career_adviser": 1, "psychologist": 1},
        services=(
            S(
                "Reintegracja społeczna i zawodowa",
                "unemployment poverty after_prison alcoholism",
                "Warsztaty, prace społecznie użyteczne, doradztwo zawodowe, grupy samopomocowe.",
                "osoby zagrożone wykluczeniem społecznym, długotrwale bezrobotne",
                f"art. 18 {UZS}",
                "Skierowanie OPS lub zgłoszenie osobiste.",
            ),
        ),
    ),
    DemoInstitution(
        "Spółdzielnia Socjalna „Zielony Zakątek” (demo)",
        "social_cooperative",
        G,
        "ul. Ogrodowa 12",
        mailbox="spoldzielnia",
        contacts=(("Grażyna Spółdzielcza", "prezeska zarządu"),),
        services=(
            S(
                "Zatrudnienie w spółdzielni socjalnej",
                "unemployment disability",
                "Praca przy utrzymaniu zieleni i catering, wsparcie w powrocie na rynek pracy.",
                "osoby bezrobotne, z niepełnosprawnością, absolwenci CIS i KIS",
                "ustawa z dnia 27 kwietnia 2006 r. o spółdzielniach socjalnych",
                "Kontakt z zarządem spółdzielni.",
            ),
        ),
    ),
    DemoInstitution(
        "Żłobek Miejski „Tęczowy Domek” (demo)",
        "nursery",
        G,
        "ul. Dziecięca 3",
        mailbox="zlobek",
        opening_hours="pon.–pt. 6:30–16:30",
        contacts=(("Monika Maluchowa", "dyrektorka"),),
        services=(
            S(
                "Opieka nad dziećmi do lat 3",
                "maternity education",
                "Opieka, wyżywienie, zajęcia rozwojowe; pierwszeństwo dla rodzin wielodzietnych.",
                "dzieci od 20. tygodnia do 3 lat",
                "ustawa z dnia 4 lutego 2011 r. o opiece nad dziećmi do lat 3",
                "Wniosek rodzica w okresie rekrutacji.",
            ),
        ),
    ),
    DemoInstitution(
        "Przedszkole Samorządowe „Słoneczko” (demo)",
        "kindergarten",
        G,
        "ul. Dziecięca 5",
        mailbox="przedszkole",
        opening_hours="pon.–pt. 6:30–16:30",
        contacts=(("Teresa Przedszkolna", "dyrektorka"),),
        specialists={"speech_therapist": 1},
        services=(
            S(
                "Wychowanie przedszkolne i wczesne wspomaganie rozwoju",
                "education disability",
                "Edukacja przedszkolna, zajęcia logopedyczne, wczesne wspomaganie rozwoju.",
                "dzieci w wieku 3–6 lat",
                f"art. 31 {PO}",
                "Rekrutacja elektroniczna; wczesne wspomaganie na podstawie opinii poradni.",
            ),
        ),
    ),
    DemoInstitution(
        "Przychodnia „Zdrowie” – podstawowa opieka zdrowotna (demo)",
        "health",
        G,
        "ul. Zdrowa 7",
        mailbox="przychodnia",
        opening_hours="pon.–pt. 8:00–18:00",
        contacts=(("dr Witold Lekarski", "kierownik przychodni"),),
        services=(
            S(
                "Lekarz rodzinny, pielęgniarka środowiskowa i położna",
                "long_illness seniors disability maternity",
                "Leczenie, wizyty domowe, opieka nad kobietą w ciąży i noworodkiem, skierowania do specjalistów.",
                "osoby zadeklarowane do przychodni",
                "ustawa z dnia 27 października 2017 r. o podstawowej opiece zdrowotnej",
                "Deklaracja wyboru lekarza POZ; wizyta bez skierowania.",
            ),
        ),
    ),
    DemoInstitution(
        "Miejsko-Gminny Ośrodek Kultury (demo)",
        "culture_centre",
        G,
        "ul. Kulturalna 9",
        mailbox="kultura",
        opening_hours="pon.–pt. 10:00–20:00",
        contacts=(("Karol Kulturalny", "dyrektor"),),
        services=(
            S(
                "Zajęcia dla dzieci, młodzieży i seniorów",
                "education seniors",
                "Koła zainteresowań, zespół ludowy, Uniwersytet Trzeciego Wieku, wydarzenia plenerowe.",
                "mieszkańcy w każdym wieku",
                "ustawa z dnia 25 października 1991 r. o organizowaniu i prowadzeniu działalności kulturalnej",
                "Zapisy w sekretariacie; większość zajęć bezpłatna.",
            ),
        ),
    ),
    DemoInstitution(
        "Biblioteka Publiczna Miasta i Gminy (demo)",
        "library",
        G,
        "ul. Kulturalna 9",
        mailbox="biblioteka",
        opening_hours="pon.–pt. 9:00–18:00, sob. 9:00–13:00",
        contacts=(("Zofia Biblioteczna", "dyrektorka"),),
        services=(
            S(
                "Książka na telefon i kluby czytelnicze",
                "seniors disability education",
                "Dostarczanie książek do domu osobom starszym i z niepełnosprawnością, zajęcia dla dzieci.",
                "seniorzy, osoby z niepełnosprawnością, dzieci",
                "ustawa z dnia 27 czerwca 1997 r. o bibliotekach",
                "Telefon do biblioteki; bez opłat.",
            ),
        ),
    ),
    DemoInstitution(
        "Świetlica Wiejska w Wielkiej Łące (demo)",
        "community_room",
        G,
        "Wielka Łąka 15",
        mailbox="swietlica",
        opening_hours="pon.–pt. 14:00–19:00",
        contacts=(("Lucyna Świetlicowa", "animatorka"),),
        services=(
            S(
                "Zajęcia świetlicowe i animacja środowiska",
                "education seniors",
                "Zajęcia dla dzieci po szkole, spotkania koła seniorów, inicjatywy mieszkańców.",
                "mieszkańcy sołectwa",
                "zadania własne gminy: art. 7 ust. 1 pkt 9 ustawy o samorządzie gminnym",
                "Wstęp wolny.",
            ),
        ),
    ),
    DemoInstitution(
        "Klub Sportowy „Start” (demo)",
        "sports_club",
        G,
        "ul. Sportowa 2",
        mailbox="start",
        opening_hours="treningi pon.–sob. popołudniami",
        contacts=(("Sławomir Sportowy", "trener"),),
        services=(
            S(
                "Bezpłatne treningi dla dzieci i młodzieży",
                "education alcoholism",
                "Treningi piłki nożnej i lekkiej atletyki; zajęcia finansowane z gminnego programu profilaktyki.",
                "dzieci i młodzież 7–18 lat",
                f"ustawa z dnia 25 czerwca 2010 r. o sporcie; art. 4¹ {UWT}",
                "Zapisy u trenera.",
            ),
        ),
    ),
    DemoInstitution(
        "Parafialny Zespół Caritas (demo)",
        "church",
        G,
        "ul. Kościelna 1",
        mailbox="caritas",
        opening_hours="środy 16:00–18:00",
        contacts=(("ks. Stanisław Parafialny", "proboszcz"), ("Maria Caritasowa", "koordynatorka wolontariuszy")),
        services=(
            S(
                "Paczki żywnościowe i pomoc doraźna",
                "poverty crisis homelessness",
                "Wydawanie żywności z programu FEPŻ, odzież, pomoc po pożarze lub innym zdarzeniu losowym.",
                "osoby i rodziny w trudnej sytuacji materialnej",
                "Program Fundusze Europejskie na Pomoc Żywnościową 2021–2027; działalność statutowa Caritas",
                "Skierowanie OPS (żywność FEPŻ) lub zgłoszenie w parafii.",
            ),
        ),
    ),
    DemoInstitution(
        "Stowarzyszenie „Jesteśmy Razem” na rzecz Osób z Niepełnosprawnością (demo)",
        "ngo",
        G,
        "ul. Ogrodowa 3",
        mailbox="jestesmy-razem",
        opening_hours="pon., śr. 10:00–16:00",
        contacts=(("Joanna Stowarzyszeniowa", "prezeska"),),
        services=(
            S(
                "Wsparcie rodzin osób z niepełnosprawnością i wypoczynek",
                "disability long_illness",
                "Grupy wsparcia dla rodziców, wypożyczalnia sprzętu rehabilitacyjnego, wyjazdy integracyjne.",
                "osoby z niepełnosprawnością i ich rodziny",
                "ustawa z dnia 24 kwietnia 2003 r. o działalności pożytku publicznego i o wolontariacie",
                "Kontakt telefoniczny lub osobisty.",
            ),
        ),
    ),
    DemoInstitution(
        "Zakład Gospodarki Komunalnej i Mieszkaniowej (demo)",
        "communal_housing",
        G,
        "ul. Komunalna 11",
        short_name="ZGKiM",
        mailbox="zgkim",
        contacts=(("Henryk Mieszkaniowy", "kierownik działu lokali"),),
        services=(
            S(
                "Najem lokali komunalnych i socjalnych",
                "housing homelessness poverty",
                "Lokale z zasobu gminy, lokale socjalne i pomieszczenia tymczasowe, zamiana lokali.",
                "mieszkańcy o niskich dochodach, osoby bez mieszkania",
                "ustawa z dnia 21 czerwca 2001 r. o ochronie praw lokatorów, mieszkaniowym zasobie gminy i o zmianie "
                "Kodeksu cywilnego",
                "Wniosek o najem w urzędzie; lista osób uprawnionych.",
            ),
        ),
    ),
    # --- County of golubsko-dobrzyński ----------------------------------------------------------------
    DemoInstitution(
        "Powiatowy Urząd Pracy w Golubiu-Dobrzyniu (demo)",
        "labour_office",
        P,
        "ul. Pracy 4",
        **GOLUB,
        short_name="PUP",
        mailbox="pup",
        contacts=(("Wiesława Zawodowa", "doradczyni klienta"),),
        specialists={"career_adviser": 3},
        services=(
            S(
                "Pośrednictwo pracy, szkolenia i staże",
                "unemployment disability",
                "Oferty pracy, staże, bony szkoleniowe, dofinansowanie działalności gospodarczej.",
                "osoby bezrobotne i poszukujące pracy",
                f"art. 1 {URP}",
                "Rejestracja w urzędzie lub przez praca.gov.pl.",
            ),
            S(
                "Zatrudnianie cudzoziemców",
                "foreigners unemployment",
                "Oświadczenia o powierzeniu pracy, informacja o prawach cudzoziemców na rynku pracy.",
                "cudzoziemcy i pracodawcy",
                f"art. 1 {URP}",
                "Wniosek pracodawcy; konsultacja w urzędzie.",
            ),
        ),
    ),
    DemoInstitution(
        "Poradnia Psychologiczno-Pedagogiczna w Golubiu-Dobrzyniu (demo)",
        "counselling_centre",
        P,
        "ul. Szkolna 8",
        **GOLUB,
        mailbox="poradnia",
        opening_hours="pon.–pt. 8:00–17:00",
        contacts=(("Agnieszka Poradniana", "dyrektorka"),),
        specialists={"psychologist": 3, "pedagogue": 3, "speech_therapist": 2},
        services=(
            S(
                "Diagnoza, orzeczenia i terapia dzieci",
                "education disability mental_health helplessness",
                "Diagnoza psychologiczna i pedagogiczna, orzeczenia o potrzebie kształcenia specjalnego, terapia.",
                "dzieci, młodzież, rodzice i nauczyciele",
                f"art. 2 pkt 4 {PO}",
                "Wniosek rodzica; bez opłat i bez skierowania.",
            ),
        ),
    ),
    DemoInstitution(
        "Szpital Powiatowy (demo)",
        "hospital",
        P,
        "ul. Szpitalna 1",
        **GOLUB,
        mailbox="szpital",
        opening_hours="całodobowo",
        contacts=(("Elżbieta Socjalna", "pracowniczka socjalna szpitala"),),
        services=(
            S(
                "Leczenie szpitalne i pracownik socjalny szpitala",
                "long_illness seniors crisis",
                "Oddziały internistyczny, chirurgiczny, pediatryczny; pomoc w organizacji opieki po wypisie.",
                "pacjenci i ich rodziny",
                "ustawa z dnia 15 kwietnia 2011 r. o działalności leczniczej",
                "Skierowanie lekarza lub przyjęcie w nagłym przypadku.",
            ),
        ),
    ),
    DemoInstitution(
        "Ośrodek Rehabilitacji (demo)",
        "rehabilitation",
        P,
        "ul. Zdrowa 12",
        **GOLUB,
        mailbox="rehabilitacja",
        contacts=(("Piotr Fizjoterapeutyczny", "kierownik"),),
        services=(
            S(
                "Rehabilitacja ambulatoryjna i domowa",
                "disability long_illness seniors",
                "Fizjoterapia, rehabilitacja w domu pacjenta leżącego.",
                "osoby po urazach, przewlekle chore",
                "ustawa z dnia 27 sierpnia 2004 r. o świadczeniach opieki zdrowotnej finansowanych ze środków "
                "publicznych",
                "Skierowanie lekarza.",
            ),
        ),
    ),
    DemoInstitution(
        "Poradnia Terapii Uzależnień i Współuzależnienia (demo)",
        "addiction_therapy",
        P,
        "ul. Szpitalna 1",
        **GOLUB,
        mailbox="terapia",
        opening_hours="pon.–pt. 10:00–19:00",
        contacts=(("Urszula Terapeutyczna", "kierowniczka"),),
        specialists={"addiction_therapist": 3, "psychiatrist": 1},
        services=(
            S(
                "Terapia uzależnienia i współuzależnienia",
                "alcoholism drug_addiction domestic_violence",
                "Terapia indywidualna i grupowa, program dla DDA, pomoc psychiatryczna.",
                "osoby uzależnione od alkoholu i narkotyków, ich rodziny",
                f"art. 21 {UWT}; art. 26 {UPN}",
                "Bez skierowania (NFZ).",
            ),
        ),
    ),
    DemoInstitution(
        "Centrum Zdrowia Psychicznego (demo)",
        "mental_health_centre",
        P,
        "ul. Szpitalna 3",
        **GOLUB,
        mailbox="czp",
        opening_hours="punkt zgłoszeniowo-koordynacyjny pon.–pt. 8:00–18:00",
        contacts=(("dr Alicja Psychiatryczna", "kierowniczka"),),
        specialists={"psychiatrist": 2, "psychologist": 3},
        services=(
            S(
                "Punkt zgłoszeniowo-koordynacyjny i zespół środowiskowy",
                "mental_health crisis",
                "Pierwsza konsultacja w ciągu 72 godzin, leczenie środowiskowe, oddział dzienny.",
                "dorośli w kryzysie psychicznym i ich bliscy",
                f"art. 4 i 8 {UOZP}",
                "Bez skierowania, osobiście lub telefonicznie.",
            ),
        ),
    ),
    DemoInstitution(
        "Dom Pomocy Społecznej (demo)",
        "dps",
        P,
        "ul. Spokojna 2",
        **GOLUB,
        short_name="DPS",
        mailbox="dps",
        opening_hours="całodobowo",
        contacts=(("Barbara Domowa", "dyrektorka"),),
        specialists={"social_worker": 1, "therapist": 2},
        services=(
            S(
                "Całodobowa opieka dla osób przewlekle somatycznie chorych",
                "seniors long_illness disability",
                "Pobyt stały, opieka pielęgniarska, terapia zajęciowa.",
                "osoby wymagające całodobowej opieki, której nie można zapewnić w domu",
                f"art. 54–57 {UPS}",
                "Wniosek w OPS; decyzja o skierowaniu i odpłatności.",
            ),
        ),
    ),
    DemoInstitution(
        "Środowiskowy Dom Samopomocy (demo)",
        "sds",
        P,
        "ul. Leśna 4",
        **GOLUB,
        short_name="ŚDS",
        mailbox="sds",
        contacts=(("Krystyna Samopomocowa", "kierowniczka"),),
        specialists={"therapist": 3, "psychologist": 1},
        services=(
            S(
                "Dzienne wsparcie osób z zaburzeniami psychicznymi",
                "mental_health disability",
                "Treningi samodzielności, terapia zajęciowa, dowóz uczestników.",
                "osoby z zaburzeniami psychicznymi i niepełnosprawnością intelektualną",
                f"art. 51 {UPS}",
                "Decyzja OPS na podstawie zaświadczenia lekarskiego.",
            ),
        ),
    ),
    DemoInstitution(
        "Warsztat Terapii Zajęciowej (demo)",
        "wtz",
        P,
        "ul. Rzemieślnicza 6",
        **GOLUB,
        short_name="WTZ",
        mailbox="wtz",
        contacts=(("Leszek Warsztatowy", "kierownik"),),
        specialists={"therapist": 4},
        services=(
            S(
                "Rehabilitacja społeczna i zawodowa",
                "disability unemployment",
                "Pracownie: stolarska, gospodarstwa domowego, komputerowa; przygotowanie do pracy.",
                "osoby z orzeczeniem o niepełnosprawności ze wskazaniem do terapii zajęciowej",
                f"art. 10a {UREH}",
                "Wniosek do WTZ z orzeczeniem; kwalifikacja przez PCPR.",
            ),
        ),
    ),
    DemoInstitution(
        "Centrum Integracji Społecznej (demo)",
        "cis",
        P,
        "ul. Robotnicza 20",
        **GOLUB,
        short_name="CIS",
        mailbox="cis",
        contacts=(("Jerzy Integracyjny", "kierownik"),),
        specialists={"career_adviser": 1, "psychologist": 1, "addiction_therapist": 1},
        services=(
            S(
                "Program zatrudnienia socjalnego",
                "unemployment homelessness alcoholism after_prison",
                "Do 12 miesięcy warsztatów zawodowych ze świadczeniem integracyjnym, wsparcie psychologa.",
                "osoby długotrwale bezrobotne, bezdomne, po terapii uzależnień, po zwolnieniu z zakładu karnego",
                f"art. 1 i 12 {UZS}",
                "Skierowanie OPS lub zgłoszenie osobiste; indywidualny program.",
            ),
        ),
    ),
    DemoInstitution(
        "Ośrodek Interwencji Kryzysowej (demo)",
        "oik",
        P,
        "ul. Powiatowa 5",
        **GOLUB,
        short_name="OIK",
        mailbox="oik",
        opening_hours="całodobowy telefon zaufania; dyżury pon.–pt. 8:00–20:00",
        contacts=(("Iwona Interwencyjna", "psycholożka"),),
        specialists={"psychologist": 2, "lawyer": 1},
        services=(
            S(
                "Interwencja kryzysowa i hostel",
                "crisis domestic_violence disaster",
                "Wsparcie psychologiczne, prawne, schronienie do 3 miesięcy dla osób w kryzysie.",
                "osoby i rodziny w sytuacji kryzysowej, doznające przemocy",
                f"art. 47 {UPS}",
                "Bez skierowania, także anonimowo; w nocy telefonicznie.",
            ),
        ),
    ),
    DemoInstitution(
        "Schronisko dla Osób Bezdomnych z Usługami Opiekuńczymi (demo)",
        "shelter",
        P,
        "ul. Zaciszna 9",
        **GOLUB,
        mailbox="schronisko",
        opening_hours="całodobowo",
        contacts=(("Tomasz Schroniskowy", "kierownik"),),
        services=(
            S(
                "Schronienie z usługami opiekuńczymi",
                "homelessness seniors long_illness",
                "Całodobowe schronienie, pomoc w usamodzielnieniu, indywidualny program wychodzenia z bezdomności.",
                "osoby bezdomne, w tym wymagające usług opiekuńczych",
                f"art. 48a {UPS}",
                "Decyzja OPS właściwego dla ostatniego miejsca zameldowania.",
            ),
        ),
    ),
    DemoInstitution(
        "Młodzieżowy Ośrodek Socjoterapii (demo)",
        "mos",
        P,
        "ul. Szkolna 14",
        **GOLUB,
        short_name="MOS",
        mailbox="mos",
        opening_hours="całodobowo",
        contacts=(("Filip Socjoterapeutyczny", "dyrektor"),),
        specialists={"pedagogue": 3, "psychologist": 1, "therapist": 2},
        services=(
            S(
                "Socjoterapia i kształcenie",
                "education helplessness drug_addiction",
                "Nauka w szkole przy ośrodku, zajęcia socjoterapeutyczne, praca z rodziną.",
                "młodzież zagrożona niedostosowaniem społecznym lub uzależnieniem",
                f"art. 2 pkt 7 {PO}",
                "Orzeczenie poradni psychologiczno-pedagogicznej i wniosek rodzica.",
            ),
        ),
    ),
    DemoInstitution(
        "Komenda Powiatowa Policji (demo)",
        "police",
        P,
        "ul. Bezpieczna 1",
        **GOLUB,
        short_name="KPP",
        mailbox="kpp",
        opening_hours="całodobowo (telefon alarmowy 112)",
        contacts=(("Michał Prewencyjny", "kierownik zespołu prewencji"),),
        services=(
            S(
                "Zespół ds. nieletnich i patologii",
                "drug_addiction domestic_violence helplessness",
                "Postępowania w sprawach nieletnich, profilaktyka uzależnień, wsparcie dzielnicowych.",
                "nieletni i ich rodziny",
                "ustawa z dnia 9 czerwca 2022 r. o wspieraniu i resocjalizacji nieletnich",
                "Zgłoszenie na komendzie lub przez dzielnicowego.",
            ),
        ),
    ),
    DemoInstitution(
        "Sąd Rejonowy – Wydział Rodzinny i Nieletnich (demo)",
        "court",
        P,
        "ul. Sądowa 2",
        **GOLUB,
        mailbox="sad",
        contacts=(("Sekretariat Wydziału Rodzinnego (demo)", "biuro obsługi interesantów"),),
        services=(
            S(
                "Sprawy opiekuńcze, nieletnich i zobowiązanie do leczenia",
                "helplessness foster_care alcoholism orphanhood",
                "Ograniczenie władzy rodzicielskiej, umieszczenie w pieczy, nadzór kuratora, leczenie odwykowe.",
                "rodziny z dziećmi, osoby uzależnione",
                f"Kodeks rodzinny i opiekuńczy; art. 26 {UWT}",
                "Wniosek uczestnika, GKRPA, OPS lub zawiadomienie z urzędu.",
            ),
        ),
    ),
    DemoInstitution(
        "Zespół Kuratorskiej Służby Sądowej (demo)",
        "probation",
        P,
        "ul. Sądowa 2",
        **GOLUB,
        mailbox="kuratorzy",
        contacts=(("Kazimierz Kuratorski", "kierownik zespołu"),),
        specialists={"probation_officer": 6},
        services=(
            S(
                "Nadzory kuratorskie i pomoc postpenitencjarna",
                "after_prison helplessness",
                "Nadzór nad rodzinami i skazanymi, pomoc w powrocie do społeczeństwa po zwolnieniu.",
                "rodziny pod nadzorem sądu, osoby zwolnione z zakładu karnego",
                "ustawa z dnia 27 lipca 2001 r. o kuratorach sądowych; Kodeks karny wykonawczy",
                "Na podstawie postanowienia lub wyroku sądu.",
            ),
        ),
    ),
    DemoInstitution(
        "Starostwo Powiatowe (demo)",
        "county_office",
        P,
        "ul. Powiatowa 1",
        **GOLUB,
        mailbox="starostwo",
        contacts=(("Stefan Starościński", "naczelnik wydziału spraw społecznych"),),
        services=(
            S(
                "Orzekanie o niepełnosprawności",
                "disability long_illness",
                "Powiatowy zespół do spraw orzekania o niepełnosprawności: orzeczenia i legitymacje.",
                "osoby z niepełnosprawnością, dzieci do 16 lat",
                f"art. 6 {UREH}",
                "Wniosek z zaświadczeniem lekarskim.",
            ),
        ),
    ),
    DemoInstitution(
        "Punkt Nieodpłatnej Pomocy Prawnej i Poradnictwa Obywatelskiego (demo)",
        "other",
        P,
        "ul. Powiatowa 1",
        **GOLUB,
        mailbox="pomoc-prawna",
        opening_hours="pon.–pt. 12:00–16:00",
        contacts=(("mec. Paulina Prawnicza", "adwokatka"),),
        specialists={"lawyer": 2},
        services=(
            S(
                "Nieodpłatna porada prawna i mediacja",
                "poverty domestic_violence housing after_prison",
                "Porady prawne, poradnictwo obywatelskie, mediacja; także wizyty w domu osób z niepełnosprawnością.",
                "każda osoba, która złoży oświadczenie, że nie stać jej na płatną pomoc",
                "ustawa z dnia 5 sierpnia 2015 r. o nieodpłatnej pomocy prawnej, nieodpłatnym poradnictwie "
                "obywatelskim oraz edukacji prawnej",
                "Zapisy telefoniczne w starostwie.",
            ),
        ),
    ),
    # --- Voivodeship kujawsko-pomorskie -------------------------------------------------------------------
    DemoInstitution(
        "Młodzieżowy Ośrodek Wychowawczy (demo)",
        "mow",
        W,
        "ul. Wychowawcza 1",
        **TORUN,
        short_name="MOW",
        mailbox="mow",
        opening_hours="całodobowo",
        contacts=(("Waldemar Wychowawczy", "dyrektor"),),
        services=(
            S(
                "Resocjalizacja i kształcenie nieletnich",
                "education helplessness",
                "Całodobowy pobyt, nauka, resocjalizacja, przygotowanie do samodzielności.",
                "nieletni skierowani przez sąd rodzinny",
                f"ustawa z dnia 9 czerwca 2022 r. o wspieraniu i resocjalizacji nieletnich; art. 2 pkt 7 {PO}",
                "Postanowienie sądu rodzinnego.",
            ),
        ),
    ),
    DemoInstitution(
        "Zakład Karny (demo)",
        "prison",
        W,
        "ul. Więzienna 1",
        **TORUN,
        mailbox="zk",
        contacts=(("Karolina Penitencjarna", "wychowawczyni działu penitencjarnego"),),
        services=(
            S(
                "Przygotowanie do zwolnienia",
                "after_prison",
                "Programy readaptacji, kontakt z OPS i kuratorem przed zwolnieniem, pomoc postpenitencjarna.",
                "osoby pozbawione wolności przed zwolnieniem",
                "art. 164–166 Kodeksu karnego wykonawczego",
                "Wniosek osadzonego lub wychowawcy.",
            ),
        ),
    ),
    DemoInstitution(
        "Zakład Aktywności Zawodowej (demo)",
        "zaz",
        W,
        "ul. Fabryczna 8",
        **TORUN,
        short_name="ZAZ",
        mailbox="zaz",
        contacts=(("Bożena Aktywna", "kierowniczka"),),
        specialists={"therapist": 2},
        services=(
            S(
                "Zatrudnienie wspierane osób z niepełnosprawnością",
                "disability unemployment",
                "Praca w pralni i introligatorni z rehabilitacją i opieką trenera pracy.",
                "osoby ze znacznym lub umiarkowanym stopniem niepełnosprawności",
                f"art. 29 {UREH}",
                "Skierowanie przez PCPR lub PUP; rekrutacja w ZAZ.",
            ),
        ),
    ),
]


def _email(name: str) -> str:
    words = [w for w in search_key(name).replace(".", " ").split() if w not in {"dr", "ks", "mec"}]
    return f"{'.'.join(words[:2])}@{DOMAIN}"


def _details(entry: DemoInstitution, number: int) -> dict:
    phones = [(f"56 000 {number:02d} 00", "sekretariat")]
    if entry.kind in {"ops", "oik", "police", "pcpr"}:
        phones.append((f"56 000 {number:02d} 11", "dyżur"))
    return {
        "short_name": entry.short_name,
        "level": entry.level,
        "street": entry.street,
        "postal_code": entry.postal_code,
        "city": entry.city,
        "email": f"{entry.mailbox or 'sekretariat'}@{INSTITUTION_DOMAIN}",
        "opening_hours": entry.opening_hours,
        "notes": "Instytucja fikcyjna — dane demonstracyjne.",
        "phones": phones,
        "contacts": [
            (name, function, f"56 000 {number:02d} {i + 20:02d}", _email(name) if "(demo)" not in name else "")
            for i, (name, function) in enumerate(entry.contacts)
        ],
        "specialists": dict(entry.specialists),
    }


@transaction.atomic
def seed_demo_directory() -> list[Institution]:
    """Create the demo directory (see the module's docstring); returns its institutions."""
    units = Unit.objects.in_bulk([VOIVODESHIP, COUNTY, GMINA], field_name="code")
    if len(units) != 3:
        raise RuntimeError("Load the TERYT register first (python manage.py load_teryt).")
    problems_sync()  # a database emptied by hand (or by a browser test) may have lost the migration's rows
    problems = Problem.objects.in_bulk(field_name="code")
    created = []
    for number, entry in enumerate(DIRECTORY, start=1):
        unit = units[LEVEL_UNIT[entry.level]]
        institution = Institution.objects.filter(name=entry.name, unit=unit).first()
        if institution is None:
            institution = institution_create(
                actor=None, name=entry.name, kind=entry.kind, unit=unit, **_details(entry, number)
            )
        elif not institution.street and not institution.services.exists():
            institution = institution_update(actor=None, institution=institution, data=_details(entry, number))
        existing = set(institution.services.values_list("name", flat=True))
        for service in entry.services:
            if service.name in existing:
                continue
            service_save(
                actor=None,
                institution=institution,
                name=service.name,
                description=service.description,
                problems=[problems[code] for code in service.problems],
                target_group=service.target_group,
                legal_basis=service.legal_basis,
                how_to_access=service.how_to_access,
            )
        created.append(institution)
    return created
