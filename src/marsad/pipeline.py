"""The stage list (read -> clean -> analyze) as plain functions, and the local runner."""
from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from marsad.clean import clean
from marsad.deadline import Expired, deadline
from marsad.extract import analyze
from marsad.ingest import read_paths
from marsad.ingest.reasons import reason
from marsad.model import Article, RawArticle, Skip


def max_article_chars() -> int:
    """The longest article body analysed (characters): far above any news article (a long feature
    is ~50,000), low enough that one pasted book or a 27 MB one-line file cannot stall a batch.
    Set MARSAD_MAX_ARTICLE_CHARS to change it."""
    try:
        return max(1, int(os.environ.get("MARSAD_MAX_ARTICLE_CHARS", "300000")))
    except ValueError:
        return 300_000


def max_article_seconds() -> float:
    """The longest one article may take to clean and analyse (seconds): a news article takes
    milliseconds, so only a pathological input comes near. Set MARSAD_MAX_ARTICLE_SECONDS to
    change it (0: no limit)."""
    try:
        return max(0.0, float(os.environ.get("MARSAD_MAX_ARTICLE_SECONDS", "60")))
    except ValueError:
        return 60.0


class OverLimit(ValueError):
    """An input that breaks one of the limits on one article: skipped with the setting to change."""


class TooLong(OverLimit):
    """An input over `max_article_chars`: skipped with its size and the setting to raise."""


class TooSlow(OverLimit):
    """An input that took longer than `max_article_seconds` to clean and analyse."""


@contextmanager
def article_deadline() -> Iterator[None]:
    """Raise TooSlow when the block (one article's stages) runs past `max_article_seconds`."""
    seconds = max_article_seconds()
    try:
        with deadline(seconds):
            yield
    except Expired:
        raise TooSlow(reason("too_slow", seconds=seconds)) from None


def _check_length(size: int, what: str, limit: int) -> None:
    if size > limit:
        raise TooLong(reason(what, size=size, limit=limit))


def process(raw: RawArticle, with_analysis: bool = True) -> Article:
    """Clean one raw article and, unless told not to, analyse its body. An input far longer than
    any article raises TooLong before any work (markup may triple a page's size, hence 4x); one
    that takes longer than `max_article_seconds` raises TooSlow."""
    limit = max_article_chars()
    _check_length(len(raw.content), "input_too_long", 4 * limit)
    with article_deadline():
        article = clean(raw)
        _check_length(len(article.text), "text_too_long", limit)
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
    except OverLimit as exc:
        return Skip(item.source, str(exc))
    except Exception as exc:  # noqa: BLE001 - a bug on one article must not stop a batch
        return Skip(item.source, reason("failed", error=f"{type(exc).__name__}: {exc}"))


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
