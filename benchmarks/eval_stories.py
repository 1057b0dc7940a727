"""Same-story grouping quality on the team's development data, for choosing the grouping knobs.

    python benchmarks/eval_stories.py                      # default ClusterSettings
    python benchmarks/eval_stories.py threshold=0.12 min_shared=3

Reports pair precision/recall/F1 on
  demo   the planted stories of examples/MANIFEST.json (every pair of the 50 articles);
  pairs  tests/stories/data/pairs_dev.jsonl: 30 same-event and 30 hard different-event pairs, all
         grouped together and each pair alone.
The held-out pairs (tests/heldout, benchmarks/eval_heldout.py) are not used here: they measure, they
do not tune.
"""
from __future__ import annotations

import itertools
import json
import sys
from dataclasses import fields
from pathlib import Path

import marsad
from marsad.model import Article
from marsad.pipeline import read_articles
from marsad.stories.cluster import ClusterSettings
from marsad.stories.service import group

ROOT = Path(__file__).resolve().parents[1]


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def demo_pairs(settings: ClusterSettings) -> tuple[int, int, int]:
    examples = ROOT / "examples"
    manifest = json.loads((examples / "MANIFEST.json").read_text("utf-8"))
    articles = [a for a in read_articles([examples], with_analysis=True) if isinstance(a, Article)]
    by_locator = {a.source.split("examples/", 1)[-1]: a for a in articles}
    gold = {by_locator[loc].id: story["id"] for story in manifest["stories"] for loc in story["articles"]}
    gold.update({by_locator[loc].id: loc for loc in manifest["standalone"]})
    assignment, _ = group(articles, settings)
    tp = fp = fn = 0
    for a, b in itertools.combinations(sorted(gold), 2):
        same_gold, same_ours = gold[a] == gold[b], assignment.get(a) == assignment.get(b)
        tp += same_gold and same_ours
        fp += same_ours and not same_gold
        fn += same_gold and not same_ours
    return tp, fp, fn


def _article(aid: str, text: str, published: str) -> Article:
    art = Article(id=aid, source=f"dev/{aid}", text=text, outlet=f"outlet-{aid}", published=published,
                  title=text.split("،")[0].split(".")[0][:80])
    art.analysis = marsad.analyze(text, published=published)
    return art


def dev_pairs(settings: ClusterSettings) -> dict[str, tuple[int, int, int]]:
    rows = [json.loads(line) for line in (ROOT / "tests/stories/data/pairs_dev.jsonl").open(encoding="utf-8")]
    pairs = [(_article(f"p{i:02d}a", r["a"], r["a_published"]), _article(f"p{i:02d}b", r["b"], r["b_published"]))
             for i, r in enumerate(rows)]
    together, _ = group([a for pair in pairs for a in pair], settings)
    out = {}
    for label, same in (("together", [together[a.id] == together[b.id] for a, b in pairs]),
                        ("alone", [len(set(group(list(pair), settings)[0].values())) == 1 for pair in pairs])):
        tp = sum(1 for r, s in zip(rows, same) if r["same"] and s)
        fp = sum(1 for r, s in zip(rows, same) if not r["same"] and s)
        fn = sum(1 for r, s in zip(rows, same) if r["same"] and not s)
        out[label] = (tp, fp, fn)
    return out


def settings_from(args: list[str]) -> ClusterSettings:
    types = {f.name: f.type for f in fields(ClusterSettings)}
    values = {}
    for arg in args:
        name, _, value = arg.partition("=")
        if name not in types:
            raise SystemExit(f"unknown knob {name!r}; knobs: {', '.join(types)}")
        values[name] = float(value) if "float" in str(types[name]) else int(value)
    return ClusterSettings(**values)


def main(argv: list[str] | None = None) -> dict:
    settings = settings_from(sys.argv[1:] if argv is None else argv)
    rows = {"demo pairs": demo_pairs(settings)}
    rows.update({f"dev pairs, {k}": v for k, v in dev_pairs(settings).items()})
    print(settings)
    for label, (tp, fp, fn) in rows.items():
        p, r, f = prf(tp, fp, fn)
        print(f"{label:22s} P {p:.3f}  R {r:.3f}  F1 {f:.3f}   (tp {tp}, fp {fp}, fn {fn})")
    return rows


if __name__ == "__main__":
    main()
