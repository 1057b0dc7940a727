"""Named entities (PER, ORG, LOC, MISC) with canonical names and alias keys."""
from __future__ import annotations

from marsad.model import Entity


def find_entities(text: str) -> list[Entity]:
    raise NotImplementedError
