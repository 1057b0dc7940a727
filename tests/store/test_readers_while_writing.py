"""Readers while an ingest writes: another process ingests while threads search the database and
ask the web app for pages the whole time. No reader sees an error ('database is locked' or any
other), counts only grow, and the next query after the ingest sees every article."""
from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from marsad.store import open_store
from marsad.web import create_app
from news_tree import require_stages, write_tree

MARSAD = Path(sys.executable).with_name("marsad")
READERS = 24
ARTICLES = 400


@pytest.mark.slow
def test_readers_see_no_error_and_every_committed_article_while_an_ingest_writes(tmp_path: Path) -> None:
    require_stages()
    if not MARSAD.exists():
        pytest.skip("marsad console script not installed in this environment (pip install -e .)")
    write_tree(tmp_path / "news", ARTICLES)
    db = tmp_path / "m.db"
    with open_store(db):          # the schema exists before the first reader opens it
        pass
    writer = subprocess.Popen([str(MARSAD), "ingest", str(tmp_path / "news"), "--db", str(db), "--workers", "2"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    errors: list[str] = []
    seen: dict[int, list[int]] = {}
    queries = [0]

    def read(n: int) -> None:
        counts = seen.setdefault(n, [])
        client = TestClient(create_app(str(db))) if n % 3 == 0 else None
        try:
            with open_store(db) as store:
                while writer.poll() is None:
                    if client is not None:
                        response = client.get("/search", params={"q": "مشروع"})
                        if response.status_code != 200:
                            errors.append(f"web {response.status_code}")
                    else:
                        store.search("مشروع", limit=5)
                    counts.append(store.count())
                    queries[0] += 1
        except Exception as exc:  # noqa: BLE001 - any failure of a reader is what this test counts
            errors.append(f"{type(exc).__name__}: {exc}")

    threads = [threading.Thread(target=read, args=(n,)) for n in range(READERS)]
    for thread in threads:
        thread.start()
    _, stderr = writer.communicate(timeout=300)
    for thread in threads:
        thread.join(timeout=60)
    assert writer.returncode == 0, stderr.decode()
    assert errors == []
    assert all(c == sorted(c) for c in seen.values())          # what was committed stays visible
    assert queries[0] > READERS
    with open_store(db) as store:
        assert store.count() == ARTICLES
