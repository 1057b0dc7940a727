"""The provenance graph of a story as inline SVG, laid out in layers on the server.

Layer 0 holds the outlets that published the story; each source sits one layer beyond the
deepest reporter that cites it. In a right-to-left page the outlets stand on the right and the
chains run leftwards to their origin, which is highlighted. Every label is cleaned of bidi
controls and escaped with markupsafe; the SVG has no scripts, styles or event attributes (its
colours come from the site stylesheet through class names).
"""
from __future__ import annotations

from collections import defaultdict
from typing import Any

from markupsafe import Markup, escape

from marsad.web.security import inert

__all__ = ["layers", "provenance_svg"]

NODE_W, NODE_H, COL_GAP, ROW_GAP, MARGIN, MAX_LABEL = 176, 36, 84, 16, 16, 26


def layers(edges: list[dict[str, Any]], outlets: list[str]) -> dict[str, int]:
    """Node -> layer: outlets (and nodes nobody cites) at 0, a source one past its deepest citer."""
    nodes = list(dict.fromkeys([*outlets, *(e["from"] for e in edges), *(e["to"] for e in edges)]))
    cited = {e["to"] for e in edges}
    layer = {n: 0 for n in nodes if n in outlets or n not in cited}
    for _ in range(len(nodes)):          # longest path by relaxation; a cycle stops at len(nodes)
        changed = False
        for e in edges:
            if e["from"] in layer and e["to"] not in outlets:
                depth = layer[e["from"]] + 1
                if depth > layer.get(e["to"], -1) and depth < len(nodes):
                    layer[e["to"]] = depth
                    changed = True
        if not changed:
            break
    for n in nodes:
        layer.setdefault(n, 1)
    return layer


def _label(name: str) -> str:
    name = inert(name)
    return name if len(name) <= MAX_LABEL else name[: MAX_LABEL - 1] + "…"


def provenance_svg(edges: list[dict[str, Any]], outlets: list[str], origin: str | None) -> Markup:
    """An <svg> drawing of `edges` ({from, to, count}); empty markup when there are no edges."""
    if not edges:
        return Markup("")
    layer = layers(edges, outlets)
    columns: dict[int, list[str]] = defaultdict(list)
    for node, n in layer.items():
        columns[n].append(node)
    n_cols = max(columns) + 1
    n_rows = max(len(c) for c in columns.values())
    width = 2 * MARGIN + n_cols * NODE_W + (n_cols - 1) * COL_GAP
    height = 2 * MARGIN + n_rows * NODE_H + (n_rows - 1) * ROW_GAP
    pos: dict[str, tuple[float, float]] = {}
    for col, names in columns.items():
        x = width - MARGIN - NODE_W - col * (NODE_W + COL_GAP)       # right to left
        offset = (height - (len(names) * NODE_H + (len(names) - 1) * ROW_GAP)) / 2
        for row, name in enumerate(names):
            pos[name] = (x, offset + row * (NODE_H + ROW_GAP))

    parts = [Markup(
        '<svg class="provenance" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" '
        'width="{w}" height="{h}" role="img" aria-labelledby="prov-title">'
        '<title id="prov-title">مخطط مصادر القصة: من نقل عن من</title>'
        '<defs><marker id="arrowhead" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
        'markerHeight="7" orient="auto-start-reverse"><path class="arrowhead" d="M0,0 L10,5 L0,10 z"/>'
        '</marker></defs>').format(w=width, h=height)]
    for e in edges:
        (x1, y1), (x2, y2) = pos[e["from"]], pos[e["to"]]
        sx, sy = x1, y1 + NODE_H / 2                   # leave from the citer's left side
        tx, ty = x2 + NODE_W, y2 + NODE_H / 2          # arrive at the source's right side
        if tx >= sx:                                   # same or backward layer: go around
            tx, sx = x2 + NODE_W / 2, x1 + NODE_W / 2
            ty, sy = (y2, y1 + NODE_H) if y2 > y1 else (y2 + NODE_H, y1)
        bend = max(abs(sx - tx) / 2, 30)
        count = int(e.get("count") or 1)
        parts.append(Markup(
            '<path class="edge" d="M{sx:.0f},{sy:.0f} C{c1:.0f},{sy:.0f} {c2:.0f},{ty:.0f} {tx:.0f},{ty:.0f}" '
            'stroke-width="{sw}" marker-end="url(#arrowhead)"><title>{title}</title></path>').format(
            sx=sx, sy=sy, c1=sx - bend, c2=tx + bend, tx=tx, ty=ty, sw=min(1 + count, 6),
            title=escape(f"{inert(e['from'])} ← {inert(e['to'])} ({count})")))
        if count > 1:
            parts.append(Markup('<text class="edge-count" x="{x:.0f}" y="{y:.0f}">{n}</text>').format(
                x=(sx + tx) / 2, y=(sy + ty) / 2 - 4, n=count))
    for name, (x, y) in pos.items():
        kind = "origin" if name == origin else "outlet" if layer[name] == 0 and name in outlets else "source"
        parts.append(Markup(
            '<g class="node {kind}"><title>{full}</title>'
            '<rect x="{x:.0f}" y="{y:.0f}" width="{w}" height="{h}" rx="8"/>'
            '<text x="{tx:.0f}" y="{ty:.0f}" text-anchor="middle" dominant-baseline="central">{label}</text>'
            '</g>').format(kind=kind, full=escape(inert(name)), x=x, y=y, w=NODE_W, h=NODE_H,
                           tx=x + NODE_W / 2, ty=y + NODE_H / 2, label=escape(_label(name))))
    parts.append(Markup("</svg>"))
    return Markup("").join(parts)
