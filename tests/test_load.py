"""`load_output` puts a real Spark run's output into a store: on the demo corpus the loaded database
holds the same articles and, once grouped, the same stories as `marsad ingest examples/`."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from marsad.load import OutputError, load_output
from marsad.runner import ingest
from marsad.store import open_store
from marsad.stories.service import list_stories, update_stories

pytestmark = [pytest.mark.slow, pytest.mark.filterwarnings("ignore::FutureWarning")]


@pytest.fixture(scope="module")
def spark_out(tmp_path_factory: pytest.TempPathFactory, examples_dir: Path) -> Path:
    pytest.importorskip("pyspark", reason="pyspark is not installed: pip install 'marsad[spark]'")
    if not (shutil.which("java") or os.environ.get("JAVA_HOME")):
        pytest.skip("Java is not installed (Spark needs a JDK 17+ on PATH or JAVA_HOME)")
    from marsad.scale.spark import run, session

    out = tmp_path_factory.mktemp("spark") / "out"
    spark = session("local[2]", app_name="marsad-load-tests")
    run([examples_dir], out, spark=spark)
    return out


def _contents(db: Path) -> dict[str, tuple]:
    with open_store(db) as store:
        return {a.id: (a.title, a.outlet, a.published, a.text, a.analysis.to_dict() if a.analysis else None)
                for a in store.iter_articles()}


def _stories(db: Path) -> set[tuple[str, ...]]:
    with open_store(db) as store:
        update_stories(store)
        return {tuple(sorted(s["articles"])) for s in list_stories(store, limit=1000)}


def test_loaded_spark_output_equals_a_local_ingest(spark_out: Path, examples_dir: Path, tmp_path: Path) -> None:
    local, loaded = tmp_path / "local.db", tmp_path / "loaded.db"
    with open_store(local) as store:
        ingested = ingest([examples_dir], store, workers=1)
    with open_store(loaded) as store:
        counts = load_output(spark_out, store)
    assert counts.ingested == ingested.ingested and counts.ingested > 40
    assert sorted(s for s, _ in counts.skipped) == sorted(s for s, _ in ingested.skipped)
    assert _contents(loaded) == _contents(local)
    assert _stories(loaded) == _stories(local)


def test_loading_twice_changes_nothing(spark_out: Path, tmp_path: Path) -> None:
    db = tmp_path / "twice.db"
    with open_store(db) as store:
        first = load_output(spark_out, store)
        second = load_output(spark_out, store)
        assert store.count() == first.ingested
    assert second.ingested == 0 and second.updated == 0 and second.unchanged == first.ingested


def test_a_broken_line_is_skipped_with_its_place_and_the_rest_loads(spark_out: Path, tmp_path: Path) -> None:
    copy = tmp_path / "out"
    shutil.copytree(spark_out, copy)
    part = min((copy / "articles").glob("part-*"))
    lines = part.read_text("utf-8").splitlines()
    part.write_text("\n".join(["{not json", *lines]) + "\n", "utf-8")
    with open_store(tmp_path / "m.db") as store:
        counts = load_output(copy, store)
    assert any(source == f"{part}:1" for source, _ in counts.skipped)
    assert counts.ingested == sum(1 for p in (copy / "articles").glob("part-*")
                                  for line in p.read_text("utf-8").splitlines() if line.startswith('{"'))


def test_a_folder_that_is_not_spark_output_is_refused(tmp_path: Path) -> None:
    with open_store(tmp_path / "m.db") as store, pytest.raises(OutputError, match="articles/"):
        load_output(tmp_path, store)


def test_a_run_with_stories_loads_its_own_stories(examples_dir: Path, tmp_path: Path) -> None:
    pytest.importorskip("pyspark")
    if not (shutil.which("java") or os.environ.get("JAVA_HOME")):
        pytest.skip("Java is not installed")
    from marsad.load import load_stories
    from marsad.scale.spark import run, session

    out = tmp_path / "out"
    run([examples_dir], out, spark=session("local[2]", app_name="marsad-load-tests"), stories=True)
    with open_store(tmp_path / "m.db") as store:
        load_output(out, store)
        saved = load_stories(out, store)
        listed = list_stories(store, limit=1000)
        assert saved == len(listed) > 10
        assert update_stories(store)["new_articles"] == 0       # every loaded article already has its story
    with open_store(tmp_path / "other.db") as other:
        assert load_stories(tmp_path, other) is None     # a run without --stories
