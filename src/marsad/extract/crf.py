"""Decoding a linear-chain CRF without its training library: weights in a NumPy file, Viterbi here.

Why not crfsuite's own tagger at run time: it looks up every feature string of every token (about
30 a token, 500 tokens an article), which costs several times the whole rule finder. Here the
weights of the features that depend on one word alone are summed once per distinct word and kept,
so an article costs one cached vector per token plus a few lookups for what depends on position;
and Viterbi runs only over the stretches of tokens where a name is possible, all stretches of a
text at once, one NumPy step per position (`ChainModel.viterbi`).

The file (`.npz`): `labels` (L), `attributes` (one string, newline-separated), `weights` (A × L,
float32) and `transitions` (L × L, from × to).
"""
from __future__ import annotations

import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import BinaryIO

import numpy as np

__all__ = ["PIN_MARGIN", "ChainModel", "from_crfsuite"]

PIN_MARGIN = 6.0         # emission lead of O above which a token is taken as outside any name


class ChainModel:
    """State weights per feature string and label, transitions, and Viterbi decoding (exact with
    `margin=None`; with the default margin it differs on about one token in 10,000 of news)."""

    def __init__(self, labels: Sequence[str], attributes: Sequence[str], weights: np.ndarray,
                 transitions: np.ndarray) -> None:
        self.labels = list(labels)
        self.index = {a: i for i, a in enumerate(attributes)}
        self.weights = np.asarray(weights, dtype=np.float64)
        self.transitions = np.asarray(transitions, dtype=np.float64)
        self.zero = np.zeros(len(self.labels))
        self.outside = self.labels.index("O") if "O" in self.labels else 0
        self._others = np.array([k for k in range(len(self.labels)) if k != self.outside], dtype=np.intp)
        self._names = np.array(self.labels, dtype=object)

    @classmethod
    def load(cls, path: str | Path | BinaryIO) -> ChainModel:
        with np.load(path, allow_pickle=False) as data:
            return cls([str(x) for x in data["labels"]], str(data["attributes"]).split("\n"),
                       data["weights"], data["transitions"])

    def save(self, path: str | Path) -> None:
        """Write an `.npz` that `load` (and `numpy.load`) reads; equal models give equal bytes
        (the archive's members carry a fixed date, unlike `numpy.savez`'s)."""
        attributes = sorted(self.index, key=self.index.__getitem__)
        arrays = {"labels": np.array(self.labels), "attributes": np.array("\n".join(attributes)),
                  "weights": self.weights.astype(np.float32), "transitions": self.transitions}
        with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            for name, array in arrays.items():
                info = zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                with zf.open(info, "w") as fh:
                    np.lib.format.write_array(fh, array, allow_pickle=False)

    def score(self, features: Iterable[str]) -> np.ndarray:
        """Summed state weights of `features` (unknown ones weigh nothing)."""
        rows = [i for f in features if (i := self.index.get(f)) is not None]
        if not rows:
            return self.zero
        if len(rows) == 1:
            return self.weights[rows[0]]
        return self.weights[rows].sum(axis=0)

    def viterbi(self, emissions: np.ndarray, margin: float | None = PIN_MARGIN) -> list[str]:
        """Best label path for `emissions` (tokens × labels).

        Most tokens of news are plainly outside any name: where O's emission leads every other
        label by more than `margin`, the token is taken as O, and the search runs only over the
        stretches between such tokens, each entered from O and left into O, all stretches at once
        with one NumPy step per position. `margin=None` searches the whole sequence."""
        n = len(emissions)
        o = self.outside
        if not n:
            return []
        if margin is None:
            doubtful = np.arange(n)
        else:
            others = emissions[:, self._others].max(axis=1)
            doubtful = np.flatnonzero(emissions[:, o] - others <= margin)
            if not len(doubtful):
                return [self.labels[o]] * n
        out = np.full(n, o)
        out[doubtful] = self._search(emissions, doubtful, n)
        return self._names[out].tolist()

    def _search(self, emissions: np.ndarray, doubtful: np.ndarray, n: int) -> np.ndarray:
        """Viterbi over each run of consecutive `doubtful` tokens, entered from O unless it starts
        the text and left into O unless it ends it; the labels of the doubtful tokens, in order.
        Runs are sorted longest first, so that step t works on the runs still going only."""
        o, trans = self.outside, self.transitions
        bounds = np.flatnonzero(np.diff(doubtful, prepend=-2, append=-2) != 1)      # where runs start, and the end
        firsts = doubtful[bounds[:-1]]
        lengths = np.diff(bounds)
        order = np.argsort(-lengths, kind="stable")
        firsts, lengths = firsts[order], lengths[order]
        count, steps, size = len(firsts), int(lengths[0]), emissions.shape[1]
        going = np.searchsorted(-lengths, -np.arange(steps), side="left")     # runs longer than t
        inside = np.arange(steps)[None, :] < lengths[:, None]        # run × step: a real token
        padded = np.zeros((count, steps, size))
        padded[inside] = emissions[(firsts[:, None] + np.arange(steps)[None, :])[inside]]
        score = padded[:, 0] + np.where((firsts > 0)[:, None], trans[o][None, :], 0.0)
        back = np.zeros((steps, count, size), dtype=np.intp)
        going_at = going.tolist()
        cand = np.empty((count, size, size))
        for t in range(1, steps):
            k = going_at[t]
            now, best = cand[:k], score[:k]
            np.add(best[:, :, None], trans, out=now)
            now.argmax(axis=1, out=back[t, :k])
            np.maximum.reduce(now, axis=1, out=best)        # the value at the argmax
            best += padded[:k, t]
        leaves = (firsts + lengths < n)[:, None]
        y = (score + np.where(leaves, trans[:, o][None, :], 0.0)).argmax(axis=1)
        path = np.empty((count, steps), dtype=np.intp)
        rows = np.arange(count)
        path[rows, lengths - 1] = y
        for t in range(steps - 1, 0, -1):
            k = going_at[t]
            y[:k] = back[t, rows[:k], y[:k]]
            path[:k, t - 1] = y[:k]
        labels = np.empty(len(doubtful), dtype=np.intp)
        offsets = np.searchsorted(doubtful, firsts)             # where each run's labels go
        labels[(offsets[:, None] + np.arange(steps)[None, :])[inside]] = path[inside]
        return labels


def from_crfsuite(path: str | Path) -> ChainModel:
    """The weights of a crfsuite model file as a ChainModel (for `save`)."""
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    info = tagger.info()
    labels = sorted(info.labels, key=lambda lab: info.labels[lab]) if isinstance(info.labels, dict) \
        else list(tagger.labels())
    label_index = {lab: i for i, lab in enumerate(labels)}
    attributes = sorted({a for a, _ in info.state_features})
    attr_index = {a: i for i, a in enumerate(attributes)}
    weights = np.zeros((len(attributes), len(labels)), dtype=np.float32)
    for (attr, label), w in info.state_features.items():
        weights[attr_index[attr], label_index[label]] = w
    transitions = np.zeros((len(labels), len(labels)))
    for (a, b), w in info.transitions.items():
        transitions[label_index[a], label_index[b]] = w
    return ChainModel(labels, attributes, weights, transitions)
