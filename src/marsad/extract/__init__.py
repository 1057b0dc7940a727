"""Analysis of a cleaned body: entities, attribution chains, quotes, quantities, dates."""
from __future__ import annotations

from marsad.model import Analysis


def analyze(text: str, published: str | None = None, outlet: str | None = None) -> Analysis:
    """Run every extractor over `text`; relative dates resolve against `published` (ISO 8601)."""
    from marsad.extract.attribution import find_attributions
    from marsad.extract.dates import find_dates
    from marsad.extract.entities import find_entities
    from marsad.extract.quantities import find_quantities
    from marsad.extract.quotes import find_quotes

    entities = find_entities(text)
    attributions, sources = find_attributions(text, entities, outlet=outlet)
    dates = find_dates(text, published)
    return Analysis(
        entities=entities,
        attributions=attributions,
        sources=sources,
        quotes=find_quotes(text, entities),
        quantities=_outside_dates(find_quantities(text), dates),
        dates=dates,
    )


def _outside_dates(quantities: list, dates: list) -> list:
    """Numbers inside a calendar date ("26 / 6 / 1436", "17 - 20 آب") and ordinals touching any date
    ("الأول من مايو", "الأسبوع الثاني من أغسطس") name the day or the week: they are not quantities
    of their own; the date carries them. The count of a span back ("منذ تسعة أعوام") stays a
    quantity too: outlets disagree on it ("للمرة الأولى منذ تسعة أعوام" / "منذ 6 سنوات")."""
    days = [(d.start, d.end) for d in dates if d.kind != "relative"]
    spans = [(d.start, d.end) for d in dates]
    return [q for q in quantities
            if not (any(s < q.end and q.start < e for s, e in spans) if q.kind == "ordinal"
                    else any(s <= q.start and q.end <= e for s, e in days))]
