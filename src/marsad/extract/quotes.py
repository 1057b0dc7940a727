"""Direct quotations and their speakers."""
from __future__ import annotations

from marsad.model import Entity, Quote


def find_quotes(text: str, entities: list[Entity]) -> list[Quote]:
    raise NotImplementedError
