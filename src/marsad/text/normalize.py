"""Arabic normalisation for matching and search, with a map back to the original offsets.

Folding (alef/hamza forms, ya/alef maqsura, ta marbuta, diacritics, tatweel, digits, presentation
forms, zero-width and bidi controls) is for comparing strings only: every span shown to a user
points into the original text, which is why `normalize_with_offsets` exists.
"""
from __future__ import annotations

import json
import re
import unicodedata
from bisect import bisect_right
from functools import lru_cache
from importlib import resources

__all__ = [
    "FoldMap",
    "dediacritize",
    "fold_char",
    "fold_with_offsets",
    "normalize",
    "normalize_with_offsets",
    "strip_controls",
]


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


# The most frequent folds in news text, replaced with str.replace; every other folded character
# is rare and handled by one regex. (Folded forms contain no foldable character, so the order of
# the replacements does not matter.)
_COMMON = "ةأ،إىئ«»ًؤآّـُ؟َ؛ٌٍِْ"


@lru_cache(maxsize=1)
def _folder() -> tuple[dict[int, str], list[tuple[str, str]], re.Pattern[str], dict[str, str]]:
    table = _table()
    common = [(c, table[ord(c)]) for c in _COMMON if ord(c) in table]
    rare = {chr(code): value for code, value in table.items() if chr(code) not in _COMMON}
    pattern = re.compile("[" + "".join(re.escape(c) for c in rare) + "]")
    return table, common, pattern, rare


def normalize(text: str) -> str:
    """Fold `text` for matching: 'الإمارات' and 'الامارات' become equal. Lower-cases Latin letters."""
    table, common, pattern, rare = _folder()
    if len(text) < 48:
        return text.translate(table).lower()        # a word: one dict lookup per character
    for char, folded in common:
        if char in text:
            text = text.replace(char, folded)
    if pattern.search(text) is not None:
        text = pattern.sub(lambda m: rare[m.group()], text)
    return text.lower()


@lru_cache(maxsize=1)
def _uneven() -> tuple[re.Pattern[str], dict[str, str]]:
    """Characters whose normalised form is not exactly one character (dropped marks, ligatures,
    'İ'), and that form."""
    table = _table()
    codes = {cp for cp in range(0x80, 0x10000) if not 0xD800 <= cp <= 0xDFFF} | set(table)
    forms = {}
    for cp in sorted(codes):
        form = table.get(cp, chr(cp)).lower()
        if len(form) != 1:
            forms[chr(cp)] = form
    return re.compile("[" + "".join(re.escape(c) for c in forms) + "]"), forms


class FoldMap:
    """`normalize(text)` and the way back from a folded position to the original one.

    Built without a Python step per character: only the few characters that fold to zero or
    several characters are visited, and each records the shift (original minus folded position)
    that holds from there on; a folded position maps back by bisecting those records.
    """

    __slots__ = ("_at", "_shift", "text")

    def __init__(self, text: str) -> None:
        pattern, forms = _uneven()
        pieces: list[str] = []
        at_list: list[int] = []     # folded position where a new shift starts
        shifts: list[int] = []      # original minus folded position from there on
        pos = shift = 0
        for m in pattern.finditer(text):
            at = m.start()
            pieces.append(text[pos:at])
            form = forms[m.group()]
            pieces.append(form)
            for k in range(len(form)):              # every char of a ligature maps to `at`
                at_list.append(at - shift + k)
                shifts.append(shift - k)
            shift += 1 - len(form)
            at_list.append(at + 1 - shift)
            shifts.append(shift)
            pos = at + 1
        if pieces:
            pieces.append(text[pos:])
            text_out = normalize("".join(pieces))
        else:
            text_out = normalize(text)
        self.text = text_out
        self._at, self._shift = at_list, shifts

    def original(self, i: int) -> int:
        """Index in the original text of folded position `i` (len(folded) maps to len(text))."""
        if not self._at:
            return i
        k = bisect_right(self._at, i) - 1
        return i + (self._shift[k] if k >= 0 else 0)

    def offsets(self) -> list[int]:
        """original(i) for every i in 0..len(folded), as one list."""
        out: list[int] = []
        prev_at = prev_shift = 0
        for at, shift in zip(self._at, self._shift):
            if at > prev_at:
                out.extend(range(prev_at + prev_shift, at + prev_shift))
            prev_at, prev_shift = max(prev_at, at), shift
        out.extend(range(prev_at + prev_shift, len(self.text) + 1 + prev_shift))
        return out


def fold_with_offsets(text: str) -> FoldMap:
    """Fold `text` as `normalize` does, keeping a map back to the original offsets."""
    return FoldMap(text)


def normalize_with_offsets(text: str) -> tuple[str, list[int]]:
    """Normalise and return `offsets`, where offsets[i] is the index in `text` of folded char i.

    The list has one extra entry (len(text)) so that a folded span [i, j) maps back to
    [offsets[i], offsets[j]) in the original, even when j is the end of the string.
    """
    folded = FoldMap(text)
    return folded.text, folded.offsets()


def dediacritize(text: str) -> str:
    """Remove harakat, shadda, sukun, dagger alef, Quranic marks and tatweel; nothing else."""
    return text.translate(_diacritics_table())


_CONTROLS = {ord(c): None for c in "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
             "\u2066\u2067\u2068\u2069\u061c\ufeff"}


def strip_controls(text: str) -> str:
    """Drop zero-width and bidi control characters (which can also hide or reorder text)."""
    return text.translate(_CONTROLS)
