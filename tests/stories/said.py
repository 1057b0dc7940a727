"""Articles for comparison tests: an outlet's text with the quantities (and places) it states,
as the analysis would give them, so that a test pins the comparison and not the extractors."""
from marsad.model import Analysis, Article, Entity, Quantity


def quantity_at(text, snippet, value, unit, qualifier="exact", nth=0):
    """A quantity as the extractor gives it, located at the `nth` occurrence of `snippet` in `text`."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(snippet, start + 1)
    return Quantity(snippet, value, None, None, qualifier, unit, start, start + len(snippet))


def said(aid, outlet, text, *quantities, day="2025-04-01", places=(), people=()):
    """`quantities` are (snippet, value, unit[, qualifier[, nth]]) found in `text`; `places` name LOC
    entities (those the text holds), `people` PER ones."""
    entities = [Entity(text.index(p), text.index(p) + len(p), p, "LOC", p, f"loc:{p}") for p in places if p in text]
    entities += [Entity(text.index(p), text.index(p) + len(p), p, "PER", p, f"per:{p}") for p in people]
    a = Article(id=aid, source=f"{aid}.txt", text=text, outlet=outlet, published=day)
    a.analysis = Analysis(entities=entities, quantities=[quantity_at(text, *q) for q in quantities])
    return a
