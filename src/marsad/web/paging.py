"""Paging shared by every list: `limit` 1..200, `offset` >= 0, and where the next page starts.

Lists fetch one row more than asked, so `next` is known without counting the whole table.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import Depends, Query
from starlette.requests import Request

__all__ = ["MAX_LIMIT", "Page", "PageParams", "page_params"]

MAX_LIMIT = 200


@dataclass
class Page:
    limit: int
    offset: int

    @property
    def fetch(self) -> int:
        """How many rows to ask for: one extra tells whether a next page exists."""
        return self.limit + 1

    def cut(self, rows: list[Any]) -> tuple[list[Any], int | None]:
        """The rows of this page and the next page's offset (None on the last page)."""
        more = len(rows) > self.limit
        return rows[: self.limit], (self.offset + self.limit if more else None)

    def envelope(self, request: Request, rows: list[Any], **extra: Any) -> dict[str, Any]:
        """The JSON list shape: items, limit, offset, next_offset and a ready `next` URL."""
        items, next_offset = self.cut(rows)
        next_url = None
        if next_offset is not None:
            params = dict(request.query_params)
            params.update(offset=str(next_offset), limit=str(self.limit))
            next_url = f"{request.url.path}?{urlencode(params)}"
        return {**extra, "items": items, "limit": self.limit, "offset": self.offset,
                "next_offset": next_offset, "next": next_url}


async def page_params(limit: int = Query(20, ge=1, le=MAX_LIMIT, description="rows per page, 1..200"),
                      offset: int = Query(0, ge=0, description="rows to skip, >= 0")) -> Page:
    """Async on purpose: FastAPI runs a plain function dependency on a page thread, and a
    request answered from memory should not wait behind searches for one."""
    return Page(limit, offset)


PageParams = Annotated[Page, Depends(page_params)]
