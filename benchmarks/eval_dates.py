"""Evaluate marsad's date extractor: precision, recall and exact-value accuracy, plus speed.

Usage: python benchmarks/eval_dates.py [--shared ../shared] [--speed N]

- tests/extract/data/dates_eval.jsonl: our annotated sentences ({"text", "published", "dates":
  [{"text", "value", "end_value"?}]}); a prediction matches a gold date when the spans overlap;
  it is exact when value (and end_value for ranges) are equal.
- the seed gold (shared/samples/seeds.gold.json, when present): recall and exact accuracy
  (the gold lists the dates that matter, not every one, so precision there is a lower bound).
- speed: articles/s and ms per 400 words over the SaudiNewsNet zips in shared/corpora.
"""
from __future__ import annotations

import argparse
import glob
import json
import time
import zipfile
from pathlib import Path

from marsad.extract.dates import find_dates

ROOT = Path(__file__).resolve().parents[1]


def _gold_value(d: dict) -> tuple:
    value = d.get("value")
    if isinstance(value, list):
        return tuple(value)
    return (value, d["end_value"]) if d.get("end_value") else (value,)


def _pred_value(p) -> tuple:
    return (p.value, p.end_value) if p.kind == "range" else (p.value,)


def score(items: list[tuple[str, str | None, list[dict]]]) -> dict:
    """Span-overlap matching of predictions to gold; counts and misses."""
    tp = fp = fn = exact = 0
    misses: list[str] = []
    for text, published, gold in items:
        preds = find_dates(text, published)
        used: set[int] = set()
        for g in gold:
            at = text.find(g["text"])
            span = (at, at + len(g["text"]))
            hit = next((i for i, p in enumerate(preds) if i not in used
                        and p.start < span[1] and span[0] < p.end), None)
            if hit is None:
                fn += 1
                misses.append(f"MISSED {g['text']!r} in {text[:60]!r}")
                continue
            used.add(hit)
            tp += 1
            if _pred_value(preds[hit]) == _gold_value(g):
                exact += 1
            else:
                misses.append(f"VALUE {g['text']!r}: got {_pred_value(preds[hit])} want {_gold_value(g)}")
        for i, p in enumerate(preds):
            if i not in used:
                fp += 1
                misses.append(f"EXTRA {p.text!r} in {text[:60]!r}")
    gold_n = tp + fn
    return {"gold": gold_n, "found": tp, "extra": fp,
            "precision": tp / (tp + fp) if tp + fp else 1.0, "recall": tp / gold_n if gold_n else 1.0,
            "exact": exact / gold_n if gold_n else 1.0, "notes": misses}


def eval_set() -> list[tuple[str, str | None, list[dict]]]:
    path = ROOT / "tests" / "extract" / "data" / "dates_eval.jsonl"
    rows = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    return [(r["text"], r["published"], r["dates"]) for r in rows]


def seed_set(shared: Path) -> list[tuple[str, str | None, list[dict]]]:
    gold = json.loads((shared / "samples" / "seeds.gold.json").read_text("utf-8"))
    items = []
    for doc_id, doc in gold["docs"].items():
        text = (shared / "samples" / "seeds" / f"{doc_id}.txt").read_text("utf-8")
        items.append((text, doc.get("published"), doc.get("dates", [])))
    return items


def speed(shared: Path, files: int) -> str:
    articles = []
    for name in sorted(glob.glob(str(shared / "corpora" / "saudinewsnet" / "*.zip")))[:files]:
        with zipfile.ZipFile(name) as z:
            for member in z.namelist():
                articles += [a.get("content") or "" for a in json.loads(z.read(member))]
    if not articles:
        return "speed: no corpus found"
    find_dates("")
    find_dates(articles[0], "2015-07-21")
    words = sum(len(a.split()) for a in articles)
    t0 = time.perf_counter()
    found = sum(len(find_dates(a, "2015-07-21")) for a in articles)
    elapsed = time.perf_counter() - t0
    return (f"speed: {len(articles)} articles, {words / len(articles):.0f} words each, "
            f"{len(articles) / elapsed:.0f} articles/s, {elapsed / words * 400 * 1000:.3f} ms per 400 words, "
            f"{found} dates")


def _print(name: str, result: dict, verbose: bool) -> None:
    print(f"{name}: gold {result['gold']}  found {result['found']}  extra {result['extra']}  "
          f"precision {result['precision']:.3f}  recall {result['recall']:.3f}  exact {result['exact']:.3f}")
    if verbose:
        for note in result["notes"]:
            print("   ", note)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--speed", type=int, default=3, help="SaudiNewsNet zip files to time (0: skip)")
    parser.add_argument("-v", "--verbose", action="store_true", help="list misses and extras")
    args = parser.parse_args()
    _print("eval set", score(eval_set()), args.verbose)
    if (args.shared / "samples" / "seeds.gold.json").is_file():
        _print("seed gold", score(seed_set(args.shared)), args.verbose)
    if args.speed:
        print(speed(args.shared, args.speed))


if __name__ == "__main__":
    main()
