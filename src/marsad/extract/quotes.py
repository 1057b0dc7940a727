"""Direct quotations and their speakers.

A quotation is the text between «», “”, ‹› or paired straight double quotes. Arabic news puts
quote marks around names and loaded terms too (“داعش”, "الخلافة المزعومة"), so a quoted span
counts only when it has at least `MIN_WORDS` words or follows a colon ("وقال ماسن: "...").
A quote left open at the end of a paragraph runs to the paragraph end (a common typing slip).

Speakers come from the same discourse pass as attribution chains (marsad.extract.attribution):
the subject of the speech verb or of the "بحسب"/"على لسان"/"وجاء في بيان ..." phrase before the
quote, the speaker named after it ("...، قال الوزير", "...، بحسب ما صرح به ..."), or, for a verb
without a subject ("وأضاف:", "مضيفا", "وتابع"), the speaker the clause goes on from. A relayed
quote ("نقلت الوكالة عن الوزير قوله") is the original speaker's. Descriptions refer back:
"الوزير" to the person introduced as "وزير الخارجية أحمد عطاف", "الوزارة" to "وزارة الصحة",
"البيان" to whoever issued the last statement ("وقالت الوزارة في بيان").
A speaker is a person, an organisation, an outlet or an anonymous source ("مصدر عسكري سوري");
when the verb's subject is something else (a letter, a document, an unnamed fighter) the
speaker is None: a document is not a source we can name, and guessing a person would be worse.
A quote that names something (a title "بعنوان «...»", a slogan "تحت شعار «...»", a chant "وهتف
المتظاهرون «...»") has no speaker either.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from marsad.model import Entity, Quote

__all__ = ["MIN_WORDS", "QuoteSpan", "find_quotes", "quote_spans"]

MIN_WORDS = 4
_MARK = re.compile(r"[«»“”„\"‹›\n]")
_WORDS = re.compile(r"[^\W\d_]+|\d+")
_OPENERS = "«‹„"
_CURLY = "“”„"
_PREFIX = "لبوفك"


@dataclass(slots=True)
class QuoteSpan:
    start: int        # first character inside the marks
    end: int          # one past the last character inside the marks
    colon: bool       # introduced by a colon ("قال: «...»")
    closed: bool


def _can_open(text: str, i: int) -> bool:
    prev = text[i - 1] if i else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    if nxt.isspace() and nxt != " " or nxt in "،,.":
        return False
    if prev.isspace() or prev in "(:،,ـ[":
        return True
    return prev in _PREFIX and (i < 2 or text[i - 2].isspace())


def _has_words(text: str, start: int, end: int, n: int) -> bool:
    """At least `n` words between `start` and `end` (counting stops at `n`: quotes run long)."""
    for k, _ in enumerate(_WORDS.finditer(text, start, end), 1):
        if k >= n:
            return True
    return False


def quote_spans(text: str) -> list[QuoteSpan]:
    """Every quoted span that reads as a quotation (see module doc), in text order."""
    spans: list[QuoteSpan] = []
    open_at = -1
    open_char = ""

    def emit(start: int, end: int, closed: bool) -> None:
        while end > start and text[end - 1].isspace():
            end -= 1
        while start < end and text[start].isspace():
            start += 1
        if start >= end:
            return
        before = text[max(0, start - 4):start - 1].rstrip()
        colon = before.endswith(":")
        if colon or _has_words(text, start, end, MIN_WORDS):
            spans.append(QuoteSpan(start, end, colon, closed))

    for m in _MARK.finditer(text):
        c, i = m.group(), m.start()
        if c == "\n":
            if open_at >= 0:
                before = text[max(0, open_at - 4):open_at].rstrip()
                if before.endswith(":") or _has_words(text, open_at + 1, i, 2 * MIN_WORDS):
                    emit(open_at + 1, i, False)
            open_at = -1
            continue
        if open_at < 0:
            if c in _OPENERS or (c in "“”\"" and _can_open(text, i)):
                open_at, open_char = i, c
            continue
        if ((open_char == "«" and c == "»") or (open_char == "‹" and c == "›")
                or (open_char in _CURLY and c in "“”") or (open_char == '"' and c == '"')):
            emit(open_at + 1, i, True)
            open_at = -1
    if open_at >= 0:
        before = text[max(0, open_at - 4):open_at].rstrip()
        if before.endswith(":"):
            emit(open_at + 1, len(text), False)
    return spans


def find_quotes(text: str, entities: list[Entity]) -> list[Quote]:
    """Direct quotations in `text` with their speakers (entity canonical names where linked)."""
    from marsad.extract.attribution import discourse

    return list(discourse(text, entities).quotes)
