"""An article: clean text with entities, quotes, numbers and dates highlighted, its citation
chains, its source link and the boilerplate cleaning removed. JSON twin: /api/v1/articles/{id}
(the contract's Article JSON) and the paged list /api/v1/articles.
"""
from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Query
from starlette.requests import Request
from starlette.responses import HTMLResponse

from marsad.model import Article
from marsad.stories.compare import outlet_of
from marsad.stories.service import story_of_article
from marsad.web.marks import mark_text, spans_of
from marsad.web.paging import PageParams
from marsad.web.render import render
from marsad.web.stores import store_for

router = APIRouter()


def load_article(request: Request, article_id: str) -> Article:
    article = store_for(request).get(article_id)
    if article is None:
        raise HTTPException(404, f"no article with id {article_id[:80]!r}")
    return article


@router.get("/article/{article_id}", response_class=HTMLResponse, include_in_schema=False)
def article_page(request: Request, article_id: str) -> HTMLResponse:
    article = load_article(request, article_id)
    analysis = article.analysis
    body = mark_text(article.text, spans_of(analysis, len(article.text)))
    return render(request, "article.html", article=article, analysis=analysis, body=body,
                  outlet_name=outlet_of(article),
                  story_id=story_of_article(store_for(request), article.id),
                  json_twin=f"/api/v1/articles/{article.id}")


@router.get("/api/v1/articles", tags=["articles"])
def articles_api(request: Request, page: PageParams,
                 outlet: str = Query("", max_length=500)) -> dict[str, Any]:
    """Stored articles (id, outlet, title, published), newest first."""
    store, name = store_for(request), outlet.strip() or None
    rows = store.headlines(limit=page.fetch, offset=page.offset, outlet=name)
    return page.envelope(request, rows, total=store.count_articles(name))


@router.get("/api/v1/articles/{article_id}", tags=["articles"])
def article_api(request: Request, article_id: str) -> dict[str, Any]:
    """One article as the contract's Article JSON."""
    return load_article(request, article_id).to_json()
