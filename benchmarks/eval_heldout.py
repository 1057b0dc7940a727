"""Held-out evaluation: marsad against hand-annotated sets written independently of the rules.

    python benchmarks/eval_heldout.py                 # table of figures
    python benchmarks/eval_heldout.py --errors        # and every miss / false alarm
    python benchmarks/eval_heldout.py ner dates       # only some tasks

Data: tests/heldout/*.jsonl (built from tests/heldout/src/ by build.py; see tests/heldout/README.md).
Scoring:
  ner          exact span + type P/R/F1 per PER/LOC/ORG and micro (MISC predictions ignored);
               also a lenient figure (overlapping span, same type).
  numbers      recall of gold quantities (a prediction overlapping the gold span), value+qualifier
               accuracy (over all gold and over the found ones), predictions overlapping no gold
               quantity (overall, and on the sentences that hold no quantity at all).
  dates        recall (overlapping span), exact value accuracy, end_value accuracy for ranges.
  attribution  chain exact match (same length, names equal after normalize or one containing the
               other), first/last link accuracy, quote recall and speaker accuracy.
  same_story   pair precision/recall/F1, pairs predicted same when both get the same story id;
               grouped over all 80 articles together, and each pair on its own.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "heldout"
sys.path.insert(0, str(ROOT / "src"))

import marsad
from marsad.model import Article
from marsad.text import normalize

TYPES = ("PER", "LOC", "ORG")


def _load(name: str) -> list[dict]:
    with open(DATA / name, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def _overlap(a0: int, a1: int, b0: int, b1: int) -> bool:
    return a0 < b1 and b0 < a1


def _pct(x: float) -> str:
    return f"{100 * x:5.1f}"


class Report:
    def __init__(self, errors: bool):
        self.show_errors = errors
        self.rows: list[tuple[str, str, str]] = []
        self.errors: dict[str, list[str]] = defaultdict(list)

    def add(self, task: str, metric: str, value: str) -> None:
        self.rows.append((task, metric, value))

    def err(self, task: str, line: str) -> None:
        self.errors[task].append(line)

    def print(self) -> None:
        w1 = max(len(r[0]) for r in self.rows)
        w2 = max(len(r[1]) for r in self.rows)
        print(f"{'task':<{w1}}  {'metric':<{w2}}  value")
        print("-" * (w1 + w2 + 20))
        last = None
        for task, metric, value in self.rows:
            print(f"{task if task != last else '':<{w1}}  {metric:<{w2}}  {value}")
            last = task
        if self.show_errors:
            for task, lines in self.errors.items():
                print(f"\n=== {task}: {len(lines)} errors")
                for line in lines:
                    print(line)


# ---------------------------------------------------------------- NER
def eval_ner(rep: Report) -> None:
    rows = _load("ner.jsonl")
    tp, fp, fn = defaultdict(int), defaultdict(int), defaultdict(int)
    ltp, lfp, lfn = defaultdict(int), defaultdict(int), defaultdict(int)
    for i, row in enumerate(rows):
        text = row["text"]
        gold = {(e["start"], e["end"], e["type"]) for e in row["entities"]}
        pred = {(e.start, e.end, e.type) for e in marsad.analyze(text).entities if e.type in TYPES}
        for g in gold:
            if g in pred:
                tp[g[2]] += 1
            else:
                fn[g[2]] += 1
                near = [p for p in pred if _overlap(p[0], p[1], g[0], g[1])]
                how = ("boundary/type: " + ", ".join(f"{text[p[0]:p[1]]}/{p[2]}" for p in near)) if near else "missed"
                rep.err("ner", f"[{i}] FN {g[2]} «{text[g[0]:g[1]]}»  ({how})")
        for p in pred - gold:
            fp[p[2]] += 1
            if not any(_overlap(p[0], p[1], g[0], g[1]) for g in gold):
                rep.err("ner", f"[{i}] FP {p[2]} «{text[p[0]:p[1]]}»")
        # lenient: overlap with same type, one-to-one greedy
        used: set = set()
        for g in sorted(gold):
            m = next((p for p in sorted(pred) if p not in used and p[2] == g[2]
                      and _overlap(p[0], p[1], g[0], g[1])), None)
            if m:
                used.add(m)
                ltp[g[2]] += 1
            else:
                lfn[g[2]] += 1
        for p in pred - used:
            lfp[p[2]] += 1
    for t in TYPES:
        p, r, f = _prf(tp[t], fp[t], fn[t])
        rep.add("ner (exact)", t, f"P {_pct(p)}  R {_pct(r)}  F1 {_pct(f)}   (gold {tp[t] + fn[t]}, pred {tp[t] + fp[t]})")
    p, r, f = _prf(sum(tp.values()), sum(fp.values()), sum(fn.values()))
    rep.add("ner (exact)", "micro", f"P {_pct(p)}  R {_pct(r)}  F1 {_pct(f)}")
    for t in TYPES:
        p, r, f = _prf(ltp[t], lfp[t], lfn[t])
        rep.add("ner (overlap)", t, f"P {_pct(p)}  R {_pct(r)}  F1 {_pct(f)}")
    p, r, f = _prf(sum(ltp.values()), sum(lfp.values()), sum(lfn.values()))
    rep.add("ner (overlap)", "micro", f"P {_pct(p)}  R {_pct(r)}  F1 {_pct(f)}")


# ---------------------------------------------------------------- numbers
def _close(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(float(a) - float(b)) <= 1e-6 * max(1.0, abs(float(b)))


def _q_ok(g: dict, p) -> bool:
    if p.qualifier != g["qualifier"]:
        return False
    if g["qualifier"] == "vague":
        return True
    if g["qualifier"] == "range":
        return _close(p.low, g["low"]) and _close(p.high, g["high"])
    return _close(p.value, g["value"])


def eval_numbers(rep: Report) -> None:
    rows = _load("numbers.jsonl")
    n_gold = found = correct = 0
    fp_all = fp_nonq = nonq_sent_fp = 0
    by_q = defaultdict(lambda: [0, 0, 0])   # qualifier -> gold, found, correct
    n_nonq = sum(1 for r in rows if r["kind"] == "non_quantity")
    for i, row in enumerate(rows):
        text = row["text"]
        pred = list(marsad.analyze(text).quantities)
        for g in row["quantities"]:
            n_gold += 1
            by_q[g["qualifier"]][0] += 1
            hits = [p for p in pred if _overlap(p.start, p.end, g["start"], g["end"])]
            if not hits:
                rep.err("numbers", f"[{i}] MISS «{g['text']}» ({g['qualifier']} {g['value'] if g['qualifier'] != 'range' else (g['low'], g['high'])})  in: {text}")
                continue
            found += 1
            by_q[g["qualifier"]][1] += 1
            if any(_q_ok(g, p) for p in hits):
                correct += 1
                by_q[g["qualifier"]][2] += 1
            else:
                p = hits[0]
                got = (p.low, p.high) if p.qualifier == "range" else p.value
                want = (g["low"], g["high"]) if g["qualifier"] == "range" else g["value"]
                rep.err("numbers", f"[{i}] VALUE «{g['text']}» gold {g['qualifier']} {want} / got «{p.text}» {p.qualifier} {got}")
        extra = [p for p in pred if not any(_overlap(p.start, p.end, g["start"], g["end"]) for g in row["quantities"])]
        fp_all += len(extra)
        if row["kind"] == "non_quantity":
            fp_nonq += len(extra)
            nonq_sent_fp += bool(extra)
        for p in extra:
            rep.err("numbers", f"[{i}] FP «{p.text}» {p.qualifier} {p.value}  in: {text}")
    rep.add("numbers", "recall (overlap)", f"{_pct(found / n_gold)}  ({found}/{n_gold})")
    rep.add("numbers", "value+qualifier acc (all gold)", f"{_pct(correct / n_gold)}  ({correct}/{n_gold})")
    rep.add("numbers", "value+qualifier acc (found)", f"{_pct(correct / found if found else 0)}  ({correct}/{found})")
    for q, (g, f, c) in sorted(by_q.items()):
        rep.add("numbers", f"  {q}", f"found {f}/{g}, correct {c}/{g}")
    rep.add("numbers", "false positives (all sentences)", str(fp_all))
    rep.add("numbers", "FP on non-quantity sentences", f"{fp_nonq} predictions; {nonq_sent_fp}/{n_nonq} sentences with any")


# ---------------------------------------------------------------- dates
def eval_dates(rep: Report) -> None:
    rows = _load("dates.jsonl")
    n = found = correct = n_end = end_ok = 0
    for i, row in enumerate(rows):
        text = row["text"]
        pred = list(marsad.analyze(text, published=row["published"]).dates)
        for g in row["dates"]:
            n += 1
            hits = [p for p in pred if _overlap(p.start, p.end, g["start"], g["end"])]
            if not hits:
                rep.err("dates", f"[{i}] MISS «{g['text']}» = {g['value']}  (pub {row['published']})  in: {text}")
                continue
            found += 1
            if any(p.value == g["value"] for p in hits):
                correct += 1
            else:
                rep.err("dates", f"[{i}] VALUE «{g['text']}» gold {g['value']} / got «{hits[0].text}» {hits[0].value}  (pub {row['published']})")
            if "end_value" in g:
                n_end += 1
                if any(p.end_value == g["end_value"] for p in hits):
                    end_ok += 1
                else:
                    rep.err("dates", f"[{i}] END «{g['text']}» gold end {g['end_value']} / got {[p.end_value for p in hits]}")
        for p in pred:
            if not any(_overlap(p.start, p.end, g["start"], g["end"]) for g in row["dates"]):
                rep.err("dates", f"[{i}] FP «{p.text}» {p.value}")
    rep.add("dates", "recall (overlap)", f"{_pct(found / n)}  ({found}/{n})")
    rep.add("dates", "exact value acc (all gold)", f"{_pct(correct / n)}  ({correct}/{n})")
    rep.add("dates", "exact value acc (found)", f"{_pct(correct / found if found else 0)}  ({correct}/{found})")
    rep.add("dates", "range end_value acc", f"{end_ok}/{n_end}")


# ---------------------------------------------------------------- attribution
def _same_name(pred: str | None, gold: str | None) -> bool:
    if pred is None or gold is None:
        return pred is None and gold is None
    a, b = normalize(pred).strip(), normalize(gold).strip()
    return bool(a) and bool(b) and (a in b or b in a)


def eval_attribution(rep: Report) -> None:
    rows = _load("attribution.jsonl")
    chain_ok = first_ok = last_ok = n_chain = 0
    q_n = q_found = q_ok = 0
    for i, row in enumerate(rows):
        text = row["text"]
        a = marsad.analyze(text)
        chains = [x.chain for x in a.attributions if x.chain]
        pred = chains[0] if chains else []
        gold = row["chain"]
        ok = len(pred) == len(gold) and all(_same_name(p, g) for p, g in zip(pred, gold))
        chain_ok += ok
        if gold:
            n_chain += 1
            first_ok += bool(pred) and _same_name(pred[0], gold[0])
            last_ok += bool(pred) and _same_name(pred[-1], gold[-1])
        if not ok:
            rep.err("attribution", f"[{i}] CHAIN gold {gold} / got {pred}  :: {text[:90]}…")
        for g in row["quotes"]:
            q_n += 1
            key = normalize(g["quote_starts"])
            hit = next((q for q in a.quotes if key in normalize(q.text)
                        or normalize(q.text).strip("«»\" ").startswith(key)), None)
            if hit is None:
                rep.err("attribution", f"[{i}] QUOTE MISS «{g['quote_starts']}…» speaker {g['speaker']}")
                continue
            q_found += 1
            if _same_name(hit.speaker, g["speaker"]):
                q_ok += 1
            else:
                rep.err("attribution", f"[{i}] SPEAKER «{g['quote_starts']}…» gold {g['speaker']} / got {hit.speaker}")
    rep.add("attribution", "chain exact match", f"{_pct(chain_ok / len(rows))}  ({chain_ok}/{len(rows)})")
    rep.add("attribution", "first link (reporter) ok", f"{first_ok}/{n_chain}")
    rep.add("attribution", "last link (origin) ok", f"{last_ok}/{n_chain}")
    rep.add("attribution", "quote recall", f"{_pct(q_found / q_n)}  ({q_found}/{q_n})")
    rep.add("attribution", "speaker acc (all gold quotes)", f"{_pct(q_ok / q_n)}  ({q_ok}/{q_n})")
    rep.add("attribution", "speaker acc (found quotes)", f"{_pct(q_ok / q_found if q_found else 0)}  ({q_ok}/{q_found})")


# ---------------------------------------------------------------- same story
def _article(aid: str, text: str, published: str, outlet: str) -> Article:
    art = Article(id=aid, source=f"heldout/{aid}", text=text, outlet=outlet, published=published,
                  title=text.split("،")[0][:80])
    art.analysis = marsad.analyze(text, published=published)
    return art


def _pair_scores(rows: list[dict], same_pred: list[bool]) -> tuple[float, float, float, int, int, int]:
    tp = sum(1 for r, s in zip(rows, same_pred) if r["same"] and s)
    fp = sum(1 for r, s in zip(rows, same_pred) if not r["same"] and s)
    fn = sum(1 for r, s in zip(rows, same_pred) if r["same"] and not s)
    return (*_prf(tp, fp, fn), tp, fp, fn)


def eval_same_story(rep: Report) -> None:
    from marsad.stories.service import group
    rows = _load("same_story.jsonl")
    arts = []
    for i, r in enumerate(rows):
        arts.append(_article(f"p{i:02d}a", r["a"], r["a_published"], f"outlet-{i}-a"))
        arts.append(_article(f"p{i:02d}b", r["b"], r["b_published"], f"outlet-{i}-b"))
    stories, _ = group(arts)
    glob = [stories.get(f"p{i:02d}a") == stories.get(f"p{i:02d}b") for i in range(len(rows))]
    alone = []
    for i in range(len(rows)):
        s, _ = group([arts[2 * i], arts[2 * i + 1]])
        alone.append(s.get(f"p{i:02d}a") == s.get(f"p{i:02d}b"))
    for label, pred in (("all 80 together", glob), ("each pair alone", alone)):
        p, r, f, tp, fp, fn = _pair_scores(rows, pred)
        rep.add("same_story", label, f"P {_pct(p)}  R {_pct(r)}  F1 {_pct(f)}   (tp {tp}, fp {fp}, fn {fn})")
    for i, (r, s) in enumerate(zip(rows, glob)):
        if r["same"] != s:
            kind = "SPLIT (gold same)" if r["same"] else "MERGED (gold different)"
            rep.err("same_story", f"[{i}] {kind}: {r['a'][:70]}… || {r['b'][:70]}…")


TASKS = {"ner": eval_ner, "numbers": eval_numbers, "dates": eval_dates,
         "attribution": eval_attribution, "same_story": eval_same_story}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("tasks", nargs="*", help="any of: " + ", ".join(TASKS))
    ap.add_argument("--errors", action="store_true", help="list misses and false alarms")
    args = ap.parse_args(argv)
    unknown = [t for t in args.tasks if t not in TASKS]
    if unknown:
        ap.error(f"unknown task(s): {', '.join(unknown)}")
    rep = Report(args.errors)
    for name in args.tasks or TASKS:
        TASKS[name](rep)
    rep.print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
