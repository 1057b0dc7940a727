"""User search input -> a safe list of terms and phrases, shared by every store backend.

Whatever a user types (FTS operators, stray quotes, ten thousand characters) becomes plain
terms and quoted phrases over normalised words, so a search can match nothing but never fail.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from marsad.text import normalize

__all__ = ["MAX_QUERY_CHARS", "MAX_TERMS", "WORD", "QueryError", "Term", "parse_query"]

MAX_QUERY_CHARS = 1000
MAX_TERMS = 32
WORD = re.compile(r"[^\W_]+")
_CHUNK = re.compile(r'"([^"]*)"?|(\S+)')


class QueryError(ValueError):
    """The query holds nothing to search for; the message says what to do."""


@dataclass(frozen=True)
class Term:
    """One term (a single word, optionally a prefix `word*`) or a phrase of several words."""

    words: tuple[str, ...]
    prefix: bool = False


def parse_query(text: str) -> list[Term]:
    """Split `text` into normalised terms; "double quotes" make a phrase, a trailing * a prefix."""
    if not text or not text.strip():
        raise QueryError("بحث فارغ: اكتب كلمة واحدة على الأقل (مثل: marsad search الإمارات)")
    folded = normalize(text[:MAX_QUERY_CHARS])
    terms: list[Term] = []
    for match in _CHUNK.finditer(folded):
        phrase, bare = match.group(1), match.group(2)
        words = tuple(WORD.findall(phrase if phrase is not None else bare))
        if not words:
            continue
        if phrase is None and len(words) == 1 and bare.endswith("*"):
            terms.append(Term(words, prefix=True))
        elif phrase is None:
            terms.extend(Term((w,)) for w in words)
        else:
            terms.append(Term(words))
        if len(terms) >= MAX_TERMS:
            break
    if not terms:
        raise QueryError(f"لا شيء يُبحث عنه في «{text[:40]}»: اكتب حروفاً أو أرقاماً")
    return terms[:MAX_TERMS]


def to_fts5(terms: list[Term]) -> str:
    """An FTS5 MATCH expression: every term quoted (no operator can leak through), ANDed."""
    parts = []
    for term in terms:
        quoted = '"' + " ".join(term.words).replace('"', '""') + '"'
        parts.append(quoted + ("*" if term.prefix else ""))
    return " AND ".join(parts)
