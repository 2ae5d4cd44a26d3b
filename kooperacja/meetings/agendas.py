# ruff: noqa: E501  (agenda texts are data: one agenda item a line)
"""Agenda templates of the meetings, as data in Polish (the words of the seed document 002).

A new meeting starts with its kind's template; the organiser changes it freely. Authorities: the five steps of
002 §3.2. Institutions: the scenario of annex 2, as §3.3 describes it (organisation, opening, the diagnosis,
the model, discussion and the agreement, the minutes).
"""

AUTHORITIES = """\
1. Wprowadzenie, diagnoza: zasadność i istota współpracy międzyinstytucjonalnej, diagnoza zasobów instytucjonalnych gminy i powiatu, najważniejsze elementy MODELU KOOPERACJI.
2. Koncentracja na potrzebie: potrzeba współpracy, cel i wartości, koszty zaniechania (karty kosztów zaniechania), korzyści ekonomiczne i społeczne.
3. Rola poszczególnych instytucji w MODELU: zadania burmistrza (wójta), starosty i ROPS.
4. Przedstawienie efektu końcowego spotkania interesariuszy: deklaracja współpracy / porozumienie o współpracy (wzór).
5. Ustalenie dalszych działań i zamknięcie spotkania: data i miejsce spotkania z instytucjami, potencjalni interesariusze, osoby odpowiedzialne za powiadomienie, inne ustalenia; podsumowanie i protokół."""

INSTITUTIONS = """\
1. Otwarcie spotkania przez burmistrza (wójta) lub osobę przez niego wyznaczoną: przedstawienie zaproszonych instytucji i ich roli, cel i agenda spotkania.
2. Zatwierdzenie protokołu poprzedniego spotkania (jeżeli było).
3. Przedstawienie diagnozy gminy i powiatu (pracownik OPS): charakterystyka gminy, dominujące potrzeby i zasoby, koszty zaniechania; wskazanie osoby sporządzającej protokół.
4. Prezentacja MODELU KOOPERACJI (ok. 10 minut), z przykładowym studium przypadku.
5. Dyskusja: cele i zasady partnerstwa, trudności we współpracy i sposoby ich pokonania; propozycja deklaracji/porozumienia o współpracy.
6. Ustalenia, zadania do wykonania, termin kolejnego spotkania.
7. Protokół: sporządzony na koniec spotkania, wyświetlony na ekranie i odczytany uczestnikom."""

TEAM = """\
1. Zatwierdzenie protokołu poprzedniego spotkania.
2. Informacja o realizacji ustaleń i zadań.
3. Sprawy bieżące kooperacji.
4. Ustalenia, zadania do wykonania, termin kolejnego spotkania."""

CASE_GROUP = """\
1. Przedstawienie uczestników i celu posiedzenia.
2. Omówienie diagnozy sytuacji osoby/rodziny/grupy.
3. Opracowanie planu pracy: cel główny, cele szczegółowe, zadania i terminy.
4. Ustalenie częstotliwości spotkań monitorujących."""

MONITORING = """\
1. Postępy wszystkich uczestników planu pracy i zrealizowane działania.
2. Trudności i bariery.
3. Zmiany, działania naprawcze lub rozwiązania alternatywne.
4. Termin kolejnego spotkania."""

TEMPLATES = {
    "authorities": AUTHORITIES,
    "institutions": INSTITUTIONS,
    "team": TEAM,
    "case_group": CASE_GROUP,
    "monitoring": MONITORING,
    "other": "",
}


def agenda_template(kind: str) -> str:
    return TEMPLATES.get(kind, "")
