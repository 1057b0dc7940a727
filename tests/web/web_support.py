"""Shared by the web tests: hostile records, building databases by real ingest, and a check
that a page holds nothing active. (A module of its own: `from conftest import ...` would find
whichever conftest was imported first.)"""
from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from marsad.runner import ingest
from marsad.store import open_store
from marsad.stories.service import update_stories

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
