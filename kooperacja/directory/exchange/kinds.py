"""Which kind of institution a file means when it does not use our codes: keywords in the name or in the
file's own taxonomy terms.

Every kind Kooperacja knows (``taxonomy.KINDS``) has here the words by which Polish institutions name
themselves. A text is compared without case, diacritics and punctuation, each keyword as whole words; when
several keywords match, the longest one wins ("Fundacja … Centrum Integracji Społecznej" is a CIS, not a
foundation). Associations ("stowarzyszenie") and foundations ("fundacja") are non-governmental organisations.
The table is shown to people on the column guide page; "other" has no keywords: it is what is left.
"""

import re
from dataclasses import dataclass

from kooperacja.directory import taxonomy
from kooperacja.directory.exchange.records import key

KEYWORDS: dict[str, list[str]] = {
    "ops": [
        "ośrodek pomocy społecznej",
        "gminny ośrodek pomocy społecznej",
        "miejski ośrodek pomocy społecznej",
        "miejski ośrodek pomocy rodzinie",
        "centrum usług społecznych",
        "ops",
        "gops",
        "mops",
        "mopr",
    ],
    "pcpr": ["powiatowe centrum pomocy rodzinie", "pcpr"],
    "rops": ["regionalny ośrodek polityki społecznej", "regionalne centrum polityki społecznej", "rops"],
    "dps": ["dom pomocy społecznej", "dps"],
    "sds": ["środowiskowy dom samopomocy", "śds"],
    "day_care_home": ["dzienny dom pomocy", "dom dziennego pobytu", "dzienny dom senior"],
    "self_help_club": ["klub samopomocy"],
    "family_care_home": ["rodzinny dom pomocy"],
    "sheltered_housing": ["mieszkanie chronione", "mieszkania chronione", "mieszkanie treningowe"],
    "oik": ["ośrodek interwencji kryzysowej", "punkt interwencji kryzysowej", "oik"],
    "night_shelter": ["noclegownia"],
    "shelter": ["schronisko dla osób bezdomnych", "schronisko dla bezdomnych", "ogrzewalnia"],
    "day_support": ["placówka wsparcia dziennego", "świetlica środowiskowa", "świetlica socjoterapeutyczna"],
    "consultation_point": ["punkt konsultacyjny", "punkt konsultacyjno"],
    "gkrpa": ["komisja rozwiązywania problemów alkoholowych", "gkrpa"],
    "interdisciplinary_team": ["zespół interdyscyplinarny"],
    "cis": ["centrum integracji społecznej", "cis"],
    "kis": ["klub integracji społecznej", "kis"],
    "wtz": ["warsztat terapii zajęciowej", "warsztaty terapii zajęciowej", "wtz"],
    "zaz": ["zakład aktywności zawodowej", "zaz"],
    "social_cooperative": ["spółdzielnia socjalna"],
    "nursery": ["żłobek"],
    "childrens_club": ["klub dziecięcy"],
    "kindergarten": ["przedszkole"],
    "preschool_point": ["punkt przedszkolny"],
    "school": ["szkoła", "zespół szkół", "zespół szkolno", "liceum", "technikum"],
    "counselling_centre": ["poradnia psychologiczno pedagogiczna"],
    "mos": ["młodzieżowy ośrodek socjoterapii", "mos"],
    "mow": ["młodzieżowy ośrodek wychowawczy", "mow"],
    "health": ["przychodnia", "ośrodek zdrowia", "podstawowa opieka zdrowotna", "zakład opieki zdrowotnej", "poz"],
    "hospital": ["szpital"],
    "rehabilitation": ["ośrodek rehabilitacji", "centrum rehabilitacji", "ośrodek rehabilitacyjny"],
    "zol": ["zakład opiekuńczo leczniczy", "zakład pielęgnacyjno opiekuńczy", "zol"],
    "addiction_therapy": ["terapii uzależnień", "leczenia uzależnień", "terapii uzależnienia"],
    "mental_health_centre": ["centrum zdrowia psychicznego", "poradnia zdrowia psychicznego"],
    "culture_centre": ["centrum kultury", "ośrodek kultury", "dom kultury"],
    "library": ["biblioteka"],
    "community_room": ["świetlica"],
    "sports_club": ["klub sportowy"],
    "labour_office": ["urząd pracy", "pup"],
    "employment_agency": ["agencja zatrudnienia", "agencja pracy"],
    "police": ["policja", "policji"],
    "court": ["sąd rejonowy", "sąd okręgowy"],
    "probation": ["kuratorskiej służby sądowej", "kuratorska służba sądowa", "kurator sądowy", "kuratorzy sądowi"],
    "correctional_facility": ["zakład poprawczy", "schronisko dla nieletnich"],
    "prison": ["zakład karny", "areszt śledczy"],
    "church": ["parafia", "caritas", "kościół", "diakonia"],
    "ngo": ["fundacja", "stowarzyszenie", "towarzystwo", "organizacja pozarządowa", "koło gospodyń wiejskich"],
    "gmina_office": ["urząd gminy", "urząd miasta", "urząd miasta i gminy", "urząd miejski"],
    "county_office": ["starostwo powiatowe"],
    "communal_housing": ["zakład gospodarki mieszkaniowej", "zarząd budynków komunalnych", "mieszkania komunalne"],
    "social_housing": ["towarzystwo budownictwa społecznego", "tbs", "mieszkania socjalne", "lokale socjalne"],
    "supported_housing": ["mieszkanie wspomagane", "mieszkania wspomagane"],
    "other": [],
}

FROM_NAME, FROM_TERM = "name", "term"


def _words(text: str) -> str:
    """The text as lower-case words without diacritics or punctuation, padded so a keyword matches whole words."""
    return " " + " ".join(re.sub(r"[\W_]+", " ", key(text)).split()) + " "


_TABLE = [(code, word, _words(word)) for code, words in KEYWORDS.items() for word in words]


@dataclass(frozen=True)
class Inferred:
    kind: str
    source: str  # FROM_TERM or FROM_NAME
    matched: str  # the keyword (or the term) that decided

    @property
    def label(self) -> str:
        return str(dict(taxonomy.KIND_CHOICES)[self.kind])


def by_keywords(text: str) -> tuple[str, str] | None:
    """(kind, keyword) of the longest keyword found in ``text``, or None."""
    words = _words(text)
    found = [(len(padded), code, word) for code, word, padded in _TABLE if padded in words]
    if not found:
        return None
    _length, code, word = max(found, key=lambda f: f[0])
    return code, word


def infer(*, terms: list[str], names: list[str], lookup: dict) -> Inferred | None:
    """The kind from the file's taxonomy terms (a code or label of ours, else a keyword), else from the names."""
    for term in terms:
        code = lookup.get(key(term))
        if code and code != "other":
            return Inferred(code, FROM_TERM, term)
    for term in terms:
        found = by_keywords(term)
        if found:
            return Inferred(found[0], FROM_TERM, term)
    for name in names:
        found = by_keywords(name)
        if found:
            return Inferred(found[0], FROM_NAME, found[1])
    return None


def keyword_rows() -> list[tuple[str, str, list[str]]]:
    """(code, label, keywords) of every kind, for the column guide."""
    return [(code, label, KEYWORDS.get(code, [])) for code, label in taxonomy.KIND_CHOICES]
