"""Canonical names and keys: one key per real-world entity, within an article and across the corpus.

Why keys matter: attribution, quotes and the cross-outlet comparison all group mentions by `key`, so
"ترامب" and "دونالد ترامب", or "داعش" and "تنظيم الدولة الإسلامية", must share one. Known names take the
key of their table entry; unknown names first try a fuzzy match against the table entries of the same
type (spelling variants such as "معهد دارسات الحرب"), and otherwise get `type:folded-name-slug`, with
the longest form seen in the article as canonical.
"""
from __future__ import annotations

from collections import Counter
from functools import lru_cache
from typing import TYPE_CHECKING

from marsad.extract.gazetteer import GazEntry, fold_phrase, gazetteer, slug
from marsad.model import Entity

if TYPE_CHECKING:
    from marsad.extract.entities import Mention

__all__ = ["fuzzy_entry", "key_for", "phonetic_skeleton", "resolve"]

MAX_DISTANCE = 0.2          # normalised edit distance for spelling variants of one name
MIN_FUZZY_CHARS = 6         # shorter names are too easy to confuse
# Letters that transliterations of one foreign sound alternate between (G: ج غ ق ك; S/SH: س ش ص ث ...).
_PHONETIC = str.maketrans({"ج": "ك", "غ": "ك", "ق": "ك", "ش": "س", "ص": "س", "ث": "س", "ز": "س", "ذ": "س",
                           "ظ": "س", "ط": "ت", "ض": "د", "ح": "ه", "ع": "", "ا": "", "و": "", "ي": "",
                           "ء": "", " ": " "})


def phonetic_skeleton(folded: str) -> str:
    """Consonant skeleton with transliteration-equivalent letters merged: لودفيجشافن ~ لودفيغسهافن."""
    return folded.translate(_PHONETIC).replace("ه", "")


@lru_cache(maxsize=1)
def _buckets() -> dict[tuple[str, str], list[tuple[str, str, GazEntry]]]:
    """(type, first two letters of skeleton) -> [(folded alias, skeleton, entry)]."""
    out: dict[tuple[str, str], list[tuple[str, str, GazEntry]]] = {}
    for folded, entries in gazetteer().phrases.items():
        for entry in entries:
            if folded in entry.strict:
                continue
            skel = phonetic_skeleton(folded.removeprefix("ال"))
            if len(folded) >= MIN_FUZZY_CHARS and skel:
                out.setdefault((entry.type, skel[:2]), []).append((folded, skel, entry))
    return out


@lru_cache(maxsize=65536)
def fuzzy_entry(folded: str, etype: str) -> GazEntry | None:
    """The table entry whose alias is a close spelling variant of `folded` (same type), if any."""
    if len(folded) < MIN_FUZZY_CHARS:
        return None
    skel = phonetic_skeleton(folded.removeprefix("ال"))
    if not skel:
        return None
    best: tuple[float, GazEntry] | None = None
    for alias, alias_skel, entry in _buckets().get((etype, skel[:2]), ()):
        if abs(len(alias) - len(folded)) > 0.3 * len(folded) or alias.count(" ") != folded.count(" "):
            continue
        if not _one_word_differs(alias, folded):
            continue
        # distances only matter up to MAX_DISTANCE: past that bound the exact value is not needed
        longer = max(len(alias), len(folded))
        d = _levenshtein(alias, folded, int(MAX_DISTANCE * longer) + 1) / longer
        if d > MAX_DISTANCE and len(skel) >= 5:
            longer = max(len(alias_skel), len(skel))
            d = min(d, _levenshtein(alias_skel, skel, int((MAX_DISTANCE - 0.05) * longer) + 1) / longer + 0.05)
        if d <= MAX_DISTANCE and (best is None or d < best[0]):
            best = (d, entry)
    return best[1] if best else None


def _levenshtein(a: str, b: str, bound: int | None = None) -> int:
    """Edit distance; exact up to `bound`, and some value above `bound` once it exceeds it
    (the rows stop as soon as every entry of one is past the bound). Names are short."""
    if len(a) < len(b):
        a, b = b, a
    if bound is not None:
        # every letter of `a` that `b` lacks (counted with repeats) costs an edit: a cheap lower bound
        extra = Counter(a)
        extra.subtract(b)
        lower = sum(c for c in extra.values() if c > 0)
        if lower > bound:
            return lower
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if bound is not None and min(current) > bound:
            return min(current)
        previous = current
    return previous[-1]


MIN_FUZZY_WORD = 5           # a shorter differing word is another word, not another spelling (الأمن/الأمة)


def _one_word_differs(a: str, b: str) -> bool:
    """Spelling variants differ in one word, not in a relational adjective (التركية/الكردية) nor in
    a short word (مجلس الأمن / مجلس الأمة)."""
    diff = [(x, y) for x, y in zip(a.split(" "), b.split(" ")) if x != y]
    if not diff:
        return True
    word = diff[0][1]
    return len(diff) == 1 and not (word.endswith(("يه", "ي")) and word.startswith("ال")) \
        and min(len(w.removeprefix("ال")) for w in diff[0]) >= MIN_FUZZY_WORD


def key_for(etype: str, folded: str) -> str:
    """Key of a name no table holds: type prefix + folded-name slug ('per:ناثان-سيلز')."""
    return f"{etype.lower()}:{slug(folded)}"


def resolve(text: str, mentions: list[Mention]) -> list[Entity]:
    """Entities for `mentions` (sorted, non-overlapping), with canonical names and keys filled in."""
    folded = [fold_phrase(text[m.start:m.end]) for m in mentions]
    # group unknown mentions: same folded name, or a short form linked to its full name
    group_of: dict[int, str] = {}
    for idx, m in enumerate(mentions):
        if m.entry is None:
            group_of[idx] = m.link or folded[idx]
    fuzzy: dict[str, GazEntry | None] = {}
    longest: dict[str, str] = {}
    for idx, group in group_of.items():
        m = mentions[idx]
        if group not in fuzzy:
            fuzzy[group] = fuzzy_entry(group, m.type)
        surface = text[m.start:m.end].strip("\"'“”«»‘’")
        if len(surface) > len(longest.get(group, "")):
            longest[group] = surface
    out: list[Entity] = []
    for idx, m in enumerate(mentions):
        entry = m.entry or fuzzy.get(group_of.get(idx, ""))
        if entry is not None:
            etype, canonical, key = entry.type, entry.canonical, entry.key
        else:
            group = group_of[idx]
            etype, canonical, key = m.type, longest[group].replace("_", " "), key_for(m.type, group)
        out.append(Entity(start=m.start, end=m.end, text=text[m.start:m.end], type=etype,
                          canonical=canonical, key=key))
    return out
