"""The working state of one entity pass: tokens, per-token coverage, and what each word can start.

Entities run on every article and look at every token several times (the gazetteer, the rules,
the short mentions), so everything that depends on a word alone (its folded form, its forms with
proclitics peeled off, whether it can begin a gazetteer alias or a rule) is computed once per
distinct word per process and kept in a dict; a document is parallel lists over its tokens.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import accumulate
from operator import itemgetter
from typing import NamedTuple

from marsad.extract.gazetteer import GazEntry, gazetteer, lexicon
from marsad.extract.memo import cached_map
from marsad.text import normalize
from marsad.text.normalize import fold_char
from marsad.text.tokenize import WORD_RE

__all__ = ["JOINERS", "MAX_NAME", "PROCLITICS", "Doc", "Mention", "Word", "variants_of"]

PROCLITICS = ("وبال", "وكال", "فبال", "وب", "ول", "فب", "فل", "وك", "فك", "و", "ف", "ب", "ل", "ك")
JOINERS = frozenset(" _-\u2013\"'“”«»‘’ـ\u00a0\u200c\u200f\u200e")
MAX_NAME = 4
_SPLIT_RE = re.compile(f"({WORD_RE.pattern})")      # WORD_RE, kept by re.split
Variant = tuple[int, str, str]       # (folded letters stripped, folded form, proclitic)


@dataclass
class Mention:
    """A span found by one layer, before aliasing: token range, type, and the table entry if any."""

    first: int               # token index
    last: int                # token index, inclusive
    start: int               # char offset (after any proclitic)
    end: int
    type: str
    entry: GazEntry | None = None
    source: str = "gazetteer"    # gazetteer | rule | kunya | propagated
    link: str | None = None      # folded full name a short mention refers to


_PROCLITICS_BY_FIRST = {c: tuple(p for p in PROCLITICS if p[0] == c) for c in {p[0] for p in PROCLITICS}}


def variants_of(norm: str) -> list[Variant]:
    """The folded word as is and with each proclitic (و ف ب ل ك ال and combinations) peeled off."""
    out = [(0, norm, "")]
    lex = lexicon()
    if norm in lex["clitic_initial_words"] or norm in lex["given_names"]:
        return out                  # "ولي", "وزير", "فاطمة": the first letter is part of the word
    for p in _PROCLITICS_BY_FIRST.get(norm[:1], ()):
        if norm.startswith(p) and len(norm) - len(p) >= 2:
            rest = norm[len(p):]
            if p.endswith("ال"):
                out.append((len(p) - 2, rest and "ال" + rest, p[:-2]))
                continue
            out.append((len(p), rest, p))
            if p.endswith("ل") and rest.startswith("ل"):
                out.append((len(p), "ا" + rest, p))        # لل = ل + ال with the alef dropped
    return out


class Word(NamedTuple):
    """What one distinct word (as written) is and which aliases it can start, computed once per process.

    Its parts are plain tuples of strings and numbers, which Python's cyclic garbage collector
    stops tracking: a process keeps some 100,000 of these, and lists or sets among them would
    be walked by every full collection."""

    norm: str
    variants: tuple[Variant, ...]
    forms: tuple[str, ...]                           # the distinct folded forms of `variants`
    gaz_starts: tuple[tuple[int, str, str, int], ...]   # variants that begin an alias, + longest alias


_WORDS: dict[str, Word] = {}


def _word(text: str) -> Word:
    norm = normalize(text)
    variants = variants_of(norm)
    max_len = gazetteer().max_len
    if len(variants) == 1:
        forms: tuple[str, ...] = (norm,)
        starts = ((0, norm, "", max_len[norm]),) if norm in max_len else ()
    else:
        forms = tuple(dict.fromkeys([v for _, v, _ in variants]))
        starts = tuple([(s, v, c, max_len[v]) for s, v, c in variants if v in max_len])
    return tuple.__new__(Word, (norm, tuple(variants), forms, starts))     # Word(...) without its Python __new__


def _joinable(gap: str) -> bool:
    return gap == " " or (len(gap) <= 3 and all(c in JOINERS for c in gap))


_JOINABLE: dict[str, bool] = {}
_NORM = itemgetter(0)         # Word.norm, read by map() without a Python call per token


class Doc:
    """Tokens of one text (parallel lists) with per-token coverage: one `find_entities` call."""

    def __init__(self, text: str) -> None:
        self.text = text
        # gap, word, gap, word, ..., gap: offsets are running sums of the lengths, all without a Python loop
        parts = _SPLIT_RE.split(text)
        offsets = list(accumulate(map(len, parts), initial=0))
        self.starts, self.ends, self.words = offsets[1:-1:2], offsets[2:-1:2], parts[1::2]
        self.info = cached_map(_WORDS, self.words, _word)
        self.norms = list(map(_NORM, self.info))
        # join[j]: tokens j-1 and j belong to one name (only spaces, underscores, hyphens, quotes between)
        self.gaps = parts[2:-1:2]      # gaps[j - 1]: the text between tokens j - 1 and j
        self.join = [False, *cached_map(_JOINABLE, self.gaps, _joinable)]
        self.owner: list[int] = [-1] * len(self.words)
        self.mentions: list[Mention] = []
        self.lex = lexicon()

    def __len__(self) -> int:
        return len(self.norms)

    def joined(self, j: int) -> bool:
        return self.join[j]

    def variants(self, i: int) -> tuple[Variant, ...]:
        return self.info[i].variants

    def free(self, first: int, last: int) -> bool:
        return all(o < 0 for o in self.owner[first:last + 1])

    def add(self, m: Mention) -> None:
        self.mentions.append(m)
        for k in range(m.first, m.last + 1):
            self.owner[k] = len(self.mentions) - 1

    def in_set(self, i: int, name: str, clitics: bool = True) -> bool:
        words = self.lex[name]
        if not clitics:
            return self.norms[i] in words
        return not words.isdisjoint(self.info[i].forms)

    def raw_offset(self, i: int, folded_chars: int) -> int:
        """Char offset in the text just after `folded_chars` folded letters of token i (marks skipped)."""
        text = self.words[i]
        count = index = 0
        while index < len(text) and count < folded_chars:
            if fold_char(text[index]):
                count += 1
            index += 1
        while index < len(text) and not fold_char(text[index]):
            index += 1
        return self.starts[i] + index
