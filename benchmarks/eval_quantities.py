"""Evaluate marsad's quantities extractor.

Prints precision, recall and exact-value accuracy on our annotated set
(tests/extract/data/quantities_eval.jsonl) and on the seed gold in ../shared (when present), and
with --speed N the throughput of find_quantities over N SaudiNewsNet articles.

    .venv/bin/python benchmarks/eval_quantities.py [--speed 5000] [--errors]

A prediction matches a gold quantity when their spans overlap (one to one, in order). "Exact"
counts gold quantities whose value (or low/high) and qualifier are both right, over all gold.
"""
from __future__ import annotations

import argparse
import glob
import json
import os
import sys
import time
import zipfile
from pathlib import Path

from marsad.extract.quantities import find_quantities

ROOT = Path(__file__).resolve().parents[1]
EVAL_SET = ROOT / "tests" / "extract" / "data" / "quantities_eval.jsonl"
SHARED = Path(os.environ.get("MARSAD_SHARED", ROOT.parent / "shared"))


def _locate(text: str, gold: list[dict]) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for item in gold:
        at = text.find(item["text"], pos)
        if at < 0:
            at = text.find(item["text"])
        if at < 0:
            raise ValueError(f"gold span not in text: {item['text']!r}")
        spans.append((at, at + len(item["text"])))
        pos = at + 1
    return spans


def _same(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(float(a) - float(b)) < 1e-6 * max(1.0, abs(float(b)))


def score(docs: list[tuple[str, list[dict]]], show_errors: bool = False) -> dict[str, float]:
    """docs: (text, gold) where gold items have text, value, low, high, qualifier and maybe unit."""
    n_gold = n_pred = n_match = n_exact = n_unit = n_unit_gold = 0
    for text, gold in docs:
        preds = find_quantities(text)
        spans = _locate(text, gold)
        used: set[int] = set()
        n_gold += len(gold)
        n_pred += len(preds)
        for item, (gs, ge) in zip(gold, spans):
            hit = next((k for k, p in enumerate(preds) if k not in used and p.start < ge and gs < p.end), None)
            if hit is None:
                if show_errors:
                    print(f"MISSED  {item['text']!r} in {text[:90]!r}")
                continue
            used.add(hit)
            n_match += 1
            p = preds[hit]
            ok = (p.qualifier == item["qualifier"] and _same(p.value, item.get("value"))
                  and _same(p.low, item.get("low")) and _same(p.high, item.get("high")))
            n_exact += ok
            if not ok and show_errors:
                print(f"WRONG   {item['text']!r}: got {p.value} {p.low}-{p.high} {p.qualifier}, "
                      f"want {item.get('value')} {item.get('low')}-{item.get('high')} {item['qualifier']}")
            if "unit" in item:
                n_unit_gold += 1
                n_unit += p.unit == item["unit"]
                if p.unit != item["unit"] and show_errors:
                    print(f"UNIT    {item['text']!r}: got {p.unit!r}, want {item['unit']!r}")
        if show_errors:
            for k, p in enumerate(preds):
                if k not in used:
                    print(f"EXTRA   {p.text!r} ({p.value} {p.qualifier} {p.unit}) in {text[:90]!r}")
    return {
        "gold": n_gold, "predicted": n_pred,
        "precision": n_match / n_pred if n_pred else 1.0,
        "recall": n_match / n_gold if n_gold else 1.0,
        "exact": n_exact / n_gold if n_gold else 1.0,
        "unit": n_unit / n_unit_gold if n_unit_gold else 1.0,
    }


def eval_set() -> list[tuple[str, list[dict]]]:
    rows = [json.loads(line) for line in EVAL_SET.read_text("utf-8").splitlines() if line.strip()]
    return [(row["text"], row["quantities"]) for row in rows]


def seed_set() -> list[tuple[str, list[dict]]] | None:
    """The seed articles with their gold quantities, value [low, high] turned into low/high."""
    gold_path = SHARED / "samples" / "seeds.gold.json"
    if not gold_path.is_file():
        return None
    gold = json.loads(gold_path.read_text("utf-8"))
    docs = []
    for doc_id, doc in gold["docs"].items():
        text = (SHARED / "samples" / "seeds" / f"{doc_id}.txt").read_text("utf-8")
        items = []
        for q in doc.get("quantities", []):
            value = q["value"]
            low, high = (value if isinstance(value, list) else (None, None))
            items.append({"text": q["text"], "qualifier": q["qualifier"],
                          "value": None if isinstance(value, list) else value, "low": low, "high": high})
        docs.append((text, items))
    return docs


def speed(n: int) -> None:
    texts: list[str] = []
    for path in sorted(glob.glob(str(SHARED / "corpora" / "saudinewsnet" / "*.zip"))):
        with zipfile.ZipFile(path) as archive:
            for name in archive.namelist():
                texts.extend(a.get("content") or "" for a in json.loads(archive.read(name)))
        if len(texts) >= n:
            break
    texts = texts[:n]
    if not texts:
        print("speed: SaudiNewsNet not found, skipped")
        return
    find_quantities("تهيئة 5")
    began, cpu = time.perf_counter(), time.process_time()
    found = sum(len(find_quantities(t)) for t in texts)
    took, cpu = time.perf_counter() - began, time.process_time() - cpu
    words = sum(len(t.split()) for t in texts)
    print(f"speed: {len(texts)} SaudiNewsNet articles ({words / len(texts):.0f} words avg), {found} quantities, "
          f"{len(texts) / cpu:.0f} articles/s of CPU time ({1000 * cpu / len(texts):.3f} ms/article, one core; "
          f"wall {1000 * took / len(texts):.3f} ms)")


def _row(name: str, r: dict) -> str:
    return (f"| {name} | {r['gold']} | {r['predicted']} | {r['precision']:.1%} | {r['recall']:.1%} | "
            f"{r['exact']:.1%} | {r['unit']:.1%} |")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--speed", type=int, default=0, help="time N SaudiNewsNet articles")
    parser.add_argument("--errors", action="store_true", help="print misses, wrong values and extras")
    args = parser.parse_args(argv)
    print("| set | gold | predicted | precision | recall | exact value+qualifier | unit |")
    print("|---|---|---|---|---|---|---|")
    print(_row("marsad eval set", score(eval_set(), args.errors)))
    seeds = seed_set()
    if seeds is None:
        print("seed gold not found, skipped", file=sys.stderr)
    else:
        print(_row("seed gold (5 articles)", score(seeds, args.errors)))
    if args.speed:
        speed(args.speed)


if __name__ == "__main__":
    main()
