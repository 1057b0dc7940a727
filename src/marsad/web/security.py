"""Response headers and text hygiene for a site that shows untrusted news text.

Every article title, body, URL and entity name comes from the open web, so the page never trusts
it: templates autoescape, bidi controls are removed before rendering (they could reorder the page
chrome around them), only http(s) URLs become links, and a strict Content-Security-Policy means
that even a markup bug could not run a script. The headers are added by a plain ASGI middleware
so they cover every response: pages, JSON, static files, 404s and errors alike.
"""
from __future__ import annotations

import json
import logging
import re
from typing import Any
from urllib.parse import urlsplit

from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["CSP", "SECURITY_HEADERS", "SecurityHeaders", "inert", "safe_href"]

log = logging.getLogger("marsad.web")

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")
SECURITY_HEADERS: list[tuple[bytes, bytes]] = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
]
_HEADER_NAMES = {name for name, _ in SECURITY_HEADERS}

# Embeddings/overrides/isolates (U+202A-202E, U+2066-2069) and the invisible marks LRM/RLM/ALM
# are kept out of rendered text; <bdi> in the templates isolates what is left.
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")


def inert(text: Any) -> str:
    """`text` as a string without bidi control characters (None becomes the empty string)."""
    if text is None:
        return ""
    return _BIDI.sub("", str(text))


def safe_href(url: str | None) -> str | None:
    """The URL when it is an absolute http(s) URL, else None (then it is shown as plain text)."""
    if not url:
        return None
    url = inert(url).strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    if any(c in url for c in "\x00\r\n\t \"'<>`"):
        return None
    return url


class SecurityHeaders:
    """ASGI middleware: security headers on every response, and a JSON 500 instead of a traceback."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() not in _HEADER_NAMES]
                message = {**message, "headers": headers + SECURITY_HEADERS}
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        except Exception:
            log.exception("unhandled error on %s", scope.get("path"))
            if started:
                raise
            body = json.dumps({"error": "internal error: the server log has the details"}).encode()
            await send_with_headers({"type": "http.response.start", "status": 500, "headers": [
                (b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
            await send_with_headers({"type": "http.response.body", "body": body})
