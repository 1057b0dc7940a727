"""The marsad web app: server-rendered pages and a JSON API over one store, read-only by default.

    from marsad.web import create_app, serve
    app = create_app("marsad.db")               # an ASGI app (tests, other servers)
    serve("marsad.db", port=8000)               # uvicorn on 127.0.0.1 (marsad.web.server)

Each kind of page lives in `marsad.web.views.*` with its JSON twin under /api/v1/; this module
only assembles them with the caches, the security headers, the error handlers and the static
files. Running the app (one process or several) is `marsad.web.server`.
"""
from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from anyio import to_thread
from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from marsad.web.cache import DataClock, ResponseCache, ResultMemo
from marsad.web.errors import install_error_handlers
from marsad.web.security import SecurityHeaders
from marsad.web.stores import Stores
from marsad.web.views import articles, docs, entities, home, ingest, outlets, search, stories

__all__ = ["create_app"]

STATIC = Path(__file__).with_name("static")
PAGE_THREADS = 8        # load check p95 with an ingest: 4 threads 150-240 ms, 8: 94-123, 16: 108-130
# FastAPI's OpenTelemetry hooks: marsad reports to no collector, and asking for the (unset)
# providers on every request was a visible share of an answer from the cache
NO_TELEMETRY = {"tracing": False, "metrics": False, "logs": False, "operation_spans": False}


def create_app(db_url: str, ingest_token: str | None = None, cache_seconds: float = 5.0) -> FastAPI:
    """An app over the store at `db_url`; POST /api/v1/ingest works only when `ingest_token` is set.

    Answers are cached (`marsad.web.cache`) and may lag an ongoing ingest by `cache_seconds`;
    0 turns the cache off.
    """
    stores = Stores(str(db_url))

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # searches not kept and pages that read the store run on these threads (kept searches
        # and cached answers stay on the event loop). Too few and they queue behind the cheap
        # answers; far more only pass the GIL around and each opens its own SQLite connection.
        to_thread.current_default_thread_limiter().total_tokens = PAGE_THREADS
        yield
        stores.close()

    app = FastAPI(title="marsad", version="1", lifespan=lifespan, telemetry=NO_TELEMETRY,
                  description="Arabic news observatory: who reported what, citing whom.",
                  docs_url=None, redoc_url=None, swagger_ui_oauth2_redirect_url=None,
                  openapi_url="/openapi.json")
    app.state.stores = stores
    clock = DataClock(stores.data_version)
    app.state.search_memo = ResultMemo(clock, max_age=cache_seconds)
    app.state.db_url = str(db_url)
    app.state.ingest_token = ingest_token or None
    for view in (home, search, stories, articles, entities, outlets, docs, ingest):
        app.include_router(view.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    install_error_handlers(app)
    app.add_middleware(ResponseCache, version=clock, max_age=cache_seconds)
    app.add_middleware(SecurityHeaders)
    return app
