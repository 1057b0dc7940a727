"""Named entities (PER, ORG, LOC, MISC) with canonical names and alias keys.

The tables and rules run first, in three layers, each filling only text the earlier ones left uncovered:
1. the gazetteer (curated people/organisations/outlets + generated place names), matched as
   folded token n-grams with proclitics (و ف ب ل ك ال and their combinations) peeled off the first word;
2. contextual rules for names no table holds: a title or role before a person, a kunya ("أبو X"),
   a known given name, an organisation head noun ("وزارة", "حركة"...), a place head noun ("بلدة", "مخيم"...);
3. later short mentions (a surname, a nisba, an organisation without its head noun) of what 1-2 found.
Then the learned tagger (`marsad.extract.tagger`) decides the spans and types, reading those
mentions as features and taking their table entries and links; `find_entities_by_rules` keeps the
rules' own answer; `marsad.extract.entity_finish` mends what a word-by-word tagger misses (agreement,
results lines, quoted titles). `marsad.extract.aliases` gives every mention its canonical name and key. The
document state is `marsad.extract.entity_doc`; the rules of layer 2 are `marsad.extract.entity_rules`.
"""
from __future__ import annotations

from marsad.extract.aliases import resolve
from marsad.extract.entity_doc import Doc, Mention
from marsad.extract.entity_finish import finish, sports_context
from marsad.extract.entity_rules import is_adjective, rules_pass
from marsad.extract.gazetteer import GazEntry, gazetteer
from marsad.extract.tagger import tagged_mentions
from marsad.model import Entity

__all__ = ["Mention", "find_entities", "find_entities_by_rules", "rule_mentions"]

CLOSE_QUOTES = "”»\"'’"


# ---------------------------------------------------------------- layer 1: gazetteer

def _gazetteer_pass(doc: Doc) -> None:
    phrases = gazetteer().phrases
    norms, info, join, n = doc.norms, doc.info, doc.join, len(doc)
    seen_keys: set[str] = set()
    pending: list[tuple[Mention, list[GazEntry], str, str, int]] = []
    i = 0
    for k in [k for k, word in enumerate(info) if word.gaz_starts]:
        if k < i:
            continue            # inside the previous match
        i = k
        best = None
        for stripped, first, clitic, limit in info[i].gaz_starts:
            phrase = first
            for length in range(1, limit + 1):
                j = i + length - 1
                if length > 1:
                    if j >= n or not join[j]:
                        break
                    phrase = f"{phrase} {norms[j]}"
                hits = phrases.get(phrase)
                if hits and (best is None or length > best[0] or
                             (length == best[0] and clitic == "و" and _in_place_list(doc, i))):
                    best = (length, stripped, hits, phrase, clitic)
        if best is None:
            i += 1
            continue
        length, stripped, hits, phrase, clitic = best
        m = Mention(i, i + length - 1, doc.raw_offset(i, stripped), doc.ends[i + length - 1], "")
        if hits[0].type == "PER":
            while m.first < m.last and doc.norms[m.first] in doc.lex["person_titles"]:
                m.first += 1            # "الملك سلمان": the title stays outside the name
                m.start = doc.starts[m.first]
        plain = [e for e in hits if phrase not in e.strict]
        if plain:
            m.entry, m.type = plain[0], plain[0].type
            if _context_ok(doc, i, clitic, [e for e in hits if phrase in e.strict]):
                strict_hits = [e for e in hits if phrase in e.strict]
                if strict_hits:
                    m.entry, m.type = strict_hits[0], strict_hits[0].type
            doc.add(m)
            seen_keys.add(m.entry.key)
        else:
            pending.append((m, hits, phrase, clitic, i))
        i += length
    for m, hits, phrase, clitic, i in pending:
        if _context_ok(doc, i, clitic, hits) or hits[0].key in seen_keys:
            m.entry, m.type = hits[0], hits[0].type
            doc.add(m)


def _in_place_list(doc: Doc, i: int) -> bool:
    """Token i follows a place name in a list ("الرياض وجدة"): its و is the conjunction."""
    if i == 0 or not doc.joined(i) or doc.owner[i - 1] < 0:
        return False
    return doc.mentions[doc.owner[i - 1]].type == "LOC"


def _clubs_by_context(doc: Doc) -> None:
    """A city that is also a club ("ليفربول", "الشارقة") is the club when a sports cue is near."""
    for m in doc.mentions:
        if m.type == "LOC" and m.first == m.last and doc.norms[m.first] in doc.lex["club_places"] \
                and doc.text[m.start:m.end] == doc.words[m.first] and sports_context(doc, m.first, 5) or m.type == "LOC" and m.first == m.last and doc.variants(m.first)[-1][1] in doc.lex["club_places"] \
                and sports_context(doc, m.first, 5):
            m.type, m.entry = "ORG", None


def _context_ok(doc: Doc, i: int, clitic: str, hits: list[GazEntry] | None = None) -> bool:
    """Evidence that an ambiguous alias (العربية, الأسد, القاعدة) is the name: a cue word before it."""
    if hits and hits[0].key.startswith("org:club-"):
        return sports_context(doc, i)
    if clitic.endswith("ل"):
        return True
    return i > 0 and doc.joined(i) and doc.in_set(i - 1, "strict_context") or \
        (i > 0 and doc.norms[i - 1] in ("ل", "لـ"))


# ---------------------------------------------------------------- layer 3: short mentions

def _short_forms(doc: Doc) -> dict[str, tuple[str, str, GazEntry | None]]:
    """Folded short form -> (type, folded full name) for names found above that have a tail or a head."""
    out: dict[str, tuple[str, str, GazEntry | None]] = {}
    for m in doc.mentions:
        if m.type == "_dropped" or m.last == m.first:
            continue
        words = doc.norms[m.first:m.last + 1]
        words[0] = doc.variants(m.first)[0][1] if m.start == doc.starts[m.first] else \
            next(v for s, v, _ in doc.variants(m.first) if doc.raw_offset(m.first, s) == m.start)
        full = " ".join(words)
        if m.type == "PER" and m.entry is None:
            tail = words[-1]
            if len(tail) >= 3 and tail not in doc.lex["name_particles"] and tail not in doc.lex["given_names"]:
                if len(words) >= 3 and words[-2] in doc.lex["name_particles"]:
                    out.setdefault(f"{words[-2]} {tail}", ("PER", full, None))    # "بن عاشور"
                out.setdefault(tail, ("PER", full, None))
        elif m.type == "ORG" and len(words) >= 3 and words[0] in doc.lex["org_heads"]:
            inner = words[1:-1] if is_adjective(words[-1]) else words[1:]
            if len(inner) >= 2:
                out.setdefault(" ".join(inner), ("ORG", full, m.entry))
    return out


def _propagate(doc: Doc) -> None:
    forms = _short_forms(doc)
    if not forms:
        return
    longest = max(len(f.split(" ")) for f in forms)
    firsts = {f.split(" ")[0] for f in forms}
    norms, owner, n = doc.norms, doc.owner, len(doc)
    for i in [i for i, word in enumerate(doc.info) if not firsts.isdisjoint(word.forms)]:
        if owner[i] >= 0:
            continue
        for stripped, first, _ in doc.variants(i):
            hit = None
            phrase = first
            for length in range(1, longest + 1):
                j = i + length - 1
                if length > 1:
                    if j >= n or not doc.joined(j) or owner[j] >= 0:
                        break
                    phrase = f"{phrase} {norms[j]}"
                if phrase in forms:
                    hit = (length, forms[phrase])
            if hit:
                length, (etype, full, entry) = hit
                if etype == "PER" and is_adjective(first) and i > 0 and doc.joined(i) and \
                        (norms[i - 1].startswith("ال") or norms[i - 1] in doc.lex["generic_nouns"]):
                    continue            # "الجيش الجزائري" is not Abu Muadh al-Jazairi
                doc.add(Mention(i, i + length - 1, doc.raw_offset(i, stripped), doc.ends[i + length - 1], etype,
                                entry, source="propagated", link=full))
                break


def rule_mentions(doc: Doc) -> None:
    """Layers 1-3 on `doc`: what the tables and rules find, kept in `doc.mentions`."""
    _gazetteer_pass(doc)
    _clubs_by_context(doc)
    _propagate(doc)
    rules_pass(doc)
    _propagate(doc)


def _close_quotes(text: str, mentions: list[Mention]) -> None:
    """A quoted name keeps its closing quote when the span holds the opening one."""
    for m in mentions:
        inner = text[m.start:m.end]
        if m.end < len(text) and text[m.end] in CLOSE_QUOTES and (
                sum(inner.count(q) for q in "“«‘") > sum(inner.count(q) for q in "”»’")
                or inner.count('"') % 2 or inner.count("'") % 2):
            m.end += 1


def find_entities_by_rules(text: str) -> list[Entity]:
    """Entities from the tables and rules alone (the finder before the tagger; kept to compare)."""
    doc = Doc(text)
    if not len(doc):
        return []
    rule_mentions(doc)
    mentions = sorted((m for m in doc.mentions if m.type in ("PER", "ORG", "LOC", "MISC")), key=lambda m: m.start)
    _close_quotes(text, mentions)
    return resolve(text, mentions)


def find_entities(text: str, *, known_names: bool = True) -> list[Entity]:
    """Entities in `text`, non-overlapping and sorted; `text[e.start:e.end] == e.text` always.

    The learned tagger decides the spans and types, reading the tables and rules as features;
    table entries and short-form links of the rule mentions give the keys (`marsad.extract.tagger`).
    `known_names=False` leaves out the table names the tagger missed (to measure the tagger alone).
    Without a shipped model the rules alone answer."""
    doc = Doc(text)
    if not len(doc):
        return []
    rule_mentions(doc)
    mentions = tagged_mentions(doc, known_names)
    if mentions is None:
        mentions = [m for m in doc.mentions if m.type in ("PER", "ORG", "LOC", "MISC")]
    elif known_names:
        mentions = finish(doc, mentions)
    mentions.sort(key=lambda m: m.start)
    _close_quotes(text, mentions)
    return resolve(text, mentions)
