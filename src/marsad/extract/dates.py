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
  before with الماضي, strictly after with المقبل);
- Hijri dates keep calendar="hijri" and carry the Gregorian value (Umm al-Qura).
"""
from __future__ import annotations

import datetime as dt
import re

from marsad.extract import dates_resolve as R
from marsad.extract.dates_patterns import KINDS, master
from marsad.extract.dates_scan import candidates, fold
from marsad.extract.dates_vocab import key, vocab
from marsad.model import DateMention

__all__ = ["find_dates"]

_PREV_WORD = re.compile(r"([^\W\d_]+)[^\S\n]*$")
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
    kind = next(k for k in KINDS if m.group(k) is not None)
    found = _READERS[kind](m, pub, folded)
    return None if found is None else (found, *m.span(kind))


# -- pieces -------------------------------------------------------------------------------------

def _month(m: re.Match[str], p: str) -> tuple[str, int] | None:
    name = m.group(p + "1")
    return vocab().month(name) if name else None


def _year(m: re.Match[str], p: str, *, strong: bool) -> tuple[str, int] | None:
    """('gregorian' | 'hijri', year): 1900-2100 Gregorian, 1350-1500 Hijri (or with a هـ suffix).

    `strong` is True after a year noun (عام، سنة) or beside a month name, which also admits
    historical Gregorian years (1000-1899).
    """
    raw = m.group(p)
    if raw is None:
        return None
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


def _date_value(cal: str, month: int, day: int, year: tuple[str, int] | None,
                pub: dt.date | None, direction: int | None) -> str | None:
    """ISO value of a day in a Gregorian or Hijri month, year given or fixed by `pub`."""
    if cal == "hijri":
        if year is None:
            day_ = R.hijri_day(month, day, pub, direction) if pub else None
        else:
            hyear = year[1] if year[0] == "hijri" else R.hijri_year_of(year[1], month)
            day_ = R.hijri_date(hyear, month, day) if hyear else None
        return day_.isoformat() if day_ else None
    if year is not None and year[0] == "hijri":
        return None
    if not 1 <= day <= (29 if month == 2 else 30 if month in (4, 6, 9, 11) else 31):
        return None
    if year is None:
        return R.iso(R.year_for_day(month, day, pub, direction), month, day) if pub else R.iso(None, month, day)
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


# -- readers, one per alternative ---------------------------------------------------------------

def _read_dmy(m: re.Match[str], pub: dt.date | None, folded: str) -> Found | None:
    month = _month(m, "dmy_m")
    day = vocab().day(m.group("dmy_d"))
    if month is None or day is None:
        return None
    year = _year(m, "dmy_y", strong=True)
    if m.group("dmy_y") and year is None:
        return None
    value = _date_value(month[0], month[1], day, year, pub, _direction(m, "dmy_dir"))
    if year is not None:
        value = _time(m, "dmy_", value)
    return value, "absolute", month[0], None


def _read_mdy(m: re.Match[str], pub: dt.date | None, folded: str) -> Found | None:
    month, year = _month(m, "mdy_m"), _year(m, "mdy_y", strong=True)
    if month is None or year is None:
        return None
    return _date_value(month[0], month[1], int(m.group("mdy_d")), year, pub, None), "absolute", month[0], None


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
    value = _date_value("gregorian", month, day, ("gregorian", y), pub, None)
    return (_time(m, "num_", value) if value else None), "absolute", "gregorian", None


def _month_value(cal: str, month: int, year: tuple[str, int] | None, pub: dt.date | None,
                 direction: int | None) -> str | None:
    """ISO month ('2014-06'); a Hijri month is the Gregorian month holding its first day."""
    if cal == "hijri":
        if year is None:
            first = R.hijri_month(month, pub, direction) if pub else None
        else:
            hyear = year[1] if year[0] == "hijri" else R.hijri_year_of(year[1], month)
            first = R.hijri_date(hyear, month, 1) if hyear else None
        return first.strftime("%Y-%m") if first else None
    if year is None:
        return R.iso(R.year_for_month(month, pub, direction), month) if pub else None
    return R.iso(year[1], month) if year[0] == "gregorian" else None


def _read_my(m: re.Match[str], pub: dt.date | None, folded: str) -> Found | None:
    month, year = _month(m, "my_m"), _year(m, "my_y", strong=True)
    if month is None or year is None:
        return None
    return _month_value(month[0], month[1], year, pub, None), "absolute", month[0], None


def _year_value(year: tuple[str, int]) -> str | None:
    if year[0] == "gregorian":
        return R.iso(year[1])
    first = R.hijri_date(year[1], 1, 1)
    return R.iso(first.year) if first else None


def _read_py(m: re.Match[str], pub: dt.date | None, folded: str) -> Found | None:
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
    strong = (m.group("mo_n") or m.group("mo_p") or m.group("mo_m2") or m.group("mo_m3")
              or direction is not None)
    if not strong and (m.group("cue") is None or key(m.group("mo_m1")) in vocab().bare_month_needs_more):
        return None
    return _month_value(month[0], month[1], None, pub, direction), "absolute", month[0], None


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
    value = (pub + dt.timedelta(days=days)).isoformat() if pub else None
    return value, "relative", "gregorian", None


def _read_wd(m: re.Match[str], pub: dt.date | None, folded: str) -> Found | None:
    v = vocab()
    if _prev_word(folded, m) in v.weekday_not_after:
        return None
    direction = _direction(m, "wd_dir")
    value = None
    if pub is not None:
        day = R.weekday_date(v.weekdays[key(m.group("wd_w"))], pub, direction)
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
                pub: dt.date | None) -> str | None:
    if month is None:
        return _year_value(year) if year else None
    if day is None:
        return _month_value(month[0], month[1], year, pub, None)
    return _date_value(month[0], month[1], day, year, pub, None)


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
    start, end = _side_value(ld, lm, ly, pub), _side_value(rd, rm, ry, pub)
    calendar = (rm or lm or ry or ("gregorian", 0))[0]
    return start, "range", calendar, end


def _read_rngd(m: re.Match[str], pub: dt.date | None, folded: str) -> Found | None:
    month = _month(m, "rngd_m")
    d1, d2 = int(m.group("rngd_d1")), int(m.group("rngd_d2"))
    if month is None or not 1 <= d1 < d2 <= 31:
        return None
    year = _year(m, "rngd_y", strong=True)
    start = _date_value(month[0], month[1], d1, year, pub, None)
    end = _date_value(month[0], month[1], d2, year, pub, None)
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
    y = year[1] if year and year[0] == "gregorian" else (R.year_for_month(month[1], pub, None) if pub else None)
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
    first = R.weekday_date(a, pub, None)
    return first.isoformat(), "range", "gregorian", (first + dt.timedelta(days=1)).isoformat()


_READERS = {
    "rng": _read_rng, "num": _read_num, "rngd": _read_rngd, "dmy": _read_dmy, "mdy": _read_mdy,
    "my": _read_my, "py": _read_py, "dmr": _read_dmr, "mo": _read_mo, "yc": _read_yc, "pr": _read_pr,
    "rd": _read_rd, "wd": _read_wd, "ago": _read_ago, "wk": _read_wk, "qtr": _read_qtr, "dec": _read_dec,
    "pp": _read_pp, "wdr": _read_wdr,
}
