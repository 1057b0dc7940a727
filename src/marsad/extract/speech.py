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
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources

from marsad.model import Entity
from marsad.text.normalize import fold_char, normalize

__all__ = [
    "Prepared",
    "Src",
    "alternation",
    "closes_name",
    "function_word",
    "is_given_name",
    "is_pronoun_subject",
    "media_keys",
    "merge_key",
    "np_complements",
    "patterns",
    "read_source",
    "skip_object",
    "spelled",
    "title_before",
    "vocab",
    "word_at",
    "word_key",
]

_fold = lru_cache(maxsize=1 << 16)(normalize)   # word-level folding, cached: words repeat
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


def spelled(words: list[str]) -> str:
    """A regex matching any of `words` exactly as spelled (where folding would merge "أمام" with
    "إمام"), longest first."""
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True)) + ")"


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
    speech = [w for w in v["reporting_verbs"] if w not in set(v["attribution_only_verbs"])] + v["quote_only_verbs"]
    verbs = v["reporting_verbs"] + v["quote_only_verbs"]
    anon_forms = [f for forms in v["anonymous_heads"].values() for f in forms]
    b, e = r"(?<![^\W\d_])", r"(?![^\W\d_])"
    w = r"\b"   # as `b` before a letter but for a digit or "_" before it, and scanned faster: for whole-text scans
    return {
        "verb": re.compile(rf"{w}(?:[وف]?(?:كما\s+)?)(?P<v>{alternation(verbs)}){e}"),
        "quote_only": re.compile(rf"[وف]?(?:كما\s+)?{alternation(v['quote_only_verbs'])}"),
        "in_statement": re.compile(
            rf"\s*،?\s*(?:[^\W\d_]+\s+){{0,2}}?(?:في|عبر|ضمن)\s+(?:{alternation(v['document_nouns'])})(?:ه|ها)?{e}"),
        "quantifier": re.compile(rf"(?:{alternation(v['source_quantifiers'])}){e}\s+(?:ال)?"),
        "object_pronoun": re.compile(rf"(?:{alternation(v['object_pronouns'])}){e}"),
        "weak_end": re.compile(
            rf"\s*(?:[.،,]|$|{spelled(v['adverbial_prepositions'])}{e}|لل|ل(?:ـ)?\s*(?:{alternation(v['outlet_heads'])}))"),
        "told_outlet": re.compile(
            rf"\s+ل(?:ـ)?(?:{alternation([w for w in v['outlet_heads'] if not w.startswith('ال')])}){e}"),
        "chant": re.compile(rf"{b}[وف]?(?:{alternation(v['chant_verbs'])}){e}"),
        "came_in": re.compile(
            rf"{b}[وف]?(?:جاء|ورد)\s+(?:في|ضمن)\s+(?P<al>ال)?(?P<d>{alternation(v['document_nouns'])}){e}"
            rf"(?:\s+(?:(?:ال)?صادر(?:ة)?\s+عن|ل(?:ـ)?)\s*(?=\S)|(?(al)|\s+(?=\S)))?"),
        "speech": re.compile(rf"{w}[وف]?(?:{alternation(speech)}|{alternation(v['speech_participles'])}){e}"),
        "participle": re.compile(rf"{b}{alternation(v['speech_participles'])}{e}"),
        "relay_verb": re.compile(rf"[وف]?{alternation(v['relay_verbs'])}"),
        "according": re.compile(
            rf"{w}[وف]?(?P<p>{alternation(v['according_to'])})\s*"
            rf"(?P<ma>ل?ما\s*)?(?:(?P<v>{alternation(v['according_to_verbs'])}){e}\s*)?"),
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
        "role_construct": re.compile(rf"(?:{alternation(v['role_nouns'])}){e}(?=\s+[^\W\d_]{{3,}}\s+[^\W\d_])"),
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
    fold = lambda ws: frozenset(normalize(w) for w in ws)
    return {"stop": fold(v["stop_words"]), "comp": fold(v["complementizers"]), "mod": fold(v["modifiers"]),
            "gen": fold(v["genitive_nouns"]), "needs_mod": fold(v["anonymous_needs_modifier"]),
            "statement": fold(v["statement_nouns"]), "links": fold(v["outlet_name_links"]),
            "titles": fold(v["person_titles"]), "title_cues": fold(v["quote_title_cues"]),
            "title_cues_adjacent": fold(v["quote_title_cues_adjacent"]),
            "spokes": fold(v["spokesperson_heads"]), "adverbs": fold(v["adverbs"]),
            "addressees": fold(v["addressees"]), "stop_raw": frozenset(v["stop_words"]),
            "adverbial": frozenset(v["adverbial_prepositions"]),
            "not_a_name": frozenset(v["stop_words"]) | frozenset(v["source_quantifiers"]), "given": _given_names()}


@lru_cache(maxsize=1)
def _given_names() -> frozenset[str]:
    """Given names of the entity tables (folded), to tell an unlisted name from a common word."""
    try:
        from marsad.extract.gazetteer import lexicon
        return frozenset(normalize(w) for w in lexicon().get("given_names", ()))
    except (FileNotFoundError, OSError, KeyError):
        return frozenset()


def word_key(word: str) -> str:
    """A word as role and head nouns compare: folded, without the article or a lam-article, without
    a final ta marbuta ("الوزيرة" = "وزير", "للأمم" = "امم")."""
    w = _fold(word)
    if (w.startswith("لل") and len(w) > 4) or (w.startswith("ال") and len(w) > 3):
        w = w[2:]
    if w.endswith("ه") and len(w) > 3:
        w = w[:-1]
    return w


class Prepared:
    """The text without harakat, its entities in those offsets, and the way back."""

    def __init__(self, text: str, entities: list[Entity]) -> None:
        runs = [m.span() for m in _HARAKAT.finditer(text)]
        if runs:
            bounds = [0] + [x for run in runs for x in run] + [len(text)]
            self.clean = "".join(text[bounds[i]:bounds[i + 1]] for i in range(0, len(bounds), 2))
        else:
            self.clean = text
        self._orig_starts = [s for s, _ in runs]
        self._clean_pos: list[int] = []
        self._cum: list[int] = []
        removed = 0
        for s, t in runs:
            self._clean_pos.append(s - removed)
            removed += t - s
            self._cum.append(removed)
        if runs:
            self.entities = sorted(
                ((self.to_clean(en.start), self.to_clean(en.end), en) for en in entities), key=lambda x: x[0])
        else:   # no harakat: offsets stand
            self.entities = sorted([(en.start, en.end, en) for en in entities], key=lambda x: x[0])
        checked = [x if x[2].type not in ("PER", "ORG") else self._checked(x) for x in self.entities]
        self.entities = [x for x in checked if x is not None]
        self._starts = [s for s, _, _ in self.entities]
        self._index: dict[str, list[tuple[int, frozenset[str], str, Entity, int]]] = {}
        self._org_stems: dict[str, int] | None = None

    def _checked(self, item: tuple[int, int, Entity]) -> tuple[int, int, Entity] | None:
        """The entity as a speaker reader should see it: None for a person that is no name
        ("باسم" after a spokesman is the preposition, "عقب اللقاء" opens with a function word); an
        organisation or person run on into the outlet that was told ("البنك المركزي لموقع العربي")
        ends before the lam: "محافظ البنك المركزي لموقع العربي الجديد" is [outlet, governor]."""
        s, e, en = item
        if en.type == "PER" and self._misread(s, e):
            return None
        if en.type not in ("ORG", "PER") or self.clean.find(" ل", s, e) < 0:
            return item
        m = patterns()["told_outlet"].search(self.clean, s + 1, e)
        if not m:
            return item
        end = m.start()
        surface = self.clean[s:end]
        return s, end, replace(en, end=self.to_orig(end), text=surface, canonical=surface, key="")

    def _misread(self, start: int, end: int) -> bool:
        """A person entity that is no name: it opens with a function word or a quantifier, or it is
        the "باسم" of a spokesman ("المتحدث باسم الجيش")."""
        raw = self.clean[start:min(end, start + 16)].split(" ", 1)[0]
        sets = _word_sets()
        # raw spelling for function words: "علي" is a name, "على" a preposition
        if raw in sets["not_a_name"]:
            return True
        first = _fold(raw)
        if first in sets["comp"]:
            return True
        if first == "باسم":
            prev = WORD.findall(self.clean, max(0, start - 20), start)
            return bool(prev) and _fold(prev[-1]) in sets["spokes"]
        return False

    def keep_entities(self, kept: list[tuple[int, int, Entity]]) -> None:
        """Read only these entities from now on (in text order)."""
        self.entities = kept
        self._starts = [s for s, _, _ in kept]
        self._index.clear()
        self._org_stems = None

    def org_head_before(self, pos: int) -> bool:
        """Cheap test before `antecedent`: does an organisation before `pos` start with the noun at
        `pos` ("الوزارة" -> "وزارة الصحة")?"""
        stem = self.clean[pos + 2:word_at(self.clean, pos)[1]].rstrip("ةه")
        if len(stem) < 3:
            return False
        if self._org_stems is None:
            self._org_stems = {}
            for s, _, en in self.entities:
                if en.type in ("ORG", "MISC"):
                    first = self.clean[s:s + 24].split(" ", 1)[0].removeprefix("ال").rstrip("ةه")
                    self._org_stems.setdefault(first, s)
        first = self._org_stems.get(stem)
        return first is not None and first < pos

    def antecedent(self, pos: int, words: list[str], kind: str) -> tuple[int, Src] | None:
        """The latest person (kind "PER") or organisation (kind "ORG") before `pos` that a definite
        description refers back to: "الوزير" -> "وزير الخارجية أحمد عطاف", "الوزارة" -> "وزارة
        الصحة", "الرئيس الكيني" -> "الرئيس الكيني وليام روتو". Every word of the description must be
        among the words of the role phrase before the person (or of the organisation's name); an
        organisation's head noun must be the description's first word. Returns (its start, source)."""
        want = [word_key(w) for w in words]
        if not want:
            return None
        index = self._index.get(kind)
        if index is None:
            index = self._index[kind] = _person_roles(self) if kind == "PER" else _org_heads(self)
        for start, keys, head, en, end in reversed(index):
            if start >= pos:
                continue
            if (kind == "PER" or want[0] == head) and all(w in keys for w in want):
                if kind == "PER":
                    return start, _entity_src(self, start, end, en, False)
                return start, Src(pos, pos, en.canonical or en.text, en.key or merge_key(en.text), "org")
        return None

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

    def entity_over(self, pos: int) -> tuple[int, int, Entity] | None:
        """The entity that starts before `pos` and runs past it (the "في غزة" of "وزارة الصحة في غزة")."""
        i = bisect.bisect_left(self._starts, pos) - 1
        return self.entities[i] if i >= 0 and self.entities[i][1] > pos else None


@dataclass(slots=True)
class Src:
    """One link of a chain as read from the text: its span (clean offsets), name and merge key."""

    start: int
    end: int
    name: str
    key: str
    kind: str        # outlet | person | org | anon | report
    head: str = ""   # the anonymous-source family ("مصدر", "مسؤول") for anaphora


def _org_heads(prep: Prepared) -> list[tuple[int, frozenset[str], str, Entity, int]]:
    """(start, name words, head noun, entity, end) of every organisation, in text order."""
    out = []
    for s, e, en in prep.entities:
        if en.type in ("ORG", "MISC"):
            words = WORD.findall(prep.clean, s, e)
            if words:
                out.append((s, frozenset(word_key(w) for w in words), word_key(words[0]), en, e))
    return out


_ROLE_WINDOW_BREAK = re.compile(r"[.،:؛!؟\n«»\"“”()]")


def _person_roles(prep: Prepared) -> list[tuple[int, frozenset[str], str, Entity, int]]:
    """(start, role phrase words, head, entity, end) of every person introduced by a role or a
    title ("وزير الداخلية المغربي عبد الوافي لفتيت", "العاهل المغربي الملك محمد السادس"), in text
    order. The phrase runs back from the name over genitives, adjectives, lam- and fi-phrases and
    named bodies, with at most one other word, to its first role or title word."""
    text = prep.clean
    pat = patterns()
    sets = _word_sets()
    spans = [(s, e) for s, e, en in prep.entities if en.type != "PER"]
    starts = [s for s, _ in spans]
    out = []
    prev_end = 0
    for s, e, en in prep.entities:
        if en.type != "PER":
            continue
        lo = max(prev_end, s - 90)
        prev_end = e
        cut = None
        for cut in _ROLE_WINDOW_BREAK.finditer(text, lo, s):
            pass
        if cut is not None:
            lo = cut.end()
        if not pat["role_any"].search(text, lo, s) and not pat["title"].search(text, lo, s) and not any(
                h in text[lo:s] for h in vocab()["spokesperson_heads"]):
            continue
        found: list[str] = []
        keys: list[str] = []
        unknown = 0
        for wm in reversed(list(WORD.finditer(text, lo, s))):
            w = wm.group()
            nw = _fold(w)
            if (pat["role_any"].match(text, wm.start()) or pat["title"].match(text, wm.start())
                    or nw in sets["spokes"]):
                keys.append(word_key(w))
                found = list(keys)
                continue
            if nw in sets["comp"] or (nw in sets["stop"] and nw not in _PHRASE_PREPS):
                break
            i = bisect.bisect_right(starts, wm.start()) - 1
            inside = i >= 0 and spans[i][0] <= wm.start() < spans[i][1]
            if not (inside or nw.startswith(("ال", "ل")) or nw in _PHRASE_PREPS):
                unknown += 1
                if unknown > 1:
                    break
            keys.append(word_key(w))
        if found:
            out.append((s, frozenset(found), found[-1], en, e))
    return out


def word_at(text: str, pos: int) -> tuple[int, int]:
    m = WORD.search(text, pos, min(len(text), pos + 40))
    return (m.start(), m.end()) if m else (pos, pos)


def _skip(text: str, pos: int) -> int:
    return _FILLER.match(text, pos).end()


def function_word(word: str) -> bool:
    """A preposition, particle or the like ("على", "بالقول"), by its raw spelling where folding
    would merge it with a name ("على" / "علي")."""
    sets = _word_sets()
    folded = _fold(word)
    return word in sets["stop_raw"] or (folded in sets["stop"] and folded not in sets["given"]) or folded in sets["comp"]


def is_given_name(word: str) -> bool:
    return _fold(word) in _word_sets()["given"]


def closes_name(word: str) -> bool:
    """True for a word that cannot go on a name: a speech participle or an adverb ("قائلا", "مجددا")."""
    return bool(patterns()["participle"].fullmatch(word)) or _fold(word) in _word_sets()["adverbs"]


def skip_object(text: str, p: int) -> int:
    """Past an object pronoun after a verb: "قال له القذافي", "كتب عنه ستيفن بيرت", "يقول فيه:"."""
    m = patterns()["object_pronoun"].match(text, p)
    return _skip(text, m.end()) if m else p


def is_pronoun_subject(text: str, pos: int) -> bool:
    """True when nothing after a verb names its subject ("وقال: ", "وأضاف أن", "وقال للصحفيين")."""
    p = skip_object(text, _skip(text, pos))
    if p >= len(text) or text[p] in ":،,.؟!\n”»\"":
        return True
    ws, we = word_at(text, p)
    if ws != p:
        return True
    word = _fold(text[ws:we])
    sets = _word_sets()
    if patterns()["participle"].match(text, ws):
        return True   # "وختم قائلا:"
    return (word in sets["stop"] or word in sets["comp"] or word.startswith(("لل", "بال"))
            or word in ("ل", "لـ") or text.startswith("لـ", p) or (word.startswith("ل") and we == p + 1)
            or word[:2] in ("له", "لي") and len(word) <= 3)


_CLAUSE_BREAK = re.compile(r"[.،,:؛!؟\n»”\"(]")


def title_before(text: str, mark: int) -> bool:
    """True when the quote opening at `mark` names something rather than reports speech: one of
    the three words before it is a naming noun ("كتاب بعنوان «...»", "تحت شعار «...»"), with no
    complementizer in between, or the word right before it names ("لافتات كتب عليها «...»", "ما بات
    يعرف بـ«...»")."""
    lo = max(0, mark - 50)
    seg = text[lo:mark]
    cut = max((m.end() for m in _CLAUSE_BREAK.finditer(seg)), default=0)
    words = WORD.findall(seg, cut)
    sets = _word_sets()
    if words and _fold(words[-1]) in ("ب", "بـ", "ل", "لـ"):
        words.pop()   # "بـ«...»": the preposition glued to the quote
    for i, w in enumerate(reversed(words[-3:])):
        nw = _fold(w)
        if nw in sets["comp"]:
            return False
        if nw in sets["title_cues"] or (nw[:1] in ("و", "ب") and nw[1:] in sets["title_cues"]):
            return True
        if i == 0 and (nw in sets["title_cues_adjacent"] or (nw[:1] == "و" and nw[1:] in sets["title_cues_adjacent"])):
            return True
    return False


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
    definite_seen = definite
    pos = end
    while taken < 3:
        wm = _NEXT_WORD.match(text, pos)
        if not wm:
            break
        word = _fold(wm.group(1))
        if not word:    # a run of tatweel or marks only
            break
        if taken == 0 and word in ("في", "من") and normalize(family) in sets["needs_mod"]:
            place = _place_after(prep, wm.end())   # "سكان في حي الشيخ مقصود", "شهود من البلدة"
            if place:
                pos, taken = place, 1
                continue
        bare = word.removeprefix("ال")
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
        if nisba and definite_seen and not word.startswith("ال") and word not in sets["mod"]:
            break   # after "المتحدث باسم الجيش" an adjective is definite: "أفيخاي" starts a name
        if (word in sets["mod"] or bare in sets["mod"] or nisba
                or (genitive_ok and taken == 0 and (word in sets["gen"] or bare in sets["gen"]))):
            if word == "باسم":
                # "متحدث باسم الجيش": the body it speaks for completes the phrase.
                nm = re.compile(r"\s+باسم\s+((?:ال)?[^\W\d_]+(?:\s+ال[^\W\d_]+)?)").match(text, pos)
                if nm:
                    pos, taken = nm.end(), taken + 1
                    definite_seen = definite_seen or nm.group(1).startswith("ال")
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


def _place_after(prep: Prepared, pos: int) -> int:
    """After "في"/"من": a named place or body, maybe behind one plain noun ("حي الشيخ مقصود"), or a
    definite noun ("البلدة"); the end of it, else 0."""
    text = prep.clean
    for _ in range(2):
        m = _NEXT_WORD.match(text, pos)
        if not m:
            return 0
        ents = prep.entities_in(m.start(1), m.start(1) + 1)
        if ents and ents[0][2].type in ("LOC", "ORG"):
            return ents[0][1]
        if _fold(m.group(1)).startswith("ال"):
            return _extend_adjectives(text, m.end())
        pos = m.end()
    return 0


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
    if en.type == "PER" and len(surface.split()) > 1 and not en.key.startswith("per:" + slug_of(surface)):
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
        word = _fold(tok)
        if tok.isdigit() or tok[0].isascii():
            end = m.end()
            continue
        if word in sets["links"]:
            end = m.end()
            continue
        if known or (word in sets["stop"] or word in sets["comp"] or word.startswith(("لل", "ب", "ل", "ال"))
                     or word in ("عن", "نقلا") or pat["verb"].match(text, m.start(1))
                     or pat["anon"].match(text, m.start(1))
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
    if not lam:
        p = skip_object(text, p)
    if lam:  # the caller expects a glued lam: "لمصدر" (skip it) or "للصحيفة" (lam + article)
        if text.startswith("لل", p):
            p += 1
        else:
            lam = False
            if text.startswith("ل", p):
                p = _skip(text, p + 1)
    qm = pat["quantifier"].match(text, p)
    am = pat["anon"].match(text, qm.end()) if qm and not lam else None
    if am:
        # "ثلاثة مصادر مطلعة", "أحد الشهود": the quantified source, named whole
        src = _anon(prep, qm.end(), am, False)
        end = src.end if src is not None else am.end()
        family = src.head if src is not None else ""
        return Src(p, end, text[p:end], merge_key(text[p:end]), "anon", family)
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
        bare = _role(text, p, role.end())
        src = _named_after(prep, bare)
        if src.key.startswith("txt:") and src.end == bare.end:
            # "وقال الوزير" after "وزير الخارجية أحمد عطاف" was named: that minister
            found = prep.antecedent(p, WORD.findall(text, p, src.end), "PER")
            if found is not None:
                return Src(p, src.end, found[1].name, found[1].key, "person")
        return src
    role = pat["role_construct"].match(text, p)
    if role:   # "رئيس بلدية إسطنبول أكرم إمام أوغلو": a role in construct with a plain noun
        src = _named_after(prep, Src(p, role.end(), text[p:role.end()], merge_key(text[p:role.end()]), "person"),
                           construct=True)
        if src.end > role.end():
            return src
    rm = pat["report"].match(text, p)
    if rm:
        inner = read_source(prep, rm.end())
        if inner is not None:
            inner.start = p
            return inner
    if text.startswith("ال", p) and prep.org_head_before(p):
        # "وقالت الوزارة", "وأضاف الحزب": the organisation named before with that head noun
        we = word_at(text, p)[1]
        found = prep.antecedent(p, [text[p:we]], "ORG")
        if found is not None:
            return Src(p, we, found[1].name, found[1].key, "org")
    for kind, key in (("outlet", "outlet_head"), ("org", "inst_head")):
        hm = pat[key].match(text, p)
        if hm:
            return _headed_name(text, p, hm.end(), kind)
    qm = _QUOTED_NAME.match(text, p)
    if qm and p and text[p - 1] in QUOTE_MARKS:
        return Src(p - 1, qm.end(), qm.group(1), merge_key(qm.group(1)), "person")
    return None


def _named_after(prep: Prepared, src: Src, construct: bool = False) -> Src:
    """"المتحدث باسم الجيش السوداني نبيل عبد الله": a role or anonymous-looking head followed by
    a person's name is that person (spelled as written where the entity covers less of it)."""
    if src.kind not in ("anon", "anaphor", "person") or src.key.startswith(("per:",)):
        return src
    text = prep.clean
    np_end = np_complements(prep, src.end, construct=construct)
    people = [x for x in prep.entities_in(src.start + 1, np_end + 40) if x[2].type == "PER"]
    if not people or people[0][0] < np_end and people[0][0] >= src.end:
        return _unlisted_after(prep, src, np_end)
    s, e, en = people[0]
    sets = _word_sets()
    gap_from = min(src.end, s) if s < src.end else max(src.end, np_end)
    gap = text[gap_from:s]
    if re.search(r"[:.\n؟!]", gap) or gap.count("،") > 1:
        return _unlisted_after(prep, src, np_end)
    words = WORD.findall(gap)
    named: list[str] = []
    for w in words:
        nw = _fold(w)
        if nw in sets["titles"] or nw in sets["mod"]:
            named = []
            continue
        if nw in sets["stop"] or nw in sets["comp"] or nw.startswith(("ال", "لل")) or len(named) >= 1:
            return _unlisted_after(prep, src, np_end)
        named.append(w)
    if named:   # a first name the entity left out: "نبيل" of "نبيل عبد الله"
        start = text.index(named[0], gap_from)
        name = text[start:e]
        return Src(src.start, _extend_adjectives(text, e), name, merge_key(name), "person")
    out = _entity_src(prep, s, e, en, False)
    out.start = src.start
    return out


_PHRASE_PREPS = frozenset(normalize(w) for w in ("في", "من", "باسم", "لدى"))


def np_complements(prep: Prepared, pos: int, limit: int = 6, construct: bool = False) -> int:
    """The end of the complements of a role or head noun that ends at `pos`: genitives and
    adjectives ("الخارجية الجزائري"), lam-genitives ("للأمم المتحدة", "لوكالة الأونروا"),
    "في"/"باسم" phrases ("في جامعة القاهرة") and named bodies; it stops before a person's name,
    an addressee ("للصحفيين", "لقناة الجزيرة"), a verb, a complementizer or punctuation. With
    `construct`, the first complement may be a plain noun before a name or a definite word
    ("رئيس بلدية إسطنبول", "وزير خارجية فرنسا")."""
    text = prep.clean
    pat = patterns()
    sets = _word_sets()
    for i in range(limit):
        over = prep.entity_over(pos)
        if over is not None and over[2].type != "PER":
            pos = over[1]               # the role's body runs on: "المتحدث باسم وزارة الصحة في غزة"
            continue
        m = _NEXT_WORD.match(text, pos)
        if not m:
            break
        ws = m.start(1)
        ents = prep.entities_in(ws, ws + 2)
        if ents and ents[0][2].type == "PER":
            break
        word = _fold(m.group(1))
        if ents:
            if word.startswith("ل") and (pat["outlet_head"].match(text, ws + 1) or ents[0][2].key in media_keys()):
                break
            pos = max(m.end(), ents[0][1])
            continue
        if word in sets["stop"] and word not in _PHRASE_PREPS or word in sets["comp"] or word in sets["addressees"]:
            break
        if word.startswith(("ال", "بال")):
            pos = m.end()   # "المتحدث باسم الدفاع المدني بالمنطقة الشرقية"
            continue
        if word.startswith("ل") and not word.startswith("لل") and not pat["outlet_head"].match(text, ws + 1):
            nm = _NEXT_WORD.match(text, m.end())
            if nm and _fold(nm.group(1)).startswith("ال"):
                pos = m.end()
                continue
            break
        if word.startswith("لل") and not pat["outlet_anaphor"].match(text, ws + 1):
            pos = m.end()
            continue
        if construct and i == 0 and word not in sets["given"] and word not in sets["stop"]:
            nm = _NEXT_WORD.match(text, m.end())
            if nm and (normalize(nm.group(1)).startswith("ال") or any(
                    x[2].type != "PER" for x in prep.entities_in(nm.start(1), nm.start(1) + 1))):
                pos = m.end()
                continue
        if word in _PHRASE_PREPS:   # "في جامعة القاهرة", "لدى الأمم المتحدة"
            nm = _NEXT_WORD.match(text, m.end())
            named = prep.entities_in(nm.start(1), nm.start(1) + 1) if nm else []
            if named and named[0][2].type == "PER":
                break
            if nm and (named or _fold(nm.group(1)).startswith("ال")):
                pos = m.end()
                continue
        break
    return pos


_SENTENCE_END = re.compile(r"\s*(?:\.|$)")
_STRONG_END = re.compile(
    r"\s*(?::|(?:(?:إلى|الى|على)\s+)?(?:أن|إن|ان|بأن|بان|أنه|إنه|انه|أنها|إنها|انها)(?![^\W\d_]))")


def _unlisted_after(prep: Prepared, src: Src, pos: int) -> Src:
    """A name no table knows after a role phrase: "المتحدثة باسم الخارجية الصينية ماو نينغ:",
    "أستاذ العلوم السياسية في جامعة القاهرة حسن نافعة أن". One to three words that are no
    function word, adverb, verb or entity: before a colon or a complementizer; before a comma, a
    preposition or an addressee when the first is a known given name; or two words closing the
    sentence ("، قال المتحدث باسم الجيش أفيخاي أدرعي.")."""
    text = prep.clean
    sets = _word_sets()
    pat = patterns()
    words: list[str] = []
    start = p = pos
    for _ in range(3):
        m = _NEXT_WORD.match(text, p)
        if not m:
            break
        raw = m.group(1)
        w = _fold(raw)
        if (function_word(raw) or w in sets["adverbs"] or w in sets["titles"] or raw in sets["adverbial"]
                or pat["verb"].fullmatch(raw) or pat["participle"].fullmatch(raw)
                or prep.entities_in(m.start(1), m.start(1) + 1)):
            break
        if not words and (w.startswith(("ال", "لل", "بال")) or w.startswith("ل") and w not in sets["given"]):
            break   # an article or a preposition: "لسكاي نيوز" is no name
        if not words:
            start = m.start(1)
        words.append(w)
        p = m.end()
        given = words[0] in sets["given"]
        definite = any(x.startswith("ال") for x in words[1:])
        adverb = len(words) == 1 and words[0].endswith("ا") and words[0] not in sets["given"]   # "مبتسما"
        if definite and not given:
            continue   # "أشهر أفلام الحركة": a noun phrase, not a name
        if ((_STRONG_END.match(text, p) and (given or not adverb))
                or (given and not definite and pat["weak_end"].match(text, p))
                or (len(words) >= 2 and not definite and not adverb and _SENTENCE_END.match(text, p))):
            name = text[start:p]
            return Src(src.start, p, name, merge_key(name), "person")
    return src


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
        words = [_fold(w) for w in WORD.findall(text, p, s)]
        if len(words) > 6:
            return False
        if words and words[0].startswith("ب") and words[0] not in sets["given"] and len(words[0]) > 3:
            return False   # "أشاد بدور قوات التحالف": the object of a preposition
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
        word = _fold(wm.group(1))
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
