"""Calendar arithmetic for the date extractor: fixing years, relative shifts, Hijri conversion.

Kept apart from the matching code because these rules are the conventions users rely on
(documented in `find_dates`), and they are easiest to test and change in one place.
Conventions (docs/dates.md, "Resolution"):
- a day+month without a year is the most recent such day on or before publication; with a
  "past" word (الماضي) strictly before it; with a "next" word (المقبل) strictly after it; in a
  future clause (`Reading.future`: سيعقد، من المقرر…) the next one on or after publication;
- a weekday alone is the most recent such day on or before publication (same day included);
  with الماضي strictly before; with المقبل strictly after; in a future clause on or after;
- yearly events whose day moves (Hijri holidays, Easter, nth weekdays, Ramadan) follow the same
  rule through `occurrence`; a weekday written beside a date picks the nearest year where the
  two agree (`weekday_match`);
- Hijri dates are converted with the Umm al-Qura calendar (hijridate); a Hijri month without a
  day becomes the Gregorian month holding its first day, a Hijri year the Gregorian year
  holding 1 Muharram.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import NamedTuple

from hijridate import Gregorian, Hijri

__all__ = [
    "PAST",
    "Reading",
    "day_in_month",
    "easter",
    "hijri_date",
    "hijri_day",
    "hijri_month",
    "hijri_year",
    "hijri_year_of",
    "iso",
    "iso_week",
    "month_bounds",
    "nth_weekday",
    "occurrence",
    "parse_published",
    "safe_date",
    "shift",
    "two_digit_year",
    "week_day",
    "weekday_date",
    "weekday_match",
    "year_for_day",
    "year_for_month",
]


class Reading(NamedTuple):
    """How a date written without its year is placed around publication.

    `direction` comes from a word beside the date (-1 الماضي, 0 الجاري, 1 المقبل) and always wins;
    without one, `future` says the clause is about the future (سيعقد، من المقرر…): the next
    occurrence on or after publication instead of the most recent on or before it.
    """

    direction: int | None = None
    future: bool = False

    @property
    def source(self) -> str:
        """Which rule placed the date: 'explicit', 'future' or 'past'."""
        return "explicit" if self.direction is not None else "future" if self.future else "past"


PAST = Reading()
"""The default reading: no direction word, past or neutral clause (most recent occurrence)."""


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
    """Gregorian date of a Hijri date: Umm al-Qura where it is defined (1343-1500), the arithmetic
    (tabular) calendar before and after it, which historians' dates ("توفي سنة 1237هـ") use."""
    try:
        return Hijri(year, month, day).to_gregorian()
    except (ValueError, OverflowError):
        return _tabular_hijri(year, month, day)


_HIJRI_EPOCH = 227015          # 1 Muharram 1 (16 July 622, Julian) as a proleptic Gregorian ordinal


def _tabular_hijri(year: int, month: int, day: int) -> dt.date | None:
    if not (1 <= year <= 1600 and 1 <= month <= 12 and 1 <= day <= 30):
        return None
    ordinal = (_HIJRI_EPOCH - 1 + (year - 1) * 354 + (3 + 11 * year) // 30
               + 29 * (month - 1) + month // 2 + day)
    return dt.date.fromordinal(ordinal)


def hijri_year_of(gregorian_year: int, month: int, day: int = 1) -> int | None:
    """The Hijri year whose `month` (its `day`) falls in `gregorian_year` ('رمضان 2025' -> 1446,
    'عيد الفطر 2015' -> 1436); the first one when a Gregorian year holds two."""
    guess = round((gregorian_year - 622) * 33 / 32)
    for year in (guess - 1, guess, guess + 1):
        start = hijri_date(year, month, day)
        if start is not None and start.year == gregorian_year:
            return year
    return None


def _today_hijri(pub: dt.date) -> tuple[int, int, int] | None:
    try:
        h = Gregorian(pub.year, pub.month, pub.day).to_hijri()
    except (ValueError, OverflowError):
        return None
    return h.year, h.month, h.day


def _pick_year(candidate: tuple[int, int], now: tuple[int, int], base: int, direction: int | None,
               future: bool = False) -> int:
    """Year (base or a neighbour) putting (month, day) on the side of `now` that `direction` asks."""
    if direction is not None and direction > 0:     # 2: the one after the next ("بعد المقبل")
        return (base if candidate > now else base + 1) + direction - 1
    if direction is not None and direction < 0:
        return (base if candidate < now else base - 1) + direction + 1
    if direction == 0:
        return base
    if future:
        return base if candidate >= now else base + 1
    return base if candidate <= now else base - 1


def year_for_day(month: int, day: int, pub: dt.date, direction: int | None, future: bool = False) -> int:
    """Gregorian year of a day+month read in an article published on `pub`."""
    return _pick_year((month, day), (pub.month, pub.day), pub.year, direction, future)


def year_for_month(month: int, pub: dt.date, direction: int | None, future: bool = False) -> int:
    """Gregorian year of a month named without a year ('يناير الماضي'); the month of publication
    counts as both the most recent and the next one."""
    return _pick_year((month, 0), (pub.month, 0), pub.year, direction, future)


def hijri_day(month: int, day: int, pub: dt.date, direction: int | None, future: bool = False) -> dt.date | None:
    """Gregorian date of a Hijri day+month without a year, read against `pub`."""
    now = _today_hijri(pub)
    if now is None:
        return None
    year = _pick_year((month, day), (now[1], now[2]), now[0], direction, future)
    return hijri_date(year, month, day)


def hijri_month(month: int, pub: dt.date, direction: int | None, future: bool = False) -> dt.date | None:
    """Gregorian date of the 1st of a Hijri month named without a year, read against `pub`."""
    now = _today_hijri(pub)
    if now is None:
        return None
    year = _pick_year((month, 0), (now[1], 0), now[0], direction, future)
    return hijri_date(year, month, 1)


def hijri_year(day: dt.date) -> int | None:
    """The Umm al-Qura year holding `day`."""
    now = _today_hijri(day)
    return now[0] if now else None


def weekday_date(weekday: int, pub: dt.date, direction: int | None, future: bool = False) -> dt.date:
    """The `weekday` (Monday = 0) nearest `pub` on the side `direction` asks (see module doc);
    in a future clause the next one, publication day included (symmetric with the past rule)."""
    back = (pub.weekday() - weekday) % 7
    if direction is not None and direction > 0:
        return pub + dt.timedelta(days=(weekday - pub.weekday()) % 7 or 7)
    if direction is None and future:
        return pub + dt.timedelta(days=(weekday - pub.weekday()) % 7)
    if direction is not None and direction < 0 and back == 0:
        back = 7
    return pub - dt.timedelta(days=back)


def week_day(weekday: int, pub: dt.date, weeks: int, week_start: int) -> dt.date:
    """The `weekday` of the week `weeks` away from publication's ("الجمعة من الأسبوع المقبل").

    Weeks run from `week_start` (Saturday in dates.json, as Arabic calendars print them), so the
    Friday of next week is never tomorrow's Friday of this week.
    """
    start = pub - dt.timedelta(days=(pub.weekday() - week_start) % 7) + dt.timedelta(weeks=weeks)
    return start + dt.timedelta(days=(weekday - week_start) % 7)


def safe_date(year: int, month: int, day: int) -> dt.date | None:
    """dt.date or None when the day does not exist (30 February) or the year is out of range."""
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


Span = tuple[dt.date, dt.date]


def occurrence(span_of: Callable[[int], Span | None], base: int, pub: dt.date, direction: int | None,
               future: bool = False) -> Span | None:
    """Which yearly occurrence (`span_of(year)` -> first and last day, year in the event's own
    calendar, `base` the year of publication there) an undated mention means.

    Same rule as day+month: direction 0 -> base; > 0 the first starting after `pub` (2: the second);
    < 0 the last ending before it (-2: the one before); future clause -> the first not yet over;
    else the last already begun.
    """
    if direction == 0:
        return span_of(base)
    reach = 2 if direction is not None and abs(direction) > 1 else 1      # "بعد المقبل" skips one
    spans = sorted(s for y in range(base - reach, base + reach + 1) if (s := span_of(y)) is not None)
    if direction is not None and direction > 0:     # 2: the one after the next ("رمضان بعد المقبل")
        after = [s for s in spans if s[0] > pub]
        return after[direction - 1] if len(after) >= direction else None
    if direction is not None and direction < 0:
        before = [s for s in spans if s[1] < pub]
        return before[direction] if len(before) >= -direction else None
    if future:
        return min((s for s in spans if s[1] >= pub), default=None)
    return max((s for s in spans if s[0] <= pub), default=None)


def month_bounds(calendar: str, year: int, month: int) -> Span | None:
    """First and last Gregorian day of a Gregorian or Hijri (Umm al-Qura) month."""
    if calendar == "hijri":
        first = hijri_date(year, month, 1)
        following = hijri_date(year + month // 12, month % 12 + 1, 1)
        return (first, following - dt.timedelta(days=1)) if first and following else None
    if not 1 <= year <= 9998:
        return None
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return dt.date(year, month, 1), following - dt.timedelta(days=1)


def nth_weekday(bounds: Span, weekday: int, n: int) -> dt.date | None:
    """The `n`th `weekday` (Monday = 0) between the bounds of a month; n = -1 is the last."""
    first, last = bounds
    if n < 0:
        return last - dt.timedelta(days=(last.weekday() - weekday) % 7)
    day = first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    return day if day <= last else None


def weekday_match(date_of: Callable[[int], dt.date | None], base: int, weekday: int, anchor: dt.date,
                  direction: int | None = None, future: bool = False, span: int = 11) -> dt.date | None:
    """The year near `base` in which `date_of(year)` falls on `weekday` ("الخميس 15 أغسطس").

    A day+month returns to the same weekday within 11 years. The nearest such day to `anchor`
    wins; a direction word keeps it on its side; a tie goes to the clause's tense.
    """
    hits = [d for y in range(base - span, base + span + 1) if (d := date_of(y)) is not None and d.weekday() == weekday]
    if direction is not None and direction > 0:
        hits = [d for d in hits if d > anchor]
    elif direction is not None and direction < 0:
        hits = [d for d in hits if d < anchor]
    if not hits:
        return None
    return min(hits, key=lambda d: (abs((d - anchor).days), (d < anchor) if future else (d > anchor)))


def day_in_month(day: int, pub: dt.date, direction: int | None, future: bool = False,
                 weekday: int | None = None) -> dt.date | None:
    """"في 15" / "15 الجاري": the 15th of the month that the reading asks, relative to `pub`.

    direction 0 is the current month, -1 the previous, 1 the next; without one, the last 15th on
    or before publication (the next on or after it in a future clause). A weekday written before
    it ("الخميس 15") picks the nearest month where the two agree.
    """
    index = pub.year * 12 + pub.month - 1

    def nth(offset: int) -> dt.date | None:
        return safe_date((index + offset) // 12, (index + offset) % 12 + 1, day)

    if weekday is not None:
        return weekday_match(nth, 0, weekday, pub, direction, future, span=24)
    if direction is not None:
        return nth(max(-2, min(direction, 1)))
    days = [d for k in range(-3, 4) if (d := nth(k)) is not None]
    if future:
        return min((d for d in days if d >= pub), default=None)
    return max((d for d in days if d <= pub), default=None)


def two_digit_year(yy: int, anchor: dt.date | None) -> int:
    """Century of a two-digit year ("18-9-15"): the 2000s up to ten years after the anchor
    (publication), else the 1900s; without one, POSIX's pivot (00-68 -> 2000s)."""
    limit = (anchor.year + 10) % 100 if anchor else 68
    return 2000 + yy if yy <= limit else 1900 + yy


def easter(year: int, orthodox: bool = False) -> dt.date:
    """Easter Sunday: Western (Gregorian computus) or Orthodox (Julian computus, shown Gregorian)."""
    if orthodox:
        d = (19 * (year % 19) + 15) % 30
        e = (2 * (year % 4) + 4 * (year % 7) - d + 34) % 7
        month, day = divmod(d + e + 114, 31)
        century = year // 100
        return dt.date(year, month, day + 1) + dt.timedelta(days=century - century // 4 - 2)
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (b - (b + 8) // 25 + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


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
