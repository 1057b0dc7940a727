"""What attribution and quotes share: the reporting vocabulary and readers for "who" phrases.

Arabic news attributes with a verb ("نقلت صحيفة الصن عن ..."), a preposition ("وفقاً لمصادر
أمنية") or a participle after a quote ("مضيفاً: «...»"). Both extractors need to find those
triggers and read the source phrase that follows, so the vocabulary (data/reporting.json) and
the readers live here, once. Matching runs on a copy of the text without harakat (diacritics
would defeat the regexes); `Prepared` maps every offset back to the original characters.
"""
from __future__ import annotations

import bisect
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from marsad.model import Entity
from marsad.text.normalize import fold_char, normalize

__all__ = ["Prepared", "Src", "vocab", "patterns", "media_keys", "read_source", "is_pronoun_subject",
           "word_at", "merge_key"]

_HARAKAT = re.compile("[\u064B-\u0652\u0670]+")
QUOTE_MARKS = "«»“”„‟\"‹›'"
_FILLER = re.compile(r"[\s#ـ«“”\"‹(]*")
WORD = re.compile(r"[^\W\d_]+")
_QUOTED_NAME = re.compile(r"([^\W\d_]+(?:\s+[^\W\d_]+){0,2})[»”“\"]")


@lru_cache(maxsize=1)
def vocab() -> dict:
    return json.loads(resources.files("marsad.extract").joinpath("data/reporting.json").read_text("utf-8"))


@lru_cache(maxsize=1)
def media_keys() -> frozenset[str]:
    """Entity keys of news outlets, from the entity gazetteer when it ships (else none known)."""
    try:
        data = resources.files("marsad.extract").joinpath("data/entities/media.json").read_text("utf-8")
    except (FileNotFoundError, OSError):
        return frozenset()
    return frozenset(item["key"] for item in json.loads(data))


def fuzzy(word: str) -> str:
    """A regex for `word` that ignores hamza on alef, final ya/alef maqsura and ta marbuta/ha."""
    out = []
    for i, char in enumerate(word):
        last = i == len(word) - 1
        if char in "اأإآ":
            out.append("[اأإآ]")
        elif char in "يى" and last:
            out.append("[يى]")
        elif char in "ةه" and last:
            out.append("[ةه]")
        elif char == " ":
            out.append(r"\s+")
        else:
            out.append(re.escape(char))
    return "".join(out)


@lru_cache(maxsize=1)
def _classes() -> dict[str, str]:
    """Folded char -> a class of every Arabic char that folds to it ("و" -> "[وؤ]")."""
    groups: dict[str, set[str]] = {}
    for code in range(0x0621, 0x064B):
        char = chr(code)
        groups.setdefault(fold_char(char), set()).add(char)
    out = {k: "[" + "".join(sorted(v)) + "]" for k, v in groups.items() if len(k) == 1 and len(v) > 1}
    out[" "] = r"\s+"
    return out


def alternation(words: list[str]) -> str:
    """A regex matching any of `words` (hamza/ya/ta-marbuta-insensitive), factored as a trie:
    a flat alternation of a hundred verbs is tried word by word at every position, a trie is not."""
    trie: dict = {}
    for word in words:
        node = trie
        for char in normalize(word):
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict) -> str:
        branches = [_classes().get(c, re.escape(c)) + build(child) for c, child in sorted(node.items()) if c]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return "(?:" + body + ")?" if "" in node else body

    return "(?:" + build(trie) + ")"


def merge_key(name: str) -> str:
    """Text key that merges spelling variants of one unlinked source ("صحيفة الصن" = "الصن")."""
    folded = normalize(name)
    for head in _outlet_heads_folded():
        if folded.startswith(head + " "):
            folded = folded[len(head) + 1:]
            break
    # "الأميركية" / "الأمريكية": normalize leaves both spellings, one source is one key
    folded = folded.replace("امريك", "اميرك")
    return "txt:" + folded.removeprefix("ال")


@lru_cache(maxsize=1)
def _outlet_heads_folded() -> tuple[str, ...]:
    return tuple(sorted({normalize(w) for w in vocab()["outlet_heads"]}, key=len, reverse=True))


@lru_cache(maxsize=1)
def patterns() -> dict[str, re.Pattern[str]]:
    """Every regex, compiled once per process."""
    v = vocab()
    speech = [w for w in v["reporting_verbs"] if w not in set(v["attribution_only_verbs"])]
    anon_forms = [f for forms in v["anonymous_heads"].values() for f in forms]
    b, e = r"(?<![^\W\d_])", r"(?![^\W\d_])"
    return {
        "verb": re.compile(rf"{b}(?:[وف]?(?:كما\s+)?)(?P<v>{alternation(v['reporting_verbs'])}){e}"),
        "speech": re.compile(rf"{b}[وف]?(?:{alternation(speech)}|{alternation(v['speech_participles'])}){e}"),
        "participle": re.compile(rf"{b}{alternation(v['speech_participles'])}{e}"),
        "relay_verb": re.compile(rf"[وف]?{alternation(v['relay_verbs'])}"),
        "according": re.compile(
            rf"{b}[وف]?(?P<p>{alternation(v['according_to'])})\s*"
            rf"(?:ما\s*)?(?:(?P<v>{alternation(v['according_to_verbs'])}){e}\s*)?"),
        "anon": re.compile(rf"(?P<h>{alternation(anon_forms)}){e}"),
        "anon_def": re.compile(rf"(?:ال|ل)(?P<h>{alternation([f for f in anon_forms if ' ' not in f])}){e}"),
        "outlet_head": re.compile(rf"(?:ال)?(?P<h>{alternation(v['outlet_heads'])}){e}"),
        "inst_head": re.compile(rf"(?P<h>{alternation(v['institution_heads'])}){e}"),
        "outlet_anaphor": re.compile(rf"(?:{alternation(v['outlet_anaphors'])}|ل{alternation([w[2:] for w in v['outlet_anaphors']])}){e}"),
        "report_anaphor": re.compile(rf"(?:{alternation(v['report_anaphors'])}|ل{alternation([w[2:] for w in v['report_anaphors']])}){e}"),
        "report": re.compile(rf"(?:ال)?{alternation(v['report_nouns'])}(?:\s+(?:له|لها))?\s+(?:{alternation(v['report_publish_verbs'])})\s*"),
        "relay": re.compile(rf"\s*،?\s*(?:نقلا\s*(?:عن)?|عن){e}\s*"),
        "to_outlet": re.compile(
            rf"\s*،?\s*(?:(?:في|خلال)\s+(?:{alternation(v['statement_nouns'])})(?:\s+(?:خاص|خاصة|صحفي|صحفية|صحافي|صحافية))?\s*)?"
            rf"(?:(?P<m>مع)\s+|(?=ل))"),
        "in_report": re.compile(rf"\s*،?\s*في\s+(?:{alternation(v['report_nouns'])})\s+(?:لها|له|نشرته|نشره)[^\W\d_]*"),
        "role": re.compile(rf"(?P<al>ال)?(?:{alternation(v['role_nouns'])}){e}(?(al)|(?=\s+ال))"),
        "reversed": re.compile(
            rf"\s*،?\s*(?:(?:في|ضمن)\s+(?:ال)?(?:{alternation(v['report_nouns'])})\s+|(?:كما|وفق\s*ما|حسبما|بحسب\s*ما)\s+)"
            rf"(?:{alternation(v['reversed_relay_verbs'])})(?:\s*(?:عنها|عنه|عنهم))?{e}\s*"),
        "role_any": re.compile(rf"(?:ال)?(?:{alternation(v['role_nouns'])}){e}"),
        "title": re.compile(rf"{alternation(v['person_titles'])}{e}"),
        "complementizer": re.compile(rf"{alternation(v['complementizers'])}{e}"),
        "closing": re.compile(
            rf"(?:^|(?<=[.!؟\n]))\s*[(\[]?\s*(?:{alternation(v['closing_credit'])})\s*(?:ل(?:ـ)?)?\s*:?\s*[«“”\"]?(?P<name>[^\W\d_]+(?:\s+[^\W\d_]+){{0,3}}?)"
            rf"[»“”\"]?\s*[)\]]?\s*\.?\s*$"),
    }


@lru_cache(maxsize=1)
def _word_sets() -> dict[str, frozenset[str]]:
    v = vocab()
    fold = lambda ws: frozenset(normalize(w) for w in ws)  # noqa: E731
    return {"stop": fold(v["stop_words"]), "comp": fold(v["complementizers"]), "mod": fold(v["modifiers"]),
            "gen": fold(v["genitive_nouns"]), "needs_mod": fold(v["anonymous_needs_modifier"]),
            "statement": fold(v["statement_nouns"]), "links": fold(v["outlet_name_links"]),
            "titles": fold(v["person_titles"])}


class Prepared:
    """The text without harakat, its entities in those offsets, and the way back."""

    def __init__(self, text: str, entities: list[Entity]) -> None:
        runs = [(m.start(), m.end()) for m in _HARAKAT.finditer(text)]
        self.clean = _HARAKAT.sub("", text) if runs else text
        self._orig_starts = [s for s, _ in runs]
        self._clean_pos: list[int] = []
        self._cum: list[int] = []
        removed = 0
        for s, t in runs:
            self._clean_pos.append(s - removed)
            removed += t - s
            self._cum.append(removed)
        self.entities = sorted(
            ((self.to_clean(en.start), self.to_clean(en.end), en) for en in entities), key=lambda x: x[0])
        self._starts = [s for s, _, _ in self.entities]

    def to_orig(self, pos: int) -> int:
        i = bisect.bisect_right(self._clean_pos, pos)
        return pos + (self._cum[i - 1] if i else 0)

    def to_clean(self, pos: int) -> int:
        i = bisect.bisect_right(self._orig_starts, pos)
        return pos - (self._cum[i - 1] if i else 0) if i else pos

    def entities_in(self, start: int, end: int) -> list[tuple[int, int, Entity]]:
        i = bisect.bisect_left(self._starts, start)
        j = bisect.bisect_left(self._starts, end)
        return self.entities[i:j]


@dataclass(slots=True)
class Src:
    """One link of a chain as read from the text: its span (clean offsets), name and merge key."""

    start: int
    end: int
    name: str
    key: str
    kind: str        # outlet | person | org | anon | report
    head: str = ""   # the anonymous-source family ("مصدر", "مسؤول") for anaphora


def word_at(text: str, pos: int) -> tuple[int, int]:
    m = WORD.search(text, pos, min(len(text), pos + 40))
    return (m.start(), m.end()) if m else (pos, pos)


def _skip(text: str, pos: int) -> int:
    return _FILLER.match(text, pos).end()


def is_pronoun_subject(text: str, pos: int) -> bool:
    """True when nothing after a verb names its subject ("وقال: ", "وأضاف أن", "وقال للصحفيين")."""
    p = _skip(text, pos)
    if p >= len(text) or text[p] in ":،,.؟!\n”»\"":
        return True
    ws, we = word_at(text, p)
    if ws != p:
        return True
    word = normalize(text[ws:we])
    sets = _word_sets()
    if patterns()["participle"].match(text, ws):
        return True   # "وختم قائلا:"
    return (word in sets["stop"] or word in sets["comp"] or word.startswith("لل") or word in ("ل", "لـ")
            or text.startswith("لـ", p) or (word.startswith("ل") and we == p + 1)
            or word.startswith("بال") or word[:2] in ("له", "لي") and len(word) <= 3)


def _extend_adjectives(text: str, end: int, limit: int = 2) -> int:
    """Swallow closing quotes and nationality adjectives after a name ("الصن” البريطانية")."""
    for _ in range(limit):
        m = re.compile(r"[”»\"’]?\s*(ال[^\W\d_]{2,}(?:ية|ي))(?![^\W\d_])").match(text, end)
        if not m:
            break
        end = m.end()
    m = re.compile(r"[”»\"’]").match(text, end)
    end = m.end() if m else end
    m = _ACRONYM.match(text, end)   # "وكالة الأنباء العراقية (واع)"
    return m.end() if m else end


_ACRONYM = re.compile(r"\s*[(\[][^()\[\]\n]{1,24}[)\]]")
_NEXT_WORD = re.compile(r"\s+([^\W\d_]+)")


def _anon(prep: Prepared, p: int, m: re.Match[str], definite: bool) -> Src | None:
    """Head noun + modifiers: "مصدر عسكري سوري", "مسؤولي استخبارات", "مصادر مطلعة"."""
    v = vocab()
    head_surface = m.group("h")
    family = next(f for f, forms in v["anonymous_heads"].items()
                  if normalize(head_surface) in {normalize(x) for x in forms})
    sets = _word_sets()
    text = prep.clean
    end = m.end()
    taken = 0
    genitive_ok = family in ("مسؤول", "مصدر", "متحدث", "مراسل", "إعلام", "شاهد", "سكان")
    pos = end
    while taken < 3:
        wm = _NEXT_WORD.match(text, pos)
        if not wm:
            break
        word = normalize(wm.group(1))
        if not word:    # a run of tatweel or marks only
            break
        bare = word[2:] if word.startswith("ال") else word
        if word[0] in "لب" and prep.entities_in(wm.start(1), wm.start(1) + 2):
            break
        if family == "مراسل" and taken == 0:
            # "مراسل وكالة الأنباء الفرنسية": the outlet he works for, whole
            ents = prep.entities_in(wm.start(1), wm.start(1) + 1)
            hm = patterns()["outlet_head"].match(text, wm.start(1))
            if ents and ents[0][2].type == "ORG":
                pos = _outlet_end(prep, ents[0][1], True)
            elif hm:
                named = _headed_name(text, wm.start(1), hm.end(), "outlet")
                pos = named.end if named else wm.end()
            else:
                pos = wm.end()
            taken = 1
            continue
        nisba = len(bare) >= 4 and re.search(r"(?:ي|يه|يون|يين|يو|يان)$", bare) and word not in sets["stop"]
        if (word in sets["mod"] or bare in sets["mod"] or nisba
                or (genitive_ok and taken == 0 and (word in sets["gen"] or bare in sets["gen"]))):
            if word == "باسم":
                # "متحدث باسم الجيش": the body it speaks for completes the phrase.
                nm = re.compile(r"\s+باسم\s+((?:ال)?[^\W\d_]+(?:\s+ال[^\W\d_]+)?)").match(text, pos)
                if nm:
                    pos, taken = nm.end(), taken + 1
                    continue
                break
            pos, taken = wm.end(), taken + 1
            continue
        break
    if normalize(family) in sets["needs_mod"] and taken == 0 and " " not in head_surface:
        return None
    if definite and taken == 0 and family not in ("خبير", "شاهد"):
        return Src(p, pos, text[p:pos], "", "anaphor", family)
    name = text[p:pos]
    if name.startswith("ل") and definite:
        name = "ا" + name
    return Src(p, pos, name, merge_key(name), "anon", family)


_SAYING = re.compile(r"\s+(?:قوله|قولها|قولهم|القول)$")


def _entity_src(prep: Prepared, en_start: int, en_end: int, en: Entity, head: bool) -> Src:
    text = prep.clean
    outlet = en.key in media_keys() or head
    kind = "outlet" if outlet else ("person" if en.type == "PER" else "org")
    name, key = en.canonical or en.text, en.key or merge_key(en.text)
    surface = text[en_start:en_end]
    if outlet and en.key not in media_keys():
        # an outlet the tables do not know, maybe cut short ("موقع ميدل" of "موقع ميدل إيست آي")
        end = _outlet_end(prep, en_end, False)
        if end > en_end:
            surface = text[en_start:end].rstrip()
            en_end = end
        name, key = surface, merge_key(surface)
    elif outlet and _short_fuzzy(surface, name) and not _known_alias(surface):
        name, key = surface, merge_key(surface)   # "وكالة سبأ" is no "وكالة سانا"
    if en.type == "PER" and " " in surface and not en.key.startswith("per:" + slug_of(surface)):
        last = normalize(surface.split()[-1])
        if len(last) >= 3 and last not in normalize(name) and not _known_alias(surface):
            name, key = surface, merge_key(surface)   # fuzzy-mapped onto another person
    if en.type == "PER" and _SAYING.search(name):
        name = _SAYING.sub("", name)   # "هاكان فيدان قوله"
        key = merge_key(name) if key.startswith("txt:") else key
    end = _extend_adjectives(text, en_end)
    return Src(en_start, end, name, key, kind)


def _known_alias(surface: str) -> bool:
    """True when the table lists `surface` (or it without its head noun) as a name as written."""
    from marsad.extract.gazetteer import fold_phrase, gazetteer
    phrases = gazetteer().phrases
    folded = fold_phrase(surface)
    if folded in phrases:
        return True
    parts = folded.split(" ", 1)
    return len(parts) == 2 and parts[1] in phrases


def slug_of(surface: str) -> str:
    return normalize(surface).replace(" ", "-")


def _short_fuzzy(surface: str, canonical: str) -> bool:
    """True when a short outlet name was mapped onto a different table entry by spelling
    similarity: its distinctive word (after the head noun) appears in neither the canonical name
    nor as a prefix of it. Short names are too easy to confuse to map fuzzily."""
    bare = merge_key(surface)[4:]
    if len(bare) >= 6 or not bare:
        return False
    canon = normalize(canonical)
    return bare not in canon and bare not in canon.replace(" ", "")


_NAME_TOKEN = re.compile(r"\s+([^\W\d_]+|\d+|[A-Za-z][\w.]*)")


def _outlet_end(prep: Prepared, end: int, known: bool) -> int:
    """Extend an outlet name through its remaining tokens ("إيست آي", "1", "للأنباء") up to a
    stop word, a complementizer, a verb, a relay word or punctuation (at most 3 tokens)."""
    text = prep.clean
    sets = _word_sets()
    pat = patterns()
    for _ in range(3):
        m = _NAME_TOKEN.match(text, end)
        if not m:
            break
        tok = m.group(1)
        word = normalize(tok)
        if tok.isdigit() or tok[0].isascii():
            end = m.end()
            continue
        if word in sets["links"]:
            end = m.end()
            continue
        if known or (word in sets["stop"] or word in sets["comp"] or word.startswith(("لل", "ب", "ل"))
                     or word in ("عن", "نقلا") or pat["verb"].match(text, m.start(1))
                     or pat["anon"].match(text, m.start(1)) or word.startswith("ال")
                     or (len(word) > 3 and word.endswith("ا") and not word.endswith("يا"))):
            break
        end = m.end()
    return end


def read_source(prep: Prepared, pos: int, limit: int = 90, lam: bool = False) -> Src | None:
    """The source phrase that starts at `pos` (after a verb or a preposition), else None.

    In order: an anonymous-source phrase, a named entity a few title words later (a person
    preferred: "مدير المخابرات هانز ماسن"), an anaphor ("الصحيفة", "المصدر"), an outlet or
    institution head with its name ("صحيفة اكسبريس البريطانية"), a quoted short name.
    """
    text = prep.clean
    pat = patterns()
    p = _skip(text, pos)
    if lam:  # the caller expects a glued lam: "لمصدر" (skip it) or "للصحيفة" (lam + article)
        if text.startswith("لل", p):
            p += 1
        else:
            lam = False
            if text.startswith("ل", p):
                p = _skip(text, p + 1)
    m = pat["anon"].match(text, p)
    if m and not lam:
        src = _anon(prep, p, m, False)
        return _named_after(prep, src) if src is not None else None
    m = pat["anon_def"].match(text, p)
    if m and (lam or text.startswith("ال", p)):
        src = _anon(prep, p, m, True)
        if src is not None:
            return _named_after(prep, src)
    ents = _entity_window(prep, p, limit)
    if ents is not None:
        return ents
    if pat["outlet_anaphor"].match(text, p):
        we = word_at(text, p)[1]
        return Src(p, we, text[p:we], "", "anaphor", "outlet")
    if pat["report_anaphor"].match(text, p):
        we = word_at(text, p)[1]
        return Src(p, we, text[p:we], "", "anaphor", "report")
    role = pat["role"].match(text, p)
    if role:
        return _named_after(prep, _role(text, p, role.end()))
    rm = pat["report"].match(text, p)
    if rm:
        inner = read_source(prep, rm.end())
        if inner is not None:
            inner.start = p
            return inner
    for kind, key in (("outlet", "outlet_head"), ("org", "inst_head")):
        hm = pat[key].match(text, p)
        if hm:
            return _headed_name(text, p, hm.end(), kind)
    qm = _QUOTED_NAME.match(text, p)
    if qm and p and text[p - 1] in QUOTE_MARKS:
        return Src(p - 1, qm.end(), qm.group(1), merge_key(qm.group(1)), "person")
    return None


def _named_after(prep: Prepared, src: Src) -> Src:
    """"المتحدث باسم الجيش السوداني نبيل عبد الله": a role or anonymous-looking head followed by
    a person's name is that person (spelled as written where the entity covers less of it)."""
    if src.kind not in ("anon", "anaphor", "person") or src.key.startswith(("per:",)):
        return src
    text = prep.clean
    people = [x for x in prep.entities_in(src.start + 1, src.end + 40) if x[2].type == "PER"]
    if not people:
        return src
    s, e, en = people[0]
    sets = _word_sets()
    gap_from = min(src.end, s)
    gap = text[gap_from:s]
    if re.search(r"[:.\n؟!]", gap) or gap.count("،") > 1:
        return src
    words = WORD.findall(gap)
    named: list[str] = []
    for w in words:
        nw = normalize(w)
        if nw in sets["titles"] or nw in sets["mod"]:
            named = []
            continue
        if nw in sets["stop"] or nw in sets["comp"] or nw.startswith(("ال", "لل")) or len(named) >= 1:
            return src
        named.append(w)
    if named:   # a first name the entity left out: "نبيل" of "نبيل عبد الله"
        start = text.index(named[0], gap_from)
        name = text[start:e]
        return Src(src.start, _extend_adjectives(text, e), name, merge_key(name), "person")
    out = _entity_src(prep, s, e, en, False)
    out.start = src.start
    return out


def _entity_window(prep: Prepared, p: int, limit: int) -> Src | None:
    """A PER/ORG/MISC entity at `p` or after a few title words, before any clause break."""
    text = prep.clean
    stop = re.compile(r"[:.\n؟!]|(?<![^\W\d_])(?:أن|إن|فإن|بأن|أنه|إنه|ان|عن|نقلا|بحسب|وفق|الذي|التي|الذين)(?![^\W\d_])")
    sm = stop.search(text, p, p + limit)
    end = sm.start() if sm else min(len(text), p + limit)
    found = [(s, e, en) for s, e, en in prep.entities_in(p, end) if en.type in ("PER", "ORG", "MISC")]
    if not found:
        return None
    sets = _word_sets()

    def gap_ok(s: int, person: bool) -> bool:
        words = [normalize(w) for w in WORD.findall(text, p, s)]
        if len(words) > 6:
            return False
        for w in words:
            if w.startswith("لل") or (w in sets["stop"] and not (person and w in ("في", "من"))):
                return False
        if s > p and (words and words[-1] in sets["stop"] or text[s - 1] in "لب" and (s < 2 or not text[s - 2].isalpha())
                      or re.match(r"ل\s*ـ?\s*$", text[max(p, s - 4):s])):
            return False   # the object of a preposition: "الوزير لقناة العربية", "في مؤتمر صحفي"
        first = normalize(text[s:s + 12].split(" ")[0]) if s < len(text) else ""
        return first not in sets["statement"]

    people = [f for f in found if f[2].type == "PER" and gap_ok(f[0], True)]
    pick = people[0] if people else next((f for f in found if gap_ok(f[0], False)), None)
    if pick is None:
        return None
    head = bool(patterns()["outlet_head"].match(text, _skip(text, p)))
    role = patterns()["role"].match(text, p)
    if role and pick[2].type != "PER" and not head:
        # "وزير الداخلية الفرنسي", "محافظ البنك المركزي": a role of the body, not the body
        r = _role(text, p, role.end())
        if pick[0] <= r.end + 1:
            end = _extend_adjectives(text, max(r.end, pick[1]))
            name = text[p:end].strip(" ”»\"")
            return Src(p, end, name, merge_key(name), "person")
    return _entity_src(prep, pick[0], pick[1], pick[2], head and pick[2].type != "PER")


def _headed_name(text: str, p: int, pos: int, kind: str) -> Src | None:
    """"صحيفة اكسبريس البريطانية" -> "صحيفة اكسبريس": up to 3 words after the head, quoted or not."""
    qm = re.compile(r"\s*[«“”\"]([^«»“”\"\n]{1,40})[»”“\"]").match(text, pos)
    if qm:
        end = _extend_adjectives(text, qm.end())
        name = text[p:pos].removeprefix("ل").strip() + " " + qm.group(1).strip()
        return Src(p, end, name, merge_key(name), kind)
    sets = _word_sets()
    end, taken = pos, 0
    while taken < 3:
        wm = re.compile(r"\s+([^\W\d_]+)").match(text, end)
        if not wm:
            break
        word = normalize(wm.group(1))
        if word in sets["links"]:
            end, taken = wm.end(), taken + 1
            continue
        if (word in sets["stop"] or word in sets["comp"] or word.startswith("لل")
                or (taken and word.startswith("ال") and re.search(r"(?:يه|ي)$", word))):
            break
        end, taken = wm.end(), taken + 1
    dm = re.compile(r"\s+\d+(?![\d.,])").match(text, end)
    if dm and taken:
        end = dm.end()   # "فرانس 24", "أوروبا 1"
    if not taken:
        if text.startswith("ال", p) and kind == "outlet":
            # "نقل التلفزيون عن ...": a definite head is itself the outlet (national TV)
            end = _extend_adjectives(text, pos)
            name = text[p:end].strip(" ”»\"")
            return Src(p, end, name, merge_key(name), kind)
        return None
    name = text[p:end].removeprefix("ل").strip()
    return Src(p, _extend_adjectives(text, end), name, merge_key(name), kind)


def _role(text: str, p: int, pos: int) -> Src:
    """"الوزير", "المتحدث العسكري", "وزير الداخلية الفرنسي": a speaker named by role only; the
    body of an indefinite role and nationality adjectives stay."""
    if not text.startswith("ال", p):
        gm = re.compile(r"\s+(?:ال[^\W\d_]+)").match(text, pos)
        if gm:
            pos = gm.end()
    end = _extend_adjectives(text, pos, limit=2)
    name = text[p:end].strip(" ”»\"")
    return Src(p, end, name, merge_key(name), "person")
