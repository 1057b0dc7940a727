"""The stage list (read -> clean -> analyze) as plain functions, and the local runner."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from marsad.clean import clean
from marsad.extract import analyze
from marsad.ingest import read_paths
from marsad.model import Article, RawArticle, Skip


def process(raw: RawArticle, with_analysis: bool = True) -> Article:
    """Clean one raw article and, unless told not to, analyse its body."""
    article = clean(raw)
    if with_analysis:
        article.analysis = analyze(article.text, published=article.published, outlet=article.outlet)
    return article


def process_item(item: RawArticle | Skip, with_analysis: bool = True) -> Article | Skip:
    """One read result through the stages; a failure on one article becomes a Skip, never a crash.

    Every runner (this module, the multiprocessing runner, Spark) uses this one error policy.
    """
    if isinstance(item, Skip):
        return item
    try:
        return process(item, with_analysis=with_analysis)
    except Exception as exc:  # noqa: BLE001 - a bug on one article must not stop a batch
        return Skip(item.source, f"could not be processed: {type(exc).__name__}: {exc}")


def read_articles(paths: Iterable[str | Path], with_analysis: bool = False) -> Iterator[Article | Skip]:
    """Read and clean (optionally analyse) lazily, in this process; Skips pass through."""
    for item in read_paths(paths):
        yield process_item(item, with_analysis)


def article_json(item: RawArticle | Skip) -> str | Skip:
    """One input read, cleaned, analysed and written as Article JSON (or its Skip): what
    `marsad extract` prints, computed in whichever process runs it."""
    import json

    result = process_item(item, with_analysis=True)
    if isinstance(result, Skip):
        return result
    return json.dumps(result.to_json(), ensure_ascii=False)
