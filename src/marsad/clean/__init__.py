"""Cleaning: RawArticle -> Article (line kinds, boilerplate removed, metadata recovered)."""
from __future__ import annotations

from marsad.model import Article, RawArticle


def clean(raw: RawArticle) -> Article:
    """Classify lines (text dumps), drop boilerplate, recover title/outlet/published/authors."""
    raise NotImplementedError
