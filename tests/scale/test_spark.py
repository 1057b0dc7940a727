"""The Spark runner gives what the local pipeline gives: same Article JSON, same skips, same copy groups.

One real SparkSession (local[2]) for the module; the local output is computed in the same run, so
the comparison holds however the analysis modules change. The Parquet tables are read back with
pyarrow and compared with the JSON output of the same input; a folder given as a file:// URI
(read by Spark's binaryFiles) must give the articles its plain path gives.
"""
from __future__ import annotations

import json
import zipfile
from collections import Counter
from pathlib import Path

import pytest

from marsad.ingest import read_paths
from marsad.model import Skip
from marsad.scale.copies import _bucket_pairs, _components
from marsad.scale.plan import plan_inputs

pytestmark = pytest.mark.filterwarnings("ignore::FutureWarning")

FLOODS = (
    "سيول جارفة تضرب قرى في محافظة حجة\n"
    "حجة - وكالة الأنباء\n\n"
    "أعلنت وزارة الصحة في صنعاء، مساء الخميس، مقتل 17 شخصاً وإصابة نحو 40 آخرين جراء سيول جارفة "
    "اجتاحت قرى في مديرية كشر بمحافظة حجة شمال غربي اليمن، وقال المتحدث باسم الوزارة إن فرق الإنقاذ "
    "ما زالت تبحث عن مفقودين تحت الأنقاض.\n\n"
    "وأضاف المتحدث أن السيول دمرت أكثر من 120 منزلاً وجرفت عشرات السيارات والمواشي، داعياً منظمات "
    "الإغاثة الدولية والأمم المتحدة إلى التدخل العاجل لإيواء مئات الأسر التي فقدت مساكنها.\n"
)
# the same wire story re-run by another outlet with one word changed: a near copy
FLOODS_NEAR = FLOODS.replace("حجة - وكالة الأنباء", "حجة - موقع الخبر").replace("مساء الخميس", "ليل الخميس")
CHOLERA = (
    "الصحة السودانية: ارتفاع إصابات الكوليرا في ولاية النيل الأبيض\n\n"
    "الخرطوم - أعلنت وزارة الصحة الاتحادية في السودان تسجيل 312 إصابة جديدة بالكوليرا خلال الأيام "
    "الثلاثة الماضية في ولاية النيل الأبيض، بينها 9 وفيات، وأكدت منظمة الصحة العالمية أن الوضع "
    "يتطلب حملة تطعيم واسعة في مخيمات النازحين.\n"
)
WALLET = (
    "إطلاق محفظة رقمية جديدة في الكويت\n\n"
    "أطلق بنك الكويت المركزي، الأحد، خدمة المحفظة الرقمية الوطنية التي تتيح للمواطنين والمقيمين "
    "الدفع عبر الهاتف في أكثر من ثلاثة آلاف متجر، وقال محافظ البنك إن الخدمة ستشمل التحويلات "
    "بين الأفراد قبل نهاية العام.\n"
)
RECORDS = [
    {"title": "افتتاح معرض الرياض الدولي للكتاب", "url": "https://news.example/riyadh-book-fair",
     "published": "2025-03-04T10:00:00+03:00", "source": "صحيفة المرصد",
     "content": "افتتح وزير الثقافة السعودي، الثلاثاء، معرض الرياض الدولي للكتاب بمشاركة أكثر من "
                "ألف دار نشر من 30 دولة، ويستمر المعرض عشرة أيام في واجهة الرياض."},
    None,   # a broken line
    {"title": "ارتفاع أسعار الذهب في الأردن", "url": "https://news.example/jordan-gold",
     "published": "2025-03-05", "source": "صحيفة المرصد",
     "content": "ارتفعت أسعار الذهب في السوق المحلية الأردنية، الأربعاء، بمقدار 40 قرشاً للغرام، "
                "وقالت نقابة تجار الحلي والمجوهرات في عمّان إن سعر غرام عيار 21 بلغ 58 ديناراً."},
]
# a person, numbers, dates, a byline and a direct quote: every Parquet table gets rows
PORT = (
    "ميناء العقبة يستقبل أول سفينة حاويات عملاقة\n\n"
    "بقلم: ليلى حداد\n\n"
    "العقبة - استقبل ميناء العقبة الأردني، الأربعاء 12 آذار 2025، أول سفينة حاويات يبلغ طولها 400 متر، "
    "في خطوة قال مسؤولون إنها تفتح الباب أمام خطوط ملاحية جديدة.\n\n"
    "وقال مدير الميناء سامر الخطيب: «هذه السفينة تختبر قدرتنا على المناولة، ونحن جاهزون لاستقبال "
    "المزيد منها».\n\n"
    "وأضاف الخطيب أن الميناء يتوقع وصول نحو 15 سفينة مماثلة قبل نهاية العام الجاري.\n"
)
PAGE = """<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8">
<title>حريق في مخيم للنازحين قرب أطمة | الحدث</title>
<meta property="og:title" content="حريق في مخيم للنازحين قرب أطمة">
<meta property="og:site_name" content="الحدث السوري">
<meta property="article:published_time" content="2025-03-26T18:30:00+03:00">
<link rel="canonical" href="https://hadath.example/news/atmeh-camp-fire"></head>
<body><nav><a href="/">الرئيسية</a> <a href="/sport">رياضة</a></nav>
<article><h1>حريق في مخيم للنازحين قرب أطمة</h1>
<p>قال الدفاع المدني السوري إن حريقاً اندلع مساء الأربعاء في مخيم للنازحين قرب بلدة أطمة في ريف
إدلب الشمالي، وأتى على 85 خيمة بالكامل.</p>
<p>وأضاف الدفاع المدني أن الحريق أدى إلى إصابة ثلاثة أطفال بحروق طفيفة، وأن فرقه أخمدت النيران
بعد نحو ساعتين من اندلاعها.</p></article>
<footer>جميع الحقوق محفوظة</footer></body></html>
"""


def _write_tree(root: Path) -> list[str]:
    (root / "text").mkdir(parents=True)
    (root / "text" / "floods.txt").write_text(FLOODS, "utf-8")
    (root / "text" / "floods_rerun.txt").write_text(FLOODS, "utf-8")        # an exact copy
    (root / "text" / "floods_other_outlet.txt").write_text(FLOODS_NEAR, "utf-8")
    (root / "text" / "port.txt").write_text(PORT, "utf-8")
    (root / "text" / "empty.txt").write_text("", "utf-8")
    (root / "text" / "notes.md").write_text("ملاحظات المحرر", "utf-8")
    (root / "records").mkdir()
    lines = [json.dumps(r, ensure_ascii=False) if r else '{"title": "سطر مكسور", "content": ' for r in RECORDS]
    (root / "records" / "dump.jsonl").write_text("\n".join(lines) + "\n", "utf-8")
    (root / "html").mkdir()
    (root / "html" / "atmeh.html").write_text(PAGE, "utf-8")
    with zipfile.ZipFile(root / "bundle.zip", "w") as bundle:
        bundle.writestr("day1/cholera.txt", CHOLERA)
        bundle.writestr("day1/wallet.txt", WALLET)
    return [str(root), str(root.parent / "missing-folder")]


def _local(paths: list[str]) -> tuple[list[dict], set[tuple[str, str]]]:
    from marsad.pipeline import read_articles

    articles, skips = [], set()
    for item in read_articles(paths, with_analysis=True):
        if isinstance(item, Skip):
            skips.add((item.source, item.reason))
        else:
            articles.append(item.to_json())
    return sorted(articles, key=_order), skips


def _lines(folder: Path) -> list[dict]:
    return [json.loads(line) for part in sorted(folder.glob("part-*"))
            for line in part.read_text("utf-8").splitlines() if line.strip()]


def _order(article: dict) -> tuple[str, str]:
    return article["id"], article["source"]


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    return _write_tree(tmp_path_factory.mktemp("news") / "tree")


@pytest.fixture(scope="module")
def outputs(spark, tree: list[str], tmp_path_factory: pytest.TempPathFactory) -> dict:
    from marsad.scale.spark import run

    out = tmp_path_factory.mktemp("spark") / "out"
    # a tiny split size makes the JSONL and the zip several read tasks each: the split must not
    # lose or repeat a record
    counts = run(tree, out, spark=spark, copies=True, split_bytes=256)
    local_articles, local_skips = _local(tree)
    return {"out": out, "counts": counts, "local": local_articles, "local_skips": local_skips, "tree": tree}


@pytest.mark.slow
def test_every_article_comes_out_as_the_local_pipeline_makes_it(outputs: dict) -> None:
    spark_articles = sorted(_lines(outputs["out"] / "articles"), key=_order)
    local = outputs["local"]
    assert len(local) == 9    # 3 floods + 1 port + 2 records + 1 page + 2 zip members
    assert [a["id"] for a in spark_articles] == [a["id"] for a in local]
    assert spark_articles == local            # text, lines, entities, attributions... all of it
    assert any(a["entities"] for a in spark_articles), "analysis ran on the workers"
    assert outputs["counts"].articles == 9


@pytest.mark.slow
def test_skips_are_reported_with_their_reasons(outputs: dict) -> None:
    skips = {(s["source"], s["reason"]) for s in _lines(outputs["out"] / "skips")}
    assert skips == outputs["local_skips"]       # same sources, same reasons (whatever their language)
    named = {src.rsplit("/", 1)[-1] for src, why in skips if why}
    assert named == {"dump.jsonl#2", "empty.txt", "notes.md", "missing-folder"}
    assert outputs["tree"][1] in {src for src, _ in skips}
    assert outputs["counts"].skipped == len(skips) == 4
    counts = json.loads((outputs["out"] / "counts.json").read_text("utf-8"))
    assert counts["articles"] == 9 and counts["skipped"] == 4 and counts["files"] == 9


@pytest.mark.slow
def test_copy_groups_match_the_local_copy_index(outputs: dict) -> None:
    from marsad.stories.dedup import copy_groups

    expected = copy_groups([(a["id"], a["text"], a["published"]) for a in outputs["local"]])
    lines = (outputs["out"] / "copies" / "groups.jsonl").read_text("utf-8").splitlines()
    found = [json.loads(line) for line in lines]
    assert found == [{"original": g.original, "members": g.members} for g in expected]
    by_source = {a["source"].rsplit("/", 1)[-1]: a["id"] for a in outputs["local"]}
    floods = {by_source["floods.txt"], by_source["floods_rerun.txt"], by_source["floods_other_outlet.txt"]}
    assert [set(g["members"]) for g in found] == [floods]   # exact copy + near copy, one group
    copies = outputs["counts"].copies
    assert copies["exact_groups"] == 1 and copies["near_pairs"] == 1 and copies["copy_groups"] == 1


def test_a_large_file_is_split_into_shares_and_a_missing_one_skipped(tmp_path: Path) -> None:
    tree = _write_tree(tmp_path / "tree")
    plan = plan_inputs(tree, split_bytes=256)
    assert plan.files == 9
    shares = {}
    for task in plan.tasks:
        shares.setdefault(task.path, []).append(task.share)
    jsonl = str(tmp_path / "tree" / "records" / "dump.jsonl")
    assert sorted(shares[jsonl]) == list(range(len(shares[jsonl]))) and len(shares[jsonl]) > 1
    assert [t.share for t in plan.tasks] == sorted(t.share for t in plan.tasks)   # shares spread apart
    assert [(s.source, s.reason) for s in plan.skips] == [(s.source, s.reason) for s in read_paths([tree[1]])]


def test_an_output_directory_in_use_is_not_overwritten_by_default(tmp_path: Path) -> None:
    pytest.importorskip("pyspark", reason="pyspark is not installed: pip install 'marsad[spark]'")
    from marsad.scale.spark import run

    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "keep.txt").write_text("x")
    with pytest.raises(FileExistsError, match="overwrite"):
        run([str(tmp_path)], tmp_path / "out")
    assert (tmp_path / "out" / "keep.txt").exists()


def test_an_oversized_bucket_becomes_a_star_and_groups_keep_the_earliest_first() -> None:
    members = [(f"2025-03-0{n}", f"id{n}") for n in (3, 1, 2)]
    assert _bucket_pairs(members, max_bucket=5) == [
        (members[1], members[2]), (members[1], members[0]), (members[2], members[0])]
    star = _bucket_pairs(members, max_bucket=2)
    assert star == [(members[1], members[2]), (members[1], members[0]), (members[1], None)]
    groups = _components([(members[2], members[0]), (members[1], members[0])])
    assert [(g.original, g.members) for g in groups] == [("id1", ["id1", "id2", "id3"])]


# --- Parquet output ----------------------------------------------------------------------------

ITEM_TABLES = ("entities", "quotes", "quantities", "dates", "attributions")


@pytest.fixture(scope="module")
def parquet(spark, tree: list[str], outputs: dict, tmp_path_factory: pytest.TempPathFactory) -> dict:
    pytest.importorskip("pyarrow", reason="the Parquet tests read the tables back with pyarrow")
    from marsad.scale.spark import run

    out = tmp_path_factory.mktemp("parquet") / "out"
    counts = run(tree, out, spark=spark, copies=True, split_bytes=256, fmt="parquet")
    return {"out": out, "counts": counts}


def _table(out: Path, name: str):
    import pyarrow.parquet as pq

    return pq.read_table(out / name)    # the folder as Spark wrote it: part files, _SUCCESS, .crc


def _count(rows: list[dict]) -> Counter:
    """Rows as a multiset (the tables have no order; 400 and 400.0 count as one value)."""
    return Counter(tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in row.items()))
                   for row in rows)


@pytest.mark.slow
def test_parquet_articles_are_the_json_articles(outputs: dict, parquet: dict) -> None:
    json_articles = {a["id"]: a for a in _lines(outputs["out"] / "articles")}
    rows = _table(parquet["out"], "articles").to_pylist()
    assert sorted(r["id"] for r in rows) == sorted(json_articles) and len(rows) == 9
    for row in rows:
        article = json_articles[row["id"]]
        assert row == {column: article[column] for column in row}, row["id"]
    assert any(row["authors"] == ["ليلى حداد"] for row in rows)
    lines = _table(parquet["out"], "lines").to_pylist()
    assert _count(lines) == _count([{"article_id": a["id"], **line}
                                    for a in json_articles.values() for line in a["lines"] or []])
    assert parquet["counts"].to_dict().keys() == outputs["counts"].to_dict().keys()
    assert (parquet["counts"].articles, parquet["counts"].skipped, parquet["counts"].files) == (9, 4, 9)


@pytest.mark.slow
@pytest.mark.parametrize("table", ITEM_TABLES)
def test_parquet_item_tables_hold_every_item_of_the_json_output(outputs: dict, parquet: dict,
                                                                 table: str) -> None:
    articles = _lines(outputs["out"] / "articles")
    expected = [{"article_id": a["id"], **item} for a in articles for item in a[table]]
    found = _table(parquet["out"], table).to_pylist()
    assert expected, f"the corpus should give {table}"
    assert len(found) == len(expected)
    assert _count(found) == _count(expected)


@pytest.mark.slow
def test_parquet_columns_have_their_types(parquet: dict) -> None:
    import pyarrow as pa

    def column(table: str, name: str) -> pa.DataType:
        return _table(parquet["out"], table).schema.field(name).type

    for table, name in [("articles", "authors"), ("articles", "removed"), ("articles", "sources"),
                        ("attributions", "chain")]:
        assert pa.types.is_list(column(table, name)) and pa.types.is_string(column(table, name).value_type)
    for table in ("entities", "quotes", "quantities", "dates", "attributions"):
        assert pa.types.is_integer(column(table, "start")) and pa.types.is_integer(column(table, "end"))
    assert pa.types.is_integer(column("lines", "n"))
    for name in ("value", "low", "high"):
        assert pa.types.is_floating(column("quantities", name))
    assert pa.types.is_string(column("articles", "published"))    # ISO 8601 as written, offset kept
    assert pa.types.is_string(column("dates", "value"))
    assert not _table(parquet["out"], "articles").schema.field("id").nullable


@pytest.mark.slow
def test_parquet_skips_and_copies_are_the_json_ones(outputs: dict, parquet: dict) -> None:
    skips = {(r["source"], r["reason"]) for r in _table(parquet["out"], "skips").to_pylist()}
    assert skips == {(s["source"], s["reason"]) for s in _lines(outputs["out"] / "skips")}
    assert any(src.endswith("notes.md") for src, _ in skips)
    lines = (outputs["out"] / "copies" / "groups.jsonl").read_text("utf-8").splitlines()
    groups = [json.loads(line) for line in lines]
    members = _table(parquet["out"], "copies").to_pylist()
    assert sorted((m["original"], m["member"]) for m in members) == sorted(
        (g["original"], member) for g in groups for member in g["members"])
    pairs = (outputs["out"] / "copies" / "near_pairs.jsonl").read_text("utf-8").splitlines()
    assert [[p["earlier"], p["later"]] for p in _table(parquet["out"], "near_pairs").to_pylist()] == [
        json.loads(line) for line in pairs]
    found, expected = dict(parquet["counts"].copies), dict(outputs["counts"].copies)
    assert found.pop("seconds") >= 0 and found == {k: v for k, v in expected.items() if k != "seconds"}


@pytest.mark.slow
def test_an_empty_input_still_gives_every_table_with_its_columns(spark, tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet", reason="the Parquet tests read the tables back with pyarrow")
    from marsad.scale.spark import run
    from marsad.scale.tables import COLUMNS, RESULT_TABLES

    (tmp_path / "nothing").mkdir()
    counts = run([str(tmp_path / "nothing")], tmp_path / "out", spark=spark, fmt="parquet")
    assert (counts.files, counts.articles, counts.skipped) == (0, 0, 0)
    for table in RESULT_TABLES:
        found = pq.read_table(tmp_path / "out" / table)
        assert found.num_rows == 0 and found.schema.names == list(COLUMNS[table]), table
    assert json.loads((tmp_path / "out" / "counts.json").read_text("utf-8"))["articles"] == 0


# --- Inputs by URI -----------------------------------------------------------------------------

@pytest.mark.slow
def test_a_file_uri_reads_the_same_articles_as_its_path(spark, outputs: dict, tmp_path: Path) -> None:
    from marsad.scale.spark import run

    folder, missing = outputs["tree"]
    given = ["file://" + folder, "file://" + missing, "marsadtest://nowhere/news"]
    counts = run(given, tmp_path / "out", spark=spark, analysis=False)
    articles = sorted(_lines(tmp_path / "out" / "articles"), key=_order)
    assert [(a["id"], a["text"]) for a in articles] == [(a["id"], a["text"]) for a in outputs["local"]]
    assert all(a["source"].startswith("file://") for a in articles)
    assert sorted(a["source"].removeprefix("file://") for a in articles) == sorted(
        a["source"] for a in outputs["local"])
    skips = {(s["source"], s["reason"]) for s in _lines(tmp_path / "out" / "skips")}
    local_names = {(src.removeprefix("file://"), why) for src, why in skips if src.startswith("file://")}
    assert local_names == outputs["local_skips"]
    [(odd, why)] = [(src, why) for src, why in skips if not src.startswith("file://")]
    assert odd == "marsadtest://nowhere/news" and "marsadtest" in why   # Hadoop's own words: no such scheme
    assert (counts.files, counts.articles, counts.skipped) == (9, 9, 5)


def test_uris_are_left_to_spark_and_paths_are_planned(tmp_path: Path) -> None:
    tree = _write_tree(tmp_path / "tree")
    plan = plan_inputs([*tree, "hdfs://namenode/news/2025", "s3a://bucket/day/*.jsonl", "file://" + tree[0]])
    assert plan.uris == ["hdfs://namenode/news/2025", "s3a://bucket/day/*.jsonl", "file://" + tree[0]]
    assert plan.files == 9 and [s.source for s in plan.skips] == [tree[1]]


def test_table_rows_follow_the_columns_and_cast_numbers() -> None:
    from marsad.model import Analysis, Article, Quantity
    from marsad.scale.tables import COLUMNS, table_rows

    bare = Article(id="a1", source="x.txt", text="نص", authors=["ليلى حداد"])
    assert list(table_rows(bare)) == [("articles", ("a1", "x.txt", None, None, None, ["ليلى حداد"], None, "نص",
                                                    "", [], []))]
    bare.analysis = Analysis(quantities=[Quantity("400", 400, None, None, "exact", "متر", 0, 3)])
    [_, (table, row)] = list(table_rows(bare))
    assert table == "quantities" and len(row) == len(COLUMNS[table])
    assert isinstance(row[2], float) and row[2] == 400.0      # a double column gets a float, as Spark wants
    assert list(table_rows(Skip("y.md", "سبب"))) == [("skips", ("y.md", "سبب"))]


def test_record_tables_have_a_column_for_every_field_of_their_record() -> None:
    import dataclasses

    from marsad.model import Attribution, DateMention, Entity, Line, Quantity, Quote
    from marsad.scale.tables import COLUMNS

    records = {"lines": Line, "entities": Entity, "quotes": Quote, "quantities": Quantity,
               "dates": DateMention, "attributions": Attribution}
    for table, record in records.items():     # a field added to the model must not be dropped silently
        assert list(COLUMNS[table]) == ["article_id", *(f.name for f in dataclasses.fields(record))], table


def test_an_unknown_output_format_is_refused_before_spark_starts(tmp_path: Path) -> None:
    pytest.importorskip("pyspark", reason="pyspark is not installed: pip install 'marsad[spark]'")
    from marsad.scale.spark import main, run

    with pytest.raises(ValueError, match="parquet"):
        run([str(tmp_path)], tmp_path / "out", fmt="csv")
    with pytest.raises(SystemExit):
        main([str(tmp_path), "--out", str(tmp_path / "out"), "--format", "csv"])
    assert not (tmp_path / "out").exists()
