"""Shared test fixtures: where ../shared lives, and a skip when it is absent."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("MARSAD_SHARED", ROOT.parent / "shared"))
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The ../shared folder beside the checkout; tests that need it skip cleanly without it."""
    if not (SHARED / "samples" / "seeds").is_dir():
        pytest.skip(f"shared material not found at {SHARED}")
    return SHARED


@pytest.fixture(scope="session")
def seeds_gold(shared_dir: Path) -> dict:
    import json

    return json.loads((shared_dir / "samples" / "seeds.gold.json").read_text("utf-8"))


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    """The demo corpus that `make run` ingests (part of the repository)."""
    return EXAMPLES
