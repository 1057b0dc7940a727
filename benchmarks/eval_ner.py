"""Entity finder on annotated public corpora: the learned tagger and the rules, side by side.

    python benchmarks/eval_ner.py                    # trains a dev model (about 2 minutes), then scores
    python benchmarks/eval_ner.py --model M.npz      # scores a model you trained
    python benchmarks/eval_ner.py --errors 30        # and a sample of misses and false alarms

Data: ../shared/corpora/ner (read its README). Dev parts: the last 12,500 tokens of
anercorp-train.txt (cut at a sentence end) and aqmar-dev.txt; the dev model is trained on the
rest with the shipped word tables (which never saw the dev parts), so its figures are held out.
Scoring (`marsad.learn.ner_score`): exact spans by corpus tokens (a name that starts after a
proclitic covers its whole token), per type and micro over PER, ORG, LOC; MISC shown apart.
Each sentence is analysed on its own, as `marsad.analyze` would be on a one-sentence text.
Skips (exit 0) when ../shared is absent.
"""
from __future__ import annotations

import argparse
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("MARSAD_SHARED", ROOT.parent / "shared"))
RESULTS = ROOT / "benchmarks" / "results"
sys.path.insert(0, str(ROOT / "src"))

from marsad.extract import tagger
from marsad.extract.entities import find_entities, find_entities_by_rules
from marsad.learn.conll import Sentence, as_text
from marsad.learn.ner_score import Score, gold_spans, score_finder, to_tokens


def _spans(find):
    return lambda text: [(e.start, e.end, e.type) for e in find(text)]


def _errors(name: str, sentences: list[Sentence], find, count: int) -> None:
    gold = set(gold_spans(sentences))
    pred = set()
    for s, sent in enumerate(sentences):
        for start, end, etype in _spans(find)(as_text(sent)):
            a, b = to_tokens(sent, start, end)
            pred.add((s, a, b, etype))
    rng = random.Random(1)
    for label, items in (("missed", sorted(gold - pred)), ("false", sorted(pred - gold))):
        items = [x for x in items if x[3] != "MISC"]
        print(f"\n--- {name}: {label} ({len(items)}), {min(count, len(items))} at random")
        for s, a, b, etype in rng.sample(items, min(count, len(items))):
            toks = sentences[s].tokens
            print(f"{etype:4} {' '.join(toks[max(0, a - 5):a])} [{' '.join(toks[a:b + 1])}] {' '.join(toks[b + 1:b + 5])}")


def _row(corpus: str, finder: str, score: Score) -> str:
    r = score.row()
    return (f"| {corpus} | {finder} | {100 * r['P']:.1f} | {100 * r['R']:.1f} | **{100 * r['F1']:.1f}** | "
            f"{100 * r['PER']:.1f} | {100 * r['ORG']:.1f} | {100 * r['LOC']:.1f} | {100 * r['MISC']:.1f} |")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--model", type=Path, help="a model to score instead of training a dev model")
    ap.add_argument("--errors", type=int, default=0, help="print this many misses and false alarms per corpus")
    args = ap.parse_args(argv)
    if not (SHARED / "corpora" / "ner").is_dir():
        print(f"skipped: {SHARED}/corpora/ner is absent")
        return
    from marsad.learn.build import DevSplit

    split = DevSplit(SHARED)
    model = args.model
    if model is None:
        from marsad.learn.train_ner import train

        model = RESULTS / "ner-dev.npz"
        started = time.perf_counter()
        count = train(split.training(with_dev=False), model)
        print(f"dev model: {count:,} training sentences, {time.perf_counter() - started:.0f} s -> {model}")
    tagger.load_model(model)
    print("\n| corpus (dev part) | finder | P | R | F1 | PER | ORG | LOC | MISC |\n|---|---|---|---|---|---|---|---|---|")
    for corpus, sentences in (("ANERcorp", split.aner_dev), ("AQMAR", split.aqmar_dev)):
        finders = (("marsad (tagger + known names)", find_entities),
                   ("tagger alone", lambda text: find_entities(text, known_names=False)),
                   ("rules (before)", find_entities_by_rules))
        for finder, find in finders:
            print(_row(corpus, finder, score_finder(sentences, _spans(find))))
    for corpus, sentences in (("ANERcorp", split.aner_dev), ("AQMAR", split.aqmar_dev)):
        if args.errors:
            _errors(corpus, sentences, find_entities, args.errors)
    tagger.load_model()


if __name__ == "__main__":
    main()
