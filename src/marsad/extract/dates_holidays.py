"""Readers of holidays and of nth weekdays or days of a month: Islamic feasts from the Hijri
calendar, Christmas, New Year and Easter, "العيد" alone, "ثالث ثلاثاء من سبتمبر", "آخر يوم من الشهر".
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from marsad.extract import dates_parts as P
from marsad.extract import dates_resolve as R
from marsad.extract.dates_vocab import key, vocab
from marsad.text.numbers import read_ordinal


def _holiday_day(spec: dict, year: int) -> dt.date | None:
    """The holiday's day in `year` of its own calendar (Hijri for the Islamic feasts)."""
    rule = spec.get("rule")
    if rule is not None:
        return R.easter(year, orthodox=rule == "easter_orthodox") if 1583 <= year <= 4099 else None
    if spec["calendar"] == "hijri":
        return R.hijri_date(year, spec["month"], spec["day"])
    return R.safe_date(year, spec["month"], spec["day"])


def _nearest_eid(pub: dt.date, reading: R.Reading) -> dt.date | None:
    """"العيد" alone: the Eid (al-Fitr or al-Adha) the reading picks, the nearer of the two."""
    base = R.hijri_year(pub)
    if not base:
        return None
    found = [span[0] for month, day in ((10, 1), (12, 10))
             if (span := R.occurrence(lambda y, mo=month, d=day: (h, h) if (h := R.hijri_date(y, mo, d)) else None,
                                      base, pub, *reading))]
    return min(found, key=lambda d: abs((d - pub).days), default=None)


def _read_hol(m: re.Match[str], pub: dt.date | None, folded: str) -> P.Found | None:
    """A holiday: its day for the year written, else the occurrence the reading picks."""
    v = vocab()
    spec = v.holidays[key(m.group("hol_n"))]
    first, _ = P.next_words(folded, m.end())
    if first in v.holiday_not_followed_by or first[:1].isdigit() or read_ordinal([first.removeprefix("ال")]) \
            or read_ordinal([first]):
        return None                               # عيد الفصح اليهودي؛ عيد الميلاد الثمانين (a birthday)
    offset = v.construct[key(m.group("hol_o"))] - 1 if m.group("hol_o") else 0
    if offset < 0:
        return None                               # "آخر أيام العيد": the feast's length varies
    if m.group("hol_eve"):
        offset += -1 if key(m.group("hol_eve")) == "عشيه" else 1     # "عشية عيد الفطر": the day before
    calendar = spec["calendar"]
    year = P.year(m, "hol_y", strong=True) or P.year_phrase(m, "hol_", pub)
    if m.group("hol_y") and year is None:
        return None
    if spec.get("rule") == "nearest_eid":
        if year is not None or pub is None or P.prev_word(folded, m) in v.weekday_not_after:
            return None               # "صلاة العيد", "مصليات العيد": the prayer, not the day
        day = _nearest_eid(pub, P.reading(m, pub, folded, P.direction(m, "hol_dir")))
        return (day.isoformat() if day else None), "relative", calendar, None
    day = None
    if year is not None:
        if calendar == "hijri" and spec.get("rule") is None:
            hyear = year[1] if year[0] == "hijri" else R.hijri_year_of(year[1], spec["month"], spec["day"])
            day = _holiday_day(spec, hyear) if hyear else None
        elif year[0] == "gregorian":
            day = _holiday_day(spec, year[1])
    elif pub is not None:
        reading = P.reading(m, pub, folded, P.direction(m, "hol_dir"))
        base = R.hijri_year(pub) if calendar == "hijri" else pub.year
        if base:
            span = R.occurrence(lambda y: (d, d) if (d := _holiday_day(spec, y)) else None, base, pub, *reading)
            day = span[0] if span else None
    elif calendar == "gregorian" and "rule" not in spec and not offset:
        return R.iso(None, spec["month"], spec["day"]), "absolute", calendar, None
    value = (day + dt.timedelta(days=offset)).isoformat() if day else None
    return value, "absolute", calendar, None


def _month_span(m: re.Match[str], pub: dt.date | None, folded: str,
                pick: Callable[[R.Span], dt.date | None]) -> tuple[dt.date | None, str, str] | None:
    """The day `pick` chooses in the month that "من سبتمبر" / "من الشهر المقبل" names:
    (day, kind, calendar); the year is the one written or the occurrence the reading picks."""
    named = P.month(m, "nwd_m") if m.group("nwd_m") else None
    if named is None:
        if m.group("nwd_m"):
            return None
        direction = 0 if m.group("nwd_this") else P.direction(m, "nwd_dir")
        if pub is None:
            return None, "relative", "gregorian"
        month = R.shift(pub, "month", max(-2, min(direction or 0, 1)))
        bounds = R.month_bounds("gregorian", int(month[:4]), int(month[5:]))
        return (pick(bounds) if bounds else None), "relative", "gregorian"
    cal, month_ = named
    year = P.year(m, "nwd_y", strong=True)
    if m.group("nwd_y") and year is None:
        return None
    if year is not None:
        y = year[1] if year[0] == cal else (R.hijri_year_of(year[1], month_) if cal == "hijri" else None)
        bounds = R.month_bounds(cal, y, month_) if y else None
        return (pick(bounds) if bounds else None), "absolute", cal
    if pub is None:
        return None, "absolute", cal
    reading = P.reading(m, pub, folded, P.direction(m, "nwd_md"))
    base = R.hijri_year(pub) if cal == "hijri" else pub.year

    def span_of(y: int) -> R.Span | None:
        bounds = R.month_bounds(cal, y, month_)
        day = pick(bounds) if bounds else None
        return (day, day) if day else None

    span = R.occurrence(span_of, base, pub, *reading) if base else None
    return (span[0] if span else None), "absolute", cal


def _read_nwd(m: re.Match[str], pub: dt.date | None, folded: str) -> P.Found | None:
    """The nth (or last) weekday or day of a month: "أول ثلاثاء من أكتوبر", "آخر اثنين من مارس",
    "الجمعة الأخيرة من رمضان", "اليوم الأخير من الشهر", "آخر يوم من الشهر الماضي".

    "الثلاثاء الثالث من سبتمبر" is also how a date is written with its weekday (Tuesday the 3rd):
    when the 3rd of that month is a Tuesday in the year read, it is that date.
    """
    v = vocab()
    weekday: int | None = None
    if m.group("nwd_w"):
        weekday, n = v.weekdays[key(m.group("nwd_w"))], v.nth[key(m.group("nwd_o"))]
    elif m.group("nwd_wb"):
        weekday, n = v.weekdays_bare[key(m.group("nwd_wb"))], v.construct[key(m.group("nwd_c"))]
    elif m.group("nwd_do"):
        n = v.nth.get(key(m.group("nwd_do"))) if key(m.group("nwd_do")) in v.nth else v.day(m.group("nwd_do"))
    else:
        n = v.construct[key(m.group("nwd_dc"))]
    if n is None:
        return None

    def pick(bounds: R.Span) -> dt.date | None:
        if weekday is not None:
            return R.nth_weekday(bounds, weekday, n)
        day = bounds[1] if n < 0 else bounds[0] + dt.timedelta(days=n - 1)
        return day if day <= bounds[1] else None

    if m.group("nwd_w") and n > 0:
        as_date = _month_span(m, pub, folded, lambda b: b[0] + dt.timedelta(days=n - 1))
        if as_date is not None and as_date[0] is not None and as_date[0].weekday() == weekday:
            return as_date[0].isoformat(), as_date[1], as_date[2], None
    found = _month_span(m, pub, folded, pick)
    if found is None:
        return None
    day, kind, calendar = found
    return (day.isoformat() if day else None), kind, calendar, None


READERS: dict[str, Callable[[re.Match[str], dt.date | None, str], P.Found | None]] = {
    "hol": _read_hol,
    "nwd": _read_nwd,
}
