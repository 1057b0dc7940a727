"""The entity tables (curated lists + generated place names), loaded once and matched by token n-grams.

Why a dict over folded token n-grams and not a regex alternation: the tables hold several thousand
aliases, and one dict lookup per candidate n-gram keeps matching near a millisecond per article.
Curated files win over the generated place file when both name the same alias.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from marsad.extract.memo import remembered
from marsad.text import dediacritize, normalize
from marsad.text.tokenize import WORD_RE

__all__ = ["GazEntry", "Gazetteer", "fold_phrase", "gazetteer", "lexicon"]

# Curated first: an alias already claimed by an earlier file is not taken by a later one,
# except that several curated entries may share an alias (e.g. a TV channel and a town).
CURATED_FILES = ("persons.json", "organisations.json", "media.json", "clubs_companies.json", "places.json",
                 "places_extra.json", "misc.json")
GENERATED_FILES = ("places_geo.json",)


@dataclass(frozen=True)
class GazEntry:
    key: str
    type: str
    canonical: str
    en: str
    aliases: tuple[str, ...]
    strict: frozenset[str]       # folded aliases that need supporting context (common words too)
    curated: bool = True         # from a hand-made list, not the generated place names


_FOLDED: dict[str, str] = {}


def fold_phrase(text: str) -> str:
    """Folded tokens joined by single spaces: the lookup form of any name (remembered: every
    mention of every article is folded once more for its key)."""
    return remembered(_FOLDED, text, _fold_phrase, limit=100_000)


def _fold_phrase(text: str) -> str:
    return " ".join(m.group() for m in WORD_RE.finditer(normalize(dediacritize(text))))


def _read(name: str) -> object:
    path = resources.files("marsad.extract").joinpath(f"data/entities/{name}")
    return json.loads(path.read_text("utf-8"))


@lru_cache(maxsize=1)
def lexicon() -> dict[str, frozenset[str]]:
    """Rule vocabularies (titles, heads, stopwords...) as sets of folded words; names.json adds given names."""
    out: dict[str, frozenset[str]] = {}
    for name in ("lexicon.json", "names.json"):
        raw = _read(name)
        assert isinstance(raw, dict)
        for k, v in raw.items():
            if isinstance(v, list):
                out[k] = out.get(k, frozenset()) | frozenset(fold_phrase(w) for w in v)
    return out


class Gazetteer:
    """Folded alias -> entries, plus the longest alias length for each first token."""

    def __init__(self, entries: list[tuple[GazEntry, bool]]) -> None:
        self.by_key: dict[str, GazEntry] = {}
        self.phrases: dict[str, list[GazEntry]] = {}
        self.max_len: dict[str, int] = {}
        curated_aliases: set[str] = set()
        for entry, curated in entries:
            if entry.key in self.by_key and not curated:
                continue
            self.by_key.setdefault(entry.key, entry)
            for alias in (entry.canonical, *entry.aliases):
                folded = fold_phrase(alias)
                if not folded:
                    continue
                if not curated and folded in curated_aliases:
                    continue
                bucket = self.phrases.setdefault(folded, [])
                if curated:
                    curated_aliases.add(folded)
                if entry not in bucket:
                    bucket.append(entry)
                words = folded.split(" ")
                self.max_len[words[0]] = max(self.max_len.get(words[0], 0), len(words))
        self.by_type_first: dict[tuple[str, str], list[tuple[str, GazEntry]]] = {}
        for folded, bucket in self.phrases.items():
            for entry in bucket:
                self.by_type_first.setdefault((entry.type, folded.split(" ")[0]), []).append((folded, entry))

    def lookup(self, folded: str) -> list[GazEntry]:
        return self.phrases.get(folded, [])

    def entry(self, key: str) -> GazEntry | None:
        return self.by_key.get(key)


def _entries(name: str, curated: bool) -> list[tuple[GazEntry, bool]]:
    out = []
    for item in _read(name):  # type: ignore[union-attr]
        strict = frozenset(fold_phrase(a) for a in item.get("strict", []))
        out.append((GazEntry(item["key"], item["type"], item["canonical"], item.get("en") or "",
                             tuple(item.get("aliases", [])), strict, curated), curated))
    return out


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The process-wide table, built on first use (about 0.1 s)."""
    entries: list[tuple[GazEntry, bool]] = []
    for name in CURATED_FILES:
        entries += _entries(name, True)
    for name in GENERATED_FILES:
        entries += _entries(name, False)
    return Gazetteer(entries)


_SLUG_RE = re.compile(r"\s+")


def slug(folded: str) -> str:
    """A key-safe form of a folded name: words joined by '-'."""
    return _SLUG_RE.sub("-", folded.strip())
