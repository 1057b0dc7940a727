"""Search snippets cut from the ORIGINAL text, with the query words highlighted.

The index holds folded text; the snippet is shown from the original. Stretches of the article
are folded with a map back to the original offsets (`fold_with_offsets`) and searched for the
query words as plain text, the first stretches first: most articles name what was searched
for early on, so a long article is rarely folded whole.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from marsad.store.query import Term
from marsad.text.normalize import FoldMap, fold_with_offsets

__all__ = ["make_snippet"]

FIRST_STRETCH = 1000     # characters folded first; each further stretch is twice as long


@lru_cache(maxsize=1024)
def _pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    """The folded query words as plain text, longest first (word boundaries are checked after)."""
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w))))


def _folded_hits(folded: str, pattern: re.Pattern[str], prefixes: tuple[str, ...]) -> Iterator[tuple[int, int]]:
    """(start, end) in folded text of whole words that `pattern` (the query words) finds, exactly
    or, for `prefixes`, as the start of a word (the span then runs to the end of the word): the
    words the index matched."""
    n = len(folded)
    for m in pattern.finditer(folded):
        start, end = m.span()
        if start and folded[start - 1].isalnum():
            continue
        if end < n and folded[end].isalnum():
            if not m.group().startswith(prefixes or ("\0",)):
                continue
            while end < n and folded[end].isalnum():
                end += 1
        yield start, end


def _hits(text: str, lo: int, hi: int, pattern: re.Pattern[str], prefixes: tuple[str, ...],
          first_only: bool = False) -> list[tuple[int, int]]:
    """Matching words of `text[lo:hi]` as (start, end) in `text`; `hi` should end a word."""
    folded = fold_with_offsets(text[lo:hi])
    spans = []
    for start, end in _folded_hits(folded.text, pattern, prefixes):
        spans.append((lo + folded.original(start), lo + folded.original(end)))
        if first_only:
            break
    return spans


def _word_end(text: str, i: int) -> int:
    """The first space at or after `i` (or the end), so that a stretch never cuts a word."""
    space = text.find(" ", min(i, len(text)))
    return len(text) if space < 0 else space


@lru_cache(maxsize=2048)
def _opening(text: str) -> tuple[int, FoldMap]:
    """The first stretch of an article, folded. Kept for the articles seen last: the same
    articles come back for many queries, and folding was most of the cost of a snippet."""
    hi = _word_end(text, FIRST_STRETCH)
    return hi, fold_with_offsets(text[:hi])


def _window_matches(text: str, terms: list[Term], width: int) -> list[tuple[int, int]]:
    """The first match and the matches shortly after it: the snippet shows one window anyway."""
    exact = frozenset(w for t in terms if not t.prefix for w in t.words)
    prefixes = tuple(t.words[0] for t in terms if t.prefix)
    if not exact and not prefixes:
        return []
    pattern = _pattern(tuple(sorted(exact | set(prefixes))))
    opening_end, folded = _opening(text)
    spans = [(folded.original(s), folded.original(e)) for s, e in _folded_hits(folded.text, pattern, prefixes)]
    lo, step = opening_end, 2 * FIRST_STRETCH
    while not spans and lo < len(text):
        hi = _word_end(text, lo + step)
        spans = _hits(text, lo, hi, pattern, prefixes, first_only=True)
        lo, step = hi, step * 2
    if not spans:
        return []
    start = spans[0][0]
    end = _word_end(text, start + 2 * width)
    if end <= opening_end:          # the window lies in the opening: its matches are all known
        return [span for span in spans if span[0] < end]
    return _hits(text, start, end, pattern, prefixes)


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
