"""marsad among other tools: its SQLite file in Datasette and sqlite-utils, and marsad as a wheel.

The database tests run on the demo corpus twice: as marsad writes it, and with the full-text table
rebuilt contentless (`content=''`), so they read nothing but rowids out of `articles_fts`.
The wheel tests build the package from a copy of the working tree, install it with its
dependencies into a new virtual environment and run it from there.
"""
from __future__ import annotations

import asyncio
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import zipfile
from importlib import resources
from pathlib import Path
from types import SimpleNamespace

import pytest

from marsad.runner import ingest
from marsad.store import open_store
from marsad.store.base import index_text
from marsad.text import normalize

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
# words of the demo corpus; the last three are stored in a folded form (hamza, ta marbuta)
WORDS = ("مخيم", "سوريا", "الأربعاء", "وزارة", "الأمن")


# --- the database ---------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    """The demo corpus ingested into a file named marsad.db (the name the shipped metadata uses)."""
    path = tmp_path_factory.mktemp("built") / "marsad.db"
    with open_store(path) as store:
        counts = ingest([EXAMPLES], store, workers=2)
    return path, counts.ingested


def _contentless(src: Path, dst: Path) -> None:
    """A copy of `src` whose articles_fts keeps only the index (FTS5 `content=''`), same tokenizer."""
    source, conn = sqlite3.connect(src), sqlite3.connect(dst, isolation_level=None)
    source.backup(conn)
    source.close()
    try:
        sql = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'articles_fts'").fetchone()[0]
        if not re.search(r"content\s*=\s*''", sql):
            rows = conn.execute("SELECT rid, title, text FROM articles").fetchall()
            conn.execute("BEGIN")
            conn.execute("DROP TABLE articles_fts")
            conn.execute(sql.rstrip().removesuffix(")") + ", content='')")
            conn.executemany("INSERT INTO articles_fts (rowid, title, body) VALUES (?, ?, ?)",
                             [(rid, *index_text(SimpleNamespace(title=title, text=text)))
                              for rid, title, text in rows])
            conn.execute("COMMIT")
        sql = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'articles_fts'").fetchone()[0]
        assert re.search(r"content\s*=\s*''", sql), sql
    finally:
        conn.close()


@pytest.fixture(scope="module", params=["as-built", "contentless"])
def db(request: pytest.FixtureRequest, built: tuple[Path, int],
       tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = built[0]
    if request.param == "contentless":
        copy = tmp_path_factory.mktemp("contentless") / "marsad.db"
        _contentless(path, copy)
        path = copy
    return path


def _expected(path: Path) -> dict[str, set[str]]:
    """Article ids marsad's own search finds for each word (none of them may come back empty)."""
    with open_store(path) as store:
        found = {word: {hit.id for hit in store.search(word, limit=10_000)} for word in WORDS}
    assert all(found.values()), found
    return found


def _shipped_metadata() -> dict:
    return json.loads(resources.files("marsad").joinpath("data/datasette.json").read_text("utf-8"))


def _datasette_ids(path: Path, metadata: dict | None, extra: dict[str, str]) -> tuple[dict[str, set[str]], str]:
    """Ids Datasette's table view returns for `?_search=<normalised word>`, and the HTML table page."""
    from datasette.app import Datasette

    async def ask() -> tuple[dict[str, set[str]], str]:
        ds = Datasette([str(path)], metadata=metadata)
        await ds.invoke_startup()
        name = path.stem
        found = {}
        for word in WORDS:
            response = await ds.client.get(f"/{name}/articles.json", params={
                "_search": normalize(word), "_shape": "objects", "_size": "max", "_col": "id", **extra})
            assert response.status_code == 200, response.text[:500]
            data = response.json()
            assert data["next"] is None
            found[word] = {row["id"] for row in data["rows"]}
        page = await ds.client.get(f"/{name}/articles", params=extra)
        assert page.status_code == 200
        return found, page.text

    return asyncio.run(ask())


def test_datasette_searches_articles_with_the_shipped_metadata(db: Path) -> None:
    pytest.importorskip("datasette")
    metadata = _shipped_metadata()
    assert metadata["databases"]["marsad"]["tables"]["articles"]["fts_table"] == "articles_fts"
    found, page = _datasette_ids(db, metadata, {})
    assert found == _expected(db)
    assert 'name="_search"' in page          # the table page offers the search box


def test_datasette_searches_any_file_name_with_url_parameters(db: Path, tmp_path: Path) -> None:
    pytest.importorskip("datasette")
    other = tmp_path / "news.db"                # a name the shipped metadata does not know
    shutil.copyfile(db, other)
    found, page = _datasette_ids(other, None, {"_fts_table": "articles_fts", "_fts_pk": "rid"})
    assert found == _expected(db)
    assert 'name="_search"' in page


def test_sqlite_utils_counts_and_matches(db: Path, built: tuple[Path, int]) -> None:
    sqlite_utils = pytest.importorskip("sqlite_utils")
    database = sqlite_utils.Database(db)
    assert database["articles"].count == built[1] > 40
    expected = _expected(db)
    for word in WORDS:
        rows = database.query(
            "SELECT a.id FROM articles a WHERE a.rid IN "
            "(SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)", ['"' + normalize(word) + '"'])
        assert {row["id"] for row in rows} == expected[word], word
    database.close()


# --- the wheel ------------------------------------------------------------------------------------
def _version() -> str:
    text = (ROOT / "pyproject.toml").read_text("utf-8")
    return re.search(r'(?m)^version\s*=\s*"([^"]+)"', text).group(1)


def _run(args: list[str | Path], cwd: Path, timeout: float = 300) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    env["PYTHONIOENCODING"] = "utf-8"
    result = subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True,
                            encoding="utf-8", timeout=timeout, check=False)
    assert result.returncode == 0, f"{args}\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result


def _working_tree(dst: Path) -> None:
    """Copy the files git tracks or would track (new ones too), never .venv, build/ or *.egg-info."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            cwd=ROOT, capture_output=True, check=True).stdout.decode("utf-8")
    for name in filter(None, listed.split("\0")):
        src = ROOT / name
        if src.is_file():                      # a tracked file deleted in the working tree is skipped
            (dst / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dst / name)


@pytest.fixture(scope="module")
def wheel_venv(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(the built wheel, a new virtual environment with it and its dependencies installed)."""
    tmp = tmp_path_factory.mktemp("wheel")
    tree, dist, venv = tmp / "tree", tmp / "dist", tmp / "venv"
    _working_tree(tree)
    # build isolation, as `pip install` does: the build-system requirements come from the index, not
    # from whatever setuptools this environment happens to have
    _run([sys.executable, "-m", "pip", "wheel", ".", "--no-deps", "-w", dist], tree)
    wheels = list(dist.glob("marsad-*.whl"))
    assert len(wheels) == 1, wheels
    _run([sys.executable, "-m", "venv", venv], tmp)
    python = venv / ("Scripts" if os.name == "nt" else "bin") / "python"
    _run([python, "-m", "pip", "install", "-q", wheels[0]], tmp, timeout=600)
    _run([python, "-m", "pip", "check"], tmp)
    return wheels[0], venv


def _bin(venv: Path, name: str) -> Path:
    return venv / ("Scripts" if os.name == "nt" else "bin") / name


@pytest.mark.slow
def test_wheel_carries_the_data_files(wheel_venv: tuple[Path, Path]) -> None:
    names = set(zipfile.ZipFile(wheel_venv[0]).namelist())
    for name in ("marsad/extract/data/tagger/ner.npz", "marsad/extract/data/tagger/clusters.tsv.gz",
                 "marsad/clean/data/outlets.json", "marsad/data/datasette.json", "marsad/data/labels.json"):
        assert name in names, name
    assert not any(n.startswith(("tests/", "benchmarks/", "examples/")) for n in names)


CHECK = r"""
import json
from importlib import metadata, resources
import marsad
from marsad.clean.outlets import known_outlets
from marsad.extract.tagger import load_model
meta = json.loads(resources.files("marsad").joinpath("data/datasette.json").read_text("utf-8"))
print(json.dumps({
    "file": marsad.__file__,
    "version": metadata.version("marsad"),
    "tagger": load_model() is not None,
    "outlets": len(known_outlets()),
    "fts_table": meta["databases"]["marsad"]["tables"]["articles"]["fts_table"],
}))
"""

ARTICLE = ("الرياض\n\nأعلنت وزارة الصحة السعودية يوم الأربعاء أن نحو 500 شخص تلقوا العلاج، "
           "وقال المتحدث باسم الوزارة محمد العبدالعالي إن الوضع مستقر.\n")


@pytest.mark.slow
def test_installed_wheel_runs_with_its_data(wheel_venv: tuple[Path, Path], tmp_path: Path) -> None:
    venv = wheel_venv[1]
    report = json.loads(_run([_bin(venv, "python"), "-c", CHECK], tmp_path).stdout)
    assert Path(report["file"]).resolve().is_relative_to(venv.resolve())   # not the checkout's src/
    assert report["version"] == _version()
    assert report["tagger"] and report["outlets"] > 10 and report["fts_table"] == "articles_fts"
    (tmp_path / "article.txt").write_text(ARTICLE, "utf-8")
    articles = json.loads(_run([_bin(venv, "marsad"), "extract", "article.txt", "--workers", "1"],
                               tmp_path).stdout)
    assert ["PER", "محمد العبدالعالي"] in [[e["type"], e["text"]] for e in articles[0]["entities"]]
    assert [(q["value"], q["qualifier"]) for q in articles[0]["quantities"]] == [(500, "approx")]


@pytest.mark.slow
def test_installed_marsad_prints_its_version(wheel_venv: tuple[Path, Path], tmp_path: Path) -> None:
    out = _run([_bin(wheel_venv[1], "marsad"), "--version"], tmp_path).stdout
    assert re.search(rf"(?<![\d.]){re.escape(_version())}(?![\d.])", out), out
