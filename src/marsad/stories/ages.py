"""A named person's age, read where outlets state it: "سعد دوابشة (38 عاما)".

Why a basis of its own: outlets often give one person's age differently (38 here, 37 there), and
the sentences around the two numbers rarely say the same thing (one tells the death, the other the
family), so the sentence alignment of `marsad.stories.align` does not pair them. A name right
before the number says what the number is, whatever the sentence says; two outlets' ages of one
person cannot both be true. Rules in data/ages.json.
"""
from __future__ import annotations

import json
import re
from dataclasses import replace
from functools import lru_cache
from importlib import resources
from typing import Any, NamedTuple

from marsad.model import Entity, Quantity
from marsad.text import normalize

__all__ = ["Person", "age_of", "as_age", "person_of", "rules", "same_person"]


class Person(NamedTuple):
    """A person whose age an outlet gives: the name as written, and its folded words in order."""
    name: str
    words: tuple[str, ...]

_WORD = re.compile(r"[^\W\d_]+")
_SET_OFF = re.compile(r"\s*[^\W\d_]+\s*[،,.)»\"”:؛;\-–]")    # "فلان 33 عاما، ...": the unit, then punctuation


@lru_cache(maxsize=1)
def rules() -> dict[str, Any]:
    return json.loads(resources.files("marsad.stories").joinpath("data/ages.json").read_text("utf-8"))


@lru_cache(maxsize=1)
def _vocabulary() -> tuple[frozenset[str], frozenset[str]]:
    r = rules()
    return frozenset(normalize(u) for u in r["units"]), frozenset(normalize(c) for c in r["cues"])


def age_of(text: str, q: Quantity, entities: list[Entity]) -> Entity | None:
    """The person whose age `q` is, when a person's name stands right before it with only
    punctuation and age words between ("الذي يبلغ من العمر", "عن عمر ناهز"); else None."""
    units, cues = _vocabulary()
    r = rules()
    if q.kind != "cardinal" or q.qualifier == "range" or normalize(q.unit or "") not in units:
        return None
    if not isinstance(q.value, (int, float)) or not 0 < abs(q.value) <= r["oldest"]:
        return None
    person = max((e for e in entities if e.type == "PER" and e.end <= q.start), key=lambda e: e.end, default=None)
    if person is None:
        return None
    gap = text[person.end:q.start]
    words = _WORD.findall(gap)
    if len(words) > r["max_words"] or any(normalize(w) not in cues for w in words):
        return None
    if _WORD.sub("", gap).strip(" \"'()«»“”-–—_،,:\t") or "\n" in gap:
        return None              # a full stop, a line break or a digit between: not one phrase
    if not words and not gap.strip() and q.text[:1] not in "-−–" and not _SET_OFF.match(text, q.end):
        return None              # "قضى فلان 20 عاما في السجن": years he spent, not his age
    return person if _WORD.search(person.text) else None


def as_age(q: Quantity) -> Quantity:
    """`q` as an age: a dash before the number ("سعد دوابشة -38 عاما") sets it off, it is no minus."""
    if isinstance(q.value, (int, float)) and q.value < 0 and q.text[:1] in "-−–":
        return replace(q, value=-q.value, text=q.text[1:], start=q.start + 1)
    return q


def person_of(entity: Entity) -> Person:
    """The person an entity names, with the words `same_person` compares."""
    return Person(entity.text, tuple(normalize(w) for w in _WORD.findall(entity.text)))


def same_person(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Two names of one person: two words or more each, the same first and last word, and the
    shorter name's words all in the longer one, in order ("سعد محمد دوابشة" and "سعد دوابشة";
    not "محمد أحمد" and "محمد سعيد", nor "عبدالله سالم الشهري" and "عبدالله ناصر الشهري")."""
    if len(a) < 2 or len(b) < 2 or a[0] != b[0] or a[-1] != b[-1]:
        return False
    short, long = sorted((a, b), key=len)
    rest = iter(long)
    return all(word in rest for word in short)
