"""Cross-outlet comparison of one story: numbers, naming and framing, provenance, quotes, timeline.

Pure functions over analysed Article records: the CLI, the web app and the exports all render
the `StoryReport` this module builds.
"""
from __future__ import annotations

import json
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field, fields, replace
from datetime import date
from decimal import Decimal
from functools import lru_cache
from importlib import resources
from typing import Any

from marsad.clean.outlets import outlet_name
from marsad.labels import label
from marsad.model import Article, Quantity
from marsad.stories.ages import Person, age_of, as_age, person_of
from marsad.stories.align import Head, Mention, head_of, judge, mention
from marsad.stories.align import rules as align_rules
from marsad.stories.features import stopwords
from marsad.text import normalize
from marsad.text.numbers import lexicon, vague_words

__all__ = ["StoryReport", "compare", "disagreements", "one_name_per_publisher", "origin_of", "outlet_of"]

_WORD = re.compile(r"[^\W\d_]{3,}")
_LETTERS = re.compile(r"[^\W\d_]+")          # a run of letters: a word without its digits
_TOKENS = re.compile(r"[^\W_]+")             # words and numbers
_CLITICS = ("وال", "بال", "فال", "لل", "ال", "و", "ب", "ل", "ف")


@dataclass
class StoryReport:
    outlets: list[str]
    disagreements: list[dict[str, Any]] = field(default_factory=list)
    naming: list[dict[str, Any]] = field(default_factory=list)
    framing: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    distinctive: dict[str, list[str]] = field(default_factory=dict)
    edges: list[dict[str, Any]] = field(default_factory=list)
    origin: str | None = None
    origins: list[str] = field(default_factory=list)
    shared_quotes: list[dict[str, Any]] = field(default_factory=list)
    timeline: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The report's fields as they are: a report is built fresh and packed right away, so the
        deep copy `asdict` makes (a tenth of comparing a story) buys nothing."""
        return {f.name: getattr(self, f.name) for f in fields(self)}


def outlet_of(article: Article) -> str:
    """The name an article is shown under: its outlet, else its web domain, else "مصدر غير معروف"
    (unknown source) with the end of the article's id, so that two unknown sources stay two. A file
    name is never an outlet: it stays in `source`."""
    if article.outlet:
        return article.outlet
    if article.url:
        host = re.sub(r"^https?://(www\.)?", "", article.url).split("/")[0]
        if host:
            return host
    return f"{label('outlet', 'unknown')} ({article.id[-4:]})"


def _value(q: Quantity) -> float | int | list[float | int] | None:
    if q.qualifier == "range":
        return [q.low, q.high]
    return q.value


@lru_cache(maxsize=1)
def _roles_data() -> dict[str, Any]:
    return json.loads(resources.files("marsad.stories").joinpath("data/roles.json").read_text("utf-8"))


@lru_cache(maxsize=1)
def _role_cues() -> list[tuple[str, str]]:
    return [(normalize(cue), role) for role, cues in _roles_data().items()
            if isinstance(cues, list) for cue in cues]


@lru_cache(maxsize=1)
def _role_rules() -> dict[str, Any]:
    rules = _roles_data().get("rules", {})
    return {
        "units_only": {role: set(units) for role, units in rules.get("units_only", {}).items()},
        "not_units": {"units": set(rules.get("not_units", {}).get("units", [])),
                      "roles": set(rules.get("not_units", {}).get("roles", []))},
        "weak": set(rules.get("weak", [])),
        "percent_of": dict(rules.get("percent_of", {})),
        "level_before": {normalize(w) for w in rules.get("level_before", [])},
        "age_before": tuple(mark.strip() for mark in rules.get("age_before", [])),
        "death_cues": tuple(normalize(w) for w in rules.get("death_cues", [])),
        "joint": rules.get("joint", {}),
    }


_SENTENCE_BREAK = re.compile(r"\.(?![\d\u200f\u200e])|[!?؟\n]")    # "2.5" is a number, not two sentences
_CLAUSE_BREAK = re.compile(r"[،,؛;]")


@lru_cache(maxsize=100_000)
def _word_cues(word: str) -> frozenset[tuple[int, str]]:
    """(order, role) of the single-word role cues a word is, alone or after one proclitic."""
    single, _ = _cue_index()
    bare = next((word[len(c):] for c in _CLITICS if word.startswith(c) and len(word) - len(c) >= 3), word)
    return frozenset((order, role) for w in {word, bare} for order, cue, role in single.get(w[:2], ())
                     if _cue_at(w, cue))


def role_of(text: str, q: Quantity, before: int = 60, after: int = 30) -> str | None:
    """What the number counts in its sentence ('قتلى', 'جرحى', ...): the cue nearest the number.

    Words after the number count up to the next comma ("30 مرتزقاً شاركوا في الهجوم، قتل منهم 13":
    the 30 were not killed). A role limited to some units ('تغير': percentages) is not read for
    others; a weak role ('نسبة') only when no other role's cue is near. A percentage right after
    "إلى" is a level, not a change; a percentage of a price is the price's change."""
    rules = _role_rules()
    left = _SENTENCE_BREAK.split(text[max(0, q.start - before):q.start])[-1]
    left_words = _words_any(left)
    if q.unit in rules["units_only"].get("عمر", ()) and (
            left.rstrip(" ").endswith(rules["age_before"])
            or (left_words[-1:] == ["عن"] and any(w.startswith(rules["death_cues"]) for w in left_words))):
        return "عمر"             # "رأفت الميهي (74 عاما)", "رحيل الفنان عن 71 عاما": an age, whatever cue is near
    clause = _clause_after(text, q, after)
    right = _next_item_cut(clause)
    level = q.unit == "%" and (bool(left_words) and left_words[-1] in rules["level_before"]
                               or q.qualifier == "range" and normalize(q.text).startswith("من"))
    best: tuple[int, str] | None = None
    best_weak: tuple[int, str] | None = None
    _, multi = _cue_index()
    for side, words, chunk in ((0, left_words[::-1], left), (1, _words_any(right), right)):
        folded = normalize(chunk)
        phrases = [(order, role) for order, cue, role in multi if cue in folded]
        for distance, word in enumerate(words):
            for _, role in sorted(_word_cues(word).union(phrases)):      # the cues' own order decides, as listed
                only = rules["units_only"].get(role)
                if only is not None and (q.unit not in only or level):
                    continue
                if role in rules["not_units"]["roles"] and q.unit in rules["not_units"]["units"]:
                    continue
                if role in rules["weak"]:
                    if best_weak is None or distance + side < best_weak[0]:
                        best_weak = (distance + side, role)
                elif best is None or distance + side < best[0]:
                    best = (distance + side, role)
                break
    found = best or best_weak
    if found is None:
        return None
    joint = rules["joint"]
    if found[1] in joint.get("of", ()) and _joint_toll(left, clause, joint):
        return joint["as"]
    if q.unit == "%" and not level:
        return rules["percent_of"].get(found[1], found[1])
    return found[1]


def _joint_toll(left: str, right: str, joint: dict[str, Any]) -> bool:
    """Whether cues of two roles stand coordinated beside a number and share it ("5000 مدني قتل
    وأصيب", "50 بين قتيل وجريح", "قتل وأصيب 50"): it counts both together. A joined cue followed by
    a number of its own ("3 قتلى وإصابة 5", "وإصابة العشرات") opens the next figure instead, and
    one after a number of its clause ("لقي 9 مصرعهم وأصيب 47") closes that figure's clause."""
    roles = frozenset(joint.get("of", ()))

    def pair(first: str, second: str) -> bool:
        one = {role for _, role in _word_cues(first)} & roles
        two = {role for _, role in _word_cues(second)} & roles
        return bool(one) and bool(two) and one != two and _joined_cue(second)

    before = _TOKENS.findall(normalize(_CLAUSE_BREAK.split(left)[-1]))
    if len(before) >= 2 and pair(before[-2], before[-1]):
        return not any(map(_is_number_word, before[:-2]))   # not "لقي 9 مصرعهم وأصيب 47", "3 قتلى وإصابة 5"
    after = _TOKENS.findall(normalize(right))
    for i in range(min(joint.get("reach", 4), len(after) - 1)):
        if pair(after[i], after[i + 1]):
            return not any(_is_number_word(w) for w in after[i + 2:i + 4])
    return False


def _is_number_word(word: str) -> bool:
    """A token that is a count: digits, or a number word (not a fraction: "النصف الأول") or a
    vague count, bare or after و or ال."""
    forms = {word, word.removeprefix("و"), word.removeprefix("ال"), word.removeprefix("وال")}
    return any(ch.isdigit() for ch in word) or any(
        (atom := lexicon().get(f)) is not None and atom.kind != "frac" or f in vague_words() for f in forms)


@lru_cache(maxsize=1)
def _cue_index() -> tuple[dict[str, list[tuple[int, str, str]]], list[tuple[int, str, str]]]:
    """The role cues (in their listed order) indexed by their first two letters, and the phrases:
    a word is checked against the few cues that can begin it, not against all of them."""
    single: dict[str, list[tuple[int, str, str]]] = defaultdict(list)
    multi: list[tuple[int, str, str]] = []
    for order, (cue, role) in enumerate(_role_cues()):
        if " " in cue:
            multi.append((order, cue, role))
        else:
            single[cue[:2]].append((order, cue, role))
    return dict(single), multi


def _joined_cue(word: str) -> bool:
    """Whether the word is "و" joined to a role cue ("وإصابة", "وأصيب"), not a cue of its own ("وفاة")."""
    if not word.startswith("و") or len(word) < 4:
        return False
    single, _ = _cue_index()
    own = any(_cue_at(word, cue) for _, cue, _ in single.get(word[:2], ()))
    return not own and any(_cue_at(word[1:], cue) for _, cue, _ in single.get(word[1:3], ()))


def _next_item_cut(clause: str) -> str:
    """The words after a number up to the next coordinated item: a role cue joined by "و" after
    them opens the next figure's clause ("مقتل 11 من عناصر داعش و10 مدنيين وإصابة 17 آخرين": the 10
    were killed, "وإصابة" belongs to the 17)."""
    for m in _LETTERS.finditer(clause):
        if _joined_cue(normalize(m.group())):
            return clause[:m.start()]
    return clause


def _cue_at(word: str, cue: str) -> bool:
    """A role cue begins the word; a two-letter cue (فر) must be the whole word, or فريق would flee."""
    return word == cue if len(cue) <= 2 else word.startswith(cue)


def _words_any(text: str) -> list[str]:
    return _LETTERS.findall(normalize(text))


def _clause_after(text: str, q: Quantity, reach: int) -> str:
    """The text after the number up to the end of its clause (a comma or a sentence end), within `reach`."""
    return _CLAUSE_BREAK.split(_SENTENCE_BREAK.split(text[q.end:q.end + reach])[0])[0]


def _magnitude(q: Quantity) -> float | None:
    if q.qualifier == "range" and q.low is not None and q.high is not None:
        return (float(q.low) + float(q.high)) / 2
    return float(q.value) if isinstance(q.value, (int, float)) else None


@lru_cache(maxsize=1)
def _units_data() -> dict[str, Any]:
    return json.loads(resources.files("marsad.stories").joinpath("data/units.json").read_text("utf-8"))


@lru_cache(maxsize=1)
def _same_units() -> dict[str, str]:
    """Folded unit -> the unit it is compared as ('عام' -> 'سنة', 'مرتزق' -> 'مسلح')."""
    out: dict[str, str] = {}
    for base, forms in _units_data().get("same", {}).items():
        for form in [base, *forms]:
            out.setdefault(normalize(form), base)
    return out


def _unit_keys(units: set[str]) -> dict[str, str]:
    """Each unit of a story -> the unit it is compared as: a listed synonym's base, else the singular
    of a sound plural the extractor left ('مهاجمين', 'يوروهات') when that singular is listed or is
    counted elsewhere in the story, else the unit itself."""
    same = _same_units()
    known = dict(same)
    for unit in sorted(units):
        known.setdefault(normalize(unit), unit)
    suffixes = sorted(_units_data().get("plural_suffixes", []), key=len, reverse=True)
    out = {}
    for unit in sorted(units):
        folded = normalize(unit)
        key = same.get(folded)
        if key is None:
            for suffix in suffixes:
                stem = folded[:-len(suffix)]
                if folded.endswith(suffix) and len(stem) >= 3:
                    for candidate in (stem, stem + "ه"):
                        if candidate in known and candidate != folded:
                            key = known[candidate]
                            break
                if key is not None:
                    break
        out[unit] = key if key is not None else known.get(folded, unit)
    return out


@lru_cache(maxsize=1)
def _pointer_words() -> tuple[frozenset[str], frozenset[str]]:
    """(منهم-like words, آخرين-like words), folded once: they point a bare number at the previous one."""
    data = _units_data()
    return (frozenset(normalize(w) for w in data.get("anaphora", [])),
            frozenset(normalize(w) for w in data.get("others", [])))


def _counted(text: str, quantities: list[Quantity]) -> list[tuple[Quantity, str | None]]:
    """Each quantity with what it counts: a number without a unit next to "منهم" / "بينهم"
    ("قتل منهم 13") counts what the previous number of its sentence counts."""
    anaphora, others = _pointer_words()
    out: list[tuple[Quantity, str | None]] = []
    previous: Quantity | None = None
    for q in sorted(quantities, key=lambda q: q.start):
        if q.kind == "ordinal":
            continue                 # a rank names a place, it does not count anything
        unit = q.unit
        if unit is None and previous is not None and previous.end <= q.start \
                and not _SENTENCE_BREAK.search(text[previous.end:q.start]):
            before = _words_any(_CLAUSE_BREAK.split(text[previous.end:q.start])[-1])
            after = _words_any(_clause_after(text, q, 20))
            if before and before[-1] in anaphora or after and (after[0] in anaphora or after[0] in others):
                unit = previous.unit
        if _part_of_counted(text, q):
            continue                 # "أربعة من المصابين في حالة خطيرة": a part of a count given elsewhere
        out.append((q, unit))
        if q.unit:
            previous = q
    return out


def _part_of_counted(text: str, q: Quantity) -> bool:
    """Whether the number counts some of a set the article counts as a whole: "N من" followed by
    a word that names a role itself ("من المصابين", "من القتلى"), not a kind of people ("10 من
    منسوبي الطوارئ" is the count of the dead)."""
    after = _words_any(_clause_after(text, q, 30))
    return len(after) >= 2 and after[0] == "من" and after[1].startswith("ال") and bool(_word_cues(after[1]))


def disagreements(articles: list[Article]) -> list[dict[str, Any]]:
    """Numbers two outlets give for one quantity of one event that cannot both be true: the same
    counted thing and role, sentences that say the same fact (marsad.stories.align), values read
    as intervals (`interval`) that do not overlap, and a confidence of at least align's threshold.

    Each row carries the two outlets set against each other ("apart", lower value first), their
    values, wordings, hedges and sentences, other outlets' aligned figures, the confidence, and
    its basis: "sentences" (the two sentences say the same fact) or "leads" (each article's first
    figure of the kind, in a small short story)."""
    return _disagreements(one_name_per_publisher(articles))


@dataclass(frozen=True)
class _Counted:
    """A counted number of one article as the comparison reads it: what it counts (unit and
    role, or the head that names it) and the sentence it stands in."""

    article: Article
    outlet: str
    q: Quantity
    unit: str
    role: str | None
    head: Head | None
    span: tuple[int, int]
    person: Person | None = None  # the person whose age it is (marsad.stories.ages)


_AGE = "عمر"


def _disagreements(articles: list[Article]) -> list[dict[str, Any]]:
    """`disagreements` over articles whose publishers already have one name each.

    Every counted number is read as a `Mention` (marsad.stories.align); two outlets' mentions of
    one kind (unit and role) are a candidate when they align (`align.judge`) and their
    intervals cannot both be true, and neither has, in the other outlet, an aligned mention that
    agrees with it (an outlet that gives both "46 for" and "40 against" agrees with one that gives
    both). Candidates are taken best first, each mention in one row at most."""
    if len({outlet_of(a) for a in articles}) < 2:
        return []                # one outlet cannot disagree with itself (most stories: skip the reading)
    found: list[_Counted] = []
    for article in sorted(articles, key=lambda a: (a.published or "~", a.id)):
        if not article.analysis:
            continue
        outlet = outlet_of(article)
        quantities = article.analysis.quantities
        for q, unit in _counted(article.text, quantities):
            if unit and (q.value is not None or q.qualifier in ("range", "vague")):
                if q.kind == "fraction" and isinstance(q.value, (int, float)) and q.value < 1:
                    continue     # a share of a whole ("ثلثي الأعضاء") is not a count of it
                q = _hedged_after(article.text, q)
                span = _sentence_span(article.text, q)
                person = age_of(article.text, q, article.analysis.entities)
                if person is not None:
                    found.append(_Counted(article, outlet, as_age(q), unit, _AGE, None, span, person_of(person)))
                    continue
                head = head_of(article.text, q, quantities, span)
                role = head.name if head is not None else role_of(article.text, q)
                found.append(_Counted(article, outlet, q, unit, role, head, span))
    keys = _unit_keys({c.unit for c in found})
    kinds = [_people(keys[c.unit], c.role) for c in found]
    outlets_of: dict[tuple[str, str | None], set[str]] = defaultdict(set)
    for c, kind in zip(found, kinds):
        outlets_of[kind].add(c.outlet)
    per_kind: dict[tuple[str, str | None], list[Mention]] = defaultdict(list)
    firsts: set[tuple[Any, ...]] = set()
    for c, kind in zip(found, kinds):
        if len(outlets_of[kind]) < 2:
            continue             # a thing one outlet alone counts has nothing to disagree with
        sentence = " ".join(c.article.text[c.span[0]:c.span[1]].split())
        m = mention(c.article, c.outlet, c.q, kind[0], c.role, sentence, c.span, c.head)
        if m is not None and interval(c.q) is not None:
            if (c.article.id, kind) not in firsts:
                firsts.add((c.article.id, kind))
                m = replace(m, first=True)
            if c.head is not None and (c.article.id, kind, "head") not in firsts:
                firsts.add((c.article.id, kind, "head"))
                m = replace(m, head_first=True)
            if c.person is not None:
                m = replace(m, person=c.person, person_first=(c.article.id, c.person.words) not in firsts)
                firsts.add((c.article.id, c.person.words))
            per_kind[kind].append(m)
    out = []
    threshold = align_rules()["threshold"]
    compact = _compact(articles)
    for (unit, role), mentions in per_kind.items():
        for low, high, score, aligned, basis in _clashes(mentions, threshold, compact):
            shown = {low.outlet: low, high.outlet: high, **{m.outlet: m for m in aligned
                                                             if m.outlet not in (low.outlet, high.outlet)}}
            out.append({
                "what": f"{_AGE} ({low.person.name})" if basis == "age" and low.person
                else role if unit == _PERSON and role else unit if role is None or role == unit else f"{unit} ({role})",
                "unit": unit,
                "role": role,
                "values": {o: _value(m.q) for o, m in shown.items()},
                "wording": {o: m.q.text for o, m in shown.items()},
                "qualifiers": {o: m.q.qualifier for o, m in shown.items()},
                "sentences": {o: m.sentence for o, m in shown.items()},
                "apart": [low.outlet, high.outlet],
                "confidence": score,
                "basis": basis,
            })
    return sorted(out, key=lambda d: (-d["confidence"], -len(d["values"]), d["what"]))


@lru_cache(maxsize=1)
def _trailing_hedges() -> list[tuple[list[str], str]]:
    return [(normalize(w).split(), qualifier) for qualifier, words in _units_data().get("trailing_hedges", {}).items()
            for w in words]


def _hedged_after(text: str, q: Quantity) -> Quantity:
    """An exact number with its hedge after the counted noun ("مقتل 10 جنود على الأقل") read as
    hedged: two outlets' "at least 10" and "at least 14" can both be true."""
    if q.qualifier != "exact":
        return q
    folded = normalize(text[q.end:q.end + 40])
    if not any(hedge[-1] in folded for hedge, _ in _trailing_hedges()):
        return q
    words = _words_any(_clause_after(text, q, 40))
    for hedge, qualifier in _trailing_hedges():
        for at in range(min(3, len(words))):
            if words[at:at + len(hedge)] == hedge:
                return replace(q, qualifier=qualifier)
    return q


def _compact(articles: list[Article]) -> bool:
    """Whether a story is small and short enough for its articles' lead figures to be one event's:
    in SaudiNewsNet, lead figures set against each other in stories of more articles or days (a
    season of accidents, a week of a war) were mostly two events' (about one pair in four right)."""
    rules = align_rules()
    days = sorted(a.published[:10] for a in articles if a.published)
    try:
        span = (date.fromisoformat(days[-1]) - date.fromisoformat(days[0])).days if days else 0
    except ValueError:
        span = 0
    return len(articles) <= rules["lead_story_articles"] and span <= rules["lead_story_days"]


def _clashes(mentions: list[Mention], threshold: float,
             compact: bool = True) -> list[tuple[Mention, Mention, float, list[Mention], str]]:
    """(lower mention, higher mention, confidence, other outlets' mentions aligned with them) for
    each pair of outlets' mentions of one kind that align at `threshold` or more and cannot both be
    true, best first, each mention used once.

    Two articles' first figures of a kind in their leads (`align.judge`: "leads") are set against
    each other only in a `compact` story. Without that, two leads of a topic blob (two fires,
    two weddings) would be set against each other."""
    scored: list[tuple[float, int, int, str]] = []
    agrees: set[tuple[int, str]] = set()      # (mention, outlet): an aligned mention of that outlet agrees with it
    stated = _stated(mentions)
    aligned: dict[int, list[tuple[float, int]]] = defaultdict(list)
    for i, a in enumerate(mentions):
        for j in range(i + 1, len(mentions)):
            b = mentions[j]
            if a.outlet == b.outlet:
                continue
            score, why = judge(a, b)
            if score is None:
                continue
            aligned[i].append((score, j))
            aligned[j].append((score, i))
            if _compatible(a.q, b.q) or _far_apart(a.q, b.q):
                if not _far_apart(a.q, b.q):
                    agrees.update(((i, b.outlet), (j, a.outlet)))
            elif score >= threshold and not (a.person is None and _states(stated[b.outlet], a.value, b.value)
                                             and _states(stated[a.outlet], b.value, a.value)):
                scored.append((score, i, j, why))
    out = []
    used: set[int] = set()
    for score, i, j, why in sorted(scored, key=lambda s: (-s[0], s[1], s[2])):
        a, b = mentions[i], mentions[j]
        if (i, b.outlet) in agrees or (j, a.outlet) in agrees or i in used or j in used:
            continue
        if why in ("leads", "head") and not compact:
            continue
        used.update((i, j))
        low, high = (a, b) if interval(a.q)[1] < interval(b.q)[0] else (b, a)  # type: ignore[index]
        others = {}
        for s, k in sorted(aligned[i] + aligned[j], reverse=True):
            m = mentions[k]
            if s >= threshold and m.outlet not in (a.outlet, b.outlet) \
                    and not _far_apart(m.q, a.q) and not _far_apart(m.q, b.q):
                others.setdefault(m.outlet, m)
        out.append((low, high, score, list(others.values()), why if why in ("leads", "head", "age") else "sentences"))
    return out


def _stated(mentions: list[Mention]) -> dict[str, set[float]]:
    """{outlet: every value it gives of the kind, anywhere in its articles of the story}. Two
    outlets that each give both numbers do not contradict each other: what was set against each
    other is two things of one kind (the first and the second seizure of one customs report).
    One outlet giving both ("9 according to the ministry, 14 according to the group's claim")
    against another giving one still disagrees."""
    stated: dict[str, set[float]] = defaultdict(set)
    for m in mentions:
        if m.value is not None:
            stated[m.outlet].add(m.value)
    return stated


def _states(values: set[float], value: float | None, own: float | None) -> bool:
    """Whether an outlet whose figure is `own` also gives `value` among `values`, to the half unit
    ("744.5" is also read "744" where an outlet spells the number out after the digits) and
    nearer to `value` than to `own`."""
    if value is None or own is None:
        return False
    near = min(0.5, abs(value - own) / 4)
    return any(abs(v - value) <= near for v in values)


def _compatible(a: Quantity, b: Quantity) -> bool:
    """Whether both can be true; "-18" against "- 18" is one number read twice, not two."""
    sa, sb = interval(a), interval(b)
    if isinstance(a.value, (int, float)) and isinstance(b.value, (int, float)) and abs(a.value) == abs(b.value):
        return True
    if sa is None or sb is None or not (sa[0] <= sb[1] and sb[0] <= sa[1]):
        return sa is None or sb is None
    return _rounds_to(a, b) and _rounds_to(b, a)


def _rounds_to(whole: Quantity, other: Quantity) -> bool:
    """Whether a hedged whole number ("نحو 17") can stand for a figure another outlet states with a
    fraction ("17.25", "نحو 17.5"): only when that figure rounds to it, half up. A writer who gives
    "نحو 17" for a price of 17.5 would have written 18; a stated fraction is a precision the whole
    number's hedge does not widen (in the demo corpus "نحو 17" against "نحو 17.5" pounds a litre)."""
    v, x = whole.value, other.value
    if whole.qualifier != "approx" or not isinstance(v, (int, float)) or not isinstance(x, (int, float)) \
            or float(v) != int(v) or float(x) == int(x) or other.qualifier not in ("exact", "approx"):
        return True
    r = _rounding(float(v))
    return float(v) - r <= float(x) < float(v) + r


def _far_apart(a: Quantity, b: Quantity, ratio: float = 50.0) -> bool:
    """Values so far apart (17 pounds a litre, a 150-billion bill) that they are not one quantity."""
    ma, mb = _magnitude(a), _magnitude(b)
    if ma is None or mb is None or ma <= 0 or mb <= 0:
        return False
    return max(ma, mb) / min(ma, mb) > ratio


_PERSON = "شخص"


def _people(unit: str, role: str | None) -> tuple[str, str | None]:
    """(unit, role) a count is compared under: people are compared by role, so "93 جريحا",
    "إصابة 40 آخرين" (persons, wounded) and "40 مصابا" are one quantity; a role noun names its role."""
    roles, persons = _people_words()
    folded = normalize(unit)
    if folded in roles:
        return _PERSON, roles[folded]
    if folded in persons and role is not None:
        return _PERSON, role
    return unit, role


@lru_cache(maxsize=1)
def _people_words() -> tuple[dict[str, str], frozenset[str]]:
    data = _units_data()
    return ({normalize(k): v for k, v in data.get("role_units", {}).items()},
            frozenset(normalize(p) for p in data.get("persons", [])))


def interval(q: Quantity) -> tuple[float, float] | None:
    """The values a mention allows: 'نحو 500' is 450..550, 'نحو 38' 37.05..38.95, 'أكثر من 100' 100..∞, 'بين 5 و10' 5..10,
    'عشرات' 20..99; an exact number allows itself, a big one also what rounds to it ("350 ألف" is
    345,000..355,000: half a percent either side, or the rounding its digits show up to 3%).
    None when the mention bounds nothing (العديد)."""
    rules = _interval_rules()
    if q.qualifier == "range" and q.low is not None and q.high is not None:
        return float(q.low), float(q.high)
    if q.qualifier == "vague":
        kinds = [k for k in (vague_words().get(w.removeprefix("ال")) for w in normalize(q.text).split()) if k]
        bounds = rules["vague"].get(kinds[0]) if kinds else None
        if bounds is None:
            return None
        scale = math.prod(rules["vague_scales"].get(k, 1) for k in kinds[1:])    # "مئات الآلاف"
        return float(bounds[0]) * scale, float(bounds[1]) * scale
    if not isinstance(q.value, (int, float)):
        return None
    v = float(q.value)
    if q.qualifier == "exact" and 100 <= abs(v) < 1000 and not re.search(r"[\d٠-٩]", q.text):
        return v - 0.5, v + 0.5          # a number in words leaves out the half: "ثلاثمائة وتسعين جراما ونصف"
    if q.qualifier == "approx":
        spread = min(max(_rounding(v), rules["approx_min"] * abs(v)), rules["approx_max"] * abs(v))
        return v - spread, v + spread
    if q.qualifier in ("more_than", "at_least"):
        return v, math.inf
    if q.qualifier in ("less_than", "at_most"):
        return -math.inf if v < 0 else 0.0, v
    spread = max(abs(v) * rules["exact"], min(_rounding(v), abs(v) * rules["exact_rounding"])) \
        if abs(v) >= 1000 else 0.0      # "1.9 مليار" may be 1.949 billion, "عشرة ملايين" is not nine
    if spread and v > 0 and _scaled_whole(q):
        return v - spread, v + 2 * spread    # "22 ألف حبة" for 22,790 pills: the thousands cut, not rounded
    return v - spread, v + spread


def _scaled_whole(q: Quantity) -> bool:
    """Whether a figure is written as whole digits and a scale word ("22 ألف", "3 ملايين"): the
    writer may have cut what follows the scale's place rather than rounded it. (`\\d` and `int`
    read Arabic-Indic digits as they read ASCII ones.)"""
    digits = re.findall(r"\d+(?:[.,٫]\d+)?", q.text)
    return len(digits) == 1 and digits[0].isdigit() and int(digits[0]) < float(q.value or 0)


def _rounding(v: float) -> float:
    """Half the place of the last non-zero digit as written: 500 -> 50, 38 -> 0.5, 2.5 -> 0.05."""
    if v == 0:
        return 0.0
    exponent = Decimal(repr(v)).normalize().as_tuple().exponent
    return 10.0 ** int(exponent) / 2


def _sentence_span(text: str, q: Quantity, width: int = 240) -> tuple[int, int]:
    """Where the sentence holding a mention begins and ends (at most `width` characters either side)."""
    left = _SENTENCE_BREAK.split(text[max(0, q.start - width):q.start])[-1]
    right = _SENTENCE_BREAK.split(text[q.end:q.end + width])[0]
    return q.start - len(left), q.end + len(right)


@lru_cache(maxsize=1)
def _interval_rules() -> dict[str, Any]:
    return _units_data()["intervals"]


def _naming(articles: list[Article]) -> list[dict[str, Any]]:
    forms: dict[str, dict[str, Counter[str]]] = defaultdict(lambda: defaultdict(Counter))
    meta: dict[str, tuple[str, str]] = {}
    for article in articles:
        for e in article.analysis.entities if article.analysis else []:
            forms[e.key][outlet_of(article)][e.text.replace("_", " ")] += 1
            meta.setdefault(e.key, (e.canonical, e.type))
    rows = []
    for key, by_outlet in forms.items():
        if len(by_outlet) < 2:
            continue
        mentions = sum(sum(c.values()) for c in by_outlet.values())
        rows.append({"key": key, "canonical": meta[key][0], "type": meta[key][1], "mentions": mentions,
                     "forms": {o: [f for f, _ in c.most_common()] for o, c in by_outlet.items()}})
    rows.sort(key=lambda r: (-len(r["forms"]), -r["mentions"], r["key"]))
    return rows[:15]


@lru_cache(maxsize=1)
def _framing_lexicon() -> dict[str, str]:
    data = json.loads(resources.files("marsad.stories").joinpath("data/framing.json").read_text("utf-8"))
    return {normalize(w): group for group, words in data.items() if group != "about" for w in words}


def _words(text: str) -> list[str]:
    return _WORD.findall(normalize(text))


@lru_cache(maxsize=200_000)
def _framing_term(word: str) -> tuple[str, str] | None:
    """(group, term) when the word, or the word without one proclitic, is a loaded term."""
    lexicon = _framing_lexicon()
    for w in (word, *(word[len(c):] for c in _CLITICS if word.startswith(c))):
        group = lexicon.get(w)
        if group:
            return group, w
    return None


def _framing(articles: list[Article], words: list[list[str]]) -> dict[str, dict[str, list[str]]]:
    """Loaded terms per outlet; `words` are each article's `_words`, read once for this and
    `_distinctive`."""
    found: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for article, text_words in zip(articles, words):
        for word in dict.fromkeys(text_words):      # text order: groups come out the same on every run
            term = _framing_term(word)
            if term:
                found[outlet_of(article)][term[0]].add(term[1])
    return {o: {g: sorted(ws) for g, ws in groups.items()} for o, groups in found.items()}


def _distinctive(articles: list[Article], words: list[list[str]]) -> dict[str, list[str]]:
    """Words one outlet uses (twice or more) in this story and no other outlet does."""
    if len({outlet_of(a) for a in articles}) < 2:
        return {}
    by_outlet: dict[str, Counter[str]] = defaultdict(Counter)
    stop = stopwords()
    for article, text_words in zip(articles, words):
        by_outlet[outlet_of(article)].update(w for w in text_words if w not in stop)
    out = {}
    for outlet, counts in by_outlet.items():
        others: set[str] = set().union(*(set(c) for o, c in by_outlet.items() if o != outlet))
        own = [w for w, n in counts.most_common() if n >= 2 and w not in others]
        if own:
            out[outlet] = own[:10]
    return out


def _provenance(articles: list[Article]) -> tuple[list[dict[str, Any]], list[str]]:
    """Citation edges (reporter -> source) and sources ranked by how many outlets rely on them."""
    edges: Counter[tuple[str, str]] = Counter()
    citing: dict[str, set[str]] = defaultdict(set)
    depth: dict[str, int] = {}
    for article in articles:
        if not article.analysis:
            continue
        outlet = outlet_of(article)
        for attribution in article.analysis.attributions:
            chain = [c for c in attribution.chain if c and normalize(c) != normalize(outlet)]
            previous = outlet
            for position, source in enumerate(chain):
                edges[(previous, source)] += 1
                citing[source].add(outlet)
                depth[source] = max(depth.get(source, 0), position)
                previous = source
    ranked = sorted(citing, key=lambda s: (-len(citing[s]), -depth[s], s))
    return ([{"from": a, "to": b, "count": n} for (a, b), n in sorted(edges.items())], ranked)


def origin_of(articles: list[Article]) -> str | None:
    """The source the most outlets of the story trace their report to (deeper in chains wins ties)."""
    return _provenance(articles)[1][0] if _provenance(articles)[1] else None


def _shared_quotes(articles: list[Article]) -> list[dict[str, Any]]:
    items = [(outlet_of(a), q) for a in articles if a.analysis for q in a.analysis.quotes]
    groups: list[list[tuple[str, Any]]] = []
    firsts: list[set[str]] = []           # the words of each group's first quote, read once
    for outlet, quote in items:
        words = set(_words(quote.text))
        for group, ref in zip(groups, firsts):
            if words and ref and len(words & ref) / len(words | ref) >= 0.5:
                group.append((outlet, quote))
                break
        else:
            groups.append([(outlet, quote)])
            firsts.append(words)
    out = []
    for group in groups:
        outlets = {o for o, _ in group}
        if len(outlets) < 2:
            continue
        variants = {o: q.text for o, q in group}
        speakers = [q.speaker for _, q in group if q.speaker]
        out.append({"speaker": speakers[0] if speakers else None, "variants": variants,
                    "changed": len({normalize(t) for t in variants.values()}) > 1})
    return out


def _timeline(articles: list[Article]) -> list[dict[str, Any]]:
    seen_entities: set[str] = set()
    seen_numbers: set[str] = set()
    seen_sources: set[str] = set()
    rows = []
    for article in sorted(articles, key=lambda a: (a.published or "~", a.id)):
        analysis = article.analysis
        added: dict[str, list[str]] = {"entities": [], "quantities": [], "sources": []}
        if analysis:
            for e in analysis.entities:
                if e.key not in seen_entities:
                    seen_entities.add(e.key)
                    added["entities"].append(e.canonical)
            for q in analysis.quantities:
                label = f"{q.text}"
                if q.unit and (q.unit, json.dumps(_value(q))) not in seen_numbers:
                    seen_numbers.add((q.unit, json.dumps(_value(q))))  # type: ignore[arg-type]
                    added["quantities"].append(label)
            for s in analysis.sources:
                if s not in seen_sources:
                    seen_sources.add(s)
                    added["sources"].append(s)
        rows.append({"article": article.id, "outlet": outlet_of(article), "published": article.published,
                     "title": article.title, "added": added})
    return rows


def one_name_per_publisher(articles: list[Article]) -> list[Article]:
    """The articles with each publisher under the one name `outlet_name` gives it ('صحيفة النهار
    المغاربية' and 'النهار المغاربية' are one outlet), so that a story shows a publisher once and its
    numbers are compared as one outlet's, also for articles stored before names were unified."""
    return [replace(a, outlet=outlet_name(a.outlet)) if a.outlet and outlet_name(a.outlet) != a.outlet else a
            for a in articles]


def compare(articles: list[Article]) -> StoryReport:
    """Everything the story page shows about how outlets differ on this story."""
    articles = one_name_per_publisher(articles)
    edges, ranked = _provenance(articles)
    outlets = sorted({outlet_of(a) for a in articles})
    words = [_words(a.text) for a in articles]
    return StoryReport(
        outlets=outlets,
        disagreements=_disagreements(articles),
        naming=_naming(articles),
        framing=_framing(articles, words),
        distinctive=_distinctive(articles, words),
        edges=edges,
        origin=ranked[0] if ranked else None,
        origins=ranked[:5],
        shared_quotes=_shared_quotes(articles),
        timeline=_timeline(articles),
    )
