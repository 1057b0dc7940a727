"""Article features for grouping: light-stemmed content terms with weights.

Folded, clitic-stripped word stems minus function words are what two reports of one event share
even when worded differently; named-entity keys are added as terms of their own so that
'داعش' and 'تنظيم الدولة' count as the same actor.
"""
from __future__ import annotations

import gzip
import io
import math
import re
from array import array
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources
from operator import itemgetter

from marsad.text import normalize

__all__ = ["PackedCounts", "TermWeights", "stem", "stopwords", "terms", "unpacked"]

_WORD = re.compile(r"[^\W\d_]{2,}|\d{2,}")
_PREFIXES = ("وبال", "وال", "بال", "فال", "كال", "لل", "ال", "و", "ف", "ب", "ل")
_SUFFIXES = ("هما", "كما", "ات", "ون", "ين", "ان", "ها", "هم", "هن", "ية", "يه", "ه", "ي")


@lru_cache(maxsize=4)
def word_list(name: str) -> frozenset[str]:
    """The folded words of a list in stories/data (one a line, '#' lines are comments)."""
    raw = resources.files("marsad.stories").joinpath(f"data/{name}").read_text("utf-8")
    return frozenset(normalize(w.strip()) for w in raw.splitlines() if w.strip() and not w.startswith("#"))


def stopwords() -> frozenset[str]:
    return word_list("stopwords.txt")


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """A light stem of a folded word: strip one proclitic group and one suffix, keep >= 3 letters."""
    for prefix in _PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 3:
            word = word[len(prefix):]
            break
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    return word


_STEMS: dict[str, str] = {}


def _term_of(word: str) -> str:
    """The term a folded word contributes: its stem, '#n' for a number, '' for nothing."""
    if word in stopwords():
        return ""
    if word.isdigit():
        return "" if len(word) == 4 and word[:2] in ("19", "20") else "#" + word  # years say little
    s = stem(word)
    return "" if s in stopwords() else s


def terms(text: str, extra: Iterable[str] = ()) -> Counter[str]:
    """Term counts of `text`: content stems, numbers as '#n', plus `extra` feature strings (entity
    keys, quantity values). Stem bigrams were tried and dropped: they split paraphrased reports of
    one event (benchmarks/eval_stories.py: dev-pair F1 0.68 with them, 0.90 without) and doubled
    the cost."""
    cache = _STEMS
    seq: list[str] = []
    for word in _WORD.findall(normalize(text)):
        term = cache.get(word)
        if term is None:
            term = _term_of(word)
            if len(cache) < 500_000:
                cache[word] = term
        seq.append(term)
    counts: Counter[str] = Counter(t for t in seq if t)
    counts.update(extra)
    return counts


@lru_cache(maxsize=1)
def background() -> tuple[dict[str, int], int]:
    """Document frequencies of stems in a general Arabic news corpus (tools/build_background_df.py).

    A small collection (five articles, a demo) says nothing about which words are common; the
    background does, and the user's own corpus is added on top as it grows.
    """
    path = resources.files("marsad.stories").joinpath("data/background_df.tsv.gz")
    df: dict[str, int] = {}
    with gzip.open(io.BytesIO(path.read_bytes()), "rt", encoding="utf-8") as lines:
        for line in lines:
            term, _, count = line.rstrip("\n").partition("\t")
            df[term] = int(count)
    n_docs = df.pop("__docs__", 1)
    return df, n_docs


class PackedCounts:
    """An article's term counts held compactly (one string, one array) while it waits its turn:
    a run holds every article's counts until all are in (stories/waiting.py), and as Counters they
    took about 16 KB an article, most of the grouping's memory (3 GB at 100k articles)."""

    __slots__ = ("terms", "values")
    SEPARATOR = "\x1f"

    def __init__(self, terms: str, values: array) -> None:
        self.terms, self.values = terms, values

    @classmethod
    def pack(cls, counts: Counter[str]) -> Counter[str] | PackedCounts:
        """The packed form, or the Counter itself when a term holds the separator."""
        if any(cls.SEPARATOR in term for term in counts):
            return counts
        return cls(cls.SEPARATOR.join(counts), array("I", counts.values()))

    def __iter__(self):
        return iter(self.terms.split(self.SEPARATOR) if self.values else ())

    def counter(self) -> Counter[str]:
        """The Counter, its terms in their first order (weights break ties by that order)."""
        return Counter(dict(zip(self, self.values)))


def unpacked(counts: Counter[str] | PackedCounts) -> Counter[str]:
    """A Counter of term counts, packed or not."""
    return counts.counter() if isinstance(counts, PackedCounts) else counts


class TermWeights:
    """Document frequencies (background + documents seen so far) giving smoothed IDF weights."""

    def __init__(self, df: dict[str, int] | None = None, n_docs: int = 0) -> None:
        self.df: Counter[str] = Counter(df or {})
        self.n_docs = n_docs
        bg, self._bg_docs = background()
        self._bg = dict(bg)
        self._cache: dict[str, float] = {}
        self._added = 0

    def add(self, term_counts: Counter[str]) -> None:
        """Count one more document."""
        self.n_docs += 1
        self.df.update(term_counts.keys())
        self._added += 1
        # IDF drifts slowly as documents come: refresh the memo when the collection (background
        # included) has grown by a tenth, not per document
        if self._added >= max(500, 0.1 * (self._bg_docs + self.n_docs)) or len(self._cache) > 400_000:
            self._cache, self._added = {}, 0

    def hint(self, background_df: dict[str, int]) -> None:
        """Background frequencies for terms the background table cannot know (entity keys)."""
        for term, df in background_df.items():
            self._bg.setdefault(term, df)
        self._cache = {}

    def prepare(self, term_set: Iterable[str]) -> None:
        """Compute IDF for many terms at once (much faster than one call per term)."""
        total = 1 + self._bg_docs + self.n_docs
        df, bg, log, cache = self.df, self._bg, math.log, self._cache
        unknown_key = 0.01 * self._bg_docs
        for term in term_set:
            if term in cache:
                continue
            b = bg.get(term)
            if b is None:
                if ":" in term:
                    # an entity key or source nobody hinted: a moderately common name, not a rare word
                    b = unknown_key
                else:
                    b = 0
            cache[term] = log(total / (1 + b + df.get(term, 0))) + 1.0

    def idf(self, term: str) -> float:
        cached = self._cache.get(term)
        if cached is None:
            self.prepare((term,))
            cached = self._cache[term]
        return cached

    def at_least(self, terms: Iterable[str], floor: float) -> list[str]:
        """The terms whose IDF is `floor` or more, in their order."""
        self.prepare(terms)
        cache = self._cache
        return [t for t in terms if cache[t] >= floor]

    def vector(self, term_counts: Counter[str], top: int = 80) -> dict[str, float]:
        """Unit-length tf-idf vector of the `top` heaviest terms, heaviest first (ties in text order)."""
        cache, log = self._cache, math.log
        self.prepare(term_counts)
        weighted = {t: (1.0 + log(c) if c > 1 else 1.0) * cache[t] for t, c in term_counts.items()}
        heaviest = sorted(weighted.items(), key=itemgetter(1), reverse=True)[:top]
        norm = math.sqrt(sum(w * w for _, w in heaviest)) or 1.0
        return {t: w / norm for t, w in heaviest}
