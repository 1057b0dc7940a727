"""`make train`: rebuild everything the entity tagger ships, from `../shared`, deterministically.

    python -m marsad.learn.build [--shared ../shared] [--out src/marsad/extract/data/tagger] [--dev]

Steps: word clusters (word2vec + k-means) over SaudiNewsNet and the training parts of the
annotated corpora; name shares (how often the rules find each word inside a name) over
SaudiNewsNet; then the CRF. The dev parts (last 12,500 tokens of ANERcorp's file, AQMAR dev)
never feed the clusters; the shipped CRF is trained on everything, a `--dev` build leaves the dev
parts out so that `benchmarks/eval_ner.py` can report held-out figures.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from marsad.extract.tagger_features import CLUSTERS_FILE, NAMES_FILE, read_word_table, set_tables
from marsad.learn.clusters import (
    learn_clusters,
    learn_vectors,
    sentences_of,
    texts_of,
    write_word_table,
)
from marsad.learn.conll import Sentence, as_text, read_conll, split_tail
from marsad.learn.name_stats import name_shares
from marsad.learn.train_ner import train

__all__ = ["ANER_DEV_TOKENS", "MODEL_NAME", "DevSplit"]

ROOT = Path(__file__).resolve().parents[3]
ANER_DEV_TOKENS = 12_500
MODEL_NAME = "ner.npz"


class DevSplit:
    """The annotated corpora of `shared/corpora/ner`, cut into the parts trained on and the dev parts."""

    def __init__(self, shared: Path) -> None:
        ner = shared / "corpora" / "ner"
        self.aner_train, self.aner_dev = split_tail(read_conll(ner / "anercorp-train.txt"), ANER_DEV_TOKENS)
        self.aqmar_train = read_conll(ner / "aqmar-train.txt")
        self.aqmar_dev = read_conll(ner / "aqmar-dev.txt")

    def training(self, with_dev: bool) -> list[tuple[list[Sentence], str]]:
        news = self.aner_train + (self.aner_dev if with_dev else [])
        wiki = self.aqmar_train + (self.aqmar_dev if with_dev else [])
        return [(news, ""), (wiki, "")]


def _step(message: str, started: float) -> None:
    print(f"[{time.perf_counter() - started:6.0f} s] {message}", file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(prog="python -m marsad.learn.build", description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--out", type=Path, default=ROOT / "src" / "marsad" / "extract" / "data" / "tagger")
    ap.add_argument("--dev", action="store_true", help="leave the dev parts out of the CRF's training")
    ap.add_argument("--keep-tables", action="store_true",
                    help="reuse the clusters and name shares already in --out (only retrain the CRF)")
    ap.add_argument("--keep-clusters", action="store_true",
                    help="reuse the word clusters already in --out (they read raw text only, not the entity "
                         "tables); recount the name shares and retrain the CRF")
    args = ap.parse_args(argv)
    news = sorted((args.shared / "corpora" / "saudinewsnet").glob("*.zip"))
    if not news or not (args.shared / "corpora" / "ner").is_dir():
        sys.exit(f"marsad: {args.shared}/corpora (saudinewsnet and ner) is needed to train")
    started = time.perf_counter()
    args.out.mkdir(parents=True, exist_ok=True)
    split = DevSplit(args.shared)
    clusters_path, names_path = args.out / CLUSTERS_FILE, args.out / NAMES_FILE
    keep_clusters = (args.keep_tables or args.keep_clusters) and clusters_path.is_file()
    if not keep_clusters:
        corpus = [s for text in texts_of(news) for s in sentences_of(text)]
        corpus += [s for sent in split.aner_train + split.aqmar_train for s in sentences_of(as_text(sent))]
        _step(f"word vectors over {len(corpus):,} sentences", started)
        vectors = learn_vectors(corpus)
        del corpus
        _step(f"clusters of {len(vectors.index_to_key):,} words", started)
        write_word_table(learn_clusters(vectors), clusters_path)
    if not (args.keep_tables and names_path.is_file()):
        set_tables(clusters=read_word_table(clusters_path))     # name shares peel proclitics by frequency
        _step("name shares over SaudiNewsNet", started)
        write_word_table(name_shares(texts_of(news)), names_path)
    set_tables(clusters=read_word_table(clusters_path), names=read_word_table(names_path))
    _step("training the CRF" + (" (dev parts left out)" if args.dev else ""), started)
    count = train(split.training(with_dev=not args.dev), args.out / MODEL_NAME)
    _step(f"done: {count:,} training sentences -> {args.out / MODEL_NAME}", started)


if __name__ == "__main__":
    main()
