"""POST /api/v1/ingest: the one writing endpoint, off unless the server was given a token.

Without a configured token it answers 403; with one, the request must carry
`Authorization: Bearer TOKEN` (compared in constant time). The paths are files or folders on
the server itself; ingests run one at a time, in a single process (no fork inside the server),
also when the server runs several worker processes (a lock file next to the system's temporary
files, keyed by the database, serialises them).
"""
from __future__ import annotations

import hashlib
import hmac
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
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


def lock_path(db_url: str) -> Path:
    """The lock file of a database's web ingests (in the temporary directory, named by a hash)."""
    name = hashlib.sha1(str(Path(db_url).resolve()).encode()).hexdigest()[:16]
    return Path(tempfile.gettempdir()) / f"marsad-ingest-{name}.lock"


@contextmanager
def one_ingest_per_database(db_url: str) -> Iterator[None]:
    """One ingest at a time per database: threads of this process by a lock, worker processes
    of the same server by an exclusive lock on a file (where the platform has flock)."""
    with _one_at_a_time:
        try:
            import fcntl
        except ImportError:         # not POSIX: the thread lock is all there is
            yield
            return
        with open(lock_path(db_url), "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)


def _ingest(db_url: str, paths: list[str]) -> dict[str, Any]:
    with one_ingest_per_database(db_url), open_store(db_url) as store:
        counts = ingest(paths, store, workers=1)
        stories = update_stories(store)
    return {**counts.to_dict(), "stories": stories}
