"""Vocabulary of the date extractor, folded once and turned into regex alternations.

Why a module of its own: the words live in `data/dates.json` (and month/weekday names in
`marsad/text/data/months.json`) so that a linguist can add a spelling without touching Python.
Everything here is folded with `marsad.text.normalize`, because matching runs on folded text.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from marsad.text.months import month_names, weekday_names
from marsad.text.normalize import normalize

__all__ = ["Vocab", "alternation", "key", "vocab"]

_SPACE = re.compile(r"\s+")


def key(words: str) -> str:
    """Folded lookup key: normalised, inner whitespace collapsed to one space."""
    return _SPACE.sub(" ", normalize(words).strip())


def alternation(words: object) -> str:
    """A non-capturing regex alternation of folded `words`, longest first, spaces as `\\s+`."""
    folded = {key(w) for w in words}  # type: ignore[union-attr]
    parts = [r"[^\S\n]+".join(re.escape(p) for p in w.split(" ")) for w in folded if w]
    return "(?:" + "|".join(sorted(parts, key=len, reverse=True)) + ")"


def _inverse(mapping: dict[str, list[str]]) -> dict[str, str]:
    return {key(word): label for label, words in mapping.items() for word in words}


@dataclass(frozen=True)
class Vocab:
    """Folded lookups (word -> meaning) plus the raw data for regex building."""

    data: dict
    gregorian: dict[str, int]
    hijri: dict[str, int]
    weekdays: dict[str, int]
    ordinals: dict[str, int]
    counts: dict[str, int]
    units: dict[str, tuple[str, int | None]]    # word -> (unit, 1 | 2 | None for "many")
    relative_days: dict[str, int]
    periods: dict[str, str]
    directions: dict[str, int]
    meridiem: dict[str, str]
    timezones: dict[str, str]
    year_suffix: dict[str, str]
    bare_month_needs_more: frozenset[str]
    weekday_not_after: frozenset[str]

    def month(self, text: str) -> tuple[str, int] | None:
        """('gregorian' | 'hijri', number) for a matched month name (first of a pair)."""
        k = key(text)
        if k in self.gregorian:
            return "gregorian", self.gregorian[k]
        if k in self.hijri:
            return "hijri", self.hijri[k]
        return None

    def day(self, text: str) -> int | None:
        """Day of month from digits ('10', 'ال10') or an ordinal word ('العاشر')."""
        k = key(text)
        digits = k.removeprefix("ال")
        if digits.isdigit():
            return int(digits)
        return self.ordinals.get(k)


@lru_cache(maxsize=1)
def vocab() -> Vocab:
    """The folded vocabulary, built once per process."""
    data = json.loads(resources.files("marsad.extract").joinpath("data/dates.json").read_text("utf-8"))
    units: dict[str, tuple[str, int | None]] = {}
    for unit, forms in data["units"].items():
        for form, amount in (("one", 1), ("two", 2), ("many", None)):
            for word in forms[form]:
                units[key(word)] = (unit, amount)
    return Vocab(
        data=data,
        gregorian={key(k): v for k, v in month_names("gregorian").items()},
        hijri={key(k): v for k, v in month_names("hijri").items()},
        weekdays={key(k): v for k, v in weekday_names().items()},
        ordinals={k: int(v) for k, v in _inverse(data["ordinal_days"]).items()},
        counts={k: int(v) for k, v in _inverse(data["counts"]).items()},
        units=units,
        relative_days={k: int(v) for k, v in _inverse(data["relative_days"]).items()},
        periods=_inverse(data["periods"]),
        directions={k: int(v) for k, v in _inverse(data["directions"]).items()},
        meridiem=_inverse(data["meridiem"]),
        timezones=_inverse(data["timezones"]),
        year_suffix=_inverse(data["year_suffix"]),
        bare_month_needs_more=frozenset(key(w) for w in data["bare_month_needs_more"]),
        weekday_not_after=frozenset(key(w) for w in data["weekday_not_after"]),
    )
