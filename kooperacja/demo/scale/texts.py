"""The words of the fictional data set: invented people and the phrases workers write. Nothing here is real;
e-mail addresses use the reserved domain kooperacja.example, which can never receive mail."""

from kooperacja.core.crypto import encrypt

DOMAIN = "scale.kooperacja.example"
PASSWORD = "kooperacja-bench"

MALE_FIRST = [
    "Adam",
    "Andrzej",
    "Bartosz",
    "Damian",
    "Dawid",
    "Grzegorz",
    "Jakub",
    "Jan",
    "Kamil",
    "Krzysztof",
    "Łukasz",
    "Marcin",
    "Marek",
    "Mateusz",
    "Michał",
    "Paweł",
    "Piotr",
    "Rafał",
    "Robert",
    "Szymon",
    "Tomasz",
    "Wojciech",
    "Zbigniew",
    "Stanisław",
    "Henryk",
    "Jerzy",
    "Ryszard",
    "Tadeusz",
]
FEMALE_FIRST = [
    "Agnieszka",
    "Aleksandra",
    "Alicja",
    "Anna",
    "Barbara",
    "Danuta",
    "Ewa",
    "Grażyna",
    "Halina",
    "Irena",
    "Joanna",
    "Julia",
    "Katarzyna",
    "Krystyna",
    "Magdalena",
    "Małgorzata",
    "Maria",
    "Marta",
    "Monika",
    "Natalia",
    "Paulina",
    "Renata",
    "Teresa",
    "Wiesława",
    "Zofia",
    "Zuzanna",
    "Jadwiga",
    "Elżbieta",
]
CHILD_FIRST = ["Antoni", "Franciszek", "Filip", "Igor", "Kuba", "Olek", "Hania", "Lena", "Maja", "Ola", "Zosia", "Pola"]
# Surnames as (male, female) forms.
SURNAMES = [
    ("Nowak", "Nowak"),
    ("Kowalski", "Kowalska"),
    ("Wiśniewski", "Wiśniewska"),
    ("Wójcik", "Wójcik"),
    ("Kowalczyk", "Kowalczyk"),
    ("Kamiński", "Kamińska"),
    ("Lewandowski", "Lewandowska"),
    ("Zieliński", "Zielińska"),
    ("Szymański", "Szymańska"),
    ("Woźniak", "Woźniak"),
    ("Dąbrowski", "Dąbrowska"),
    ("Kozłowski", "Kozłowska"),
    ("Jankowski", "Jankowska"),
    ("Mazur", "Mazur"),
    ("Kwiatkowski", "Kwiatkowska"),
    ("Krawczyk", "Krawczyk"),
    ("Piotrowski", "Piotrowska"),
    ("Grabowski", "Grabowska"),
    ("Nowakowski", "Nowakowska"),
    ("Pawłowski", "Pawłowska"),
    ("Michalski", "Michalska"),
    ("Nowicki", "Nowicka"),
    ("Adamczyk", "Adamczyk"),
    ("Dudek", "Dudek"),
    ("Zając", "Zając"),
    ("Wieczorek", "Wieczorek"),
    ("Jabłoński", "Jabłońska"),
    ("Król", "Król"),
    ("Majewski", "Majewska"),
    ("Olszewski", "Olszewska"),
    ("Jaworski", "Jaworska"),
    ("Wróbel", "Wróbel"),
    ("Malinowski", "Malinowska"),
    ("Pawlak", "Pawlak"),
    ("Witkowski", "Witkowska"),
    ("Walczak", "Walczak"),
    ("Stępień", "Stępień"),
    ("Górski", "Górska"),
    ("Rutkowski", "Rutkowska"),
    ("Michalak", "Michalak"),
]
STREETS = [
    "Polna",
    "Leśna",
    "Słoneczna",
    "Krótka",
    "Szkolna",
    "Ogrodowa",
    "Lipowa",
    "Brzozowa",
    "Łąkowa",
    "Kwiatowa",
    "Kościelna",
    "Sportowa",
    "Długa",
    "Mickiewicza",
    "Kolejowa",
    "Parkowa",
    "Ogrodowa",
    "Zielona",
    "Wiejska",
]

PROGRESS = [
    "Zadanie realizowane zgodnie z planem; rodzina uczestniczy w spotkaniach.",
    "Frekwencja dziecka w szkole poprawiła się w porównaniu z poprzednim miesiącem.",
    "Odbyły się dwie wizyty w miejscu zamieszkania; ustalono kolejne kroki.",
    "Rodzina złożyła dokumenty do zarządcy w sprawie ugody ratalnej.",
    "Osoba wspierana rozpoczęła terapię; uczestniczy w spotkaniach grupy wsparcia.",
    "Kontynuacja zajęć w świetlicy; dziecko chętnie uczestniczy.",
    "Zadanie wykonane częściowo; termin przesunięty na kolejny miesiąc.",
]
NEW_INFORMATION = [
    "Wychowawczyni zauważa lepszy kontakt z rodzicami.",
    "Matka podjęła pracę dorywczą.",
    "Ojciec zgłosił się do poradni leczenia uzależnień.",
    "Rodzina otrzymała lokal z zasobu gminy.",
    "Brak nowych zdarzeń interwencyjnych w miejscu zamieszkania.",
]
DIFFICULTIES = [
    "Rodzina dwukrotnie nie stawiła się na umówione spotkanie.",
    "Trudności z dojazdem do poradni w mieście powiatowym.",
    "Długi czas oczekiwania na wizytę u specjalisty.",
]
MAIN_GOALS = [
    "Rodzina samodzielnie utrzymuje mieszkanie, a dzieci regularnie uczęszczają do szkoły.",
    "Osoba wspierana podejmuje i utrzymuje zatrudnienie.",
    "Rodzina funkcjonuje bez przemocy; dzieci są bezpieczne.",
    "Osoba wspierana utrzymuje abstynencję i odbudowuje relacje z rodziną.",
    "Rodzice samodzielnie zapewniają dzieciom opiekę i wychowanie.",
]
GOALS = [
    "Spłata zaległości czynszowych w ratach",
    "Frekwencja dziecka w szkole powyżej 90%",
    "Podjęcie terapii uzależnień",
    "Udział w zajęciach Klubu Integracji Społecznej",
    "Uregulowanie sytuacji prawnej mieszkania",
    "Poprawa kompetencji wychowawczych rodziców",
    "Podjęcie zatrudnienia lub stażu",
    "Zapewnienie bezpieczeństwa członkom rodziny",
]
TASKS = [
    "Pomoc w zawarciu ugody ratalnej z zarządcą",
    "Cotygodniowa informacja o frekwencji dziecka",
    "Wizyta dzielnicowego w miejscu zamieszkania",
    "Konsultacja psychologiczna dla rodziców",
    "Zajęcia wyrównawcze w szkole",
    "Skierowanie do powiatowego urzędu pracy",
    "Udział w warsztatach umiejętności wychowawczych",
    "Wsparcie asystenta rodziny w prowadzeniu gospodarstwa domowego",
    "Udział rodziców w zebraniu szkolnym",
    "Regularny kontakt z poradnią leczenia uzależnień",
]
SCHEDULES = ["co tydzień", "co piątek", "raz w miesiącu", "do końca semestru", "co dwa tygodnie"]
MEETING_AGENDA = "1. Przyjęcie protokołu. 2. Informacje członków grupy. 3. Ustalenia i zadania."
MINUTES = [
    "Omówiono postęp pracy z rodziną i zadania na kolejny miesiąc.",
    "Członkowie grupy przedstawili informacje; plan pracy pozostaje bez zmian.",
    "Omówiono postęp pracy z rodzinami i plan działań zespołu na kolejny miesiąc.",
]
DECISIONS = ["Kolejne spotkanie za cztery tygodnie.", "Plan pracy pozostaje bez zmian."]
MESSAGES = [
    "Przesyłam informację o frekwencji za ostatni miesiąc; szczegóły omówimy na spotkaniu.",
    "Proszę o potwierdzenie terminu kolejnego spotkania grupy.",
    "Rodzina prosi o przesunięcie wizyty na przyszły tydzień.",
    "Informuję, że zadanie zostało wykonane.",
]
DIAGNOSIS_NEEDS = [
    "Wsparcie w opiece nad dziećmi po zajęciach szkolnych.",
    "Pomoc w uregulowaniu zaległości mieszkaniowych.",
    "Terapia uzależnień i wsparcie rodziny.",
    "Bezpieczeństwo członków rodziny.",
    "Aktywizacja zawodowa.",
]
MONITORING_NOTES = [
    "Zadania realizowane zgodnie z planem; sytuacja rodziny stabilna.",
    "Częściowa realizacja zadań; rodzina wymaga dalszego wsparcia.",
]
CONCLUSIONS = ["Kontynuować pracę według planu.", "Rozważyć modyfikację celów na najbliższej ewaluacji."]
REASONS = [
    "Dzieci opuszczają zajęcia; matka prosi szkołę o pomoc w sprawach opiekuńczych.",
    "Interwencja w miejscu zamieszkania; podejrzenie przemocy domowej.",
    "Długotrwałe bezrobocie i zaległości czynszowe.",
]
QUALIFICATION = ["Rodzina wieloproblemowa; zgoda na współpracę grupy.", "Kwalifikacja do pracy w grupie kooperacji."]


class Tokens:
    """Fernet tokens of the recurring phrases, made once per phrase in a few copies, so millions of rows do not
    each pay for an encryption: every value is still stored encrypted under the production key. Personal data
    (names, PESEL, addresses) is encrypted row by row with ``fresh``."""

    COPIES = 8

    def __init__(self, *, dry_run: bool = False):
        self.pool: dict[str, list[str]] = {}
        self.turn = 0
        self.dry_run = dry_run

    def __call__(self, text: str) -> str:
        if not text:
            return ""
        tokens = self.pool.get(text)
        if tokens is None:
            tokens = self.pool[text] = [self.fresh(text) for _ in range(self.COPIES)]
        self.turn += 1
        return tokens[self.turn % self.COPIES]

    def fresh(self, text: str) -> str:
        if self.dry_run:
            return text
        return encrypt(text) if text else ""
