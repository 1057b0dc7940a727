"""Web fixtures: databases built by really ingesting files (the demo corpus, a hostile JSONL file)."""
from __future__ import annotations

import json
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from marsad.runner import ingest
from marsad.store import open_store
from marsad.stories.service import update_stories
from marsad.web import create_app

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
BIDI = "\u202e\u2066"
HOSTILE_OUTLET = f"وكالة {SCRIPT} الخبر{BIDI}"
HOSTILE_TITLE = f"عاجل {SCRIPT} حريق في مخيم {IMG} \u202eتحذير\u202c"
HOSTILE_TEXT = (
    f"أعلن الدفاع المدني السوري أن 12 شخصاً قتلوا في حريق مخيم قرب أطمة {SCRIPT} يوم الأربعاء.\n\n"
    f"ونقلت وكالة رويترز عن مصادر أمنية {IMG} أن الحريق بدأ ليلاً \u202eأخبار\u202c \u2066مقلوبة\u2069.\n\n"
    f"وقال المتحدث باسم الدفاع المدني: «{SCRIPT} النيران أتت على 85 خيمة»."
)


def hostile_records() -> list[dict]:
    return [
        {"title": HOSTILE_TITLE, "content": HOSTILE_TEXT, "url": "javascript:alert(1)",
         "date": "2025-03-26T10:00:00+03:00", "source": HOSTILE_OUTLET, "author": f"{IMG} محرر"},
        {"title": HOSTILE_TITLE + " ٢", "content": HOSTILE_TEXT.replace("12", "15"),
         "url": "https://news.example/a?x=\"><script>alert(1)</script>",
         "date": "2025-03-26T12:00:00+03:00", "source": f"{SCRIPT}صحيفة{IMG}", "author": ""},
    ]


def build(db: Path, *paths: Path) -> str:
    with open_store(db) as store:
        ingest(list(paths), store, workers=1)
        update_stories(store)
    return str(db)


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


class Inspector(HTMLParser):
    """Collects what would make a page active: event handlers, script/style, javascript: links."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            value = (value or "").strip().lower()
            if name.lower().startswith("on"):
                self.problems.append(f"<{tag} {name}=...>")
            if name.lower() == "style":
                self.problems.append(f"<{tag} style=...> (inline style breaks the CSP)")
            if name.lower() in ("href", "src", "action", "formaction", "xlink:href") and \
                    value.replace(" ", "").startswith(("javascript:", "data:text", "vbscript:")):
                self.problems.append(f"<{tag} {name}={value[:30]}>")
        if tag == "script" and not dict(attrs).get("src", "").startswith("/static/"):
            self.problems.append("<script> that is not a /static/ file")
        if tag in ("img", "iframe", "object", "embed", "style", "base"):
            self.problems.append(f"<{tag}> element")

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def assert_inert(html: str) -> None:
    inspector = Inspector()
    inspector.feed(html)
    assert inspector.problems == []
    assert "<script>alert" not in html
    for ch in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069":
        assert ch not in html, f"bidi control U+{ord(ch):04X} reached the page"
