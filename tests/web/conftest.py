"""Web fixtures: databases built by really ingesting files (the demo corpus, a hostile JSONL file)."""
from __future__ import annotations

import json
from collections.abc import Iterator

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
