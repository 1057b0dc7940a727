"""What counts as an English word in the text a reader sees, shared by the page tests over HTML
(test_arabic_pages.py) and in a real browser (test_browser_arabic.py).

Latin letters are allowed only in URLs and web domains (an outlet known only by its site is
named by its domain), in the short hex tag that tells two unknown sources apart ("مصدر غير
معروف (05b6)") and in three words of our own: the brand and the names of the formats the
pages link to (the API docs, a page's JSON twin). Tokens that mix letters and digits (ids) are
not words. Entity keys (org:isis) are not allowed: they are identifiers for URLs and the API,
and no page shows them.
"""
from __future__ import annotations

import re
from collections import Counter

ALLOWED = {"marsad", "API", "JSON"}
URL = re.compile(r"https?://\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:example|com|net|org|sa|info|news)\b\S*")
UNKNOWN_SOURCE_TAG = re.compile(r"\([0-9a-f]{4}\)")
WORD = re.compile(r"(?<![A-Za-z0-9_])[A-Za-z][A-Za-z_-]*[A-Za-z](?![A-Za-z0-9_])")   # 2+ letters, no digit
WESTERN = re.compile(r"[0-9]")
ARABIC_INDIC = re.compile(r"[\u0660-\u0669\u06F0-\u06F9]")


def latin_words(text: str) -> Counter[str]:
    """Every Latin word in `text` (URLs, domains and unknown-source tags taken out), with counts."""
    text = UNKNOWN_SOURCE_TAG.sub(" ", URL.sub(" ", text))
    return Counter(WORD.findall(text))


def not_allowed(text: str) -> set[str]:
    return set(latin_words(text)) - ALLOWED


def visible_latin(html: str) -> set[str]:
    """The English words of a page's HTML as text: tags, scripts and styles dropped."""
    text = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.DOTALL)
    return not_allowed(re.sub(r"<[^>]+>", " ", text))


def digit_systems(text: str) -> set[str]:
    """Which digits `text` writes numbers in: '0-9', '٠-٩' or both."""
    return ({"0-9"} if WESTERN.search(text) else set()) | ({"٠-٩"} if ARABIC_INDIC.search(text) else set())
