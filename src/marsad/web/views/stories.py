"""A story: outlets side by side, numbers that disagree, framing, naming, quotes, timeline, provenance.

Everything shown comes from `stories.service.get_story` (Story JSON + members + report); this
module only arranges it. JSON twins: /api/v1/stories and /api/v1/stories/{id}.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Any

from fastapi import APIRouter, HTTPException, Query
from starlette.requests import Request
from starlette.responses import HTMLResponse

from marsad.stories.service import get_story, list_stories
from marsad.web.graph import provenance_svg
from marsad.web.paging import PageParams
from marsad.web.render import render
from marsad.web.stores import store_for

router = APIRouter()


def load_story(request: Request, story_id: str) -> dict[str, Any]:
    story = get_story(store_for(request), story_id)
    if story is None:
        raise HTTPException(404, f"no story with id {story_id[:80]!r}")
    return story


def columns(story: dict[str, Any]) -> list[dict[str, Any]]:
    """One column per outlet: its articles, framing words and distinctive words."""
    report = story.get("report") or {}
    by_outlet: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for member in story.get("members") or []:
        by_outlet[member.get("outlet") or "—"].append(member)
    outlets = list(dict.fromkeys([*(report.get("outlets") or []), *by_outlet]))
    return [{"outlet": o, "members": by_outlet.get(o, []),
             "framing": (report.get("framing") or {}).get(o, {}),
             "distinctive": (report.get("distinctive") or {}).get(o, [])} for o in outlets]


@router.get("/story/{story_id}", response_class=HTMLResponse, include_in_schema=False)
def story_page(request: Request, story_id: str) -> HTMLResponse:
    story = load_story(request, story_id)
    report = story.get("report") or {}
    outlets = report.get("outlets") or story.get("outlets") or []
    svg = provenance_svg(report.get("edges") or [], outlets, report.get("origin"))
    return render(request, "story.html", story=story, report=report, outlets=outlets,
                  columns=columns(story), svg=svg, json_twin=f"/api/v1/stories/{story_id}")


@router.get("/api/v1/stories", tags=["stories"])
def stories_api(request: Request, page: PageParams,
                outlet: str = Query("", max_length=500, description="only stories this outlet covered"),
                q: str = Query("", max_length=1000, description="words in the story's articles")) -> dict[str, Any]:
    """Stories, newest first, as the contract's Story JSON."""
    rows = list_stories(store_for(request), limit=page.fetch, offset=page.offset,
                        outlet=outlet.strip() or None, query=q.strip() or None)
    return page.envelope(request, rows)


@router.get("/api/v1/stories/{story_id}", tags=["stories"])
def story_api(request: Request, story_id: str) -> dict[str, Any]:
    """One story: Story JSON plus members and the cross-outlet report."""
    return load_story(request, story_id)
