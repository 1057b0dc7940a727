"""Arabic normalisation for matching and search, with a map back to the original offsets.

Folding (alef/hamza forms, ya/alef maqsura, ta marbuta, diacritics, tatweel, digits, presentation
forms, zero-width and bidi controls) is for comparing strings only: every span shown to a user
points into the original text, which is why `normalize_with_offsets` exists.
"""
from __future__ import annotations

import json
import re
import unicodedata
from functools import lru_cache
from importlib import resources

__all__ = ["normalize", "normalize_with_offsets", "fold_char", "dediacritize", "strip_controls"]


def _expand(spec: str) -> list[str]:
    if "-" in spec and len(spec) > 1 and all(c in "0123456789ABCDEFabcdef-" for c in spec):
        lo, hi = (int(x, 16) for x in spec.split("-"))
        return [chr(cp) for cp in range(lo, hi + 1)]
    if len(spec) >= 4 and all(c in "0123456789ABCDEFabcdef" for c in spec):
        return [chr(int(spec, 16))]
    return [spec]


@lru_cache(maxsize=1)
def _table() -> dict[int, str]:
    data = json.loads(resources.files("marsad.text").joinpath("data/charmap.json").read_text("utf-8"))
    table: dict[int, str] = {}
    for key, value in data["map"].items():
        table[ord(key)] = value
    deletions = [c for spec in data["delete"] for c in _expand(spec)]
    for char in deletions:
        table[ord(char)] = ""

    def fold(s: str) -> str:
        return "".join(table.get(ord(c), c) for c in s)

    for spec in data["nfkc_ranges"]:
        for char in _expand(spec):
            if ord(char) in table:
                continue
            composed = unicodedata.normalize("NFKC", char)
            if composed != char:
                table[ord(char)] = fold(composed)
    return table


@lru_cache(maxsize=1)
def _diacritics_table() -> dict[int, None]:
    data = json.loads(resources.files("marsad.text").joinpath("data/charmap.json").read_text("utf-8"))
    marks = [c for spec in data["delete"][:6] for c in _expand(spec)]
    return {ord(c): None for c in marks}


def fold_char(char: str) -> str:
    """The folded form of one character ('' when it is dropped)."""
    return _table().get(ord(char), char)


@lru_cache(maxsize=1)
def _folder() -> tuple[re.Pattern[str], dict[str, str]]:
    replacements = {chr(code): value for code, value in _table().items()}
    pattern = re.compile("[" + "".join(re.escape(c) for c in replacements) + "]")
    return pattern, replacements


def normalize(text: str) -> str:
    """Fold `text` for matching: 'الإمارات' and 'الامارات' become equal. Lower-cases Latin letters."""
    # A regex over the few characters that change is about twice as fast as str.translate here.
    pattern, replacements = _folder()
    return pattern.sub(lambda m: replacements[m.group()], text).lower()


def normalize_with_offsets(text: str) -> tuple[str, list[int]]:
    """Normalise and return `offsets`, where offsets[i] is the index in `text` of folded char i.

    The list has one extra entry (len(text)) so that a folded span [i, j) maps back to
    [offsets[i], offsets[j]) in the original, even when j is the end of the string.
    """
    table = _table()
    out: list[str] = []
    offsets: list[int] = []
    for index, char in enumerate(text):
        folded = table.get(ord(char), char)
        if folded == char:
            out.append(char)
            offsets.append(index)
        elif folded:
            out.append(folded)
            offsets.extend([index] * len(folded))
    offsets.append(len(text))
    return "".join(out).lower(), offsets


def dediacritize(text: str) -> str:
    """Remove harakat, shadda, sukun, dagger alef, Quranic marks and tatweel; nothing else."""
    return text.translate(_diacritics_table())


_CONTROLS = {ord(c): None for c in "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
             "\u2066\u2067\u2068\u2069\u061c\ufeff"}


def strip_controls(text: str) -> str:
    """Drop zero-width and bidi control characters (which can also hide or reorder text)."""
    return text.translate(_CONTROLS)
