"""Word tokens with offsets into the original string, and sentence boundaries."""
from __future__ import annotations

import re
from dataclasses import dataclass

from marsad.text.normalize import normalize

__all__ = ["WORD_RE", "Token", "sentences", "tokenize"]

_MARKS = "\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640"
# A word: letters/digits (Unicode), with Arabic marks and tatweel inside; underscores split words
# so that hashtags like قوات_سوريا_الديمقراطية yield their words. Numbers keep their separators.
# (Runs of one class, "(?:[^\W_]+|[marks]+)*", match what "(?:[^\W_]|[marks])*" does, faster.)
WORD_RE = re.compile(
    rf"\d+(?:[.,٫٬]\d+)*%?|(?:[^\W\d_]|[{_MARKS}])(?:[^\W_]+|[{_MARKS}]+)*"
)
_SENTENCE_END = re.compile(r"[.!?؟]+(?=\s|$)|\n+")


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    text: str
    norm: str


def tokenize(text: str) -> list[Token]:
    """Split into word and number tokens; `norm` is the folded form used for lookups."""
    return [Token(m.start(), m.end(), m.group(), normalize(m.group())) for m in WORD_RE.finditer(text)]


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, split at . ! ? ؟ followed by space, and at line breaks."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        end = match.end()
        if text[start:end].strip():
            spans.append((start, end))
        start = end
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans
