"""Parquet output of the Spark runner: flat tables that DuckDB, pandas and Spark SQL read as they are.

One row per article in `articles`, one row per item in the tables of its parts (`lines`,
`entities`, `quotes`, `quantities`, `dates`, `attributions`, each keyed by `article_id`), one
row per input not read in `skips`. Rows are built in the executors from the Article records the
stages produced (`table_rows`, the Parquet `Encoder` of worker.py): nothing is analysed twice.

Every table has an explicit schema (`COLUMNS`), so a run with no articles, or no quotes, still
writes a typed table with its columns. Pyspark is imported only where a schema is built, so the
row functions run anywhere the stage functions do.
"""
from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from marsad.model import Article, Skip
from marsad.scale.worker import ARTICLE, SKIP

if TYPE_CHECKING:
    from marsad.scale.copies import CopyCounts

__all__ = ["COLUMNS", "COPY_TABLES", "RESULT_TABLES", "STORY_TABLES", "schema", "table_rows",
           "write_copy_tables", "write_rows", "write_tables"]

# column: type; "!" marks the keys, which are never null. Types: string, int, double, strings
# (list<string>). Record tables take their columns from the model's fields (model.py).
COLUMNS: dict[str, dict[str, str]] = {
    ARTICLE: {"id": "string!", "source": "string!", "url": "string", "outlet": "string",
              "title": "string", "authors": "strings", "published": "string", "text": "string",
              "content_hash": "string", "removed": "strings", "sources": "strings"},
    "lines": {"article_id": "string!", "n": "int", "kind": "string", "text": "string"},
    "entities": {"article_id": "string!", "start": "int", "end": "int", "text": "string",
                 "type": "string", "canonical": "string", "key": "string"},
    "quotes": {"article_id": "string!", "text": "string", "speaker": "string", "start": "int",
               "end": "int", "speaker_key": "string"},
    "quantities": {"article_id": "string!", "text": "string", "value": "double", "low": "double",
                   "high": "double", "qualifier": "string", "unit": "string", "start": "int",
                   "end": "int", "kind": "string"},
    "dates": {"article_id": "string!", "text": "string", "value": "string", "kind": "string",
              "calendar": "string", "start": "int", "end": "int", "end_value": "string",
              "reading": "string"},
    "attributions": {"article_id": "string!", "chain": "strings", "start": "int", "end": "int",
                     "text": "string"},
    SKIP: {"source": "string!", "reason": "string!"},
    "copies": {"original": "string!", "member": "string!"},       # --copies: one row per member
    "near_pairs": {"earlier": "string!", "later": "string!"},     # --copies: verified near copies
    # --stories: the stored story row, its nested values (outlets, disagreements, report) as JSON
    "stories": {"id": "string!", "title": "string", "first_seen": "string", "last_seen": "string",
                "n_articles": "int", "outlets": "string", "origin": "string", "disagreements": "string",
                "report": "string"},
    "story_articles": {"story_id": "string!", "article_id": "string!", "original_id": "string!",
                       "position": "int"},
    "story_links": {"story_id": "string!", "other_id": "string!", "kind": "string!", "score": "double!"},
}
ITEM_TABLES = ("entities", "quotes", "quantities", "dates", "attributions")   # Analysis fields
RESULT_TABLES = (ARTICLE, "lines", *ITEM_TABLES, SKIP)
COPY_TABLES = ("copies", "near_pairs")
STORY_TABLES = ("stories", "story_articles", "story_links")


def schema(table: str) -> Any:
    """The Spark StructType of `table`."""
    from pyspark.sql.types import ArrayType, DoubleType, IntegerType, StringType, StructField, StructType

    types = {"string": StringType(), "int": IntegerType(), "double": DoubleType(),
             "strings": ArrayType(StringType(), containsNull=False)}
    return StructType([StructField(name, types[kind.rstrip("!")], nullable=not kind.endswith("!"))
                       for name, kind in COLUMNS[table].items()])


def table_rows(result: Article | Skip) -> Iterator[tuple[str, tuple[Any, ...]]]:
    """The Parquet encoder: (table, row) for the article (or skip) and for each of its items."""
    if isinstance(result, Skip):
        yield SKIP, _row(SKIP, result.to_dict())
        return
    analysis = result.analysis
    yield ARTICLE, _row(ARTICLE, {**vars(result), "sources": analysis.sources if analysis else []})
    for line in result.lines or []:
        yield "lines", _row("lines", {"article_id": result.id, **line.to_dict()})
    for table in ITEM_TABLES if analysis else ():
        for item in getattr(analysis, table):
            yield table, _row(table, {"article_id": result.id, **item.to_dict()})


def write_tables(spark: Any, results: Any, out: str) -> None:
    """Each result table, from the (table, row) pairs of `results` (an RDD), under `out`/<table>/."""
    for table in RESULT_TABLES:
        rows = results.filter(lambda r, name=table: r[0] == name).values()
        if table == SKIP:
            rows = rows.coalesce(1)
        write_rows(spark, rows, table, out)


def write_copy_tables(spark: Any, copies: CopyCounts, out: str) -> None:
    """The copy groups (original, member; the original is a member too) and the verified near pairs."""
    members = [(group.original, member) for group in copies.groups for member in group.members]
    sc = spark.sparkContext
    write_rows(spark, sc.parallelize(members, 1), "copies", out)
    write_rows(spark, sc.parallelize(copies.pairs, 1), "near_pairs", out)


def _row(table: str, values: Mapping[str, Any]) -> tuple[Any, ...]:
    """`values` in the table's column order; numbers as the column's type (Spark checks them)."""
    return tuple(_cast(values.get(name), kind) for name, kind in COLUMNS[table].items())


def _cast(value: Any, kind: str) -> Any:
    if value is None:
        return [] if kind == "strings" else None
    if kind == "double":
        return float(value)
    if kind == "int":
        return int(value)
    return value


def write_rows(spark: Any, rows: Any, table: str, out: str) -> None:
    """One table from an RDD of rows in its column order, as Parquet part files under `out`/`table`
    (a URI Hadoop can write)."""
    spark.createDataFrame(rows, schema(table)).write.parquet(f"{out}/{table}")
