"""The boilerplate vocabulary (data/boilerplate.json), folded and compiled once per process.

Lines are compared by their *key*: the folded text (marsad.text.normalize) with every run of
punctuation turned into one space, so "إقرأ أيضاً:" and "اقرا ايضا" are the same key.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from marsad.text.normalize import normalize

__all__ = ["Vocab", "line_key", "vocab"]

_PUNCT = re.compile(r"[\W_]+")


def line_key(text: str) -> str:
    """Folded text with punctuation squeezed to single spaces: what vocabularies are matched against."""
    return _PUNCT.sub(" ", normalize(text)).strip()


@dataclass(frozen=True)
class Vocab:
    inline_markers: frozenset[str]
    tail_markers: frozenset[str]
    marker_prefix: re.Pattern[str]      # "marker: headline" on one line
    prompts: frozenset[str]
    phrases: re.Pattern[str]
    max_phrase_words: int
    credits: frozenset[str]
    credit_prefix: re.Pattern[str]
    junk: frozenset[str]
    signoffs: frozenset[str]
    continuation: frozenset[str]
    byline: re.Pattern[str]             # on the original line: cue, separator, name
    credit_cues: re.Pattern[str]        # on the key
    not_authors: frozenset[str]
    any_cue: re.Pattern[str]            # fast test over a whole folded record


def _keys(words: list[str]) -> frozenset[str]:
    return frozenset(k for k in (line_key(w) for w in words) if k)


def _alternation(keys) -> str:
    return "|".join(re.escape(k) for k in sorted(keys, key=len, reverse=True))


def _variants(word: str) -> str:
    """A regex matching `word` in its common hamza / ya / ta-marbuta spellings (for original text)."""
    classes = {"ا": "[اأإآ]", "أ": "[اأإآ]", "إ": "[اأإآ]", "آ": "[اأإآ]", "ي": "[يى]", "ى": "[يى]",
               "ة": "[ةه]", "ه": "[ةه]"}
    return "".join(classes.get(c, re.escape(c)) for c in word)


@lru_cache(maxsize=1)
def vocab() -> Vocab:
    data = json.loads(resources.files("marsad.clean").joinpath("data/boilerplate.json").read_text("utf-8"))
    inline = _keys(data["markers"]["inline"])
    tail = _keys(data["markers"]["tail"])
    prompts = _keys(data["prompts"])
    phrases = _keys(data["phrases"])
    credits = _keys(data["credits"])
    cues = sorted(data["bylines"], key=len, reverse=True)
    byline = re.compile(
        r"^\s*(?:" + "|".join(_variants(c) for c in cues) + r")(?![^\W\d_])\s*(?P<sep>[:：\-–—ـ|/]*)\s*"
        r"(?P<name>[^\W\d_].*?)\s*$", re.IGNORECASE)
    credit_cues = _keys([c for c in data["credit_cues"] if c != "©"])
    fast = [*inline, *tail, *phrases, *credit_cues]
    return Vocab(
        inline_markers=inline,
        tail_markers=tail,
        marker_prefix=re.compile(r"^(?:" + _alternation(inline | tail) + r") "),
        prompts=prompts,
        phrases=re.compile(r"(?<!\w)(?:" + _alternation(phrases) + r")(?!\w)"),
        max_phrase_words=int(data["max_phrase_words"]),
        credits=credits,
        credit_prefix=re.compile(r"^(?:" + _alternation(credits) + r")(?: |$)"),
        junk=frozenset(w.lower() for w in data["junk"]),
        signoffs=_keys(data["signoffs"]),
        continuation=_keys(data["continuation"]),
        byline=byline,
        credit_cues=re.compile(r"(?<!\w)(?:" + _alternation(credit_cues) + r")(?!\w)|©"),
        not_authors=_keys(data["not_authors"]),
        any_cue=re.compile(r"(?<!\w)(?:" + _alternation(fast) + r")(?!\w)"),
    )
