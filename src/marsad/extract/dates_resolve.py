"""Calendar arithmetic for the date extractor: fixing years, relative shifts, Hijri conversion.

Kept apart from the matching code because these rules are the conventions users rely on
(documented in `find_dates`), and they are easiest to test and change in one place.
Conventions:
- a day+month without a year is the most recent such day on or before publication; with a
  "past" word (الماضي) strictly before it; with a "next" word (المقبل) strictly after it;
- a weekday alone is the most recent such day on or before publication (same day included);
  with الماضي strictly before; with المقبل strictly after;
- Hijri dates are converted with the Umm al-Qura calendar (hijridate); a Hijri month without a
  day becomes the Gregorian month holding its first day, a Hijri year the Gregorian year
  holding 1 Muharram.
"""
from __future__ import annotations

import datetime as dt

from hijridate import Gregorian, Hijri

__all__ = [
    "hijri_date",
    "hijri_day",
    "hijri_month",
    "hijri_year_of",
    "iso",
    "iso_week",
    "parse_published",
    "shift",
    "weekday_date",
    "year_for_day",
    "year_for_month",
]


def parse_published(published: object) -> dt.date | None:
    """The publication day from an ISO string, a date or a datetime (local date as written)."""
    if published is None:
        return None
    if isinstance(published, dt.datetime):
        return published.date()
    if isinstance(published, dt.date):
        return published
    try:
        return dt.date.fromisoformat(str(published).strip()[:10])
    except ValueError:
        return None


def iso(year: int | None, month: int | None = None, day: int | None = None) -> str | None:
    """ISO 8601 at the precision given: '2017', '2017-09', '2017-10-26', '--01-10'."""
    if year is None:
        return f"--{month:02d}-{day:02d}" if month and day else None
    if month is None:
        return f"{year:04d}"
    if day is None:
        return f"{year:04d}-{month:02d}"
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def hijri_date(year: int, month: int, day: int) -> dt.date | None:
    """Gregorian date of a Hijri (Umm al-Qura) date, None outside the supported range."""
    try:
        return Hijri(year, month, day).to_gregorian()
    except (ValueError, OverflowError):
        return None


def hijri_year_of(gregorian_year: int, month: int) -> int | None:
    """The Hijri year whose `month` starts in `gregorian_year` ('رمضان 2025' -> 1446)."""
    guess = round((gregorian_year - 622) * 33 / 32)
    for year in (guess - 1, guess, guess + 1):
        start = hijri_date(year, month, 1)
        if start is not None and start.year == gregorian_year:
            return year
    return None


def _today_hijri(pub: dt.date) -> tuple[int, int, int] | None:
    try:
        h = Gregorian(pub.year, pub.month, pub.day).to_hijri()
    except (ValueError, OverflowError):
        return None
    return h.year, h.month, h.day


def _pick_year(candidate: tuple[int, int], now: tuple[int, int], base: int, direction: int | None) -> int:
    """Year (base or a neighbour) putting (month, day) on the side of `now` that `direction` asks."""
    if direction is not None and direction > 0:
        return base if candidate > now else base + 1
    if direction is not None and direction < 0:
        return base if candidate < now else base - 1
    if direction == 0:
        return base
    return base if candidate <= now else base - 1


def year_for_day(month: int, day: int, pub: dt.date, direction: int | None) -> int:
    """Gregorian year of a day+month read in an article published on `pub`."""
    return _pick_year((month, day), (pub.month, pub.day), pub.year, direction)


def year_for_month(month: int, pub: dt.date, direction: int | None) -> int:
    """Gregorian year of a month named without a year ('يناير الماضي')."""
    return _pick_year((month, 0), (pub.month, 0), pub.year, direction)


def hijri_day(month: int, day: int, pub: dt.date, direction: int | None) -> dt.date | None:
    """Gregorian date of a Hijri day+month without a year, read against `pub`."""
    now = _today_hijri(pub)
    if now is None:
        return None
    year = _pick_year((month, day), (now[1], now[2]), now[0], direction)
    return hijri_date(year, month, day)


def hijri_month(month: int, pub: dt.date, direction: int | None) -> dt.date | None:
    """Gregorian date of the 1st of a Hijri month named without a year, read against `pub`."""
    now = _today_hijri(pub)
    if now is None:
        return None
    year = _pick_year((month, 0), (now[1], 0), now[0], direction)
    return hijri_date(year, month, 1)


def weekday_date(weekday: int, pub: dt.date, direction: int | None) -> dt.date:
    """The `weekday` (Monday = 0) nearest `pub` on the side `direction` asks (see module doc)."""
    back = (pub.weekday() - weekday) % 7
    if direction is not None and direction > 0:
        return pub + dt.timedelta(days=(weekday - pub.weekday()) % 7 or 7)
    if direction is not None and direction < 0 and back == 0:
        back = 7
    return pub - dt.timedelta(days=back)


def shift(pub: dt.date, unit: str, amount: int) -> str:
    """ISO value of `pub` moved by `amount` units, at the precision of the unit."""
    if unit == "day":
        return (pub + dt.timedelta(days=amount)).isoformat()
    if unit == "week":
        return iso_week(pub + dt.timedelta(weeks=amount))
    if unit == "month":
        index = pub.year * 12 + pub.month - 1 + amount
        return f"{index // 12:04d}-{index % 12 + 1:02d}"
    return f"{pub.year + amount:04d}"


def iso_week(day: dt.date) -> str:
    """ISO week string of `day`: '2017-W43'."""
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"
