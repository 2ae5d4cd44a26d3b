"""A member's function in the case group, named with the words the field uses (kurator sądowy, pedagog szkolny,
dzielnicowy …), and how it is read from what the platform already knows: the position the person holds at their
institution, else the institution's kind. Pure functions: the data migration uses them too."""

# Words of a position (lower case, Polish) → function; the first match wins.
POSITION_WORDS: tuple[tuple[str, str], ...] = (
    ("kurator", "probation_officer"),
    ("psycholog", "psychologist"),
    ("terapeut", "therapist"),
    ("asystent rodziny", "family_assistant"),
    ("asystentka rodziny", "family_assistant"),
    ("pedagog", "school_pedagogue"),
    ("dzielnicow", "community_officer"),
    ("policjant", "community_officer"),
    ("pracownik socjalny", "social_worker"),
    ("pracowniczka socjalna", "social_worker"),
    ("lekarz", "medical"),
    ("lekarka", "medical"),
    ("pielęgniar", "medical"),
    ("doradca zawodowy", "career_adviser"),
    ("doradczyni zawodowa", "career_adviser"),
)

# Kinds of institution (kooperacja.directory.taxonomy.KINDS) → the usual function of their worker in a group.
KIND_FUNCTIONS: dict[str, str] = {
    "probation": "probation_officer",
    "court": "probation_officer",
    "police": "community_officer",
    "school": "school_pedagogue",
    "ops": "social_worker",
    "pcpr": "social_worker",
    "health": "medical",
    "labour_office": "career_adviser",
    "counselling_centre": "psychologist",
    "addiction_therapy": "therapist",
    "mental_health_centre": "therapist",
}

OTHER = "other"


def function_for(position: str = "", kind: str = "") -> tuple[str, str]:
    """(function, free text for "other") for a worker holding ``position`` at an institution of ``kind``."""
    words = (position or "").casefold()
    for word, function in POSITION_WORDS:
        if word in words:
            return function, ""
    if kind in KIND_FUNCTIONS:
        return KIND_FUNCTIONS[kind], ""
    return OTHER, (position or "").strip()[:120]
