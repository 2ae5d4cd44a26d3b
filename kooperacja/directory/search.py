"""The directory's search box: words that find institutions by name, services and address, typos forgiven.

``apply_text_search(queryset, query)`` keeps the institutions of ``queryset`` that match every word of ``query``.
A word matches an institution when it is contained (case-insensitively) in its name, short name, street, town,
or the name or description of one of its services — or when it is *similar* to a word of its name, short name
or a service's name, so that "Poradna" and "Poradnai psychologiczna" still find "Poradnia psychologiczna":

* **PostgreSQL** — pg_trgm word similarity (the ``%>`` operator: ``word_similarity(word, name)`` above
  ``pg_trgm.word_similarity_threshold``, 0.6 by default), served by the GIN trigram index on the institution's
  name (migration 0003_trigram).
* **SQLite and others** — a simple fallback computed in Python: names are lower-cased without Polish
  diacritics (``territory.models.search_key``) and a word is similar when ``difflib`` rates it at least
  ``FALLBACK_RATIO`` against a word of a name, or when it is contained in the normalised text. Only the first
  ``FALLBACK_CANDIDATES`` institutions of the queryset are examined for similarity (exact containment is still
  checked by the database for all), which bounds the work of one search to two small queries.

Words shorter than ``MIN_FUZZY_LENGTH`` are matched only by containment: trigrams of "OPS" find too much.
The filters add no joins (services are matched through subqueries), so rows are never duplicated.
"""

import re
from difflib import SequenceMatcher

from django.db import connections
from django.db.models import F, Q, QuerySet, Value
from django.db.models.lookups import PostgresOperatorLookup

from kooperacja.directory.models import Institution, Service
from kooperacja.territory.models import search_key

MIN_FUZZY_LENGTH = 4
FALLBACK_RATIO = 0.8
FALLBACK_CANDIDATES = 5000
_WORD = re.compile(r"\w+")


class WordSimilar(PostgresOperatorLookup):
    """``field %> word``: the word is similar to some part of the field (pg_trgm). Used as an expression only."""

    lookup_name = "kooperacja_word_similar"
    postgres_operator = "%%>"


def apply_text_search(queryset: QuerySet[Institution], query: str) -> QuerySet[Institution]:
    """Keep the institutions of ``queryset`` matching every word of ``query`` (see the module's docstring)."""
    words = query.split()
    if not words:
        return queryset
    if connections[queryset.db].vendor == "postgresql":
        similar = {word: _trigram_similar(word) for word in words}
    else:
        similar = _fallback_similar(queryset, words)
    for word in words:
        queryset = queryset.filter(_contains(word) | similar[word])
    return queryset


def _contains(word: str) -> Q:
    services = Service.objects.filter(Q(name__icontains=word) | Q(description__icontains=word))
    return (
        Q(name__icontains=word)
        | Q(short_name__icontains=word)
        | Q(street__icontains=word)
        | Q(city__icontains=word)
        | Q(pk__in=services.values("institution_id"))
    )


def _trigram_similar(word: str) -> Q:
    if len(word) < MIN_FUZZY_LENGTH:
        return Q(pk__in=[])
    services = Service.objects.filter(WordSimilar(F("name"), Value(word)))
    return (
        Q(WordSimilar(F("name"), Value(word)))
        | Q(WordSimilar(F("short_name"), Value(word)))
        | Q(pk__in=services.values("institution_id"))
    )


def _fallback_similar(queryset: QuerySet[Institution], words: list[str]) -> dict[str, Q]:
    """For each query word, the institutions (among a bounded set of candidates) with a similar word."""
    fuzzy = [w for w in words if len(w) >= MIN_FUZZY_LENGTH]
    if not fuzzy:
        return {word: Q(pk__in=[]) for word in words}
    candidates = list(
        queryset.order_by("pk").values_list("pk", "name", "short_name", "street", "city")[:FALLBACK_CANDIDATES]
    )
    texts = {pk: " ".join(parts) for pk, *parts in candidates}
    names = {pk: f"{name} {short_name}" for pk, name, short_name, _street, _city in candidates}
    for institution_id, name, description in Service.objects.filter(institution_id__in=list(texts)).values_list(
        "institution_id", "name", "description"
    ):
        texts[institution_id] += f" {name} {description}"
        names[institution_id] += f" {name}"
    texts = {pk: search_key(text) for pk, text in texts.items()}
    name_words = {pk: set(_WORD.findall(search_key(text))) for pk, text in names.items()}
    result = {}
    for word in words:
        if word not in fuzzy:
            result[word] = Q(pk__in=[])
            continue
        key = search_key(word)
        ids = [pk for pk in texts if key in texts[pk] or any(_similar(key, w) for w in name_words[pk])]
        result[word] = Q(pk__in=ids)
    return result


def _similar(word: str, other: str) -> bool:
    if abs(len(word) - len(other)) > max(2, len(word) // 3):
        return False  # cheap rejection before difflib
    return SequenceMatcher(None, word, other).ratio() >= FALLBACK_RATIO
