"""Fixtures for reader tests: where the hand-written inputs live, and a paragraph we wrote."""
from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture
def paragraph() -> str:
    return (
        "أعلنت وزارة الصحة، مساء الاثنين، تسجيل 12 إصابة جديدة بالحمى في محافظة البصرة، "
        "وقال المتحدث باسم الوزارة إن الفرق الطبية \"تتابع الحالات عن كثب\".\n"
        "وأضاف أن المستشفيات في المحافظة مستعدة لاستقبال المزيد من المرضى، داعياً المواطنين إلى الحذر.\n"
    )
