"""Stories over a store: assign new articles to stories, compare outlets, read stories back.

`update_stories(store)` runs after every ingest. It is incremental: only articles without a story
are grouped, against the stories still active in their time window (reloaded from the store);
older stories are left as they are. The read functions return the contract's Story JSON.
"""
from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from marsad.model import Article
from marsad.stories.cluster import ClusterSettings, StoryDoc, StoryIndex
from marsad.stories.compare import compare, outlet_of
from marsad.stories.dedup import CopyIndex
from marsad.stories.features import background, stem
from marsad.text import normalize

__all__ = ["get_story", "group", "list_stories", "story_doc", "story_of_article", "update_stories"]


def story_doc(article: Article) -> StoryDoc:
    """What grouping uses of an article: text, title, time and analysis signals."""
    signals: list[str] = []
    text = article.text
    if article.analysis:
        # the key stands for the name: blank the words out so that a name is not counted twice
        chars = list(text)
        for e in article.analysis.entities:
            chars[e.start:e.end] = " " * (e.end - e.start)
        text = "".join(chars)
        signals += sorted({e.key for e in article.analysis.entities})
        signals += [f"#{int(q.value)}" for q in article.analysis.quantities
                    if isinstance(q.value, (int, float)) and q.value >= 10 and q.qualifier != "vague"]
        chains = [a.chain for a in article.analysis.attributions if a.chain]
        if chains:
            signals.append("src:" + normalize(chains[0][-1]))
    return StoryDoc(article.id, text, article.title, outlet_of(article), article.published, signals)


def _signal_hints(articles: Iterable[Article]) -> dict[str, int]:
    """Background frequency for entity keys: that of the commonest word of their surface forms,
    so that a key is as common as the name it stands for ('org:isis' ~ 'داعش')."""
    bg, _ = background()
    hints: dict[str, int] = {}
    for article in articles:
        for e in article.analysis.entities if article.analysis else []:
            words = [stem(w) for w in normalize(e.text.replace("_", " ")).split()]
            df = max((bg.get(w, 0) for w in words), default=0)
            hints[e.key] = max(hints.get(e.key, 0), df)
    return hints


def group(articles: list[Article], settings: ClusterSettings | None = None
          ) -> tuple[dict[str, str], dict[str, str]]:
    """Group a whole collection at once: ({article id: story id}, {article id: original id})."""
    copies = CopyIndex()
    for a in sorted(articles, key=lambda a: (a.published or "~", a.id)):
        copies.add(a.id, a.text, a.published)
    index = StoryIndex(settings)
    index.weights.hint(_signal_hints(articles))
    docs = []
    for a in articles:
        doc = story_doc(a)
        doc.original = copies.original_of(a.id)
        docs.append(doc)
    return index.assign(docs), {a.id: copies.original_of(a.id) for a in articles}


def _parse(value: str | None) -> datetime | None:
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).replace(tzinfo=None) if value else None
    except ValueError:
        return None


def update_stories(store: Any, settings: ClusterSettings | None = None) -> dict[str, int]:
    """Group unassigned articles into stories and refresh the comparison of every touched story."""
    settings = settings or ClusterSettings()
    assigned = store.story_assignments()
    new = [a for a in store.iter_articles() if a.id not in assigned and a.text.strip()]
    if not new:
        return {"new_articles": 0, "stories_touched": 0, "stories": store.story_count(), "copies": 0}
    dates = [d for d in (_parse(a.published) for a in new) if d]
    since = (min(dates) - timedelta(days=settings.max_span_days)).isoformat() if dates else None
    active = store.story_members(store.stories_active_since(since))
    old_ids = [aid for members in active.values() for aid, _ in members]
    old = {a.id: a for a in store.get_articles(old_ids)}

    copies = CopyIndex()
    for a in sorted([*old.values(), *new], key=lambda a: (a.published or "~", a.id)):
        copies.add(a.id, a.text, a.published)
    index = StoryIndex(settings)
    index.weights.hint(_signal_hints([*old.values(), *new]))
    for sid, members in active.items():
        index.seed(sid, [story_doc(old[aid]) for aid, _ in members if aid in old])
    docs = []
    for a in new:
        doc = story_doc(a)
        doc.original = copies.original_of(a.id)
        docs.append(doc)
    assignment = index.assign(docs)

    touched = sorted(set(assignment.values()))
    by_id = {**old, **{a.id: a for a in new}}
    rows, members_out = [], []
    for sid in touched:
        ids = index.members(sid)
        missing = [i for i in ids if i not in by_id]
        for a in store.get_articles(missing):
            by_id[a.id] = a
        articles = sorted((by_id[i] for i in ids if i in by_id), key=lambda a: (a.published or "~", a.id))
        rows.append(_story_row(sid, articles))
        members_out += [(sid, a.id, copies.original_of(a.id) if a.id in copies.docs else a.id)
                        for a in articles]
    store.save_stories(rows, members_out)
    n_copies = sum(1 for _, aid, orig in members_out if aid != orig)
    return {"new_articles": len(new), "stories_touched": len(touched), "stories": store.story_count(),
            "copies": n_copies}


def _story_row(sid: str, articles: list[Article]) -> dict[str, Any]:
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
    return out


def story_of_article(store: Any, article_id: str) -> str | None:
    return store.story_of(article_id)
