"""Exact-span scoring of an entity finder on CoNLL sentences, by corpus tokens.

A found entity covers every corpus token its characters touch, so a name that starts after a
proclitic (`الهند` inside `والهند`) covers the whole token as the annotation does. A found entity
counts when its first token, last token and type equal an annotated one; MISC is scored on its own
and left out of the micro figure, which is over PER, ORG and LOC.
"""
from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from marsad.learn.conll import Sentence, as_text, entities, token_spans

__all__ = ["SCORED", "Score", "score_finder", "score_spans"]

SCORED = ("PER", "ORG", "LOC")
Span = tuple[int, int, int, str]           # sentence, first token, last token, type


@dataclass
class Score:
    tp: Counter = field(default_factory=Counter)
    fp: Counter = field(default_factory=Counter)
    fn: Counter = field(default_factory=Counter)

    def prf(self, etype: str | None = None) -> tuple[float, float, float]:
        types = SCORED if etype is None else (etype,)
        tp = sum(self.tp[t] for t in types)
        fp = sum(self.fp[t] for t in types)
        fn = sum(self.fn[t] for t in types)
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def row(self) -> dict[str, float]:
        p, r, f = self.prf()
        out = {"P": p, "R": r, "F1": f}
        for t in (*SCORED, "MISC"):
            out[t] = self.prf(t)[2]
        return out


def score_spans(gold: Iterable[Span], pred: Iterable[Span]) -> Score:
    gold, pred = set(gold), set(pred)
    score = Score()
    for span in pred:
        (score.tp if span in gold else score.fp)[span[3]] += 1
    for span in gold - pred:
        score.fn[span[3]] += 1
    return score


def gold_spans(sentences: list[Sentence]) -> list[Span]:
    return [(s, a, b, t) for s, sent in enumerate(sentences) for a, b, t in entities(sent.tags)]


def to_tokens(sentence: Sentence, start: int, end: int) -> tuple[int, int]:
    """First and last corpus token that the characters [start, end) of `as_text(sentence)` touch."""
    starts = [a for a, _ in token_spans(sentence)]
    return bisect_right(starts, start) - 1, bisect_right(starts, end - 1) - 1


def score_finder(sentences: list[Sentence], find: Callable[[str], Iterable[tuple[int, int, str]]]) -> Score:
    """Score `find(text) -> (start, end, type)...` on `sentences`."""
    pred: list[Span] = []
    for s, sentence in enumerate(sentences):
        for start, end, etype in find(as_text(sentence)):
            first, last = to_tokens(sentence, start, end)
            pred.append((s, first, last, etype))
    return score_spans(gold_spans(sentences), pred)
