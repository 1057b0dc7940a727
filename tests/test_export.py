"""Export formats read back to the same Article JSON."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from marsad.export import article_columns, export
from marsad.model import Analysis, Article, DateMention, Entity, Line, Quantity

TEXT = "قالت وكالة الأنباء إن نحو ٥٠٠ مقاتل انسحبوا يوم الخميس الماضي من مدينة الرقة."


def _articles() -> list[Article]:
    analysed = Article(
        id="x1", source="fixtures/x1.txt", text=TEXT, title="انسحاب من الرقة", outlet="وكالة الأنباء",
        authors=["مراسل المرصد"], published="2017-10-29T08:00:00+00:00",
        lines=[Line(1, "title", "انسحاب من الرقة"), Line(2, "body", TEXT)], content_hash="h1",
        analysis=Analysis(
            entities=[Entity(65, 70, "الرقة", "LOC", "الرقة", "loc:raqqa")], sources=["وكالة الأنباء"],
            quantities=[Quantity("نحو ٥٠٠ مقاتل", 500, None, None, "approx", "مقاتل", 22, 35)],
            dates=[DateMention("الخميس الماضي", "2017-10-26", "relative", "gregorian", 46, 59)]))
    bare = Article(id="x2", source="fixtures/x2.txt", text="نص قصير", content_hash="h2")
    return [analysed, bare]


def _expected() -> list[dict]:
    rows = [a.to_json() for a in _articles()]
    rows[0]["quantities"][0]["value"] = 500.0   # parquet and JSON agree on the number, not its type
    return rows


def test_jsonl_round_trips_article_json(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    assert export(_articles(), "jsonl", path) == 2
    rows = [json.loads(line) for line in path.read_text("utf-8").splitlines()]
    assert rows == [a.to_json() for a in _articles()]
    assert "الرقة" in path.read_text("utf-8")   # Arabic stays readable (ensure_ascii=False)


def test_csv_has_one_row_per_article_with_lists_as_json(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    export(_articles(), "csv", path)
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == article_columns()
    assert json.loads(rows[0]["entities"]) == _articles()[0].to_json()["entities"]
    assert json.loads(rows[0]["authors"]) == ["مراسل المرصد"]
    assert rows[0]["text"] == TEXT
    assert rows[1]["url"] == "" and json.loads(rows[1]["entities"]) == []


def test_parquet_keeps_the_nesting(tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    path = tmp_path / "a.parquet"
    assert export(_articles(), "parquet", path) == 2
    rows = pq.read_table(path).to_pylist()
    assert rows == _expected()


def test_parquet_of_nothing_is_a_valid_empty_file(tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    path = tmp_path / "empty.parquet"
    assert export([], "parquet", path) == 0
    assert pq.read_table(path).num_rows == 0


def test_parquet_needs_a_file_and_unknown_formats_are_refused() -> None:
    with pytest.raises(ValueError, match="--out"):
        export(_articles(), "parquet", None)
    with pytest.raises(ValueError, match="jsonl, csv, parquet"):
        export(_articles(), "xml", io.StringIO())
