"""Which numbers of two outlets are the same quantity of the same event, and how sure we are.

A story may hold several events of one topic (two fires, two matches, two days of trading), and an
article names many numbers besides the event's own. Two numbers that count the same thing (same
unit, same role) are compared only when their sentences say the same fact: they share rare words
(the place, the actor, the trigger), words right around the numbers, and no word near either number
sets it in another time or scope ('last year', 'since 2014', 'daily'). Rules and thresholds are in
data/align.json.
"""
from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import Any

from marsad.model import Article, Quantity
from marsad.stories.ages import Person, same_person
from marsad.stories.ages import rules as age_rules
from marsad.stories.features import background, stem, stopwords
from marsad.text import normalize

__all__ = ["Head", "Mention", "head_of", "judge", "mention", "overlap", "rules"]

_TOKEN = re.compile(r"[^\W_]+")
_CUT = re.compile(r"[\d?][)(»«\"رٍ,٫.]?\s*$")
_CUT_TIGHT = re.compile(r"[\d?][)(»«\"رٍ,٫.]?$")
_CLAUSE = re.compile(r"[،,؛;:]")
_CUT_AFTER = re.compile(r"[رٍ,٫.]?\d")
_CONVERSION = re.compile(r"\d[^\d(]{0,25}\(\s*$")     # "81 مليون ريال (21.6 مليون دولار)": one figure in another unit
_YEAR = re.compile(r"^(19\d\d|20\d\d|14\d\d)$")
_YEAR_VALUES = frozenset(float(y) for y in (*range(1900, 2100), *range(1400, 1500)))
_CLITICS = ("وبال", "وال", "بال", "فال", "كال", "لل", "ال", "و", "ف", "ب", "ل")


@lru_cache(maxsize=1)
def rules() -> dict[str, Any]:
    return json.loads(resources.files("marsad.stories").joinpath("data/align.json").read_text("utf-8"))


@lru_cache(maxsize=1)
def _scope_cues() -> tuple[dict[str, str], list[tuple[str, str]]]:
    """(single folded word -> scope class, [(phrase, class)])."""
    single: dict[str, str] = {}
    phrases: list[tuple[str, str]] = []
    for group, cues in rules()["scope"].items():
        for cue in cues:
            folded = normalize(cue)
            if " " in folded:
                phrases.append((folded, group))
            else:
                single.setdefault(folded, group)
    return single, phrases


@lru_cache(maxsize=200_000)
def _idf(term: str) -> float:
    df, n_docs = background()
    return math.log((n_docs + 1) / (df.get(term, rules()["unknown_df"]) + 1))


_fold = lru_cache(maxsize=200_000)(normalize)     # a word is folded once, not once per mention near it


@lru_cache(maxsize=200_000)
def _term(word: str) -> str:
    """A folded word's light stem, '' for a function word or a number."""
    if word.isdigit() or len(word) < 3 or word in stopwords():
        return ""
    s = stem(word)
    return "" if s in stopwords() else s


@dataclass(frozen=True)
class Head:
    """The noun phrase that names what a number measures in its clause ("نسبة الاقتراع ... بلغت 36.4%",
    "قوة الزلزال بـ6.1 درجات", "نحو 17 جنيها للتر بنزين 92"): one quantity of the event, whatever
    else the sentences say. `items`: the words that name which one ("بنزين"), `labels`: the numbers
    that do ("92")."""
    name: str
    items: frozenset[str] = frozenset()
    labels: frozenset[str] = frozenset()

    def same(self, other: Head) -> bool:
        """One quantity: one head, items that share a word (when both name some), the same labels."""
        return self.name == other.name and not (self.items and other.items and not self.items & other.items) \
            and not (self.labels and other.labels and self.labels != other.labels)


@dataclass(frozen=True)
class Mention:
    """One number of one outlet, read for alignment."""
    outlet: str
    article: str
    day: str | None
    q: Quantity
    unit: str                     # the unit it is compared as
    role: str | None
    sentence: str
    words: frozenset[str]         # content stems of the sentence, the counted noun left out
    near: frozenset[str]          # content stems within `near_window` words of the number
    scope: frozenset[str]         # scope classes and years within `scope_window` words of it
    entities: frozenset[str]      # entity keys named in the sentence
    actors: frozenset[str]        # keys of the people, bodies and places named near the number
    tellers: frozenset[str]       # those of the actors named in an attribution ("وبحسب حسكو"): who tells it
    market: bool                  # its sentence reads a market's ticks (an ounce, a barrel, an index)
    roundup: bool                 # its sentence sums several incidents ("في 3 حوادث متفرقة"): no one event's figure
    handled: bool                 # it counts those moved or received ("نقلت الطائرات 8 مصابين"): a part of a toll
    days: frozenset[str]          # the days its sentence dates (resolved: "أمس" is the day before publication)
    others: frozenset[float]      # the other counted numbers near it in its sentence (rounded values)
    told: frozenset[float]        # every other number of its sentence (rounded values)
    value: float | None           # its own value, rounded as those are
    item: str | None              # in a list ("قطاع النقل 1.1% والتأمين 2%"), the word that names its item
    listed: int = 1               # how many numbers of its unit its sentence gives (itself included)
    lead: frozenset[str] = frozenset()   # content stems of its article's lead, when it stands in that lead
    first: bool = False           # the first number of its kind in its article (set by the caller)
    lead_keys: frozenset[str] = frozenset()   # entity keys its article's lead names, when it stands in that lead
    headline: bool = False        # its sentence is its article's whole text (a headline, a teaser)
    head: Head | None = None      # the quantity its clause names ("نسبة المشاركة", "قوة الزلزال"), if any
    places: frozenset[str] = frozenset()   # keys of the places its article names (read for a head's number)
    head_first: bool = False      # the first number under its head in its article (set by the caller)
    ordinals: frozenset[float] = frozenset()   # the ranks its sentence names ("الدفعة الثالثة": 3)
    person: Person | None = None  # when it is a named person's age (marsad.stories.ages): that person
    person_first: bool = False    # the first age of that person in its article (set by the caller)


def mention(article: Article, outlet: str, q: Quantity, unit: str, role: str | None,
            sentence: str, span: tuple[int, int], head: Head | None = None) -> Mention | None:
    """The mention of `q` in `sentence` (at `span` of the article's text), or None when its wording
    shows a misread number (a direction mark inside the digits, a piece of a longer number) or it
    counts the dead and the wounded together."""
    r = rules()
    text = article.text
    cut = _CUT_TIGHT if _hedged(q.text) else _CUT        # "نحو 17.5" after "بنزين 92 " is whole
    if any(mark in q.text for mark in r["bad_marks"]) or cut.search(text[max(0, q.start - 4):q.start]) \
            or _CUT_AFTER.match(text[q.end:q.end + 3]):
        return None              # "3ر42 مليون" read as "مليون", "39 الفا و225" as 1225: a piece of a number
    before = [_fold(w) for w in _TOKEN.findall(text[max(0, q.start - 20):q.start])]
    if before and (before[-1] in _compound_heads() or before[-1] == "و" and len(before) > 1
                   and before[-2] in _compound_heads()):
        return None              # "واحد وعشرون" read as 20, "كيلو وأربعمائة جرام" as 400 grams
    lo, hi = span
    unit_stem = stem(normalize(unit)) if unit else ""
    left: list[str] = []
    right: list[str] = []
    for start, end, word in _span_tokens(text, lo, hi):
        if end <= q.start:
            left.append(word)
        elif start >= q.end:
            right.append(word)
    if right and right[0] in _mixed():
        return None              # "33 قتيلا وجريحا": the dead and the wounded together, neither one
    words = {t for t in map(_term, left + right) if t and t != unit_stem}
    k = r["near_window"]
    near = {t for t in map(_term, left[-k:] + right[:k]) if t and t != unit_stem}
    s = r["scope_window"]
    if head is not None:         # the statement a head's number closes: "وغالبا ما تكون نسبة الإقبال ... قريبة من 100%"
        clause = max([lo] + [m.end() for m in _CLAUSE.finditer(text, lo, q.start)])
        reach = [_fold(m.group()) for m in _TOKEN.finditer(text, clause, q.start)][-r["heads"]["window"]:]
        scope = _scope_of((reach if len(reach) > s else left[-s:]) + right[:s])
    else:
        scope = _scope_of(left[-s:] + right[:s])
    if _raises_to() & set(right) or _new_count(text[q.end:hi]):
        scope |= {"new"}         # "وفاة 12 شخصا ... لترتفع الحصيلة إلى 26", "4 حالات جديدة": an addition, not a total
    named = article.analysis.entities if article.analysis else []
    entities = frozenset(e.key for e in named if lo <= e.start and e.end <= hi)
    quantities = article.analysis.quantities if article.analysis else []
    reach = r["others_reach"]
    others = frozenset(v for o in quantities
                       if max(lo, q.start - reach) <= o.start and o.end <= min(hi, q.end + reach) and o is not q
                       and o.unit is not None and not _CONVERSION.search(text, max(0, o.start - 30), o.start)
                       and (v := _rounded(o)) is not None and v not in _YEAR_VALUES)
    told = frozenset(v for o in quantities if lo <= o.start and o.end <= hi and o is not q
                     and o.kind != "ordinal" and (v := _rounded(o)) is not None)
    ordinals = frozenset(v for o in quantities if lo <= o.start and o.end <= hi and o.kind == "ordinal"
                         and (v := _rounded(o)) is not None)
    listed = sum(1 for o in quantities if lo <= o.start and o.end <= hi and o.unit == q.unit)
    item = _item_of(left[-3:]) if listed >= r["list_size"] else None
    actors = frozenset(e.key for e in named
                       if e.type in ("PER", "ORG", "LOC")
                       and max(lo, q.start - reach) <= e.start and e.end <= min(hi, q.end + reach))
    told_in = [(t.start, t.end) for t in (article.analysis.attributions if article.analysis else []) if t.end > t.start]
    tellers = frozenset(e.key for e in named if e.key in actors and any(s <= e.start and e.end <= t for s, t in told_in))
    days = frozenset(d.value[:10] for d in (article.analysis.dates if article.analysis else [])
                     if lo <= d.start and d.end <= hi and d.value and len(d.value) >= 10
                     and not (d.kind == "relative" and d.end_value))     # a span back from publication
    lead_end = r["lead_chars"]
    lead = _lead_terms((article.title or "") + " " + text[:lead_end]) if q.start < lead_end else frozenset()
    masthead = normalize(outlet)     # "الخليج" of "الخليج الجديد" names the outlet, not a place of the story
    places = frozenset(e.key for e in named
                       if e.type == "LOC" and normalize(e.text.replace("_", " ")) not in masthead) \
        if head is not None else frozenset()
    lead_keys = frozenset(e.key for e in named if e.end <= lead_end) if lead else frozenset()
    return Mention(outlet=outlet, article=article.id, day=(article.published or "")[:10] or None, q=q,
                   unit=unit, role=role, sentence=sentence, words=frozenset(words), near=frozenset(near),
                   scope=scope, entities=entities, actors=actors, tellers=tellers, told=told, value=_rounded(q),
                   market=bool(_market() & set(left + right)), roundup=_is_roundup(left + right),
                   handled=_holds(_handled_words(), left[-k:]),
                   others=others, item=item, days=days, lead=lead,
                   lead_keys=lead_keys, headline=lo == 0 and hi >= len(text.rstrip(" .\n")), head=head,
                   places=places, ordinals=ordinals, listed=listed)


@lru_cache(maxsize=256)
def _span_tokens(text: str, lo: int, hi: int) -> tuple[tuple[int, int, str], ...]:
    """(start, end, folded word) of the tokens of text[lo:hi]: a sentence with several numbers is
    read once, not once per number."""
    return tuple((m.start(), m.end(), _fold(m.group())) for m in _TOKEN.finditer(text, lo, hi))


def _item_of(before: list[str]) -> str:
    """The word that names a list entry's item among the (up to three) words before its number:
    the rarest, since the words every entry repeats ("بسعة 50"، "تزن 681") are common ones and the
    item's name ("القنفذة"، "الهيروين") is not; '' when all are function or generic words."""
    terms = [t for t in map(_term, reversed(before)) if t and t not in _generic()]
    return max(terms, key=_idf, default="")


_Cues = dict[str, list[tuple[tuple[str, ...], str]]]


@lru_cache(maxsize=1)
def _heads() -> tuple[_Cues, _Cues, frozenset[str], list[tuple[str, str]]]:
    """(cues before the number, cues right after its unit, heads whose items are read, synonym
    phrases -> their first form): each cue a tuple of folded words, indexed by its first word,
    longest first (a word is checked against the few cues it can begin)."""
    h = rules()["heads"]

    def index(groups: dict[str, list[str]]) -> _Cues:
        out: _Cues = {}
        for name, cues in groups.items():
            for cue in cues:
                words = tuple(normalize(cue).split())
                out.setdefault(words[0], []).append((words, name))
        return {w: sorted(c, key=lambda c: -len(c[0])) for w, c in out.items()}

    same = [(normalize(form), normalize(group[0])) for group in h["same_items"] for form in group[1:]]
    return index(h["before"]), index(h["after"]), frozenset(h["with_items"]), same


def _cues_at(words: list[str], i: int, cues: _Cues) -> tuple[tuple[str, ...], str] | None:
    """The longest cue that begins at words[i] (each word alone or after one proclitic)."""
    found = [c for form in _bare(words[i]) for c in cues.get(form, ())]
    for cue, name in sorted(found, key=lambda c: -len(c[0])):
        if i + len(cue) <= len(words) and all(_word_is(words[i + k], w) for k, w in enumerate(cue[1:], 1)):
            return cue, name
    return None


@lru_cache(maxsize=1)
def _hedge_starts() -> frozenset[str]:
    return frozenset(normalize(w) for w in rules()["hedge_starts"])


def _hedged(wording: str) -> bool:
    """Whether a mention's wording begins with a hedge or range word ("نحو 17.5", "من 15.25 إلى
    17.25"): a number right before it, after a space, is a label ("بنزين 92"), not its first piece."""
    first = _TOKEN.match(normalize(wording))
    return first is not None and first.group() in _hedge_starts()


def _word_is(token: str, word: str) -> bool:
    """A folded token is the cue word, alone or after one proclitic ("بنسبه" is "نسبه")."""
    return word in _bare(token)


def head_of(text: str, q: Quantity, quantities: list[Quantity], span: tuple[int, int]) -> Head | None:
    """The head that names what `q` measures: a listed cue in the number's clause before it, with no
    other counted number between them ("سعر لتر بنزين 92 إلى 17.25", not the "19" of "وبنزين 95
    إلى 19" that follows), or a per-unit cue right after its unit ("17 جنيها للتر")."""
    before, after, with_items, _ = _heads()
    lo, _ = span
    units = _head_units()
    window = rules()["heads"]["window"]
    reach = max(lo, q.start - 12 * window)      # about `window` words back
    clause_start = max([reach] + [m.end() for m in _CLAUSE.finditer(text, reach, q.start)])
    tokens = list(_TOKEN.finditer(text, clause_start, q.start))
    words = [_fold(m.group()) for m in tokens]
    for i in range(len(words) - 1, max(-1, len(words) - 1 - window), -1):
        if _bare(words[i]).isdisjoint(before):
            continue                 # most words begin no cue
        found = _cues_at(words, i, before)
        if found is not None:
            cue, name = found
            start = tokens[i].start()
            if any(o is not q and o.unit and o.kind != "ordinal" and start <= o.start < q.start
                   for o in quantities):
                return None  # the head names the number between: "سعر لتر بنزين 92 إلى 17.25 جنيه بزيادة 13%"
            if name in units and normalize(q.unit or "") not in units[name]:
                return None
            return _head(name, words[i + len(cue):], name in with_items)
    clause_end = next((m.start() for m in _CLAUSE.finditer(text, q.end, min(len(text), q.end + 60))),
                      min(len(text), q.end + 60))
    right = [_fold(w) for w in _TOKEN.findall(text, q.end, clause_end)]
    for i in range(min(2, len(right))):
        if _bare(right[i]).isdisjoint(after):
            continue
        found = _cues_at(right, i, after)
        if found is not None:
            return _head(found[1], right[i + len(found[0]):], found[1] in with_items)
    return None


@lru_cache(maxsize=1)
def _head_units() -> dict[str, frozenset[str]]:
    return {name: frozenset(normalize(u) for u in units) for name, units in rules()["heads"]["units"].items()}


def _head(name: str, words: list[str], with_items: bool) -> Head:
    """A head with the items and labels its next words name (three at most, synonyms folded)."""
    if not with_items:
        return Head(name)
    phrase = " ".join(words)
    for form, first in _heads()[3]:
        phrase = re.sub(rf"(^| ){re.escape(form)}( |$)", rf"\g<1>{first}\g<2>", phrase)
    kept = phrase.split()[:3]
    items = frozenset(t for t in map(_term, kept) if t and t not in _generic())
    labels = frozenset(w for w in kept if w.isdigit() and not _YEAR.match(w))
    return Head(name, items, labels)


@lru_cache(maxsize=4096)
def _lead_terms(lead: str) -> frozenset[str]:
    """Content stems of an article's title and lead (read once per article, not per mention)."""
    return frozenset(t for t in (_term(_fold(w)) for w in _TOKEN.findall(lead)) if t)


@lru_cache(maxsize=1)
def _clock_words() -> frozenset[str]:
    return frozenset(normalize(w) for w in rules()["clock_words"])


@lru_cache(maxsize=100_000)
def _stripped_forms(word: str) -> tuple[str, ...]:
    """A folded word, then its forms without one proclitic that leave three letters or more."""
    return (word, *(word[len(c):] for c in _CLITICS if word.startswith(c) and len(word) - len(c) >= 3))


def _scope_of(window: list[str]) -> frozenset[str]:
    """The scope classes, years and clock times a window of folded words names."""
    single, phrases = _scope_cues()
    clocks = _clock_words()
    scope = set()
    for at, word in enumerate(window):
        if _YEAR.match(word):
            scope.add(word)
            continue
        if word.isdigit() and at and window[at - 1] in clocks:
            scope.add(word)           # "بحلول الساعة 1056": a figure of that hour
            continue
        for w in _stripped_forms(word):
            if w in single:
                if not _exempt(single[w], window, at):
                    scope.add(single[w])
                break
    joined = " ".join(window)
    scope.update(group for phrase, group in phrases if phrase in joined)
    return frozenset(scope)


@lru_cache(maxsize=1)
def _exemptions() -> dict[str, tuple[frozenset[str], frozenset[str]]]:
    """scope class -> (words that, up to three words before its cue, make the cue describe them,
    words that, right after it, do)."""
    out = {}
    for group, sides in rules()["scope_exempt"].items():
        if isinstance(sides, dict):
            out[group] = (frozenset(normalize(w) for w in sides.get("before", [])),
                          frozenset(normalize(w) for w in sides.get("after", [])))
    return out


def _exempt(group: str, window: list[str], at: int) -> bool:
    """Whether a scope cue describes a word beside it, not the number: "المدير العام السابق" is a
    former director (not a past figure), "التقرير الوبائي اليومي" a daily report (its figure is a
    total), "منذ صباح اليوم" the moment a price or state began (not a total since then)."""
    before, after = _exemptions().get(group, (frozenset(), frozenset()))
    if any(_bare(w) & before for w in window[max(0, at - 3):at]):
        return True
    return at + 1 < len(window) and bool(_bare(window[at + 1]) & after)


@lru_cache(maxsize=200_000)
def _bare(word: str) -> frozenset[str]:
    """A folded word and its forms without one proclitic ("المدير" is also "مدير")."""
    return frozenset({word, *(word[len(c):] for c in _CLITICS if word.startswith(c) and len(word) - len(c) >= 2)})


@lru_cache(maxsize=1)
def _market() -> frozenset[str]:
    return frozenset(normalize(w) for w in rules()["market"])


@lru_cache(maxsize=1)
def _roundup_cues() -> tuple[frozenset[str], dict[str, frozenset[str]], frozenset[str], re.Pattern[str]]:
    """The roundup cues: single words, two-word phrases (first word -> the second words it takes:
    "موجة عنف", "أعمال العنف"), the wounds after which a single cue describes their kinds
    ("بإصابات متفرقة"), not incidents, and a pattern of every cue word, to pass over most
    sentences (none of them in it) in one search."""
    r = rules()
    cues = [normalize(w).split() for w in r["roundup"]]
    phrases: dict[str, set[str]] = {}
    for first, second in (c for c in cues if len(c) == 2):
        phrases.setdefault(first, set()).add(second)
    single = frozenset(c[0] for c in cues if len(c) == 1)
    anywhere = re.compile("|".join(map(re.escape, sorted(single | phrases.keys(), key=len, reverse=True))))
    return (single, {k: frozenset(v) for k, v in phrases.items()},
            frozenset(normalize(w) for w in r["roundup_not_after"]), anywhere)


def _holds(cues: frozenset[str], words: list[str]) -> bool:
    """Whether one of the words is a cue, alone or after one proclitic."""
    return any(cues & _bare(w) for w in words)


def _is_roundup(words: list[str]) -> bool:
    """Whether a sentence sums several incidents ("حوادث متفرقة", "سلسلة هجمات", "في أعمال عنف"):
    its figures are totals over them, not the headline figure of one event."""
    single, phrases, wounds, anywhere = _roundup_cues()
    if not anywhere.search(" ".join(words)):
        return False
    for at, word in enumerate(words):
        bare = _bare(word)
        if single & bare and not (at and wounds & _bare(words[at - 1])):
            return True
        if at + 1 < len(words) and any(words[at + 1] in phrases[form] for form in bare & phrases.keys()):
            return True
    return False


@lru_cache(maxsize=1)
def _handled_words() -> frozenset[str]:
    return frozenset(normalize(w) for w in rules()["handled"])


@lru_cache(maxsize=1)
def _raises_to() -> frozenset[str]:
    return frozenset(normalize(w) for w in rules()["raises_to"])


@lru_cache(maxsize=1)
def _new_and_ends() -> tuple[frozenset[str], frozenset[str]]:
    r = rules()
    return frozenset(normalize(w) for w in r["new_words"]), frozenset(normalize(w) for w in r["phrase_ends"])


def _new_count(after: str) -> bool:
    """Whether "new" qualifies the counted noun phrase right after a number ("4 حالات إصابة جديدة"),
    not a later noun ("في موجة عنف جديدة", "بحسب حصيلة جديدة": an updated toll is still a total)."""
    new, ends = _new_and_ends()
    for word in [_fold(w) for w in _TOKEN.findall(_CLAUSE.split(after, 1)[0])][:3]:
        if word in ends:
            return False
        if word in new:
            return True
    return False


@lru_cache(maxsize=1)
def _mixed() -> frozenset[str]:
    return frozenset(normalize(w) for w in rules()["mixed"])


@lru_cache(maxsize=1)
def _compound_heads() -> frozenset[str]:
    """Words after which a number is the tail of a longer one ("واحد وعشرون", "كيلو وأربعمائة")."""
    return frozenset(normalize(w) for w in rules()["compound_heads"])


@lru_cache(maxsize=1)
def _generic() -> frozenset[str]:
    """Words that name no item of a list (بنسبة، ارتفع ...): the role cues and the listed generic words."""
    words = {normalize(w) for w in rules()["generic"]}
    words.update(normalize(cue) for role, cues in _roles().items() if isinstance(cues, list) for cue in cues)
    return frozenset(_term(w) for w in words) | frozenset(words)


@lru_cache(maxsize=1)
def _roles() -> dict[str, Any]:
    return json.loads(resources.files("marsad.stories").joinpath("data/roles.json").read_text("utf-8"))


def _rounded(q: Quantity) -> float | None:
    value = q.value if q.qualifier != "range" else q.low
    return round(float(value), 2) if isinstance(value, (int, float)) else None


def _same_scope(a: Mention, b: Mention) -> bool:
    """Whether two mentions stand in the same scope: the same scope classes near them (a rise or a
    fall, said of a count of people, is a toll's update, not another quantity), and no two
    different years or clock times."""
    r = rules()
    ignore = set(r["moves"]) if a.role in r["lead_roles"] else set()
    years_a = {s for s in a.scope if s.isdigit()}      # years and clock times
    years_b = {s for s in b.scope if s.isdigit()}
    if years_a and years_b and not years_a & years_b:
        return False
    return a.scope - years_a - ignore == b.scope - years_b - ignore


def _days_apart(a: str | None, b: str | None) -> int | None:
    try:
        return abs((date.fromisoformat(a) - date.fromisoformat(b)).days) if a and b else None
    except ValueError:
        return None


def overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """Rarity-weighted share of the smaller set's words found in the other."""
    if not a or not b:
        return 0.0
    shared = sum(_idf(t) for t in a & b)
    return shared / min(sum(_idf(t) for t in a), sum(_idf(t) for t in b))


def judge(a: Mention, b: Mention) -> tuple[float | None, str]:
    """(confidence or None, why): None when the two mentions cannot be one quantity of one event:
    published too far apart, set in other scopes or on other days, their sentences sharing too few
    specific words or none right around the numbers, two items of a list, or the numbers beside them
    differing too."""
    r = rules()
    if a.person is not None or b.person is not None:
        return _by_ages(a, b)
    if a.value in b.told or b.value in a.told:
        return None, "number in the other"   # "مقتل 26 وإصابة 227" both ways: the roles were paired wrong
    if _sums_to(a, b) or _sums_to(b, a):
        return None, "parts of the other"    # "بالسجن 30 و8 سنوات" against "بالسجن 38 عاما": two sentences added
    apart = _days_apart(a.day, b.day)
    if a.first and b.first and a.lead and b.lead and (apart is None or apart <= r["lead_max_days"]) \
            and len(a.lead_keys & b.lead_keys) >= r["lead_keys"] and _same_scope(a, b) \
            and a.role in r["lead_roles"] and not (a.days and b.days and not a.days & b.days) \
            and not (a.roundup or b.roundup or a.handled or b.handled) and not _other_actors(a, b):
        lead = overlap(a.lead, b.lead)
        if lead >= r["min_lead"] and sum(_idf(t) for t in a.lead & b.lead - _generic()) >= r["min_lead_shared"]:
            w = r["weights"]
            score = w["lead"] * lead + w["role"] * (1.0 if a.role is not None else 0.0) + w["lead_base"]
            return round(min(score, 1.0), 2), "leads"   # each article's first figure of the kind, in leads that tell one event
    score, why = _by_sentences(a, b, apart)
    if (score is None or score < r["threshold"]) and a.head_first and b.head_first \
            and a.head is not None and b.head is not None and a.head.same(b.head):
        head = _by_heads(a, b, apart)
        if head is not None and (score is None or head > score):
            return head, "head"     # each article's first figure under one head ("نسبة المشاركة")
    return score, why


def _sums_to(part: Mention, whole: Mention) -> bool:
    """Whether the whole's value is the part's plus another number of the part's sentence that the
    whole's sentence does not give: one outlet gives the pieces, the other their total ("10 من
    منسوبي القوات و3 من العاملين" against "13 من منسوبي القوات وثلاثة من العاملين" is not one)."""
    if part.value is None or whole.value is None:
        return False
    return any(t > 0 and t not in whole.told and abs(part.value + t - whole.value) < 0.005 for t in part.told)


def _other_actors(a: Mention, b: Mention) -> bool:
    """Whether the people, bodies or places named beside two figures differ ("شرناق" and
    "كرمانشاه"): two events' tolls. Who tells a figure ("وبحسب حسكو") is not its actor."""
    return _apart_sets(a.actors - a.tellers, b.actors - b.tellers)


def _apart_sets(mine: frozenset[str] | set[str], theirs: frozenset[str] | set[str]) -> bool:
    """Whether both name something and nothing in common."""
    return bool(mine) and bool(theirs) and mine.isdisjoint(theirs)


def _by_ages(a: Mention, b: Mention) -> tuple[float | None, str]:
    """`judge` for ages: each article's first age of one person, published close enough; an age
    is never set against a number of years that is not one."""
    if a.person is None or b.person is None:
        return None, "an age and a span of years"
    if not same_person(a.person.words, b.person.words):
        return None, "other people"
    if not (a.person_first and b.person_first):
        return None, "a later age of the person"
    apart = _days_apart(a.day, b.day)
    if apart is not None and apart > age_rules()["max_days"]:
        return None, "days apart"
    return age_rules()["confidence"], "age"


def _apart(a: Mention, b: Mention, apart: int | None) -> str | None:
    """Why two mentions cannot be one figure on any basis (published too far apart, other scopes,
    other dated days, two market ticks), or None."""
    if apart is not None and apart > rules()["max_days"]:
        return "days apart"
    if not _same_scope(a, b):
        return "scope"
    if a.days and b.days and not a.days & b.days:
        return "dated days"
    if a.market and b.market:
        return "market ticks"     # two reports of a price or an index are two hours' or days' figures
    if a.roundup != b.roundup:
        return "roundup"          # a total over several incidents or days against one incident's figure
    return None


def _by_sentences(a: Mention, b: Mention, apart: int | None) -> tuple[float | None, str]:
    """`judge` on the sentences basis: (confidence or None, why)."""
    r = rules()
    if (why := _apart(a, b, apart)) is not None:
        return None, why
    if a.ordinals and b.ordinals and not a.ordinals & b.ordinals:
        return None, "other ranks"      # "الدفعة الثالثة" and "الدفعة الثانية": two batches, two operations
    if a.item is not None and b.item is not None and a.item != b.item:
        return None, "list items"       # "البلاتين 0.2%" is not "الفضة 0.6%"
    for x, y in ((a, b), (b, a)):
        if x.listed >= r["enumeration"] and y.item is None and x.item and x.item not in y.words:
            return None, "list items"   # one entry of an enumeration ("مستشفى الجموم بسعة 100 سرير، ...") against a figure its sentence does not name
    if _apart_sets(a.actors, b.actors):
        return None, "other actors"     # "سابك" and "سبكيم", "بيشة" and "خيبر" each beside its own figure
    if a.others - b.others and b.others - a.others:
        return None, "other numbers"    # "إلى 49.89" / "إلى 50.41": another day, item or time
    if sum(_idf(t) for t in a.words & b.words - _generic()) < r["min_shared"]:
        return None, "few shared words"
    sentence = overlap(a.words, b.words)
    shared_near = a.near & b.near
    near = len(shared_near)
    anchor = max((_idf(t) for t in shared_near), default=0.0)
    if a.actors & b.actors:
        anchor = max(anchor, r["min_anchor"])    # the same person, body or place named beside both numbers
    if sentence < r["min_sentence"] or near < r["min_near"] or anchor < r["min_anchor"]:
        return None, "little overlap"
    same_others = len(a.others & b.others)
    w = r["weights"]
    near_share = near / max(1, min(len(a.near), len(b.near)))
    score = (w["sentence"] * sentence + w["near"] * near_share
             + w["entity"] * (1.0 if a.entities & b.entities else 0.0)
             + w["role"] * (1.0 if a.role is not None else 0.0)
             + w["others"] * (1.0 if same_others else 0.0)
             + w["headline"] * (1.0 if a.headline and b.headline else 0.0))
    return round(min(score, 1.0), 2), "aligned"


def _by_heads(a: Mention, b: Mention, apart: int | None) -> float | None:
    """Confidence that two mentions under one head ("نسبة المشاركة", "قوة الزلزال") are one quantity
    of the story's event, whatever else their sentences say; None when published too far apart,
    set in other scopes or days, beside other numbers on both sides, beside other people or
    places, or in articles that name no place in common (a body beside a magnitude or a turnout is
    mostly who measured or announced it)."""
    r = rules()
    if _apart(a, b, apart) is not None or a.others - b.others and b.others - a.others:
        return None
    if _apart_sets(a.places, b.places):
        return None              # two quakes of a season: a story of Jordan's and Australia's
    for kind in r["heads"]["actor_kinds"]:
        if _apart_sets({k for k in a.actors if k.startswith(kind)}, {k for k in b.actors if k.startswith(kind)}):
            return None
    w = r["weights"]
    score = w["head"] + w["entity"] * (1.0 if a.entities & b.entities else 0.0) \
        + w["others"] * (1.0 if a.others & b.others else 0.0)
    return round(min(score, 1.0), 2)
