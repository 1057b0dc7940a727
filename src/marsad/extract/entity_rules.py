"""Layer 2 of the entity pass: contextual rules for names that no table holds.

A title or role before a person ("الرئيس ..."), a kunya ("أبو معاذ الجزائري"), a known given name,
an organisation head noun ("وزارة", "حركة"...), a definite institution with a nationality
("الجيش اللبناني"), a place head noun ("بلدة", "مخيم"...). Each rule reads the tokens from one
trigger word and returns a `Mention` or None; the words that may trigger each rule come from
data/entities/lexicon.json, so a token that starts no rule costs one look at its `Word` record.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from marsad.extract.entity_doc import MAX_NAME, Doc, Mention, Word
from marsad.extract.gazetteer import lexicon
from marsad.extract.memo import remembered

__all__ = ["RULES", "is_adjective", "rules_pass"]

OPEN_QUOTES = "“«\"'‘"


_ADJECTIVES: dict[str, bool] = {}


def is_adjective(word: str) -> bool:
    """Nationality/relational adjectives (الأميركي، البريطانية، السوريين): never names on their own."""
    return remembered(_ADJECTIVES, word, _adjective)


def _adjective(word: str) -> bool:
    stem = word.removeprefix("ال")
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


def _stop(doc: Doc, j: int) -> bool:
    w = doc.norms[j]
    lex = doc.lex
    if not w:
        return True
    return (w in lex["stopwords"] or w in lex["topic_nouns"] or w in lex["reporting_verbs"] or w in lex["generic_nouns"]
            or w[0].isdigit() or len(w) < 2)


_TANWEEN = re.compile("[\u064b-\u064d]")


def _namey(doc: Doc, k: int, surname: bool = False) -> bool:
    """Shape test for a word inside an unknown name: no tanween, no preposition+article, no verb/masdar look.
    A `surname` (the word after a known given name) may end like a verb of "you (plural)": تومسون."""
    w, lex = doc.norms[k], doc.lex
    tanween = _TANWEEN.search(doc.words[k]) is not None
    if tanween or w in lex["given_names"]:
        return not tanween
    if any(s and (v.startswith("ال") or v in lex["org_heads"] or v in lex["generic_nouns"]
                  or v in lex["topic_nouns"] or v in lex["person_titles"]) for s, v, _ in doc.variants(k)):
        return False                # "لقناة", "بوزارة", "للرئيس": a preposition on a noun ends a name
    bare = w.removeprefix("ال")
    return not ((bare.startswith("م") and bare.endswith("ه")) or (w[0] in ("ي" if surname else "يت") and w.endswith("ون"))
                or (w.startswith(("ست", "سن", "سي")) and len(w) >= 5) or _verb_like(doc, w))


def _verbal_noun(bare: str) -> bool:
    """The shapes of افتعال/انفعال (اجتماع، انتخاب), استفعال (استقبال) and تفعيل (تعليم): after the
    article, common nouns rather than family names, which are mostly nisbas (ending in ي). Place
    names may have them (ساحة التحرير); personal names seldom do."""
    if len(bare) < 5 or bare.endswith("ي"):
        return False
    return (bare[0] == "ا" and bare[2] == "ت") or bare.startswith("است") or (bare[0] == "ت" and bare[-2] == "ي")


def _verb_like(doc: Doc, w: str) -> bool:
    """A listed verb or stop word ("سيزور", "اجتماعا", "مجددا"), or an imperfect verb shape (يتحدث)."""
    lex = doc.lex
    return w in lex["verbs_common"] or w in lex["name_stop_words"] or \
        (w[0] == "ي" and len(w) >= 4 and w[1] in "تسنع" and w not in lex["given_names"])


def _name_tokens(doc: Doc, j: int, allow_nisba: bool = True, surname_first: bool = False) -> int:
    """How many tokens from j form a personal name (0 when the first is not name-like)."""
    count, n = 0, len(doc)
    lex = doc.lex
    while j + count < n and count < MAX_NAME:
        k = j + count
        w = doc.norms[k]
        if any(p == "و" and v in lex["given_names"] for _, v, p in doc.variants(k)):
            break                       # "سامي الجابر وياسر القحطاني": "and" starts the next name
        after_particle = count > 0 and doc.norms[k - 1] in lex["name_particles"] and w.isalpha()
        surname = k > 0 and doc.norms[k - 1] in lex["given_names"]
        if doc.owner[k] >= 0 or (count and not doc.joined(k)) or _stop(doc, k) \
                or not (after_particle or _namey(doc, k, surname)):
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
        prev = doc.norms[k - 1] if count else ""
        # past the second word, a name goes on only after a given name or particle, or with a nisba
        later = count >= 2 and prev not in lex["given_names"] and prev not in lex["name_particles"]
        if w.startswith("ال"):
            if (count == 0 and not surname_first) or (is_adjective(w) and not allow_nisba) or _verbal_noun(w[2:]):
                break
            if later and not w.endswith("ي") and w != "الله":
                break
            count += 1
            continue
        if is_adjective(w) or not w.isalpha() or later:
            break
        count += 1
    while count and doc.norms[j + count - 1] in lex["name_particles"]:
        count -= 1
    return count


def _connector(doc: Doc, j: int) -> bool:
    """Token j links a title to a body ("المتحدث باسم الأمم المتحدة"): a title connector followed by
    a definite word or a found ORG/LOC. "باسم" is then "on behalf of", not the name Basim."""
    k = j + 1
    return doc.norms[j] in doc.lex["title_connectors"] and k < len(doc) and doc.joined(k) and (
        doc.norms[k].startswith("ال") or (doc.owner[k] >= 0 and doc.mentions[doc.owner[k]].type in ("ORG", "LOC")))


def _person_after_title(doc: Doc, i: int) -> Mention | None:
    if not doc.in_set(i, "person_titles"):
        return None
    j, skipped, n = i + 1, 0, len(doc)
    while j < n and skipped < 4 and doc.joined(j):
        w = doc.norms[j]
        if doc.owner[j] >= 0 and doc.mentions[doc.owner[j]].type in ("ORG", "LOC"):
            j = doc.mentions[doc.owner[j]].last + 1
        elif _connector(doc, j):
            j += 1
        elif w in doc.lex["given_names"]:
            break
        elif w in doc.lex["title_connectors"] or is_adjective(w) or (w.startswith("ال") and not _stop(doc, j)):
            j += 1
        else:
            break
        skipped += 1
    if j >= n or (j > i + 1 and not doc.joined(j)) or (j == i + 1 and not doc.joined(j)):
        return None
    first = doc.norms[j]
    if first in ("ابو", "ام"):
        return None                     # the kunya rule reads "أبو X الـY" with its nisba
    count = _name_tokens(doc, j, allow_nisba=False)
    if not count or (first.endswith("ه") and first not in doc.lex["given_names"]):
        return None
    return Mention(j, j + count - 1, doc.starts[j], doc.ends[j + count - 1], "PER", source="rule")


def _kunya(doc: Doc, i: int) -> Mention | None:
    """'أبو معاذ الجزائري', 'أم محمد': kunya + name, with an optional nisba."""
    stripped = next(((s, v) for s, v, _ in doc.variants(i) if v in ("ابو", "ام")), None)
    n = len(doc)
    if stripped is None or i + 1 >= n or not doc.joined(i + 1) or doc.owner[i + 1] >= 0:
        return None
    nxt = doc.norms[i + 1]
    if _stop(doc, i + 1) or nxt.startswith("ال") or not nxt.isalpha() or is_adjective(nxt):
        return None
    last = i + 1
    for k in (i + 2, i + 3):
        if k < n and doc.joined(k) and doc.owner[k] < 0 and doc.norms[k].startswith("ال") and not _stop(doc, k):
            last = k
        else:
            break
    start = doc.raw_offset(i, stripped[0])
    return Mention(i, last, start, doc.ends[last], "PER", source="kunya")


def _given_name(doc: Doc, i: int) -> Mention | None:
    norm = doc.norms[i]
    for stripped, v, _ in doc.variants(i):
        if v in doc.lex["given_names"] and not (v == "علي" and doc.words[i].endswith("ى")):
            break
    else:
        if not (norm == "عبد" and i + 1 < len(doc) and doc.norms[i + 1].startswith("ال")):
            return None
        stripped = 0
    if norm != "عبد" and v in doc.lex["ambiguous_given_names"] and not _person_cue_before(doc, i):
        return None
    if i > 0 and _connector(doc, i) and not doc.lex["person_titles"].isdisjoint(doc.info[i - 1].forms):
        return None                     # "المتحدث باسم الخارجية"
    nxt_ok = i + 1 < len(doc) and doc.joined(i + 1)
    count = _name_tokens(doc, i + 1, surname_first=True) if nxt_ok else 0
    if norm == "عبد":
        count = max(count, 1)
        if i + 2 < len(doc) and doc.joined(i + 2):
            count = 1 + _name_tokens(doc, i + 2)
    if not count:
        return None
    last = i + count
    return Mention(i, last, doc.raw_offset(i, stripped), doc.ends[last], "PER", source="rule")


def _person_cue_before(doc: Doc, i: int) -> bool:
    """A speech verb, a title or a role word just before token i ("قال", "الوزير", "عن")."""
    if i == 0:
        return False
    forms = doc.info[i - 1].forms
    lex = doc.lex
    return not (lex["reporting_verbs"].isdisjoint(forms) and lex["person_titles"].isdisjoint(forms)
                and doc.norms[i - 1] not in ("عن", "بين") and not is_adjective(doc.norms[i - 1]))


def _person_after_verb(doc: Doc, i: int) -> Mention | None:
    """'قال/أكد/أوضح NAME إن ...': two or three name-like words between a speech verb and إن/أن/، or ':'."""
    n = len(doc)
    j = i + 1
    if j >= n or not doc.joined(j) or doc.owner[j] >= 0:
        return None
    w = doc.norms[j]
    if w.startswith("ال") or w in doc.lex["person_titles"] or w in doc.lex["org_heads"] or _stop(doc, j) \
            or not _namey(doc, j) or is_adjective(w) or not w.isalpha() or w.endswith("ه"):
        return None
    count = _name_tokens(doc, j, surname_first=True)
    count = min(count, 3)
    if count < 2:
        return None
    k = j + count
    if k < n and doc.joined(k) and doc.norms[k] not in ("ان", "بان", "لـ", "ل", "قوله", "قولها", "لوكاله", "للصحفيين"):
        return None
    return Mention(j, k - 1, doc.starts[j], doc.ends[k - 1], "PER", source="rule")


def _definite_body(doc: Doc, i: int) -> Mention | None:
    """'المحكمة الإدارية العليا', 'المركز الوطني لمكافحة الأوبئة': a definite head + institutional adjectives
    (+ a لـ genitive). Two words need a strong adjective; a generic 'القوات الأمنية' is not a body."""
    head = next(((s, v) for s, v, _ in doc.variants(i) if v in doc.lex["definite_org_heads"]), None)
    if head is None:
        return None
    lex, n = doc.lex, len(doc)
    j, last, adjs = i + 1, i, 0
    while j < n and j - i <= 6 and doc.joined(j) and doc.owner[j] < 0:
        w = doc.norms[j]
        if w in lex["institutional_adjectives"] or (w.startswith("ال") and is_adjective(w)):
            last, adjs = j, adjs + 1
            j += 1
            continue
        if adjs and w.startswith("ل") and not w.startswith("ال") and len(w) > 3 and j + 1 < n and doc.joined(j + 1):
            # "للانتخابات", "لشؤون اللاجئين", "للدفاع المدني": one genitive, with its definite complement
            last = j
            if j + 1 < n and doc.joined(j + 1) and doc.owner[j + 1] < 0 and doc.norms[j + 1].startswith("ال") \
                    and not _stop(doc, j + 1):
                last = j + 1
                if j + 2 < n and doc.joined(j + 2) and doc.owner[j + 2] < 0 and \
                        doc.norms[j + 2] in lex["institutional_adjectives"] | {"المدني", "الجويه"}:
                    last = j + 2
            break
        if adjs and w.startswith("ل") and not w.startswith("ال") and len(w) > 3:
            last = j
        break
    if adjs == 0 or (last - i < 2 and doc.norms[i + 1] not in ("العليا", "الدستوريه", "الاتحاديه", "المركزي")):
        return None
    start = doc.raw_offset(i, head[0])
    return Mention(i, last, start, doc.ends[last], "ORG", source="rule")


def _eponym_end(doc: Doc, j: int) -> int:
    """Where "الملك سعود" ends when token j starts a royal or religious title and a name: the
    last token of the name, else -1. A body named after a person ("جامعة الملك سعود",
    "مستشفى الملك فهد") takes the title and the name whole."""
    if j >= len(doc) or not doc.joined(j) or doc.owner[j] >= 0 or doc.norms[j] not in doc.lex["eponym_titles"]:
        return -1
    if j + 1 >= len(doc) or not doc.joined(j + 1):
        return -1
    if doc.owner[j + 1] >= 0:           # the table's king ("الملك فهد" -> فهد): the body takes him whole
        m = doc.mentions[doc.owner[j + 1]]
        if m.type != "PER" or m.first != j + 1:
            return -1
        m.type = "_dropped"
        for k in range(m.first, m.last + 1):
            doc.owner[k] = -1
        return max(m.last, j + _name_tokens(doc, j + 1, allow_nisba=False))
    count = _name_tokens(doc, j + 1, allow_nisba=False)
    return j + count if count else -1


def _organisation(doc: Doc, i: int) -> Mention | None:
    lex = doc.lex
    head = next(((s, v) for s, v, _ in doc.variants(i) if v in lex["org_heads"]), None)
    n = len(doc)
    if head is None or i + 1 >= n or not doc.joined(i + 1):
        return None
    start = doc.raw_offset(i, head[0])
    j = i + 1
    if doc.owner[j] >= 0:
        m = doc.mentions[doc.owner[j]]
        if m.type == "ORG" and m.first == j and head[1] in lex["org_heads_keep_on_known"]:
            m.first, m.start = i, start          # "تنظيم داعش", "صحيفة الصن": the head joins the name
            doc.owner[i] = doc.owner[j]
        if m.type != "LOC" or m.first != j:
            return None
    last, strong, quoted = i, False, any(q in doc.text[doc.ends[i]:doc.starts[j]] for q in OPEN_QUOTES)
    named_after = _eponym_end(doc, j)
    if named_after > 0:
        last, strong, j = named_after, True, named_after + 1
    while j < n and j - i <= 5 and doc.joined(j):
        w = doc.norms[j]
        if doc.owner[j] >= 0:
            m = doc.mentions[doc.owner[j]]
            if m.type != "LOC" or m.first != j:
                break
            last, strong, j = m.last, True, m.last + 1
            continue
        if not w or w in lex["stopwords"] or w in lex["reporting_verbs"] or w[0].isdigit():
            break
        if is_adjective(w) and (j > i + 1 or not w.startswith("ال")):
            if j == i + 1:
                break
            last, strong = j, True
            if not (j + 1 < n and doc.joined(j + 1) and doc.norms[j + 1].startswith("ل")
                    and not doc.norms[j + 1].startswith("ال") and j + 2 < n and doc.joined(j + 2)):
                break
            j += 1
            continue
        if w.startswith("ال") or (w.startswith("ل") and j + 1 < n and doc.joined(j + 1)):
            if j > i + 1 and doc.norms[i + 1] in lex["institutional_genitives"]:
                break                   # "مجلس الشورى" is whole: only adjectives may follow
            last = j
            strong = strong or (j == i + 1 and w in lex["institutional_genitives"])
        elif j == i + 1 and w.isalpha() and w[0] != "و" and _namey(doc, j) and w not in lex["org_heads"] \
                and w not in lex["person_titles"] and not head[1].startswith("ال") and not _stop(doc, j) \
                and not w.endswith("ه"):
            nxt_loc = j + 1 < n and doc.joined(j + 1) and doc.owner[j + 1] >= 0 and \
                doc.mentions[doc.owner[j + 1]].type == "LOC" and doc.mentions[doc.owner[j + 1]].first == j + 1
            nxt_definite = j + 1 < n and doc.joined(j + 1) and doc.owner[j + 1] < 0 and \
                doc.norms[j + 1].startswith("ال") and doc.norms[j + 1] not in lex["stopwords"]
            if w.endswith("ات") and not (nxt_loc or nxt_definite):
                break                   # "مركز بيانات": a plural common noun, unless a genitive follows
            last, strong = j, True
            if nxt_loc:                 # "شركة نفط الكويت", "محكمة جنايات الإسكندرية": the place is inside
                j += 1
                continue
            if head[1] in lex["ambiguous_org_heads"]:
                break
        else:
            break
        j += 1
    while last > i and doc.norms[last].startswith("ل") and not doc.norms[last].startswith("ال"):
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
    return Mention(i, last, start, doc.ends[last], "ORG", source="rule")


def _place(doc: Doc, i: int) -> Mention | None:
    lex = doc.lex
    n = len(doc)
    for group, keep_head in (("loc_heads_facility", True), ("loc_heads_admin", False), ("loc_heads_geo", False)):
        head = next(((s, v) for s, v, _ in doc.variants(i) if v in lex[group]), None)
        if head is not None:
            break
    else:
        return None
    j = i + 1
    named_after = _eponym_end(doc, j) if keep_head or head[1] in lex["loc_heads_admin"] else -1
    if named_after > 0:
        last = named_after
        if last + 1 < n and doc.joined(last + 1) and doc.owner[last + 1] < 0 and is_adjective(doc.norms[last + 1]) \
                and doc.norms[last + 1].startswith("ال"):
            last += 1                   # "مستشفى الملك فهد التخصصي", "مدينة الملك عبدالله الاقتصادية"
        return Mention(i, last, doc.raw_offset(i, head[0]), doc.ends[last], "LOC", source="rule")
    if j >= n or not doc.joined(j) or doc.owner[j] >= 0 or _stop(doc, j):
        return None
    w = doc.norms[j]
    if is_adjective(w) or not w.isalpha() or w in lex["org_heads"] or w.endswith("يه") or not _namey(doc, j) \
            or (w.startswith("ال") and w.endswith("ي")) or (head[1] in lex["loc_heads_generic"] and not w.startswith("ال")):
        return None
    last = j
    if j + 1 < n and doc.joined(j + 1) and doc.owner[j + 1] < 0 and not _stop(doc, j + 1):
        w2 = doc.norms[j + 1]
        if (w2.startswith("ال") and not is_adjective(w2) and not w2.endswith(("يه",))) or \
                (w in lex["toponym_prefixes"] and w2.isalpha() and _namey(doc, j + 1)):
            last = j + 1
    first = i if keep_head else j
    start = doc.raw_offset(i, head[0]) if keep_head else doc.starts[j]
    return Mention(first, last, start, doc.ends[last], "LOC", source="rule")


def _institution(doc: Doc, i: int) -> Mention | None:
    """'الجيش اللبناني', 'الشرطة الفرنسية': a definite institution + a nationality adjective."""
    v = next((v for s, v, _ in doc.variants(i) if v in doc.lex["definite_institutions"]), None)
    j = i + 1
    if v is None or j >= len(doc) or not doc.joined(j) or doc.owner[j] >= 0:
        return None
    w = doc.norms[j]
    if not (w.startswith("ال") and is_adjective(w)):
        return None
    while j + 1 < len(doc) and j - i < 3 and doc.joined(j + 1) and doc.owner[j + 1] < 0 \
            and doc.norms[j + 1].startswith("ال") and is_adjective(doc.norms[j + 1]):
        j += 1
    stripped = next(s for s, vv, _ in doc.variants(i) if vv == v)
    start = doc.raw_offset(i, stripped)
    return Mention(i, j, start, doc.ends[j], "ORG", source="rule")


RULES = (_definite_body, _organisation, _institution, _person_after_title, _kunya, _given_name, _person_after_verb,
         _place)


@lru_cache(maxsize=1)
def _rule_triggers() -> tuple[tuple[Callable[[Doc, int], Mention | None], frozenset[str]], ...]:
    """Each rule with the folded words that may start it: a rule is tried only at those words."""
    lex = lexicon()
    return ((_definite_body, lex["definite_org_heads"]),
            (_organisation, lex["org_heads"]), (_institution, lex["definite_institutions"]),
            (_person_after_title, lex["person_titles"]), (_kunya, frozenset({"ابو", "ام"})),
            (_given_name, lex["given_names"] | {"عبد"}),
            (_person_after_verb, lex["reporting_verbs"]),
            (_place, lex["loc_heads_facility"] | lex["loc_heads_admin"] | lex["loc_heads_geo"]))


_RULES_AT: dict[str, tuple[Callable[[Doc, int], Mention | None], ...]] = {}


def _rules_at(word: Word) -> tuple[Callable[[Doc, int], Mention | None], ...]:
    """The rules (in RULES order) that `word`, with or without its proclitic, can start."""
    found = _RULES_AT.get(word.norm)
    if found is None:
        if len(_RULES_AT) > 200_000:
            _RULES_AT.clear()
        found = _RULES_AT[word.norm] = tuple(r for r, words in _rule_triggers() if not words.isdisjoint(word.forms))
    return found


def rules_pass(doc: Doc) -> None:
    """Layer 2: at every free token that can start a rule, the first rule that reads a name wins."""
    owner = doc.owner
    try:
        at = list(map(_RULES_AT.__getitem__, doc.norms))
    except KeyError:
        get = _RULES_AT.get
        at = [rules if (rules := get(word.norm)) is not None else _rules_at(word) for word in doc.info]
    i = 0
    for k in [k for k, rules in enumerate(at) if rules]:
        if k < i or owner[k] >= 0:
            continue
        i = k
        for rule in at[k]:
            m = rule(doc, k)
            if m is not None and doc.free(m.first, m.last):
                doc.add(m)
                i = m.first
                break
        i += 1
