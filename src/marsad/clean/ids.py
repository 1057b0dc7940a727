"""Stable article ids: the same article gets the same id on every run and every machine."""
from __future__ import annotations

import hashlib
import re
from pathlib import PurePath

from marsad.model import RawArticle

__all__ = ["article_id"]

# Files already named by id ("000_47f195348861b221.txt") keep that name as their id.
_NAMED = re.compile(r"[0-9A-Za-z]{1,12}_[0-9a-f]{16}")


def article_id(raw: RawArticle) -> str:
    """The file stem for text dumps named like an id, else 16 hex chars of blake2b(identity or source)."""
    if raw.kind == "text":
        location = raw.source.split("!")[-1].split("#")[0]
        stem = PurePath(location.replace("\\", "/")).stem
        if _NAMED.fullmatch(stem):
            return stem
    basis = raw.identity or raw.source
    return hashlib.blake2b(basis.encode("utf-8", "surrogatepass")).hexdigest()[:16]
