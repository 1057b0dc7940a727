"""An outlet: what it covers (its stories, articles, top entities) and whom it cites (attributions).

JSON twins: /api/v1/outlets and /api/v1/outlets/{name}.
"""
from __future__ import annotations

from collections import Counter
from typing import Any

from fastapi import APIRouter, HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse

from marsad.stories.compare import outlet_of
from marsad.stories.service import list_stories
from marsad.web.render import render
from marsad.web.stores import store_for

router = APIRouter()

MAX_ARTICLES = 300      # entities and citations are counted over the newest articles only


def outlet_detail(request: Request, name: str) -> dict[str, Any] | None:
    store = store_for(request)
    heads = store.headlines(outlet=name)
    if not heads:   # articles without an outlet are shown under their domain or file name
        nameless = (store.get(h["id"]) for h in store.iter_headlines() if not h["outlet"])
        heads = [{"id": a.id, "outlet": name, "title": a.title, "published": a.published}
                 for a in nameless if a is not None and outlet_of(a) == name]
    if not heads:
        return None
    heads.sort(key=lambda h: (h["published"] or "", h["id"]), reverse=True)
    entities: Counter[tuple[str, str, str]] = Counter()
    direct: Counter[str] = Counter()
    sources: Counter[str] = Counter()
    chains: Counter[tuple[str, ...]] = Counter()
    for head in heads[:MAX_ARTICLES]:
        article = store.get(head["id"])
        if article is None or article.analysis is None:
            continue
        entities.update({(e.key, e.canonical, e.type) for e in article.analysis.entities})
        sources.update(set(article.analysis.sources))
        for attribution in article.analysis.attributions:
            chain = [c for c in attribution.chain if c and c != name]
            if chain:
                direct[chain[0]] += 1
                chains[tuple(chain)] += 1
    stories = list_stories(store, limit=50, offset=0, outlet=name) if heads[0]["outlet"] else []
    return {
        "name": name, "articles_total": len(heads), "articles": heads[:100], "stories": stories,
        "top_entities": [{"key": k, "canonical": c, "type": t, "articles": n}
                         for (k, c, t), n in entities.most_common(20)],
        "cites": [{"source": s, "count": n} for s, n in direct.most_common(20)],
        "sources": [{"source": s, "articles": n} for s, n in sources.most_common(20)],
        "chains": [{"chain": list(c), "count": n} for c, n in chains.most_common(15)],
    }


@router.get("/outlet/{name:path}", response_class=HTMLResponse, include_in_schema=False)
def outlet_page(request: Request, name: str) -> HTMLResponse:
    detail = outlet_detail(request, name)
    if detail is None:
        raise HTTPException(404, f"no outlet {name[:80]!r} in this database")
    return render(request, "outlet.html", o=detail, json_twin=f"/api/v1/outlets/{name}")


@router.get("/outlets", response_class=HTMLResponse, include_in_schema=False)
def outlets_page(request: Request) -> HTMLResponse:
    return render(request, "outlets.html", rows=store_for(request).outlets(), json_twin="/api/v1/outlets")


@router.get("/api/v1/outlets", tags=["outlets"])
def outlets_api(request: Request) -> dict[str, Any]:
    """Every outlet with its article count, most articles first (null: articles without an outlet)."""
    return {"items": [{"name": o, "articles": n} for o, n in store_for(request).outlets()]}


@router.get("/api/v1/outlets/{name:path}", tags=["outlets"])
def outlet_api(request: Request, name: str) -> dict[str, Any]:
    """One outlet: its stories and articles, top entities, whom it cites."""
    detail = outlet_detail(request, name)
    if detail is None:
        raise HTTPException(404, f"no outlet {name[:80]!r} in this database")
    return detail
