"""Where to try the date regex: trigger tokens, short windows, folding with cheap offsets.

Why: folding a whole article and trying the full alternation at every word costs several
milliseconds. Every date expression contains a *trigger* (a 4-digit number, a number pair such
as 22/4, a cue before a day number (في 15), a month or weekday name, أمس/اليوم/غدا, a period
noun such as الشهر before الماضي, قبل/منذ before a count, a holiday's first word, عام before a
year in words), and can only begin a few words before it, with words from a small closed set
(في، منتصف، العاشر، من، 29…). So: split on whitespace (C speed), classify each distinct
token once per process (cached), and fold and match only short windows around triggers.

`is_future` also lives here: it reads the words around a date to tell a future clause
(سيعقد، من المقرر) from a past or neutral one.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import lru_cache

from marsad.extract.dates_vocab import key, vocab
from marsad.text.normalize import fold_char, normalize_with_offsets

__all__ = ["candidates", "fold", "is_future"]

_CLITICS = ("وب", "فب", "ول", "فل", "و", "ف", "ب", "ل", "ك")
_BACK = 7
_PUNCT = "()[]{}\"'.,:;!?"
_THOUSANDS = frozenset({"الف", "الفين", "الفان"})



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


# ل + ال is written لل ("للعام الماضي"، "للسنوات الثلاث المقبلة"): read as ال before a period noun,
# one letter for one, so that every form of "العام الماضي" is found after it too (the span then
# starts at the preposition)
_LI_AL = re.compile(r"(?<![^\W_])([وف]?)لل(?=(?:عام|سنه|شهر|اسبوع|سنوات|اعوام|ايام|اشهر|شهور|اسابيع|ساعات)(?![^\W_]))")


def _article_after_li(folded: str) -> str:
    return _LI_AL.sub(r"\1ال", folded) if "لل" in folded else folded


def fold(text: str) -> tuple[str, Callable[[int], int]]:
    """`normalize(text)` and a map from folded index to original index (ends included).

    The common case (one-to-one folds, plus dropped diacritics or tatweel) avoids the
    per-character loop of `normalize_with_offsets`: str.replace per folding pair, and a map
    that shifts an index past every dropped character at or before it.
    """
    dropped, multi, pairs = _fold_tables()
    if multi.search(text) is not None:
        folded, offsets = normalize_with_offsets(text)
        return _article_after_li(folded), offsets.__getitem__
    gaps = [m.start() for m in dropped.finditer(text)]
    folded = dropped.sub("", text) if gaps else text
    for src, dst in pairs:
        if src in folded:
            folded = folded.replace(src, dst)
    folded = _article_after_li(folded.lower())
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
def _scanner() -> tuple[re.Pattern[str], frozenset[str], frozenset[str], frozenset[str]]:
    """(trigger regex, folded words that may precede a trigger inside an expression, words after
    which a bare day number starts a date, year nouns that a year in words follows)."""
    v = vocab()
    d = v.data

    def tokens(words: object) -> set[str]:
        return {t for w in words for t in key(w).split()}  # type: ignore[union-attr]

    triggers = {k.split()[0] for k in (*v.gregorian, *v.hijri)} | set(v.weekdays)
    triggers |= tokens(w for ws in d["relative_days"].values() for w in ws)
    triggers |= tokens(w for ws in d["periods"].values() for w in ws) | tokens(d["ago"])
    triggers |= {p + t for t in tokens(w for ws in d["decades"].values() for w in ws) for p in ("", "ال")}
    triggers |= tokens(d["plural_periods"]) | tokens(d["month_noun"]) | {"العقد", "القرن"}
    triggers |= tokens(d["seasons"]) | tokens(d["vague_periods"])
    triggers |= tokens(w for ws in d["year_parts"].values() for w in ws)          # الربع الماضي
    triggers |= {"ال" + key(w) for f in d["units"].values() for w in f["two"]}     # العامين الماضيين
    triggers |= {key(w) for f in d["units"].values() for w in f["many"]}          # الخمس سنوات الماضية
    for name in v.holidays:                         # "عيد", "راس"; "يوم عرفه" -> "عرفه"
        words = name.split()
        triggers.add(words[1] if words[0] in ("يوم", "ذكري") else words[0])
    triggers -= {"يوم", "اول", "من"}
    before = tokens(d["year_cues"] + d["month_cues"] + d["partials"] + d["time_of_day"] + d["year_nouns"]
                    + d["range_openers"] + d["range_joiners"] + d["this"] + d["month_noun"])
    before |= tokens(w for ws in d["ordinal_days"].values() for w in ws)
    before |= set(v.weekdays) | {"يوم", "من", "ال", "عامي", "-", "–", "/", "الفتره", "الموافق", "ما"}
    before |= tokens(d["week_words"] + d["day_pair"]) | tokens(w for ws in d["year_parts"].values() for w in ws)
    before |= tokens(w for ws in d["part_ordinals"].values() for w in ws)
    before |= tokens(d["date_cues"]) | set(v.weekdays_bare) | set(v.nth) | set(v.construct)
    before |= {"ال" + w for w in v.counts if " " not in w} | tokens(("عشية", "غداة"))
    before |= tokens(("عشر", "عشرة", "العشر", "العشرة", "الليالي", "الأيام")) | tokens(w for ws in d["ten_days"].values() for w in ws)
    # Every branch starts with a literal (a digit for numbers), so the engine skips ahead in C; a
    # number of one or two digits (في 15) is kept in Python only after a day cue; the word start
    # (with an optional proclitic) is checked in Python on the few hits.
    numbers = "|".join(rf"{d}(?:\d{{3}}(?!\d)|\d{{1,2}}(?=[^\S\n]*(?:ه|للهجر))|\d?(?:[-/.]\d{{1,2}})?(?!\d))"
                       for d in range(10))        # 2015، 22/4، 15، and an old Hijri year with its era: 857 للهجرة
    triggers |= _THOUSANDS                          # عام ألفين وثمانية عشر (only after عام/سنة)
    small_units = _trie({key(w) for u, f in d["units"].items() for w in f["one"] + f["two"]
                         if u != "decade" and (u != "day" or w in f["two"])})
    dialect_ago = rf"|من[^\S\n]+{small_units}(?![^\W\d_])"     # من أسبوع (colloquial: a week ago)
    pattern = re.compile(f"(?:{_trie(triggers)[3:-1]}{dialect_ago}|{numbers})")
    day_cues = tokens(d["numeric_strong_cues"] + d["numeric_weak_cues"] + d["date_cues"] + d["short_year_nouns"])
    day_cues |= set(v.weekdays)
    year_nouns = tokens(d["year_nouns"])
    return (pattern, frozenset(c + w for w in before for c in ("", *_CLITICS)),
            frozenset(c + w for w in day_cues for c in ("", *_CLITICS)),
            frozenset(c + w for w in year_nouns for c in ("", *_CLITICS)))


_UNIT_AFTER = re.compile(r"[^\S\n]+(?:ساع|يوم|ايام|اسبوع|اسابيع|شهر|اشهر|سن|عام|اعوام)")   # الـ24 ساعة الماضية


def _word_before(folded: str, start: int) -> str:
    words = folded[max(0, start - 16):start].split()
    return words[-1].strip(_PUNCT) if words else ""


def candidates(folded: str) -> Iterator[tuple[list[int], int]]:
    """For each trigger, in text order: the word starts to try (earliest first), trigger start."""
    pattern, before, day_cues, year_nouns = _scanner()
    size = len(folded)
    for hit in pattern.finditer(folded):
        start, end = hit.span()
        if folded[start].isdigit():
            if start and folded[start - 1].isdigit():
                continue
            if end - start != 4:                            # not a year: 22/4, 4.22, 18-9-15, 15
                if start and folded[start - 1] in ".,/-":
                    continue
                definite = folded[:start].rstrip(" ").endswith(" ال") or folded[start - 2:start] == "ال"
                if end - start <= 2 and _word_before(folded, start - 2 * (folded[start - 2:start] == "ال")) \
                        not in day_cues and not (definite and _UNIT_AFTER.match(folded, end)):
                    continue                                # في 15، يوم 15، الخميس 15، في ال15؛ الـ24 ساعة
        else:
            if end < size and folded[end].isalpha():     # a digit may be glued on: "سبتمبر10"
                continue
            if folded[start:end] in _THOUSANDS and _word_before(folded, start) not in year_nouns:
                continue
            head = start
            while head and folded[head - 1].isalpha() and start - head < 2:
                head -= 1
            if head and folded[head - 1].isalpha():      # ... or before: "10سبتمبر"
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


# -- tense ------------------------------------------------------------------------------------

_SENTENCE_END = (".", "!", "?", "؟", "\n")


def _bare(word: str) -> str:
    """A word without a leading و/ف conjunction ("وسيعقد" -> "سيعقد")."""
    return word[1:] if len(word) > 2 and word[0] in "وف" else word


def _future_verb(word: str, prefixes: tuple[str, ...], exceptions: tuple[str, ...]) -> bool:
    """س + an imperfect prefix + a stem of three letters at least (سيعقد، ستنطلق، سنعمل), unless
    the word starts like a common noun or name (سيارة، سنوات، ستيفن)."""
    return len(word) >= 5 and word.startswith(prefixes) and not word.startswith(exceptions)


def is_future(folded: str, start: int, end: int) -> bool:
    """True when the clause around folded[start:end] speaks of the future.

    Reads at most `future_cue_window` words back within the sentence, nearest first, and the
    one word right after the date: a future cue (سوف، لن، من المقرر، يعتزم، المقبلة…) or a verb
    with the future prefix س says future; a past marker met first (كان، لم، أمس، الماضي) says
    past; "كان من المقرر" (was scheduled) is past. Nothing found: past/neutral.
    """
    v = vocab()
    window = v.data["future_cue_window"]
    chunk = folded[max(0, start - 14 * window):start]
    cut = max(chunk.rfind(c) for c in _SENTENCE_END)
    words = [w.strip(_PUNCT) for w in chunk[cut + 1:].split()][-window:]
    prefixes, exceptions = v.future_prefixes, v.future_not
    for i in range(len(words) - 1, -1, -1):
        word = _bare(words[i])
        if word in v.past_markers or words[i] in v.past_markers:
            return False
        if word in v.future_words or _future_verb(word, prefixes, exceptions):
            return True
        if i and f"{_bare(words[i - 1])} {word}" in v.future_phrases:
            return not (i >= 2 and _bare(words[i - 2]) in v.past_markers)
    after = folded[end:end + 40].lstrip(" \t")
    if not after or after[0] in "،,;؛:" or after.startswith(_SENTENCE_END):
        return False
    first = _bare(after.split(None, 1)[0].strip(_PUNCT))
    return first in v.future_words or _future_verb(first, prefixes, exceptions)
