"""Export stored articles as Article JSON lines, CSV or Parquet.

JSONL is the contract's Article JSON, one per line. CSV keeps one row per article and writes
list and object fields as JSON strings. Parquet keeps the nesting, with a schema derived from the
record types in marsad.model, so it follows the model as it grows.
"""
from __future__ import annotations

import csv
import dataclasses
import json
import sys
import types
import typing
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from marsad.model import ANALYSIS_FIELDS, Analysis, Article, Record

__all__ = ["FORMATS", "article_columns", "export", "parquet_schema"]

FORMATS = ("jsonl", "csv", "parquet")
_ROWS_PER_GROUP = 2000
_CONTRACT_ORDER = ("id", "source", "url", "outlet", "title", "authors", "published", "lines", "text")


def article_columns() -> list[str]:
    """Article JSON keys in contract order: metadata, text, then the analysis fields."""
    names = [f.name for f in dataclasses.fields(Article) if f.name != "analysis"]
    ordered = [n for n in _CONTRACT_ORDER if n in names] + [n for n in names if n not in _CONTRACT_ORDER]
    return ordered + list(ANALYSIS_FIELDS)


def _arrow_type(hint: Any) -> Any:
    import pyarrow as pa

    args = [a for a in typing.get_args(hint) if a is not type(None)]
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        if set(args) <= {int, float} and float in args:
            return pa.float64()
        return _arrow_type(args[0])
    if origin is list:
        return pa.list_(_arrow_type(args[0]))
    if isinstance(hint, type) and issubclass(hint, Record):
        hints = typing.get_type_hints(hint)
        return pa.struct([(f.name, _arrow_type(hints[f.name])) for f in dataclasses.fields(hint)])
    return {str: pa.string(), int: pa.int64(), float: pa.float64(), bool: pa.bool_()}.get(hint, pa.string())


def parquet_schema() -> Any:
    import pyarrow as pa

    hints = {**typing.get_type_hints(Article), **typing.get_type_hints(Analysis)}
    return pa.schema([(name, _arrow_type(hints[name])) for name in article_columns()])


def _csv_value(value: Any) -> Any:
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return "" if value is None else value


def _write_jsonl(rows: Iterable[dict[str, Any]], out: IO[str]) -> int:
    n = 0
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
        n += 1
    return n


def _write_csv(rows: Iterable[dict[str, Any]], out: IO[str]) -> int:
    writer = csv.DictWriter(out, fieldnames=article_columns(), extrasaction="ignore")
    writer.writeheader()
    n = 0
    for row in rows:
        writer.writerow({k: _csv_value(row.get(k)) for k in article_columns()})
        n += 1
    return n


def _write_parquet(rows: Iterable[dict[str, Any]], path: Path) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = parquet_schema()
    n = 0
    with pq.ParquetWriter(str(path), schema) as writer:
        group: list[dict[str, Any]] = []
        for row in rows:
            group.append(row)
            if len(group) >= _ROWS_PER_GROUP:
                writer.write_table(pa.Table.from_pylist(group, schema=schema))
                n, group = n + len(group), []
        if group or n == 0:
            writer.write_table(pa.Table.from_pylist(group, schema=schema))
            n += len(group)
    return n


def export(articles: Iterable[Article], format: str, out: str | Path | IO[str] | None = None) -> int:
    """Write `articles` in `format` to `out` (a path, an open text stream, or stdout); returns the count."""
    if format not in FORMATS:
        raise ValueError(f"unknown format {format!r}: choose one of {', '.join(FORMATS)}")
    rows: Iterator[dict[str, Any]] = (a.to_json() for a in articles)
    if format == "parquet":
        if out is None or not isinstance(out, (str, Path)):
            raise ValueError("parquet is binary: give a file with --out, e.g. --out articles.parquet")
        return _write_parquet(rows, Path(out))
    writer = _write_jsonl if format == "jsonl" else _write_csv
    if out is None:
        return writer(rows, sys.stdout)
    if isinstance(out, (str, Path)):
        with open(out, "w", encoding="utf-8", newline="") as handle:
            return writer(rows, handle)
    return writer(rows, out)
