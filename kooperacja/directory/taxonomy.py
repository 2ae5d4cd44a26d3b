"""The maintained taxonomies of the directory: sectors and kinds of institutions, social problems, specialists.

Codes are stable identifiers (stored, exported as HSDS taxonomy terms, used in CSV); labels are Polish via
gettext. Add a kind or a problem here (a problem also needs a data migration calling sync_problem_rows).
"""

from django.utils.translation import gettext_lazy as _

SECTORS = {
    "social": _("social assistance and integration"),
    "reintegration": _("social and vocational reintegration"),
    "education": _("education"),
    "health": _("health"),
    "culture_sport": _("culture and sport"),
    "labour": _("labour market"),
    "security": _("security"),
    "justice": _("justice"),
    "church": _("church institutions"),
    "ngo": _("non-governmental organisations"),
    "administration": _("administration"),
    "housing": _("communal housing resources"),
    "other": _("other"),
}

# (code, label, sector). The first codes are those of the foundation and stay as they were.
KINDS = [
    ("ops", _("social assistance centre (OPS/GOPS/MOPS)"), "social"),
    ("pcpr", _("county family support centre (PCPR)"), "social"),
    ("rops", _("regional social policy centre (ROPS)"), "social"),
    ("dps", _("social care home (DPS)"), "social"),
    ("sds", _("community self-help centre (ŚDS)"), "social"),
    ("day_care_home", _("day care home"), "social"),
    ("self_help_club", _("self-help club"), "social"),
    ("family_care_home", _("family care home"), "social"),
    ("sheltered_housing", _("sheltered housing"), "social"),
    ("oik", _("crisis intervention centre (OIK)"), "social"),
    ("night_shelter", _("night shelter"), "social"),
    ("shelter", _("shelter for the homeless"), "social"),
    ("day_support", _("day support facility for children"), "social"),
    ("consultation_point", _("consultation point"), "social"),
    ("gkrpa", _("gmina commission for alcohol problems (GKRPA)"), "social"),
    ("interdisciplinary_team", _("interdisciplinary team"), "social"),
    ("cis", _("social integration centre (CIS)"), "reintegration"),
    ("kis", _("social integration club (KIS)"), "reintegration"),
    ("wtz", _("occupational therapy workshop (WTZ)"), "reintegration"),
    ("zaz", _("vocational activity establishment (ZAZ)"), "reintegration"),
    ("social_cooperative", _("social cooperative"), "reintegration"),
    ("nursery", _("nursery (żłobek)"), "education"),
    ("childrens_club", _("children's club"), "education"),
    ("kindergarten", _("kindergarten"), "education"),
    ("preschool_point", _("pre-school point"), "education"),
    ("school", _("school"), "education"),
    ("counselling_centre", _("psychological and pedagogical counselling centre"), "education"),
    ("mos", _("youth sociotherapy centre (MOS)"), "education"),
    ("mow", _("youth educational centre (MOW)"), "education"),
    ("health", _("outpatient clinic / primary care (POZ)"), "health"),
    ("hospital", _("hospital"), "health"),
    ("rehabilitation", _("rehabilitation centre"), "health"),
    ("zol", _("care and treatment facility (ZOL)"), "health"),
    ("addiction_therapy", _("addiction therapy centre"), "health"),
    ("mental_health_centre", _("mental health centre"), "health"),
    ("culture_centre", _("culture centre"), "culture_sport"),
    ("library", _("library"), "culture_sport"),
    ("community_room", _("community room (świetlica)"), "culture_sport"),
    ("sports_club", _("sports club"), "culture_sport"),
    ("labour_office", _("county labour office (PUP)"), "labour"),
    ("employment_agency", _("employment agency"), "labour"),
    ("police", _("police"), "security"),
    ("court", _("court"), "justice"),
    ("probation", _("probation officers"), "justice"),
    ("correctional_facility", _("juvenile correctional facility"), "justice"),
    ("prison", _("prison"), "justice"),
    ("church", _("parish / church institution"), "church"),
    ("ngo", _("non-governmental organisation"), "ngo"),
    ("gmina_office", _("gmina office (wójt/burmistrz)"), "administration"),
    ("county_office", _("county office (starosta)"), "administration"),
    ("communal_housing", _("communal housing"), "housing"),
    ("social_housing", _("social housing"), "housing"),
    ("supported_housing", _("supported housing"), "housing"),
    ("other", _("other"), "other"),
]
KIND_CHOICES = [(code, label) for code, label, _sector in KINDS]
KIND_SECTOR = {code: sector for code, _label, sector in KINDS}


def kind_choices_by_sector():
    """Grouped choices for a <select> with <optgroup> per sector."""
    return [(SECTORS[s], [(c, label) for c, label, sector in KINDS if sector == s]) for s in SECTORS]


# Social problems: the reasons for assistance of art. 7 of the social assistance act (ustawa o pomocy
# społecznej), with their exact statutory Polish names and order, then the areas the seeds name. These are data
# (the law's wording), not interface text: they are stored in the Problem table by the initial migration.
PROBLEM_GROUPS = {"art7": _("reasons for assistance (art. 7 of the social assistance act)"), "area": _("other areas")}
PROBLEMS = [
    ("poverty", "ubóstwo", "art7"),
    ("orphanhood", "sieroctwo", "art7"),
    ("homelessness", "bezdomność", "art7"),
    ("unemployment", "bezrobocie", "art7"),
    ("disability", "niepełnosprawność", "art7"),
    ("long_illness", "długotrwała lub ciężka choroba", "art7"),
    ("domestic_violence", "przemoc domowa", "art7"),
    ("trafficking", "potrzeba ochrony ofiar handlu ludźmi", "art7"),
    ("maternity", "potrzeba ochrony macierzyństwa lub wielodzietności", "art7"),
    ("helplessness", "bezradność w sprawach opiekuńczo-wychowawczych i prowadzenia gospodarstwa domowego", "art7"),
    ("foreigners", "trudności w integracji cudzoziemców", "art7"),
    ("after_prison", "trudności w przystosowaniu do życia po zwolnieniu z zakładu karnego", "art7"),
    ("alcoholism", "alkoholizm", "art7"),
    ("drug_addiction", "narkomania", "art7"),
    ("crisis", "zdarzenie losowe i sytuacja kryzysowa", "art7"),
    ("disaster", "klęska żywiołowa lub ekologiczna", "art7"),
    ("foster_care", "piecza zastępcza", "area"),
    ("education", "edukacja", "area"),
    ("mental_health", "zdrowie psychiczne", "area"),
    ("housing", "mieszkalnictwo", "area"),
    ("seniors", "seniorzy", "area"),
]


def sync_problem_rows(problem_model) -> int:
    """Make the Problem table match PROBLEMS (by code); returns how many rows were created or changed.

    Takes the model class so that the data migration can pass its historical model."""
    changed = 0
    for order, (code, name, group) in enumerate(PROBLEMS, start=1):
        values = {"name": name, "group": group, "order": order}
        problem, created = problem_model.objects.get_or_create(code=code, defaults=values)
        outdated = not created and any(getattr(problem, k) != v for k, v in values.items())
        if outdated:
            problem_model.objects.filter(pk=problem.pk).update(**values)
        changed += created or outdated
    return changed


SPECIALISTS = [
    ("social_worker", _("social worker")),
    ("psychologist", _("psychologist")),
    ("pedagogue", _("pedagogue")),
    ("family_assistant", _("family assistant")),
    ("therapist", _("therapist")),
    ("addiction_therapist", _("addiction therapist")),
    ("lawyer", _("lawyer")),
    ("psychiatrist", _("psychiatrist")),
    ("speech_therapist", _("speech therapist")),
    ("career_adviser", _("career adviser")),
    ("probation_officer", _("probation officer")),
    ("community_officer", _("community police officer")),
    ("other", _("other specialist")),
]
