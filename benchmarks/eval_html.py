"""Compare main-content extractors on our annotated Arabic news pages.

    .venv/bin/python benchmarks/eval_html.py [--repeat 20]

Pages: tests/fixtures/ingest/html/*.html, each with the body we expect in NAME.expected.txt (one
paragraph per line). For every extractor it prints line precision/recall (a line counts when it
equals an expected paragraph after whitespace folding), word F1 (bag of words, so a merged or split
paragraph still scores), and pages per second on one core. trafilatura (with lxml_html_clean) comes
with the dev extras; resiliparse is used when installed.
"""
from __future__ import annotations

import argparse
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

from marsad.ingest.encoding import decode
from marsad.ingest.html import declared_charset
from marsad.ingest.htmlmeta import page_meta
from marsad.ingest.mainblock import extract_body

PAGES = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "ingest" / "html"


def ours(markup: str) -> str:
    tree = LexborHTMLParser(markup)
    meta = page_meta(tree)
    return extract_body(tree, headline=meta.headline or meta.title)


def trafilatura_default(markup: str) -> str:
    import trafilatura

    return trafilatura.extract(markup, include_comments=False, include_tables=False, deduplicate=False) or ""


def trafilatura_precision(markup: str) -> str:
    import trafilatura

    return trafilatura.extract(markup, include_comments=False, include_tables=False, favor_precision=True) or ""


def trafilatura_no_headline(markup: str) -> str:
    """trafilatura with its headline line removed, the way our reader removes it: a fair comparison."""
    meta = page_meta(LexborHTMLParser(markup))
    heads = {h for h in (meta.headline, meta.title) if h}
    return "\n".join(line for line in trafilatura_default(markup).split("\n") if line.strip() not in heads)


def resiliparse_main(markup: str) -> str:
    from resiliparse.extract.html2text import extract_plain_text

    return extract_plain_text(markup, main_content=True, alt_texts=False, links=False, list_bullets=False)


def extractors() -> dict[str, Callable[[str], str]]:
    found: dict[str, Callable[[str], str]] = {"mainblock (selectolax, ours)": ours}
    try:
        import trafilatura  # noqa: F401

        found.update({"trafilatura": trafilatura_default, "trafilatura favor_precision": trafilatura_precision,
                      "trafilatura, headline dropped": trafilatura_no_headline})
    except ImportError as exc:
        print(f"(trafilatura cannot be imported ({exc}): `pip install -e '.[dev]'` brings it)")
    try:
        import resiliparse  # noqa: F401

        found["resiliparse main_content"] = resiliparse_main
    except ImportError:
        print("(resiliparse not installed: `pip install resiliparse` to compare it too)")
    return found


def _lines(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.split("\n") if line.strip()]


def score(got: str, expected: str) -> tuple[int, int, int, Counter, Counter]:
    got_lines, exp_lines = _lines(got), _lines(expected)
    hits = sum(1 for line in got_lines if line in set(exp_lines))
    return hits, len(got_lines), len(exp_lines), Counter(got.split()), Counter(expected.split())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=20, help="passes over the pages for the speed figure")
    parser.add_argument("--show", action="store_true", help="print each page's misses")
    args = parser.parse_args()
    pages = []
    for path in sorted(PAGES.glob("*.html")):
        data = path.read_bytes()
        markup, _ = decode(data, hint=declared_charset(data))
        pages.append((path.name, markup, path.with_suffix(".expected.txt").read_text("utf-8")))
    print(f"{len(pages)} pages from {PAGES}\n")
    print("| extractor | line precision | line recall | word F1 | exact pages | pages/s |")
    print("|---|---|---|---|---|---|")
    for name, fn in extractors().items():
        hit = got_n = exp_n = exact = 0
        wp = wr = 0.0
        for page, markup, expected in pages:
            out = fn(markup)
            h, g, e, gw, ew = score(out, expected)
            hit, got_n, exp_n = hit + h, got_n + g, exp_n + e
            common = sum((gw & ew).values())
            wp += common / max(1, sum(gw.values()))
            wr += common / max(1, sum(ew.values()))
            exact += _lines(out) == _lines(expected)
            if args.show and _lines(out) != _lines(expected):
                print(f"  [{name}] {page}: extra={[l for l in _lines(out) if l not in _lines(expected)]}"
                      f" missing={[l[:40] for l in _lines(expected) if l not in _lines(out)]}")
        wp, wr = wp / len(pages), wr / len(pages)
        f1 = 2 * wp * wr / max(1e-9, wp + wr)
        start = time.perf_counter()
        for _ in range(args.repeat):
            for _, markup, _ in pages:
                fn(markup)
        rate = args.repeat * len(pages) / (time.perf_counter() - start)
        print(f"| {name} | {hit / max(1, got_n):.2f} | {hit / max(1, exp_n):.2f} | {f1:.2f} "
              f"| {exact}/{len(pages)} | {rate:,.0f} |")


if __name__ == "__main__":
    main()
