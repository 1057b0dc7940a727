"""Train the same-event pair model (`marsad.stories.pairs`) from hand-judged stories.

Each judged story (a `stories` item of `benchmarks/audits/stories_audit*.jsonl`: its articles and
the ones judged foreign to its main event) gives pairs: two main-event articles are one event, a
main-event article and a foreign one are two (two foreign articles say nothing). Their profiles are
read from the corpus (only the judged articles analysed) or from a database that holds them. The
weights are a logistic regression fitted by Newton's method with a small ridge, so the same pairs
give the same model; five folds by story estimate how it does on stories it has not seen.

    python -m marsad.learn.pair_model --corpus ../shared/corpora/saudinewsnet \\
        benchmarks/audits/stories_audit.jsonl benchmarks/audits/stories_audit_2.jsonl ... \\
        --out src/marsad/stories/data/pair_model.json

(`make train` runs it on the audits the shipped model was trained on, PAIR_AUDITS in the Makefile;
an audit drawn to measure the model, such as seed 22's `stories_audit_7.jsonl`, stays out;
`--db` reads the judged articles from an ingest of the corpus instead: the same model, faster.)
"""
from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

import numpy as np

from marsad.model import Article
from marsad.stories.features import TermWeights
from marsad.stories.pairs import FEATURES, PairModel, Profile, pair_features

__all__ = ["fit_logistic", "judged_pairs", "main", "train"]


def judged_pairs(lines: Iterable[str]) -> list[tuple[str, str, str, int]]:
    """(story, article, article, 1 if one event else 0) of every judged pair in audit lines."""
    pairs = []
    for line in lines:
        item = json.loads(line)
        if item.get("set") != "stories" or "verdict" not in item:
            continue
        ids = [a["id"] for a in item["articles"]]
        foreign = set(item["verdict"].get("foreign") or [])
        for a, b in itertools.combinations(ids, 2):
            if a in foreign and b in foreign:
                continue
            pairs.append((item["story"], a, b, int(a not in foreign and b not in foreign)))
    return pairs


def fit_logistic(x: np.ndarray, y: np.ndarray, ridge: float = 1.0, steps: int = 50) -> tuple[np.ndarray, float]:
    """Weights and bias of an L2-regularised logistic regression (the bias is not penalised)."""
    xb = np.column_stack([x, np.ones(len(x))])
    w = np.zeros(xb.shape[1])
    penalty = np.full(xb.shape[1], ridge)
    penalty[-1] = 0.0
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-(xb @ w)))
        grad = xb.T @ (p - y) + penalty * w
        hess = (xb * (p * (1 - p))[:, None]).T @ xb + np.diag(penalty)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-10:
            break
    return w[:-1], float(w[-1])


def _auc(scores: np.ndarray, labels: np.ndarray) -> float:
    order = np.argsort(scores, kind="stable")
    ranks = np.empty(len(scores))
    ranks[order] = np.arange(1, len(scores) + 1)
    pos = labels == 1
    n_pos, n_neg = pos.sum(), (~pos).sum()
    return float((ranks[pos].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg)) if n_pos and n_neg else 0.0


def _fold(story: str, folds: int) -> int:
    return int(hashlib.blake2b(story.encode(), digest_size=4).hexdigest(), 16) % folds


def train(pairs: list[tuple[str, str, str, int]], profiles: dict[str, Profile], threshold: float = 0.5,
          folds: int = 5) -> PairModel:
    """The model over the pairs whose two articles have profiles, with cross-validated figures."""
    rows = [(s, a, b, y) for s, a, b, y in pairs if a in profiles and b in profiles]
    x = np.array([pair_features(profiles[a], profiles[b]) for _, a, b, _ in rows], dtype=float)
    y = np.array([label for *_, label in rows], dtype=float)
    fold = np.array([_fold(s, folds) for s, *_ in rows])
    held = np.zeros(len(rows))
    for k in range(folds):
        w, bias = fit_logistic(x[fold != k], y[fold != k])
        held[fold == k] = 1.0 / (1.0 + np.exp(-(x[fold == k] @ w + bias)))
    w, bias = fit_logistic(x, y)
    same, other = y == 1, y == 0
    meta = {"trained_on": {"pairs": len(rows), "same_event": int(same.sum()), "two_events": int(other.sum()),
                           "stories": len({s for s, *_ in rows})},
            "cross_validated": {"folds": folds, "auc": round(_auc(held, y), 4),
                                "same_event_kept": round(float((held[same] >= threshold).mean()), 4),
                                "two_events_kept": round(float((held[other] >= threshold).mean()), 4)}}
    return PairModel(tuple(round(float(v), 6) for v in w), round(bias, 6), threshold, meta)


def _stored(db: str, ids: set[str]) -> Iterator[Article]:
    """The judged articles as a database holds them (an ingest of the corpus)."""
    from marsad.store import open_store

    with open_store(db) as store:
        for article_id in sorted(ids):
            if (article := store.get(article_id)) is not None:
                yield article


def _read(corpus: Path, ids: set[str]) -> Iterator[Article]:
    """The judged articles read from the corpus itself, only they analysed."""
    from marsad.extract import analyze
    from marsad.pipeline import read_articles

    for article in read_articles([corpus]):
        if isinstance(article, Article) and article.id in ids:
            article.analysis = analyze(article.text, published=article.published, outlet=article.outlet)
            yield article


def _profiles(articles: Iterable[Article]) -> dict[str, Profile]:
    from marsad.stories.service import story_doc

    weights, out = TermWeights(), {}
    for article in articles:
        profile = story_doc(article).profile if article.text.strip() else None
        if profile is not None:
            profile.weigh(lambda counts, top: weights.vector(counts, top=top))
            out[article.id] = profile
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m marsad.learn.pair_model", description=__doc__.split("\n\n")[0])
    parser.add_argument("audits", nargs="+", type=Path, help="audit JSONL files with judged stories")
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--db", help="database holding the judged articles (an ingest of the corpus)")
    source.add_argument("--corpus", type=Path, help="the corpus itself (only the judged articles are analysed)")
    parser.add_argument("--out", type=Path, required=True, help="where to write the model (JSON)")
    parser.add_argument("--threshold", type=float, default=0.5, help="probability from which a pair is one event")
    args = parser.parse_args(argv)
    pairs = [p for path in args.audits for p in judged_pairs(path.read_text(encoding="utf-8").splitlines())]
    ids = {i for _, a, b, _ in pairs for i in (a, b)}
    profiles = _profiles(_stored(args.db, ids) if args.db else _read(args.corpus, ids))
    model = train(pairs, profiles, args.threshold)
    model.meta["audits"] = sorted(p.name for p in args.audits)
    args.out.write_text(json.dumps(model.to_dict(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(model.meta, ensure_ascii=False), file=sys.stderr)
    print(dict(zip(FEATURES, model.weights)), model.bias, file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
