"""Author names from metadata fields and bylines, without the words around them.

Crawled author fields carry more than a name ("بواسطة : عمرو عاطف", "لندن: رنيم حنوش",
"&nbsp;واس (جدة)"); we strip cue words, HTML entities and the place before a colon, and drop
entries that name no person ("الوكالات").
"""
from __future__ import annotations

import html
import re
from collections.abc import Iterable

from marsad.clean.vocab import line_key, vocab
from marsad.text.normalize import strip_controls

__all__ = ["clean_authors"]

_SPLIT = re.compile(r"\s*[،,;؛]\s*|\s+(?:and|&)\s+")
_EDGE = " \t:：-–—ـ|/\\•*·"
_MAX_WORDS = 6


def _one(name: str) -> list[str]:
    text = strip_controls(html.unescape(name)).replace("\xa0", " ")
    text = " ".join(text.split())
    m = vocab().byline.match(text)
    if m and (m.group("sep") or text.count(" ") < 4):
        text = m.group("name")
    if ":" in text.strip(_EDGE):                 # "لندن: رنيم حنوش" — place, colon, name
        after = text.strip(_EDGE).rsplit(":", 1)[1]
        if after.strip(_EDGE):
            text = after
    out = []
    for part in _SPLIT.split(text):
        part = part.strip(_EDGE)
        if not part or any(c.isdigit() for c in part) or part.count(" ") + 1 > _MAX_WORDS:
            continue
        if line_key(part) in vocab().not_authors:
            continue
        out.append(part)
    return out


def clean_authors(names: Iterable[str]) -> list[str]:
    """Cleaned, de-duplicated author names in their original order."""
    seen: set[str] = set()
    out: list[str] = []
    for name in names:
        if not isinstance(name, str):
            continue
        for part in _one(name):
            key = line_key(part)
            if key and key not in seen:
                seen.add(key)
                out.append(part)
    return out
