"""Completeness of the analysis (R-14): the seven questions of 002 §2.2 ("Diagnoza będzie kompletna, gdy
znajdziemy w niej odpowiedzi na pytania…"). A question is answered when the sections that answer it hold
data AND the coordinator has confirmed it; the page lists what is missing in plain words.

The questions are quoted from the source document (data, in Polish, like the statutory names of problems)."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from kooperacja.diagnosis.models import Analysis, IndicatorValue, Need, ProblemMapEntry, SurveyAnswer

# code: (the question as the model words it, the sections that answer it)
QUESTIONS = {
    "living_conditions": (
        "Czy mamy wiedzę na temat gminy i warunków życia jej mieszkańców?",
        ["statistics", "infrastructure"],
    ),
    "problems": (
        "Czy wiemy jakie występują na terenie gminy problemy społeczne? Jaka jest dynamika problemów społecznych?",
        ["problems"],
    ),
    "risk_groups": ("Czy zostały zidentyfikowane grupy zagrożone wykluczeniem?", ["problems"]),
    "residents_needs": ("Jakie potrzeby zgłaszają mieszkańcy?", ["problems"]),
    "enclaves": (
        "Czy są na terenie gminy miejsca zagrożone wykluczeniem i izolacją – tzw. enklawy?",
        ["infrastructure"],
    ),
    "infrastructure": (
        "Jaka jest infrastruktura na rzecz mieszkańców? Jakie potrzeby dostrzegają pracownicy instytucji?",
        ["infrastructure", "resources", "problems"],
    ),
    "cooperation": (
        "Czy istnieje współpraca instytucji na terenie gminy i powiatu? Czy ma charakter wymiany informacji czy "
        "wykracza poza ten obszar? Kto jest inicjatorem współpracy instytucji? Jaka jest świadomość pracowników "
        "instytucji w zakresie współpracy?",
        ["network"],
    ),
}


@dataclass
class QuestionState:
    code: str
    text: str
    sections: list[str]
    missing_data: list[str]  # what the sections still lack, in Polish
    confirmation: object | None

    @property
    def has_data(self) -> bool:
        return not self.missing_data

    @property
    def answered(self) -> bool:
        return self.has_data and self.confirmation is not None


@dataclass
class Completeness:
    questions: list[QuestionState]

    @property
    def answered(self) -> int:
        return sum(q.answered for q in self.questions)

    @property
    def percent(self) -> int:
        return round(100 * self.answered / len(self.questions))

    @property
    def is_complete(self) -> bool:
        return self.answered == len(self.questions)

    @property
    def missing(self) -> list[str]:
        """Everything still missing, one sentence each."""
        items = []
        for q in self.questions:
            items += q.missing_data
            if q.has_data and q.confirmation is None:
                message = _("The coordinator has not confirmed the answer to: “%(question)s”")
                items.append(message % {"question": q.text})
        return items


def analysis_completeness(analysis: Analysis) -> Completeness:
    """The state of the seven questions for ``analysis``, in a constant number of queries."""
    unit, year = analysis.unit, analysis.year
    indicator_years = set(
        IndicatorValue.objects.filter(unit=unit, year__lte=year).values_list("year", flat=True).distinct()
    )
    map_years = set(ProblemMapEntry.objects.filter(unit=unit, year__lte=year).values_list("year", flat=True).distinct())
    need_sources = set(Need.objects.filter(analysis=analysis).values_list("source", flat=True).distinct())
    has_groups = analysis.risk_groups.exists()
    has_enclaves = analysis.enclaves.exists()
    answers = SurveyAnswer.objects.filter(round__unit=unit, round__held_on__year__lte=year)
    has_survey = answers.filter(level__gte=1).exists()
    confirmations = {c.question: c for c in analysis.confirmations.select_related("confirmed_by")}

    missing = {code: [] for code in QUESTIONS}
    if len(indicator_years) < 2:
        missing["living_conditions"].append(_("Statistics: enter or import indicators for at least two years."))
    if not (analysis.transport or analysis.access_to_services):
        missing["living_conditions"].append(_("Infrastructure: describe transport and access to services."))
    if len(map_years) < 2:
        missing["problems"].append(_("Problem map: enter the numbers for at least two years to show the dynamics."))
    if not has_groups:
        missing["risk_groups"].append(_("Problem map: add the groups at risk of exclusion."))
    if Need.Source.RESIDENTS not in need_sources:
        missing["residents_needs"].append(_("Problem map: add the needs reported by residents."))
    if not (has_enclaves or analysis.no_enclaves):
        missing["enclaves"].append(_("Infrastructure: add the enclaves, or state that there are none in the gmina."))
    if not (analysis.urban_area or analysis.rural_area):
        missing["infrastructure"].append(_("Infrastructure: describe the urban and rural areas."))
    if Need.Source.STAFF not in need_sources:
        missing["infrastructure"].append(_("Problem map: add the needs seen by the institutions' staff."))
    if not has_survey:
        missing["cooperation"].append(_("Network of institutions: run a survey round and collect the answers."))

    return Completeness(
        [
            QuestionState(code, text, sections, missing[code], confirmations.get(code))
            for code, (text, sections) in QUESTIONS.items()
        ]
    )
