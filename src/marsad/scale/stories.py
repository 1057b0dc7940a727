"""Stories at scale: the local story grouping (`StoryIndex`), run over time slices on Spark executors.

Grouping is a scan in publication order, but a story is bounded in time: it takes no article more
than `max_span_days` after its first one. So the scan can be cut into slices of time that
executors run at once, each with a fresh `StoryIndex` over:

    warm-up   the `warmup_days` before the slice (by default max_span_days + window_days), whose
              assignments are thrown away: they rebuild the stories still open when the slice starts
    slice     the articles whose assignments it keeps

Story ids are `story_id(first member)`, so a story that crosses a slice boundary gets the same id
from both slices: its first member is in the later slice's warm-up. What the scan holds besides
its stories is rebuilt exactly for each slice start, from Spark stages over all articles:

* the global rank of each article in the order `StoryIndex.assign` takes them, (published or "~",
  id), so articles without a date come last, as locally, and stale stories leave the probe index at
  the same ranks (every `RETIRE_EVERY`-th article);
* the IDF state (`TermWeights`): document frequencies of every article ranked before the replay,
  the memo of IDF values computed since its last refresh (each as of the article that first asked
  for it), and the refresh counter; entity-key hints are the maximum over all articles, broadcast;
* copy originals, from the copy groups of `marsad.scale.copies` (equal to the local `CopyIndex`).

What a fresh replay cannot rebuild is the stories open at its warm-up's start: the warm-up's
first articles open others, and since a story closes where the next on its subject opens, that
shift can carry on into the slice (7 % of a slice's articles on SaudiNewsNet). So the replay runs
in passes: from the second on, warm-up articles join the stories the pass before gave them, and
only the slice's own are grouped anew. The first slice is exact at once, so pass k settles slice k
at the latest; a pass that changes nothing is the one-scan grouping. Last, every copy is put in
its original's story, which a replay misses when the original is older than its warm-up.
`docs/scale.md` gives the agreement measured on SaudiNewsNet.

Outputs, under the run's folder: `stories/part-*` (one stored story row per line, as
`update_stories` saves it), `story_articles/part-*` ({story_id, article_id, original_id,
position}) and `story_links/part-*` ({story_id, other_id, kind, score}: related stories); with
Parquet, `stories`, `story_articles` and `story_links` tables (nested columns as JSON strings).
"""
from __future__ import annotations

import json
import math
import time
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from marsad.model import Article
from marsad.scale.tables import COLUMNS, write_rows
from marsad.stories.cluster import RELATED_KEPT, ClusterSettings, StoryDoc, StoryIndex
from marsad.stories.features import TermWeights, background
from marsad.stories.pairs import time_of
from marsad.stories.service import story_features, story_row

__all__ = ["RETIRE_EVERY", "Slice", "SliceSettings", "StoryCounts", "TermState", "group_stories", "keyed_line",
           "memo_states", "plan_slices", "read_story_output", "replay", "resumed_weights", "save_story_output"]

RETIRE_EVERY = 1000     # StoryIndex.assign takes stale stories out of its probe index every this many
                        # articles (cluster.py); the replay retires them at the same global ranks
MEMO_MIN = 500          # TermWeights.add refreshes its IDF memo after max(MEMO_MIN, MEMO_SHARE x
MEMO_SHARE = 0.1        # documents counted) additions (features.py)

Order = tuple[str, str]                  # (published or "~", id): the scan's order
Offer = tuple[tuple[str, str, float, int], ...]   # an article's links: (other story, kind, score, its rank)
TermState = tuple[str, int, int, int]    # (term, df before the replay, rank of its memo entry or -1,
                                         #  df as of that rank)


@dataclass(frozen=True)
class SliceSettings:
    """How time is cut. A longer slice repeats less warm-up work; a shorter one spreads wider."""

    slice_days: int = 7
    warmup_days: int | None = None       # None: ceil(max_span_days + window_days) of `cluster`
    passes: int = 2                      # replays; from the second on, warm-ups as the last pass grouped them
    cluster: ClusterSettings = field(default_factory=ClusterSettings)

    def warmup(self) -> int:
        if self.warmup_days is not None:
            return self.warmup_days
        return math.ceil(self.cluster.max_span_days + self.cluster.window_days)


@dataclass(frozen=True)
class Slice:
    """One executor's share of the scan, as global ranks: it replays [warm, end) and keeps [start, end)."""

    index: int
    warm: int
    start: int
    end: int
    memo_from: int      # the first rank whose IDF requests are still in the memo at `warm`
    added: int          # the memo's refresh counter just before the article at `warm` is counted


@dataclass
class StoryCounts:
    articles: int = 0           # articles grouped (those with a body; one per id)
    stories: int = 0
    multi: int = 0              # stories of two articles or more
    largest: int = 0
    copies: int = 0             # articles that are a copy of another (original_id != article_id)
    slices: int = 0
    replayed: int = 0           # articles scanned per pass over all slices, warm-ups included
    passes: int = 0             # replays of every slice run
    changed: int = 0            # articles whose story the last pass changed from the one before
                                # (0: a fixed point; after a single pass, every article)
    refiled: int = 0            # copies then moved to their original's story (originals older
                                # than a warm-up)
    grouping_seconds: float = 0.0   # until every article has its story (features, ranks, replays)
    seconds: float = 0.0            # all of it: grouping, story reports, writing

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


# --- planning (driver) -----------------------------------------------------------------------------

def day_of(published: str | None) -> int | None:
    """The calendar day (an ordinal) of a publication time as the scan reads it; None when undated."""
    when = time_of(published)
    return when.toordinal() if when is not None else None


def memo_states(n: int, starts: Iterable[int], bg_docs: int) -> dict[int, tuple[int, int]]:
    """For each start rank: (rank of the last memo refresh before it, or -1 at the scan's start;
    the refresh counter just before that article is counted), replaying TermWeights.add's rule."""
    wanted, out = set(starts), {}
    added, last = 0, -1
    for rank in range(n):
        if rank in wanted:
            out[rank] = (last, added)
        added += 1
        if added >= max(MEMO_MIN, MEMO_SHARE * (bg_docs + rank + 1)):
            added, last = 0, rank
    for rank in wanted - out.keys():    # a slice starting past the end (none in practice)
        out[rank] = (last, added)
    return out


def plan_slices(first_rank: dict[int | None, int], n: int, settings: SliceSettings,
                bg_docs: int | None = None) -> list[Slice]:
    """Slices of `slice_days` calendar days from the first dated article, as rank ranges.

    `first_rank`: {day ordinal (None for undated): smallest rank of that day}. Undated articles rank
    last and so belong to the last slice, as they come last in the local scan."""
    if n == 0:
        return []
    if bg_docs is None:
        bg_docs = background()[1]
    days = sorted(d for d in first_rank if d is not None)
    if not days:
        return _with_memo([(0, 0, n)], n, bg_docs)
    size, warm_days = max(1, settings.slice_days), settings.warmup()
    firsts = [first_rank[d] for d in days]
    starts: dict[int, int] = {}
    for day, rank in zip(days, firsts):
        key = (day - days[0]) // size
        starts[key] = min(starts.get(key, rank), rank)
    starts[0] = 0                        # the first slice also takes whatever ranks before its first day
    cuts = sorted(set(starts.values()))
    spans = []
    for i, start in enumerate(cuts):
        end = cuts[i + 1] if i + 1 < len(cuts) else n
        first_day = days[0] + min(k for k, r in starts.items() if r == start) * size
        lo = bisect_left(days, first_day - warm_days)
        warm = min([start, *firsts[lo:bisect_left(days, first_day)]])
        spans.append((warm, start, end))
    return _with_memo(spans, n, bg_docs)


def _with_memo(spans: list[tuple[int, int, int]], n: int, bg_docs: int) -> list[Slice]:
    states = memo_states(n, [warm for warm, _, _ in spans], bg_docs)
    return [Slice(i, warm, start, end, max(states[warm][0], 0), states[warm][1])
            for i, (warm, start, end) in enumerate(spans)]


def boundaries(plan: list[Slice], n: int) -> list[int]:
    """Every rank where some slice's counting range starts or ends: document frequencies are
    summed per range between two of them."""
    return sorted({0, n, *(r for s in plan for r in (s.memo_from, s.warm, s.start, s.end))})


def slice_terms(term: str, ranges: list[tuple[int, int, int]], plan: list[Slice],
                cuts: list[int]) -> Iterator[tuple[int, TermState]]:
    """(slice index, state of `term`) for each slice whose articles use it.

    `ranges`: (range number, articles with the term, smallest such rank) for each range between two
    `cuts` where it occurs, any order."""
    ranges = sorted(ranges)
    for s in plan:
        lo, hi = bisect_left(cuts, s.warm), bisect_left(cuts, s.end)
        if not any(lo <= r < hi for r, _, _ in ranges):
            continue
        before = sum(c for r, c, _ in ranges if r < lo)
        memo_lo = bisect_left(cuts, s.memo_from)
        first, at_first, seen = -1, 0, 0
        for r, c, smallest in ranges:
            if memo_lo <= r < lo:
                first, at_first = smallest, seen + 1     # the first article of its range to use it
                break
            seen += c
        yield s.index, (term, before, first, at_first)


# --- replay (executors) ----------------------------------------------------------------------------

def resumed_weights(s: Slice, terms: Iterable[TermState], hints: dict[str, int]) -> TermWeights:
    """TermWeights as the local scan holds them just before the article ranked `s.warm` is counted,
    for the terms the slice uses: frequencies, hints, memo (each value computed with the counts of
    the rank that first asked for it, as the scan did) and the memo's refresh counter."""
    terms = list(terms)
    weights = TermWeights(df={t: before for t, before, _, _ in terms if before}, n_docs=s.warm)
    weights.hint(hints)
    for term, before, first, at_first in terms:
        if first >= 0:
            weights.df[term], weights.n_docs = at_first, first + 1
            weights.prepare((term,))
            weights.df[term] = before
    weights.df = +weights.df             # drop the zeros left by terms first seen in the replay
    weights.n_docs = s.warm
    weights._added = s.added             # the refresh schedule is part of the state
    return weights


def replay(s: Slice, docs: Iterable[tuple[int, StoryDoc]], terms: Iterable[TermState],
           hints: dict[str, int], settings: ClusterSettings, fixed: dict[str, str] | None = None
           ) -> Iterator[tuple[str, str, str, Offer]]:
    """(article id, story id, original id, links offered) of the slice's own articles, from a
    StoryIndex that scans the warm-up and the slice in global rank order, as `StoryIndex.assign`
    scans the whole. The links offered are the related stories the article found ((other story,
    kind, score, rank), `StoryIndex.offered`), kept per story by `_story_links`.

    `fixed`: stories of warm-up articles as an earlier pass grouped them; those articles join
    them as they come (`StoryIndex.seed`, which counts and indexes them as `assign` would) instead
    of being grouped again."""
    index = StoryIndex(settings, resumed_weights(s, terms, hints))
    fixed = fixed or {}
    for rank, doc in sorted(docs, key=lambda rd: rd[0]):
        if rank % RETIRE_EVERY == RETIRE_EVERY - 1 and (now := time_of(doc.published)) is not None:
            index._retire(now)           # where assign() would retire at this rank
        if rank < s.start and doc.id in fixed:
            index.seed(fixed[doc.id], [doc])
            continue
        original = doc.original or doc.id
        sid = index.assign([doc])[doc.id]
        if rank >= s.start:
            yield doc.id, sid, original, tuple((*link, rank) for link in index.offered)


def slices_of(rank: int, plan: list[Slice], ends: list[int]) -> list[int]:
    """The slices that replay `rank` (its own, and those whose warm-up holds it)."""
    found = []
    for s in plan[bisect_right(ends, rank):]:
        if s.warm > rank:
            break
        found.append(s.index)
    return found


# --- Spark stages ----------------------------------------------------------------------------------

def _order(article: dict[str, Any]) -> Order:
    return article.get("published") or "~", article["id"]


def keyed_line(line: str) -> list[tuple[str, tuple[Order, str]]]:
    """(id, (order, line)) of an Article JSON line with a body; nothing for one without."""
    data = json.loads(line)
    if not (data.get("text") or "").strip():
        return []
    return [(data["id"], (_order(data), line))]


def _earlier(a: tuple[Order, str], b: tuple[Order, str]) -> tuple[Order, str]:
    return min(a, b)     # one record per id, whichever partition it came from


def _features(line: str, originals: dict[str, str]) -> tuple[Order, StoryDoc, dict[str, int]]:
    doc, hints = story_features(Article.from_json(json.loads(line)))
    doc.original = originals.get(doc.id, doc.id)
    return (doc.published or "~", doc.id), doc, hints


def group_stories(spark: Any, lines: Any, originals: dict[str, str], out: str | None = None,
                  settings: SliceSettings | None = None, fmt: str = "json") -> StoryCounts:
    """Stories of the Article JSON `lines` (an RDD of strings), given `originals` {copy id: original
    id} from the copy groups; writes `stories` and `story_articles` under `out` (a URI Hadoop
    writes) when given, JSON lines or (`fmt="parquet"`) tables."""
    from pyspark import StorageLevel

    start = time.perf_counter()
    settings = settings or SliceSettings()
    sc = spark.sparkContext
    parts = max(sc.defaultParallelism, lines.getNumPartitions() // 4, 1)
    unique = lines.flatMap(keyed_line).reduceByKey(_earlier, parts).persist(StorageLevel.MEMORY_AND_DISK)
    known = sc.broadcast(originals)
    features = unique.mapValues(lambda v: _features(v[1], known.value)).persist(StorageLevel.MEMORY_AND_DISK)
    hints = sc.broadcast(features.flatMap(lambda kv: kv[1][2].items()).reduceByKey(max).collectAsMap())

    ranked = (features.map(lambda kv: (kv[1][0], kv[1][1])).sortByKey(numPartitions=parts).values()
              .zipWithIndex().map(lambda dr: (dr[1], dr[0])).persist(StorageLevel.MEMORY_AND_DISK))
    first_rank = ranked.map(lambda rd: (day_of(rd[1].published), rd[0])).reduceByKey(min).collectAsMap()
    n = ranked.count()
    features.unpersist()
    plan = plan_slices(first_rank, n, settings)
    counts = StoryCounts(slices=len(plan), replayed=sum(s.end - s.warm for s in plan))
    replayed = _passes(sc, ranked, plan, hints, settings, counts)
    links = None
    if out is not None:                  # kept before the last pass's assignments are let go
        links = _story_links(replayed, parts).persist(StorageLevel.MEMORY_AND_DISK)
        links.count()
    assigned = _follow_originals(sc, replayed, originals, counts)
    counts.grouping_seconds = round(time.perf_counter() - start, 2)
    ranked.unpersist()
    stories = _reports(assigned, unique, parts)
    _count(counts, stories)
    if out is not None and links is not None:
        _write(spark, stories, out, fmt)
        _write_links(spark, links, out, fmt)
        links.unpersist()
    for cached in (stories, assigned, unique):
        cached.unpersist()
    counts.seconds = round(time.perf_counter() - start, 2)
    return counts


def _passes(sc: Any, ranked: Any, plan: list[Slice], hints: Any, settings: SliceSettings,
            counts: StoryCounts) -> Any:
    """(article id, (story id, original id)) of every article, persisted: one replay of every slice,
    then up to `settings.passes - 1` more with the warm-ups grouped as the pass before grouped them,
    stopping early when a pass changes nothing (the fixed point is the one-scan grouping)."""
    from pyspark import StorageLevel

    if not plan:
        return sc.parallelize([]).persist(StorageLevel.MEMORY_AND_DISK)
    n = plan[-1].end
    shared = sc.broadcast((plan, boundaries(plan, n), [s.end for s in plan]))
    terms = _term_states(ranked, shared).persist(StorageLevel.MEMORY_AND_DISK)
    assigned = None
    for _ in range(max(1, min(settings.passes, len(plan)))):   # pass k settles slice k-1 for good
        latest = _replay_all(ranked, terms, assigned, shared, hints, settings.cluster)
        latest = latest.persist(StorageLevel.MEMORY_AND_DISK)
        counts.passes += 1
        if assigned is None:
            latest.count()
            counts.changed = n
        else:
            counts.changed = latest.join(assigned).filter(lambda kv: kv[1][0][0] != kv[1][1][0]).count()
            assigned.unpersist()
        assigned = latest
        if counts.changed == 0:
            break
    terms.unpersist()
    return assigned


def _story_links(assigned: Any, parts: int) -> Any:
    """(story, other story, kind, score) rows: the links the articles of the last pass offered, as
    the local scan keeps them (`StoryIndex._relate`): per pair the highest score (the earliest
    article's on a tie), per story the RELATED_KEPT strongest. Copies offer none (locally they
    join their original's story without being scored)."""
    def offers(kv: tuple[str, tuple[str, str, Offer]]) -> list[tuple[tuple[str, str], tuple[float, int, str]]]:
        aid, (sid, original, offered) = kv
        return [] if original != aid else [((sid, other), (score, -rank, kind)) for other, kind, score, rank in offered]

    def strongest(kv: tuple[str, Iterable[tuple[float, str, str]]]) -> list[tuple[str, str, str, float]]:
        kept = sorted(kv[1], reverse=True)[:RELATED_KEPT]
        return [(kv[0], other, kind, score) for score, other, kind in kept]

    return (assigned.flatMap(offers).reduceByKey(max, parts)
            .map(lambda kv: (kv[0][0], (kv[1][0], kv[0][1], kv[1][2]))).groupByKey(parts).flatMap(strongest))


def _follow_originals(sc: Any, assigned: Any, originals: dict[str, str], counts: StoryCounts) -> Any:
    """Every copy in its original's story, as the scan always puts it. A replay cannot when the
    original is older than the warm-up (the original's story is not in it); the copy was grouped on
    its words there. The originals' stories come to the driver, one per copy group."""
    from pyspark import StorageLevel

    roots = sc.broadcast(set(originals.values()))
    story_of = sc.broadcast(assigned.filter(lambda kv: kv[0] in roots.value).mapValues(lambda v: v[0])
                            .collectAsMap())
    followed = assigned.map(lambda kv: (kv[0], (story_of.value.get(kv[1][1], kv[1][0]), kv[1][1])))
    followed = followed.persist(StorageLevel.MEMORY_AND_DISK)
    counts.refiled = followed.join(assigned).filter(lambda kv: kv[1][0][0] != kv[1][1][0]).count()
    assigned.unpersist()
    return followed


def _term_states(ranked: Any, shared: Any) -> Any:
    """(slice index, TermState) for every term each slice uses, from counts per (term, rank range)."""
    def term_ranges(rd: tuple[int, StoryDoc]) -> Iterator[tuple[tuple[str, int], tuple[int, int]]]:
        at = bisect_right(shared.value[1], rd[0]) - 1
        for term in rd[1].counts or ():
            yield (term, at), (1, rd[0])

    return (ranked.flatMap(term_ranges)
            .reduceByKey(lambda a, b: (a[0] + b[0], min(a[1], b[1])))
            .map(lambda kv: (kv[0][0], (kv[0][1], *kv[1])))
            .groupByKey()
            .flatMap(lambda kv: slice_terms(kv[0], list(kv[1]), shared.value[0], shared.value[1])))


def _replay_all(ranked: Any, terms: Any, previous: Any, shared: Any, hints: Any,
                settings: ClusterSettings) -> Any:
    """One pass: every slice replayed on an executor, its warm-up fixed by `previous` when given."""
    if previous is None:
        tagged = ranked.map(lambda rd: (rd, None))
    else:
        tagged = (ranked.map(lambda rd: (rd[1].id, rd)).leftOuterJoin(previous)
                  .map(lambda kv: (kv[1][0], kv[1][1][0] if kv[1][1] else None)))
    docs = tagged.flatMap(lambda t: [(i, t) for i in slices_of(t[0][0], shared.value[0], shared.value[2])])

    def run_slice(kv: tuple[int, tuple[Iterable[tuple[tuple[int, StoryDoc], str | None]], Iterable[TermState]]]
                  ) -> Iterator[tuple[str, tuple[str, str]]]:
        s = shared.value[0][kv[0]]
        items = list(kv[1][0])
        fixed = {rd[1].id: sid for rd, sid in items if sid is not None and rd[0] < s.start}
        for aid, sid, original, offered in replay(s, [rd for rd, _ in items], kv[1][1], hints.value, settings, fixed):
            yield aid, (sid, original, offered)

    # one partition per slice: hash(int) is the int, so slice i lands in partition i
    return docs.cogroup(terms, len(shared.value[0])).flatMap(run_slice)


def _reports(assigned: Any, unique: Any, parts: int) -> Any:
    """(story row, member rows) per story, built by the local report function on executors."""
    from pyspark import StorageLevel

    members = assigned.join(unique, parts).map(
        lambda kv: (kv[1][0][0], (kv[1][1][0], kv[0], kv[1][0][1], kv[1][1][1])))
    return members.groupByKey(parts).map(lambda kv: _story(kv[0], list(kv[1]))).persist(
        StorageLevel.MEMORY_AND_DISK)


def _story(sid: str, members: list[tuple[Order, str, str, str]]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The stored row and the member rows of one story; members in story order (published, id)."""
    members.sort()
    articles = [Article.from_json(json.loads(line)) for _, _, _, line in members]
    rows = [{"story_id": sid, "article_id": aid, "original_id": original, "position": n}
            for n, (_, aid, original, _) in enumerate(members)]
    return story_row(sid, articles), rows


def _count(counts: StoryCounts, stories: Any) -> None:
    sizes = stories.map(lambda s: (len(s[1]), sum(1 for m in s[1] if m["original_id"] != m["article_id"])))
    totals = sizes.map(lambda x: (x[0], 1, int(x[0] > 1), x[0], x[1])).fold(
        (0, 0, 0, 0, 0), lambda a, b: (a[0] + b[0], a[1] + b[1], a[2] + b[2], max(a[3], b[3]), a[4] + b[4]))
    counts.articles, counts.stories, counts.multi, counts.largest, counts.copies = totals


STORY_COLUMNS = ("outlets", "disagreements", "report")     # nested values, kept as JSON in Parquet


def _write(spark: Any, stories: Any, out: str, fmt: str) -> None:
    """`stories` and `story_articles` under `out`: JSON lines, or Parquet tables."""
    if fmt == "parquet":
        members = tuple(COLUMNS["story_articles"])
        write_rows(spark, stories.map(lambda s: _flat(s[0])), "stories", out)
        write_rows(spark, stories.flatMap(lambda s: [tuple(m[c] for c in members) for m in s[1]]),
                   "story_articles", out)
        return
    dump = json.dumps
    stories.map(lambda s: dump(s[0], ensure_ascii=False)).saveAsTextFile(f"{out}/stories")
    stories.flatMap(lambda s: [dump(m, ensure_ascii=False) for m in s[1]]).saveAsTextFile(f"{out}/story_articles")


def _write_links(spark: Any, links: Any, out: str, fmt: str) -> None:
    """`story_links` under `out`: (story_id, other_id, kind, score) rows, JSON lines or Parquet."""
    if fmt == "parquet":
        write_rows(spark, links, "story_links", out)
        return
    names = tuple(COLUMNS["story_links"])
    links.map(lambda row: json.dumps(dict(zip(names, row)), ensure_ascii=False)).saveAsTextFile(f"{out}/story_links")


def _flat(row: dict[str, Any]) -> tuple[Any, ...]:
    """A story row in the `stories` table's columns, nested values as JSON text."""
    return tuple(json.dumps(row[c], ensure_ascii=False) if c in STORY_COLUMNS else row[c]
                 for c in COLUMNS["stories"])


# --- reading the output back -----------------------------------------------------------------------

def read_story_output(out_dir: str | Path) -> tuple[list[dict[str, Any]], list[tuple[str, str, str]]]:
    """The stories of a run's JSON output as `Store.save_stories` takes them: (rows, members), the
    members as (story id, article id, original id) in each story's order."""
    out = Path(out_dir)
    rows = [json.loads(line) for line in _lines(out / "stories")]
    members = sorted((json.loads(line) for line in _lines(out / "story_articles")),
                     key=lambda m: (m["story_id"], m["position"]))
    return rows, [(m["story_id"], m["article_id"], m["original_id"]) for m in members]


def save_story_output(out_dir: str | Path, store: Any, batch: int = 200) -> int:
    """Store the stories of a run (after `marsad.load.load_output` stored its articles); returns how
    many. Stories are saved in batches, each with its members."""
    rows, members = read_story_output(out_dir)
    by_story: dict[str, list[tuple[str, str, str]]] = {}
    for member in members:
        by_story.setdefault(member[0], []).append(member)
    for start in range(0, len(rows), batch):
        chunk = rows[start:start + batch]
        store.save_stories(chunk, [m for row in chunk for m in by_story.get(row["id"], [])])
    links = Path(out_dir) / "story_links"          # absent from the output of earlier releases
    if links.is_dir():
        store.save_story_links(sorted((r["story_id"], r["other_id"], r["kind"], r["score"])
                                      for r in map(json.loads, _lines(links))))
    return len(rows)


def _lines(folder: Path) -> Iterator[str]:
    for part in sorted(folder.glob("part-*")):
        with part.open(encoding="utf-8") as handle:
            yield from (line for line in handle if line.strip())

