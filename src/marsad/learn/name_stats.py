"""How often each word sits inside a name that marsad's tables and rules find in raw news.

Why: the annotated corpora are small, and a word the tagger never saw in them ("فولكسفاغن",
"الريان", a rare surname) has often been seen thousands of times in raw news after "شركة", "نادي"
or a title. Counting, over a large unlabelled corpus, the share of a word's occurrences that fall
inside a PER, ORG or LOC mention gives a per-word prior the tagger can learn to trust or not.
`marsad.learn.build` runs it and writes the table.
"""
from __future__ import annotations

from collections import Counter
from multiprocessing import Pool

from marsad.extract.entities import rule_mentions
from marsad.extract.entity_doc import Doc

__all__ = ["TYPES", "count_names", "name_shares"]

TYPES = ("PER", "ORG", "LOC")
MIN_COUNT = 4
STEPS = 4            # shares are written as 0..STEPS (quarters)


def count_names(text: str) -> tuple[Counter, dict[str, Counter]]:
    """(occurrences of each folded word, occurrences inside a mention of each type) in `text`."""
    doc = Doc(text)
    total = Counter(doc.norms)
    inside: dict[str, Counter] = {t: Counter() for t in TYPES}
    if len(doc):
        rule_mentions(doc)
        for m in doc.mentions:
            if m.type in inside:
                inside[m.type].update(doc.norms[m.first:m.last + 1])
    return total, inside


def name_shares(texts, workers: int = 2) -> dict[str, tuple[int, ...]]:
    """Folded word -> share (0..STEPS) of its occurrences inside a PER, ORG and LOC mention, for the
    words seen MIN_COUNT times and inside some mention at least once."""
    total: Counter = Counter()
    inside: dict[str, Counter] = {t: Counter() for t in TYPES}
    with Pool(workers) as pool:
        for t, i in pool.imap(count_names, texts, chunksize=64):
            total.update(t)
            for k in TYPES:
                inside[k].update(i[k])
    out = {}
    for word, n in total.items():
        if n < MIN_COUNT:
            continue
        shares = tuple(round(STEPS * inside[k][word] / n) for k in TYPES)
        if any(shares):
            out[word] = shares
    return out
