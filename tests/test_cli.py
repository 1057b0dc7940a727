"""The `marsad` command line, through typer's CliRunner and as the installed console script."""
from __future__ import annotations

import csv
import io
import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from marsad.cli import app
from marsad.model import Analysis, Article, Entity
from marsad.store import open_store
from news_tree import require_stages, write_tree

runner = CliRunner()
BODY = "قال مسؤول في وزارة الخارجية الإماراتية إن الإمارات ستستضيف القمة في ٢٠١٧ بمشاركة داعش للسلام."
MARSAD = Path(sys.executable).with_name("marsad")


@pytest.fixture
def db(tmp_path: Path) -> str:
    """A SQLite database holding two hand-written articles (no reader needed)."""
    start = BODY.index("الإمارات")
    path = str(tmp_path / "m.db")
    with open_store(path) as store:
        store.upsert([
            Article(id="c1", source="fixtures/c1.txt", text=BODY, title="قمة في الإمارات", outlet="وكالة الأنباء",
                    published="2017-10-29T08:00:00+00:00",
                    analysis=Analysis(entities=[Entity(start, start + 8, "الإمارات", "LOC",
                                                       "الإمارات العربية المتحدة", "loc:ae")])),
            Article(id="c2", source="fixtures/c2.txt", text="هطلت أمطار غزيرة على جدة.", title="أمطار",
                    outlet="صحيفة المرصد", published="2017-10-30T08:00:00+00:00", analysis=Analysis()),
        ])
    return path


def invoke(*args: str, **kwargs):
    return runner.invoke(app, [str(a) for a in args], **kwargs)


# --- reading a store ---------------------------------------------------------------------------
def test_search_json_lists_hits_with_snippets(db: str) -> None:
    result = invoke("search", "الامارات", "--db", db, "--json")
    assert result.exit_code == 0, result.output
    hits = json.loads(result.stdout)
    assert [h["id"] for h in hits] == ["c1"]
    start, end = hits[0]["highlights"][0]
    assert hits[0]["snippet"][start:end] == "الإمارات"


def test_search_table_shows_titles(db: str) -> None:
    result = invoke("search", "2017", "--db", db)
    assert result.exit_code == 0
    assert "قمة في الإمارات" in result.stdout


def test_search_by_entity_name_without_words(db: str) -> None:
    result = invoke("search", "--entity", "الامارات العربية المتحدة", "--db", db, "--json")
    assert [h["id"] for h in json.loads(result.stdout)] == ["c1"]


@pytest.mark.parametrize("query", ['"', "NEAR(", "a OR", "x" * 10_000])
def test_search_survives_hostile_queries(db: str, query: str) -> None:
    result = invoke("search", query, "--db", db, "--json")
    assert result.exit_code in (0, 2)
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_empty_search_explains_itself(db: str) -> None:
    result = invoke("search", "", "--db", db)
    assert result.exit_code == 2
    assert "بحث فارغ" in result.stderr


def test_missing_database_says_to_ingest_first(tmp_path: Path) -> None:
    result = invoke("search", "جدة", "--db", tmp_path / "none.db")
    assert result.exit_code == 2
    assert "marsad ingest" in result.stderr
    assert not (tmp_path / "none.db").exists()


def test_db_comes_from_the_environment(db: str) -> None:
    result = invoke("search", "جدة", "--json", env={"MARSAD_DB": db})
    assert [h["id"] for h in json.loads(result.stdout)] == ["c2"]


def test_show_json_is_the_article_contract(db: str) -> None:
    result = invoke("show", "c1", "--db", db, "--json")
    data = json.loads(result.stdout)
    assert data["id"] == "c1" and data["entities"][0]["key"] == "loc:ae"
    assert "الإمارات" in result.stdout   # not \\u escapes


def test_show_renders_metadata_body_and_entities(db: str) -> None:
    result = invoke("show", "c1", "--db", db)
    assert result.exit_code == 0
    for expected in ("وكالة الأنباء", "وزارة الخارجية", "loc:ae"):
        assert expected in result.stdout


def test_show_unknown_id_fails(db: str) -> None:
    result = invoke("show", "nope", "--db", db)
    assert result.exit_code == 1


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_export_writes_every_article(db: str, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"a.{fmt}"
    result = invoke("export", "--format", fmt, "--out", out, "--db", db)
    assert result.exit_code == 0, result.output
    if fmt == "jsonl":
        ids = [json.loads(line)["id"] for line in out.read_text("utf-8").splitlines()]
    elif fmt == "csv":
        ids = [row["id"] for row in csv.DictReader(io.StringIO(out.read_text("utf-8")))]
    else:
        import pyarrow.parquet as pq

        ids = pq.read_table(out).column("id").to_pylist()
    assert ids == ["c1", "c2"]


def test_export_jsonl_goes_to_stdout_without_out(db: str) -> None:
    result = invoke("export", "--format", "jsonl", "--db", db)
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["c1", "c2"]


def test_export_parquet_to_stdout_is_refused(db: str) -> None:
    result = invoke("export", "--format", "parquet", "--db", db)
    assert result.exit_code == 2 and "--out" in result.stderr and "ثنائية" in result.stderr


def test_export_of_an_unknown_format_names_the_known_ones_in_arabic(db: str) -> None:
    result = invoke("export", "--format", "xlsx", "--db", db)
    assert result.exit_code == 2 and "صيغة غير معروفة" in result.stderr and "parquet" in result.stderr


def test_a_db_that_is_not_a_database_is_explained_in_arabic(tmp_path: Path) -> None:
    bad = tmp_path / "notes.db"
    bad.write_text("ليست قاعدة بيانات\n" * 200, "utf-8")
    result = invoke("search", "جدة", "--db", bad)
    assert result.exit_code == 2 and "تعذر فتح قاعدة البيانات" in result.stderr
    assert "ليس قاعدة بيانات SQLite" in result.stderr


def _grouped(db: str) -> str:
    from marsad.stories.service import update_stories

    with open_store(db) as store:
        update_stories(store)
    return db


def test_stories_json_lists_story_json_after_grouping(db: str) -> None:
    items = json.loads(invoke("stories", "--db", _grouped(db), "--json").stdout)
    assert {tuple(sorted(s["articles"])) for s in items} == {("c1",), ("c2",)}
    assert {"id", "title", "articles", "outlets", "first_seen", "origin", "disagreements"} <= set(items[0])


def test_stories_table_prints(db: str) -> None:
    assert invoke("stories", "--db", _grouped(db)).exit_code == 0


def test_story_report_and_unknown_story(db: str) -> None:
    sid = json.loads(invoke("stories", "--db", _grouped(db), "--json").stdout)[0]["id"]
    assert invoke("story", sid, "--db", db).exit_code == 0
    assert invoke("story", "s_nope", "--db", db).exit_code == 1


def test_titles_and_names_with_markup_brackets_print_as_written(tmp_path: Path) -> None:
    """Article text is untrusted: "[/bold]" in a title or an outlet's name is shown, not obeyed."""
    path = str(tmp_path / "m.db")
    title, outlet = "عاجل [/bold] [red]تحديث", "منبر [link=x]"
    with open_store(path) as store:
        store.upsert([Article(id="m1", source="m1.txt", text=BODY, title=title, outlet=outlet,
                              published="2017-10-29T08:00:00+00:00", analysis=Analysis())])
        from marsad.stories.service import update_stories

        update_stories(store)
    wide = {"COLUMNS": "200"}
    for args in (["stories"], ["story", json.loads(invoke("stories", "--db", path, "--json").stdout)[0]["id"]],
                 ["search", "الإمارات"], ["show", "m1"], ["outlets"]):
        result = invoke(*args, "--db", path, env=wide)
        assert result.exit_code == 0, (args, result.output)
        assert "[/bold]" in result.stdout or "[link=x]" in result.stdout, args
    assert "[/" in invoke("story", "s_[/x]", "--db", path).stderr


def test_story_report_lists_related_stories_in_arabic(tmp_path: Path) -> None:
    from marsad.stories.service import story_row

    path = str(tmp_path / "m.db")
    with open_store(path) as store:
        store.upsert([Article(id=f"r{n}", source=f"r{n}.txt", text=BODY, title=f"قصة {n}", outlet="منبر",
                              published=f"2017-10-2{n}T08:00:00+00:00", analysis=Analysis()) for n in (1, 2)])
        arts = [store.get("r1"), store.get("r2")]
        store.save_stories([story_row("s_r1", [arts[0]]), story_row("s_r2", [arts[1]])],
                           [("s_r1", "r1", "r1"), ("s_r2", "r2", "r2")])
        store.save_story_links([("s_r2", "s_r1", "follow_up", 0.5)])
    out = invoke("story", "s_r1", "--db", path, env={"COLUMNS": "200"}).stdout
    assert "قصص ذات صلة" in out and "تابعتها قصة لاحقة" in out and "s_r2" in out
    assert "followed_up_by" not in out


def test_export_graph_writes_graphml(db: str, tmp_path: Path) -> None:
    out = tmp_path / "g.graphml"
    assert invoke("export", "--graph", "graphml", "--out", str(out), "--db", _grouped(db)).exit_code == 0
    assert out.read_text("utf-8").startswith("<?xml")


COMMANDS = ["ingest", "load", "extract", "analyze", "search", "show", "export", "outlets", "stories", "story",
            "serve"]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_examples(command: str) -> None:
    result = invoke(command, "--help")
    assert result.exit_code == 0 and ("أمثلة" in result.stdout or "مثال" in result.stdout)


# Latin words the Arabic help may show: names of formats and products, as a user types or knows them
HELP_NAMES = {"marsad", "JSON", "SQLite", "PostgreSQL", "FTS5", "TOML", "ISO", "UTF", "CSV", "POST", "Gephi", "Spark",
              "jsonl", "csv", "parquet", "graphml", "gexf",      # values of --format and --graph
              "org", "isis"}                                     # an entity key as typed: org:isis
# typer's own notation, which it gives no way to translate: the range of a number option ([x>=1]) and
# the type of an argument (<str>, <list[Path]>)
TYPER_NOTATION = {"x", "str", "list", "Path", "path"}
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9_]*")
_EXTENSION = re.compile(r"\.[A-Za-z0-9]+")


def _latin_words(help_text: str) -> set[str]:
    """Latin words in help text that are not option names, metavars, env vars, commands, paths,
    URLs, file extensions or example command lines (shell commands stay as they are typed)."""
    found = set()
    for line in help_text.splitlines():
        text = line.strip(" │╭╮╰╯─")
        if text.startswith(("marsad ", "echo ", "MARSAD_", "python -m ")):   # an example command line
            continue
        for chunk in text.split():
            if chunk.startswith("-") or "/" in chunk:            # --option, -w, a path or a URL
                continue
            for word in _LATIN_WORD.findall(_EXTENSION.sub(" ", chunk)):
                if not (word.isupper() or word in COMMANDS or word in HELP_NAMES or word in TYPER_NOTATION):
                    found.add(word)
    return found


@pytest.mark.parametrize("args", [["--help"], ["ingest", "--help"], *[[c, "--help"] for c in COMMANDS]],
                         ids=lambda a: " ".join(a))
def test_help_is_arabic_and_fits_80_columns(args: list[str]) -> None:
    from rich.cells import cell_len

    result = invoke(*args, env={"COLUMNS": "80"}, prog_name="marsad")
    assert result.exit_code == 0, result.output
    assert _latin_words(result.stdout) == set()
    assert "الاستعمال" in result.stdout and "اعرض هذه المساعدة واخرج" in result.stdout
    assert max(cell_len(line) for line in result.stdout.splitlines()) <= 80


def test_the_help_check_catches_english() -> None:
    assert _latin_words("│ --db  DB  SQLite file or postgresql:// URL │") == {"file", "or"}


def test_console_script_runs_as_a_real_process(db: str) -> None:
    if not MARSAD.exists():
        pytest.skip("marsad console script not installed in this environment (pip install -e .)")
    done = subprocess.run([str(MARSAD), "search", "الامارات", "--db", db, "--json"], check=False,
                          capture_output=True, timeout=60, env={**os.environ, "PYTHONIOENCODING": "ascii"})
    assert done.returncode == 0, done.stderr.decode()
    assert json.loads(done.stdout.decode("utf-8"))[0]["id"] == "c1"


# --- stages end to end (wait on ingest, clean, extract) -------------------------------------------
def test_ingest_prints_a_summary_and_lists_skips(tmp_path: Path) -> None:
    require_stages()
    write_tree(tmp_path / "news", 5)
    (tmp_path / "news" / "empty.txt").write_bytes(b"")
    db = tmp_path / "m.db"
    result = invoke("ingest", tmp_path / "news", "--db", db, "--workers", "2")
    assert result.exit_code == 0, result.output
    assert "أُدخل" in result.stderr and "empty.txt" in result.stderr
    again = invoke("ingest", tmp_path / "news", "--db", db)
    assert "بلا تغيير" in again.stderr
    with open_store(db) as store:
        assert store.count() == 5


def test_ingest_shows_and_stores_why_a_bad_file_was_skipped_in_arabic(tmp_path: Path) -> None:
    require_stages(analysis=False)
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "empty.txt").write_bytes(b"")
    (tmp_path / "bad" / "broken.zip").write_bytes(b"PK\x03\x04" + bytes(40))
    db = tmp_path / "m.db"
    result = invoke("ingest", tmp_path / "bad", "--db", db, "--no-analysis", "--no-stories",
                    env={"COLUMNS": "200"})
    assert result.exit_code == 1
    assert "ملف فارغ" in result.stderr and "أرشيف zip تالف (لا يحمل بنية أرشيف zip)" in result.stderr
    with open_store(db) as store:
        reasons = {Path(s.source).name: s.reason for s in store.skips()}
    assert reasons == {"empty.txt": "ملف فارغ", "broken.zip": "أرشيف zip تالف (لا يحمل بنية أرشيف zip)"}


def test_ingest_fails_only_when_nothing_could_be_read(tmp_path: Path) -> None:
    require_stages(analysis=False)
    (tmp_path / "empty.txt").write_bytes(b"")
    result = invoke("ingest", tmp_path / "empty.txt", "--db", tmp_path / "m.db", "--no-analysis")
    assert result.exit_code == 1
    assert "تعذرت قراءة أي شيء" in result.stderr


@pytest.mark.parametrize("jsonl", [False, True])
def test_extract_prints_article_json(tmp_path: Path, jsonl: bool) -> None:
    require_stages()
    write_tree(tmp_path / "news", 3)
    result = invoke("extract", tmp_path / "news", *(["--jsonl"] if jsonl else []))
    assert result.exit_code == 0, result.output
    rows = [json.loads(x) for x in result.stdout.splitlines()] if jsonl else json.loads(result.stdout)
    assert len(rows) == 3 and all("entities" in r and "text" in r for r in rows)


def test_extract_with_workers_prints_the_same_bytes_in_input_order(tmp_path: Path) -> None:
    require_stages()
    write_tree(tmp_path / "news", 12)
    (tmp_path / "news" / "empty.txt").write_bytes(b"")
    one = invoke("extract", tmp_path / "news", "--jsonl", "--workers", "1")
    two = invoke("extract", tmp_path / "news", "--jsonl", "--workers", "2")
    assert one.exit_code == two.exit_code == 0, two.output
    assert one.stdout == two.stdout and len(one.stdout.splitlines()) == 12
    sources = [json.loads(line)["source"] for line in two.stdout.splitlines()]
    assert sources == sorted(sources) and "empty.txt" in two.stderr


def test_analyze_reads_stdin(tmp_path: Path) -> None:
    require_stages()
    result = invoke("analyze", "-", "--published", "2017-10-29", input=BODY)
    assert result.exit_code == 0, result.output
    assert set(json.loads(result.stdout)) >= {"entities", "attributions", "quotes", "quantities", "dates"}


def test_killed_ingest_leaves_a_valid_db_and_a_rerun_completes(tmp_path: Path) -> None:
    """kill -9 mid-run: the database passes integrity_check and a re-run stores every input once."""
    require_stages()
    if not MARSAD.exists():
        pytest.skip("marsad console script not installed in this environment (pip install -e .)")
    total = 300
    write_tree(tmp_path / "news", total)
    db = tmp_path / "m.db"
    command = [str(MARSAD), "ingest", str(tmp_path / "news"), "--db", str(db), "--workers", "1"]
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    deadline = time.monotonic() + 120
    stored = 0
    while proc.poll() is None and time.monotonic() < deadline:
        if db.exists():
            try:
                with sqlite3.connect(db, timeout=1) as conn:
                    stored = conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
            except sqlite3.OperationalError:
                stored = 0
            if stored:
                break
        time.sleep(0.005)
    still_running = proc.poll() is None
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert still_running, "ingest finished before it could be interrupted; make the tree bigger"
    assert 0 < stored < total

    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    done = subprocess.run(command, check=False, capture_output=True, timeout=300)
    assert done.returncode == 0, done.stderr.decode()
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT COUNT(*), COUNT(DISTINCT id) FROM articles").fetchone() == (total, total)
        fts = conn.execute("SELECT COUNT(*) FROM articles_fts").fetchone()[0]
    assert fts == total


def test_analyze_of_a_missing_file_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    result = invoke("analyze", tmp_path / "missing.txt")
    assert result.exit_code == 2 and "تعذرت قراءة" in result.stderr and "لا يوجد ملف بهذا الاسم" in result.stderr


def _records(folder: Path, outlets: list[str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    lines = [json.dumps({"title": f"خبر رقم {n}", "content": f"أعلنت البلدية افتتاح الحديقة رقم {n} في المدينة.",
                         "source": outlet, "url": f"https://example.org/{n}"}, ensure_ascii=False)
             for n, outlet in enumerate(outlets)]
    (folder / "records.jsonl").write_text("\n".join(lines) + "\n", "utf-8")
    return folder


@pytest.fixture
def no_user_outlets():
    """`--outlets` sets MARSAD_OUTLETS for this process and its workers: undo it after the test."""
    from marsad.clean.outlets import USER_OUTLETS, _table

    os.environ.pop(USER_OUTLETS, None)
    yield
    os.environ.pop(USER_OUTLETS, None)
    _table.cache_clear()


def test_an_outlets_file_makes_variants_one_outlet_and_outlets_lists_them(tmp_path: Path, no_user_outlets) -> None:
    require_stages(analysis=False)
    news = _records(tmp_path / "news", ["النهار المغاربية", "صحيفة النهار المغاربية", "annahar-maghreb"])
    mine = tmp_path / "outlets.toml"
    mine.write_text('[[outlets]]\nname = "صحيفة النهار المغاربية"\naliases = ["النهار المغاربية"]\n'
                    'codes = ["annahar-maghreb"]\n', "utf-8")
    db = tmp_path / "m.db"
    result = invoke("ingest", news, "--db", db, "--no-analysis", "--no-stories", "--outlets", mine)
    assert result.exit_code == 0, result.output
    listed = json.loads(invoke("outlets", "--db", db, "--json").stdout)
    assert [(r["outlet"], r["articles"]) for r in listed] == [("صحيفة النهار المغاربية", 3)]
    assert "النهار المغاربية" in listed[0]["aliases"]


def test_a_broken_outlets_file_is_refused_before_any_work(tmp_path: Path, no_user_outlets) -> None:
    bad = tmp_path / "outlets.json"
    bad.write_text('{"outlets": [{"aliases": ["x"]}]}', "utf-8")
    result = invoke("ingest", tmp_path, "--db", tmp_path / "m.db", "--outlets", bad)
    assert result.exit_code == 2 and "name" in result.stderr and not (tmp_path / "m.db").exists()
    assert "يُنتظر في الملف قائمة 'outlets'" in result.stderr


def test_version_prints_the_package_version() -> None:
    from marsad import __version__

    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.stdout.strip() == f"marsad {__version__}"


def test_load_refuses_a_folder_that_is_not_spark_output(tmp_path: Path) -> None:
    result = runner.invoke(app, ["load", str(tmp_path), "--db", str(tmp_path / "m.db")])
    assert result.exit_code == 2 and "articles/" in result.output


BAD_CALLS = {
    "missing argument": (["show"], "ينقص المعطى ID"),
    "unknown option, with the close one": (["ingest", "x", "--outlet", "y"], "هل تقصد: --outlets"),
    "unknown command, with the close ones": (["storie"], "هل تقصد: stories، story"),
    "option without its value": (["stories", "--db"], "يحتاج إلى قيمة"),
    "not a number": (["stories", "--limit", "many"], "يُنتظر عدد صحيح"),
    "below the range": (["stories", "--limit", "0"], "لا يقل عن 1"),
    "extra argument": (["outlets", "surplus"], "معطيات زائدة"),
}


@pytest.mark.parametrize("name", BAD_CALLS)
def test_usage_errors_are_said_in_arabic(name: str) -> None:
    args, arabic = BAD_CALLS[name]
    result = invoke(*args, env={"COLUMNS": "200"}, prog_name="marsad")
    assert result.exit_code == 2
    assert arabic in result.output
    typed = {word for arg in args for word in _LATIN_WORD.findall(arg)}
    assert _latin_words(result.output) - typed == set(), result.output


def test_a_usage_error_nobody_worded_gets_general_arabic_not_english() -> None:
    from marsad.cli_errors import arabic_message

    class UsageError(Exception):
        message = "Something click says one day that we never saw."

    assert arabic_message(UsageError()) == "استدعاء غير صحيح للأمر؛ راجع المساعدة."
