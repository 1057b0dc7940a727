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

__all__ = ["Vocab", "alternation", "key", "ordinal_forms", "vocab"]

_SPACE = re.compile(r"\s+")
_WAW = re.compile(r"(?<= )و ")         # "الحادي و العشرين" -> "الحادي والعشرين"


def key(words: str) -> str:
    """Folded lookup key: normalised, inner whitespace collapsed to one space."""
    return _SPACE.sub(" ", normalize(words).strip())


def alternation(words: object) -> str:
    """A non-capturing regex alternation of folded `words`, spaces as `[^\\S\\n]+`.

    Built as a prefix trie (one path per position instead of one try per word: the ordinal and
    month lists hold ~100 spellings each); optional tails are greedy, so the longest spelling
    is still tried first and shorter ones on backtracking, as with a longest-first alternation.
    """
    tree: dict = {}
    for word in {key(w) for w in words}:  # type: ignore[union-attr]
        if not word:
            continue
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict) -> str:
        branches = [(r"[^\S\n]+" if c == " " else re.escape(c)) + emit(child)
                    for c, child in sorted(node.items()) if c]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return "(?:" + emit(tree) + ")"


def _inverse(mapping: dict[str, list[str]]) -> dict[str, str]:
    return {key(word): label for label, words in mapping.items() for word in words}


def with_compound_counts(counts: dict[str, list[str]]) -> dict[str, list[str]]:
    """The listed count words plus every unit joined to a ten by و ("خمسة وعشرين" = 25).

    Why generated: 21-99 are regular (unit, و, ten), so the data lists units and tens once.
    """
    out = {n: list(ws) for n, ws in counts.items()}
    tens = [(int(n), w) for n, ws in counts.items() if int(n) % 10 == 0 and 20 <= int(n) <= 90 for w in ws]
    units = [(int(n), w) for n, ws in counts.items() if 1 <= int(n) <= 9 for w in ws]
    for ten, ten_word in tens:
        for unit, unit_word in units:
            out.setdefault(str(ten + unit), []).append(f"{unit_word} و{ten_word}")
    return out


def ordinal_forms(phrase: str) -> list[str]:
    """A day ordinal as listed (masculine, with ال) plus its feminine and its form without ال.

    Why generated: the grammar is regular (الحادي عشر / الحادية عشرة / حادي عشر), so the data lists
    each day once and this rule spells the rest; the detached و is handled in the regex and `day`.
    """
    words = phrase.split()
    if not words[0].startswith("ال") or words[0] == "الفاتح":
        return [phrase]
    feminine = []
    for word in words:
        if word.startswith("و") or word in ("العشرين", "الثلاثين"):
            feminine.append(word)                  # tens do not agree in gender
        elif word == "عشر":
            feminine.append("عشرة")
        elif word == "الأول":
            feminine.append("الأولى")
        else:
            feminine.append(word + "ة")
    bare = [w[2:] if w.startswith("ال") else "و" + w[3:] if w.startswith("وال") else w for w in words]
    return list(dict.fromkeys([phrase, " ".join(feminine), " ".join(bare)]))


def _inverse_int(mapping: dict[str, list[str]]) -> dict[str, int]:
    return {k: int(v) for k, v in _inverse(mapping).items()}


def _keys(words: list[str]) -> frozenset[str]:
    return frozenset(key(w) for w in words)


@dataclass(frozen=True)
class Vocab:
    """Folded lookups (word -> meaning) plus the raw data for regex building."""

    data: dict
    gregorian: dict[str, int]
    hijri: dict[str, int]
    weekdays: dict[str, int]
    ordinals: dict[str, int]
    counts: dict[str, int]
    unit_fractions: dict[str, float]            # نصف -> 0.5: "قبل نصف قرن"
    units: dict[str, tuple[str, int | None]]    # word -> (unit, 1 | 2 | None for "many")
    relative_days: dict[str, int]
    periods: dict[str, str]
    directions: dict[str, int]
    span_directions: dict[str, int]             # الماضية / المقبلين -> -1 / 1 (after a plural or dual period)
    seasons: dict[str, tuple[int, int]]         # الصيف -> (6, 8): its first and last month
    last_ten: frozenset[str]                    # الأواخر: the last ten days of a month (else the first)
    part_nouns: frozenset[str]                  # النصف، الربع: an ordinal after them is no day
    meridiem: dict[str, str]
    timezones: dict[str, str]
    year_suffix: dict[str, str]
    bare_month_needs_more: frozenset[str]
    months_also_names: frozenset[str]           # رجب، رمضان: not a month by being joined to one
    shared_directions: frozenset[str]           # الماضيين، المقبلين: said of the months before too
    weekday_not_after: frozenset[str]
    year_alone_not_after: frozenset[str]        # الرقم، مستوى، أكثر من: a number after them is no year
    year_alone_not_before: frozenset[str]       # بتوقيت: a number before it is a clock time
    later: frozenset[str]
    weekdays_bare: dict[str, int]               # "ثلاثاء" (construct: أول ثلاثاء) -> 1
    nth: dict[str, int]                         # "الثالث" / "الأخيرة" -> 3 / -1 (weekdays in a month)
    construct: dict[str, int]                   # "ثالث" / "آخر" -> 3 / -1
    holidays: dict[str, dict]                   # folded name -> {"calendar", "month", "day"} or {"rule"}
    strong_cues: frozenset[str]
    weak_cues: frozenset[str]
    number_followers: frozenset[str]
    day_alone_followers: frozenset[str]
    future_words: frozenset[str]
    future_phrases: frozenset[str]
    future_prefixes: tuple[str, ...]
    future_not: tuple[str, ...]
    past_markers: frozenset[str]
    dialect_ago_not_after: frozenset[str]
    holiday_not_followed_by: frozenset[str]
    following: frozenset[str]                   # التالي: "next" after an event when لـ follows
    part_not_directions: frozenset[str]      # السابق: "the quarter before" the one reported on
    year_part_months: dict[str, int]            # الربع -> 3, النصف -> 6
    in_names: dict[str, tuple[frozenset[str], frozenset[str]]]   # اليوم -> words before / after it
                                                # that make an outlet's name ("عين اليوم", "اليوم السابع")
    media_words: frozenset[str]                 # صحيفة، قناة، وكالة: what an outlet's name follows

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
        k = _WAW.sub("و", key(text))
        digits = k.removeprefix("ال")
        if digits.isdigit():
            return int(digits)
        return self.ordinals.get(k)


@lru_cache(maxsize=1)
def vocab() -> Vocab:
    """The folded vocabulary, built once per process."""
    data = json.loads(resources.files("marsad.extract").joinpath("data/dates.json").read_text("utf-8"))
    data["ordinal_days"] = {n: [f for w in ws for f in ordinal_forms(w)] for n, ws in data["ordinal_days"].items()}
    data["counts"] = with_compound_counts(data["counts"])
    weekdays = {key(k): v for k, v in weekday_names().items()}
    units: dict[str, tuple[str, int | None]] = {}
    for unit, forms in data["units"].items():
        for form, amount in (("one", 1), ("two", 2), ("many", None)):
            for word in forms[form]:
                units[key(word)] = (unit, amount)
    return Vocab(
        data=data,
        gregorian={key(k): v for k, v in month_names("gregorian").items()},
        hijri={key(k): v for k, v in month_names("hijri").items()},
        weekdays=weekdays,
        ordinals=_inverse_int(data["ordinal_days"]),
        counts={k: int(v) for k, v in _inverse(data["counts"]).items()},
        unit_fractions={k: float(v) for k, v in _inverse(data["unit_fractions"]).items()},
        units=units,
        relative_days={k: int(v) for k, v in _inverse(data["relative_days"]).items()},
        periods=_inverse(data["periods"]),
        directions={k: int(v) for k, v in _inverse(data["directions"]).items()},
        span_directions={k: int(v) for k, v in _inverse(data["span_directions"]).items()},
        seasons={key(k): (v[0], v[1]) for k, v in data["seasons"].items()},
        last_ten=_keys(data["ten_days"]["last"]),
        part_nouns=_keys(data["part_nouns"]),
        meridiem=_inverse(data["meridiem"]),
        timezones=_inverse(data["timezones"]),
        year_suffix=_inverse(data["year_suffix"]),
        bare_month_needs_more=frozenset(key(w) for w in data["bare_month_needs_more"]),
        months_also_names=frozenset(key(w) for w in data["months_also_names"]),
        shared_directions=frozenset(key(w) for w in data["shared_directions"]),
        weekday_not_after=frozenset(key(w) for w in data["weekday_not_after"]),
        year_alone_not_after=frozenset(key(w) for w in data["year_alone_not_after"]),
        year_alone_not_before=frozenset(key(w) for w in data["year_alone_not_before"]),
        later=frozenset(key(w) for w in data["later"]),
        weekdays_bare={k[2:]: v for k, v in weekdays.items() if k.startswith("ال")},
        nth=_inverse_int(data["nth_ordinals"]),
        construct=_inverse_int(data["construct_ordinals"]),
        holidays={key(k): v for k, v in data["holidays"].items()},
        strong_cues=_keys(data["numeric_strong_cues"]),
        weak_cues=_keys(data["numeric_weak_cues"]),
        number_followers=_keys(data["number_followers"]),
        day_alone_followers=_keys(data["day_alone_followers"]),
        future_words=_keys(data["future_words"]),
        future_phrases=_keys(data["future_phrases"]),
        future_prefixes=tuple(key(w) for w in data["future_verb_prefixes"]),
        future_not=tuple(key(w) for w in data["future_verb_not"]),
        past_markers=_keys(data["past_markers"]),
        dialect_ago_not_after=_keys(data["dialect_ago_not_after"]),
        holiday_not_followed_by=_keys(data["holiday_not_followed_by"]),
        following=_keys(data["relative_to_event_directions"]),
        part_not_directions=_keys(data["part_not_directions"]),
        year_part_months={key(w): 3 if part == "quarter" else 6 for part, ws in data["year_parts"].items() for w in ws},
        in_names=_in_outlet_names(set(_inverse(data["relative_days"]))),
        media_words=_media_words(),
    )


def _media_words() -> frozenset[str]:
    """The words that introduce an outlet's name (marsad.clean's outlet descriptors), also after لـ."""
    from marsad.clean.outlets import outlet_descriptors

    words = outlet_descriptors()
    return words | frozenset("ل" + w for w in words)


def _in_outlet_names(day_words: set[str]) -> dict[str, tuple[frozenset[str], frozenset[str]]]:
    """For each relative-day word that is part of a known outlet's name, the words beside it in
    those names: "اليوم" in "عين اليوم" or "اليوم السابع" names a paper, not a day."""
    from marsad.clean.outlets import known_outlets

    before: dict[str, set[str]] = {}
    after: dict[str, set[str]] = {}
    for outlet in known_outlets():
        for name in {outlet["name"], *outlet.get("aliases", [])}:
            words = [key(w) for w in name.split()]
            for i, word in enumerate(words):
                if word in day_words and len(words) > 1:
                    if i:
                        before.setdefault(word, set()).add(words[i - 1])
                    if i + 1 < len(words):
                        after.setdefault(word, set()).add(words[i + 1])
    return {w: (frozenset(before.get(w, ())), frozenset(after.get(w, ()))) for w in before.keys() | after.keys()}
