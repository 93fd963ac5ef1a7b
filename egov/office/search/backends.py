"""Each database's full-text search: writing an entry, matching words, ranking.

PostgreSQL ranks with ts_rank over a vector whose metadata words weigh A and
file words D; SQLite with FTS5's bm25, metadata counted ten times the file
text. Every word is required. Each must match a whole word ("quyet" finds
"quyết", "15" finds "15/QĐ-BTP"), except the last, which may be the start
of one: the user may still be typing it ("HTQT" finds "HTQTCT"). Only the
last, because a prefix blurs what a word means ("nghi dinh" found "Nông
nghiệp ... định kỳ" when every word was one) and because the index reads
every posting of every word a prefix matches, where a whole word's are
skipped through to the few the other words and the window leave.

A search may be kept to a window of the newest documents (selectors). On
PostgreSQL each entry's vector also holds one lexeme naming its block of
`BLOCK` document ids ("~244" for ids 999,424 to 1,003,519), and a window is
asked for as the words AND any of its blocks' lexemes. The GIN index then
intersects the words with the window itself and the table is read only for
the window's matches; a condition on `object_id` beside the words would be
checked on every match's row, which is what made search grow with the
register (docs/performance.md). No word can name a block: the words of a
query are letters and digits, and "~" is neither.
"""

from __future__ import annotations

from django.contrib.postgres.search import (
    SearchQuery,
    SearchQueryCombinable,
    SearchQueryField,
    SearchRank,
    SearchVector,
    SearchVectorCombinable,
    SearchVectorField,
)
from django.db import connection
from django.db.models import F, FloatField, Func, OuterRef, Q, Subquery, Value
from django.db.models.expressions import BaseExpression, RawSQL

from egov.office.search.models import SearchEntry
from egov.office.search.text import fold

CONFIG = "egov_search"
FTS_TABLE = "office_search_fts"
# Document ids per block lexeme. Changing it needs every vector rewritten
# (`office_search_reindex`), as migration 0002 did when blocks came in.
BLOCK = 4096


class _BlockLexeme(SearchVectorCombinable, Func):
    """The entry's block lexeme as a vector of its own, to add to the words'."""

    template = f"array_to_tsvector(ARRAY['~' || (%(expressions)s / {BLOCK})::text])"
    output_field = SearchVectorField()


class _AnyBlock(SearchQueryCombinable, Func):  # type: ignore[misc]
    """Any of the blocks holding ids `since`..`until`, as a tsquery.

    Cast, not parsed by `to_tsquery`: the configuration would drop the "~".
    """

    template = "%(expressions)s::tsquery"
    output_field = SearchQueryField()

    def __init__(self, since: int, until: int) -> None:
        blocks = range(since // BLOCK, until // BLOCK + 1)
        super().__init__(Value(" | ".join(f"'~{block}'" for block in blocks)))


def vendor() -> str:
    return connection.vendor


def supported() -> bool:
    return vendor() in ("postgresql", "sqlite")


def _vector() -> BaseExpression:
    """The stored vector: metadata words weigh A, file words D."""
    return (
        SearchVector("metadata", weight="A", config=CONFIG)
        + SearchVector("content", weight="D", config=CONFIG)
        + _BlockLexeme(F("object_id"))
    )


def write(entry: SearchEntry) -> None:
    """Put the entry's current metadata and content into the database's index."""
    if vendor() == "postgresql":
        SearchEntry.objects.filter(pk=entry.pk).update(vector=_vector())
    elif vendor() == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [entry.pk])  # noqa: S608
            cursor.execute(
                f"INSERT INTO {FTS_TABLE} (rowid, metadata, content) VALUES (%s, %s, %s)",  # noqa: S608
                [entry.pk, fold(entry.metadata), fold(entry.content)],
            )


def write_many(entries: list[SearchEntry]) -> None:
    """`write` for a batch of new entries: one statement, whatever their number."""
    if not entries:
        return
    if vendor() == "postgresql":
        SearchEntry.objects.filter(pk__in=[entry.pk for entry in entries]).update(vector=_vector())
    elif vendor() == "sqlite":
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {FTS_TABLE} (rowid, metadata, content) VALUES (%s, %s, %s)",  # noqa: S608
                [(entry.pk, fold(entry.metadata), fold(entry.content)) for entry in entries],
            )


def remove(entry_ids: list[int]) -> None:
    if vendor() == "sqlite" and entry_ids:
        marks = ", ".join(["%s"] * len(entry_ids))
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid IN ({marks})", entry_ids)  # noqa: S608


def _tsquery(words: list[str]) -> SearchQuery:
    # The words are letters and digits only (text.words), so they are safe
    # in a raw tsquery; ":*" makes the last a prefix.
    terms = [*words[:-1], f"{words[-1]}:*"]
    return SearchQuery(" & ".join(terms), search_type="raw", config=CONFIG)


def _fts_match(words: list[str]) -> str:
    return " AND ".join([*(f'"{word}"' for word in words[:-1]), f'"{words[-1]}"*'])


def matches(
    kind: str, words: list[str], *, outer_table: str, window: tuple[int, int] | None = None
) -> tuple[Q, BaseExpression]:
    """(a filter on the documents' pk, their rank: higher is better) for `words`.

    `outer_table` is the documents' table, which the SQLite rank refers to.
    `window`, (since, until), keeps at least the documents with ids in it; the
    caller filters the ids exactly (on PostgreSQL whole blocks match).
    """
    if vendor() == "postgresql":
        query = _tsquery(words)
        wanted = query if window is None else query & _AnyBlock(*window)
        entries = SearchEntry.objects.filter(kind=kind, vector=wanted)
        rank: BaseExpression = Subquery(
            entries.filter(object_id=OuterRef("pk"))
            .annotate(score=SearchRank(F("vector"), query))
            .values("score")[:1],
            output_field=FloatField(),
        )
        return Q(pk__in=entries.values("object_id")), rank
    if vendor() == "sqlite":
        match = _fts_match(words)
        ids = RawSQL(  # noqa: S611 - fixed SQL, the words are parameters
            f"SELECT e.object_id FROM {FTS_TABLE} JOIN office_search_searchentry e "  # noqa: S608
            f"ON e.id = {FTS_TABLE}.rowid WHERE {FTS_TABLE} MATCH %s AND e.kind = %s "
            "AND e.object_id >= %s",
            [match, kind, window[0] if window else 0],
        )
        sqlite_rank = RawSQL(  # noqa: S611 - fixed SQL, the words are parameters
            # bm25 is lower for better matches; negated so higher is better.
            f"SELECT -bm25({FTS_TABLE}, 10.0, 1.0) FROM {FTS_TABLE} "  # noqa: S608
            f"JOIN office_search_searchentry e ON e.id = {FTS_TABLE}.rowid "
            f'WHERE {FTS_TABLE} MATCH %s AND e.kind = %s AND e.object_id = "{outer_table}"."id"',
            [match, kind],
            output_field=FloatField(),
        )
        return Q(pk__in=ids), sqlite_rank
    return Q(pk__in=[]), RawSQL("0", [], output_field=FloatField())
