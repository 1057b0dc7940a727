"""An entity (person, organisation, place): the forms it is written in, its mentions over time by
outlet, and what it was quoted saying. JSON twins: /api/v1/entities and /api/v1/entities/{key}.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from fastapi import APIRouter, HTTPException, Query
from starlette.requests import Request
from starlette.responses import HTMLResponse

from marsad.stories.compare import outlet_of
from marsad.text import normalize
from marsad.web.paging import PageParams
from marsad.web.render import render
from marsad.web.stores import store_for

router = APIRouter()

MAX_ARTICLES = 300      # an entity page reads at most this many articles (the newest ids win)


def entity_detail(request: Request, key: str) -> dict[str, Any] | None:
    """Everything the entity page shows, as plain data (the API returns it as is)."""
    store = store_for(request)
    ids = store.articles_by_entity(key)
    if not ids:
        return None
    norm = normalize(key)
    matches = lambda e: e.key == key or normalize(e.canonical or "") == norm or normalize(e.text or "") == norm
    forms: Counter[str] = Counter()
    forms_by_outlet: dict[str, Counter[str]] = defaultdict(Counter)
    timeline: dict[str, Counter[str]] = defaultdict(Counter)
    names: Counter[tuple[str, str, str]] = Counter()
    quotes, articles = [], []
    loaded = [a for a in (store.get(i) for i in ids[-MAX_ARTICLES:]) if a is not None]
    for article in loaded:
        if article.analysis is None:
            continue
        outlet = outlet_of(article)
        found = [e for e in article.analysis.entities if matches(e)]
        for e in found:
            forms[e.text] += 1
            forms_by_outlet[outlet][e.text] += 1
            timeline[(article.published or "")[:10] or "—"][outlet] += 1
            names[(e.key, e.canonical, e.type)] += 1
        keys = {e.key for e in found}
        spoken = {normalize(f) for f in forms} | {norm}
        for q in article.analysis.quotes:
            if q.speaker_key in keys or (q.speaker and normalize(q.speaker) in spoken):
                quotes.append({"article": article.id, "outlet": outlet, "published": article.published,
                               "speaker": q.speaker, "text": q.text})
        articles.append({"id": article.id, "outlet": outlet, "title": article.title,
                         "published": article.published, "mentions": len(found)})
    (main_key, canonical, type_), _ = names.most_common(1)[0] if names else ((key, key, None), 0)
    outlets = sorted({o for day in timeline.values() for o in day})
    articles.sort(key=lambda a: (a["published"] or "", a["id"]), reverse=True)
    return {
        "key": main_key, "canonical": canonical, "type": type_, "articles_total": len(ids),
        "forms": [{"text": f, "count": n} for f, n in forms.most_common()],
        "forms_by_outlet": {o: [f for f, _ in c.most_common()] for o, c in sorted(forms_by_outlet.items())},
        "mentions_by_day": [{"date": d, "by_outlet": dict(timeline[d]), "total": sum(timeline[d].values())}
                            for d in sorted(timeline)],
        "outlets": outlets, "quotes": quotes, "articles": articles,
    }


@router.get("/entity/{key:path}", response_class=HTMLResponse, include_in_schema=False)
def entity_page(request: Request, key: str) -> HTMLResponse:
    detail = entity_detail(request, key)
    if detail is None:
        raise HTTPException(404, f"no entity {key[:80]!r} in this database")
    peak = max((d["total"] for d in detail["mentions_by_day"]), default=1)
    return render(request, "entity.html", e=detail, peak=peak, json_twin=f"/api/v1/entities/{key}")


@router.get("/entities", response_class=HTMLResponse, include_in_schema=False)
def entities_page(request: Request, page: PageParams,
                  type: str = Query("", max_length=10)) -> HTMLResponse:
    rows = store_for(request).entities(type=type.strip() or None)
    items, next_offset = page.cut(rows[page.offset: page.offset + page.fetch])
    return render(request, "entities.html", rows=items, page=page, next_offset=next_offset,
                  type=type.strip(), json_twin="/api/v1/entities")


@router.get("/api/v1/entities", tags=["entities"])
def entities_api(request: Request, page: PageParams,
                 type: str = Query("", max_length=10, description="PER, ORG, LOC or MISC")) -> dict[str, Any]:
    """Entities with mention and article counts, most articles first."""
    rows = store_for(request).entities(type=type.strip() or None)
    return page.envelope(request, rows[page.offset: page.offset + page.fetch], total=len(rows))


@router.get("/api/v1/entities/{key:path}", tags=["entities"])
def entity_api(request: Request, key: str) -> dict[str, Any]:
    """One entity: forms, forms by outlet, mentions by day and outlet, quotes, articles."""
    detail = entity_detail(request, key)
    if detail is None:
        raise HTTPException(404, f"no entity {key[:80]!r} in this database")
    return detail
