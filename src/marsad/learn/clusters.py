"""Word clusters learned without labels: word2vec over raw news, then k-means at a few granularities.

Why: the annotated corpora hold ~180k tokens, so most names a tagger meets in the wild were never
seen in training. Words used in the same contexts (given names, towns, ministries, clubs) land in
the same cluster, and a cluster id is a feature the tagger can learn from the words it did see.

Deterministic for the same input: one word2vec worker, a fixed seed and a hash function that does
not depend on PYTHONHASHSEED, and k-means with a fixed random state. `marsad.learn.build` runs it.
"""
from __future__ import annotations

import gzip
import hashlib
import json
import math
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from marsad.text import normalize
from marsad.text.tokenize import WORD_RE, sentences

__all__ = ["LEVELS", "learn_clusters", "learn_vectors", "sentences_of", "texts_of", "write_word_table"]

LEVELS = (64, 256, 1024)        # k of each k-means; a word gets one id per level
MIN_COUNT = 4


def _stable_hash(word: str) -> int:
    return int.from_bytes(hashlib.blake2b(word.encode("utf-8"), digest_size=8).digest(), "little")


def texts_of(paths: Iterable[Path]) -> Iterator[str]:
    for path in paths:
        if path.suffix == ".zip":
            with zipfile.ZipFile(path) as zf:
                for name in sorted(zf.namelist()):
                    for record in json.loads(zf.read(name)):
                        if record.get("content"):
                            yield record["content"]
        else:
            yield path.read_text(encoding="utf-8")


def sentences_of(text: str) -> Iterator[list[str]]:
    """Folded word tokens of each sentence of `text`."""
    for start, end in sentences(text):
        words = [normalize(m.group()) for m in WORD_RE.finditer(text, start, end)]
        if len(words) > 1:
            yield words


def learn_vectors(corpus: list[list[str]], dims: int = 100, epochs: int = 5, seed: int = 7):
    """Skip-gram word vectors (a gensim KeyedVectors) of the words seen at least MIN_COUNT times."""
    from gensim.models import Word2Vec

    model = Word2Vec(corpus, vector_size=dims, window=5, min_count=MIN_COUNT, sg=1, negative=5,
                     epochs=epochs, workers=1, seed=seed, hashfxn=_stable_hash, sample=1e-4)
    return model.wv


def learn_clusters(wv, levels: tuple[int, ...] = LEVELS, seed: int = 7) -> dict[str, tuple[int, ...]]:
    """Word -> (one cluster id per level, log2 of its count) for the words of `wv`."""
    from sklearn.cluster import KMeans

    words = list(wv.index_to_key)
    vectors = wv.get_normed_vectors()
    ids = []
    for k in levels:
        km = KMeans(n_clusters=k, n_init=1, random_state=seed, max_iter=100)
        ids.append(km.fit_predict(vectors))
    return {w: (*(int(level[i]) for level in ids), int(math.log2(wv.get_vecattr(w, "count"))))
            for i, w in enumerate(words)}


def write_word_table(table: dict[str, tuple], path: Path) -> None:
    """Sorted gzip TSV (folded word, its values), without a timestamp: equal input, equal bytes.
    `marsad.extract.tagger_features.read_word_table` reads it back."""
    lines = "".join(f"{w}\t{' '.join(map(str, values))}\n" for w, values in sorted(table.items()))
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as fh:
        fh.write(lines.encode("utf-8"))
