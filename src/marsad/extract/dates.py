"""Dates: absolute, partial, Hijri, ranges and relative expressions resolved against publication."""
from __future__ import annotations

from marsad.model import DateMention


def find_dates(text: str, published: str | None = None) -> list[DateMention]:
    raise NotImplementedError
