"""Stories over a store: assign new articles to stories, compare outlets, read stories back.

`update_stories(store)` runs after every ingest. It is incremental: only articles without a story
are grouped, against the stories still active in their time window (reloaded from the store);
older stories are left as they are. The read functions return the contract's Story JSON.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from functools import lru_cache
from typing import Any

from marsad.model import Article
from marsad.pool import Workers, pooled_map
from marsad.store.base import row_to_article
from marsad.stories.cluster import FOLLOW_UP, ClusterSettings, PackedCounts, StoryDoc, StoryIndex, doc_terms
from marsad.stories.compare import compare, outlet_of
from marsad.stories.dedup import CopyIndex, Fingerprint, fingerprint
from marsad.stories.features import background, stem
from marsad.stories.pairs import event_of, figures_of, profile_of, time_of
from marsad.stories.waiting import WaitingDocs
from marsad.text import normalize

__all__ = ["get_story", "group", "group_store", "list_stories", "related_stories", "story_doc", "story_features",
           "story_of_article", "story_row", "update_stories"]


def story_doc(article: Article) -> StoryDoc:
    """What grouping uses of an article: text, title, time and analysis signals."""
    signals: list[str] = []
    text = article.text
    figures = figures_of(article)
    if article.analysis:
        # the key stands for the name: blank the words out so that a name is not counted twice
        parts, done = [], 0
        for start, end in sorted((e.start, min(e.end, len(text))) for e in article.analysis.entities):
            if end > done:
                start = max(start, done)
                parts += (text[done:start], " " * (end - start))
                done = end
        text = "".join(parts) + text[done:]
        signals += sorted({e.key for e in article.analysis.entities})
        signals += figures
        chains = [a.chain for a in article.analysis.attributions if a.chain]
        if chains:
            signals.append("src:" + normalize(chains[0][-1]))
    places, day = event_of(article)
    outlet = outlet_of(article)
    return StoryDoc(article.id, text, article.title, outlet, article.published, signals,
                    places=places, day=day, profile=profile_of(article, outlet, (places, day), figures))


@lru_cache(maxsize=65536)
def _name_frequency(surface: str) -> int:
    """The background frequency of the commonest word of a name as written (names recur across
    articles, so each surface form is weighed once)."""
    bg, _ = background()
    return max((bg.get(stem(w), 0) for w in normalize(surface.replace("_", " ")).split()), default=0)


def _signal_hints(article: Article, hints: dict[str, int]) -> None:
    """Background frequency for entity keys: that of the commonest word of their surface forms,
    so that a key is as common as the name it stands for ('org:isis' ~ 'داعش')."""
    for e in article.analysis.entities if article.analysis else []:
        hints[e.key] = max(hints.get(e.key, 0), _name_frequency(e.text))


@dataclass
class GroupingInput:
    """What one article contributes to grouping, computed by `grouping_input` in any process:
    its story document (terms counted, text dropped), copy fingerprint and entity-key hints."""

    doc: StoryDoc
    fingerprint: Fingerprint
    hints: dict[str, int]


def story_features(article: Article) -> tuple[StoryDoc, dict[str, int]]:
    """The story document (terms counted, text dropped) and entity-key hints of an article: all that
    grouping needs of it but its copy fingerprint, which the Spark runner finds in its own stages."""
    doc = story_doc(article)
    doc.counts = PackedCounts.pack(doc_terms(doc))
    doc.text, doc.title, doc.signals = "", None, []      # counted: a long run holds every waiting article
    hints: dict[str, int] = {}
    _signal_hints(article, hints)
    return doc, hints


def grouping_input(article: Article) -> GroupingInput:
    doc, hints = story_features(article)
    return GroupingInput(doc, fingerprint(article.text), hints)


def _row_article(row: dict[str, Any]) -> Article:
    """The Article of a stored row without its lines, which grouping and comparison never read
    (decoding them was most of the cost of reading an article back)."""
    return row_to_article({**row, "lines": None})


def _row_input(row: dict[str, Any]) -> GroupingInput:
    return grouping_input(_row_article(row))


def _rows_story(item: tuple[str, list[dict[str, Any]]]) -> tuple[dict[str, Any], list[str]]:
    """(story row, member ids in story order) from the members' stored rows."""
    sid, rows = item
    articles = sorted(map(_row_article, rows), key=lambda a: (a.published or "~", a.id))
    return story_row(sid, articles), [a.id for a in articles]


def _grouping_inputs(rows: Iterable[dict[str, Any]], workers: int) -> Iterator[GroupingInput]:
    """Inputs of the stored rows with a body; with workers > 1, made (Article and features) by
    that many processes while this one reads rows and takes the inputs in."""
    bodies = (r for r in rows if (r.get("text") or "").strip())
    yield from pooled_map(_row_input, bodies, workers if workers > 1 else 0, chunksize=32)


class _Grouping:
    """One grouping run: copies and stories, fed article by article; what waits for the run is
    compact (term counts, a MinHash signature), and past `spill_after` articles it waits on disk."""

    def __init__(self, settings: ClusterSettings | None, spill_after: int = 20_000) -> None:
        self.copies = CopyIndex()
        self.index = StoryIndex(settings)
        self.hints: dict[str, int] = {}
        self.waiting = WaitingDocs(spill_after)    # taken in, waiting for `run`
        self.taken = 0                             # articles `run` has assigned

    def take(self, item: GroupingInput) -> StoryDoc:
        self.copies.add_fingerprint(item.doc.id, item.doc.published, item.fingerprint)
        for key, df in item.hints.items():       # the largest over all articles: any order gives it
            self.hints[key] = max(self.hints.get(key, 0), df)
        return item.doc

    def add(self, item: GroupingInput) -> None:
        self.waiting.add(self.take(item))

    def seed(self, stories: dict[str, list[str]], rows: Iterable[dict[str, Any]], workers: int = 1) -> None:
        """Load stored stories ({story id: member ids}) from their members' stored rows so that new
        articles can join them. Their inputs are made by `workers` processes, and the entity-key
        hints are applied once, after all of them: per story, re-applying them cost minutes for
        one day's update."""
        story_of = {aid: sid for sid, members in stories.items() for aid in members}
        docs: dict[str, list[StoryDoc]] = {sid: [] for sid in stories}
        for item in pooled_map(_row_input, (r for r in rows if r["id"] in story_of),
                               workers if workers > 1 else 0, chunksize=32, ordered=True):
            docs[story_of[item.doc.id]].append(self.take(item))
        self.index.weights.hint(self.hints)
        for sid, members in docs.items():
            if members:
                self.index.seed(sid, members)

    def result(self) -> tuple[dict[str, str], dict[str, str]]:
        assignment = self.run()
        return assignment, {aid: self.copies.original_of(aid) for aid in assignment}

    def run(self) -> dict[str, str]:
        """Assign the articles taken in, in time order, each let go once assigned."""
        self.index.weights.hint(self.hints)
        self.index.awaited = self.copies.originals()
        self.taken += len(self.waiting)
        return self.index.assign(self._with_originals(self.waiting.drain()), in_order=True)

    def _with_originals(self, docs: Iterator[StoryDoc]) -> Iterator[StoryDoc]:
        for doc in docs:       # every fingerprint is in by now: the earliest copy is known
            doc.original = self.copies.original_of(doc.id)
            yield doc


def group(articles: Iterable[Article], settings: ClusterSettings | None = None
          ) -> tuple[dict[str, str], dict[str, str]]:
    """Group a whole collection at once: ({article id: story id}, {article id: original id})."""
    grouping = _Grouping(settings)
    for article in articles:
        if article.text.strip():
            grouping.add(grouping_input(article))
    return grouping.result()


def group_store(store: Any, settings: ClusterSettings | None = None, workers: int = 1
                ) -> tuple[dict[str, str], dict[str, str]]:
    """`group` over every stored article, without saving anything; with workers > 1 the per-article
    work runs in that many processes."""
    grouping = _Grouping(settings)
    for item in _grouping_inputs(store.iter_rows(), workers):
        grouping.add(item)
    return grouping.result()


def update_stories(store: Any, settings: ClusterSettings | None = None, batch: int = 200,
                   workers: int = 1) -> dict[str, int]:
    """Group unassigned articles into stories and refresh the comparison of every touched story."""
    settings = settings or ClusterSettings()
    grouping = _Grouping(settings)
    dates = []
    for item in _grouping_inputs(store.iter_rows_without_story(), workers):
        grouping.add(item)
        if (when := time_of(item.doc.published)) is not None:
            dates.append(when)
    if not grouping.waiting:
        return {"new_articles": 0, "stories_touched": 0, "stories": store.story_count(), "copies": 0}
    # a story takes no article later than window_days after its latest: older ones cannot take these
    since = (min(dates) - timedelta(days=settings.window_days)).isoformat() if dates else None
    active = store.story_members(store.stories_active_since(since))
    grouping.seed({sid: [aid for aid, _ in members] for sid, members in active.items()},
                  store.get_rows([aid for members in active.values() for aid, _ in members]), workers)
    assignment = grouping.run()

    touched = sorted(set(assignment.values()))
    copies = grouping.copies
    n_copies = 0
    # the comparison of each touched story, in worker processes kept for every batch, from undecoded rows
    with Workers(workers if workers > 1 else 0) as comparing:
        for start in range(0, len(touched), batch):
            part = touched[start:start + batch]
            fetched = {r["id"]: r for r in store.get_rows([aid for sid in part for aid in grouping.index.members(sid)])}
            members = {sid: [fetched[aid] for aid in grouping.index.members(sid) if aid in fetched] for sid in part}
            rows, members_out = [], []
            for row, ids in comparing.map(_rows_story, members.items(), chunksize=4, ordered=True):
                rows.append(row)
                for aid in ids:
                    original = copies.original_of(aid) if aid in copies.docs else aid
                    members_out.append((row["id"], aid, original))
                    n_copies += original != aid
            store.save_stories(rows, members_out)
    store.save_story_links([(sid, other, kind, score) for sid, others in sorted(grouping.index.links.items())
                            for other, (kind, score) in sorted(others.items())])
    return {"new_articles": grouping.taken, "stories_touched": len(touched),
            "stories": store.story_count(), "copies": n_copies}


def story_row(sid: str, articles: list[Article]) -> dict[str, Any]:
    """The stored row of a story (what `save_stories` takes) from its articles in story order."""
    report = compare(articles)
    dated = [a.published for a in articles if a.published]
    return {
        "id": sid,
        "title": next((a.title for a in articles if a.title), None) or articles[0].text[:80],
        "first_seen": min(dated) if dated else None,
        "last_seen": max(dated) if dated else None,
        "n_articles": len(articles),
        "outlets": report.outlets,
        "origin": report.origin,
        "disagreements": [{"what": d["what"], "values": d["values"]} for d in report.disagreements],
        "report": report.to_dict(),
    }


def _story_json(row: dict[str, Any], members: list[tuple[str, str]]) -> dict[str, Any]:
    return {
        "id": row["id"], "title": row["title"], "articles": [aid for aid, _ in members],
        "outlets": row["outlets"], "first_seen": row["first_seen"], "last_seen": row["last_seen"],
        "n_articles": row["n_articles"], "origin": row["origin"], "disagreements": row["disagreements"],
    }


def list_stories(store: Any, limit: int = 50, offset: int = 0, outlet: str | None = None,
                 query: str | None = None, min_articles: int = 1) -> list[dict[str, Any]]:
    """Stories, most recent first, as Story JSON (plus n_articles and last_seen)."""
    rows = store.list_story_rows(limit=limit, offset=offset, outlet=outlet, query=query,
                                 min_articles=min_articles)
    members = store.story_members([r["id"] for r in rows])
    return [_story_json(r, members.get(r["id"], [])) for r in rows]


def get_story(store: Any, story_id: str) -> dict[str, Any] | None:
    """Story JSON plus "members" (each article's outlet, title, time, url, original) and "report"."""
    row = store.get_story_row(story_id)
    if row is None:
        return None
    members = store.story_members([story_id]).get(story_id, [])
    articles = {a.id: a for a in store.get_articles([aid for aid, _ in members])}
    out = _story_json(row, members)
    out["members"] = [{"id": aid, "outlet": outlet_of(articles[aid]), "title": articles[aid].title,
                       "published": articles[aid].published, "url": articles[aid].url,
                       "original": original}
                      for aid, original in members if aid in articles]
    out["report"] = row["report"]
    out["related"] = related_stories(store, story_id)
    return out


def related_stories(store: Any, story_id: str) -> list[dict[str, Any]]:
    """The stories this one points to or is pointed to by, strongest first: each with its id, title,
    size, dates and `relation`: "follow_up_of" (this story follows that earlier one up),
    "followed_up_by" (that later story follows this one up) or "same_topic" (another event told
    in the same words)."""
    out = []
    for link in store.story_links(story_id):
        if link["kind"] == FOLLOW_UP:
            relation = "followed_up_by" if link["later"] else "follow_up_of"
        else:
            relation = "same_topic"
        out.append({"id": link["id"], "title": link["title"], "relation": relation,
                    "n_articles": link["n_articles"], "first_seen": link["first_seen"],
                    "last_seen": link["last_seen"]})
    return out


def story_of_article(store: Any, article_id: str) -> str | None:
    return store.story_of(article_id)
