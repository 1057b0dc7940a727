"""A generated tree of small Arabic plain-text articles, and a check that the stages exist yet.

Written by us (no corpus text): every article is unique, so `n` files must give `n` stored articles.
"""
from __future__ import annotations

from pathlib import Path

import pytest

OUTLETS = ["صحيفة المرصد", "وكالة الأنباء", "موقع الخبر"]
PLACES = ["جدة", "الرياض", "دبي", "القاهرة", "عمّان"]


def article_text(n: int) -> str:
    place = PLACES[n % len(PLACES)]
    return (
        f"افتتاح مشروع رقم {n} في {place}\n"
        f"{place} - {OUTLETS[n % len(OUTLETS)]}\n\n"
        f"أعلن مسؤول في بلدية {place} اليوم افتتاح المشروع رقم {n} الذي تبلغ كلفته نحو {n * 7 + 100} "
        f"مليون ريال، وقال إن العمل فيه استمر {n % 12 + 1} أشهر.\n\n"
        f"وأضاف المسؤول أن المشروع سيخدم قرابة {n * 13 + 1000} نسمة من سكان الأحياء المجاورة.\n"
    )


def write_tree(root: Path, count: int) -> list[Path]:
    """`count` articles as .txt files spread over a few sub-folders."""
    paths = []
    for n in range(count):
        path = root / f"day{n % 4}" / f"article_{n:04d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(article_text(n), encoding="utf-8")
        paths.append(path)
    return paths


def require_stages(analysis: bool = True) -> None:
    """Skip (naming the module) while a stage this test runs through is still a stub."""
    from marsad.model import RawArticle

    probe = RawArticle(source="probe.txt", kind="text", content=article_text(1), identity="probe.txt")
    try:
        from marsad.ingest import read_paths

        list(read_paths([]))
    except NotImplementedError:
        pytest.skip("waits on marsad.ingest.read_paths")
    try:
        from marsad.clean import clean

        article = clean(probe)
    except NotImplementedError:
        pytest.skip("waits on marsad.clean.clean")
    if analysis:
        try:
            from marsad.extract import analyze

            analyze(article.text, published=article.published)
        except NotImplementedError as exc:
            import traceback

            stub = Path(traceback.extract_tb(exc.__traceback__)[-1].filename).stem
            pytest.skip(f"waits on marsad.extract.{stub}")
