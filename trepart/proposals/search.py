"""Full-text search over proposals: FTS5 on SQLite, tsvector on PostgreSQL.

Both indexes are created by migration 0002. A search matches proposals containing every
word (prefixes match too: "barneh" finds "barnehage"); ``similar`` ranks proposals by how
many of a draft's words they share, best first.
"""

from __future__ import annotations

import re

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import F, Q, QuerySet
from django.db.models.expressions import RawSQL

from trepart.proposals.models import Proposal

FTS_TABLE = "proposals_proposal_fts"
PG_CONFIG = "norwegian"
EXCLUDED_FROM_SIMILAR = ("WITHDRAWN", "MERGED")
_TOKEN = re.compile(r"\w+", re.UNICODE)
# Words too common to tell proposals apart (bokmål, nynorsk, English).
STOPWORDS = frozenset(
    """og i jeg det at en et den til er som på de med han av ikke ikkje der så var meg seg
    men ett har om vi min mitt ha hadde hun nå over da ved fra du ut sin dem oss opp man kan
    hans hvor eller hva skal selv sjøl her alle vil bli ble blitt kunne inn når være kom noen
    noe ville dere deres kun ja etter ned skulle denne for deg si sine sitt mot å meget hvorfor
    dette disse uten hvordan ingen din ditt blir samme hvilken hvilke sånn inni mellom vår hver
    hvem vors hvis både bare enn fordi før mange også slik vært båe begge siden dei dette eg
    ein eit eitt elles honom hjå ho hoe henne korleis kva kvar kven kvi kvifor me medan mi mine
    mykje no nokon noka nokor noko nokre si sia sidan so somt somme um upp vere vore verte
    vort varte vart the and of to in for on with is are be this that from by""".split()  # noqa: SIM905
)


def document() -> SearchVector:
    """The searchable text of a proposal; the PostgreSQL index is built on this expression."""
    return SearchVector("title", "description", config=PG_CONFIG)


def terms(text: str, *, limit: int = 12) -> list[str]:
    """The distinctive words of ``text`` (lower case, no stop words, at most ``limit``)."""
    seen: list[str] = []
    for token in _TOKEN.findall(text.lower()):
        if len(token) < 3 or token in STOPWORDS or token.isdigit() or token in seen:
            continue
        seen.append(token)
        if len(seen) == limit:
            break
    return seen


def _fts5(words: list[str], *, prefix: bool, joiner: str) -> str:
    quoted = [f'"{w}"' + ("*" if prefix else "") for w in words]
    return f" {joiner} ".join(quoted)


def search_filter(query: str) -> Q | None:
    """A filter for proposals matching every word of ``query``; ``None`` if it has none."""
    words = [w for w in _TOKEN.findall(query.lower()) if w]
    if not words:
        return None
    if connection.vendor == "postgresql":
        raw = " & ".join(f"{w}:*" for w in words[:12])
        return Q(
            pk__in=Proposal.objects.annotate(document=document())
            .filter(document=SearchQuery(raw, search_type="raw", config=PG_CONFIG))
            .values("pk")
        )
    match = _fts5(words[:12], prefix=True, joiner="AND")
    # The match expression is a bound parameter; only the fixed table name is formatted in.
    return Q(
        pk__in=RawSQL(  # noqa: S611
            f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s",  # noqa: S608
            (match,),
        )
    )


def similar_ids(text: str, *, municipality_id: int, limit: int = 5) -> list[int]:
    """Proposals sharing most of the distinctive words of ``text``, best first."""
    words = terms(text)
    if not words:
        return []
    candidates = 200
    if connection.vendor == "postgresql":
        query = SearchQuery(" | ".join(words), search_type="raw", config=PG_CONFIG)
        return list(
            Proposal.objects.filter(municipality_id=municipality_id)
            .exclude(status__in=EXCLUDED_FROM_SIMILAR)
            .annotate(document=document())
            .filter(document=query)
            .annotate(rank=SearchRank(F("document"), query))
            .order_by("-rank", "-pk")
            .values_list("pk", flat=True)[:limit]
        )
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s "  # noqa: S608
            "ORDER BY rank LIMIT %s",
            [_fts5(words, prefix=False, joiner="OR"), candidates],
        )
        ranked = [row[0] for row in cursor.fetchall()]
    keep = set(
        Proposal.objects.filter(pk__in=ranked, municipality_id=municipality_id)
        .exclude(status__in=EXCLUDED_FROM_SIMILAR)
        .values_list("pk", flat=True)
    )
    return [pk for pk in ranked if pk in keep][:limit]


def apply_search(proposals: QuerySet[Proposal], query: str) -> QuerySet[Proposal]:
    condition = search_filter(query)
    return proposals if condition is None else proposals.filter(condition)


def newest_first(
    proposals: QuerySet[Proposal], *, searching: bool, rare: int = 1000
) -> QuerySet[Proposal]:
    """Newest first, in a way each database plans well.

    PostgreSQL cannot estimate how many rows a prefix search matches and guesses 2 %. For
    "newest first" it then walks the primary key backwards testing each row: quick when
    the word is common, four seconds for a rare word among 100,000 proposals. So a search
    first collects its matches through the GIN index; if there are at most ``rare``, the
    list is those rows by primary key, else the backwards walk finds a page at once.
    """
    if searching and connection.vendor == "postgresql":
        found = list(proposals.order_by().values_list("pk", flat=True)[: rare + 1])
        if len(found) <= rare:
            return proposals.filter(pk__in=found).order_by("-pk")
    return proposals.order_by("-pk")
