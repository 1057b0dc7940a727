"""POST /api/v1/ingest: only with the server's token (constant-time compare), and it really ingests."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from marsad.web import create_app
from marsad.web.views.ingest import lock_path, one_ingest_per_database

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def test_ingest_needs_the_right_bearer_token_and_returns_counts(tmp_path: Path) -> None:
    with TestClient(create_app(str(tmp_path / "m.db"), ingest_token="s3cret")) as client:
        paths = {"paths": [str(EXAMPLES / "text")]}
        assert client.post("/api/v1/ingest", json=paths).status_code == 401
        wrong = client.post("/api/v1/ingest", json=paths, headers={"Authorization": "Bearer nope"})
        assert wrong.status_code == 401 and wrong.json()["error"]
        auth = {"Authorization": "Bearer s3cret"}
        assert client.post("/api/v1/ingest", json={"paths": []}, headers=auth).status_code == 400
        assert client.post("/api/v1/ingest", json={"paths": "x"}, headers=auth).status_code == 400
        assert client.post("/api/v1/ingest", content=b"not json", headers=auth).status_code == 400
        done = client.post("/api/v1/ingest", json=paths, headers=auth)
        assert done.status_code == 200, done.text
        counts = done.json()
        assert counts["ingested"] == len(list((EXAMPLES / "text").glob("*.txt"))) and "stories" in counts
        assert client.get("/api/v1/articles").json()["total"] == counts["ingested"]
        again = client.post("/api/v1/ingest", json=paths, headers=auth).json()
        assert again["ingested"] == 0 and again["unchanged"] == counts["ingested"]


def test_a_missing_path_is_reported_as_skipped_not_an_error(tmp_path: Path) -> None:
    with TestClient(create_app(str(tmp_path / "m.db"), ingest_token="t")) as client:
        done = client.post("/api/v1/ingest", json={"paths": [str(tmp_path / "missing")]},
                           headers={"Authorization": "Bearer t"})
        assert done.status_code == 200 and done.json()["skipped"]


def test_ingests_into_one_database_are_serialised_across_processes(tmp_path: Path) -> None:
    pytest.importorskip("fcntl")
    probe = ("import fcntl, sys\n"
             "f = open(sys.argv[1], 'w')\n"
             "try:\n    fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB); print('free')\n"
             "except BlockingIOError:\n    print('held')\n")

    def seen_from_another_process() -> str:
        return subprocess.run([sys.executable, "-c", probe, str(lock_path(db))], capture_output=True,
                              text=True, check=True).stdout.strip()

    db = str(tmp_path / "x.db")
    with one_ingest_per_database(db):
        assert seen_from_another_process() == "held"
    assert seen_from_another_process() == "free"
    assert lock_path(db) != lock_path(str(tmp_path / "y.db"))
