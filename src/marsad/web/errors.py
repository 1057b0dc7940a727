"""Errors a visitor can understand: 400 with a message for bad parameters, 404 for unknown ids.

API paths (/api/...) answer JSON `{"error": message}`; pages answer the HTML error page with the
same message. FastAPI's default 422 for bad parameters becomes 400, as the API promises.
"""
from __future__ import annotations

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from marsad.store import QueryError
from marsad.web.render import render

__all__ = ["install_error_handlers", "validation_message", "wants_json"]


def wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/openapi.json"


def validation_message(exc: RequestValidationError) -> str:
    parts = []
    for error in exc.errors():
        where = ".".join(str(p) for p in error.get("loc", ()) if p not in ("query", "path", "body"))
        parts.append(f"{where or 'request'}: {error.get('msg', 'invalid value')}")
    return "bad parameter: " + "; ".join(parts)


def error_response(request: Request, status: int, message: str) -> Response:
    if wants_json(request):
        return JSONResponse({"error": message}, status_code=status)
    titles = {400: "طلب غير صالح", 403: "غير مسموح", 404: "غير موجود"}
    return render(request, "error.html", status_code=status, status=status,
                  title=titles.get(status, "خطأ"), message=message)


def install_error_handlers(app: FastAPI) -> None:
    async def on_validation(request: Request, exc: RequestValidationError) -> Response:
        return error_response(request, 400, validation_message(exc))

    async def on_http(request: Request, exc: HTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else "error"
        if exc.status_code == 404 and message == "Not Found":
            message = f"no page or record at {request.url.path}"
        response = error_response(request, exc.status_code, message)
        if exc.headers:
            response.headers.update(exc.headers)
        return response

    async def on_query(request: Request, exc: QueryError) -> Response:
        return error_response(request, 400, str(exc))

    app.add_exception_handler(RequestValidationError, on_validation)  # type: ignore[arg-type]
    app.add_exception_handler(HTTPException, on_http)  # type: ignore[arg-type]
    app.add_exception_handler(QueryError, on_query)  # type: ignore[arg-type]
