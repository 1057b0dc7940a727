"""Dates: absolute, partial, Hijri, ranges and relative expressions resolved against publication.

`find_dates(text, published)` runs one compiled regex (see `dates_patterns`) over the folded
text, reads each match into a `DateMention` and maps its span back to the original characters.

Conventions (the contract's ISO values, chosen to agree with our annotated seeds):
- value is ISO 8601 at the precision of the text: '2017-10-26', '2017-09', '2014', '--01-10',
  '2017-W42' (a week), '2017-10-29T08:02:00+00:00' (a dateline with a time zone);
- kind "absolute": the text names a calendar day, month or year (even when the year is then
  taken from the publication date); "relative": deictic (اليوم، الخميس الماضي، قبل يومين);
  "range": two ends, `value` the first, `end_value` the last;
- without `published`, relative expressions are still reported with value None, a day+month
  keeps '--MM-DD', a month without a year is None;
- the year-fixing rules live in `dates_resolve` (most recent on or before publication, strictly
  before with الماضي, strictly after with المقبل, the next one on or after publication in a future
  clause: `dates_parts.reading`);
- Hijri dates keep calendar="hijri" and carry the Gregorian value (Umm al-Qura); so do the
  Islamic holidays; Ramadan named as a whole is a range over its days.
The readers live by family in `dates_calendar`, `dates_relative` and `dates_holidays`, on the
shared pieces of `dates_parts`. The full list of forms, with examples, is docs/dates.md.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import replace

from marsad.extract import dates_calendar, dates_holidays, dates_relative
from marsad.extract import dates_parts as P
from marsad.extract import dates_resolve as R
from marsad.extract.dates_parts import Found
from marsad.extract.dates_patterns import master
from marsad.extract.dates_scan import candidates, fold
from marsad.model import DateMention

__all__ = ["find_dates"]

_READERS = {**dates_calendar.READERS, **dates_relative.READERS, **dates_holidays.READERS}


def find_dates(text: str, published: object = None) -> list[DateMention]:
    """Every date expression in `text`, in order; relative ones resolved against `published`.

    `published` is an ISO string ('2017-10-29' or a full timestamp), a date or a datetime;
    its local calendar day is the anchor.
    """
    if not text:
        return []
    folded, to_original = fold(text)
    pub = R.parse_published(published)
    pattern = master()
    out: list[DateMention] = []
    cursor = 0
    month_end = -1                     # where the last month found ends (in `folded`)
    joined: list[tuple[int, re.Match[str]]] = []   # (index in out, match) of the months joined so far
    for starts, trigger in candidates(folded):
        if trigger < cursor:
            continue
        for pos in starts:
            if pos < cursor:
                continue
            m = pattern.match(folded, pos)
            if m is None or m.end() <= trigger:
                continue
            found = _read(m, pub, folded)
            linked = month_end >= 0 and _JOINED.fullmatch(folded, month_end, m.start()) is not None
            if found is None and linked:
                found = _read(m, pub, folded, dates_calendar.read_joined_month)
            if found is not None:
                (value, kind, calendar, end_value), s, e = found
                month_end = m.end() if m.lastgroup in _MONTHS and value and len(value) == 7 else -1
                joined = [*joined, (len(out), m)] if linked else [(len(out), m)]
                if linked and (direction := dates_calendar.shared_direction(m)) is not None:
                    for at, earlier in joined[:-1]:       # "في يناير وفبراير الماضيين": both past
                        if (placed := dates_calendar.month_towards(earlier, pub, direction, value or "")) is not None:
                            out[at] = replace(out[at], value=placed, reading="explicit")
                s, e = to_original(s), to_original(e)
                out.append(DateMention(text=text[s:e], value=value, kind=kind, calendar=calendar,
                                       start=s, end=e, end_value=end_value, reading=_placed_by(m, pub, folded)))
                cursor = m.end()
                break
    return out


# a bare month right after a month found, joined by a comma, و, أو, حتى or إلى, is a month too
# ("في مايو ويونيو"، "من يونيو وحتى سبتمبر"); "و" itself is the proclitic of the month's match
_MONTHS = frozenset({"mo", "my"})
_JOINED = re.compile(r"[^\S\n]*[،,]?[^\S\n]*(?:(?:او|حتي|الي|ثم)[^\S\n]+)?")


# alternatives whose value, when no year is written, comes from placing the date around publication
_PLACED = frozenset({"dmy", "mdy", "dm", "dd", "mo", "wd", "wdr", "wkd", "hol", "nwd", "rng", "rngd"})
_YEAR = re.compile(r"\d{4}|(?<![^\W\d_])الف(?:ين|ان)?(?![^\W\d_])")     # a year in digits or in words


def _placed_by(m: re.Match[str], pub: dt.date | None, folded: str) -> str | None:
    """Which rule placed a yearless date ('explicit' direction word, 'future' clause, 'past'), so
    that users can see why "الخميس" became last Thursday or the next one; None when the text fixes
    the date by itself or counts from publication (أمس، قبل يومين)."""
    if pub is None or m.lastgroup not in _PLACED or _YEAR.search(m.group(m.lastgroup)):
        return None
    direction = next((P.direction(m, name) for name, value in m.groupdict().items()
                      if value and name.endswith("dir") and name.startswith(m.lastgroup)), None)
    return P.reading(m, pub, folded, direction).source


def _read(m: re.Match[str], pub: dt.date | None, folded: str,
          reader: Callable[[re.Match[str], dt.date | None, str], Found | None] | None = None
          ) -> tuple[Found, int, int] | None:
    kind = m.lastgroup                 # the alternative's group is the last one to close
    found = (reader or _READERS[kind])(m, pub, folded)
    return None if found is None else (found, *m.span(kind))
