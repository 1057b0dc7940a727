"""Highlighted text built from offsets: slice the original text, escape each piece, then mark.

The markup is never assembled from unescaped strings: every piece of article text passes through
`markupsafe.escape` (after bidi controls are removed) before it is wrapped in a tag whose name
and attributes come from this module only.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise
from urllib.parse import quote

from markupsafe import Markup, escape

from marsad.labels import label
from marsad.model import Analysis
from marsad.web.security import inert

__all__ = ["Span", "mark_snippet", "mark_text", "spans_of"]


def _text(piece: str) -> Markup:
    return escape(inert(piece))


def mark_snippet(snippet: str, highlights: Iterable[tuple[int, int]]) -> Markup:
    """A search snippet with its matches in <mark>."""
    out, last = [], 0
    for start, end in sorted(highlights):
        if start < last or end <= start:
            continue
        out += [_text(snippet[last:start]), Markup("<mark>"), _text(snippet[start:end]), Markup("</mark>")]
        last = end
    out.append(_text(snippet[last:]))
    return Markup("").join(out)


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str               # ent | quote | qty | date
    label: str              # shown as a tooltip
    entity_key: str | None = None


def spans_of(analysis: Analysis | None, length: int) -> list[Span]:
    """Every highlight of an article, clipped to the text (bad offsets are dropped, not trusted)."""
    if analysis is None:
        return []
    spans: list[Span] = []

    def add(start: int, end: int, kind: str, label: str, key: str | None = None) -> None:
        if isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= length:
            spans.append(Span(start, end, kind, label, key))

    for e in analysis.entities:
        add(e.start, e.end, "ent", f"{label('entity_type', e.type)}: {e.canonical}", e.key)
    for q in analysis.quotes:
        add(q.start, q.end, "quote", f"اقتباس: {q.speaker or 'متحدث غير معروف'}")
    for n in analysis.quantities:
        value = f"{n.low}–{n.high}" if n.qualifier == "range" else n.value
        add(n.start, n.end, "qty", f"{n.unit or label('kind', n.kind)}: {value if value is not None else 'غير محدد'}"
            f" ({label('qualifier', n.qualifier)})")
    for d in analysis.dates:
        add(d.start, d.end, "date", f"تاريخ: {d.value or 'غير محدد'}")
    return spans


def mark_text(text: str, spans: list[Span]) -> Markup:
    """`text` cut at every span boundary; each piece carries the classes of the spans covering it.

    Spans overlap (a quote holds entities and numbers), so pieces are flat, not nested: a piece
    inside an entity is a link to the entity page, and its classes say what else covers it.
    """
    cuts = sorted({0, len(text), *(s.start for s in spans), *(s.end for s in spans)})
    out = []
    for lo, hi in pairwise(cuts):
        covering = [s for s in spans if s.start <= lo and hi <= s.end]
        piece = _text(text[lo:hi])
        if not covering:
            out.append(piece)
            continue
        kinds = sorted({s.kind for s in covering})
        classes = " ".join(f"hl-{k}" for k in kinds)
        title = escape(inert(" · ".join(dict.fromkeys(s.label for s in covering))))
        entity = next((s for s in covering if s.entity_key), None)
        if entity is not None:
            href = escape("/entity/" + quote(inert(entity.entity_key), safe=""))
            out.append(Markup(f'<a class="{classes}" href="{href}" title="{title}">{piece}</a>'))
        else:
            out.append(Markup(f'<span class="{classes}" title="{title}">{piece}</span>'))
    return Markup("").join(out)
