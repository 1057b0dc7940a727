"""POST /api/v1/ingest: the one writing endpoint, off unless the server was given a token.

Without a configured token it answers 403; with one, the request must carry
`Authorization: Bearer TOKEN` (compared in constant time). The paths are files or folders on
the server itself; ingests run one at a time, in a single process (no fork inside the server).
"""
from __future__ import annotations

import hmac
import threading
from typing import Any

from fastapi import APIRouter, HTTPException
from starlette.requests import Request

from marsad.runner import ingest
from marsad.store import open_store
from marsad.stories.service import update_stories

router = APIRouter()
_one_at_a_time = threading.Lock()
MAX_PATHS = 100


def check_token(request: Request) -> None:
    expected: str | None = request.app.state.ingest_token
    if not expected:
        raise HTTPException(403, "this server is read-only: start it with an ingest token to allow ingest")
    header = request.headers.get("authorization", "")
    scheme, _, given = header.partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), expected.encode()):
        raise HTTPException(401, "missing or wrong token: send Authorization: Bearer TOKEN",
                            headers={"WWW-Authenticate": "Bearer"})


def parse_paths(body: Any) -> list[str]:
    paths = body.get("paths") if isinstance(body, dict) else None
    if not isinstance(paths, list) or not paths or len(paths) > MAX_PATHS \
            or not all(isinstance(p, str) and p.strip() and "\x00" not in p for p in paths):
        raise HTTPException(400, f'expected a JSON body {{"paths": ["server/path", ...]}} with 1..{MAX_PATHS} paths')
    return paths


@router.post("/api/v1/ingest", tags=["ingest"])
async def ingest_api(request: Request) -> dict[str, Any]:
    """Ingest server-local paths, then update stories; needs the server's ingest token."""
    check_token(request)
    try:
        body = await request.json()
    except ValueError:
        raise HTTPException(400, 'the body is not JSON: send {"paths": [...]}') from None
    paths = parse_paths(body)
    from starlette.concurrency import run_in_threadpool

    return await run_in_threadpool(_ingest, request.app.state.db_url, paths)


def _ingest(db_url: str, paths: list[str]) -> dict[str, Any]:
    with _one_at_a_time, open_store(db_url) as store:
        counts = ingest(paths, store, workers=1)
        stories = update_stories(store)
    return {**counts.to_dict(), "stories": stories}
