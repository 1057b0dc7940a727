"""The marsad web app: server-rendered pages and a JSON API over one store, read-only by default.

    from marsad.web import create_app, serve
    app = create_app("marsad.db")               # an ASGI app (tests, other servers)
    serve("marsad.db", port=8000)               # uvicorn on 127.0.0.1

Each kind of page lives in `marsad.web.views.*` with its JSON twin under /api/v1/; this module
only assembles them with the security headers, the error handlers and the static files.
"""
from __future__ import annotations

import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from marsad.web.errors import install_error_handlers
from marsad.web.security import SecurityHeaders
from marsad.web.stores import Stores
from marsad.web.views import articles, docs, entities, home, ingest, outlets, search, stories

__all__ = ["create_app", "serve"]

STATIC = Path(__file__).with_name("static")
LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def create_app(db_url: str, ingest_token: str | None = None) -> FastAPI:
    """An app over the store at `db_url`; POST /api/v1/ingest works only when `ingest_token` is set."""
    stores = Stores(str(db_url))

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        stores.close()

    app = FastAPI(title="marsad", version="1", lifespan=lifespan,
                  description="Arabic news observatory: who reported what, citing whom.",
                  docs_url=None, redoc_url=None, swagger_ui_oauth2_redirect_url=None,
                  openapi_url="/openapi.json")
    app.state.stores = stores
    app.state.db_url = str(db_url)
    app.state.ingest_token = ingest_token or None
    for view in (home, search, stories, articles, entities, outlets, docs, ingest):
        app.include_router(view.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    install_error_handlers(app)
    app.add_middleware(SecurityHeaders)
    return app


def serve(db: str, host: str = "127.0.0.1", port: int = 8000, ingest_token: str | None = None) -> None:
    """Run the app with uvicorn until interrupted (loopback unless a host is asked for)."""
    import uvicorn

    if host not in LOOPBACK:
        print(f"warning: serving on {host}, reachable from other machines", file=sys.stderr)
    shown = f"[{host}]" if ":" in host else host
    print(f"marsad web app on http://{shown}:{port}", flush=True)
    uvicorn.run(create_app(db, ingest_token=ingest_token), host=host, port=port, log_level="warning")
