"""Search snippets cut from the ORIGINAL text, with the query words highlighted.

The index holds folded text; the snippet is shown from the original. An article is folded with
a map back to the original offsets (`fold_with_offsets`) and searched for the query words as
plain text. Folds are kept for the articles seen last: the same articles come back for many
queries, and folding was most of the cost of a snippet.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from marsad.store.query import Term
from marsad.text.normalize import FoldMap, fold_with_offsets

__all__ = ["make_snippet"]

KEPT_FOLDS = 4096        # articles whose fold is kept (about 10 kB each for a news article)
KEPT_LENGTH = 50_000     # longer texts (whole books, dumps) are folded each time, not kept


@lru_cache(maxsize=1024)
def _matcher(terms: tuple[Term, ...]) -> tuple[re.Pattern[str], tuple[str, ...]] | None:
    """The folded query words as one plain-text pattern, longest first (word boundaries are
    checked after), and the words that may start a longer word; None when nothing can match."""
    exact = {w for t in terms if not t.prefix for w in t.words}
    prefixes = tuple(t.words[0] for t in terms if t.prefix)
    words = sorted(exact | set(prefixes), key=lambda w: (-len(w), w))
    if not words:
        return None
    return re.compile("|".join(re.escape(w) for w in words)), prefixes


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


def _word_end(text: str, i: int) -> int:
    """The first space at or after `i` (or the end), so that a window never cuts a word."""
    space = text.find(" ", min(i, len(text)))
    return len(text) if space < 0 else space


@lru_cache(maxsize=KEPT_FOLDS)
def _kept_fold(text: str) -> FoldMap:
    return fold_with_offsets(text)


def _fold(text: str) -> FoldMap:
    return _kept_fold(text) if len(text) <= KEPT_LENGTH else fold_with_offsets(text)


def _window_matches(text: str, terms: list[Term], width: int) -> list[tuple[int, int]]:
    """The first match and the matches shortly after it: the snippet shows one window anyway."""
    matcher = _matcher(tuple(terms))
    if matcher is None:
        return []
    folded = _fold(text)
    spans: list[tuple[int, int]] = []
    end = 0
    for s, e in _folded_hits(folded.text, *matcher):
        start = folded.original(s)
        if not spans:
            end = _word_end(text, start + 2 * width)
        elif start >= end:
            break
        spans.append((start, folded.original(e)))
    return spans


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
