"""Arabic numbers: digits with their separators, cardinal number words and ordinals, to values.

Shared by the quantities extractor (cardinals: "ثلاثة آلاف وخمسمئة", "2.5 مليون", "مليونين ونصف")
and the dates extractor (ordinals: "العاشر", "الحادي والعشرين"). Everything works on *folded*
words (marsad.text.normalize), so callers tokenise the folded text once and map spans back
themselves. The vocabulary lives in data/numbers.json.
"""
from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from marsad.text.normalize import normalize

__all__ = [
    "WORD_TOKEN_RE",
    "Atom",
    "NumberRead",
    "fraction_words",
    "lexicon",
    "lookup_word",
    "ordinal_words",
    "parse_digits",
    "parse_number",
    "parse_ordinal",
    "read_fraction",
    "read_number",
    "read_ordinal",
    "vague_words",
    "words_pattern",
]

# Folded-text tokens: a number with its separators, a run of letters, or one other visible char.
WORD_TOKEN_RE = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+|\S")
_CONJ = "و"


@dataclass(frozen=True, slots=True)
class Atom:
    """One number word: kind is unit | teen | ten | hundred | scale | frac.

    `value` is the number (the scale's size for scales); `count` is 1, 2 or 0 (plural) for scales;
    `standalone` is False for words that are a number only inside a compound (أحد، إحدى);
    `needs_noun` for words that are a number only before what they count (متين، ست، سبع).
    """

    kind: str
    value: float
    count: int = 1
    standalone: bool = True
    needs_noun: bool = False


@dataclass(frozen=True, slots=True)
class NumberRead:
    """A number read from words[start:end]: its value, and what the last word was.

    `last_kind` helps the caller pick the counted noun's case (after 11-99 it is accusative);
    `words` counts the number words read (1 for "خمسة", 3 for "ثلاثة آلاف وخمسمئة").
    `scale` is the last multiplier applied (1 when none), used to share it across ranges
    ("بين 8 و10 آلاف"). `fraction` is True when a fraction word or a spoken decimal was read
    ("ثلاثة أرباع", "مائة ونصف", "اثنان فاصلة خمسة").
    """

    value: float | int
    start: int
    end: int
    last_kind: str
    words: int
    scale: float
    first: Atom | None
    fraction: bool = False


@lru_cache(maxsize=1)
def _data() -> dict:
    return json.loads(resources.files("marsad.text").joinpath("data/numbers.json").read_text("utf-8"))


@lru_cache(maxsize=1)
def lexicon() -> dict[str, Atom]:
    """Folded number word -> Atom (cardinals, scales, unambiguous fractions; vague words are separate)."""
    data = _data()
    lex: dict[str, Atom] = {}
    compound_only = {normalize(w) for w in data["compound_only"]}
    needs_noun = {normalize(w) for w in data["needs_counted_noun"]}

    def put(word: str, atom: Atom) -> None:
        lex.setdefault(normalize(word), atom)

    for value, spec in data["units"].items():
        for word in spec["forms"]:
            folded = normalize(word)
            put(word, Atom("unit", int(value), standalone=folded not in compound_only,
                           needs_noun=folded in needs_noun))
    for value, words in data["teens"].items():
        for word in words:
            put(word, Atom("teen", int(value)))
    for value, words in data["tens"].items():
        for word in words:
            put(word, Atom("ten", int(value)))
    for value, words in data["hundreds"].items():
        for word in words:
            put(word, Atom("hundred", int(value), needs_noun=normalize(word) in needs_noun))
    for size, forms in data["scales"].items():
        for word in forms["two"]:
            put(word, Atom("scale", int(size), count=2))
        for word in forms["one"]:
            put(word, Atom("scale", int(size), count=1))
        for word in forms["plural"]:
            put(word, Atom("scale", int(size), count=0))
    for word, (denominator, form) in fraction_words().items():
        if form != "plural" and word not in _needs_whole():
            put(word, Atom("frac", (2 if form == "two" else 1) / denominator))
    return lex


@lru_cache(maxsize=1)
def fraction_words() -> dict[str, tuple[int, str]]:
    """Folded fraction word -> (denominator, 'one' | 'two' | 'plural'): ربع (4, one), ثلثا (3, two)."""
    return {normalize(word): (int(den), form) for den, forms in _data()["fractions"].items()
            for form, words in forms.items() for word in words}


@lru_cache(maxsize=1)
def _needs_whole() -> frozenset[str]:
    return frozenset(normalize(w) for w in _data()["fraction_needs_whole"])


@lru_cache(maxsize=1)
def _decimal_points() -> frozenset[str]:
    return frozenset(normalize(w) for w in _data()["decimal_points"])


@lru_cache(maxsize=1)
def _teen_tens() -> frozenset[str]:
    return frozenset(normalize(w) for w in _data()["teen_tens"])


@lru_cache(maxsize=1)
def _hundred_words() -> frozenset[str]:
    return frozenset(normalize(w) for w in _data()["hundred_words"])


@lru_cache(maxsize=1)
def vague_words() -> dict[str, str]:
    """Folded vague counting word -> its kind (tens, hundreds, thousands, few, several...)."""
    return {normalize(w): kind for kind, words in _data()["vague"].items() for w in words}


@lru_cache(maxsize=1)
def ordinal_words() -> dict[str, int]:
    """Folded ordinal stem (without ال) -> its value: ثالث 3, اولي 1, ثان 2."""
    return {normalize(w): int(v) for v, words in _data()["ordinals"].items() for w in words}


def lookup_word(word: str) -> Atom | None:
    """The Atom for one folded word, else None."""
    return lexicon().get(word)


_THOUSANDS_DOTS = re.compile(r"\d{1,3}(?:\.\d{3}){2,}")
_THOUSANDS_COMMAS = re.compile(r"\d{1,3}(?:,\d{3})+")


def parse_digits(token: str, before_scale: bool = False) -> float | int | None:
    """Value of a folded digit token with separators, else None.

    ',' groups thousands when every group after it has three digits ("1,200,000"), and is a
    decimal comma otherwise ("2,5" in Maghrebi print). '.' is a decimal point ("1.5 مليون"),
    except in "1.200.000" and in "1.200" when no scale word follows, where a whole count is
    meant (nobody writes 1.2 persons; "1.250 مليار" is 1.25 billion).
    """
    if token.isdigit():
        return int(token)
    if _THOUSANDS_COMMAS.fullmatch(token):
        return int(token.replace(",", ""))
    if _THOUSANDS_DOTS.fullmatch(token):
        return int(token.replace(".", ""))
    if token.count(".") + token.count(",") != 1:
        return None
    whole, _, frac = token.replace(",", ".").partition(".")
    if "." in token and len(frac) == 3 and not before_scale and whole != "0":
        return int(whole + frac)
    number = float(f"{whole}.{frac}")
    return int(number) if number.is_integer() else number


def _at(words: Sequence[str], i: int) -> str:
    """words[i], or '' past the end (callers may pass a lazy reader that raises IndexError)."""
    try:
        return words[i]
    except IndexError:
        return ""


def _word_atom(word: str) -> Atom | None:
    if word and word[0].isdigit():
        return None
    return lexicon().get(word)


def _split_conj(words: Sequence[str], pos: int) -> tuple[int, str] | None:
    """(index, word) of the word after a conjunction at `pos` ('و' alone or glued), else None."""
    word = _at(words, pos)
    if word == _CONJ:
        nxt = _at(words, pos + 1)
        return (pos + 1, nxt) if nxt else None
    if len(word) > 2 and word[0] == _CONJ and word[1:] in lexicon():
        return pos, word[1:]
    return None


def _is_scale_next(words: Sequence[str], pos: int) -> bool:
    atom = lexicon().get(_at(words, pos))
    return atom is not None and atom.kind == "scale"


def read_number(words: Sequence[str], start: int = 0) -> NumberRead | None:
    """Read the longest cardinal number at words[start] (folded tokens: words or digit strings).

    Arabic builds numbers additively with و ("مئة وخمسة وعشرون") and multiplies by scales
    ("سبعين ألفا", "3 آلاف"); a و-part is taken only when it is smaller than what it follows,
    so "8 آلاف و10 آلاف" stays two numbers (a range) and "500 و600" is not 1100.
    """
    total = 0.0
    cur = 0.0
    cur_has = False
    last_kind = ""
    last_scale = float("inf")
    group_ten = False
    n_words = 0
    first: Atom | None = None
    pos = start
    checkpoint: tuple | None = None
    fraction = False

    def state() -> tuple:
        return (pos, total, cur, cur_has, last_kind, last_scale, group_ten, n_words)

    while True:
        word = _at(words, pos)
        if not word:
            break
        conj = False
        nxt = pos
        if pos > start:
            split = _split_conj(words, pos)
            if split is not None:
                conj = True
                nxt, word = split
        digit = word[0].isdigit() if word else False
        value = parse_digits(word, _is_scale_next(words, nxt + 1)) if digit else None
        atom = None if digit else _word_atom(word)
        if value is None and atom is None:
            break
        kind = "digit" if digit else atom.kind  # type: ignore[union-attr]
        if pos == start:
            first = atom
        if conj:
            # A و-part must continue the number downwards; remember where to fall back to.
            part = read_fraction(words, nxt, first=word) if not digit and (kind == "frac" or _fraction_next(words, nxt)) \
                else None
            if part is not None and part.value < 1:
                whole = None
                if last_kind == "scale":
                    total += part.value * last_scale
                    repeated = _at(words, part.end)          # "مليار ونصف المليار": the whole again
                    whole = _word_atom(repeated[2:]) if repeated.startswith("ال") else None
                elif cur_has:
                    cur += part.value
                else:
                    break
                pos, last_kind, n_words, fraction = part.end, "frac", n_words + 1, True
                if whole is not None and whole.kind == "scale" and whole.value == last_scale:
                    pos += 1
                continue
            if part is not None and last_kind == "scale" and 1 <= part.value < last_scale \
                    and round(part.value / last_scale, 3) in (0.25, 0.333, 0.5, 0.667, 0.75):
                total += part.value                      # "تريليون ونصف تريليون": the fraction of the same scale
                pos, last_kind, n_words, fraction = part.end, "frac", n_words + 1, True
                continue
            if kind == "frac":
                break
            ok = (
                (last_kind == "scale" and kind in ("digit", "unit", "teen", "ten", "hundred"))
                or (last_kind == "hundred" and kind in ("unit", "teen", "ten"))
                or (last_kind == "unit" and kind == "ten" and not group_ten and cur % 100 < 10)
            )
            if not ok or kind == "scale":
                break
            checkpoint = state()
        elif pos > start:
            # Without و only a scale (or hundred after a unit) can follow.
            if kind == "scale":
                pass
            elif kind == "hundred" and last_kind == "unit" and word in _hundred_words() and 2 <= cur <= 9:
                cur = cur * 100
                pos, last_kind, n_words = nxt + 1, "hundred", n_words + 1
                continue
            else:
                break
        if kind == "scale":
            size = atom.value  # type: ignore[union-attr]
            if size >= last_scale or last_kind == "scale":
                if checkpoint is not None:
                    pos, total, cur, cur_has, last_kind, last_scale, group_ten, n_words = checkpoint
                    checkpoint = None
                break
            if atom.count == 2:  # type: ignore[union-attr]
                if cur_has:
                    break
                total += 2 * size
            elif atom.count == 0:  # type: ignore[union-attr]
                if not cur_has:
                    break  # "آلاف" alone is vague, not a number
                total += cur * size
            else:
                total += (cur if cur_has else 1) * size
            cur, cur_has, last_scale, group_ten = 0.0, False, size, False
            last_kind, checkpoint = "scale", None
        elif kind == "frac":
            if pos != start or not _is_scale_next(words, nxt + 1):
                break
            cur, cur_has, last_kind = atom.value, True, "frac"  # type: ignore[union-attr]
        elif kind == "digit":
            cur += value  # type: ignore[operator]
            cur_has, last_kind = True, "digit"
        else:
            v = atom.value  # type: ignore[union-attr]
            # unit + عشر/عشرة = 11..19 ("ثلاثة عشر", "إحدى عشرة", "اثنا عشر")
            if kind == "unit" and v < 10 and _at(words, nxt + 1) in _teen_tens():
                cur += 10 + v
                cur_has, last_kind = True, "teen"
                pos, n_words = nxt + 2, n_words + 2
                continue
            if kind == "ten":
                group_ten = True
            cur += v
            cur_has, last_kind = True, kind
        pos = nxt + 1
        n_words += 1
    if n_words == 0:
        return None
    if checkpoint is not None and cur >= last_scale:
        pos, total, cur, cur_has, last_kind, last_scale, group_ten, n_words = checkpoint
    value = total + cur
    if value == 0 and last_kind == "frac":
        return None
    decimal = _spoken_decimal(words, pos) if last_kind not in ("frac", "digit") else None
    if decimal is not None:
        value, pos = value + decimal[0], decimal[1]
    value = int(value) if float(value).is_integer() else value
    return NumberRead(value, start, pos, last_kind, n_words,
                      1.0 if last_scale == float("inf") else last_scale, first, fraction or last_kind == "frac")


def _spoken_decimal(words: Sequence[str], pos: int) -> tuple[float, int] | None:
    """(fractional part, end) after "فاصلة": "فاصلة خمسة" 0.5, "فاصلة صفر خمسة" 0.05,
    "فاصلة ثلاثة من مائة" 0.03 (the fractional digits as a number over a power of ten)."""
    if _at(words, pos) not in _decimal_points():
        return None
    pos += 1
    zeros = 0
    while _at(words, pos) == "صفر":
        zeros, pos = zeros + 1, pos + 1
    read = read_number(words, pos)
    if read is None or read.fraction or read.value < 0 or not float(read.value).is_integer():
        return (0.0, pos) if zeros else None
    digits = int(read.value)
    over = _power_of_ten(words, read.end)
    if over is not None and not zeros:
        return digits / over[0], over[1]
    width = len(_at(words, pos)) if _at(words, pos).isdigit() else len(str(digits))
    return digits / 10 ** (zeros + width), read.end


def _power_of_ten(words: Sequence[str], pos: int) -> tuple[int, int] | None:
    """(D, end) for "من D" at `pos` where D is 10, 100, 1000, a million...: the ratio's denominator."""
    if _at(words, pos) != "من":
        return None
    read = read_number(words, pos + 1)
    if read is None or read.value < 10 or not float(read.value).is_integer():
        return None
    value = int(read.value)
    if str(value).rstrip("0") != "1":
        return None
    return value, read.end


def _fraction_next(words: Sequence[str], pos: int) -> bool:
    """Whether the word after `pos` is a plural fraction (ثلاثة أرباع)."""
    hit = fraction_words().get(_at(words, pos + 1))
    return hit is not None and hit[1] == "plural"


def _whole_follows(words: Sequence[str], pos: int) -> bool:
    """A definite noun (or a pronoun-bearing one) at `pos`: what a bare fraction is taken of."""
    word = _at(words, pos)
    return len(word) > 3 and word.startswith(("ال", "لل")) and lexicon().get(word[2:]) is None


def read_fraction(words: Sequence[str], start: int = 0, first: str | None = None) -> NumberRead | None:
    """A fraction at words[start]: "ربع" 1/4, "ثلثا" 2/3, "ثلاثة أرباع" 3/4, "خمس الفطيرة" 1/5,
    "واحد من مئة" 1/100; "ثلاثة أرباع مليون" is 750,000. `first` replaces words[start] (a word
    split from its و). Words that are also cardinals or nouns (خمس، ثمن) need the whole after them.
    """
    word = first if first is not None else _at(words, start)
    table = fraction_words()
    hit = table.get(word)
    value: float | None = None
    end = start + 1
    if hit is not None and hit[1] != "plural":
        if word in _needs_whole() and not _whole_follows(words, end):
            return None
        value = (2 if hit[1] == "two" else 1) / hit[0]
    else:
        atom = _word_atom(word)
        count = atom.value if atom is not None and atom.kind == "unit" else (
            int(word) if word.isdigit() and len(word) <= 2 else None)
        after = table.get(_at(words, end))
        if count is not None and after is not None and after[1] == "plural" and 1 <= count < after[0]:
            value, end = count / after[0], end + 1
        elif count is not None or (atom is not None and atom.kind in ("teen", "ten", "hundred", "scale")):
            read = read_number([*words[:start], word, *words[start + 1:start + 8]], start) \
                if first is not None else read_number(words, start)
            over = _power_of_ten(words, read.end) if read is not None and not read.fraction else None
            if read is None or over is None or read.value >= over[0]:
                return None
            value, end = read.value / over[0], over[1]
    if value is None:
        return None
    scale = lexicon().get(_at(words, end))
    if scale is not None and scale.kind == "scale" and scale.count == 1:
        total = value * scale.value
        return NumberRead(int(total) if float(total).is_integer() else total, start, end + 1, "scale", 2,
                          scale.value, None, not float(total).is_integer())
    return NumberRead(value, start, end, "frac", end - start, 1.0, None, True)


def parse_number(text: str) -> float | int | None:
    """Value of a whole number expression ("ثلاثة آلاف وخمسمئة" -> 3500), else None."""
    words = WORD_TOKEN_RE.findall(normalize(text))
    read = read_number(words)
    if read is None or read.end != len(words):
        return None
    return read.value


def _ordinal_word(word: str) -> int | None:
    word = word.removeprefix("ال")
    value = ordinal_words().get(word)
    if value is not None:
        return value
    atom = lexicon().get(word)
    if atom is not None and atom.kind in ("ten",):
        return int(atom.value)
    return None


def read_ordinal(words: Sequence[str], start: int = 0) -> tuple[int, int] | None:
    """(value, end) of an ordinal at words[start]: "العاشر", "الحادي عشر", "الحادي والعشرين".

    A bare ten ("العشرين") counts as the ordinal 20th: in a date, "العشرين من" is the 20th.
    """
    value = _ordinal_word(_at(words, start))
    if value is None:
        return None
    pos = start + 1
    nxt = _at(words, pos)
    if value < 10 and nxt:
        tail = nxt.removeprefix("ال")
        if tail in _teen_tens():
            return 10 + value, pos + 1
        split = nxt[1:] if nxt.startswith(_CONJ) and len(nxt) > 2 else None
        if nxt == _CONJ and _at(words, pos + 1):
            split, pos = _at(words, pos + 1), pos + 1
        if split is not None:
            tens = lexicon().get(split.removeprefix("ال"))
            if tens is not None and tens.kind == "ten":
                return value + int(tens.value), pos + 1
    return value, start + 1


def parse_ordinal(text: str) -> int | None:
    """Value of a whole ordinal expression ("الحادي والعشرين" -> 21), else None."""
    words = WORD_TOKEN_RE.findall(normalize(text))
    read = read_ordinal(words)
    if read is None or read[1] != len(words):
        return None
    return read[0]


def words_pattern(words: Sequence[str]) -> str:
    """A regex alternation of `words`, factored as a trie so matching stays fast however many."""
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict) -> str:
        ends = "" in node
        branches = [re.escape(c) + build(child) for c, child in sorted(node.items()) if c]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:
            return "(?:" + body + ")?"
        return body

    return build(trie)
