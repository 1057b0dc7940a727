"""The Spark runner gives what the local pipeline gives: same Article JSON, same skips, same copy groups.

One real SparkSession (local[2]) for the module; the local output is computed in the same run, so
the comparison holds however the analysis modules change.
"""
from __future__ import annotations

import json
import os
import shutil
import zipfile
from pathlib import Path

import pytest

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
def spark():
    pytest.importorskip("pyspark", reason="pyspark is not installed: pip install 'marsad[spark]'")
    if not (shutil.which("java") or os.environ.get("JAVA_HOME")):
        pytest.skip("Java is not installed (Spark needs a JDK 17+ on PATH or JAVA_HOME)")
    from marsad.scale.spark import session

    spark = session("local[2]", app_name="marsad-tests")
    yield spark
    spark.stop()


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
    assert len(local) == 8    # 3 floods + 2 records + 1 page + 2 zip members
    assert [a["id"] for a in spark_articles] == [a["id"] for a in local]
    assert spark_articles == local            # text, lines, entities, attributions... all of it
    assert any(a["entities"] for a in spark_articles), "analysis ran on the workers"
    assert outputs["counts"].articles == 8


@pytest.mark.slow
def test_skips_are_reported_with_their_reasons(outputs: dict) -> None:
    skips = {(s["source"], s["reason"]) for s in _lines(outputs["out"] / "skips")}
    assert skips == outputs["local_skips"]
    assert any(src.endswith("dump.jsonl#2") and "invalid JSON" in why for src, why in skips)
    assert any(src.endswith("empty.txt") and why == "empty file" for src, why in skips)
    assert any(src.endswith("notes.md") and "unsupported file type" in why for src, why in skips)
    assert (outputs["tree"][1], "no such file or directory") in skips
    assert outputs["counts"].skipped == len(skips) == 4
    counts = json.loads((outputs["out"] / "counts.json").read_text("utf-8"))
    assert counts["articles"] == 8 and counts["skipped"] == 4 and counts["files"] == 8


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
    assert plan.files == 8
    shares = {}
    for task in plan.tasks:
        shares.setdefault(task.path, []).append(task.share)
    jsonl = str(tmp_path / "tree" / "records" / "dump.jsonl")
    assert sorted(shares[jsonl]) == list(range(len(shares[jsonl]))) and len(shares[jsonl]) > 1
    assert [t.share for t in plan.tasks] == sorted(t.share for t in plan.tasks)   # shares spread apart
    assert [(s.source, s.reason) for s in plan.skips] == [(tree[1], "no such file or directory")]


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
