"""Quantities: digits and number words, hedges, ranges and the counted thing.

A regex finds the digits in the folded text, and one set intersection of its whitespace tokens
with the precomputed forms of every number word (with its clitics: "وخمسة", "بالآلاف"), vague
counting word and self-counting dual ("شخصين") finds the words; each candidate is then read with
marsad.text.numbers over the few tokens that follow it. Around it we look for the hedge that
qualifies it ("نحو", "ما لا يقل عن"), a range ("بين 500 و600"), a percent sign, the counted noun
(the unit), and for the signs that it names rather than counts: a year ("عام 2017", "يونيو 2014"),
a clock time, an article or resolution number ("المادة 5", "القرار رقم 2254"), a phone number.
The vocabulary is data/quantities.json; spans map back to the original text.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from marsad.model import Quantity
from marsad.text.months import month_names
from marsad.text.normalize import FoldMap, dediacritize, fold_with_offsets, normalize
from marsad.text.numbers import (
    NumberRead,
    fraction_words,
    lexicon,
    ordinal_words,
    read_fraction,
    read_number,
    read_ordinal,
    vague_words,
)

__all__ = ["find_quantities"]

_LETTER = r"[^\W\d_]"
_DEFINITE = ("ال", "لل")
_PRONOUNS = ("هما", "هم", "هن", "ها", "كم", "ه")
_SCALED_VAGUE = frozenset({"tens", "hundreds", "thousands", "millions", "billions"})


_PREFIXES = ("", "و", "ف", "ب", "ل", "ك", "ال", "بال", "كال", "لل", "وب", "ول", "وك", "وال", "وبال", "ولل",
             "فب", "فل", "فال", "فبال", "فلل")


@dataclass(frozen=True)
class _Vocab:
    forms: dict[str, tuple[str, str]]           # folded token -> (prefix, number word)
    form_set: frozenset[str]
    hedges: dict[tuple[str, ...], str]          # folded phrase -> qualifier
    hedge_len: int
    hedges_after: dict[tuple[str, ...], str]
    percent: tuple[tuple[str, ...], ...]
    units: dict[str, str]
    duals: frozenset[str]
    dual_units: dict[str, str]                  # folded dual -> singular base (جثتين -> جثة)
    hedge_verbs: frozenset[str]
    products: frozenset[str]
    below_zero: tuple[tuple[str, ...], ...]
    fraction_wholes: frozenset[str]
    not_units: frozenset[str]
    subjects: frozenset[str]
    reference: frozenset[str]
    year_cues: frozenset[str]
    months_prev: frozenset[str]
    months_next: frozenset[str]
    era: frozenset[str]
    measure_nouns: frozenset[str]           # مساحة، طول: "م" after their number is metres, not an era
    time_marks: frozenset[str]
    clock_nouns: frozenset[str]             # "الساعة الـ7" is a time, not the 7th
    currency_signs: dict[str, str]          # "$" -> دولار
    counted_after: frozenset[str]           # "الـ10 الأولى": the first ten, a count
    scores: frozenset[str]
    negative: frozenset[str]
    not_wholes: frozenset[str]
    ordinal_not_before: frozenset[str]
    ordinal_not_after: frozenset[str]
    date_cues: frozenset[str]
    ranks: frozenset[str]
    month_numbers: frozenset[str]           # number words that also name a month (صفر)


def _folded(words: list[str]) -> frozenset[str]:
    return frozenset(normalize(w) for w in words)


def _dual_forms(singular: str) -> tuple[str, ...]:
    """The nominative and oblique duals of a singular noun: جثة -> جثتان/جثتين, طفل -> طفلان/طفلين."""
    if singular.endswith("ة"):
        stem = singular[:-1] + "ت"
    elif singular.endswith("ى"):
        stem = singular[:-1] + "ي"
    else:
        stem = singular
    return stem + "ان", stem + "ين"


def _joined_spellings(phrase: tuple[str, ...], particles: frozenset[str]) -> list[tuple[str, ...]]:
    """The phrase as written, then with each particle of `particles` joined to the word after it,
    in every combination ("ما لا يقل عن" is also "مالا يقل عن", "ما لايقل عن", "مالايقل عن")."""
    spellings = [((phrase[0],), phrase[0] in particles)]
    for word in phrase[1:]:
        grown = []
        for words, ends_in_particle in spellings:
            grown.append((words + (word,), word in particles))
            if ends_in_particle:
                grown.append((words[:-1] + (words[-1] + word,), word in particles))
        spellings = grown
    return [words for words, _ in spellings]


@lru_cache(maxsize=1)
def _vocab() -> _Vocab:
    data = json.loads(resources.files("marsad.extract").joinpath("data/quantities.json").read_text("utf-8"))
    hedges: dict[tuple[str, ...], str] = {}
    joined = _folded(data["joined_particles"])
    for qualifier, phrases in data["hedges_before"].items():
        for phrase in phrases:
            for spelling in _joined_spellings(tuple(normalize(phrase).split()), joined):
                hedges.setdefault(spelling, qualifier)
    units: dict[str, str] = {}
    for base, forms in data["units"].items():
        for form in (base, *forms):
            if " " not in form:
                units.setdefault(normalize(form), base)
    dual_units: dict[str, str] = {}
    for singular in data["dual_singulars"]:
        for form in _dual_forms(singular):
            dual_units.setdefault(normalize(form), units.get(normalize(singular), singular))
    for word in data["duals"]:
        dual_units.setdefault(normalize(word), units.get(normalize(word), word))
    duals = frozenset(dual_units)
    forms: dict[str, tuple[str, str]] = {}
    words = set(lexicon()) | set(vague_words()) | set(duals) | set(fraction_words()) | set(ordinal_words())
    bare_only = _folded(data["no_proclitics"])
    for prefix in reversed(_PREFIXES):     # shortest prefix wins: "واحد" is واحد, not و + أحد
        for word in words:
            if prefix not in ("", "و") and word in bare_only:
                continue                   # "كمية" is not ك + مية, "المية" is water
            forms[prefix + word] = (prefix, word)
    months = set(month_names("gregorian")) | set(month_names("hijri"))
    first_words = {m.split()[0] for m in months}
    # the first word of a month name whose second word is an ordinal: كانون الثاني, ربيع الأول
    month_heads = {normalize(m.split()[0]) for m in months
                   if len(m.split()) == 2 and normalize(m.split()[1]).removeprefix("ال") in ordinal_words()}
    return _Vocab(
        forms=forms,
        form_set=frozenset(forms),
        hedges=hedges,
        hedge_len=max(len(h) for h in hedges),
        hedges_after={tuple(normalize(p).split()): q for q, ps in data["hedges_after"].items() for p in ps},
        percent=tuple(tuple(normalize(p).split()) for p in data["percent_after"]),
        units=units,
        duals=duals,
        dual_units=dual_units,
        hedge_verbs=_folded(data["hedge_verbs"]),
        products=_folded(data["product_words"]),
        below_zero=tuple(tuple(normalize(p).split()) for p in data["below_zero"]),
        fraction_wholes=_folded(data["fraction_wholes"]),
        not_units=_folded(data["not_units"]),
        subjects=_folded(data["subject_nouns"]),
        reference=_folded(data["reference_nouns"]),
        year_cues=_folded(data["year_cues"]),
        months_prev=frozenset(first_words - {"اب", "ماي", "صفر", "may", "mar"}),
        months_next=frozenset(first_words),
        era=_folded(data["era_marks"]),
        measure_nouns=_folded(data["measure_nouns"]),
        time_marks=_folded(data["time_marks_after"]),
        clock_nouns=_folded(data["clock_nouns"]),
        currency_signs=dict(data["currency_signs"]),
        counted_after=_folded(data["counted_after_definite_digits"]),
        scores=_folded(data["score_cues"]),
        negative=_folded(data["negative_before"]),
        not_wholes=_folded(data["not_fraction_wholes"]),
        ordinal_not_before=_folded(data["ordinal_not_before"]),
        ordinal_not_after=_folded(data["ordinal_not_after"]) | month_heads,
        date_cues=_folded(data["numeric_date_cues"]),
        ranks=_folded(data["rank_words"]),
        month_numbers=frozenset(normalize(m) for m in months) & frozenset(lexicon()),
    )


_TRAILING_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]*")


def _span(folded: FoldMap, fs: int, fe: int, text: str) -> tuple[int, int]:
    """Original [start, end) of folded [fs, fe), keeping the marks written on the last letter."""
    return folded.original(fs), _TRAILING_MARKS.match(text, folded.original(fe - 1) + 1).end()


# --- candidates --------------------------------------------------------------------------------

_GLUED = (",", ".", '"', "(", ")", ":", ";", "!", "?", "-", "/", "'", "[", "]")   # folded: « » ، are " ,
_DIGITS = re.compile(r"\d+(?:[.,:/]\d+)*")     # what precedes is checked per match: cheaper
_NUMBER_PREFIXES = frozenset(_PREFIXES)
_COMMA = re.compile(",")
# A pattern that opens with a look-behind is tried at every character; these digit-led hints
# (scanned fast) say first whether the text holds the form at all.
_RA_HINT = re.compile(r"\dر\d")
_SPACED_HINT = re.compile(r"\d \d\d\d")
_SPACED_THOUSANDS = re.compile(r"(?<![\d.,])(?<!\d )(?!0)\d{1,3}(?: \d{3})+(?!\d|[.,]\d| \d)")   # not in a table row


@dataclass(frozen=True, slots=True)
class _Anchor:
    start: int          # where the clitics start (or the minus sign)
    core: int           # where the number (word or digits) starts
    pre: str
    word: str           # the number word, or '' for digits
    num: str            # the digits, or ''
    sign: int = 1       # -1 after a minus sign glued to the digits ("-1.2")


def _anchors(folded: str, vocab: _Vocab) -> list[_Anchor]:
    """Every place a number may start, in order."""
    found: list[_Anchor] = []
    for m in _DIGITS.finditer(folded):
        at = begin = m.start()
        if at and folded[at - 1] == "-" and _minus_sign(folded, at - 1):
            found.append(_Anchor(at - 1, at, "", "", m.group(), -1))
            continue
        if at and folded[at - 1] in ".,:/#@+-":
            continue
        while begin > 0 and at - begin < 4 and folded[begin - 1].isalpha():
            begin -= 1
        pre = folded[begin:at]
        if pre not in _NUMBER_PREFIXES or (begin > 0 and (folded[begin - 1].isalnum() or folded[begin - 1] in "#@+-")):
            continue
        found.append(_Anchor(begin, at, pre, "", m.group()))
    spaced = folded
    for mark in _GLUED:
        if mark in spaced:
            spaced = spaced.replace(mark, " ")
    tokens = set(spaced.split())
    for token in tokens & vocab.form_set:
        pre, word = vocab.forms[token]
        at = folded.find(token)
        while at >= 0:
            end = at + len(token)
            if (at == 0 or not (folded[at - 1].isalnum() or folded[at - 1] in ".,:/#@+-")) and (
                    end == len(folded) or not folded[end].isalpha()):
                found.append(_Anchor(at, at + len(pre), pre, word, ""))
            at = folded.find(token, end)
    found.sort(key=lambda a: a.start)
    return found


_BEFORE_SCALE = re.compile(r"(\d{1,2})\s*([^\W\d_]+)")


def _decimal_comma(folded: str, comma: int) -> bool:
    """An Arabic comma between digits and one or two digits before a scale word ("54،9 مليون",
    "127،8 مليار") is a decimal comma, as some papers print it: a list would not put a scale
    word after its last item's fraction of digits."""
    if not (comma and folded[comma - 1].isdigit()):
        return False
    after = _BEFORE_SCALE.match(folded, comma + 1)      # a third digit fails the match: a scale word must follow
    if after is None:
        return False
    atom = lexicon().get(after.group(2))
    return atom is not None and atom.kind == "scale" and atom.value >= 1000


def _thousands_group(folded: str, comma: int) -> bool:
    """An Arabic comma between up to three digits and exactly three ("85،539") groups thousands."""
    before = re.search(r"(?<!\d)\d{1,3}$", folded[max(0, comma - 4):comma])
    return before is not None and re.match(r"\d{3}(?!\d)", folded[comma + 1:comma + 5]) is not None


def _minus_sign(folded: str, at: int) -> bool:
    """A '-' at `at` is a minus when it opens a word and no number stands just before it ("5 -10")."""
    if at and not (folded[at - 1].isspace() or folded[at - 1] in "(["):
        return False
    before = folded[max(0, at - 12):at].rstrip()
    return not before or not (before[-1].isdigit() or before[-1] in "-–")


_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+|\S")
_RLM_DECIMAL = re.compile("(\\d+)(\\.\u200f)(\\d+)")
_RA_DECIMAL = re.compile(r"(?<![\w.,])(\d+)ر(\d+)(?![\w.,])")
_DIGIT_FRACTION = re.compile(r"(\d+)/(\d+)(?![\d/])")
_MIXED_FRACTION = re.compile(r"(\d+)[^\S\n]+(\d+)/(\d+)(?![\d/])")


class _Tokens:
    """The folded tokens from a candidate onwards, read lazily a few at a time (most need few)."""

    def __init__(self, folded: str, start: int) -> None:
        self.folded = folded
        self.pos = start
        self.words: list[str] = []
        self.spans: list[tuple[int, int]] = []

    def __getitem__(self, i: int) -> str:
        if i < 0:
            return ""
        while len(self.words) <= i:
            if not self._more():
                return ""
        return self.words[i]

    def _more(self) -> bool:
        folded, pos = self.folded, self.pos
        end = folded.find(" ", pos + 40)
        end = len(folded) if end < 0 else end
        before = len(self.words)
        for m in _TOKEN.finditer(folded, pos, end):
            self.words.append(m.group())
            self.spans.append(m.span())
        self.pos = end
        return len(self.words) > before

    def phrase_at(self, i: int, phrases: dict[str, tuple[tuple[str, ...], ...]]) -> tuple[int, tuple[str, ...]]:
        """(length, phrase) of the first of `phrases` (keyed by first word) starting at token i."""
        for phrase in phrases.get(self[i], ()):
            if all(self[i + k] == w for k, w in enumerate(phrase)):
                return len(phrase), phrase
        return 0, ()


_WORD = re.compile(r"\w+")


def _words_before(folded: str, pos: int, n: int) -> list[tuple[str, int]]:
    """Up to n (word, start) before `pos`, nearest first; punctuation between words is skipped."""
    base = max(0, pos - 12 * n)
    found = [(m.group(), base + m.start()) for m in _WORD.finditer(folded[base:pos])]
    if found and base > 0 and found[0][1] == base:
        found = found[1:]            # a word cut by the window
    return found[::-1][:n]


def _strip_definite(word: str) -> str:
    for prefix in ("وال", "بال", "فال", "لل", "ال"):
        if word.startswith(prefix) and len(word) > len(prefix) + 1:
            return word[len(prefix):]
    return word


def _vague_kind(word: str) -> str | None:
    table = vague_words()
    return table.get(word) or table.get(_strip_definite(word))


@dataclass
class _Found:
    fs: int                      # folded span
    fe: int
    value: float | int | None
    low: float | int | None = None
    high: float | int | None = None
    qualifier: str = "exact"
    unit: str | None = None
    kind: str = "cardinal"


@lru_cache(maxsize=1)
def _below_index() -> dict:
    index: dict[str, list] = {}
    for phrase in sorted(_vocab().below_zero, key=len, reverse=True):
        index.setdefault(phrase[0], []).append(phrase)
    return index


@lru_cache(maxsize=1)
def _phrase_index() -> tuple[dict, dict, dict]:
    vocab = _vocab()
    after: dict[str, list] = {}
    for phrase in sorted(vocab.hedges_after, key=len, reverse=True):
        after.setdefault(phrase[0], []).append(phrase)
    percent: dict[str, list] = {}
    for phrase in sorted(vocab.percent, key=len, reverse=True):
        percent.setdefault(phrase[0], []).append(phrase)
    hedges: dict[str, list] = {}
    for phrase in sorted(vocab.hedges, key=len, reverse=True):
        hedges.setdefault(phrase[-1], []).append(phrase)
    return after, percent, hedges


class _Extractor:
    def __init__(self, text: str) -> None:
        self.text = text
        self.vocab = _vocab()
        # "3.\u200f1": a right-to-left mark after the decimal point shows 1.3 (the digits were typed
        # in display order); swap the two sides in what we fold (same length, offsets unchanged)
        shown = _RLM_DECIMAL.sub(lambda m: f"{m.group(3)}{m.group(2)}{m.group(1)}", text) if "\u200f" in text else text
        self.fold = fold_with_offsets(shown)
        self.folded = self.fold.text
        if _RA_HINT.search(self.folded):
            # "9ر26%", "6ر2 مليار": agencies write the decimal mark ر with the fraction first, as it
            # shows right to left; read 26.9 and 2.6 (same length: offsets unchanged)
            self.folded = _RA_DECIMAL.sub(lambda m: f"{m.group(2)}.{m.group(1)}", self.folded)
        if _SPACED_HINT.search(self.folded):
            # "1 500 000": thousands grouped by spaces, as French and some agency copy write them;
            # the spaces become commas in what we fold (same length: offsets unchanged)
            self.folded = _SPACED_THOUSANDS.sub(lambda m: m.group().replace(" ", ","), self.folded)
        if "\u060c" in text:
            # the Arabic comma separates items ("7771،7546"): keep it apart from the Latin comma
            # folding made of it (one character for one, offsets unchanged), unless it groups
            # thousands ("85،539") or marks decimals before a scale word ("54،9 مليون")
            chars = list(self.folded)
            for m in _COMMA.finditer(self.folded):
                i = m.start()
                if text[self.fold.original(i)] == "\u060c" and not _thousands_group(self.folded, i) \
                        and not _decimal_comma(self.folded, i):
                    chars[i] = ";"
            self.folded = "".join(chars)
        self.after_index, self.percent_index, self.hedge_index = _phrase_index()

    def run(self) -> list[Quantity]:
        out: list[Quantity] = []
        consumed = 0
        for anchor in _anchors(self.folded, self.vocab):
            if anchor.start < consumed:
                continue
            found = self._candidate(anchor)
            if found is None:
                if anchor.num:
                    consumed = anchor.core + len(anchor.num)
                continue
            consumed = found.fe
            start, end = _span(self.fold, found.fs, found.fe, self.text)
            if anchor.sign < 0 and found.value is not None:
                found.value = -found.value
            out.append(Quantity(self.text[start:end], found.value, found.low, found.high, found.qualifier,
                                found.unit, start, end, _kind(found)))
        return out

    def _candidate(self, a: _Anchor) -> _Found | None:
        vocab = self.vocab
        tokens = _Tokens(self.folded, a.core)
        before = _words_before(self.folded, a.start, vocab.hedge_len + 1)
        prev = before[0][0] if before else ""
        hedge = self._hedge(before, a.pre)
        start = hedge[1] if hedge else a.core
        word = a.word
        if word and _vague_kind(word) and (a.pre.endswith(_DEFINITE) or read_number(tokens) is None):
            return self._vague(tokens, a.core - 2 if a.pre.endswith("ال") and not hedge else start, word)
        if word in ordinal_words() or (a.pre.endswith("ال") and _is_ten(word) and (not before or self._singular_before(before))):
            return self._ordinal(a, tokens, prev, word)
        if a.num and _DIGIT_FRACTION.fullmatch(a.num):
            return self._digit_fraction(a, prev, hedge, start)
        if word in vocab.month_numbers and self._names_month(tokens, prev):
            return None          # "15 صفر 1437": the month, not zero
        if word and a.pre.endswith("ال") and (hedge or prev in ("الي", "حتي")) and \
                (found := self._definite_fraction(a, tokens, word, hedge, start)) is not None:
            return found             # "أكثر من الثلث", "تراجعت إلى النصف"
        if word and a.pre.endswith(_DEFINITE):
            if hedge and a.pre == "ال" and (read := read_number(tokens)) is not None and read.value >= 10:
                return self._quantity(a, tokens, read, prev, hedge, start)   # "ما يقارب الألف قميص"، "نحو العشرين"
            atom = lexicon().get(word)
            if a.pre == "ال" and atom is not None and atom.kind == "scale" and tokens[1] and \
                    _strip_definite(tokens[1]) in vocab.units and (read := read_number(tokens)) is not None:
                return self._quantity(a, tokens, read, prev, None, a.start)  # "مبلغ المليار دولار"
            found = None
            if a.pre == "ال" and before and not hedge:
                found = self._definite_after_noun(tokens, word, before[0]) or (
                    self._definite_after_noun(tokens, word, before[0], head=before[1]) if len(before) > 1 else None) \
                    or self._definite_after_noun(tokens, word, before[0], loose=True)
            if found is None:    # "الثلاث سنوات", and after ل: "للعشر سنوات القادمة"
                found = self._definite_before_noun(a, tokens, word)
            return found         # None for "الثلاثة" alone, "الاثنين" (Monday), "العشرين" (the twentieth)
        if word in vocab.duals:
            tokens[0]
            end, after = tokens.spans[0][1], 1
            if lexicon().get(tokens[1]) is not None and lexicon()[tokens[1]].value == 2:
                end, after = tokens.spans[1][1], 2         # "طفلين اثنين"
            found = _Found(start, end, 2, qualifier=hedge[0] if hedge else "exact",
                           unit=vocab.dual_units.get(word))
            self._and_a_fraction(tokens, after, found)    # "سنتين ونصف": 2.5
            return found
        atom = lexicon().get(word) if word else None
        if a.pre == "و" and before and (found := self._noun_and_a_fraction(a, before[0])) is not None:
            return found
        if word in fraction_words() or tokens[1] in fraction_words() or "من" in (tokens[1], tokens[2], tokens[3]):
            found = self._fraction(tokens, word or a.num, start, hedge)
            if found is not None:
                return found
        read = read_number(tokens)
        if read is not None and a.num and not hedge and (
                found := self._definite_digit_ordinal(a, tokens, read, before)):
            return found
        if read is None or self._is_reference(prev) or self._listed_reference(before):
            return None
        if (atom is not None and atom.kind == "scale" and atom.count == 1 and read.words == 1
                and word.endswith("ا") and self._counted_noun_follows(tokens, 1)):
            # "سينضم ألفا مهندس": a nominative dual in construct (2000), not the accusative ألفًا
            read = NumberRead(2 * read.value, read.start, read.end, read.last_kind, 1, read.scale, read.first)
        if word and read.words == 1 and read.first is not None and (
                not read.first.standalone or (a.pre.endswith("ل") and word == "ست")
                or (read.first.needs_noun and not self._counted_noun_follows(tokens, 1))):
            return None          # "أحد" alone is "one of"; "لست" is "I am not"; "متين" alone is "solid"
        if a.num and read.words == 1 and (scaled := self._quoted_scale(a, tokens)) is not None:
            read, start = scaled, min(start, self._mark_before(a.core))
        if a.num and self._names_not_counts(tokens, read, a.num, prev, hedge is not None):
            return None
        if a.num and a.sign > 0:
            mixed = _MIXED_FRACTION.match(self.folded, a.core)
            if mixed and 0 < int(mixed.group(2)) < int(mixed.group(3)) <= 12:
                value = int(mixed.group(1)) + int(mixed.group(2)) / int(mixed.group(3))   # "2 1/4"
                return _Found(start, mixed.end(), round(value, 3), qualifier=hedge[0] if hedge else "exact",
                              unit=self._unit_after(mixed.end()), kind="fraction")
        found = self._quantity(a, tokens, read, prev, hedge, a.start if a.sign < 0 and hedge is None else start)
        if found is not None and found.unit is None and a.num and tokens[read.end] == ")" and \
                self.folded[self._mark_before(a.core)] == "(":
            found.unit = self._unit_after(tokens.spans[read.end][1])     # "(250) حوش", "(15) رحلة"
        if found is not None and hedge is None and prev in vocab.negative and found.value is not None:
            found.value, found.fs = -found.value, before[0][1]       # "سالب خمسة", "ناقص 3 درجات"
        return found

    def _definite_fraction(self, a: _Anchor, tokens: _Tokens, word: str, hedge: tuple[str, int] | None,
                           start: int) -> _Found | None:
        """A fraction with the article after a hedge or "إلى": "أكثر من الثلث" (more than a third);
        not a period ("النصف الأول", "الربع الأخير") nor a word that is also a number (الخمس)."""
        hit = fraction_words().get(word)
        atom = lexicon().get(word)
        if hit is None or hit[1] != "one" or atom is None or atom.kind != "frac":
            return None              # الخمس، العشر are also numbers, الثمن a price
        nxt = tokens[1]
        if _strip_definite(nxt) in ordinal_words() or nxt in ("الاخير", "الاخيره", "الاول", "الثاني"):
            return None
        tokens[0]
        fs = start if hedge else a.core - 2
        return _Found(fs, tokens.spans[0][1], round(1 / hit[0], 3), qualifier=hedge[0] if hedge else "exact",
                      kind="fraction")

    def _noun_and_a_fraction(self, a: _Anchor, noun: tuple[str, int]) -> _Found | None:
        """"متر ونصف المتر", "أكثر من عام ونصف": one of the singular noun before, and a fraction."""
        word, at = noun
        if normalize(self.vocab.units.get(word) or "") != word:
            return None
        part = self._trailing_fraction(_Tokens(self.folded, a.start), 0, whole=word)
        if part is None:
            return None
        hedged = self._hedge(_words_before(self.folded, at, self.vocab.hedge_len + 1), "")
        return _Found(hedged[1] if hedged else at, part[1], 1 + part[0],
                      qualifier=hedged[0] if hedged else "exact", unit=self.vocab.units[word], kind="fraction")

    def _mark_before(self, core: int) -> int:
        """Where the character before the digits at `core` stands, spaces skipped: "( 25 )" is
        typed with spaces inside the brackets as often as without."""
        at = core - 1
        while at > 0 and self.folded[at] == " " and core - at < 3:
            at -= 1
        return max(at, 0)

    def _quoted_scale(self, a: _Anchor, tokens: _Tokens) -> NumberRead | None:
        """"(35) ألف", "( 25 ) مليون", "«14» مليون": digits in marks with their scale written after
        the marks."""
        if not (a.core and self.folded[self._mark_before(a.core)] in '("' and tokens[1] in ')"'):
            return None
        scaled = read_number([tokens[0], tokens[2]])
        if scaled is None or scaled.end != 2 or scaled.scale <= 1:
            return None
        return NumberRead(scaled.value, 0, 3, "scale", 2, scaled.scale, None)

    def _names_month(self, tokens: _Tokens, prev: str) -> bool:
        """A number word that is also a month (صفر) names the month after a day or before a year."""
        nxt = tokens[1]
        return (prev.isdigit() and int(prev) <= 30) or prev.removeprefix("ال") in ordinal_words() or (
            nxt.isdigit() and len(nxt) == 4) or nxt in self.vocab.era

    def _singular_before(self, before: list[tuple[str, int]]) -> bool:
        """A definite singular noun before "العشرين": the ordinal ("الذكرى العشرين", "القرن العشرين")."""
        if not before:
            return False
        noun = before[0][0]
        bare = _strip_definite(noun)
        if bare == noun or bare in lexicon() or bare.endswith(("ات", "ين", "ون")):
            return False
        base = self.vocab.units.get(bare)
        return base is None or normalize(base) == bare

    def _definite_digit_ordinal(self, a: _Anchor, tokens: _Tokens, read: NumberRead,
                                before: list[tuple[str, int]]) -> _Found | None:
        """Digits with the article after a definite singular noun, nothing counted after them:
        "الاجتماع الـ22 للجنة", "الدورة الـ 20" (the 22nd, the 20th); "الـ24 ساعة" and "السنوات
        الـ50" count, and a clock hour ("الساعة الـ7") is a time."""
        if a.pre == "ال":
            fs, nouns = a.core - 2, before[:1]
        elif not a.pre and before and before[0][0] == "ال":
            fs, nouns = before[0][1], before[1:2]
        else:
            return None
        if read.words != 1 or not a.num.isdigit() or not nouns or not self._singular_before(nouns):
            return None
        vocab, noun, nxt = self.vocab, _strip_definite(nouns[0][0]), tokens[1]
        if noun in vocab.clock_nouns or self._subject(noun) or nxt in vocab.time_marks or \
                tokens.phrase_at(1, self.percent_index)[0] or self.folded[a.core - 1] == "(":
            return None          # "وصلت الحصيلة الـ300": the subject of a count
        if nxt in vocab.counted_after or (nxt == "من" and (
                tokens[2] in vocab.months_next or _strip_definite(tokens[2]) == "شهر")):
            return None          # "المراتب الـ10 الأولى" (the first ten); "الخميس الـ30 من يوليو", a day
        if self._counted_noun_follows(tokens, 1) and not (nxt[:1] == "ل" and nxt not in vocab.units):
            return None          # "الـ24 ساعة"; "الذكرى الـ25 لتأسيسه" has a ل- phrase, not a noun
        return _Found(fs, tokens.spans[0][1], int(a.num), kind="ordinal")

    def _ordinal(self, a: _Anchor, tokens: _Tokens, prev: str, word: str) -> _Found | None:
        """"الثالث", "الحادية عشرة", "الثاني والعشرين", "ثالث أكبر", "المرة الأولى": kind ordinal."""
        vocab = self.vocab
        nxt = tokens[1]
        if prev in vocab.ordinal_not_after or nxt in vocab.ordinal_not_before:
            return None          # "كانون الثاني", "ربيع الأول", "ثاني أكسيد", "أول أمس"
        if word == "اول" and nxt == "من" and tokens[2] in vocab.ordinal_not_before:
            return None          # "أول من أمس"
        if word == "اول" and not a.pre and _strip_definite(prev) in vocab.ranks:
            return None          # "الفريق أول", "ملازم أول": a rank
        after = lexicon().get(nxt)
        if after is not None and after.kind == "unit" and after.value < 10:
            return None          # "ثانية واحدة": a second of time
        if word == "اولي":
            s, e = _span(self.fold, *tokens.spans[0], self.text)
            if dediacritize(self.text[s:e]).endswith("ي"):
                return None      # "الأولي" (initial), not "الأولى" (the first)
        read = read_ordinal([word, *(tokens[i] for i in range(1, 4))])
        if read is None or (read[1] == 1 and word.startswith("حادي")):
            return None          # "حادي" is only the 1 of 11, 21...
        fs = a.core - 2 if a.pre.endswith("ال") else a.core
        return _Found(fs, tokens.spans[read[1] - 1][1], read[0], kind="ordinal")

    def _digit_fraction(self, a: _Anchor, prev: str, hedge: tuple[str, int] | None, start: int) -> _Found | None:
        """"3/4", "٧٧/١٠٠": a fraction when the numerator is the smaller and it cannot be a day/month
        (a denominator over 31, or up to 12 with no date word before); otherwise a date's business."""
        numerator, denominator = (int(x) for x in a.num.split("/"))
        if not 0 < numerator < denominator:
            return None
        if denominator <= 31 and (denominator > 12 or prev in self.vocab.date_cues or prev in self.vocab.months_next):
            return None
        end = a.core + len(a.num)
        value = round(a.sign * numerator / denominator, 3)
        return _Found(a.start if a.sign < 0 else start, end, value, qualifier=hedge[0] if hedge else "exact",
                      unit=self._unit_after(end), kind="fraction")

    def _surface(self, tokens: _Tokens, i: int, word: str) -> str:
        """Token i as printed (diacritics dropped), without the article: "الأعضاء" -> "أعضاء"."""
        start, end = _span(self.fold, *tokens.spans[i], self.text)
        surface = dediacritize(self.text[start:end])
        bare = _strip_definite(word)
        return surface[len(word) - len(bare):] if len(surface) == len(word) else bare

    def _unit_after(self, fe: int) -> str | None:
        """The counted noun right after folded offset `fe` (for numbers read outside the token reader)."""
        return self._unit(_Tokens(self.folded, fe), 0, definite_ok=False, accusative=False)[0]

    def _is_reference(self, prev: str) -> bool:
        """A word that makes the next number a name ("رقم", "بالرقم", "للرقم", "الخط الساخن")."""
        ref = self.vocab.reference
        return prev in ref or (prev[:1] in "وبفل" and prev[1:] in ref) or (
            prev.startswith(("لل", "بال", "وال")) and ("ال" + prev[(2 if prev[:2] == "لل" else 3):]) in ref)

    def _listed_reference(self, before: list[tuple[str, int]]) -> bool:
        """The second number after a name noun in the dual ("المادتين 5 و7", "الدورتين (35) و(10)"):
        it names too ("الساعة 10 و30 دقيقة" still counts minutes)."""
        words = [w for w, _ in before]
        if words[:1] == ["و"]:
            words = words[1:]
        return len(words) >= 2 and words[0].isdigit() and words[1].endswith("ين") and self._is_reference(words[1])

    def _counted_noun_follows(self, tokens: _Tokens, i: int) -> bool:
        """Token i is an indefinite noun that a number word can govern (not a number, particle, ال-)."""
        word = tokens[i]
        if not word or not word[0].isalpha() or word in self.vocab.not_units or word in lexicon():
            return False
        if word.startswith(("ال", "لل", "و", "ف")) and word not in self.vocab.units:
            return False
        start, end = _span(self.fold, *tokens.spans[i - 1], self.text)
        return "\u064b" not in self.text[start:end]      # ألفًا with tanween is accusative: 1000

    def _definite_after_noun(self, tokens: _Tokens, word: str, prev: tuple[str, int],
                             head: tuple[str, int] | None = None, loose: bool = False) -> _Found | None:
        """"السنوات الخمس", "الأيام الثلاثة": a definite 3-10 agreeing with the counted noun before it;
        with `head`, the counted noun heads a construct before it ("أيام العيد الأربعة"); `loose`, a
        noun the units table does not know ("المواسم الثلاثة") or one made definite by a possessive
        ("أولادها الخمسة", "رفاقه الأربعة"), tried after both."""
        atom = lexicon().get(word)
        noun, at = prev
        if atom is None or atom.kind != "unit" or not 3 <= atom.value <= 10:
            return None
        if not noun.startswith(_DEFINITE) and not (noun[:1] in "وبف" and noun[1:3] == "ال"):
            owned = self._possessed_noun(noun, at) if loose and head is None else None
            tokens[0]
            if owned is None or self.folded[at + len(noun):tokens.spans[0][0] - 2].strip():
                return None
            return _Found(at + _conjunction(noun), tokens.spans[0][1], int(atom.value), unit=owned)
        if head is None:
            unit = self.vocab.units.get(_strip_definite(noun))
        else:
            clitic = 1 if head[0][:1] in "وبفل" and head[0][1:] in self.vocab.units else 0
            unit = self.vocab.units.get(head[0][clitic:])
        if unit is None and loose:
            unit = self._noun_before(noun, at)       # "المواسم الثلاثة": any definite noun it agrees with
        if unit is None:
            return None
        if head is not None:
            noun, at = head[0], head[1] + clitic
            if self.folded[head[1] + len(noun):prev[1]].strip():
                return None
        tokens[0]
        value, end = int(atom.value), tokens.spans[0][1]
        if atom.value < 10 and (ten := lexicon().get(tokens[1][3:] if tokens[1].startswith("وال") else "")) \
                is not None and ten.kind == "ten":
            value, end = value + int(ten.value), tokens.spans[1][1]    # "الدول الخمس والعشرين": 25
        if head is not None:
            return _Found(at, end, value, unit=unit)
        if self.folded[at + len(noun):tokens.spans[0][0] - 2].strip():
            return None          # punctuation between: not one phrase
        shift = 1 if noun[:1] in "وبف" or noun.startswith("لل") else 0
        return _Found(at + shift, end, value, unit=unit)

    def _possessed_noun(self, noun: str, at: int) -> str | None:
        """The plural a possessive suffix makes definite, as written without the suffix ("أولادها" ->
        "أولاد"), when it can be counted: a stem of four letters at least that is no number, no word
        of `not_units` and no imperfect verb ("يعطيهم الثلاثة"، "سيعطيهم الثلاثة")."""
        clitic = _conjunction(noun)
        bare = noun[clitic:]
        for suffix in _PRONOUNS:
            stem = bare[: -len(suffix)]
            if bare.endswith(suffix) and len(stem) >= 4 and stem.isalpha():
                verb = stem[:1] in "يتن" or stem[:2] in ("سي", "ست", "سن")
                if stem in self.vocab.not_units or stem in lexicon() or verb and stem not in self.vocab.units:
                    return None
                known = self.vocab.units.get(stem)
                if known is not None:
                    return known
                start, end = _span(self.fold, at + clitic, at + clitic + len(stem), self.text)
                surface = dediacritize(self.text[start:end])
                surface = surface if len(surface) == len(stem) else stem
                return surface[:-1] + "ء" if surface[-1] in "ؤئ" else surface    # أبناؤه: أبناء
        return None

    def _noun_before(self, noun: str, at: int) -> str | None:
        """The counted noun a definite 3-10 follows when the units table does not know it, as written
        without its article ("المواسم"); None for a word that cannot be counted (a number, a particle)."""
        bare = _strip_definite(noun)
        if len(bare) < 3 or not bare.isalpha() or bare in self.vocab.not_units or bare in lexicon() \
                or bare in ordinal_words() or bare in self.vocab.month_numbers:
            return None
        start, end = _span(self.fold, at, at + len(noun), self.text)
        surface = dediacritize(self.text[start:end])
        return surface[len(surface) - len(bare):] if len(surface) == len(noun) else bare

    def _definite_before_noun(self, a: _Anchor, tokens: _Tokens, word: str) -> _Found | None:
        """"الثلاث سنوات", "فئة الخمسة ريالات", "الأربع وعشرين ساعة", "الخمسين سنة الأخيرة": a
        definite 3-10, unit and ten, or ten before an indefinite noun it counts (the article on the
        number, as everyday writing puts it); "الثلاث جهات": a plural the units table lacks; "في
        العشرين من عمره": an age."""
        atom = lexicon().get(word)
        if atom is None or atom.kind not in ("unit", "ten"):
            return None
        value, i = int(atom.value), 1
        ten = lexicon().get(tokens[1][1:]) if atom.kind == "unit" and tokens[1].startswith("و") else None
        if ten is not None and ten.kind == "ten" and 1 <= value <= 9:
            value, i = value + int(ten.value), 2
        elif atom.kind == "unit" and not 3 <= value <= 10:
            return None
        fs = a.core - (2 if a.pre.endswith("ال") else 1)
        noun = tokens[i]
        if noun == "من" and tokens[i + 1].startswith("عمر") and a.pre.endswith("ال"):
            return _Found(fs, tokens.spans[i + 1][1], value, unit="عام")      # an age
        unit = self.vocab.units.get(noun)
        if unit is None and i == 1 and atom.kind == "unit" and word != "ست" and noun.endswith("ات") \
                and self._counted_noun_follows(tokens, 1):
            unit = self._surface(tokens, 1, noun)          # "الثلاث جهات" ("الست" is also "the lady")
        if unit is None or (atom.kind == "ten" or i == 2) and noun.endswith("ات"):
            return None          # a ten counts a singular: "الخمسين سنة"
        return _Found(fs, tokens.spans[i][1], value, unit=unit)

    def _fraction(self, tokens: _Tokens, word: str, start: int, hedge) -> _Found | None:
        """"ربع نقطة مئوية" (0.25 نقطة), "ثلث السكان" (0.333, of the population), "ثلاثة أرباع" (0.75),
        "واحد من مئة" (0.01), "ثلاثة أرباع مليون" (750,000); never "ربع النهائي" (a quarter-final)."""
        words = [word, *(tokens[i] for i in range(1, 9))]
        read = read_fraction(words)
        if read is None:
            return None
        nxt = words[read.end]
        if nxt in self.vocab.not_wholes or _strip_definite(nxt) in self.vocab.not_wholes:
            return None
        if nxt[:1].isalpha() and _strip_definite(nxt) != nxt and nxt not in self.vocab.not_units:
            unit: str | None = self._surface(tokens, read.end, nxt)       # the whole it is taken of
            width = 1
        else:
            unit, width = self._unit(tokens, read.end, definite_ok=False, accusative=False)
        value = read.value if float(read.value).is_integer() else round(read.value, 3)
        return _Found(start, tokens.spans[read.end - 1 + width][1], value, qualifier=hedge[0] if hedge else "exact",
                      unit=unit, kind="fraction" if read.fraction else "cardinal")

    def _hedge(self, before: list[tuple[str, int]], pre: str) -> tuple[str, int] | None:
        """(qualifier, folded start) of the hedge phrase that ends right before the number."""
        if pre in ("ب", "بال"):        # "يقدر بـ500": the ب is glued to the number
            before = [("ب", -1), *before]
        if before and before[0][0] == "ال":
            before = before[1:]
        if not before:
            return None
        found = self._hedge_phrase(before)
        skipped = 0
        if found is None and len(before) >= 2:
            # a subject between a hedging verb and its number: "يفوق عدد الضحايا 300", "تقدر الخسائر بـ700"
            k = 1 if before[0][0] == "ب" else 0
            for skip in (1, 2):
                nouns = [w for w, _ in before[k:k + skip]]
                if all(w.startswith("ال") or self._subject(w) for w in nouns):
                    # "تجاوز عددهم الألف"، "تجاوزت عوائد المشاركين المليون"
                    found = self._hedge_phrase(before[:k] + before[k + skip:], verbs_only=True)
                    if found is not None:
                        skipped = skip
                        break
        if found is None:
            return None
        qualifier, start, n = found
        negated = [w for w, _ in before[n + skipped:n + skipped + 1]] in (["لم"], ["لن"], ["لا"])
        if negated and qualifier == "more_than":
            qualifier = "at_most"            # "لم تتجاوز 30%"
        return qualifier, start

    def _subject(self, word: str) -> bool:
        """A noun a hedging verb may have before its number, possessive suffix allowed ("عددها")."""
        if word in self.vocab.subjects:
            return True
        for suffix in _PRONOUNS:
            stem = word[: -len(suffix)]
            if word.endswith(suffix) and len(stem) > 2 and (
                    stem in self.vocab.subjects or stem.endswith("ت") and stem[:-1] + "ه" in self.vocab.subjects):
                return True      # "عددها"، "قيمتها"
        return False

    def _hedge_phrase(self, before: list[tuple[str, int]], verbs_only: bool = False) -> tuple[str, int, int] | None:
        words = [w for w, _ in before]
        if not words:
            return None
        phrases = list(self.hedge_index.get(words[0], ()))
        if words[0][:1] in "وفبل":
            phrases += [p for p in self.hedge_index.get(words[0][1:], ()) if len(p) == 1]
        for phrase in phrases:
            n = len(phrase)
            if n > len(words) or (verbs_only and phrase[0][:1] not in "يت" and phrase[0] not in self.vocab.hedge_verbs):
                continue
            got = words[n - 1::-1]
            if tuple(got[1:]) != phrase[1:]:
                continue
            if got[0] == phrase[0]:
                return self.vocab.hedges[phrase], before[n - 1][1], n
            if got[0][1:] == phrase[0] and got[0][0] in "وفبل":
                return self.vocab.hedges[phrase], before[n - 1][1] + 1, n
        return None

    def _names_not_counts(self, tokens: _Tokens, read: NumberRead, core: str, prev: str, hedged: bool) -> bool:
        """A digit number that is a year, a day, a clock time, a phone, not a count."""
        vocab = self.vocab
        nxt = tokens[read.end]
        if ":" in core or "/" in core:
            return True
        before = self.folded[:tokens.spans[0][0]].rstrip(" \t")
        if nxt in (".", ")") and (before.endswith("\n") or not before
                                  or (before.endswith("(") and before[:-1].rstrip(" \t").endswith("\n"))
                                  or (before.endswith("(") and not before[:-1].strip())):
            return True          # a list item "1. ..." or "3) ..." at the start of a line
        if core.isdigit() and ((len(core) > 1 and core[0] == "0") or len(core) >= 9):
            return True
        counted_next = _strip_definite(nxt) in vocab.units
        if (prev in vocab.year_cues and not (counted_next and len(core) != 4)) or (
                prev in vocab.months_prev and not counted_next) or (prev in vocab.month_numbers and len(core) == 4):
            return True          # "سبتمبر 16" is a day, "في أغسطس 20 شخصا" a count
        if (prev in vocab.products or nxt in vocab.products or (prev.isascii() and prev.isalpha())) and \
                not tokens.phrase_at(read.end, self.percent_index)[0]:
            return True          # a model name: "آيفون 16", "إكس 15 برو", "Galaxy S 24"
        if nxt in ("-", "–") and read.words == 1 and core.isdigit() and tokens[read.end + 1].isdigit() and \
                int(tokens[read.end + 1]) <= int(core) <= 20 and _strip_definite(tokens[read.end + 2]) not in vocab.units:
            return True          # a score "2-1", "1-1" (a range rises: "3-5 أيام")
        if nxt in vocab.months_next or nxt in vocab.time_marks:
            return True
        after = tokens[read.end + 1]
        if nxt == "من" and (after in vocab.months_next or _strip_definite(after) == "شهر"):
            return True
        year = read.words == 1 and core.isdigit() and len(core) == 4 and 1800 <= int(core) <= 2100
        if read.words == 1 and core.isdigit() and nxt in vocab.era and not (
                nxt == "م" and (prev in vocab.measure_nouns or prev[1:] in vocab.measure_nouns)):
            return True          # "1436هـ"، "2015م" name years; "بمساحة 1000 م" measures metres
        if year and nxt in ("-", "–") and after.isdigit() and len(after) in (2, 4):
            return True          # "2013-2015", "2015-07-21"
        if year and prev in ("بين", "من") and (high := self._range_end(tokens, read, prev)) is not None \
                and not 1800 <= high.value <= 2100:
            return False         # "ما بين 2000 و3000 ميغاواط": a range of counts, not a year
        if year:
            counted = _strip_definite(nxt) in vocab.units or tokens.phrase_at(read.end, self.percent_index)[0]
            alone = not prev and not nxt and not self.folded.strip(" \t\n.،,")[len(core):]
            return not (hedged or counted or alone)      # "2015" with nothing around it is a number
        return False

    def _quantity(self, a: _Anchor, tokens: _Tokens, read: NumberRead, prev: str,
                  hedge: tuple[str, int] | None, start: int) -> _Found | None:
        vocab = self.vocab
        found = _Found(start, 0, read.value, qualifier=hedge[0] if hedge else "exact",
                       kind="fraction" if read.fraction and not float(read.value).is_integer() else "cardinal")
        last = read
        if prev in vocab.scores and tokens[read.end] in ("-", "–"):
            return None          # a match score "2-1"
        marker = prev if prev == "بين" or (prev == "من" and hedge is None) else ""
        high = self._range_end(tokens, read, marker)
        reversed_scale = high is not None and read.scale == 1 and high.scale > 1 and \
            high.value >= 2 * high.scale and read.value * high.scale > high.value
        if reversed_scale and marker == "من":
            found.value, high = read.value * high.scale, None    # "تراجع من 300 إلى 200 ألف": a fall, 300,000 first
        if high is not None:
            low, top = read.value, high.value
            if read.scale == 1 and high.scale > 1 and low * high.scale <= high.value:
                low *= high.scale  # "بين 8 و10 آلاف"
            elif reversed_scale:   # "ما بين 32 و30 مليار": the bounds written high first
                low, top = high.value, read.value * high.scale
            if tokens[high.end] in vocab.months_next:
                return None      # "ما بين 15-25 يوليو": days of a month, a date
            found.low, found.high, found.value, found.qualifier = low, top, None, "range"
            last = high
            if marker and hedge is None:
                words = _words_before(self.folded, a.start, 2)
                found.fs = words[1][1] if len(words) > 1 and words[1][0] == "ما" else words[0][1]
        i = last.end
        found.fe = tokens.spans[i - 1][1]
        n, _ = tokens.phrase_at(i, self.percent_index)
        if n:
            found.fe, found.unit = tokens.spans[i + n - 1][1], "%"
            i += n
        elif a.core and self.folded[a.core - 1] in "%٪" and a.start == a.core:
            found.fs, found.unit = min(found.fs, a.core - 1), "%"     # "٪50": the sign typed first
        elif tokens[i] in vocab.currency_signs:
            found.fe, found.unit = tokens.spans[i][1], vocab.currency_signs[tokens[i]]   # "5 ملايين $"
            i += 1
        elif a.core and a.start == a.core and self.folded[a.core - 1] in vocab.currency_signs:
            found.fs, found.unit = min(found.fs, a.core - 1), vocab.currency_signs[self.folded[a.core - 1]]  # "$5"
        n, phrase = tokens.phrase_at(i, self.after_index)
        if n:
            found.fe = tokens.spans[i + n - 1][1]
            i += n
            if found.qualifier == "exact":
                found.qualifier = vocab.hedges_after[phrase]
        if found.unit is None:
            accusative = last.last_kind in ("ten", "teen") or (
                last.last_kind == "digit" and float(last.value).is_integer() and 11 <= int(last.value) % 100)
            found.unit, width = self._unit(tokens, i, definite_ok=False, accusative=accusative)
            n, phrase = tokens.phrase_at(i + width, self.after_index) if found.unit else (0, ())
            if n and found.qualifier == "exact":
                found.qualifier = vocab.hedges_after[phrase]
            n, _ = tokens.phrase_at(i + width, _below_index())
            if n and found.value is not None:
                found.value = -found.value      # "خمس درجات تحت الصفر" = -5
                found.fe = tokens.spans[i + width + n - 1][1]
            if width and found.value is not None and found.value > 0:
                self._and_a_fraction(tokens, i + width, found)
        return found

    def _and_a_fraction(self, tokens: _Tokens, i: int, found: _Found) -> None:
        """"خمسة دونمات ونصف الدونم" (5.5), "ثلاث ساعات وربع": a fraction after the counted noun."""
        part = self._trailing_fraction(tokens, i)
        if part is not None:
            found.value = round(found.value + part[0], 3)
            found.fe, found.kind = part[1], "fraction"

    def _trailing_fraction(self, tokens: _Tokens, i: int, whole: str = "") -> tuple[float, int] | None:
        """(value, folded end) of "ونصف" / "وربع" / "وثلث" at token i, with the whole repeated after
        it ("ونصف الدونم", and without its article, "ملعقة ونصف ملعقة") taken in."""
        word = tokens[i]
        hit = fraction_words().get(word[1:]) if word.startswith("و") else None
        if hit is None or hit[1] != "one" or hit[0] > 4:
            return None
        end = tokens.spans[i][1]
        if tokens[i + 1].startswith("ال") and _strip_definite(tokens[i + 1]) in self.vocab.units or (
                whole and tokens[i + 1] == whole):
            end = tokens.spans[i + 1][1]
        return 1 / hit[0], end

    def _range_end(self, tokens: _Tokens, read: NumberRead, marker: str) -> NumberRead | None:
        """The upper number when `read` opens a range: "بين 500 و600", "من 200 إلى 300", "200-300"."""
        joiners = {"بين": ("و", "-", "–", "الي"), "من": ("الي", "حتي", "ل", "-", "–")}.get(marker, ("الي", "-", "–", "او"))
        i = read.end
        percent, _ = tokens.phrase_at(i, self.percent_index)
        if percent and marker == "من":
            return None          # "ارتفعت من 11% إلى 20%": a change from one rate to another
        i += percent             # a percent sign on both: "بين 20% و30%"
        word = tokens[i]
        if (not percent and word and word[0].isalpha() and word not in joiners and word not in lexicon()
                and not (marker == "بين" and word.startswith("و"))):
            i += 1               # a noun between: "بين 500 مقاتل و600 مقاتل"
            word = tokens[i]
        if word in joiners:
            high = read_number(tokens, i + 1)
        elif marker == "بين" and word.startswith("و") and len(word) > 1:
            tokens[i + 6]
            high = read_number([*tokens.words[:i], word[1:], *tokens.words[i + 1:]], i)
        else:
            return None
        if high is None or high.value <= read.value or (percent and not tokens.phrase_at(high.end, self.percent_index)[0]):
            return None
        second = tokens[high.end]
        if i > read.end and _strip_definite(second) != _strip_definite(tokens[read.end]) and (
                _strip_definite(second) in self.vocab.units):
            return None          # "22 سنتا إلى 50.67 دولار", "1.6 بالمئة إلى 1102.30 دولار": a change, then a level
        return high

    def _vague(self, tokens: _Tokens, start: int, word: str) -> _Found | None:
        """"عشرات", "مئات الآلاف", "عدة آلاف", "العديد من", "مليارات ومليارات": a count, no value."""
        if _strip_definite(word) == "عديد" and tokens[1] != "من":
            return None
        i = 1
        if _vague_kind(tokens[1]) in _SCALED_VAGUE:
            i = 2            # "عشرات الآلاف", "عدة آلاف", "بضع مئات"
        if tokens[i] == "و" + tokens[i - 1]:
            i += 1           # "مليارات ومليارات"
        unit, _ = self._unit(tokens, i, definite_ok=True, accusative=False)
        return _Found(start, tokens.spans[i - 1][1], None, qualifier="vague", unit=unit)

    def _unit(self, tokens: _Tokens, i: int, definite_ok: bool, accusative: bool) -> tuple[str | None, int]:
        """The counted noun at token i (or after "من"), as a base form, and how many tokens it took."""
        vocab = self.vocab
        width = 1
        word = tokens[i]
        if word == "من":
            i, width, definite_ok = i + 1, 2, True
            word = tokens[i]
        if not word or not word[0].isalpha() or word in vocab.not_units or word in lexicon():
            return None, 0
        if word.startswith(_DEFINITE) and not definite_ok and word not in vocab.units:
            return None, 0
        if word[0] == "و" and word not in vocab.units:
            return None, 0   # a conjunction: "قتل 5 وأصيب"
        if word.startswith(("لل", "بال", "كال")):
            return None, 0   # a preposition with the article never names what is counted
        bare = _strip_definite(word)
        if bare in vocab.not_units or bare in lexicon():
            return None, 0
        base = vocab.units.get(bare) or self._unit_without_pronoun(bare)
        if base is not None:
            return base, width
        start, end = _span(self.fold, *tokens.spans[i], self.text)
        original = self.text[start:end]
        surface = dediacritize(original)
        if len(surface) != len(word):
            surface = word
        surface = surface[len(word) - len(bare):]
        if surface.endswith("ا") and len(surface) > 3 and ("\u064b" in original or accusative):
            surface = surface[:-1]
        return surface, width

    def _unit_without_pronoun(self, word: str) -> str | None:
        for suffix in _PRONOUNS:
            if word.endswith(suffix) and len(word) > len(suffix) + 2:
                stem = word[: -len(suffix)]
                base = self.vocab.units.get(stem) or (self.vocab.units.get(stem[:-1] + "ه")
                                                       if stem.endswith("ت") else None)
                if base is not None:
                    return base
        return None


def _conjunction(noun: str) -> int:
    """1 when a long noun starts with the conjunction و or ف ("وأولادها"), else 0 ("وطنه")."""
    return 1 if noun[:1] in "وف" and len(noun) > 6 else 0


def _is_ten(word: str) -> bool:
    atom = lexicon().get(word)
    return atom is not None and atom.kind == "ten"


def _kind(found: _Found) -> str:
    """The contract's kind: a range or a percent whatever was read, else what the reader said."""
    if found.qualifier == "range":
        return "range"
    if found.unit == "%":
        return "percent"
    return found.kind


def find_quantities(text: str) -> list[Quantity]:
    """Every counted quantity in `text`, in order; offsets are Python indices into `text`."""
    if not text:
        return []
    return _Extractor(text).run()
