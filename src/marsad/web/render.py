"""The one Jinja2 environment: autoescape on, bidi controls dropped from every `{{ }}` output.

Templates never build HTML from strings; the few pieces of markup made in Python (highlighted
text, the provenance SVG) are built from escaped pieces in `marks.py` and `graph.py`.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup
from starlette.requests import Request
from starlette.responses import HTMLResponse

from marsad.labels import label
from marsad.stories.measured import basis_note, measured
from marsad.web.security import inert, safe_href

__all__ = ["TEMPLATES", "environment", "macros", "path_part", "query_string", "render"]

TEMPLATES = Path(__file__).with_name("templates")


def _finalize(value: Any) -> Any:
    """Applied to every expression output before escaping: text loses its bidi controls."""
    if value is None:
        return ""
    if isinstance(value, Markup):
        return value        # built from already cleaned and escaped pieces
    if isinstance(value, str):
        return inert(value)
    return value


def path_part(value: Any) -> str:
    """One URL path segment (entity keys and outlet names may hold '/', '?', '#')."""
    return quote(inert(value), safe="")


def query_string(params: dict[str, Any], **changes: Any) -> str:
    """`?a=1&b=2` from `params` updated with `changes`, dropping empty values."""
    merged = {**params, **changes}
    kept = {k: v for k, v in merged.items() if v not in (None, "") and not (k == "offset" and not v)}
    return "?" + urlencode(kept) if kept else ""


def short_date(value: str | None) -> str:
    return (value or "")[:10]


def number(value: Any) -> str:
    """A quantity value as a reporter would write it: ranges as lo–hi, null as 'غير محدد'."""
    if value is None:
        return "غير محدد"
    if isinstance(value, list):
        return "–".join(number(v) for v in value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value:,}" if isinstance(value, int) else str(value)


def highlight(sentence: str | None, part: str | None) -> Markup:
    """`sentence` escaped, with the first occurrence of `part` (the number as written) in <mark>."""
    sentence = sentence or ""
    at = sentence.find(part) if part else -1
    if at < 0:
        return Markup.escape(sentence)
    end = at + len(part)  # type: ignore[arg-type]
    return Markup.escape(sentence[:at]) + Markup("<mark>") + Markup.escape(sentence[at:end]) \
        + Markup("</mark>") + Markup.escape(sentence[end:])


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=select_autoescape(["html", "svg", "xml"], default_for_string=True, default=True),
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,      # templates ship with the package; no stat() of each on every page
    )
    env.filters.update(path=path_part, short_date=short_date, number=number, href=safe_href,
                       label=lambda code, group: label(group, code), highlight=highlight)
    env.globals.update(query_string=query_string, measured=measured, basis_note=basis_note)
    return env


def render(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    html = environment().get_template(template).render(request=request, path=request.url.path, **context)
    return HTMLResponse(html, status_code=status_code)


@lru_cache(maxsize=1)
def macros() -> Any:
    """The macros of macros.html, to mark up a piece of a page from Python (and keep it)."""
    return environment().get_template("macros.html").module
