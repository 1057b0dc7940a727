"""Home: the latest stories with their outlets and sizes, the outlets, and a search box.

JSON twin: /api/v1/stories (the same list) and /api/v1/outlets.
"""
from __future__ import annotations

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import HTMLResponse

from marsad.stories.service import list_stories
from marsad.web.paging import PageParams
from marsad.web.render import render
from marsad.web.stores import store_for

router = APIRouter()


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def home(request: Request, page: PageParams) -> HTMLResponse:
    store = store_for(request)
    stories, next_offset = page.cut(list_stories(store, limit=page.fetch, offset=page.offset))
    return render(request, "home.html", stories=stories, next_offset=next_offset, page=page,
                  outlets=[o for o in store.outlets() if o[0]], n_articles=store.count(),
                  entities=store.entities(limit=15), json_twin="/api/v1/stories")
