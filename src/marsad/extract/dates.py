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
  clause: `_reading`);
- Hijri dates keep calendar="hijri" and carry the Gregorian value (Umm al-Qura); so do the
  Islamic holidays; Ramadan named as a whole is a range over its days.
The full list of forms, with examples, is docs/dates.md.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from marsad.extract import dates_resolve as R
from marsad.extract.dates_patterns import master
from marsad.extract.dates_scan import candidates, fold, is_future
from marsad.extract.dates_vocab import key, vocab
from marsad.model import DateMention
from marsad.text.numbers import WORD_TOKEN_RE, read_number, read_ordinal

__all__ = ["find_dates"]

_PREV_WORD = re.compile(r"([^\W\d_]+)[^\S\n]*$")
_NEXT_WORD = re.compile(r"[^\S\n]*([^\s.,،؛;:!?؟()\"']+)(?:[^\S\n]+([^\s.,،؛;:!?؟()\"']+))?")
Found = tuple[str | None, str, str, str | None]   # value, kind, calendar, end_value


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
            if found is not None:
                (value, kind, calendar, end_value), s, e = found
                s, e = to_original(s), to_original(e)
                out.append(DateMention(text=text[s:e], value=value, kind=kind, calendar=calendar,
                                       start=s, end=e, end_value=end_value))
                cursor = m.end()
                break
    return out


def _read(m: re.Match[str], pub: dt.date | None, folded: str) -> tuple[Found, int, int] | None:
    kind = m.lastgroup                 # the alternative's group is the last one to close
    found = _READERS[kind](m, pub, folded)
    return None if found is None else (found, *m.span(kind))


# -- pieces -------------------------------------------------------------------------------------

def _group(m: re.Match[str], name: str) -> str | None:
    """A group that only some alternatives' builders define (numeric months, years in words)."""
    return m.group(name) if name in m.re.groupindex else None


def _words_value(text: str) -> int | None:
    """An integer written in words ("ألفين وثمانية عشر", "عشرة"), read by marsad.text.numbers."""
    tokens = WORD_TOKEN_RE.findall(text)
    read = read_number(tokens)
    if read is None or read.end != len(tokens) or not float(read.value).is_integer():
        return None
    return int(read.value)


def _month(m: re.Match[str], p: str) -> tuple[str, int] | None:
    name = m.group(p + "1")
    if name:
        return vocab().month(name)
    raw = _group(m, p + "n")                   # "شهر عشرة", "شهر 10"
    if not raw:
        return None
    number = int(raw) if raw.isdigit() else _words_value(raw)
    if number is None or not 1 <= number <= 12 or (number == 1 and not raw.isdigit()):
        return None                               # "شهر واحد" is one month, not January
    return "gregorian", number


def _year_given(m: re.Match[str], p: str) -> bool:
    return m.group(p) is not None or _group(m, p + "w") is not None


def _year(m: re.Match[str], p: str, *, strong: bool) -> tuple[str, int] | None:
    """('gregorian' | 'hijri', year): 1900-2100 Gregorian, 1350-1500 Hijri (or with a هـ suffix).

    `strong` is True after a year noun (عام، سنة) or beside a month name, which also admits
    historical Gregorian years (1000-1899) and years in words (عام ألفين وثمانية عشر).
    """
    raw = m.group(p)
    if raw is None:
        words = _group(m, p + "w")
        year_ = _words_value(words) if words and strong else None
        return ("gregorian", year_) if year_ is not None and 1000 <= year_ <= 2100 else None
    year = int(raw)
    suffix = vocab().year_suffix.get(key(m.group(p + "s") or ""))
    if suffix == "hijri" or (suffix is None and strong and 1350 <= year <= 1500):
        return ("hijri", year) if 1300 <= year <= 1600 else None
    if 1900 <= year <= 2100 or (strong and 1000 <= year <= 2100 and suffix != "hijri"):
        return "gregorian", year
    return None


def _direction(m: re.Match[str], p: str) -> int | None:
    word = m.group(p)
    return vocab().directions.get(key(word)) if word else None


def _reading(m: re.Match[str], pub: dt.date | None, folded: str, direction: int | None) -> R.Reading:
    """How to place a date written without its year: the direction word beside it when there is
    one, else the tense of its clause (`is_future`); `.source` says which rule was used."""
    if direction is not None or pub is None:
        return R.Reading(direction, False)
    return R.Reading(None, is_future(folded, m.start(), m.end()))


def _weekday(m: re.Match[str], p: str) -> int | None:
    word = m.group(p)
    return vocab().weekdays.get(key(word)) if word else None


def _weekday_year(cal: str, month: int, day: int, weekday: int, pub: dt.date, reading: R.Reading) -> dt.date | None:
    """"الخميس 15 أغسطس": the year near publication in which the 15th of August is a Thursday."""
    if cal == "hijri":
        base = R.hijri_year(pub)
        return R.weekday_match(lambda y: R.hijri_date(y, month, day), base, weekday, pub,
                               reading.direction, reading.future) if base else None
    return R.weekday_match(lambda y: R.safe_date(y, month, day), pub.year, weekday, pub,
                           reading.direction, reading.future)


def _date_value(cal: str, month: int, day: int, year: tuple[str, int] | None, pub: dt.date | None,
                reading: R.Reading = R.PAST, weekday: int | None = None) -> str | None:
    """ISO value of a day in a Gregorian or Hijri month, year given or fixed by `pub`; a weekday
    written beside a yearless date chooses the year where they agree."""
    if year is None and weekday is not None and pub is not None:
        found = _weekday_year(cal, month, day, weekday, pub, reading)
        if found is not None:
            return found.isoformat()
    direction, future = reading
    if cal == "hijri":
        if year is None:
            day_ = R.hijri_day(month, day, pub, direction, future) if pub else None
        else:
            hyear = year[1] if year[0] == "hijri" else R.hijri_year_of(year[1], month)
            day_ = R.hijri_date(hyear, month, day) if hyear else None
        return day_.isoformat() if day_ else None
    if year is not None and year[0] == "hijri":
        return None
    if not 1 <= day <= (29 if month == 2 else 30 if month in (4, 6, 9, 11) else 31):
        return None
    if year is None:
        return R.iso(R.year_for_day(month, day, pub, direction, future), month, day) if pub else R.iso(None, month, day)
    return R.iso(year[1], month, day)


def _time(m: re.Match[str], p: str, date: str | None) -> str | None:
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
        zone = _offset(m.group(p + "off"))
    return f"{date}T{hour:02d}:{minute:02d}:00{zone}"


def _offset(raw: str | None) -> str:
    if not raw:
        return "+00:00"
    sign, digits = raw[0], raw[1:].replace(":", "")
    hours, minutes = (digits[:-2], digits[-2:]) if len(digits) > 2 else (digits, "00")
    return f"{sign}{int(hours):02d}:{minutes}"


def _prev_word(folded: str, m: re.Match[str]) -> str:
    hit = _PREV_WORD.search(folded, max(0, m.start() - 20), m.start())
    return hit.group(1) if hit else ""


def _next_words(folded: str, end: int) -> tuple[str, str]:
    """The one or two words right after a match (punctuation stops them)."""
    hit = _NEXT_WORD.match(folded, end, min(len(folded), end + 40))
    return (hit.group(1), hit.group(2) or "") if hit else ("", "")


def _quantity_follows(folded: str, end: int) -> bool:
    """A unit, currency or counted noun after a number pair: "4.22 دولار", "3-5 أيام", "2-1 لصالح"."""
    rest = folded[end:end + 3].lstrip()
    if rest[:1] in ("%", "٪"):
        return True
    first, second = _next_words(folded, end)
    followers = vocab().number_followers
    return first in followers or f"{first} {second}" in followers


# -- readers, one per alternative ---------------------------------------------------------------

def _read_dmy(m: re.Match[str], pub: dt.date | None, folded: str) -> Found | None:
    month = _month(m, "dmy_m")
    day = vocab().day(m.group("dmy_d"))
    if month is None or day is None:
        return None
    year = _year(m, "dmy_y", strong=True)
    if _year_given(m, "dmy_y") and year is None:
        return None
    reading = _reading(m, pub, folded, _direction(m, "dmy_dir")) if year is None else R.PAST
    value = _date_value(month[0], month[1], day, year, pub, reading, _weekday(m, "dmy_wd"))
    if year is not None:
        value = _time(m, "dmy_", value)
    return value, "absolute", month[0], None


def _read_mdy(m: re.Match[str], pub: dt.date | None, folded: str) -> Found | None:
    """"سبتمبر 10, 2019" (a year required), "سبتمبر10" and "يناير الثاني والعشرين" (year optional)."""
    month = _month(m, "mdy_m")
    if month is None:
        return None
    if m.group("mdy_d"):
        day, name = int(m.group("mdy_d")), "mdy_y"
    elif m.group("mdy_g"):
        day, name = int(m.group("mdy_g")), "mdy_y2"
    else:
        day, name = vocab().day(m.group("mdy_o")), "mdy_y2"
        if day is None or month[0] != "gregorian":
            return None                           # "رمضان الثاني": the second Ramadan, not its 2nd
    year = _year(m, name, strong=True)
    if _year_given(m, name) != (year is not None):
        return None
    reading = _reading(m, pub, folded, _direction(m, "mdy_dir")) if year is None else R.PAST
    return _date_value(month[0], month[1], day, year, pub, reading), "absolute", month[0], None


def _read_num(m: re.Match[str], pub: dt.date | None, folded: str) -> Found | None:
    if m.group("num_y1"):
        y, a, b = int(m.group("num_y1")), int(m.group("num_a")), int(m.group("num_b"))
        month, day = (b, a) if a > 12 >= b else (a, b)
    else:
        y, a, b = int(m.group("num_y2")), int(m.group("num_c")), int(m.group("num_e"))
        day, month = (b, a) if b > 12 >= a else (a, b)
    if not 1 <= month <= 12:
        return None
    suffix = vocab().year_suffix.get(key(m.group("num_s") or ""))
    if suffix == "hijri" or (suffix is None and 1350 <= y <= 1500):
        value = R.hijri_date(y, month, day)
        return (value.isoformat() if value else None), "absolute", "hijri", None
    if not 1900 <= y <= 2100:
        return None
    value = _date_value("gregorian", month, day, ("gregorian", y), pub)
    return (_time(m, "num_", value) if value else None), "absolute", "gregorian", None


def _read_dm(m: re.Match[str], pub: dt.date | None, folded: str) -> Found | None:
    """A number pair (or triple with a two-digit year) read as a date: 22/4, 4/22, 18-9-15.

    The first number is the day unless only the second can be one (4/22); both <= 12 reads
    day/month, as Arab outlets write. A pair is a date when its shape or context says so (see
    docs/dates.md): a "/" pair with a day > 12 or after a cue (في 3/4), a "-" or "." pair after a
    strong cue (يوم، بتاريخ، a weekday) or after في with a day > 12; never before a unit or a
    counted noun (4.22 دولار، 3-5 أيام).
    """
    v = vocab()
    a, b, sep = int(m.group("dm_a")), int(m.group("dm_b")), m.group("dm_sep")
    cue = key(m.group("cue") or "")
    strong = bool(m.group("dm_yom") or m.group("dm_wd")) or cue in v.strong_cues
    weak = cue in v.weak_cues
    if 1 <= b <= 12 < a:
        day, month, plain = a, b, True
    elif 1 <= a <= 12 < b:
        day, month, plain = b, a, True
    elif 1 <= a <= 12 and 1 <= b <= 12:
        day, month, plain = a, b, False
    else:
        return None
    yy = m.group("dm_y")
    if yy is not None:
        ok = sep != "." or strong or weak
    elif sep == "/":
        ok = plain or strong or weak
    else:
        ok = strong or (weak and plain)
    if not ok or day > 31 or _quantity_follows(folded, m.end()) or f"{a}/{b}" in v.data["number_pair_idioms"]:
        return None
    if sep == "." and yy is None and (_next_words(folded, m.end())[0] in v.meridiem or _prev_word(folded, m) == "الساعه"):
        return None                               # "في 10.30 صباحا": a time
    year = ("gregorian", R.two_digit_year(int(yy), pub)) if yy is not None else None
    reading = _reading(m, pub, folded, None) if year is None else R.PAST
    value = _date_value("gregorian", month, day, year, pub, reading, _weekday(m, "dm_wd"))
    if value is None and (year is not None or pub is not None):
        return None
    return _time(m, "dm_", value), "absolute", "gregorian", None


def _month_period(month: tuple[str, int], year: tuple[str, int] | None, pub: dt.date | None,
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


def _is_period_month(month: tuple[str, int]) -> bool:
    return month[1] in vocab().data["months_as_periods"].get(month[0], ())


def _month_value(cal: str, month: int, year: tuple[str, int] | None, pub: dt.date | None,
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


def _read_my(m: re.Match[str], pub: dt.date | None, folded: str) -> Found | None:
    month, year = _month(m, "my_m"), _year(m, "my_y", strong=True)
    if month is None or year is None:
        return None
    if _is_period_month(month) and not m.group("my_p"):
        return _month_period(month, year, pub, R.PAST)
    return _month_value(month[0], month[1], year, pub), "absolute", month[0], None


def _year_value(year: tuple[str, int]) -> str | None:
    if year[0] == "gregorian":
        return R.iso(year[1])
    first = R.hijri_date(year[1], 1, 1)
    return R.iso(first.year) if first else None


def _read_py(m: re.Match[str], pub: dt.date | None, folded: str) -> Found | None:
    if m.group("py_yw") and not (m.group("py_n") or m.group("py_yn")):
        return None                               # "آخر ألفين": a count; a year in words needs عام/سنة
    year = _year(m, "py_y", strong=True)
    return None if year is None else (_year_value(year), "absolute", year[0], None)


def _read_yc(m: re.Match[str], pub: dt.date | None, folded: str) -> Found | None:
    year = _year(m, "yc_y", strong=False)
    return None if year is None else (_year_value(year), "absolute", year[0], None)


def _read_mo(m: re.Match[str], pub: dt.date | None, folded: str) -> Found | None:
    month = _month(m, "mo_m")
    if month is None:
        return None
    direction = _direction(m, "mo_dir")
    strong = (m.group("mo_n") or m.group("mo_p") or m.group("mo_m2") or m.group("mo_m3") or m.group("mo_m4")
              or m.group("mo_mn") or direction is not None or m.group("mo_ythis") or m.group("mo_ydir"))
    if not strong and (m.group("cue") is None or key(m.group("mo_m1")) in vocab().bare_month_needs_more):
        return None
    reading = _reading(m, pub, folded, direction)
    year = _year_phrase(m, "mo_", pub)
    if _is_period_month(month) and not m.group("mo_p"):
        return _month_period(month, year, pub, reading)
    return _month_value(month[0], month[1], year, pub, reading), "absolute", month[0], None


def _read_dd(m: re.Match[str], pub: dt.date | None, folded: str) -> Found | None:
    """A day of the month alone: "في 15،", "يوم 15 الجاري", "الخميس 15." (relative to publication).

    Only at the end of a clause, before a time of day, or with a direction word (الجاري، الماضي،
    المقبل), and only after في / يوم / بتاريخ / a weekday, so that "في 15 مدينة" stays a count.
    """
    v = vocab()
    direction = _direction(m, "dd_dir")
    cue = key(m.group("cue") or "")
    if direction is None and not (m.group("dd_yom") or m.group("dd_wd") or cue in v.strong_cues or cue == "في"):
        return None
    day = v.day(m.group("dd_d"))
    if day is None or not 1 <= day <= 31:
        return None
    value = None
    if pub is not None:
        reading = _reading(m, pub, folded, direction)
        found = R.day_in_month(day, pub, reading.direction, reading.future, _weekday(m, "dd_wd"))
        value = found.isoformat() if found else None
    return value, "relative", "gregorian", None


def _read_dmr(m: re.Match[str], pub: dt.date | None, folded: str) -> Found | None:
    day = vocab().day(m.group("dmr_d"))
    if day is None:
        return None
    value = None
    if pub is not None:
        shift = 0 if m.group("dmr_this") else (_direction(m, "dmr_dir") or 0)
        month = R.shift(pub, "month", max(-2, min(shift, 1)))
        value = R.iso(int(month[:4]), int(month[5:]), day)
    return value, "relative", "gregorian", None


def _read_pr(m: re.Match[str], pub: dt.date | None, folded: str) -> Found | None:
    direction = _direction(m, "pr_dir")
    if direction is None and not m.group("pr_this") and not m.group("pr_p"):
        return None
    if m.group("pr_dir") and key(m.group("pr_dir")) in vocab().following and _next_words(folded, m.end())[0][:1] == "ل":
        return None                               # "الشهر التالي للانتخابات": after an event, not publication
    unit = vocab().periods[key(m.group("pr_u"))]
    value = None
    if pub is not None:
        step = direction or 0
        value = R.iso_week(pub + dt.timedelta(weeks=step)) if unit == "week" else R.shift(pub, unit, step)
    return value, "relative", "gregorian", None


def _read_rd(m: re.Match[str], pub: dt.date | None, folded: str) -> Found | None:
    word = key(m.group("rd_w"))
    if word == "الغد" and not m.group("rd_t"):
        return None                               # "ما سيكون عليه الغد": the future, not a day
    days = vocab().relative_days[word]
    if days == 0 and _prev_word(folded, m) in {"ذلك", "نفس", "مثل", "ذات"}:
        return None
    if pub is None:
        return None, "relative", "gregorian", None
    day = pub + dt.timedelta(days=days)
    named = m.group("rd_wd") or m.group("rd_wd2")
    if named:
        # "أمس الخميس": the writer's weekday wins over a record collected a day or two later
        shift = (vocab().weekdays[key(named)] - day.weekday() + 3) % 7 - 3
        day += dt.timedelta(days=shift)
    return day.isoformat(), "relative", "gregorian", None


def _read_wd(m: re.Match[str], pub: dt.date | None, folded: str) -> Found | None:
    v = vocab()
    if _prev_word(folded, m) in v.weekday_not_after:
        return None
    direction = _direction(m, "wd_dir")
    value = None
    if pub is not None:
        reading = _reading(m, pub, folded, direction)
        day = R.weekday_date(v.weekdays[key(m.group("wd_w"))], pub, direction, reading.future)
        if direction is not None and direction < -1:
            day -= dt.timedelta(days=7)
        value = day.isoformat()
    return value, "relative", "gregorian", None


def _read_ago(m: re.Match[str], pub: dt.date | None, folded: str) -> Found | None:
    v = vocab()
    rest = folded[m.end():m.end() + 12].lstrip(" \t")
    if re.match(r"(?:من|على)(?![^\W_])", rest):
        return None                               # "قبل يومين من الهجوم": anchored on an event
    if m.group("ago_u2"):
        unit, amount = v.units[key(m.group("ago_u2"))]
        if amount == 1 and (rest.startswith("ال") or rest[:1].isdigit()):
            return None                           # "قبل عام الانتخابات", "قبل يوم 5"
    else:
        raw = key(m.group("ago_n"))
        amount = int(raw) if raw.isdigit() else v.counts.get(raw)
        unit = v.units[key(m.group("ago_u"))][0]
    if not amount:
        return None
    value = None
    if pub is not None:
        if unit in ("day", "week"):
            value = (pub - dt.timedelta(days=amount * (7 if unit == "week" else 1))).isoformat()
        else:
            value = R.shift(pub, unit, -int(amount))
    return value, "relative", "gregorian", None


def _range_side(m: re.Match[str], pre: str) -> tuple[int | None, tuple[str, int] | None, tuple[str, int] | None]:
    """(day, (calendar, month), (calendar, year)) of one side of a range; names vary by branch."""
    if pre == "l":
        d, months, years = "ld", ("lm", "lm_"), ("ly", "ly_", "ly__")
    else:
        d, months, years = "rd_", ("rm", "rm_"), ("ry", "ry_", "ry__")
    day = vocab().day(m.group(d)) if m.group(d) else None
    month = next((_month(m, p) for p in months if m.group(p)), None)
    year_name = next((p for p in years if m.group(p)), None)
    year = _year(m, year_name, strong=month is not None) if year_name else None
    return day, month, year


def _side_value(day: int | None, month: tuple[str, int] | None, year: tuple[str, int] | None,
                pub: dt.date | None, reading: R.Reading) -> str | None:
    if month is None:
        return _year_value(year) if year else None
    if day is None:
        return _month_value(month[0], month[1], year, pub, reading)
    return _date_value(month[0], month[1], day, year, pub, reading)


def _read_rng(m: re.Match[str], pub: dt.date | None, folded: str) -> Found | None:
    ld, lm, ly = _range_side(m, "l")
    rd, rm, ry = _range_side(m, "r")
    if (ld is not None and rm is None) or (lm is not None and rm is None and ry is not None and ly is None):
        return None
    if (ly is None and (m.group("ly") or m.group("ly_") or m.group("ly__"))) or \
       (ry is None and (m.group("ry") or m.group("ry_") or m.group("ry__"))):
        return None                               # a number out of the years' range: a quantity
    if lm is None and ld is not None:
        lm = rm
    if ly is None and lm is not None and ry is not None:
        ly = ry
    if lm is None and rm is None and ly and ry and ly[1] >= ry[1]:
        return None
    reading = _reading(m, pub, folded, None) if ry is None else R.PAST
    start, end = _side_value(ld, lm, ly, pub, reading), _side_value(rd, rm, ry, pub, reading)
    calendar = (rm or lm or ry or ("gregorian", 0))[0]
    return start, "range", calendar, end


def _read_rngd(m: re.Match[str], pub: dt.date | None, folded: str) -> Found | None:
    month = _month(m, "rngd_m")
    d1, d2 = int(m.group("rngd_d1")), int(m.group("rngd_d2"))
    if month is None or not 1 <= d1 < d2 <= 31:
        return None
    year = _year(m, "rngd_y", strong=True)
    reading = _reading(m, pub, folded, None) if year is None else R.PAST
    start = _date_value(month[0], month[1], d1, year, pub, reading)
    end = _date_value(month[0], month[1], d2, year, pub, reading)
    return start, "range", month[0], end


def _read_wk(m: re.Match[str], pub: dt.date | None, folded: str) -> Found | None:
    """"الأسبوع العاشر من عام 2019" -> 2019-W10; "الأسبوع الأول من أكتوبر" -> the ISO week holding
    day 1 + 7(N-1) of that month (the week of its first day for N = 1)."""
    n = vocab().day(m.group("wk_o"))
    if n is None:
        return None
    if m.group("wk_y"):
        year = _year(m, "wk_y", strong=True)
        if year is None or year[0] != "gregorian" or not 1 <= n <= 53:
            return None
        return f"{year[1]:04d}-W{n:02d}", "absolute", "gregorian", None
    month = _month(m, "wk_m")
    if month is None or month[0] != "gregorian" or not 1 <= n <= 5:
        return None
    year = _year(m, "wk_my", strong=True) if m.group("wk_my") else None
    y = year[1] if year and year[0] == "gregorian" else (
        R.year_for_month(month[1], pub, None, _reading(m, pub, folded, None).future) if pub else None)
    if y is None:
        return None, "absolute", "gregorian", None
    day = min(1 + 7 * (n - 1), 28)
    return R.iso_week(dt.date(y, month[1], day)), "absolute", "gregorian", None


def _read_qtr(m: re.Match[str], pub: dt.date | None, folded: str) -> Found | None:
    """A quarter or half of a year as a range of months: "الربع الأخير من 2014" -> 2014-10..2014-12."""
    v = vocab()
    size = 3 if key(m.group("qtr_w")) in {key(w) for w in v.data["year_parts"]["quarter"]} else 6
    order = next(int(n) for n, ws in v.data["part_ordinals"].items() if key(m.group("qtr_o")) in {key(w) for w in ws})
    count = 12 // size
    order = count if order == -1 else order
    if order > count:
        return None
    if m.group("qtr_y"):
        year = _year(m, "qtr_y", strong=True)
        if year is None or year[0] != "gregorian":
            return None
        y: int | None = year[1]
        kind = "range"
    else:
        y = pub.year + (_direction(m, "qtr_dir") or 0) if pub else None
        kind = "range"
    if y is None:
        return None, kind, "gregorian", None
    first, last = (order - 1) * size + 1, order * size
    return R.iso(y, first), kind, "gregorian", R.iso(y, last)


def _read_dec(m: re.Match[str], pub: dt.date | None, folded: str) -> Found | None:
    """"ثمانينيات القرن الماضي" -> 1980..1989; a decade without its century is the 20th's."""
    v = vocab()
    word = key(m.group("dec_w"))
    decade = next(int(n) for n, ws in v.data["decades"].items() if word in {key(w) for w in ws})
    base = 1900
    if m.group("dec_c"):
        cent = next(int(n) for n, ws in v.data["centuries"].items() if key(m.group("dec_c")) in {key(w) for w in ws})
        if cent in (-1, 0):
            now = pub.year // 100 * 100 if pub else 2000
            base = now + 100 * cent
        else:
            base = cent
    return str(base + decade), "range", "gregorian", str(base + decade + 9)


def _read_pp(m: re.Match[str], pub: dt.date | None, folded: str) -> Found | None:
    """"الأيام الماضية", "الأسابيع الأخيرة": a relative span too vague to fix (value null)."""
    return None, "relative", "gregorian", None


def _read_wdr(m: re.Match[str], pub: dt.date | None, folded: str) -> Found | None:
    """Two consecutive weekdays, "ليل الثلاثاء الأربعاء", "يومي الثلاثاء والأربعاء": a range."""
    v = vocab()
    if _prev_word(folded, m) in v.weekday_not_after:
        return None
    a, b = v.weekdays[key(m.group("wdr_a"))], v.weekdays[key(m.group("wdr_b"))]
    if (b - a) % 7 != 1:
        return None
    if pub is None:
        return None, "range", "gregorian", None
    first = R.weekday_date(a, pub, None, _reading(m, pub, folded, None).future)
    return first.isoformat(), "range", "gregorian", (first + dt.timedelta(days=1)).isoformat()


def _read_wkd(m: re.Match[str], pub: dt.date | None, folded: str) -> Found | None:
    """A weekday of a named week: "الجمعة من الأسبوع المقبل", "أحد الأسبوع الماضي",
    "الأسبوع المقبل يوم الجمعة" (weeks start on `week_starts_on`, Saturday)."""
    v = vocab()
    if m.group("wkd_w2"):
        weekday, p = v.weekdays[key(m.group("wkd_w2"))], "wkd2_"
    elif m.group("wkd_w"):
        if _prev_word(folded, m) in v.weekday_not_after:
            return None
        weekday, p = v.weekdays[key(m.group("wkd_w"))], "wkd_"
    else:
        weekday, p = v.weekdays_bare[key(m.group("wkd_b"))], "wkd_"
    weeks = 0 if m.group(p + "this") else _direction(m, p + "dir")
    if weeks is None:
        return None
    value = R.week_day(weekday, pub, weeks, v.data["week_starts_on"]).isoformat() if pub else None
    return value, "relative", "gregorian", None


def _read_dago(m: re.Match[str], pub: dt.date | None, folded: str) -> Found | None:
    """Colloquial "ago": "من أسبوع" = a week ago ("شفته من أسبوع"); not a comparison ("أكثر من
    أسبوع"), a partitive after a number or an ordinal ("اليوم الثالث من أسبوع") or before a name
    ("من شهر رمضان"), a range or a repetition ("من عام لآخر", "من شهر إلى").
    """
    v = vocab()
    before = folded[max(0, m.start() - 24):m.start()].split()
    prev = before[-1] if before else ""
    if prev in v.dialect_ago_not_after or prev[-1:].isdigit() or v.day(prev) is not None:
        return None
    first, _ = _next_words(folded, m.end())
    if v.month(first) is not None or first in v.weekdays:
        return None
    rest = folded[m.end():m.end() + 3].lstrip()
    if first in {"من", "علي", "الي", "حتي", "او", "و"} or rest[:1].isdigit() or first.startswith("ال") \
            or (first.startswith("ل") and first not in {"لم", "لن", "لكن", "لقد"}):
        return None
    unit, amount = v.units[key(m.group("dago_u"))]
    value = None
    if pub is not None and amount:
        if unit in ("day", "week"):
            value = (pub - dt.timedelta(days=amount * (7 if unit == "week" else 1))).isoformat()
        else:
            value = R.shift(pub, unit, -amount)
    return value, "relative", "gregorian", None


def _holiday_day(spec: dict, year: int) -> dt.date | None:
    """The holiday's day in `year` of its own calendar (Hijri for the Islamic feasts)."""
    rule = spec.get("rule")
    if rule is not None:
        return R.easter(year, orthodox=rule == "easter_orthodox") if 1583 <= year <= 4099 else None
    if spec["calendar"] == "hijri":
        return R.hijri_date(year, spec["month"], spec["day"])
    return R.safe_date(year, spec["month"], spec["day"])


def _year_phrase(m: re.Match[str], p: str, pub: dt.date | None) -> tuple[str, int] | None:
    """The Gregorian year of "هذا العام" / "العام الماضي" after a month or holiday, from `pub`."""
    if pub is None or not (m.group(p + "ythis") or m.group(p + "ydir")):
        return None
    return "gregorian", pub.year + (_direction(m, p + "ydir") or 0)


def _nearest_eid(pub: dt.date, reading: R.Reading) -> dt.date | None:
    """"العيد" alone: the Eid (al-Fitr or al-Adha) the reading picks, the nearer of the two."""
    base = R.hijri_year(pub)
    if not base:
        return None
    found = [span[0] for month, day in ((10, 1), (12, 10))
             if (span := R.occurrence(lambda y, mo=month, d=day: (h, h) if (h := R.hijri_date(y, mo, d)) else None,
                                      base, pub, *reading))]
    return min(found, key=lambda d: abs((d - pub).days), default=None)


def _read_yr(m: re.Match[str], pub: dt.date | None, folded: str) -> Found | None:
    """Two consecutive years, "1436/1437 هـ", "موسم 2015-2016": a range of years."""
    a, b = int(m.group("yr_a")), int(m.group("yr_b"))
    if b != a + 1:
        return None
    suffix = vocab().year_suffix.get(key(m.group("yr_s") or ""))
    hijri = suffix == "hijri" or (suffix is None and 1350 <= a <= 1500)
    cal = "hijri" if hijri else "gregorian"
    if not hijri and not 1900 <= a <= 2100:
        return None
    return _year_value((cal, a)), "range", cal, _year_value((cal, b))


def _read_hol(m: re.Match[str], pub: dt.date | None, folded: str) -> Found | None:
    """A holiday: its day for the year written, else the occurrence the reading picks."""
    v = vocab()
    spec = v.holidays[key(m.group("hol_n"))]
    first, _ = _next_words(folded, m.end())
    if first in v.holiday_not_followed_by or first[:1].isdigit() or read_ordinal([first.removeprefix("ال")]) \
            or read_ordinal([first]):
        return None                               # عيد الفصح اليهودي؛ عيد الميلاد الثمانين (a birthday)
    offset = v.construct[key(m.group("hol_o"))] - 1 if m.group("hol_o") else 0
    if offset < 0:
        return None                               # "آخر أيام العيد": the feast's length varies
    calendar = spec["calendar"]
    year = _year(m, "hol_y", strong=True) or _year_phrase(m, "hol_", pub)
    if m.group("hol_y") and year is None:
        return None
    if spec.get("rule") == "nearest_eid":
        if year is not None or pub is None or _prev_word(folded, m) in v.weekday_not_after:
            return None               # "صلاة العيد", "مصليات العيد": the prayer, not the day
        day = _nearest_eid(pub, _reading(m, pub, folded, _direction(m, "hol_dir")))
        return (day.isoformat() if day else None), "relative", calendar, None
    day = None
    if year is not None:
        if calendar == "hijri" and spec.get("rule") is None:
            hyear = year[1] if year[0] == "hijri" else R.hijri_year_of(year[1], spec["month"], spec["day"])
            day = _holiday_day(spec, hyear) if hyear else None
        elif year[0] == "gregorian":
            day = _holiday_day(spec, year[1])
    elif pub is not None:
        reading = _reading(m, pub, folded, _direction(m, "hol_dir"))
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
    named = _month(m, "nwd_m") if m.group("nwd_m") else None
    if named is None:
        if m.group("nwd_m"):
            return None
        direction = 0 if m.group("nwd_this") else _direction(m, "nwd_dir")
        if pub is None:
            return None, "relative", "gregorian"
        month = R.shift(pub, "month", max(-2, min(direction or 0, 1)))
        bounds = R.month_bounds("gregorian", int(month[:4]), int(month[5:]))
        return (pick(bounds) if bounds else None), "relative", "gregorian"
    cal, month_ = named
    year = _year(m, "nwd_y", strong=True)
    if m.group("nwd_y") and year is None:
        return None
    if year is not None:
        y = year[1] if year[0] == cal else (R.hijri_year_of(year[1], month_) if cal == "hijri" else None)
        bounds = R.month_bounds(cal, y, month_) if y else None
        return (pick(bounds) if bounds else None), "absolute", cal
    if pub is None:
        return None, "absolute", cal
    reading = _reading(m, pub, folded, _direction(m, "nwd_md"))
    base = R.hijri_year(pub) if cal == "hijri" else pub.year

    def span_of(y: int) -> R.Span | None:
        bounds = R.month_bounds(cal, y, month_)
        day = pick(bounds) if bounds else None
        return (day, day) if day else None

    span = R.occurrence(span_of, base, pub, *reading) if base else None
    return (span[0] if span else None), "absolute", cal


def _read_nwd(m: re.Match[str], pub: dt.date | None, folded: str) -> Found | None:
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


_READERS = {
    "rng": _read_rng, "yr": _read_yr, "num": _read_num, "rngd": _read_rngd, "dmy": _read_dmy, "mdy": _read_mdy,
    "my": _read_my, "py": _read_py, "dmr": _read_dmr, "mo": _read_mo, "yc": _read_yc, "pr": _read_pr,
    "rd": _read_rd, "wd": _read_wd, "ago": _read_ago, "wk": _read_wk, "qtr": _read_qtr, "dec": _read_dec,
    "pp": _read_pp, "wdr": _read_wdr, "dm": _read_dm, "dd": _read_dd, "hol": _read_hol, "nwd": _read_nwd,
    "wkd": _read_wkd, "dago": _read_dago,
}
