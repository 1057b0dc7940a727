"""Evaluate marsad.extract.entities: span P/R/F1 per type on our annotated set, entity F1 on the
seeds gold, and speed on SaudiNewsNet.

    .venv/bin/python benchmarks/eval_entities.py [--errors] [--speed N]

Span scores are exact (start, end, type) matches on tests/extract/data/ner_eval.jsonl.
Seeds: per document, the set of entities found (grouped by key) is compared with the gold
entities; a found entity matches a gold one when its table `en` name equals the gold canonical
English name, or when one of its surface forms equals a gold surface form (names no table holds).
"""
from __future__ import annotations

import argparse
import json
import sys
import time
import zipfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from marsad.extract.entities import find_entities
from marsad.extract.gazetteer import fold_phrase, gazetteer

EVAL = ROOT / "tests" / "extract" / "data" / "ner_eval.jsonl"
SHARED = ROOT.parent / "shared"
TYPES = ("PER", "ORG", "LOC", "MISC")


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def span_scores(show_errors: bool = False) -> dict[str, tuple[float, float, float]]:
    counts = {t: Counter() for t in TYPES}
    for line in EVAL.read_text("utf-8").splitlines():
        item = json.loads(line)
        gold = {(e["start"], e["end"], e["type"]) for e in item["entities"]}
        pred = {(e.start, e.end, e.type) for e in find_entities(item["text"])}
        for s, e, t in pred & gold:
            counts[t]["tp"] += 1
        for s, e, t in pred - gold:
            counts[t]["fp"] += 1
            if show_errors:
                print("FP", t, item["text"][s:e], "|", item["text"][:80])
        for s, e, t in gold - pred:
            counts[t]["fn"] += 1
            if show_errors:
                print("FN", t, item["text"][s:e], "|", item["text"][:80])
    out = {t: prf(c["tp"], c["fp"], c["fn"]) for t, c in counts.items()}
    total = sum((c for t, c in counts.items() if t != "MISC"), Counter())
    out["PER+ORG+LOC"] = prf(total["tp"], total["fp"], total["fn"])
    return out


def seed_body(shared: Path, doc_id: str, body_lines: list[int]) -> str:
    lines = (shared / "samples" / "seeds" / f"{doc_id}.txt").read_text("utf-8").split("\n")
    return "\n\n".join(lines[n - 1] for n in body_lines)


def seeds_scores(shared: Path, show_errors: bool = False) -> tuple[float, float, float, list[str]]:
    gold_all = json.loads((shared / "samples" / "seeds.gold.json").read_text("utf-8"))
    gaz = gazetteer()
    tp = fp = fn = 0
    leaked: list[str] = []
    for doc_id, doc in gold_all["docs"].items():
        body = seed_body(shared, doc_id, doc["lines"]["body"])
        found: dict[str, set[str]] = {}
        for e in find_entities(body):
            found.setdefault(e.key, set()).add(fold_phrase(e.text))
        gold = {g["canonical"]: {fold_phrase(f) for f in g["forms"]} for g in doc["entities"]}
        matched: set[str] = set()
        for key, forms in found.items():
            entry = gaz.entry(key)
            hit = next((g for g, gf in gold.items() if (entry and entry.en == g) or forms & gf), None)
            if hit is None:
                fp += 1
                if show_errors:
                    print("seed FP", doc_id, key, forms)
            elif hit not in matched:
                matched.add(hit)
                tp += 1
        fn += len(gold) - len(matched)
        if show_errors:
            for g in set(gold) - matched:
                print("seed FN", doc_id, g)
        surfaces = {f for forms in found.values() for f in forms}
        for name in doc.get("absent", []):
            if fold_phrase(name) in surfaces:
                leaked.append(name)
    return (*prf(tp, fp, fn), leaked)


def speed(shared: Path, limit: int) -> tuple[int, float]:
    texts: list[str] = []
    for path in sorted((shared / "corpora" / "saudinewsnet").glob("*.zip")):
        with zipfile.ZipFile(path) as zf:
            for name in zf.namelist():
                texts += [a["content"] for a in json.loads(zf.read(name)) if a.get("content")]
        if len(texts) >= limit:
            break
    texts = texts[:limit]
    find_entities(texts[0])
    t0 = time.perf_counter()
    for t in texts:
        find_entities(t)
    return len(texts), len(texts) / (time.perf_counter() - t0)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--errors", action="store_true")
    ap.add_argument("--speed", type=int, default=3000, help="articles to time (0: skip)")
    args = ap.parse_args()
    print(f"{'type':12} {'P':>6} {'R':>6} {'F1':>6}   ({EVAL.name}, exact spans)")
    for t, (p, r, f) in span_scores(args.errors).items():
        print(f"{t:12} {p:6.3f} {r:6.3f} {f:6.3f}")
    if (SHARED / "samples" / "seeds").is_dir():
        p, r, f, leaked = seeds_scores(SHARED, args.errors)
        print(f"seeds entity P {p:.3f} R {r:.3f} F1 {f:.3f}; absent names extracted: {leaked or 'none'}")
        if args.speed:
            n, rate = speed(SHARED, args.speed)
            print(f"speed: {rate:.0f} articles/s on one core ({n} SaudiNewsNet articles)")


if __name__ == "__main__":
    main()
