"""The pieces every date reader shares: the matched groups read as months, years, weekdays and
directions, the reading that places a yearless date (past, future, explicit), and ISO values.

Why a module of its own: the readers are split by family (written calendar dates, relative
expressions, holidays and nth weekdays) and all of them build on these.
"""
from __future__ import annotations

import datetime as dt
import re

from marsad.extract import dates_resolve as R
from marsad.extract.dates_scan import is_future
from marsad.extract.dates_vocab import key, vocab
from marsad.text.numbers import WORD_TOKEN_RE, read_number

PREV_WORD = re.compile(r"([^\W\d_]+)[^\S\n]*$")


NEXT_WORD = re.compile(r"[^\S\n]*([^\s.,،؛;:!?؟()\"']+)(?:[^\S\n]+([^\s.,،؛;:!?؟()\"']+))?")


Found = tuple[str | None, str, str, str | None]   # value, kind, calendar, end_value


def group(m: re.Match[str], name: str) -> str | None:
    """A group that only some alternatives' builders define (numeric months, years in words)."""
    return m.group(name) if name in m.re.groupindex else None


def words_value(text: str) -> int | None:
    """An integer written in words ("ألفين وثمانية عشر", "عشرة"), read by marsad.text.numbers."""
    tokens = WORD_TOKEN_RE.findall(text)
    read = read_number(tokens)
    if read is None or read.end != len(tokens) or not float(read.value).is_integer():
        return None
    return int(read.value)


def month(m: re.Match[str], p: str) -> tuple[str, int] | None:
    name = m.group(p + "1")
    if name:
        if any(key(m.group(p + i) or "") == key(name) for i in "234"):
            return None          # "صفر-صفر" is a score: a month's second name is another calendar's
        return vocab().month(name)
    raw = group(m, p + "n")                   # "شهر عشرة", "شهر 10"
    if not raw:
        return None
    number = int(raw) if raw.isdigit() else words_value(raw)
    if number is None or not 1 <= number <= 12 or (number == 1 and not raw.isdigit()):
        return None                               # "شهر واحد" is one month, not January
    return "gregorian", number


def year_given(m: re.Match[str], p: str) -> bool:
    return m.group(p) is not None or group(m, p + "w") is not None


def year(m: re.Match[str], p: str, *, strong: bool, beside: str | None = None) -> tuple[str, int] | None:
    """('gregorian' | 'hijri', year): 1900-2100 Gregorian, 1350-1500 Hijri (1-1600 with a هـ suffix).

    `strong` is True after a year noun (عام، سنة) or beside a month name, which also admits
    historical Gregorian years (1000-1899) and years in words (عام ألفين وثمانية عشر). `beside` is
    the calendar of that month: beside a Gregorian month, 1350-1500 without an era is Gregorian
    ("29 من مايو 1453").
    """
    raw = m.group(p)
    if raw is None:
        words = group(m, p + "w")
        year_ = words_value(words) if words and strong else None
        return ("gregorian", year_) if year_ is not None and 1000 <= year_ <= 2100 else None
    year = int(raw)
    suffix = vocab().year_suffix.get(key(m.group(p + "s") or ""))
    if suffix == "hijri":
        return ("hijri", year) if 1 <= year <= 1600 else None    # "توفي سنة 1237هـ" too
    if suffix is None and strong and 1350 <= year <= 1500 and beside != "gregorian":
        return "hijri", year
    if 1900 <= year <= 2100 or (strong and 1000 <= year <= 2100 and suffix != "hijri"):
        return "gregorian", year
    return None


def direction(m: re.Match[str], p: str) -> int | None:
    word = m.group(p)
    return vocab().directions.get(key(word)) if word else None


def reading(m: re.Match[str], pub: dt.date | None, folded: str, direction: int | None) -> R.Reading:
    """How to place a date written without its year: the direction word beside it when there is
    one, else the tense of its clause (`is_future`); `.source` says which rule was used."""
    if direction is not None or pub is None:
        return R.Reading(direction, False)
    return R.Reading(None, is_future(folded, m.start(), m.end()))


def weekday(m: re.Match[str], p: str) -> int | None:
    word = m.group(p)
    return vocab().weekdays.get(key(word)) if word else None


def weekday_year(cal: str, month: int, day: int, weekday: int, pub: dt.date, reading: R.Reading) -> dt.date | None:
    """"الخميس 15 أغسطس": the year near publication in which the 15th of August is a Thursday."""
    if cal == "hijri":
        base = R.hijri_year(pub)
        return R.weekday_match(lambda y: R.hijri_date(y, month, day), base, weekday, pub,
                               reading.direction, reading.future) if base else None
    return R.weekday_match(lambda y: R.safe_date(y, month, day), pub.year, weekday, pub,
                           reading.direction, reading.future)


def date_value(cal: str, month: int, day: int, year: tuple[str, int] | None, pub: dt.date | None,
                reading: R.Reading = R.PAST, weekday: int | None = None) -> str | None:
    """ISO value of a day in a Gregorian or Hijri month, year given or fixed by `pub`; a weekday
    written beside a yearless date chooses the year where they agree. A Hijri day one day off its
    weekday is moved to it ("الجمعة 19 شعبان 1436" is Friday 5 June 2015, Umm al-Qura's 19 Sha'ban
    a Saturday): where a month starts by sighting it may begin a day before or after the calendar."""
    direction, future = reading
    if cal == "hijri":
        if year is None:
            day_ = R.hijri_day(month, day, pub, direction, future) if pub else None
        else:
            hyear = year[1] if year[0] == "hijri" else R.hijri_year_of(year[1], month)
            day_ = R.hijri_date(hyear, month, day) if hyear else None
        if day_ is not None and weekday is not None:
            shift = (weekday - day_.weekday() + 3) % 7 - 3
            if abs(shift) == 1:
                day_ += dt.timedelta(days=shift)
            elif shift and year is None and pub is not None:
                day_ = weekday_year(cal, month, day, weekday, pub, reading) or day_
        return day_.isoformat() if day_ else None
    if year is None and weekday is not None and pub is not None:
        found = weekday_year(cal, month, day, weekday, pub, reading)
        if found is not None:
            return found.isoformat()
    if year is not None and year[0] == "hijri":
        return None
    if not 1 <= day <= (29 if month == 2 else 30 if month in (4, 6, 9, 11) else 31):
        return None
    if year is None:
        return R.iso(R.year_for_day(month, day, pub, direction, future), month, day) if pub else R.iso(None, month, day)
    return R.iso(year[1], month, day)


def time(m: re.Match[str], p: str, date: str | None) -> str | None:
    """Attach a dateline time ('08:02 ص بتوقيت جرينيتش') to a full ISO date."""
    if date is None or len(date) != 10 or m.group(p + "hh") is None:
        return date
    v = vocab()
    hour, minute = int(m.group(p + "hh")), int(m.group(p + "mm"))
    half = v.meridiem.get(key(m.group(p + "ap") or ""))
    if (half == "pm" and hour < 12) or (half == "night" and 6 <= hour < 12):
        hour += 12
    elif half == "am" and hour == 12:
        hour = 0
    zone = ""
    if m.group(p + "tz"):
        zone = v.timezones.get(key(m.group(p + "tz")), "")
    elif m.group(p + "utc"):
        zone = offset(m.group(p + "off"))
    return f"{date}T{hour:02d}:{minute:02d}:00{zone}"


def offset(raw: str | None) -> str:
    if not raw:
        return "+00:00"
    sign, digits = raw[0], raw[1:].replace(":", "")
    hours, minutes = (digits[:-2], digits[-2:]) if len(digits) > 2 else (digits, "00")
    return f"{sign}{int(hours):02d}:{minutes}"


def prev_word(folded: str, m: re.Match[str]) -> str:
    hit = PREV_WORD.search(folded, max(0, m.start() - 20), m.start())
    return hit.group(1) if hit else ""


_YEARLY = re.compile(r"[^\S\n]+(?:من[^\S\n]+)?كل[^\S\n]+(?:عام|سنه)(?![^\W_])")


def yearly(folded: str, end: int) -> bool:
    """"23 سبتمبر من كل عام": a day of every year, with no year to fix."""
    return _YEARLY.match(folded, end) is not None


def next_words(folded: str, end: int) -> tuple[str, str]:
    """The one or two words right after a match (punctuation stops them)."""
    hit = NEXT_WORD.match(folded, end, min(len(folded), end + 40))
    return (hit.group(1), hit.group(2) or "") if hit else ("", "")


def quantity_follows(folded: str, end: int) -> bool:
    """A unit, currency or counted noun after a number pair: "4.22 دولار", "3-5 أيام", "2-1 لصالح"."""
    rest = folded[end:end + 3].lstrip()
    if rest[:1] in ("%", "٪"):
        return True
    first, second = next_words(folded, end)
    followers = vocab().number_followers
    return first in followers or f"{first} {second}" in followers


def month_period(month: tuple[str, int], year: tuple[str, int] | None, pub: dt.date | None,
                  reading: R.Reading) -> Found:
    """A month named as a whole period (`months_as_periods`: رمضان) is the range of its days, for
    the year written ("رمضان 1436", or "رمضان 2015": the one starting in 2015) or the occurrence
    the reading picks around publication."""
    cal, number = month
    span = None
    if year is not None:
        y = year[1] if year[0] == cal else R.hijri_year_of(year[1], number) if cal == "hijri" else None
        span = R.month_bounds(cal, y, number) if y else None
    elif pub is not None:
        base = R.hijri_year(pub) if cal == "hijri" else pub.year
        if base:
            span = R.occurrence(lambda y: R.month_bounds(cal, y, number), base, pub, *reading)
    if span is None:
        return None, "range", cal, None
    return span[0].isoformat(), "range", cal, span[1].isoformat()


def is_period_month(month: tuple[str, int]) -> bool:
    return month[1] in vocab().data["months_as_periods"].get(month[0], ())


def month_value(cal: str, month: int, year: tuple[str, int] | None, pub: dt.date | None,
                 reading: R.Reading = R.PAST) -> str | None:
    """ISO month ('2014-06'); a Hijri month is the Gregorian month holding its first day."""
    direction, future = reading
    if cal == "hijri":
        if year is None:
            first = R.hijri_month(month, pub, direction, future) if pub else None
        else:
            hyear = year[1] if year[0] == "hijri" else R.hijri_year_of(year[1], month)
            first = R.hijri_date(hyear, month, 1) if hyear else None
        return first.strftime("%Y-%m") if first else None
    if year is None:
        return R.iso(R.year_for_month(month, pub, direction, future), month) if pub else None
    return R.iso(year[1], month) if year[0] == "gregorian" else None


def year_value(year: tuple[str, int]) -> str | None:
    if year[0] == "gregorian":
        return R.iso(year[1])
    first = R.hijri_date(year[1], 1, 1)
    return R.iso(first.year) if first else None


def year_phrase(m: re.Match[str], p: str, pub: dt.date | None) -> tuple[str, int] | None:
    """The Gregorian year of "هذا العام" / "العام الماضي" after a month or holiday, from `pub`."""
    if pub is None or not (m.group(p + "ythis") or m.group(p + "ydir")):
        return None
    return "gregorian", pub.year + (direction(m, p + "ydir") or 0)
