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
    return Analysis(
        entities=entities,
        attributions=attributions,
        sources=sources,
        quotes=find_quotes(text, entities),
        quantities=find_quantities(text),
        dates=find_dates(text, published),
    )
