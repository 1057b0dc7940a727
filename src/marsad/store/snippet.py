"""Search snippets cut from the ORIGINAL text, with highlight spans mapped back from the folded copy."""
from __future__ import annotations

import re
from functools import lru_cache

from marsad.store.query import WORD, Term
from marsad.text import normalize, normalize_with_offsets

__all__ = ["make_snippet"]


def _matches(text: str, terms: list[Term]) -> list[tuple[int, int]]:
    """(start, end) in `text` of every word that matches a query word (phrases match word by word)."""
    folded, offsets = normalize_with_offsets(text)
    exact = {w for t in terms if not t.prefix for w in t.words}
    prefixes = tuple(t.words[0] for t in terms if t.prefix)
    spans = []
    limit = len(offsets) - 1
    for m in WORD.finditer(folded):
        word = m.group()
        if word in exact or (prefixes and word.startswith(prefixes)):
            start, end = offsets[min(m.start(), limit)], offsets[min(m.end(), limit)]
            spans.append((start, end))
    return spans


@lru_cache(maxsize=256)
def _first_pattern(exact: frozenset[str], prefixes: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = [re.escape(w) + r"(?!\w)" for w in sorted(exact)] + [re.escape(p) for p in prefixes]
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + ")")


def _window_matches(text: str, terms: list[Term], width: int) -> list[tuple[int, int]]:
    """Matches near the first one only: folding the whole of a long article with offsets for every
    hit of a results page is what made search slow, and the snippet shows one window anyway."""
    exact = frozenset(w for t in terms if not t.prefix for w in t.words)
    prefixes = tuple(t.words[0] for t in terms if t.prefix)
    if not exact and not prefixes:
        return []
    folded = normalize(text)
    found = _first_pattern(exact, prefixes).search(folded)
    if found is None:
        return []
    # folding only drops characters (and rarely expands a ligature), so the original position of a
    # folded index lies between it and it plus the number of dropped characters
    slack = abs(len(text) - len(folded)) + 8
    lo = max(0, found.start() - width)
    hi = min(len(text), found.start() + slack + 2 * width)
    return [(s + lo, e + lo) for s, e in _matches(text[lo:hi], terms)]


def make_snippet(text: str, terms: list[Term], width: int = 200) -> tuple[str, list[tuple[int, int]]]:
    """A window of about `width` characters around the first match, and the matches inside it.

    Highlights are (start, end) indices into the returned snippet, so callers can escape the
    text and wrap the spans however they render (terminal, HTML).
    """
    spans = _window_matches(text, terms, width) if terms else []
    if not spans:
        cut = text[:width]
        return (cut + ("…" if len(text) > width else "")), []
    first = spans[0][0]
    lo = max(0, first - width // 3)
    if lo:
        space = text.rfind(" ", 0, lo + 1)
        lo = space + 1 if space > lo - 20 else lo
    hi = min(len(text), lo + width)
    if hi < len(text):
        space = text.find(" ", hi)
        hi = space if 0 <= space < hi + 20 else hi
    prefix = "…" if lo > 0 else ""
    suffix = "…" if hi < len(text) else ""
    body = text[lo:hi].replace("\n", " ")
    shift = len(prefix) - lo
    highlights = [(s + shift, e + shift) for s, e in spans if s >= lo and e <= hi]
    return prefix + body + suffix, highlights
