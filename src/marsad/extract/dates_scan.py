"""Where to try the date regex: trigger tokens, short windows, folding with cheap offsets.

Why: folding a whole article and trying the full alternation at every word costs several
milliseconds. Every date expression contains a *trigger* (a 4-digit number, a month or
weekday name, أمس/اليوم/غدا, a period noun such as الشهر before الماضي, or قبل/منذ before
a count), and can only begin a few words before it, with words from a small closed set
(في، منتصف، العاشر، من، 29…). So: split on whitespace (C speed), classify each distinct
token once per process (cached), and fold and match only short windows around triggers.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import lru_cache

from marsad.extract.dates_vocab import key, vocab
from marsad.text.normalize import fold_char, normalize_with_offsets

__all__ = ["candidates", "fold"]

_CLITICS = ("وب", "فب", "ول", "فل", "و", "ف", "ب", "ل", "ك")
_BACK = 7
_PUNCT = "()[]{}\"'.,:;!?"



# -- folding ------------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _fold_tables() -> tuple[re.Pattern[str], re.Pattern[str], list[tuple[str, str]]]:
    """(dropped characters, multi-character folds, one-to-one replacements) from marsad.text."""
    blocks = [*range(0x00A0, 0x0250), *range(0x0600, 0x0700), *range(0x0750, 0x0780),
              *range(0x08A0, 0x0900), *range(0x2000, 0x2070), *range(0xFB50, 0xFF00)]
    folds = {chr(c): fold_char(chr(c)) for c in blocks}
    dropped = [c for c, f in folds.items() if f == ""]
    multi = [c for c, f in folds.items() if len(f) > 1] + ["\u0130"]
    pairs = [(c, f) for c, f in folds.items() if len(f) == 1 and f != c]

    def charset(chars: list[str]) -> re.Pattern[str]:
        return re.compile("[" + "".join(re.escape(c) for c in chars) + "]")

    return charset(dropped), charset(multi), pairs


def fold(text: str) -> tuple[str, Callable[[int], int]]:
    """`normalize(text)` and a map from folded index to original index (ends included).

    The common case (one-to-one folds, plus dropped diacritics or tatweel) avoids the
    per-character loop of `normalize_with_offsets`: str.replace per folding pair, and a map
    that shifts an index past every dropped character at or before it.
    """
    dropped, multi, pairs = _fold_tables()
    if multi.search(text) is not None:
        folded, offsets = normalize_with_offsets(text)
        return folded, offsets.__getitem__
    gaps = [m.start() for m in dropped.finditer(text)]
    folded = dropped.sub("", text) if gaps else text
    for src, dst in pairs:
        if src in folded:
            folded = folded.replace(src, dst)
    folded = folded.lower()
    if not gaps:
        return folded, lambda i: i

    def to_original(i: int) -> int:
        for gap in gaps:
            if gap > i:
                break
            i += 1
        return i

    return folded, to_original


# -- triggers ---------------------------------------------------------------------------------

def _trie(words: set[str]) -> str:
    """A prefix-factored alternation: each position walks one path instead of trying every word."""
    tree: dict = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict) -> str:
        ends = "" in node
        branches = [re.escape(c) + emit(child) for c, child in sorted(node.items()) if c]
        if not branches:
            return ""
        if len(branches) == 1 and not ends:
            return branches[0]
        group = "(?:" + "|".join(branches) + ")"
        return group + "?" if ends else group

    return emit(tree)


@lru_cache(maxsize=1)
def _scanner() -> tuple[re.Pattern[str], frozenset[str]]:
    """(trigger regex, folded words that may precede a trigger inside an expression)."""
    v = vocab()
    d = v.data

    def tokens(words: object) -> set[str]:
        return {t for w in words for t in key(w).split()}  # type: ignore[union-attr]

    triggers = {k.split()[0] for k in (*v.gregorian, *v.hijri)} | set(v.weekdays)
    triggers |= tokens(w for ws in d["relative_days"].values() for w in ws)
    triggers |= tokens(w for ws in d["periods"].values() for w in ws) | tokens(d["ago"])
    triggers |= {p + t for t in tokens(w for ws in d["decades"].values() for w in ws) for p in ("", "ال")}
    triggers |= tokens(d["plural_periods"])
    triggers -= {"يوم", "اول", "بعد", "من"}
    before = tokens(d["year_cues"] + d["month_cues"] + d["partials"] + d["time_of_day"] + d["year_nouns"]
                    + d["range_openers"] + d["range_joiners"] + d["this"] + d["month_noun"])
    before |= tokens(w for ws in d["ordinal_days"].values() for w in ws)
    before |= set(v.weekdays) | {"يوم", "من", "ال", "عامي", "-", "–", "/", "الفتره", "الموافق", "ما"}
    before |= tokens(d["week_words"] + d["day_pair"]) | tokens(w for ws in d["year_parts"].values() for w in ws)
    before |= tokens(w for ws in d["part_ordinals"].values() for w in ws)
    # Every branch starts with a literal, so the engine skips ahead in C; the word start (with
    # an optional proclitic) is checked in Python on the few hits.
    years = "|".join(rf"{d}\d{{3}}(?!\d)" for d in range(10))
    pattern = re.compile(f"(?:{_trie(triggers)[3:-1]}|{years})")
    return pattern, frozenset(c + w for w in before for c in ("", *_CLITICS))


def candidates(folded: str) -> Iterator[tuple[list[int], int]]:
    """For each trigger, in text order: the word starts to try (earliest first), trigger start."""
    pattern, before = _scanner()
    size = len(folded)
    for hit in pattern.finditer(folded):
        start, end = hit.span()
        if folded[start].isdigit():
            if start and folded[start - 1].isdigit():
                continue
        else:
            if end < size and folded[end].isalnum():
                continue
            head = start
            while head and folded[head - 1].isalpha() and start - head < 2:
                head -= 1
            if head and folded[head - 1].isalnum():
                continue
            if head != start and folded[head:start] not in _CLITICS:
                continue
            start = head
        head = max(folded.rfind(" ", 0, start), folded.rfind("\n", 0, start)) + 1
        starts = [start] if head == start else [start, head]
        cut = head
        for token in reversed(folded[max(0, head - 80):head].split()[-_BACK:]):
            core = token.strip(_PUNCT) or token
            if not (core.lstrip("وف").replace("-", "").replace("–", "").replace("/", "").isdigit() or core in before or (core[:2] == "ال" and core[2:].isdigit())):
                break
            cut = folded.rfind(token, 0, cut)
            starts.append(cut + token.find(core))
            if core != token.rstrip(_PUNCT):
                break                               # "(30" opens the expression
        starts.reverse()
        yield starts, start
