"""Cross-outlet comparison of one story: numbers, naming and framing, provenance, quotes, timeline.

Pure functions over analysed Article records: the CLI, the web app and the exports all render
the `StoryReport` this module builds.
"""
from __future__ import annotations

import json
import math
import re
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field, replace
from decimal import Decimal
from functools import lru_cache
from importlib import resources
from typing import Any

from marsad.clean.outlets import outlet_name
from marsad.labels import label
from marsad.model import Article, Quantity
from marsad.stories.features import stem, stopwords
from marsad.text import normalize
from marsad.text.numbers import vague_words

__all__ = ["StoryReport", "compare", "disagreements", "one_name_per_publisher", "origin_of", "outlet_of"]

_WORD = re.compile(r"[^\W\d_]{3,}")
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
        return asdict(self)


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
        "weak": set(rules.get("weak", [])),
        "percent_of": dict(rules.get("percent_of", {})),
        "level_before": {normalize(w) for w in rules.get("level_before", [])},
        "age_before": tuple(mark.strip() for mark in rules.get("age_before", [])),
        "needs_context": set(rules.get("needs_context", [])),
        "death_cues": tuple(normalize(w) for w in rules.get("death_cues", [])),
    }


_SENTENCE_BREAK = re.compile(r"[.!?؟\n]")
_CLAUSE_BREAK = re.compile(r"[،,؛;]")


def role_of(text: str, q: Quantity, before: int = 60, after: int = 30) -> str | None:
    """What the number counts in its sentence ('قتلى', 'جرحى', ...): the cue nearest the number.

    Words after the number count up to the next comma ("30 مرتزقاً شاركوا في الهجوم، قتل منهم 13":
    the 30 were not killed). A role limited to some units ('تغير': percentages) is not read for
    others; a weak role ('نسبة') only when no other role's cue is near. A percentage right after
    "إلى" is a level, not a change; a percentage of a price is the price's change."""
    rules = _role_rules()
    left = _SENTENCE_BREAK.split(text[max(0, q.start - before):q.start])[-1]
    if q.unit in rules["units_only"].get("عمر", ()) and (
            left.rstrip(" ").endswith(rules["age_before"])
            or (_words_any(left)[-1:] == ["عن"] and any(w.startswith(rules["death_cues"]) for w in _words_any(left)))):
        return "عمر"             # "رأفت الميهي (74 عاما)", "رحيل الفنان عن 71 عاما": an age, whatever cue is near
    right = _CLAUSE_BREAK.split(_SENTENCE_BREAK.split(text[q.end:q.end + after])[0])[0]
    left_words = _words_any(left)
    level = q.unit == "%" and (bool(left_words) and left_words[-1] in rules["level_before"]
                               or q.qualifier == "range" and normalize(q.text).startswith("من"))
    best: tuple[int, str] | None = None
    best_weak: tuple[int, str] | None = None
    single, multi = _cue_index()
    for side, words, chunk in ((0, left_words[::-1], left), (1, _words_any(right), right)):
        folded = normalize(chunk)
        phrases = [(order, role) for order, cue, role in multi if cue in folded]
        for distance, word in enumerate(words):
            bare = next((word[len(c):] for c in _CLITICS if word.startswith(c) and len(word) - len(c) >= 3), word)
            matches = {(order, role) for w in {word, bare} for order, cue, role in single.get(w[:2], ())
                       if _cue_at(w, cue)}
            for _, role in sorted(matches.union(phrases)):      # the cues' own order decides, as listed
                only = rules["units_only"].get(role)
                if only is not None and (q.unit not in only or level):
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
    if q.unit == "%" and not level:
        return rules["percent_of"].get(found[1], found[1])
    return found[1]


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


def _cue_at(word: str, cue: str) -> bool:
    """A role cue begins the word; a two-letter cue (فر) must be the whole word, or فريق would flee."""
    return word == cue if len(cue) <= 2 else word.startswith(cue)


def _words_any(text: str) -> list[str]:
    return re.findall(r"[^\W\d_]+", normalize(text))


def _magnitude(q: Quantity) -> float | None:
    if q.qualifier == "range" and q.low is not None and q.high is not None:
        return (float(q.low) + float(q.high)) / 2
    return float(q.value) if isinstance(q.value, (int, float)) else None


def _bands(mentions: list[tuple[str, Quantity]], ratio: float = 50.0) -> list[list[tuple[str, Quantity]]]:
    """Split mentions of one counted thing into magnitude bands: 17 pounds a litre and a 150-billion
    subsidy bill are both 'جنيه', but not the same quantity. Vague mentions join the only band."""
    sized = sorted(((m, q) for m, q in mentions if _magnitude(q) is not None), key=lambda mq: _magnitude(mq[1]))
    bands: list[list[tuple[str, Quantity]]] = []
    for outlet, q in sized:
        if bands and _magnitude(q) <= ratio * max(_magnitude(bands[-1][-1][1]), 1e-9):
            bands[-1].append((outlet, q))
        else:
            bands.append([(outlet, q)])
    vague = [(m, q) for m, q in mentions if _magnitude(q) is None]
    if len(bands) == 1:
        bands[0] += vague
    return bands


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
            after = _words_any(_CLAUSE_BREAK.split(_SENTENCE_BREAK.split(text[q.end:q.end + 20])[0])[0])
            if before and before[-1] in anaphora or after and (after[0] in anaphora or after[0] in others):
                unit = previous.unit
        out.append((q, unit))
        if q.unit:
            previous = q
    return out


def disagreements(articles: list[Article]) -> list[dict[str, Any]]:
    """Same counted thing, same role, same order of magnitude, values that cannot all be true
    (each outlet's first mention in that band, read as an interval: see `interval`).

    Each row carries each outlet's value, wording, hedge and sentence, the pair of outlets whose
    intervals lie furthest apart, and a confidence in [0, 1] (see `_confidence`)."""
    return _disagreements(one_name_per_publisher(articles))


def _disagreements(articles: list[Article]) -> list[dict[str, Any]]:
    """`disagreements` over articles whose publishers already have one name each."""
    counted: list[tuple[int, str, Quantity, str, str | None, str]] = []
    if len({outlet_of(a) for a in articles}) < 2:
        return []                # one outlet cannot disagree with itself (most stories: skip the reading)
    for order, article in enumerate(sorted(articles, key=lambda a: (a.published or "~", a.id))):
        if not article.analysis:
            continue
        for q, unit in _counted(article.text, article.analysis.quantities):
            if unit and (q.value is not None or q.qualifier in ("range", "vague")):
                if q.kind == "fraction" and isinstance(q.value, (int, float)) and q.value < 1:
                    continue     # a share of a whole ("ثلثي الأعضاء") is not a count of it
                counted.append((order * 10_000 + q.start, outlet_of(article), q, unit, role_of(article.text, q),
                                _sentence(article.text, q)))
    keys = _unit_keys({unit for _, _, _, unit, _, _ in counted})
    per_kind: dict[tuple[str, str | None], list[tuple[int, str, Quantity, str]]] = defaultdict(list)
    for at, outlet, q, unit, role, sentence in counted:
        per_kind[_people(keys[unit], role)].append((at, outlet, q, sentence))
    out = []
    for (unit, role), mentions in per_kind.items():
        mentions.sort(key=lambda m: m[0])
        sentences = {id(q): sentence for _, _, q, sentence in mentions}
        for band in _bands([(outlet, q) for _, outlet, q, _ in mentions]):
            in_band = {id(q) for _, q in band}
            by_outlet: dict[str, Quantity] = {}
            every: dict[str, list[Quantity]] = defaultdict(list)
            for _, outlet, q, _ in mentions:          # reading order: each outlet's first mention
                if id(q) in in_band:
                    by_outlet.setdefault(outlet, q)
                    every[outlet].append(q)
            apart = _furthest_apart(by_outlet, {o: sentences[id(q)] for o, q in by_outlet.items()}, role, every)
            if apart is None:
                continue                               # every pair of intervals can both be true
            out.append({
                "what": role if unit == _PERSON and role else unit if role is None or role == unit else f"{unit} ({role})",
                "unit": unit,
                "role": role,
                "values": {outlet: _value(q) for outlet, q in by_outlet.items()},
                "wording": {outlet: q.text for outlet, q in by_outlet.items()},
                "qualifiers": {outlet: q.qualifier for outlet, q in by_outlet.items()},
                "sentences": {outlet: sentences[id(q)] for outlet, q in by_outlet.items()},
                "apart": list(apart[:2]),
                "confidence": _confidence(role, by_outlet[apart[0]], by_outlet[apart[1]],
                                          context_share(sentences[id(by_outlet[apart[0]])],
                                                        sentences[id(by_outlet[apart[1]])],
                                                        by_outlet[apart[0]], by_outlet[apart[1]])),
            })
    return sorted(out, key=lambda d: (-d["confidence"], -len(d["values"]), d["what"]))


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
    'عشرات' 20..99; an exact number allows itself (within half a percent, for rounding).
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
    if q.qualifier == "approx":
        spread = min(max(_rounding(v), rules["approx_min"] * abs(v)), rules["approx_max"] * abs(v))
        return v - spread, v + spread
    if q.qualifier in ("more_than", "at_least"):
        return v, math.inf
    if q.qualifier in ("less_than", "at_most"):
        return -math.inf if v < 0 else 0.0, v
    spread = abs(v) * rules["exact"] if abs(v) >= 1000 else 0.0      # rounding only matters for big numbers
    return v - spread, v + spread


def context_share(a: str, b: str, qa: Quantity, qb: Quantity) -> float:
    """Share of the shorter sentence's content words found in the other (0 when either has none)."""
    left, right = _content(a, qa), _content(b, qb)
    if not left or not right:
        return 0.0
    return len(left & right) / min(len(left), len(right))


def same_context(a: str, b: str, qa: Quantity, qb: Quantity) -> bool:
    """Whether two sentences speak of the same thing around their numbers: enough content words in
    common (light stems, stopwords, numbers and the counted nouns left out). Outlets that report
    one event reuse its words (the place, the actor, the verb); "the lira fell 0.75%" and "the
    bank cut its deposit rate from 3.5%" share only the day."""
    rules = _interval_rules()
    left, right = _content(a, qa), _content(b, qb)
    if not left or not right:
        return True                  # nothing to judge by (a bare number): do not veto
    shared, shorter = len(left & right), min(len(left), len(right))
    needed = min(rules["context_shared"], max(1, shorter // 3))     # a headline has few words to share
    return shared >= needed and shared / shorter >= rules["context_share"]


def _content(sentence: str, q: Quantity) -> frozenset[str]:
    skip = stopwords()
    unit = stem(normalize(q.unit)) if q.unit else ""
    return frozenset(stem(w) for w in _words_any(sentence) if len(w) > 2 and w not in skip) - {unit}


def _rounding(v: float) -> float:
    """Half the place of the last non-zero digit as written: 500 -> 50, 38 -> 0.5, 2.5 -> 0.05."""
    if v == 0:
        return 0.0
    exponent = Decimal(repr(v)).normalize().as_tuple().exponent
    return 10.0 ** int(exponent) / 2


def _furthest_apart(by_outlet: dict[str, Quantity], sentences: dict[str, str], role: str | None,
                    every: dict[str, list[Quantity]]) -> tuple[str, str, float] | None:
    """(outlet, outlet, gap ratio) of the two first mentions furthest apart, None if all overlap.
    Two outlets disagree only when none of the one's numbers for this thing can be true with any of
    the other's: an outlet that gives both "46 for" and "40 against" agrees with one that gives both.
    Without a role (قتلى، سعر ...) to say what is counted, two mentions are compared only when
    their sentences say the same thing around the number (`same_context`)."""
    spans = {outlet: interval(q) for outlet, q in by_outlet.items()}
    best: tuple[str, str, float] | None = None
    names = [o for o, span in spans.items() if span is not None]
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            if (role is None or role in _role_rules()["needs_context"]) and \
                    not same_context(sentences[a], sentences[b], by_outlet[a], by_outlet[b]):
                continue
            (lo_a, hi_a), (lo_b, hi_b) = spans[a], spans[b]  # type: ignore[misc]
            low, high = (a, b) if hi_a < lo_b else (b, a) if hi_b < lo_a else (None, None)
            if low is None or _any_overlap(every[a], every[b]):
                continue
            top = spans[high][0]  # type: ignore[index]
            bottom = spans[low][1]  # type: ignore[index]
            ratio = top / bottom if bottom > 0 else math.inf
            if best is None or ratio > best[2]:
                best = (low, high, ratio)  # type: ignore[assignment]
    return best


def _any_overlap(left: list[Quantity], right: list[Quantity]) -> bool:
    """Whether some number of one list can be true together with some number of the other."""
    spans = [s for s in map(interval, right) if s is not None]
    for q in left:
        span = interval(q)
        if span is not None and any(span[0] <= hi and lo <= span[1] for lo, hi in spans):
            return True
    return False


def _confidence(role: str | None, low: Quantity, high: Quantity, context: float) -> float:
    """How sure we are that two outlets really disagree on one quantity of one event. Most of it is
    how much the two sentences say the same thing around the number (`context`, the share of
    content words in common: outlets that report one fact reuse its words); a named role (قتلى،
    جرحى) and the counted noun written beside both numbers add to it."""
    score = 0.15 + 0.6 * min(1.0, context / 0.5)
    if role is not None:
        score += 0.15
    if low.unit and high.unit:
        score += 0.1
    return round(min(score, 0.95), 2)


def _sentence(text: str, q: Quantity, width: int = 240) -> str:
    """The sentence holding a mention (cut to `width` characters either side)."""
    left = _SENTENCE_BREAK.split(text[max(0, q.start - width):q.start])[-1]
    right = _SENTENCE_BREAK.split(text[q.end:q.end + width])[0]
    return " ".join((left + text[q.start:q.end] + right).split())


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


def _framing(articles: list[Article]) -> dict[str, dict[str, list[str]]]:
    found: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for article in articles:
        for word in set(_words(article.text)):
            term = _framing_term(word)
            if term:
                found[outlet_of(article)][term[0]].add(term[1])
    return {o: {g: sorted(ws) for g, ws in groups.items()} for o, groups in found.items()}


def _distinctive(articles: list[Article]) -> dict[str, list[str]]:
    """Words one outlet uses (twice or more) in this story and no other outlet does."""
    by_outlet: dict[str, Counter[str]] = defaultdict(Counter)
    for article in articles:
        by_outlet[outlet_of(article)].update(w for w in _words(article.text) if w not in stopwords())
    if len(by_outlet) < 2:
        return {}
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


def _quote_words(text: str) -> set[str]:
    return set(_words(text))


def _shared_quotes(articles: list[Article]) -> list[dict[str, Any]]:
    items = [(outlet_of(a), q) for a in articles if a.analysis for q in a.analysis.quotes]
    groups: list[list[tuple[str, Any]]] = []
    for outlet, quote in items:
        words = _quote_words(quote.text)
        for group in groups:
            ref = _quote_words(group[0][1].text)
            if words and ref and len(words & ref) / len(words | ref) >= 0.5:
                group.append((outlet, quote))
                break
        else:
            groups.append([(outlet, quote)])
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
    return StoryReport(
        outlets=outlets,
        disagreements=_disagreements(articles),
        naming=_naming(articles),
        framing=_framing(articles),
        distinctive=_distinctive(articles),
        edges=edges,
        origin=ranked[0] if ranked else None,
        origins=ranked[:5],
        shared_quotes=_shared_quotes(articles),
        timeline=_timeline(articles),
    )
