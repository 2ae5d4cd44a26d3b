"""The stages and steps of the model as data (R-21): one template per variant and cycle, from the seeds —
000 (rural variant: first implementation and continuation) and 002 (urban-rural variant). Titles are data in
Polish, as the documents name them. Each step sits in a phase of the timeline (organisational, work, summary)
at a fraction of it, so an edited length of a phase moves its steps with it.

``kind`` tells the step page which part of the platform does the work (analysis, application, meeting, …).
"""

import calendar
import datetime
from dataclasses import dataclass


@dataclass(frozen=True)
class StepTemplate:
    stage: str
    code: str
    kind: str
    title: str
    phase: str  # "org", "work" or "summary"
    start: float  # fraction of the phase
    end: float
    documents: str = ""


STAGES = {
    "I": "Etap I — upowszechnianie",
    "II": "Etap II — organizacyjny",
    "III": "Etap III — praca Modelem Kooperacji",
    "IV": "Etap IV — ewaluacja i decyzja o kontynuacji",
}

RURAL_FIRST = [
    StepTemplate(
        "I",
        "0",
        "dissemination",
        "Upowszechnianie Modelu: spotkania informacyjne, platforma, doradca w ROPS",
        "org",
        0,
        0.3,
    ),
    StepTemplate(
        "II",
        "1",
        "consent",
        "Akceptacja przez władze gminy i powiatu",
        "org",
        0.1,
        0.4,
        "Decyzja wójta/burmistrza i starosty",
    ),
    StepTemplate("II", "2", "application", "Zgłoszenie do ROPS", "org", 0.3, 0.5, "Załącznik 1 — zgłoszenie"),
    StepTemplate("II", "3", "training", "Szkolenie animatorów Modelu", "org", 0.4, 0.8),
    StepTemplate(
        "II",
        "4",
        "agreement",
        "Powołanie Zespołu Gminno-Powiatowego: porozumienie G-P, plan i cele pracy",
        "org",
        0.6,
        1,
        "Załącznik 5 — porozumienie G-PZK; plan pracy zespołu",
    ),
    StepTemplate(
        "III",
        "6.1",
        "team_plan",
        "Realizacja prac zespołu na rzecz podmiotów kooperacji",
        "work",
        0,
        1,
        "Plan pracy zespołu: szkolenia, superwizja, wizyty studyjne, coaching",
    ),
    StepTemplate(
        "III",
        "6.2",
        "cases",
        "Realizacja prac zespołu na rzecz osób i rodzin",
        "work",
        0,
        1,
        "Załącznik 6 — plan pracy z rodziną; załącznik 7 — monitoring",
    ),
    StepTemplate(
        "III", "7", "team_plan", "Realizacja innych zadań Modelu, w tym na rzecz grup i społeczności", "work", 0.2, 1
    ),
    StepTemplate(
        "IV",
        "8",
        "evaluation",
        "Ewaluacja pracy zespołu i decyzja o kontynuacji prac Modelem",
        "summary",
        0,
        1,
        "Raport ewaluacyjny; decyzja władz",
    ),
]

RURAL_CONTINUATION = [
    StepTemplate(
        "II",
        "1",
        "consent",
        "Akceptacja przez władze gminno-powiatowe",
        "org",
        0,
        0.4,
        "Decyzja wójta/burmistrza i starosty",
    ),
    StepTemplate(
        "II",
        "2",
        "application",
        "Zgłoszenie do ROPS (o ile potrzebne jest wsparcie)",
        "org",
        0.2,
        0.5,
        "Załącznik 1 — zgłoszenie",
    ),
    StepTemplate(
        "II",
        "3",
        "agreement",
        "Podpisanie nowego porozumienia, ustalenie nowych celów, uzupełnienie składu zespołu",
        "org",
        0.4,
        0.9,
        "Załącznik 5 — porozumienie G-PZK",
    ),
    StepTemplate(
        "II",
        "4",
        "training",
        "Przygotowanie merytoryczne podmiotów do pracy zgodnie z nowym porozumieniem i celami",
        "org",
        0.6,
        1,
    ),
    StepTemplate("III", "5.1", "team_plan", "Realizacja prac zespołu na rzecz podmiotów kooperacji", "work", 0, 1),
    StepTemplate(
        "III",
        "5.2",
        "cases",
        "Realizacja prac zespołu na rzecz osób i rodzin",
        "work",
        0,
        1,
        "Załącznik 6 — plan pracy z rodziną; załącznik 7 — monitoring",
    ),
    StepTemplate(
        "III",
        "6",
        "team_plan",
        "Realizacja Modelu Kooperacji, w tym praca na rzecz grup i społeczności",
        "work",
        0.2,
        1,
    ),
    StepTemplate(
        "IV",
        "7",
        "evaluation",
        "Ewaluacja pracy zespołu i decyzja o kontynuacji prac Modelem",
        "summary",
        0,
        1,
        "Raport ewaluacyjny; decyzja władz",
    ),
]

URBAN_RURAL = [
    StepTemplate(
        "II",
        "1",
        "analysis",
        "Analiza gminy",
        "org",
        0,
        0.4,
        "Mapa problemów klientów; Karta oceny poziomu współpracy (cz. 2); Analiza sieci; karty kosztów zaniechania",
    ),
    StepTemplate(
        "II",
        "2",
        "application",
        "Zgłoszenie do ROPS albo informacja o samodzielnym wdrażaniu",
        "org",
        0.3,
        0.5,
        "Załącznik 1 — zgłoszenie",
    ),
    StepTemplate(
        "II",
        "3",
        "meeting_authorities",
        "Spotkanie z władzami samorządowymi",
        "org",
        0.4,
        0.6,
        "Wyniki analizy gminy; karty kosztów zaniechania; decyzja władz",
    ),
    StepTemplate(
        "II",
        "4",
        "meeting_institutions",
        "Spotkanie z instytucjami",
        "org",
        0.6,
        0.8,
        "Załącznik 2 — scenariusz spotkania z instytucjami",
    ),
    StepTemplate(
        "II",
        "5",
        "agreement",
        "Partnerski Zespół Kooperacji (PZK): deklaracja lub porozumienie",
        "org",
        0.75,
        1,
        "Załączniki 3–4 — deklaracja i porozumienie o współpracy",
    ),
    StepTemplate(
        "III",
        "6",
        "cases",
        "Praca z osobami i rodzinami (Gminne Grupy Kooperacji)",
        "work",
        0,
        1,
        "Załącznik 6 — plan pracy z rodziną; załącznik 7 — monitoring",
    ),
    StepTemplate(
        "III",
        "7",
        "team_plan",
        "Praca zespołu PZK: plan pracy, spotkania, działania dla instytucji i społeczności",
        "work",
        0,
        1,
    ),
    StepTemplate(
        "IV",
        "8",
        "evaluation",
        "Ewaluacja i decyzja o kontynuacji",
        "summary",
        0,
        1,
        "Raport ewaluacyjny; decyzja władz",
    ),
]


def template_for(variant: str, cycle: str) -> list[StepTemplate]:
    if variant == "rural":
        return RURAL_CONTINUATION if cycle == "continuation" else RURAL_FIRST
    return URBAN_RURAL


def add_months(day: datetime.date, months: float) -> datetime.date:
    """``day`` moved by a (possibly fractional) number of months; a fraction counts as 30-day months."""
    whole = int(months)
    year, month = divmod(day.month - 1 + whole, 12)
    year, month = day.year + year, month + 1
    moved = day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))
    return moved + datetime.timedelta(days=round((months - whole) * 30))


def planned_dates(template: StepTemplate, *, start: datetime.date, org: int, work: int, summary: int):
    offset, length = {"org": (0, org), "work": (org, work), "summary": (org + work, summary)}[template.phase]
    begin = add_months(start, offset + template.start * length)
    end = add_months(start, offset + template.end * length) - datetime.timedelta(days=1)
    return begin, max(begin, end)
