"""/docs: the API described from the app's own OpenAPI document, without Swagger UI.

FastAPI's default /docs loads its scripts from a CDN; marsad serves everything itself, so this
page lists the endpoints, their parameters and summaries as plain HTML. /openapi.json stays.
"""
from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import HTMLResponse

from marsad.web.render import render

router = APIRouter()


def endpoints(openapi: dict[str, Any]) -> list[dict[str, Any]]:
    rows = []
    for path, methods in sorted(openapi.get("paths", {}).items()):
        for method, op in methods.items():
            params = [{"name": p.get("name"), "in": p.get("in"), "required": p.get("required", False),
                       "description": p.get("description") or (p.get("schema") or {}).get("description", "")}
                      for p in op.get("parameters", [])]
            rows.append({"method": method.upper(), "path": path, "summary": op.get("summary", ""),
                         "description": op.get("description", ""), "params": params,
                         "tags": op.get("tags", [])})
    return rows


@router.get("/docs", response_class=HTMLResponse, include_in_schema=False)
def docs_page(request: Request) -> HTMLResponse:
    return render(request, "docs.html", endpoints=endpoints(request.app.openapi()), json_twin="/openapi.json")
