"""Quantities: digits and number words, hedges, ranges and the counted thing."""
from __future__ import annotations

from marsad.model import Quantity


def find_quantities(text: str) -> list[Quantity]:
    raise NotImplementedError
