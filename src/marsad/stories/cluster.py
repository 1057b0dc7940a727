"""Same-story grouping: incremental, centroid-based, within a time window.

Method (knobs in `ClusterSettings`, documented in docs/stories.md):
1. Each article becomes a tf-idf vector of light-stemmed content words plus analysis signals as
   extra terms: entity keys (so every name of one actor counts once), quantity values ("#500" for
   both "500" and "خمسمئة") and the origin of its attribution chain.
2. Articles are taken in publication order (then id) so results do not depend on the order of
   files; each joins the story whose centroid is most similar among stories active within
   `window_days`, or opens a new one. The cosine needed rises with the story's size
   (`threshold`, `size_growth`), so that stories grow by their event and not by their topic.
   Copies (see dedup.py) join their original's story.
3. A candidate must share at least `min_shared` of the article's heaviest content terms (not entity
   keys; names are blanked out of the text once their key stands for them) with the story, so that
   two events that share only 'داعش' and 'العراق' stay apart.
4. Events, not kinds of event: the article must hold `min_anchors` of the story's anchors (rare terms
   most of its members hold), its lead must not date it `event_days` from the story's first event
   day, and a story only its own outlet has covered asks `own_outlet_threshold` (issue 14).
New articles are assigned against the stored stories without re-clustering the corpus.
"""
from __future__ import annotations

import hashlib
import heapq
import math
import pickle
import zlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from itertools import chain, islice
from operator import itemgetter

from marsad.stories.features import PackedCounts, TermWeights, terms, unpacked, word_list
from marsad.stories.pairs import Profile, day_of, pair_model, time_of

__all__ = ["FOLLOW_UP", "SAME_TOPIC", "ClusterSettings", "PackedCounts", "StoryDoc", "StoryIndex", "doc_terms",
           "time_order"]

FOLLOW_UP = "follow_up"      # a later story about the same particulars (another day of one affair)
SAME_TOPIC = "same_topic"    # another event of the same kind, told in the same words
RELATED_KEPT = 8             # links kept per story, the strongest


@dataclass(frozen=True)
class ClusterSettings:
    threshold: float = 0.16      # cosine to a story centroid needed to join it
    window_days: float = 3.0     # a story takes articles up to this long after its latest one...
    max_span_days: float = 7.0   # ...and up to this long after its first: events, not topics
    min_shared: int = 2          # heavy terms an article must share with the story
    top_terms: int = 150         # terms kept per article vector
    centroid_terms: int = 300    # terms kept per story centroid
    index_terms: int = 60        # heaviest terms indexed per member and probed per article;
                                 # min_shared of them must be in the story centroid
    candidates: int = 8          # stories (most probe hits first) scored per article
    probe_terms: int = 30        # the article's heaviest terms looked up to find those candidates
    size_growth: float = 0.4     # the threshold rises by this factor per e-fold of story size
    short_terms: int = 30        # an article or story with fewer terms is short (a headline, a teaser):
    short_threshold: float = 0.24  # two short ones need this cosine, and names count among shared terms
    event_days: float = 2.0      # an article whose lead dates its event this many days away from
                                 # the story's event day (see first_day) is another event
    anchor_idf: float = 5.5      # a term this rare (IDF) is specific to an event: a place, a name, a thing
    anchor_share: float = 0.5    # a story's anchors: its rare terms that this share of its members hold
    min_anchors: int = 2         # anchors an article must share with a story to join it...
    brief_terms: int = 60        # ...but one for an article with fewer terms than this (a paragraph
                                 # holds fewer particulars than a full report)
    own_outlet_threshold: float = 0.3  # cosine needed to join a story only the article's own outlet has
                                 # covered: an outlet's two pieces on one topic are seldom one event
    first_day: bool = True       # event days are measured from the story's first dated member, so that a
                                 # week of daily reports cannot chain day by day
    apart_places: bool = False   # an article whose lead names places, none of them the story's, is
                                 # another event (a fire in Jeddah is not a fire in Riyadh)
    pair_model: bool = True      # a full report joins only a story with a member the shipped pair
                                 # model (stories/pairs.py) finds the same event
    short_names_apart: bool = True   # in a story made mostly of short texts (notices, announcements), a
                                 # short text whose people share no family name with its members' is another one
    related_threshold: float = 0.25  # cosine an article needs with a story it does not join (another event)
                                 # for its own story to point to that one as related (`StoryIndex.links`)


@dataclass(slots=True)
class StoryDoc:
    """What grouping needs to know of an article (built from a stored Article)."""

    id: str
    text: str
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    signals: list[str] = field(default_factory=list)   # entity keys, "#value", "src:origin"
    original: str | None = None                          # copy-group original, if a copy
    counts: Counter[str] | PackedCounts | None = None    # its terms, when computed ahead (doc_terms)
    places: list[str] = field(default_factory=list)      # place keys its lead names (where it happened)
    day: str | None = None                               # the event's day as its lead dates it (ISO)
    profile: Profile | None = None                       # what the pair model reads of it


def doc_terms(doc: StoryDoc) -> Counter[str]:
    """The terms grouping weighs for an article: title (counted twice), text and signals."""
    return terms(((doc.title or "") + "\n") * 2 + doc.text, doc.signals)


@dataclass(slots=True)
class _Story:
    id: str
    centroid: dict[str, float]
    members: list[str]
    first: datetime | None
    last: datetime | None
    norm: float = 0.0
    places: set[str] = field(default_factory=set)
    days: set[date] = field(default_factory=set)
    rare: Counter[str] = field(default_factory=Counter)   # members holding each rare term
    outlets: set[str | None] = field(default_factory=set)
    day0: date | None = None                               # the first dated member's event day
    frozen: bytes | None = None                            # centroid and rare terms, while retired
    profiles: list[Profile] = field(default_factory=list)  # the members' pair-model profiles
    full: int = 0                                          # members that are full reports (brief_terms or more)

    def freeze(self) -> None:
        """Keep the centroid and rare-term counts compressed while no article may join (most
        stories, most of the time: they were most of a long run's memory)."""
        if self.frozen is None:
            self.frozen = zlib.compress(pickle.dumps((self.centroid, self.rare), pickle.HIGHEST_PROTOCOL), 1)
            self.centroid, self.rare = {}, Counter()
            self.profiles = []      # no article is scored against a retired story again

    def close(self) -> None:
        """Drop what only a joining article reads: retired, with no copy of a member still to come."""
        self.centroid, self.rare, self.profiles, self.frozen = {}, Counter(), [], None

    def thaw(self) -> None:
        """Back as they were (a copy of one of its articles may still join a retired story)."""
        if self.frozen is not None:
            self.centroid, self.rare = pickle.loads(zlib.decompress(self.frozen))
            self.frozen = None


def time_order(doc: StoryDoc) -> tuple[str, str]:
    """The order grouping takes articles in: publication time (undated last), then id."""
    return doc.published or "~", doc.id


def story_id(first_member: str) -> str:
    """Stories are named after their first article, so ids are stable across re-runs."""
    return "s_" + hashlib.blake2b(first_member.encode(), digest_size=6).hexdigest()


class StoryIndex:
    """Stories so far, their centroids and an inverted index from heavy terms to stories."""

    def __init__(self, settings: ClusterSettings | None = None, weights: TermWeights | None = None) -> None:
        self.settings = settings or ClusterSettings()
        self.weights = weights or TermWeights()
        self.stories: dict[str, _Story] = {}
        self.assignment: dict[str, str] = {}
        self._postings: dict[str, set[str]] = {}
        self._active: set[str] = set()      # stories in the probe index (not retired)
        self.pairs = pair_model() if self.settings.pair_model else None
        # originals whose copies may still come (a copy joins its original's story even when retired);
        # when the caller knows them, a retired story holding none of them is closed, not frozen
        self.awaited: set[str] | None = None
        # {story: {earlier story: (FOLLOW_UP | SAME_TOPIC, cosine)}}: what an article of the story
        # would have joined on its words but read as another event (`_best_story`)
        self.links: dict[str, dict[str, tuple[str, float]]] = {}
        self.offered: list[tuple[str, str, float]] = []   # the links the last article added offered

    # -- public -------------------------------------------------------------------------------
    def assign(self, docs: Iterable[StoryDoc], in_order: bool = False) -> dict[str, str]:
        """Add `docs` (any order, or already in `time_order` when `in_order`) and return
        {article id: story id} for them.

        Articles are taken in publication order and their words are counted as they come
        (the shipped background frequencies make IDF sensible from the first article), so no
        per-article term table is held for the whole collection; from an iterator in order, a taken
        article is let go (its profile stays with its story until the story retires).
        """
        out: dict[str, str] = {}
        for n, doc in enumerate(docs if in_order else sorted(docs, key=time_order)):
            if n % 1000 == 999 and (now := time_of(doc.published)) is not None:
                self._retire(now)
            if doc.id in self.assignment:
                out[doc.id] = self.assignment[doc.id]
                self.offered = []
                continue
            counts = self._count(doc)
            out[doc.id] = self._add(doc, counts)
        return out

    def seed(self, sid: str, docs: list[StoryDoc]) -> None:
        """Load a stored story (and its members) so that new articles can join it."""
        story = self.stories.setdefault(sid, _Story(sid, {}, [], None, None))
        for doc in sorted(docs, key=time_order):
            counts = self._count(doc)
            self._join(story, doc, self.weights.vector(counts, top=self.settings.top_terms),
                       time_of(doc.published))
            self.assignment[doc.id] = sid

    def _count(self, doc: StoryDoc) -> Counter[str]:
        counts = unpacked(doc.counts) if doc.counts is not None else doc_terms(doc)
        doc.counts = None
        self.weights.add(counts)
        if doc.profile is not None:
            doc.profile.weigh(self._unit_vector)
        return counts

    def _unit_vector(self, counts: Counter[str], top: int) -> dict[str, float]:
        return self.weights.vector(counts, top=top)

    def members(self, sid: str) -> list[str]:
        return list(self.stories[sid].members)

    # -- internals ----------------------------------------------------------------------------
    def _add(self, doc: StoryDoc, counts: Counter[str]) -> str:
        vector = self.weights.vector(counts, top=self.settings.top_terms)
        when = time_of(doc.published)
        sid = self.assignment.get(doc.original) if doc.original and doc.original != doc.id else None
        near: list[tuple[str, str, float]] = []
        if sid is None:
            sid, near = self._best_story(vector, when, doc)
        if sid is None:
            sid = story_id(doc.id)
            self.stories[sid] = _Story(sid, {}, [], when, when)
        self._join(self.stories[sid], doc, vector, when)
        self.assignment[doc.id] = sid
        self.offered = [(other, kind, round(score, 4)) for other, kind, score in near if other != sid]
        for other, kind, score in self.offered:
            self._relate(sid, other, kind, score)
        return sid

    def _relate(self, sid: str, other: str, kind: str, score: float) -> None:
        """Keep the strongest link of a story to an earlier one (a story keeps its `RELATED_KEPT` best)."""
        links = self.links.setdefault(sid, {})
        if other in links and links[other][1] >= score:
            return
        links[other] = (kind, score)
        if len(links) > RELATED_KEPT:
            del links[min(links, key=lambda o: (links[o][1], o))]

    def _best_story(self, vector: dict[str, float], when: datetime | None, doc: StoryDoc
                    ) -> tuple[str | None, list[tuple[str, str, float]]]:
        """The story the article joins (None: a story of its own), and the candidates it would have
        joined on its words but that are another event: (story, FOLLOW_UP or SAME_TOPIC, cosine).
        A follow-up holds the story's anchors (its place, names, particulars) and comes after the
        story's time or dates its event later; the rest of the near misses share the topic."""
        s = self.settings
        probe = list(islice(vector, s.index_terms))      # vectors come heaviest first
        postings = self._postings
        hits = Counter(chain.from_iterable(postings.get(term, ()) for term in probe[:s.probe_terms]))
        short = len(vector) < s.short_terms
        plain = probe if short else [t for t in probe if ":" not in t]   # a headline may share only names
        best, best_score = None, s.threshold
        window, span = timedelta(days=s.window_days), timedelta(days=s.max_span_days)
        # stories hit by at least min_shared probe terms, most hits first, ties by id (the same
        # candidates whatever the hash seed)
        pool = [(-n, sid) for sid, n in hits.items() if n >= s.min_shared]
        brief = len(vector) < s.brief_terms
        near: list[tuple[str, str, float]] = []
        for _, sid in heapq.nsmallest(s.candidates, pool):
            story = self.stories[sid]
            centroid = story.centroid
            if sum(map(centroid.__contains__, plain)) < s.min_shared:
                continue
            score = sum([w * centroid[t] for t, w in vector.items() if t in centroid]) / (story.norm or 1.0)
            # a big story asks more: it grows by its event, not by its topic
            alike = score >= s.threshold * (1 + s.size_growth * math.log(len(story.members)))
            related = alike and score >= s.related_threshold
            if when and story.first and story.last and not (
                    story.first - window <= when <= min(story.last + window, story.first + span)):
                if related and when > story.last:
                    near.append((sid, self._later_kind(story, vector, doc), score))
                continue
            if self._other_event(story, doc):
                if related:
                    later = (day := day_of(doc.day)) is not None and story.day0 is not None and day > story.day0
                    near.append((sid, self._later_kind(story, vector, doc) if later else SAME_TOPIC, score))
                continue
            if not self._anchored(story, vector, brief):
                if related:
                    near.append((sid, SAME_TOPIC, score))
                continue         # only the kind of event in common (حريق، الدفاع المدني): another event
            if not alike:
                continue
            if short and len(centroid) < s.short_terms and score < s.short_threshold:
                continue         # two headlines sharing "أعلنت وزارة" are not one story
            if score < s.own_outlet_threshold and story.outlets == {doc.outlet}:
                if related:
                    near.append((sid, SAME_TOPIC, score))
                continue         # a column after a column, a section's next item: the topic, not the event
            if (self.pairs and doc.profile and story.profiles and not brief
                    and not self.pairs.same_event(doc.profile, story.profiles)):
                if related:
                    near.append((sid, SAME_TOPIC, score))
                continue         # alike, but no member reads as the same event: the next fire, crash, raid
            if (s.short_names_apart and brief and 2 * story.full < len(story.members)
                    and doc.profile and _names_apart(doc.profile, story.profiles)):
                continue         # a wedding notice, a promotion, a condolence: one template, other people
            if score > best_score or (score == best_score and best is not None and sid < best):
                best, best_score = sid, score
        return best, near

    def _later_kind(self, story: _Story, vector: dict[str, float], doc: StoryDoc) -> str:
        """FOLLOW_UP for a later article that keeps the story's particulars (its anchors) and one of
        its actors (a person or body its members name); SAME_TOPIC for the next event of its kind."""
        if not self._anchored(story, vector, False) or doc.profile is None:
            return SAME_TOPIC
        actors = doc.profile.people
        return FOLLOW_UP if any(not actors.isdisjoint(p.people) for p in story.profiles) else SAME_TOPIC

    def _retire(self, now: datetime) -> None:
        """Take stories that no article dated `now` or later may join out of the probe index, so that
        probing costs what the active stories cost, not the whole history (articles come in time order;
        an undated one, which comes last, is compared with the stories still active then)."""
        s = self.settings
        window, span = timedelta(days=s.window_days), timedelta(days=s.max_span_days)
        stories, awaited = self.stories, self.awaited
        stale = {sid for sid in self._active if (st := stories[sid]).first and st.last
                 and min(st.last + window, st.first + span) < now}
        self._active -= stale
        for sid in stale:
            story = stories[sid]
            if awaited is None or not awaited.isdisjoint(story.members):
                story.freeze()
            else:
                story.close()
        for term in list(self._postings):
            sids = self._postings[term]
            sids -= stale
            if not sids:
                del self._postings[term]

    def _other_event(self, story: _Story, doc: StoryDoc) -> bool:
        """Whether the article's lead places or dates its event apart from the story's: a fire in
        Jeddah is not a fire in Riyadh, Thursday's attack is not Monday's, however alike the words.
        Leads that name no place or date leave it to the words."""
        day = day_of(doc.day)
        if day and story.days:
            days = (story.day0,) if self.settings.first_day and story.day0 else story.days
            if all(abs((day - other).days) > self.settings.event_days for other in days):
                return True
        return bool(self.settings.apart_places and doc.places and story.places
                    and story.places.isdisjoint(doc.places))

    def _anchored(self, story: _Story, vector: dict[str, float], brief: bool) -> bool:
        """Whether the article holds enough of the story's anchors: the rare terms that most of its
        members hold. A topic blob (a week of fires) has none, as its members share only generic
        terms; one event keeps its place, names and particulars from report to report."""
        need = min(1, self.settings.min_anchors) if brief else self.settings.min_anchors
        if need <= 0:
            return True
        floor = self.settings.anchor_share * len(story.members)
        rare = story.rare
        return sum(rare[term] >= floor for term in rare.keys() & vector.keys()) >= need

    def _join(self, story: _Story, doc: StoryDoc, vector: dict[str, float], when: datetime | None) -> None:
        story.thaw()
        self._active.add(story.id)
        story.full += len(vector) >= self.settings.brief_terms
        story.members.append(doc.id)
        story.outlets.add(doc.outlet)
        story.rare.update(self.weights.at_least(vector, self.settings.anchor_idf))
        story.places.update(doc.places)
        if doc.profile is not None:
            story.profiles.append(doc.profile)
        if (day := day_of(doc.day)) is not None:
            story.days.add(day)
            story.day0 = story.day0 or day
        for term, weight in vector.items():
            story.centroid[term] = story.centroid.get(term, 0.0) + weight
        if len(story.centroid) > self.settings.centroid_terms:
            story.centroid = dict(sorted(story.centroid.items(), key=itemgetter(1),
                                         reverse=True)[:self.settings.centroid_terms])
        story.norm = math.sqrt(sum(w * w for w in story.centroid.values()))
        for term in islice(vector, self.settings.index_terms):
            self._postings.setdefault(term, set()).add(story.id)
        if when:
            story.first = min(story.first, when) if story.first else when
            story.last = max(story.last, when) if story.last else when


def _name_words(keys: Iterable[str]) -> set[str]:
    """The family names of the people's keys: the last word that is no particle
    ("per:سعيد-بن-علي-الغامدي": الغامدي; "عبد العزيز" is one word as "عبدالعزيز" is); a full name
    and a shorter one of one person share it, and first names, which many people share, are left out."""
    particles = word_list("name_particles.txt")
    out = set()
    for key in keys:
        if key.startswith("per:"):
            words = [w for w in key[4:].replace("عبد-", "عبد").split("-") if w not in particles]
            if words:
                out.add(words[-1])
    return out


def _names_apart(profile: Profile, members: list[Profile]) -> bool:
    """Whether a text names people and the members name people, with no family name in common."""
    mine = _name_words(profile.people)
    theirs = _name_words(set().union(*(m.people for m in members)))
    return bool(mine) and bool(theirs) and mine.isdisjoint(theirs)
