"""Month and weekday names of the Gregorian (Arabic, Levantine/Iraqi, Maghrebi, English) and Hijri
calendars, keyed by their folded form so that any spelling variant finds its number."""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

from marsad.text.normalize import normalize

__all__ = ["lookup_month", "month_names", "weekday_names"]


@lru_cache(maxsize=1)
def _data() -> dict:
    return json.loads(resources.files("marsad.text").joinpath("data/months.json").read_text("utf-8"))


@lru_cache(maxsize=2)
def month_names(calendar: str = "gregorian") -> dict[str, int]:
    """Folded month name -> month number (1-12) for `calendar` ('gregorian' or 'hijri')."""
    return {normalize(name): int(num) for num, names in _data()[calendar].items() for name in names}


@lru_cache(maxsize=1)
def weekday_names() -> dict[str, int]:
    """Folded weekday name (with the article, e.g. 'الخميس') -> weekday number, Monday = 0."""
    return {normalize(name): int(num) for num, names in _data()["weekdays"].items() for name in names}


def lookup_month(name: str) -> tuple[str, int] | None:
    """('gregorian' | 'hijri', month number) for any spelling of a month name, else None."""
    folded = normalize(name.strip())
    for calendar in ("gregorian", "hijri"):
        number = month_names(calendar).get(folded)
        if number is not None:
            return calendar, number
    return None
