"""The directory's search box: words that find institutions by name, kind, town, services and address, with or
without Polish diacritics, typos forgiven — at the cost of a few indexed queries, whatever the directory's size.

Every institution keeps a *search document* in ``Institution.search_text``: its name, short name, kind, street,
town, the name of its unit and the names and descriptions of its services, lower-cased and without diacritics
(``normalise``: "Ośrodek Pomocy Społecznej w Łące" is kept as "osrodek pomocy spolecznej w lace"). The words of
the documents (``MIN_FUZZY_LENGTH`` letters or more) form a vocabulary (``SearchWord``). Both are normalised in
Python, not by PostgreSQL's ``unaccent`` (decision 79): one function serves both databases, no IMMUTABLE wrapper
is needed for an index, and the document spans two tables, which a generated column cannot. The service functions
that write institutions and services call ``search_text_update``; bulk loads call ``search_text_refresh``.

``apply_text_search(queryset, query)`` keeps the institutions whose document matches every word of the query
(normalised the same way). A word matches a document that contains it ("osrod" finds "osrodek": typing is
searching). A word that is not in the vocabulary is taken for a typo: it matches also the documents containing
one of the ``CORRECTIONS`` vocabulary words most similar to it (trigram similarity at least
``CORRECTION_SIMILARITY``), so "osrodke pomocy" finds "osrodek pomocy":

* **PostgreSQL** — the corrections come from the vocabulary's GIN trigram index (pg_trgm ``%``), containment
  from the documents' GIN trigram index (``LIKE``). No condition computes a similarity per document: a common
  word costs an index scan, not thousands of comparisons. ``search_order`` ranks the matches by pg_trgm word
  similarity to the whole query when they are few (``selectors.RESULT_LIMIT``), by name beyond.
* **SQLite and others** — the same containment by ``LIKE``; the corrections by ``difflib`` over at most
  ``FALLBACK_CANDIDATES`` vocabulary words of a similar length, which bounds the work of one search.

Words shorter than ``MIN_FUZZY_LENGTH`` are matched only by containment: corrections of "OPS" find too much.
The conditions add no joins, so rows are never duplicated and no ``pk IN (subquery)`` wrapper is needed.
"""

import re
from collections.abc import Iterable
from difflib import SequenceMatcher

from django.contrib.postgres.search import TrigramWordSimilarity
from django.db import connections
from django.db.models import Q, QuerySet, Value
from django.db.models.functions import Length
from django.utils import translation

from kooperacja.directory import taxonomy
from kooperacja.directory.models import Institution, SearchWord, Service
from kooperacja.territory.models import search_key

MIN_FUZZY_LENGTH = 4
CORRECTIONS = 3
CORRECTION_SIMILARITY = 0.4  # pg_trgm similarity; "osrodke" ~ "osrodek" is 0.45, "poradna" ~ "poradnia" 0.55
FALLBACK_RATIO = 0.8  # difflib ratio on SQLite
FALLBACK_CANDIDATES = 20000
REFRESH_BATCH = 2000
SEARCH_INDEX = "directory_institution_search_trgm"
WORD_INDEX = "directory_searchword_word_trgm"
# The institution's fields its document is made of: a change of any of them rewrites the document.
SEARCHED_FIELDS = frozenset({"name", "short_name", "kind", "street", "city", "unit"})
_WORD = re.compile(r"[^\W\d_]+")
_KIND_LABELS: dict[str, str] = {}


def normalise(text: str) -> str:
    """Lower case, no diacritics, single spaces: the form of the search document and of the words looked for."""
    return " ".join(search_key(text).split())


def vocabulary_words(text: str) -> set[str]:
    """The words of a normalised text that typos are corrected to: letters only, long enough."""
    return {
        w for w in _WORD.findall(text) if MIN_FUZZY_LENGTH <= len(w) <= SearchWord._meta.get_field("word").max_length
    }


def _kind_label(kind: str) -> str:
    """The Polish label of a kind, as people name it ("poradnia psychologiczno-pedagogiczna")."""
    if kind not in _KIND_LABELS:
        with translation.override("pl"):
            _KIND_LABELS[kind] = str(dict(taxonomy.KIND_CHOICES).get(kind, ""))
    return _KIND_LABELS[kind]


def search_document(
    *,
    name: str,
    short_name: str,
    kind: str,
    street: str,
    city: str,
    unit_name: str,
    services: Iterable[tuple[str, str]],
) -> str:
    """The normalised text the search box looks in. ``services``: (name, description) pairs."""
    parts = [name, short_name, _kind_label(kind), street, city, unit_name]
    for service_name, description in services:
        parts += [service_name, description]
    return normalise(" ".join(part for part in parts if part))


def document_of(institution: Institution, services: Iterable[tuple[str, str]] = ()) -> str:
    """The document of ``institution`` (its unit is read) with the (name, description) of its services."""
    return search_document(
        name=institution.name,
        short_name=institution.short_name,
        kind=institution.kind,
        street=institution.street,
        city=institution.city,
        unit_name=institution.unit.name,
        services=services,
    )


def vocabulary_add(texts: Iterable[str]) -> None:
    """Add the words of ``texts`` (normalised documents) to the vocabulary; words already there are kept."""
    words = set().union(*(vocabulary_words(text) for text in texts))
    if words:
        SearchWord.objects.bulk_create([SearchWord(word=w) for w in sorted(words)], ignore_conflicts=True)


def search_text_update(institution: Institution) -> None:
    """Recompute one institution's document after a write of the institution or of one of its services.
    Called inside the writing service function (its transaction, its audit record); writes only the derived
    ``search_text`` and the vocabulary."""
    services = Service.objects.filter(institution=institution).order_by("pk").values_list("name", "description")
    text = document_of(institution, list(services))
    if text != institution.search_text:
        institution.search_text = text
        Institution.objects.filter(pk=institution.pk).update(search_text=text)
        vocabulary_add([text])


def search_text_refresh(*, institutions: QuerySet[Institution] | None = None) -> int:
    """Recompute the documents of ``institutions`` (all when None) and the vocabulary, in batches: for loads that
    bypass the service functions (bulk inserts of a large data set, a renamed unit). Returns the number of
    documents changed. Derived data only: no audit record (the writes that made the data have theirs)."""
    queryset = Institution.objects.all() if institutions is None else institutions
    ids = list(queryset.order_by("pk").values_list("pk", flat=True))
    changed = 0
    for start in range(0, len(ids), REFRESH_BATCH):
        batch = ids[start : start + REFRESH_BATCH]
        services: dict[int, list[tuple[str, str]]] = {pk: [] for pk in batch}
        rows = Service.objects.filter(institution_id__in=batch).order_by("pk")
        for institution_id, name, description in rows.values_list("institution_id", "name", "description"):
            services[institution_id].append((name, description))
        stale, texts = [], []
        fields = ("pk", "name", "short_name", "kind", "street", "city", "search_text", "unit__name")
        for institution in Institution.objects.filter(pk__in=batch).select_related("unit").only(*fields):
            text = document_of(institution, services[institution.pk])
            texts.append(text)
            if text != institution.search_text:
                institution.search_text = text
                stale.append(institution)
        if stale:
            # One statement per row, sent in a pipeline: far faster than bulk_update's CASE over a batch.
            with connections[queryset.db].cursor() as cursor:
                cursor.executemany(
                    f"UPDATE {Institution._meta.db_table} SET search_text = %s WHERE id = %s",  # noqa: S608 # nosec B608 — table names from the models, values as parameters
                    [(i.search_text, i.pk) for i in stale],
                )
        vocabulary_add(texts)  # every word, so that a vocabulary lost or never made is rebuilt too
        changed += len(stale)
    return changed


def query_words(query: str) -> list[str]:
    return list(dict.fromkeys(normalise(query).split()))


def apply_text_search(queryset: QuerySet[Institution], query: str) -> QuerySet[Institution]:
    """Keep the institutions of ``queryset`` matching every word of ``query`` (see the module's docstring)."""
    words = query_words(query)
    if not words:
        return queryset
    corrections = corrections_of([w for w in words if len(w) >= MIN_FUZZY_LENGTH], using=queryset.db)
    for word in words:
        condition = Q(search_text__contains=word)
        for correction in corrections.get(word, []):
            condition |= Q(search_text__contains=correction)
        queryset = queryset.filter(condition)
    return queryset


def corrections_of(words: list[str], *, using: str = "default") -> dict[str, list[str]]:
    """For each word not in the vocabulary, the most similar vocabulary words (none for a known word).
    One query on PostgreSQL, two elsewhere."""
    if not words:
        return {}
    if connections[using].vendor == "postgresql":
        return _trigram_corrections(words, using)
    return _fallback_corrections(words, using)


# For each query word, the vocabulary words most similar to it (the word itself first when it is there).
_CORRECTIONS_SQL = """
    SELECT q.word, c.word FROM unnest(%s::text[]) AS q(word)
    CROSS JOIN LATERAL (
        SELECT v.word FROM directory_searchword v
        WHERE v.word %% q.word AND similarity(v.word, q.word) >= %s
        ORDER BY v.word = q.word DESC, similarity(v.word, q.word) DESC, v.word
        LIMIT %s
    ) c"""


def _trigram_corrections(words: list[str], using: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    with connections[using].cursor() as cursor:
        cursor.execute(_CORRECTIONS_SQL, [words, CORRECTION_SIMILARITY, CORRECTIONS])
        for word, correction in cursor.fetchall():
            found.setdefault(word, []).append(correction)
    return {word: [c for c in found.get(word, []) if c != word] for word in words if word not in found.get(word, [])}


def _fallback_corrections(words: list[str], using: str) -> dict[str, list[str]]:
    known = set(SearchWord.objects.using(using).filter(word__in=words).values_list("word", flat=True))
    unknown = [w for w in words if w not in known]
    if not unknown:
        return {}
    shortest = min(len(w) for w in unknown) - 3
    longest = max(len(w) for w in unknown) + 3
    candidates = list(
        SearchWord.objects.using(using)
        .annotate(length=Length("word"))
        .filter(length__gte=shortest, length__lte=longest)
        .order_by("word")
        .values_list("word", flat=True)[:FALLBACK_CANDIDATES]
    )
    result = {}
    for word in unknown:
        scored = sorted(((_ratio(word, c), c) for c in candidates), reverse=True)
        result[word] = [c for ratio, c in scored[:CORRECTIONS] if ratio >= FALLBACK_RATIO]
    return result


def _ratio(word: str, other: str) -> float:
    if abs(len(word) - len(other)) > max(2, len(word) // 3):
        return 0.0  # cheap rejection before difflib
    matcher = SequenceMatcher(None, word, other)
    return matcher.ratio() if matcher.quick_ratio() >= FALLBACK_RATIO else 0.0


def search_order(queryset: QuerySet[Institution], query: str, *, ranked: bool = True) -> QuerySet[Institution]:
    """Best matches first on PostgreSQL (pg_trgm word similarity to the whole query) when ``ranked`` — the caller
    says so when the matches are few (ranking thousands costs more than it helps) —, otherwise by name."""
    words = query_words(query)
    if ranked and words and connections[queryset.db].vendor == "postgresql":
        rank = TrigramWordSimilarity(Value(" ".join(words)), "search_text")
        return queryset.annotate(search_rank=rank).order_by("-search_rank", "name", "pk")
    return queryset.order_by("name", "pk")
