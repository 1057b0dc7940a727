"""The slice replay of marsad.scale.stories, without Spark: each slice, started from the state the
planning functions rebuild (ranks, IDF memo, retire points), assigns its articles as one local scan
does. Synthetic articles make the scan long enough to cross the memo refreshes (every ~3,100
articles) and the retire points (every 1,000) that a demo corpus never reaches."""
from __future__ import annotations

import copy
import random
from bisect import bisect_right
from collections import Counter, defaultdict

from marsad.scale.stories import (
    RETIRE_EVERY,
    Slice,
    SliceSettings,
    TermState,
    boundaries,
    day_of,
    memo_states,
    plan_slices,
    replay,
    slice_terms,
    slices_of,
)
from marsad.stories.cluster import ClusterSettings, StoryDoc, StoryIndex
from marsad.stories.features import TermWeights, background


def _docs(n: int, days: int, seed: int = 7, life: float | None = None) -> list[StoryDoc]:
    """Articles about topics that each live a few days (or `life` days, evenly), with noise words and
    an entity key or two; a few undated ones (they come last in the scan)."""
    rng = random.Random(seed)
    vocab = [f"w{i}" for i in range(2000)]
    topics = [(rng.uniform(0, days), [f"t{k}_{j}" for j in range(12)], f"org:e{k % 40}") for k in range(260)]
    docs = []
    for i in range(n):
        born, words, key = rng.choice(topics)
        day = min(days - 1, born + (rng.uniform(0, life) if life else rng.expovariate(0.7)))
        hour, minute = rng.randrange(24), rng.randrange(60)
        published = f"2025-01-01T{hour:02d}:{minute:02d}:00" if i % 97 else None
        if published:
            published = f"2025-{1 + int(day) // 28:02d}-{1 + int(day) % 28:02d}T{hour:02d}:{minute:02d}:00"
        counts = Counter({w: rng.randint(1, 3) for w in rng.sample(words, 7)})
        counts.update(rng.sample(vocab, 6))
        counts[key] += 1
        docs.append(StoryDoc(f"a{i:05d}", "", published=published, counts=counts, original=f"a{i:05d}"))
    return docs


def _order(doc: StoryDoc) -> tuple[str, str]:
    return doc.published or "~", doc.id


def _sliced(docs: list[StoryDoc], settings: SliceSettings, hints: dict[str, int],
            fixed: dict[str, str] | None = None) -> tuple[dict[str, str], list[Slice]]:
    """What the Spark stages do for one pass, in one process: rank, plan, count terms per range,
    replay each slice (its warm-up as `fixed` says, when given)."""
    ranked = list(enumerate(sorted(docs, key=_order)))
    first_rank: dict[int | None, int] = {}
    for rank, doc in ranked:
        first_rank.setdefault(day_of(doc.published), rank)
    plan = plan_slices(first_rank, len(ranked), settings)
    cuts, ends = boundaries(plan, len(ranked)), [s.end for s in plan]
    ranges: dict[str, dict[int, list[int]]] = defaultdict(dict)
    for rank, doc in ranked:
        at = bisect_right(cuts, rank) - 1
        for term in doc.counts or ():
            ranges[term].setdefault(at, [0, rank])[0] += 1
    terms: dict[int, list[TermState]] = defaultdict(list)
    for term, found in ranges.items():
        for index, state in slice_terms(term, [(r, c, m) for r, (c, m) in found.items()], plan, cuts):
            terms[index].append(state)
    replays: dict[int, list[tuple[int, StoryDoc]]] = defaultdict(list)
    for rank, doc in ranked:
        for index in slices_of(rank, plan, ends):
            replays[index].append((rank, copy.deepcopy(doc)))    # an executor gets its own copies
    out = {}
    for s in plan:
        for aid, sid, _, _ in replay(s, replays[s.index], terms[s.index], hints, settings.cluster, fixed):
            assert aid not in out, "an article is kept by one slice only"
            out[aid] = sid
    return out, plan


def _scan(docs: list[StoryDoc], hints: dict[str, int]) -> dict[str, str]:
    """The local scan, as `_Grouping.run` makes it."""
    index = StoryIndex(ClusterSettings())
    index.weights.hint(hints)
    return index.assign(copy.deepcopy(docs))


def test_memo_refreshes_are_those_of_term_weights() -> None:
    weights, refreshed = TermWeights(), []
    for rank in range(8000):
        weights._cache["sentinel"] = 1.0
        weights.add(Counter())
        if "sentinel" not in weights._cache:
            refreshed.append(rank)
    states = memo_states(8000, range(8000), background()[1])
    assert len(refreshed) >= 2
    assert [r for r in range(1, 8000) if states[r][1] == 0] == [r + 1 for r in refreshed if r + 1 < 8000]
    for rank in range(1, 8000):
        last, _ = states[rank]
        assert last == max([r for r in refreshed if r < rank], default=-1)


def test_slices_assign_what_one_scan_assigns() -> None:
    docs = _docs(6000, days=40)
    hints = {f"org:e{k}": 500 * k for k in range(40)}
    expected = _scan(docs, hints)
    found, plan = _sliced(docs, SliceSettings(slice_days=4), hints)
    assert len(plan) >= 10
    assert any(s.memo_from > 0 for s in plan), "a slice starts after a memo refresh"
    assert any(s.warm // RETIRE_EVERY < s.end // RETIRE_EVERY for s in plan[1:])
    assert found == expected
    sizes = Counter(expected.values())
    assert sum(1 for n in sizes.values() if n > 1) > 100         # the articles do form stories


def test_a_story_across_slice_boundaries_keeps_the_id_of_its_first_article() -> None:
    docs = _docs(1500, days=12, seed=11)
    expected = _scan(docs, {})
    found, plan = _sliced(docs, SliceSettings(slice_days=1), {})
    assert len(plan) >= 12 and found == expected
    day = {d.id: day_of(d.published) for d in docs}
    members: dict[str, set[int | None]] = defaultdict(set)
    for aid, sid in found.items():
        members[sid].add(day[aid])
    assert sum(1 for days in members.values() if len(days - {None}) > 1) > 20


def test_later_passes_reach_the_scan_where_stories_chain_past_the_warm_up() -> None:
    # topics that run for a month make one story after another, each opened where the last one
    # closed: a replay that starts cold at its warm-up opens them elsewhere, and the slice after it
    # inherits that; from the second pass each warm-up is grouped as the pass before grouped it
    docs = _docs(2500, days=40, seed=5, life=30)
    expected = _scan(docs, {})
    settings = SliceSettings(slice_days=3)
    found, plan = _sliced(docs, settings, {})
    wrong = [sum(1 for aid in expected if found[aid] != expected[aid])]
    for _ in plan[1:]:                                         # pass k settles slice k-1 at the latest
        found, _ = _sliced(docs, settings, {}, fixed=found)
        wrong.append(sum(1 for aid in expected if found[aid] != expected[aid]))
        if not wrong[-1]:
            break
    assert wrong[0] >= 10 and wrong[-1] == 0, wrong     # [18, 1, 0] with this seed
    assert len(wrong) < len(plan), "converges before the worst case"


def test_plan_cuts_days_into_rank_ranges_with_a_warm_up() -> None:
    # days 100..129, ten articles a day, then five undated ones
    first_rank: dict[int | None, int] = {100 + d: 10 * d for d in range(30)}
    first_rank[None] = 300
    plan = plan_slices(first_rank, 305, SliceSettings(slice_days=7, warmup_days=10), bg_docs=31030)
    assert [(s.warm, s.start, s.end) for s in plan] == [
        (0, 0, 70), (0, 70, 140), (40, 140, 210), (110, 210, 280), (180, 280, 305)]
    assert all(s.memo_from == 0 and s.added == s.warm for s in plan)    # no refresh in 305 articles
    assert slices_of(45, plan, [s.end for s in plan]) == [0, 1, 2]   # its own, and two warm-ups
    assert slices_of(302, plan, [s.end for s in plan]) == [4]            # undated: the last slice


def test_the_parquet_encoder_keeps_each_article_as_json_for_the_stories() -> None:
    import json

    from marsad.model import Article, Skip
    from marsad.scale.spark import STORY_INPUT, tables_and_json

    records = list(tables_and_json(Article(id="a1", source="x.txt", text="نص")))
    assert [kind for kind, _ in records] == ["articles", STORY_INPUT]
    assert Article.from_json(json.loads(records[-1][1])).id == "a1"
    assert [kind for kind, _ in tables_and_json(Skip("y.md", "سبب"))] == ["skips"]
