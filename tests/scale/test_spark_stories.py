"""Stories on Spark are the local stories: on the demo corpus, the same partition, the same ids and
originals as `group()`, with week slices and with day slices (stories then cross slice boundaries),
and rows that a store takes as `update_stories` would have saved them.

One real SparkSession (local[2]) for the module; the local grouping runs on the articles the Spark
run wrote, read back, so both group the very same analysed articles.
"""
from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pytest

from marsad.model import Article
from marsad.scale.stories import day_of, read_story_output, save_story_output
from marsad.stories.cluster import story_id
from marsad.stories.service import get_story, group, list_stories, update_stories

pytestmark = [pytest.mark.slow, pytest.mark.filterwarnings("ignore::FutureWarning")]


@pytest.fixture(scope="module")
def demo(spark, examples_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    from marsad.scale.spark import run

    out = tmp_path_factory.mktemp("spark") / "out"
    counts = run([examples_dir], out, spark=spark, stories=True)
    articles = [Article.from_json(json.loads(line)) for line in _lines(out / "articles")]
    assignment, originals = group(articles)
    return {"out": out, "counts": counts, "articles": articles, "assignment": assignment, "originals": originals}


@pytest.fixture(scope="module")
def day_slices(spark, demo: dict, tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The demo's articles grouped again over one-day slices, in one pass, into Parquet tables."""
    pytest.importorskip("pyarrow", reason="the Parquet tables are read back with pyarrow")
    from marsad.scale.copies import group_copies
    from marsad.scale.spark import _uri
    from marsad.scale.stories import SliceSettings, group_stories

    out = tmp_path_factory.mktemp("days") / "out"
    articles = _uri(demo["out"] / "articles")
    found = group_copies(spark, articles)
    originals = {member: g.original for g in found.groups for member in g.members}
    lines = spark.sparkContext.textFile(articles)
    counts = group_stories(spark, lines, originals, _uri(out), SliceSettings(slice_days=1, passes=1), fmt="parquet")
    return {"out": out, "counts": counts}


def _lines(folder: Path) -> list[str]:
    return [line for part in sorted(folder.glob("part-*")) for line in part.read_text("utf-8").splitlines()
            if line.strip()]


def _members(demo_out: Path) -> list[dict]:
    return [json.loads(line) for line in _lines(demo_out / "story_articles")]


def test_spark_stories_are_the_local_stories(demo: dict) -> None:
    members = _members(demo["out"])
    assert {m["article_id"]: m["story_id"] for m in members} == demo["assignment"]
    assert {m["article_id"]: m["original_id"] for m in members} == demo["originals"]
    stories = demo["counts"].stories
    assert stories["stories"] == len(set(demo["assignment"].values())) and stories["multi"] >= 9
    assert stories["articles"] == len(demo["articles"]) and stories["copies"] == 4
    assert stories["slices"] > 1      # the demo spans five weeks
    assert stories["passes"] == 2 and stories["changed"] == 0     # the second pass confirms the first
    counts = json.loads((demo["out"] / "counts.json").read_text("utf-8"))
    assert counts["stories"]["stories"] == stories["stories"] and "copies" not in counts   # not asked for


def test_stories_crossing_day_slices_keep_one_id(demo: dict, day_slices: dict) -> None:
    import pyarrow.parquet as pq

    rows = pq.read_table(day_slices["out"] / "story_articles").to_pylist()
    assert {r["article_id"]: r["story_id"] for r in rows} == demo["assignment"]
    assert day_slices["counts"].slices >= 20       # one per day with articles
    published = {a.id: a.published for a in demo["articles"]}
    days: dict[str, set[int | None]] = defaultdict(set)
    for row in rows:
        days[row["story_id"]].add(day_of(published[row["article_id"]]))
    crossing = [sid for sid, seen in days.items() if len(seen) > 1]
    assert len(crossing) >= 5            # most demo stories run over several days
    for sid in crossing:
        first = min((r for r in rows if r["story_id"] == sid), key=lambda r: r["position"])
        assert sid == story_id(first["article_id"])


def test_links_between_related_stories_are_those_of_the_local_scan_in_json_and_parquet(
        demo: dict, day_slices: dict) -> None:
    import pyarrow.parquet as pq

    from marsad.stories.service import _Grouping, grouping_input

    grouping = _Grouping(None)
    for article in demo["articles"]:
        grouping.add(grouping_input(article))
    grouping.run()
    local = {(sid, other, kind, score) for sid, links in grouping.index.links.items()
             for other, (kind, score) in links.items()}
    as_json = {(r["story_id"], r["other_id"], r["kind"], r["score"])
               for r in map(json.loads, _lines(demo["out"] / "story_links"))}
    assert as_json == local and local
    table = pq.read_table(day_slices["out"] / "story_links")
    assert not table.schema.field("story_id").nullable
    assert {tuple(r.values()) for r in table.to_pylist()} == local      # one-day slices, one pass


def test_parquet_story_rows_are_the_json_rows(demo: dict, day_slices: dict) -> None:
    import pyarrow.parquet as pq

    json_rows = {row["id"]: row for row in (json.loads(line) for line in _lines(demo["out"] / "stories"))}
    table = pq.read_table(day_slices["out"] / "stories")
    assert table.schema.field("n_articles").type.bit_width == 32 and not table.schema.field("id").nullable
    for row in table.to_pylist():
        expected = json_rows.pop(row["id"])
        for column in ("outlets", "disagreements", "report"):
            row[column] = json.loads(row[column])
        assert row == expected
    assert not json_rows


def test_a_store_takes_the_stories_as_update_stories_makes_them(demo: dict, tmp_path: Path) -> None:
    from marsad.load import load_output
    from marsad.store import open_store

    rows, members = read_story_output(demo["out"])
    assert [m[0] for m in members] == sorted(m[0] for m in members)
    with open_store(tmp_path / "spark.db") as spark_store, open_store(tmp_path / "local.db") as local_store:
        for store in (spark_store, local_store):
            load_output(demo["out"], store)
        assert save_story_output(demo["out"], spark_store) == len(rows)
        update_stories(local_store)
        listed = list_stories(spark_store, limit=1000)
        assert listed == list_stories(local_store, limit=1000) and len(listed) == len(rows)
        for story in listed:
            assert get_story(spark_store, story["id"]) == get_story(local_store, story["id"])
        assert any(get_story(spark_store, story["id"])["related"] for story in listed)
        assert update_stories(spark_store)["new_articles"] == 0     # every article has its story
