"""Real-text audit of the entity finder: PER and ORG spans on 50 SaudiNewsNet articles, judged by hand.

The 50 articles are drawn with `random.Random(SEED)` from every record with non-empty `content`, taking
the zips in sorted order and the JSON files inside each zip in sorted order. The corpus stays outside the
repository (its licence forbids copying it in), so the verdict file `ner_audit.jsonl` next to this script
holds only positions and judgements, one JSON object per judged span:

    {"url": ..., "start": ..., "end": ..., "type": "PER"|"ORG", "verdict": ..., "note": ...}

`start`/`end` are character offsets into the article's `content`. A verdict is one of
  ok          a real person / organisation name, right boundaries, right type;
  span        a real entity with wrong boundaries (cut short, runs on, holds a title or a byline dash);
  type        right span, wrong type (e.g. a country tagged ORG that does not stand for a team);
  not_entity  not a named entity at all.
A person's title stays outside the name; a leading proclitic (و ب ل ف ك) inside or outside is fine.
Verdicts are matched to spans by (url, start, end, type), so they hold for any finder that returns the
same span, and a span whose offsets move after a code change shows up again as unjudged.

Usage (from the repository root):

    .venv/bin/python benchmarks/audits/ner_audit.py list --finder rules|tagger [--unjudged] [--article N]
    .venv/bin/python benchmarks/audits/ner_audit.py score [--finder rules|tagger] [--model PATH]

`list` prints every audited span with its context and current verdict; `score` runs the finders on
the current code and prints, per finder, the verdict counts and error rate (wrong / judged) overall and
per type, the spans that still need a verdict, and verdicts that no longer match any span; scoring
both finders ends with a side-by-side summary (spans, errors, error rate overall and per type).
The corpus is looked up at $MARSAD_SHARED or ../shared; without it the script says so and exits 0.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import sys
import zipfile
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# the checkout's package, never an installed marsad: set before any marsad import (all of them are late,
# so that the no-corpus skip does not need the package)
sys.path.insert(0, str(ROOT / "src"))
SHARED = Path(os.environ.get("MARSAD_SHARED", ROOT.parent / "shared"))
CORPUS = SHARED / "corpora" / "saudinewsnet"
VERDICTS = Path(__file__).with_name("ner_audit.jsonl")

SEED = 12
SAMPLE_SIZE = 50
AUDITED_TYPES = ("PER", "ORG")
VERDICT_KINDS = ("ok", "span", "type", "not_entity")
WRONG = frozenset({"span", "type", "not_entity"})
FINDERS = ("rules", "tagger")

Key = tuple[str, int, int, str]


@dataclass(frozen=True)
class Article:
    index: int
    zip_name: str
    url: str
    content: str


@dataclass(frozen=True)
class Span:
    article: Article
    start: int
    end: int
    type: str
    text: str

    @property
    def key(self) -> Key:
        return (self.article.url, self.start, self.end, self.type)


def draw_articles(corpus: Path = CORPUS, seed: int = SEED, size: int = SAMPLE_SIZE) -> list[Article]:
    """The audit sample: `size` records drawn at random (fixed seed), returned in corpus order."""
    pool: list[tuple[str, str, str]] = []
    for path in sorted(corpus.glob("*.zip")):
        with zipfile.ZipFile(path) as zf:
            for member in sorted(zf.namelist()):
                for record in json.loads(zf.read(member)):
                    if record.get("content"):
                        pool.append((path.name, record["url"], record["content"]))
    chosen = sorted(random.Random(seed).sample(range(len(pool)), size))
    return [Article(i, *pool[n]) for i, n in enumerate(chosen)]


def finder(name: str) -> Callable[[str], Iterable]:
    # imported late so that the no-corpus skip does not need the package
    from marsad.extract.entities import find_entities, find_entities_by_rules

    return {"rules": find_entities_by_rules, "tagger": find_entities}[name]


def use_tagger_model(path: str | None) -> None:
    """Open the tagger model (`path`, or the shipped one) and say so when there is none."""
    from marsad.extract.tagger import load_model

    if load_model(path) is None:
        print("note: no tagger model is shipped, so the tagger finder falls back to the rules "
              "(pass --model PATH to audit a trained one)\n", file=sys.stderr)


def audited_spans(articles: list[Article], finder_name: str) -> list[Span]:
    """Every PER/ORG entity the finder returns on the sample, in article then offset order."""
    find = finder(finder_name)
    spans: list[Span] = []
    for art in articles:
        for ent in find(art.content):
            if ent.type in AUDITED_TYPES:
                spans.append(Span(art, ent.start, ent.end, ent.type, ent.text))
    return spans


def load_verdicts(path: Path = VERDICTS) -> dict[Key, dict]:
    """The verdict file keyed by (url, start, end, type); malformed or duplicate lines stop the script."""
    verdicts: dict[Key, dict] = {}
    if not path.exists():
        return verdicts
    for lineno, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        if not line.strip():
            continue
        row = json.loads(line)
        key = (row["url"], int(row["start"]), int(row["end"]), row["type"])
        if row.get("verdict") not in VERDICT_KINDS:
            sys.exit(f"{path.name}:{lineno}: verdict must be one of {', '.join(VERDICT_KINDS)}")
        if key in verdicts:
            sys.exit(f"{path.name}:{lineno}: a second verdict for the same span")
        verdicts[key] = row
    return verdicts


def one_line(text: str) -> str:
    return " ".join(text.split())


def context(span: Span, width: int) -> str:
    body = span.article.content
    left = body[max(0, span.start - width):span.start]
    right = body[span.end:span.end + width]
    return "…" + one_line(f"{left}⟦{span.text}⟧{right}") + "…"


def cmd_list(articles: list[Article], args: argparse.Namespace) -> None:
    verdicts = load_verdicts()
    shown = 0
    for span in audited_spans(articles, args.finder):
        if args.article is not None and span.article.index != args.article:
            continue
        row = verdicts.get(span.key)
        if args.unjudged and row is not None:
            continue
        if row is None:
            judged = "UNJUDGED"
        else:
            judged = row["verdict"] + (f" ({row['note']})" if row.get("note") else "")
        print(f"#{span.article.index} {span.article.zip_name} {span.article.url}")
        print(f"  {span.start}-{span.end} {span.type} «{one_line(span.text)}»  verdict: {judged}")
        print(f"  {context(span, args.context)}")
        shown += 1
    print(f"{shown} spans listed ({args.finder} finder)")


def rate(wrong: int, judged: int) -> str:
    return f"{wrong / judged:.1%}" if judged else "n/a"


def score_table(spans: list[Span], verdicts: dict[Key, dict]) -> list[str]:
    lines = [f"  {'type':5} {'spans':>5} {'judged':>6} " + " ".join(f"{v:>10}" for v in VERDICT_KINDS)
             + f" {'error rate':>10}"]
    for label in (*AUDITED_TYPES, "all"):
        group = [s for s in spans if label in ("all", s.type)]
        counts = Counter(verdicts[s.key]["verdict"] for s in group if s.key in verdicts)
        judged = sum(counts.values())
        wrong = sum(counts[v] for v in WRONG)
        cells = " ".join(f"{counts[v]:10}" for v in VERDICT_KINDS)
        lines.append(f"  {label:5} {len(group):5} {judged:6} {cells} {rate(wrong, judged):>10}")
    return lines


def errors(spans: list[Span], verdicts: dict[Key, dict]) -> tuple[int, str]:
    """The wrong verdicts among `spans`, and their rate over the judged ones."""
    judged = [verdicts[s.key]["verdict"] for s in spans if s.key in verdicts]
    wrong = sum(v in WRONG for v in judged)
    return wrong, rate(wrong, len(judged))


def summary_table(scored: dict[str, list[Span]], verdicts: dict[Key, dict]) -> list[str]:
    """One line per finder: spans, errors, and the error rate overall and per audited type."""
    lines = [f"  {'finder':8} {'spans':>5} {'errors':>6} {'all':>6} " + " ".join(f"{t:>6}" for t in AUDITED_TYPES)]
    for name, spans in scored.items():
        wrong, overall = errors(spans, verdicts)
        by_type = " ".join(f"{errors([s for s in spans if s.type == t], verdicts)[1]:>6}" for t in AUDITED_TYPES)
        lines.append(f"  {name:8} {len(spans):5} {wrong:6} {overall:>6} {by_type}")
    return lines


def cmd_score(articles: list[Article], args: argparse.Namespace) -> None:
    verdicts = load_verdicts()
    used: set[Key] = set()
    scored: dict[str, list[Span]] = {}
    for name in [args.finder] if args.finder else FINDERS:
        spans = scored[name] = audited_spans(articles, name)
        used.update(s.key for s in spans)
        print(f"{name} finder on {len(articles)} articles (seed {SEED}):")
        print("\n".join(score_table(spans, verdicts)))
        missing = [s for s in spans if s.key not in verdicts]
        if missing:
            print(f"  {len(missing)} spans without a verdict:")
            for s in missing:
                where = f"#{s.article.index} {s.start}-{s.end} {s.type}"
                print(f"    {where} «{one_line(s.text)}» {s.article.url}")
        print()
    if len(scored) > 1:
        print("error rates side by side (errors = span + type + not_entity):")
        print("\n".join(summary_table(scored, verdicts)))
        print()
    if not args.finder:
        stale = sorted(k for k in verdicts if k not in used)
        if stale:
            print(f"{len(stale)} verdicts match no span of either finder (code changed since judging):")
            for url, start, end, etype in stale:
                print(f"    {start}-{end} {etype} {url}")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    sub = ap.add_subparsers(dest="command", required=True)
    lst = sub.add_parser("list", help="print the audited spans with context and verdicts")
    lst.add_argument("--finder", choices=FINDERS, default="rules")
    lst.add_argument("--unjudged", action="store_true", help="only spans with no verdict yet")
    lst.add_argument("--article", type=int, help="only this article of the sample (0-based)")
    lst.add_argument("--context", type=int, default=60, help="characters of context on each side")
    sc = sub.add_parser("score", help="verdict counts and error rates of the finders on the current code")
    sc.add_argument("--finder", choices=FINDERS, help="score one finder only (default: both)")
    for p in (lst, sc):
        p.add_argument("--model", help="tagger model file to audit instead of the shipped one")
    args = ap.parse_args(argv)
    if not CORPUS.is_dir() or not any(CORPUS.glob("*.zip")):
        print(f"skipped: SaudiNewsNet not found at {CORPUS} (set MARSAD_SHARED)")
        return
    articles = draw_articles()
    if args.model or args.finder in (None, "tagger"):
        use_tagger_model(args.model)
    if args.command == "list":
        cmd_list(articles, args)
    else:
        cmd_score(articles, args)


if __name__ == "__main__":
    main()
