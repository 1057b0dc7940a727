"""Train the entity tagger (a CRF) from CoNLL corpora, with the same features analysis uses.

    python -m marsad.learn.train_ner --out ner.npz CORPUS.txt... [--hold-out FILE:TOKENS]
    then marsad.extract.tagger.load_model("ner.npz") makes analysis use it

Each sentence is laid out as text and read by marsad exactly as an article is (tokens, tables,
rules); a marsad token takes the tag of the corpus token that holds it (B- for the first piece, I-
for the rest), so clitics and punctuation glued to words in the corpus line up with marsad's
tokens. Training is deterministic: L-BFGS over a fixed sentence order.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from bisect import bisect_right
from collections.abc import Iterator
from pathlib import Path

from marsad.extract.crf import from_crfsuite
from marsad.extract.entities import rule_mentions
from marsad.extract.entity_doc import Doc
from marsad.extract.tagger import rule_tags
from marsad.extract.tagger_features import doc_features
from marsad.learn.conll import Sentence, as_text, read_conll, split_tail, token_spans

__all__ = ["PARAMS", "labelled", "load_corpora", "train"]

PARAMS = {"c1": 0.1, "c2": 0.1, "max_iterations": 200, "feature.possible_transitions": True}


def doc_labels(sentence: Sentence, doc: Doc) -> list[str]:
    """The corpus tag of each marsad token of `doc` (made from `as_text(sentence)`)."""
    starts = [a for a, _ in token_spans(sentence)]
    labels, previous = [], -1
    for start in doc.starts:
        k = bisect_right(starts, start) - 1
        tag = sentence.tags[k]
        if tag != "O" and k == previous:
            tag = "I-" + tag[2:]          # the second piece of one corpus token
        labels.append(tag)
        previous = k
    return labels


def labelled(sentences: list[Sentence], domain: str = "") -> Iterator[tuple[list[tuple[str, ...]], list[str]]]:
    """(features, labels) of each sentence, as marsad tokenizes it. With a `domain`, every feature
    also gets a copy of that domain's own, which analysis never sees: what is peculiar to one
    corpus's text or annotation habits (Wikipedia's MISC) is learned by the copies, and the shared
    weights keep what holds for news."""
    for sentence in sentences:
        doc = Doc(as_text(sentence))
        if not len(doc):
            continue
        rule_mentions(doc)
        features = doc_features(doc, rule_tags(doc))
        if domain:
            features = [f + tuple(f"{domain}~{x}" for x in f) for f in features]
        yield features, doc_labels(sentence, doc)


def load_corpora(specs: list[str], hold_out: dict[str, int]) -> list[Sentence]:
    """Sentences of each file; a file named in `hold_out` loses its last N tokens (the dev part)."""
    out: list[Sentence] = []
    for spec in specs:
        sentences = read_conll(spec)
        tail = hold_out.get(Path(spec).name)
        if tail:
            sentences, _ = split_tail(sentences, tail)
        out += sentences
    return out


def train(parts: list[tuple[list[Sentence], str]], out: Path, params: dict | None = None) -> int:
    """Train a CRF on `parts` (sentences, domain: "" for news) and write it to `out` as a NumPy
    model (`marsad.extract.crf`); returns the number of training sequences."""
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    count = 0
    for sentences, domain in parts:
        for xseq, yseq in labelled(sentences, domain):
            trainer.append(xseq, yseq)
            count += 1
    trainer.set_params({**PARAMS, **(params or {})})
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp) / "model.crfsuite"
        trainer.train(str(raw))
        from_crfsuite(raw).save(out)
    return count


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(prog="python -m marsad.learn.train_ner", description=__doc__.split("\n\n")[0])
    ap.add_argument("corpora", nargs="+", help="CoNLL files (TOKEN TAG per line)")
    ap.add_argument("--out", type=Path, required=True, help="where to write the model (.npz)")
    ap.add_argument("--hold-out", action="append", default=[], metavar="FILE:TOKENS",
                    help="leave out the last TOKENS tokens of FILE (a dev part), e.g. anercorp-train.txt:12500")
    ap.add_argument("--iterations", type=int, default=PARAMS["max_iterations"])
    args = ap.parse_args(argv)
    hold_out = {name: int(n) for name, _, n in (h.rpartition(":") for h in args.hold_out)}
    started = time.perf_counter()
    count = train([(load_corpora(args.corpora, hold_out), "")], args.out, {"max_iterations": args.iterations})
    print(f"trained on {count:,} sentences in {time.perf_counter() - started:.0f} s -> {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
