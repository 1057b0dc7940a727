"""marsad: an observatory for Arabic news — who reported what, citing whom.

    import marsad
    a = marsad.analyze(text, published="2017-10-29")
    for article in marsad.read("path/or/dir"):
        ...
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from marsad.model import Analysis, Article, RawArticle, Skip

__all__ = ["Analysis", "Article", "RawArticle", "Skip", "__version__", "analyze", "read"]
__version__ = "0.1.0"


def analyze(text: str, published: str | None = None) -> Analysis:
    """Analyse plain text (no cleaning): entities, attributions, quotes, quantities, dates."""
    from marsad.extract import analyze as _analyze

    return _analyze(text, published=published)


def read(path: str | Path, analyze: bool = False) -> Iterator[Article]:
    """Read and clean every article under `path`, lazily. Unreadable files are skipped."""
    from marsad.pipeline import read_articles

    for item in read_articles([path], with_analysis=analyze):
        if isinstance(item, Article):
            yield item
