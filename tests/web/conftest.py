"""Web fixtures: databases built by really ingesting files (the demo corpus, a hostile JSONL file),
and for the browser tests a real server over the demo corpus and Debian's chromium."""
from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from web_support import EXAMPLES, build, hostile_records

from marsad.web import create_app


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    return build(tmp_path_factory.mktemp("demo") / "demo.db", EXAMPLES)


@pytest.fixture(scope="session")
def client(demo_db: str) -> Iterator[TestClient]:
    with TestClient(create_app(demo_db)) as c:
        yield c


@pytest.fixture(scope="session")
def hostile_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("hostile")
    path = folder / "hostile.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in hostile_records()) + "\n", "utf-8")
    return build(folder / "hostile.db", path)


@pytest.fixture(scope="session")
def hostile_client(hostile_db: str) -> Iterator[TestClient]:
    with TestClient(create_app(hostile_db)) as c:
        yield c


CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def server(demo_db: str) -> Iterator[str]:
    """uvicorn on a free loopback port over the demo corpus, for the browser tests."""
    import uvicorn

    port = free_port()
    config = uvicorn.Config(create_app(demo_db), host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        assert time.monotonic() < deadline, "server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """Debian's chromium through Playwright (executable_path: never `playwright install`). One per
    module: Playwright's sync API runs an event loop in this thread while it is open, and the
    tests after the browser tests call asyncio.run()."""
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} not found: the browser test needs Debian's chromium package")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()
