"""Named entities (PER, ORG, LOC, MISC) with canonical names and alias keys.

Three layers, in this order, each filling only text the earlier ones left uncovered:
1. the gazetteer (curated people/organisations/outlets + generated place names), matched as
   folded token n-grams with proclitics (و ف ب ل ك ال and their combinations) peeled off the first word;
2. contextual rules for names no table holds: a title or role before a person, a kunya ("أبو X"),
   a known given name, an organisation head noun ("وزارة", "حركة"...), a place head noun ("بلدة", "مخيم"...);
3. later short mentions (a surname, a nisba, an organisation without its head noun) of what 1-2 found.
`marsad.extract.aliases` then gives every mention its canonical name and key.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from marsad.extract.aliases import resolve
from marsad.extract.gazetteer import GazEntry, gazetteer, lexicon
from marsad.model import Entity
from marsad.text import normalize
from marsad.text.normalize import fold_char
from marsad.text.tokenize import WORD_RE

__all__ = ["find_entities", "Mention"]

PROCLITICS = ("وبال", "وكال", "فبال", "وب", "ول", "فب", "فل", "وك", "فك", "و", "ف", "ب", "ل", "ك")
JOINERS = frozenset(" _-\u2013\"'“”«»‘’ـ\u00a0\u200c\u200f\u200e")
OPEN_QUOTES, CLOSE_QUOTES = "“«\"'‘", "”»\"'’"
MAX_NAME = 4


class Token(NamedTuple):
    """A word with offsets into the text and its folded form (a light twin of marsad.text.Token)."""

    start: int
    end: int
    text: str
    norm: str


_NORM_CACHE: dict[str, str] = {}


def _tokenize(text: str) -> list[Token]:
    """marsad.text.tokenize, with folded forms cached per word: entities run on every article."""
    cache = _NORM_CACHE
    if len(cache) > 200_000:
        cache.clear()
    out = []
    for m in WORD_RE.finditer(text):
        word = m.group()
        norm = cache.get(word)
        if norm is None:
            norm = cache[word] = normalize(word)
        out.append(Token(m.start(), m.end(), word, norm))
    return out


@dataclass
class Mention:
    """A span found by one layer, before aliasing: token range, type, and the table entry if any."""

    first: int               # token index
    last: int                # token index, inclusive
    start: int               # char offset (after any proclitic)
    end: int
    type: str
    entry: GazEntry | None = None
    source: str = "gazetteer"    # gazetteer | rule | kunya | propagated
    link: str | None = None      # folded full name a short mention refers to


def _raw_offset(token: Token, folded_chars: int) -> int:
    """Index in `token.text` just after `folded_chars` folded letters (skipping marks/tatweel)."""
    count, index = 0, 0
    text = token.text
    while index < len(text) and count < folded_chars:
        if fold_char(text[index]):
            count += 1
        index += 1
    while index < len(text) and not fold_char(text[index]):
        index += 1
    return index


def _variants(token: Token) -> list[tuple[int, str, str]]:
    """(folded letters stripped, folded form, proclitic) for the token as is and with proclitics off."""
    return _variants_of(token.norm)


@lru_cache(maxsize=65536)
def _variants_of(norm: str) -> list[tuple[int, str, str]]:
    out = [(0, norm, "")]
    for p in PROCLITICS:
        if norm.startswith(p) and len(norm) - len(p) >= 2:
            rest = norm[len(p):]
            if p.endswith("ال"):
                out.append((len(p) - 2, rest and "ال" + rest, p[:-2]))
                continue
            out.append((len(p), rest, p))
            if p.endswith("ل") and rest.startswith("ل"):
                out.append((len(p), "ا" + rest, p))        # لل = ل + ال with the alef dropped
    return out


def _joinable(gap: str) -> bool:
    return gap == " " or (len(gap) <= 3 and all(c in JOINERS for c in gap))


class _Doc:
    """Tokens of one text with per-token coverage; the working state of one `find_entities` call."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = _tokenize(text)
        self.join = [False] + [_joinable(text[a.end:b.start]) for a, b in zip(self.tokens, self.tokens[1:])]
        self.owner: list[int] = [-1] * len(self.tokens)
        self.mentions: list[Mention] = []
        self.lex = lexicon()

    def joined(self, j: int) -> bool:
        """Tokens j-1 and j belong to one name: only spaces, underscores, hyphens or quotes between."""
        return self.join[j]

    def free(self, first: int, last: int) -> bool:
        return all(o < 0 for o in self.owner[first:last + 1])

    def add(self, m: Mention) -> None:
        self.mentions.append(m)
        for k in range(m.first, m.last + 1):
            self.owner[k] = len(self.mentions) - 1

    def in_set(self, i: int, name: str, clitics: bool = True) -> bool:
        words = self.lex[name]
        if not clitics:
            return self.tokens[i].norm in words
        return any(v in words for _, v, _ in _variants(self.tokens[i]))


# ---------------------------------------------------------------- layer 1: gazetteer

@lru_cache(maxsize=65536)
def _gaz_starts(norm: str) -> tuple[tuple[int, str, str, int], ...]:
    """Forms of a word that begin some gazetteer alias, with the longest alias length for each."""
    max_len = gazetteer().max_len
    return tuple((s, v, c, max_len[v]) for s, v, c in _variants_of(norm) if v in max_len)


def _gazetteer_pass(doc: _Doc) -> None:
    gaz = gazetteer()
    tokens, n = doc.tokens, len(doc.tokens)
    seen_keys: set[str] = set()
    pending: list[tuple[Mention, list[GazEntry], str, str, int]] = []
    i = 0
    while i < n:
        best = None
        for stripped, first, clitic, limit in _gaz_starts(tokens[i].norm):
            phrase = first
            for length in range(1, limit + 1):
                j = i + length - 1
                if length > 1:
                    if j >= n or not doc.joined(j):
                        break
                    phrase = f"{phrase} {tokens[j].norm}"
                hits = gaz.lookup(phrase)
                if hits and (best is None or length > best[0]):
                    best = (length, stripped, hits, phrase, clitic)
        if best is None:
            i += 1
            continue
        length, stripped, hits, phrase, clitic = best
        start = tokens[i].start + _raw_offset(tokens[i], stripped)
        m = Mention(i, i + length - 1, start, tokens[i + length - 1].end, "")
        plain = [e for e in hits if phrase not in e.strict]
        if plain:
            m.entry, m.type = plain[0], plain[0].type
            if _context_ok(doc, i, clitic):
                strict_hits = [e for e in hits if phrase in e.strict]
                if strict_hits:
                    m.entry, m.type = strict_hits[0], strict_hits[0].type
            doc.add(m)
            seen_keys.add(m.entry.key)
        else:
            pending.append((m, hits, phrase, clitic, i))
        i += length
    for m, hits, phrase, clitic, i in pending:
        if _context_ok(doc, i, clitic) or hits[0].key in seen_keys:
            m.entry, m.type = hits[0], hits[0].type
            doc.add(m)


def _context_ok(doc: _Doc, i: int, clitic: str) -> bool:
    """Evidence that an ambiguous alias (العربية, الأسد, القاعدة) is the name: a cue word before it."""
    if clitic.endswith("ل"):
        return True
    return i > 0 and doc.joined(i) and doc.in_set(i - 1, "strict_context") or \
        (i > 0 and doc.tokens[i - 1].norm in ("ل", "لـ"))


# ---------------------------------------------------------------- layer 2: rules

def _is_adjective(word: str) -> bool:
    """Nationality/relational adjectives (الأميركي، البريطانية، السوريين): never names on their own."""
    stem = word[2:] if word.startswith("ال") else word
    if stem.startswith("لل"):
        return False
    for suffix in ("يون", "يين", "يه", "ين", "ون", ""):
        if suffix and stem.endswith(suffix):
            base = stem[: -len(suffix)] + ("ي" if suffix in ("يون", "يين", "يه") else "")
        elif not suffix:
            base = stem
        else:
            continue
        if base in lexicon()["nationality_adjectives"]:
            return True
    return False


def _stop(doc: _Doc, j: int) -> bool:
    w = doc.tokens[j].norm
    lex = doc.lex
    if not w:
        return True
    return (w in lex["stopwords"] or w in lex["topic_nouns"] or w in lex["reporting_verbs"] or w in lex["generic_nouns"]
            or w[0].isdigit() or len(w) < 2)


_TANWEEN = re.compile("[\u064b-\u064d]")


def _namey(doc: _Doc, k: int) -> bool:
    """Shape test for a word inside an unknown name: no tanween, no preposition+article, no verb/masdar look."""
    tok = doc.tokens[k]
    w = tok.norm
    if _TANWEEN.search(tok.text) or w in doc.lex["given_names"]:
        return not _TANWEEN.search(tok.text)
    if any(s and v.startswith("ال") for s, v, _ in _variants(tok)):
        return False
    bare = w.removeprefix("ال")
    if (bare.startswith("م") and bare.endswith("ه")) or (w[0] in "يت" and w.endswith("ون")) \
            or (w.startswith(("ست", "سن")) and len(w) >= 5):
        return False
    return True


def _name_tokens(doc: _Doc, j: int, allow_nisba: bool = True, surname_first: bool = False) -> int:
    """How many tokens from j form a personal name (0 when the first is not name-like)."""
    count, n = 0, len(doc.tokens)
    lex = doc.lex
    while j + count < n and count < MAX_NAME:
        k = j + count
        w = doc.tokens[k].norm
        if doc.owner[k] >= 0 or (count and not doc.joined(k)) or _stop(doc, k) or not _namey(doc, k):
            break
        if w in lex["person_titles"] or w in lex["org_heads"] or w in lex["loc_heads_admin"] \
                or w in lex["loc_heads_facility"]:
            break
        if w in lex["name_particles"]:
            if k + 1 < n and doc.joined(k + 1) and not _stop(doc, k + 1):
                count += 1
                continue
            break
        if w in lex["given_names"]:
            count += 1
            continue
        if w.startswith("ال"):
            if (count == 0 and not surname_first) or (_is_adjective(w) and not allow_nisba):
                break
            count += 1
            continue
        if _is_adjective(w) or not w.isalpha():
            break
        count += 1
    while count and doc.tokens[j + count - 1].norm in lex["name_particles"]:
        count -= 1
    return count


def _person_after_title(doc: _Doc, i: int) -> Mention | None:
    if not doc.in_set(i, "person_titles"):
        return None
    j, skipped, n = i + 1, 0, len(doc.tokens)
    while j < n and skipped < 4 and doc.joined(j):
        w = doc.tokens[j].norm
        if doc.owner[j] >= 0 and doc.mentions[doc.owner[j]].type in ("ORG", "LOC"):
            j = doc.mentions[doc.owner[j]].last + 1
        elif w in doc.lex["given_names"]:
            break
        elif w in doc.lex["title_connectors"] or _is_adjective(w) or (w.startswith("ال") and not _stop(doc, j)):
            j += 1
        else:
            break
        skipped += 1
    if j >= n or (j > i + 1 and not doc.joined(j)) or (j == i + 1 and not doc.joined(j)):
        return None
    first = doc.tokens[j].norm
    if first in ("ابو", "ام"):
        return None                     # the kunya rule reads "أبو X الـY" with its nisba
    count = _name_tokens(doc, j, allow_nisba=False)
    if not count or (first.endswith("ه") and first not in doc.lex["given_names"]):
        return None
    return Mention(j, j + count - 1, doc.tokens[j].start, doc.tokens[j + count - 1].end, "PER", source="rule")


def _kunya(doc: _Doc, i: int) -> Mention | None:
    """'أبو معاذ الجزائري', 'أم محمد': kunya + name, with an optional nisba."""
    stripped = next(((s, v) for s, v, _ in _variants(doc.tokens[i]) if v in ("ابو", "ام")), None)
    n = len(doc.tokens)
    if stripped is None or i + 1 >= n or not doc.joined(i + 1) or doc.owner[i + 1] >= 0:
        return None
    nxt = doc.tokens[i + 1].norm
    if _stop(doc, i + 1) or nxt.startswith("ال") or not nxt.isalpha() or _is_adjective(nxt):
        return None
    last = i + 1
    for k in (i + 2, i + 3):
        if k < n and doc.joined(k) and doc.owner[k] < 0 and doc.tokens[k].norm.startswith("ال") and not _stop(doc, k):
            last = k
        else:
            break
    start = doc.tokens[i].start + _raw_offset(doc.tokens[i], stripped[0])
    return Mention(i, last, start, doc.tokens[last].end, "PER", source="kunya")


def _given_name(doc: _Doc, i: int) -> Mention | None:
    tok = doc.tokens[i]
    for stripped, v, _ in _variants(tok):
        if v in doc.lex["given_names"] and not (v == "علي" and tok.text.endswith("ى")):
            break
    else:
        if not (tok.norm == "عبد" and i + 1 < len(doc.tokens) and doc.tokens[i + 1].norm.startswith("ال")):
            return None
        stripped = 0
    nxt_ok = i + 1 < len(doc.tokens) and doc.joined(i + 1)
    count = _name_tokens(doc, i + 1, surname_first=True) if nxt_ok else 0
    if tok.norm == "عبد":
        count = max(count, 1)
        if i + 2 < len(doc.tokens) and doc.joined(i + 2):
            count = 1 + _name_tokens(doc, i + 2)
    if not count:
        return None
    last = i + count
    return Mention(i, last, tok.start + _raw_offset(tok, stripped), doc.tokens[last].end, "PER", source="rule")


def _organisation(doc: _Doc, i: int) -> Mention | None:
    lex = doc.lex
    head = next(((s, v) for s, v, _ in _variants(doc.tokens[i]) if v in lex["org_heads"]), None)
    n = len(doc.tokens)
    if head is None or i + 1 >= n or not doc.joined(i + 1):
        return None
    start = doc.tokens[i].start + _raw_offset(doc.tokens[i], head[0])
    j = i + 1
    if doc.owner[j] >= 0:
        m = doc.mentions[doc.owner[j]]
        if m.type == "ORG" and m.first == j and head[1] in lex["org_heads_keep_on_known"]:
            m.first, m.start = i, start          # "تنظيم داعش", "صحيفة الصن": the head joins the name
            doc.owner[i] = doc.owner[j]
        if m.type != "LOC" or m.first != j:
            return None
    last, strong, quoted = i, False, any(q in doc.text[doc.tokens[i].end:doc.tokens[j].start] for q in OPEN_QUOTES)
    while j < n and j - i <= 5 and doc.joined(j):
        w = doc.tokens[j].norm
        if doc.owner[j] >= 0:
            m = doc.mentions[doc.owner[j]]
            if m.type != "LOC" or m.first != j:
                break
            last, strong, j = m.last, True, m.last + 1
            continue
        if not w or w in lex["stopwords"] or w in lex["reporting_verbs"] or w[0].isdigit():
            break
        if _is_adjective(w) and (j > i + 1 or not w.startswith("ال")):
            if j == i + 1:
                break
            last, strong = j, True
            if not (j + 1 < n and doc.joined(j + 1) and doc.tokens[j + 1].norm.startswith("ل")
                    and not doc.tokens[j + 1].norm.startswith("ال") and j + 2 < n and doc.joined(j + 2)):
                break
            j += 1
            continue
        if w.startswith("ال") or (w.startswith("ل") and j + 1 < n and doc.joined(j + 1)):
            last = j
        elif j == i + 1 and w.isalpha() and w[0] != "و" and _namey(doc, j) and w not in lex["org_heads"] \
                and w not in lex["person_titles"] and not head[1].startswith("ال") and not _stop(doc, j):
            last, strong = j, True
            if head[1] in lex["ambiguous_org_heads"]:
                break
        else:
            break
        j += 1
    while last > i and doc.tokens[last].norm.startswith("ل") and not doc.tokens[last].norm.startswith("ال"):
        last -= 1
    if last == i:
        return None
    if head[1] in lex["ambiguous_org_heads"] and not (strong or quoted or last - i >= 2):
        return None
    # the rule may swallow place names inside ("جامعة القاهرة"): release them
    for k in range(i, last + 1):
        if doc.owner[k] >= 0:
            doc.mentions[doc.owner[k]].type = "_dropped"
            doc.owner[k] = -1
    return Mention(i, last, start, doc.tokens[last].end, "ORG", source="rule")


def _place(doc: _Doc, i: int) -> Mention | None:
    lex = doc.lex
    n = len(doc.tokens)
    for group, keep_head in (("loc_heads_facility", True), ("loc_heads_admin", False)):
        head = next(((s, v) for s, v, _ in _variants(doc.tokens[i]) if v in lex[group]), None)
        if head is not None:
            break
    else:
        return None
    j = i + 1
    if j >= n or not doc.joined(j) or doc.owner[j] >= 0 or _stop(doc, j):
        return None
    w = doc.tokens[j].norm
    if _is_adjective(w) or not w.isalpha() or w in lex["org_heads"] or w.endswith("يه") or not _namey(doc, j) \
            or (w.startswith("ال") and w.endswith("ي")) or (head[1] in lex["loc_heads_generic"] and not w.startswith("ال")):
        return None
    last = j
    if j + 1 < n and doc.joined(j + 1) and doc.owner[j + 1] < 0 and not _stop(doc, j + 1):
        w2 = doc.tokens[j + 1].norm
        if (w2.startswith("ال") and not _is_adjective(w2) and not w2.endswith(("يه",))) or \
                (w in lex["toponym_prefixes"] and w2.isalpha() and _namey(doc, j + 1)):
            last = j + 1
    first = i if keep_head else j
    start = doc.tokens[i].start + _raw_offset(doc.tokens[i], head[0]) if keep_head else doc.tokens[j].start
    return Mention(first, last, start, doc.tokens[last].end, "LOC", source="rule")


def _institution(doc: _Doc, i: int) -> Mention | None:
    """'الجيش اللبناني', 'الشرطة الفرنسية': a definite institution + a nationality adjective."""
    v = next((v for s, v, _ in _variants(doc.tokens[i]) if v in doc.lex["definite_institutions"]), None)
    j = i + 1
    if v is None or j >= len(doc.tokens) or not doc.joined(j) or doc.owner[j] >= 0:
        return None
    w = doc.tokens[j].norm
    if not (w.startswith("ال") and _is_adjective(w)):
        return None
    while j + 1 < len(doc.tokens) and j - i < 3 and doc.joined(j + 1) and doc.owner[j + 1] < 0 \
            and doc.tokens[j + 1].norm.startswith("ال") and _is_adjective(doc.tokens[j + 1].norm):
        j += 1
    stripped = next(s for s, vv, _ in _variants(doc.tokens[i]) if vv == v)
    start = doc.tokens[i].start + _raw_offset(doc.tokens[i], stripped)
    return Mention(i, j, start, doc.tokens[j].end, "ORG", source="rule")


RULES = (_organisation, _institution, _person_after_title, _kunya, _given_name, _place)


@lru_cache(maxsize=1)
def _triggers() -> frozenset[str]:
    """Every word that can start a rule: a token none of whose forms is here is skipped at once."""
    lex = lexicon()
    names = ("person_titles", "org_heads", "loc_heads_facility", "loc_heads_admin", "given_names",
             "definite_institutions")
    return frozenset().union(*(lex[n] for n in names)) | {"ابو", "ام", "عبد"}


@lru_cache(maxsize=65536)
def _is_trigger(norm: str) -> bool:
    triggers = _triggers()
    return any(v in triggers for _, v, _ in _variants_of(norm))


def _rules_pass(doc: _Doc) -> None:
    i = 0
    while i < len(doc.tokens):
        if doc.owner[i] >= 0 or not _is_trigger(doc.tokens[i].norm):
            i += 1
            continue
        for rule in RULES:
            m = rule(doc, i)
            if m is not None and doc.free(m.first, m.last):
                doc.add(m)
                i = m.first
                break
        i += 1


# ---------------------------------------------------------------- layer 3: short mentions

def _short_forms(doc: _Doc) -> dict[str, tuple[str, str, GazEntry | None]]:
    """Folded short form -> (type, folded full name) for names found above that have a tail or a head."""
    out: dict[str, tuple[str, str, GazEntry | None]] = {}
    for m in doc.mentions:
        if m.type == "_dropped" or m.last == m.first:
            continue
        words = [doc.tokens[k].norm for k in range(m.first, m.last + 1)]
        words[0] = _variants(doc.tokens[m.first])[0][1] if m.start == doc.tokens[m.first].start else \
            next(v for s, v, _ in _variants(doc.tokens[m.first])
                 if doc.tokens[m.first].start + _raw_offset(doc.tokens[m.first], s) == m.start)
        full = " ".join(words)
        if m.type == "PER" and m.entry is None:
            tail = words[-1]
            if len(tail) >= 3 and tail not in doc.lex["name_particles"] and tail not in doc.lex["given_names"]:
                out.setdefault(tail, ("PER", full, None))
        elif m.type == "ORG" and len(words) >= 3 and words[0] in doc.lex["org_heads"]:
            inner = words[1:-1] if _is_adjective(words[-1]) else words[1:]
            if len(inner) >= 2:
                out.setdefault(" ".join(inner), ("ORG", full, m.entry))
    return out


def _propagate(doc: _Doc) -> None:
    forms = _short_forms(doc)
    if not forms:
        return
    longest = max(len(f.split(" ")) for f in forms)
    firsts = {f.split(" ")[0] for f in forms}
    tokens = doc.tokens
    for i in range(len(tokens)):
        if doc.owner[i] >= 0 or not any(v in firsts for _, v, _ in _variants(tokens[i])):
            continue
        for stripped, first, _ in _variants(tokens[i]):
            hit = None
            phrase = first
            for length in range(1, longest + 1):
                j = i + length - 1
                if length > 1:
                    if j >= len(tokens) or not doc.joined(j) or doc.owner[j] >= 0:
                        break
                    phrase = f"{phrase} {tokens[j].norm}"
                if phrase in forms:
                    hit = (length, forms[phrase])
            if hit:
                length, (etype, full, entry) = hit
                if etype == "PER" and _is_adjective(first) and i > 0 and doc.joined(i) and \
                        (tokens[i - 1].norm.startswith("ال") or tokens[i - 1].norm in doc.lex["generic_nouns"]):
                    continue            # "الجيش الجزائري" is not Abu Muadh al-Jazairi
                start = tokens[i].start + _raw_offset(tokens[i], stripped)
                doc.add(Mention(i, i + length - 1, start, tokens[i + length - 1].end, etype, entry,
                                source="propagated", link=full))
                break


def find_entities(text: str) -> list[Entity]:
    """Entities in `text`, non-overlapping and sorted; `text[e.start:e.end] == e.text` always."""
    doc = _Doc(text)
    if not doc.tokens:
        return []
    _gazetteer_pass(doc)
    _propagate(doc)
    _rules_pass(doc)
    _propagate(doc)
    mentions = sorted((m for m in doc.mentions if m.type in ("PER", "ORG", "LOC", "MISC")), key=lambda m: m.start)
    for m in mentions:      # a quoted name keeps its closing quote when the span holds the opening one
        inner = text[m.start:m.end]
        if m.end < len(text) and text[m.end] in CLOSE_QUOTES and (
                sum(inner.count(q) for q in "“«‘") > sum(inner.count(q) for q in "”»’")
                or inner.count('"') % 2 or inner.count("'") % 2):
            m.end += 1
    return resolve(text, mentions)
