"""Search snippets cut from the ORIGINAL text, with the query words highlighted.

The index holds folded text; the snippet is shown from the original, so query words are looked
for in the original through patterns that accept every written form of each letter
(`fold_pattern`), without folding whole articles for every hit of a results page.
"""
from __future__ import annotations

import re
from functools import lru_cache

from marsad.store.query import Term
from marsad.text.normalize import dropped_by_folding, fold_pattern

__all__ = ["make_snippet"]


@lru_cache(maxsize=4096)
def _word_pattern(word: str) -> re.Pattern[str]:
    """One query word as a pattern over the unfolded text. Compiling one takes about a
    millisecond (every letter is a class of its forms), so patterns are kept per word: words
    recur across queries far more than whole queries do."""
    return re.compile(fold_pattern(word))


def _word_char(text: str, i: int, step: int) -> bool:
    """Whether the word goes on at `i` (looking back with step -1), past dropped marks."""
    while 0 <= i < len(text) and dropped_by_folding(text[i]):
        i += step
    return 0 <= i < len(text) and text[i].isalnum()


def _hits(text: str, exact: frozenset[str], prefixes: tuple[str, ...], lo: int = 0,
          hi: int | None = None) -> list[tuple[int, int]]:
    """(start, end) in `text[lo:hi]` of whole words that fold to an exact query word or start
    with a prefix (then the span runs to the end of the word), in text order: the words the
    full-text index matched, found without folding the article."""
    hi = len(text) if hi is None else hi
    spans = set()
    for word in exact:
        for m in _word_pattern(word).finditer(text, lo, hi):
            if not _word_char(text, m.start() - 1, -1) and not _word_char(text, m.end(), 1):
                spans.add(m.span())
    for prefix in prefixes:
        for m in _word_pattern(prefix).finditer(text, lo, hi):
            if not _word_char(text, m.start() - 1, -1):
                end = m.end()
                while end < len(text) and (text[end].isalnum() or dropped_by_folding(text[end])):
                    end += 1
                spans.add((m.start(), end))
    return sorted(spans)


def _first_hit(text: str, exact: frozenset[str], prefixes: tuple[str, ...]) -> int | None:
    """Where the first matching word starts, looking at growing stretches of the text (most
    articles name what was searched for in their first paragraphs)."""
    lo, step = 0, 2000
    while lo < len(text):
        hi = min(len(text), lo + step)
        space = text.find(" ", hi)
        hi = len(text) if space < 0 else space
        spans = _hits(text, exact, prefixes, lo, hi)
        if spans:
            return spans[0][0]
        lo, step = hi, step * 2
    return None


def _window_matches(text: str, terms: list[Term], width: int) -> list[tuple[int, int]]:
    """Matches near the first one only: the snippet shows one window anyway."""
    exact = frozenset(w for t in terms if not t.prefix for w in t.words)
    prefixes = tuple(t.words[0] for t in terms if t.prefix)
    if not exact and not prefixes:
        return []
    first = _first_hit(text, exact, prefixes)
    if first is None:
        return []
    return _hits(text, exact, prefixes, first, min(len(text), first + 2 * width))


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
