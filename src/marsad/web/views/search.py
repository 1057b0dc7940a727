"""Full-text search with Arabic normalisation (store.search), filters, highlighted snippets, paging.

Whatever is typed (FTS operators, stray quotes, ten thousand characters, nothing at all) gives
results or a message: the store turns input into quoted terms, and an input with nothing to
search for raises QueryError, shown on the page or answered 400 by the API.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query
from markupsafe import Markup
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse

from marsad.store import Hit, QueryError
from marsad.web.marks import mark_snippet
from marsad.web.paging import Page, PageParams
from marsad.web.render import macros, render
from marsad.web.stores import store_for

router = APIRouter()

MAX_QUERY = 10_000
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


class Filters:
    """The search form: every field optional, empty strings mean "not given"."""

    def __init__(self, q: str = "", outlet: str = "", entity: str = "", date_from: str = "",
                 date_to: str = "") -> None:
        self.q, self.outlet, self.entity = q.strip(), outlet.strip(), entity.strip()
        self.date_from, self.date_to = date_from.strip(), date_to.strip()
        for name, value in (("date_from", self.date_from), ("date_to", self.date_to)):
            if value and not _DATE.match(value):
                raise HTTPException(400, f"{name}: expected YYYY, YYYY-MM or YYYY-MM-DD, got {value[:20]!r}")

    @property
    def given(self) -> bool:
        return bool(self.q or self.entity)

    def params(self) -> dict[str, str]:
        return {"q": self.q, "outlet": self.outlet, "entity": self.entity,
                "date_from": self.date_from, "date_to": self.date_to}


async def search_filters(
        q: str = Query("", max_length=MAX_QUERY, description="words; \"a phrase\"; prefix*"),
        outlet: str = Query("", max_length=500),
        entity: str = Query("", max_length=500, description="entity key (org:isis) or name"),
        date_from: str = Query("", max_length=10, description="YYYY, YYYY-MM or YYYY-MM-DD"),
        date_to: str = Query("", max_length=10, description="YYYY, YYYY-MM or YYYY-MM-DD")) -> Filters:
    """The form's fields as a dependency; async so that it runs on the event loop (see page_params)."""
    return Filters(q, outlet, entity, date_from, date_to)


SearchFilters = Annotated[Filters, Depends(search_filters)]

# Searches are kept (marsad.web.cache.ResultMemo) as their first hits, as deep as the deepest
# page asked so far (in steps of MEMO_STEP): a page and its JSON twin, and any shallower page,
# share one query, while a first small page makes only the snippets it shows. Pages ending past
# MEMO_MAX_DEPTH are asked of the store directly.
MEMO_STEP = 20
MEMO_MAX_DEPTH = 240


async def run_search(request: Request, filters: Filters, page: Page) -> list[Any]:
    """Hits of this page plus one (so the caller knows if there is a next page)."""
    def fetch(limit: int, offset: int) -> list[Any]:
        return store_for(request).search(
            filters.q or None, outlet=filters.outlet or None, entity=filters.entity or None,
            date_from=filters.date_from or None, date_to=filters.date_to or None, limit=limit, offset=offset)

    end = page.offset + page.fetch
    if end > MEMO_MAX_DEPTH:
        return await run_in_threadpool(fetch, page.fetch, page.offset)
    depth = -(-end // MEMO_STEP) * MEMO_STEP

    def first_hits() -> tuple[list[Any], bool]:
        hits = fetch(depth, 0)
        return hits, len(hits) < depth          # True: these are all the hits there are

    hits, _ = await request.app.state.search_memo.get_async(
        ("search", *filters.params().values()), first_hits, enough=lambda kept: kept[1] or len(kept[0]) >= end)
    return hits[page.offset:end]


@lru_cache(maxsize=4096)
def _card(id: str, title: str | None, outlet: str | None, published: str | None, snippet: str,
          highlights: tuple[tuple[int, int], ...]) -> Markup:
    return macros().search_hit(id, title, outlet, published, mark_snippet(snippet, highlights))


def hit_card(hit: Hit) -> Markup:
    """A hit as the page lists it, kept for the hits shown last: the same hits come back on
    other page sizes and offsets of a kept search, and marking them up was most of a page."""
    return _card(hit.id, hit.title, hit.outlet, hit.published, hit.snippet, tuple(map(tuple, hit.highlights)))


@router.get("/search", response_class=HTMLResponse, include_in_schema=False)
async def search_page(request: Request, filters: SearchFilters, page: PageParams) -> HTMLResponse:
    hits, next_offset, message = [], None, None
    if filters.given:
        try:
            hits, next_offset = page.cut(await run_search(request, filters, page))
        except QueryError as exc:
            message = str(exc)
    elif any(filters.params().values()):
        message = "اكتب كلمة للبحث أو اختر كياناً"
    outlets = await request.app.state.search_memo.get_async(
        ("outlet names",), store_for(request).outlet_names)
    return render(request, "search.html", filters=filters, params=filters.params(),
                  cards=[hit_card(h) for h in hits], page=page, next_offset=next_offset, message=message,
                  outlets=outlets,
                  json_twin=f"/api/v1/search?{request.url.query}" if request.url.query else "/api/v1/search")


@router.get("/api/v1/search", tags=["search"])
async def search_api(request: Request, filters: SearchFilters, page: PageParams) -> dict[str, Any]:
    """Full-text search (normalised Arabic) with optional outlet, entity and date filters."""
    if not filters.given:
        raise QueryError("بحث فارغ: أعط q (كلمة) أو entity (كياناً)")
    hits = [h.to_dict() for h in await run_search(request, filters, page)]
    return page.envelope(request, hits, query=filters.params())
