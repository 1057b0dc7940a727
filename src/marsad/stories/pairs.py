"""Whether two reports are of one event: a pair model learned from hand-judged SaudiNewsNet stories.

A story's centroid says what its members talk about; two fires, two crashes or two operations of one
day talk alike. What tells one event from the next of its kind is in the pair: the titles and the
leads say the same thing, the same people and places open both, the same figures recur, the events
are dated the same day, the two reports are hours rather than days apart. `pair_features` reads that
from two articles' `Profile`s; `PairModel` weighs it with a logistic model trained by
`marsad.learn.pair_model` on the audited stories (`benchmarks/audits/stories_audit*.jsonl`: every
pair of one story's main-event articles is one event, a main-event article and a foreign one are
two). The grouping lets an article join a story only when the model finds it the same event as the
members on average (`StoryIndex`).
"""
from __future__ import annotations

import json
import math
import re
import zlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from marsad.model import Article
from marsad.stories.features import PackedCounts, terms, unpacked

__all__ = ["FEATURES", "PairModel", "Profile", "day_of", "event_of", "figures_of", "pair_features", "pair_model",
           "profile_of", "read_model", "time_of"]

MODEL_FILE = "pair_model.json"
LEAD_CHARS = 300        # the lead's words: what happened, where and when, before the background
LEAD_REACH = 400        # names and dates this near the start are the lead's actors, places and day
BODY_CHARS = 1000       # a report's early text: another report's title words recur here when it is
                        # the same event, and not when it is the next of its kind (Chad's national day)
BODY_BITS = 2048        # bits of the filter that holds those words (`term_bits`)

FEATURES = ("title_cosine", "lead_cosine", "lead_names", "people_shared", "figures_shared",
            "places_apart", "days_apart", "hours_apart", "same_outlet", "title_unsaid")


_DATELINE = re.compile(r"^[^\n:：\-–]{2,30}[:：\-–]")


def day_of(value: str | None) -> date | None:
    """The date of an ISO day ("2015-08-10"), None for anything else."""
    try:
        return date.fromisoformat(value) if value and len(value) == 10 else None
    except ValueError:
        return None


def time_of(value: str | None) -> datetime | None:
    """A publication time as a naive datetime (None when absent or unreadable)."""
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed.replace(tzinfo=None)


def event_of(article: Article) -> tuple[list[str], str | None]:
    """(place keys, day) of the event an article reports, as its lead gives them: the places named
    in the first sentences (not the dateline's bureau city, "الرياض:"), and the first date there
    that fixes a day. This is what tells one fire, match or attack from the next of its kind."""
    if not article.analysis:
        return [], None
    dateline = _DATELINE.match(article.text[:40])
    start = dateline.end() if dateline else 0
    places = sorted({e.key for e in article.analysis.entities
                     if e.type == "LOC" and start <= e.start < LEAD_REACH and e.key})
    day = next((d.value for d in article.analysis.dates
                if d.start < LEAD_REACH and d.value and len(d.value) == 10 and d.kind in ("absolute", "relative")
                and not (d.kind == "relative" and d.end_value)), None)    # "خلال اليومين الماضيين" dates no event
    return places, day


def figures_of(article: Article) -> list[str]:
    """"#value" of each figure of ten or more an article gives (not vague, not a rank): what two
    reports of one event repeat, whatever words they use."""
    quantities = article.analysis.quantities if article.analysis else []
    return [f"#{int(q.value)}" for q in quantities
            if isinstance(q.value, (int, float)) and q.value >= 10 and q.qualifier != "vague" and q.kind != "ordinal"]


@dataclass(slots=True)
class Profile:
    """What the pair model reads of one article. The term counts become unit tf-idf vectors when
    the article reaches the grouping (`weigh`), with the IDF the grouping holds then; until then
    they are packed (`PackedCounts`), as a run holds every waiting article's profile."""

    title: Counter[str] | PackedCounts = field(default_factory=Counter)
    lead: Counter[str] | PackedCounts = field(default_factory=Counter)
    lead_names: frozenset[str] = frozenset()      # entity keys named in the lead
    people: frozenset[str] = frozenset()          # PER and ORG keys anywhere
    figures: frozenset[str] = frozenset()         # "#value" of its quantities
    places: frozenset[str] = frozenset()          # lead places (where it happened)
    day: date | None = None                       # the event day its lead gives
    when: datetime | None = None                  # publication time
    outlet: str | None = None
    body: int = 0                                 # its title's and first BODY_CHARS' terms (`term_bits`)
    title_vector: dict[str, float] = field(default_factory=dict)
    lead_vector: dict[str, float] = field(default_factory=dict)
    title_marks: tuple[tuple[int, float], ...] = ()   # bit and share of the weight of each title term but figures
    weighed: bool = False

    def weigh(self, vector_of: Any) -> None:
        """Turn the term counts into unit vectors with `vector_of(counts, top)` and drop the counts
        (once: a profile weighed before keeps its vectors)."""
        if not self.weighed:
            self.title_vector, self.lead_vector = vector_of(unpacked(self.title), 40), vector_of(unpacked(self.lead), 60)
            words = [(t, w) for t, w in self.title_vector.items() if t[0] != "#"]
            total = sum(w for _, w in words)
            self.title_marks = tuple((_bit(t), w / total) for t, w in words) if total else ()
            self.title, self.lead, self.weighed = Counter(), Counter(), True


def _bit(term: str) -> int:
    return 1 << (zlib.crc32(term.encode()) % BODY_BITS)


def term_bits(words: Iterable[str]) -> int:
    """A set of terms as the bits of their CRC-32s (a Bloom filter of one hash): 256 bytes an
    article instead of a set of a few hundred strings, the same on every run; a term taken for
    present by a shared bit costs the feature a little, never a crash."""
    bits = 0
    for word in words:
        bits |= _bit(word)
    return bits


def profile_of(article: Article, outlet: str | None, event: tuple[list[str], str | None] | None = None,
               figures: list[str] | None = None) -> Profile:
    """What the pair model reads of an article (term counts still to be weighed); `event` and
    `figures` are `event_of` and `figures_of` of it when the caller has them already."""
    entities = article.analysis.entities if article.analysis else []
    places, day = event if event is not None else event_of(article)
    title = terms(article.title or "")
    body = term_bits(terms(article.text[:BODY_CHARS]).keys() | title.keys())
    return Profile(
        title=PackedCounts.pack(title), lead=PackedCounts.pack(terms(article.text[:LEAD_CHARS])), body=body,
        lead_names=frozenset(e.key for e in entities if e.start < LEAD_REACH and e.key),
        people=frozenset(e.key for e in entities if e.type in ("PER", "ORG") and e.key),
        figures=frozenset(figures if figures is not None else figures_of(article)), places=frozenset(places),
        day=day_of(day), when=time_of(article.published), outlet=outlet)


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(t, 0.0) for t, w in a.items())


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    union = len(a | b)
    return len(a & b) / union if union else 0.0


def _unsaid(a: Profile, b: Profile) -> float:
    """The share of the weight of a's title words that b does not use in its title or early text.
    Figures are left out: a toll that differs is what the story compares, not a sign of two events."""
    return sum(share for bit, share in a.title_marks if not b.body & bit)


def pair_features(a: Profile, b: Profile) -> list[float]:
    """The FEATURES of two weighed profiles, in that order."""
    days = float(a.day is not None and b.day is not None and abs((a.day - b.day).days) > 1)
    hours = abs((a.when - b.when).total_seconds()) / 3600 if a.when and b.when else 24.0
    return [
        _cosine(a.title_vector, b.title_vector),
        _cosine(a.lead_vector, b.lead_vector),
        _jaccard(a.lead_names, b.lead_names),
        float(min(len(a.people & b.people), 5)),
        _jaccard(a.figures, b.figures),
        float(bool(a.places) and bool(b.places) and a.places.isdisjoint(b.places)),
        days,
        math.log1p(hours),
        float(a.outlet == b.outlet),
        min(_unsaid(a, b), _unsaid(b, a)),    # the title of one says what the other says too, or neither
    ]


@dataclass(frozen=True)
class PairModel:
    """Logistic weights over FEATURES and the probability from which two reports are one event."""

    weights: tuple[float, ...]
    bias: float
    threshold: float
    meta: dict[str, Any] = field(default_factory=dict, compare=False)

    def probability(self, a: Profile, b: Profile) -> float:
        z = self.bias + sum(w * x for w, x in zip(self.weights, pair_features(a, b)))
        return 1.0 / (1.0 + math.exp(-z))

    def same_event(self, a: Profile, members: list[Profile]) -> bool:
        """Whether the article is the same event as the members taken together: its mean
        probability over them reaches the threshold. One alike member is not enough in a larger
        story: a next fire or raid that resembles one report chains a story from event to event."""
        return sum(self.probability(a, m) for m in members) / len(members) >= self.threshold

    def to_dict(self) -> dict[str, Any]:
        return {"features": list(FEATURES), "weights": list(self.weights), "bias": self.bias,
                "threshold": self.threshold, **self.meta}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PairModel:
        if list(data["features"]) != list(FEATURES):
            raise ValueError(f"the pair model reads {data['features']}, this marsad computes {list(FEATURES)}")
        meta = {k: v for k, v in data.items() if k not in ("features", "weights", "bias", "threshold")}
        return cls(tuple(map(float, data["weights"])), float(data["bias"]), float(data["threshold"]), meta)


def read_model(path: str | Path) -> PairModel:
    return PairModel.from_dict(json.loads(Path(path).read_text(encoding="utf-8")))


@lru_cache(maxsize=1)
def pair_model() -> PairModel | None:
    """The shipped pair model, read once (None when the package holds none)."""
    ref = resources.files("marsad.stories").joinpath(f"data/{MODEL_FILE}")
    if not ref.is_file():
        return None
    return PairModel.from_dict(json.loads(ref.read_text(encoding="utf-8")))
