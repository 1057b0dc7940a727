"""Line kinds for a scraped article: title, dateline, byline, body, boilerplate or blank.

The rules are structural first and lexical second, so they carry over to outlets we have never seen:
- a line is boilerplate by itself when it is a template leftover ("Array"), an agency sign-off
  ("(م ش)"), a share/comment prompt, a photo credit or a newsletter/copyright footer;
- a section marker ("الأكثر قراءة", "اقرأ أيضاً") opens a block of related links: what follows is
  boilerplate until a paragraph clearly continues the article (a full sentence, and after page-end
  markers one that also opens with a connective such as و/كما/من جهته);
- after the last full sentence of the article, the headlines, teasers ending in "..." and captions
  that scrapers pick up from the rest of the page are boilerplate;
- before the first body paragraph, a short line without final punctuation is the title, a line that
  is only a date (perhaps after a name: "صحيفة الأفق - 5 مارس 2025") is the dateline, and
  "كتب - NAME" / "بقلم: NAME" is the byline; a first line that only names the site ("قناة X
  الإخبارية", "عين الفرات | أخبار") above a headline is boilerplate, and the name is kept.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from marsad.clean.outlets import masthead_name, self_name
from marsad.clean.published import read_dateline
from marsad.clean.vocab import Vocab, line_key, vocab

__all__ = ["Classified", "classify_lines"]

TITLE, DATELINE, BYLINE, BODY, BOILERPLATE, BLANK = "title", "dateline", "byline", "body", "boilerplate", "blank"

_TERMINAL = ".!?؟"
_CLOSERS = "\"'”“»«)]}’ \u200f\u200e"
_ELLIPSIS = ("...", "…")   # ".." ends a sentence in much Arabic writing; three dots cut one short
_TAG = re.compile(r"^[(\[]?\s*[^\W\d_]{1,3}(?:[\s./\\\-]+[^\W\d_]{1,3}){1,4}\s*[)\]]?$")
_PAREN = re.compile(r"^\(\s*[^()]{1,24}\s*\)$")
_BLANK = re.compile(r"^[\s\u200b-\u200f\u202a-\u202e\u2060\ufeff\xa0]*$")
_WORD = re.compile(r"[^\W_]+")

# Only lines this short are folded and matched against the vocabulary (footers and prompts are
# short); folding every long paragraph would cost more than all the other rules together.
_MAX_FOLD_WORDS = 30
_MAX_FOLD_CHARS = 300
_HEADLINE_MAX_WORDS = 30
_STRONG_MIN_WORDS = 3
_LONG_WORDS = 20


@dataclass
class Classified:
    """Kinds of every line plus what the metadata lines said."""

    kinds: list[str]
    published: str | None = None
    bylines: list[str] = field(default_factory=list)   # the name part of each byline line
    named: list[tuple[str, str]] = field(default_factory=list)   # ("masthead" | "dateline", outlet name)


@dataclass(slots=True)
class _Line:
    text: str           # stripped
    words: int
    key: str | None     # folded key, None when the line is too long to be a cue


def _ends_sentence(text: str) -> bool:
    end = text.rstrip(_CLOSERS)
    return bool(end) and end[-1] in _TERMINAL and not end.endswith(_ELLIPSIS)


def _is_teaser(text: str) -> bool:
    return text.rstrip(_CLOSERS).endswith(_ELLIPSIS) or text.endswith("…")


def _strong(line: _Line, after_strong: bool = False) -> bool:
    """A paragraph that is clearly article prose: a full sentence, or long and not a teaser. A long
    paragraph trailing off in "..." counts only right after article prose (a writer's style), not
    after a headline (a teaser of another story)."""
    if _is_teaser(line.text):
        return after_strong and line.words >= _LONG_WORDS
    return (line.words >= _STRONG_MIN_WORDS and _ends_sentence(line.text)) or line.words >= _LONG_WORDS


def _headline_like(line: _Line) -> bool:
    if line.words > _HEADLINE_MAX_WORDS or len(line.text) > 250:
        return False
    end = line.text.rstrip(_CLOSERS)
    if end.endswith(_ELLIPSIS):
        return True
    return bool(end) and end[-1] not in ".،,:؛;!"


def _self_boilerplate(line: _Line, v: Vocab) -> str | None:
    """'marker-inline' / 'marker-tail' / 'boilerplate' when the line is boilerplate on its own."""
    text = line.text
    if text.lower() in v.junk:
        return BOILERPLATE
    key = line.key
    if key is None:
        return None
    if not key:                                # punctuation or symbols only
        return BOILERPLATE
    if key in v.inline_markers:
        return "marker-inline"
    if key in v.tail_markers:
        return "marker-tail"
    if line.words <= 12:
        if key in v.prompts or key in v.signoffs or key in v.credits:
            return BOILERPLATE
        if _PAREN.match(text) and line.words <= 3:
            return BOILERPLATE                 # "(أ ف ب)", "(رويترز)", "(صورة)"
        if _TAG.match(text) and all(len(w) <= 3 for w in _WORD.findall(text)):
            return BOILERPLATE                 # editor initials: "م ش", "ع.ح/م.ع"
        if v.credit_prefix.match(key) and _has_separator(text) and line.words <= 8:
            return BOILERPLATE                 # "الصورة: إنترنت", "تصوير - فلان"
        if v.marker_prefix.match(key) and _has_separator(text):
            return BOILERPLATE                 # "اقرأ أيضا: headline" on one line
    if line.words <= v.max_phrase_words and v.phrases.search(key):
        return BOILERPLATE
    return None


def _has_separator(text: str) -> bool:
    return any(c in text for c in ":：-–—|_/") or text.startswith("(")


def _opens_with_continuation(key: str | None, text: str, v: Vocab) -> bool:
    key = key if key is not None else line_key(text[:60])
    first = key.split(" ", 2)
    if not first or not first[0]:
        return False
    if first[0][0] == "و" or first[0] in v.continuation:
        return True
    return len(first) > 1 and f"{first[0]} {first[1]}" in v.continuation


def _prepare(raw_lines: list[str]) -> list[_Line | None]:
    out: list[_Line | None] = []
    for raw in raw_lines:
        text = raw.strip()
        if not text or _BLANK.match(text):
            out.append(None)
            continue
        words = text.count(" ") + 1
        key = line_key(text) if words <= _MAX_FOLD_WORDS and len(text) <= _MAX_FOLD_CHARS else None
        out.append(_Line(text, words, key))
    return out


def classify_lines(raw_lines: list[str], *, find_title: bool = True, title: str | None = None,
                   strict_tail: bool = True) -> Classified:
    """Kind of every line. `title` (from metadata) marks a matching head line as the title;
    `strict_tail` drops what follows the article's last sentence (scraped pages); extracted
    records skip it, since their text may itself be a truncated teaser."""
    v = vocab()
    lines = _prepare(raw_lines)
    kinds: list[str] = [BLANK if ln is None else "" for ln in lines]
    result = Classified(kinds)
    title_key = line_key(title) if title else None

    # 1. Lines that are boilerplate on their own, and section markers.
    markers: dict[int, str] = {}
    for i, ln in enumerate(lines):
        if ln is None:
            continue
        own = _self_boilerplate(ln, v)
        if own is None:
            continue
        kinds[i] = BOILERPLATE
        if own.startswith("marker"):
            markers[i] = own

    # 2. The head: site header, dateline, byline, title, until the first body paragraph.
    if find_title:
        _masthead(lines, kinds, title_key, result)
    seen_body = False
    have_title = False
    updated: str | None = None
    for i, ln in enumerate(lines):
        if ln is None or kinds[i]:
            if i in markers and not seen_body:
                markers[i] = "marker-inline"   # a page-end marker above the article is navigation
            continue
        if ln.words <= 15:
            found = read_dateline(ln.text, None, prefix=not seen_body)
            if found is not None:
                kinds[i] = DATELINE
                if found.update:
                    updated = updated or found.value
                else:
                    result.published = result.published or found.value
                named = self_name(found.prefix) if found.prefix else None
                if named:
                    result.named.append(("dateline", named))
                continue
        if not seen_body:
            name = _byline_name(ln, v)
            if name is not None:
                kinds[i] = BYLINE
                result.bylines.append(name)
                continue
            if not have_title and ((title_key and ln.key == title_key) or (find_title and _headline_like(ln))):
                kinds[i] = TITLE
                have_title = True
                continue
        kinds[i] = BODY
        seen_body = True
    result.published = result.published or updated

    # 3. Related-link blocks after section markers.
    block: str | None = None
    for i, ln in enumerate(lines):
        if i in markers:
            block = markers[i]
            continue
        if ln is None or block is None or kinds[i] != BODY:
            continue
        if _strong(ln) and (block == "marker-inline" or _opens_with_continuation(ln.key, ln.text, v)):
            block = None
            continue
        kinds[i] = BOILERPLATE

    # 4. The tail after the last full sentence: headlines, teasers, captions of other stories.
    if strict_tail:
        last = -1
        prev_strong = False
        for i, ln in enumerate(lines):
            if ln is None:
                continue
            strong = kinds[i] == BODY and _strong(ln, prev_strong)
            if strong:
                last = i
            prev_strong = strong
        for i in range(last + 1, len(lines)):
            if kinds[i] == BODY:
                kinds[i] = BOILERPLATE
    if BODY not in kinds and TITLE in kinds:
        kinds[kinds.index(TITLE)] = BODY       # a one-line note is text, not a headline of nothing
    return result


def _masthead(lines: list[_Line | None], kinds: list[str], title_key: str | None, result: Classified) -> None:
    """The first line is the site's header, not the title, when it names an outlet ('قناة X
    الإخبارية', 'عين الفرات | أخبار') and a short line (the headline) follows it."""
    first = next((i for i, ln in enumerate(lines) if ln is not None), None)
    if first is None or kinds[first] or lines[first].key is None or lines[first].key == title_key:
        return
    after = next((ln for ln in lines[first + 1:] if ln is not None), None)
    if after is None or after.words > _HEADLINE_MAX_WORDS:
        return
    name = masthead_name(lines[first].text)
    if name:
        kinds[first] = BOILERPLATE
        result.named.append(("masthead", name))


def _byline_name(line: _Line, v: Vocab) -> str | None:
    if line.words > 8 or _ends_sentence(line.text):
        return None
    m = v.byline.match(line.text)
    if m is None:
        return None
    name = m.group("name").strip(" :-–—ـ|")
    if not name or any(c.isdigit() for c in name) or name.count(" ") + 1 > 6:
        return None
    if not m.group("sep") and line.words > 4:
        return None                            # "كتبت صحيفة الغارديان أن..." is a sentence
    return name
