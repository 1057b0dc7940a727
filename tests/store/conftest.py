"""Store fixtures: hand-written Arabic articles, and a throwaway PostgreSQL server for the real thing."""
from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from store_fixtures import BODY_ISIS, BODY_RAIN, BODY_UAE, entity, make_article

from marsad.model import Article
from marsad.store import Store, open_store


@pytest.fixture
def corpus() -> list[Article]:
    return [
        make_article("a1", BODY_UAE, title="الإمارات تعلن خطة للطاقة", outlet="وكالة الأنباء",
                     published="2017-10-26T10:00:00+00:00",
                     entities=[entity("الإمارات العربية المتحدة", BODY_UAE, "LOC", "الإمارات العربية المتحدة",
                                      "loc:ae")]),
        make_article("a2", BODY_ISIS, title="انسحاب من البلدة", outlet="صحيفة المرصد",
                     published="2017-10-29T08:00:00+00:00",
                     entities=[entity("داعش", BODY_ISIS, "ORG", "تنظيم الدولة الإسلامية", "org:isis")]),
        make_article("a3", BODY_RAIN, title="أمطار على جدة", outlet="صحيفة المرصد",
                     published="2017-11-02T08:00:00+00:00",
                     entities=[entity("جدة", BODY_RAIN, "LOC", "جدة", "loc:jeddah")]),
    ]


# --- PostgreSQL ----------------------------------------------------------------------------------
def _pg_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    """A private PostgreSQL cluster in a temp dir on 127.0.0.1; yields an admin URL. Skips without initdb."""
    bindir = _pg_bin()
    if bindir is None:
        pytest.skip("PostgreSQL tests need initdb/pg_ctl (apt install postgresql); none found")
    base = Path(tempfile.mkdtemp(prefix="marsad-pg-"))
    data = base / "data"
    prefix: list[str] = []
    if os.geteuid() == 0:   # the server refuses to run as root: run it as the postgres user
        if shutil.which("runuser") is None:
            pytest.skip("running as root without runuser: cannot start a PostgreSQL server")
        shutil.chown(base, "postgres")
        prefix = ["runuser", "-u", "postgres", "--"]
    port = _free_port()
    run = lambda *args: subprocess.run(prefix + list(args), check=True, capture_output=True,
                                       text=True, timeout=120)
    try:
        run(str(bindir / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust", "-E", "UTF8",
            "--locale=C.UTF-8")
        run(str(bindir / "pg_ctl"), "-D", str(data), "-l", str(base / "log"), "-w", "-o",
            f"-p {port} -k {base} -c listen_addresses=127.0.0.1 -c fsync=off", "start")
    except subprocess.CalledProcessError as exc:
        shutil.rmtree(base, ignore_errors=True)
        pytest.skip(f"could not start PostgreSQL: {exc.stderr.strip()[:300]}")
    try:
        yield f"postgresql://postgres@127.0.0.1:{port}"
    finally:
        subprocess.run(prefix + [str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
                       check=False, capture_output=True, timeout=60)
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture(scope="session")
def pg_database(pg_server: str) -> str:
    """One database for the session (schema created once); tests empty it instead of recreating it."""
    import psycopg

    name = "t_" + uuid.uuid4().hex[:12]
    with psycopg.connect(f"{pg_server}/postgres", autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    return f"{pg_server}/{name}"


@pytest.fixture
def pg_url(pg_database: str) -> str:
    """The session database, emptied."""
    with open_store(pg_database) as opened:
        opened.conn.execute("TRUNCATE articles, mentions, skips, runs RESTART IDENTITY CASCADE")
    return pg_database


@pytest.fixture(params=["sqlite", "postgres"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """Each behaviour test runs on both backends; PostgreSQL skips when no server can start."""
    target = str(tmp_path / "marsad.db") if request.param == "sqlite" else request.getfixturevalue("pg_url")
    with open_store(target) as opened:
        yield opened
