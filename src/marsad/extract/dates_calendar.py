"""Readers of dates written with the calendar: day month year, numeric dates, months, years,
days of the month, ranges, weeks, quarters and decades (one reader per alternative of
`dates_patterns`, each turning its match into a value).
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from marsad.extract import dates_parts as P
from marsad.extract import dates_resolve as R
from marsad.extract.dates_vocab import key, vocab


def _read_dmy(m: re.Match[str], pub: dt.date | None, folded: str) -> P.Found | None:
    if P.prev_word(folded, m) in vocab().part_nouns:
        return None                                   # "الربع الثاني من العام"، "النصف الثاني من يونيو"
    month = P.month(m, "dmy_m")
    day = vocab().day(m.group("dmy_d"))
    if month is None or day is None:
        return None
    year = P.year(m, "dmy_y", strong=True, beside=month[0])
    if P.year_given(m, "dmy_y") and year is None:
        return None
    year = year or P.year_phrase(m, "dmy_", pub)      # "الثالث من أغسطس العام الماضي"
    if year is None and P.yearly(folded, m.end()):
        pub = None                                    # "23 سبتمبر من كل عام": --09-23
    reading = P.reading(m, pub, folded, P.direction(m, "dmy_dir")) if year is None else R.PAST
    value = P.date_value(month[0], month[1], day, year, pub, reading, P.weekday(m, "dmy_wd"))
    if year is not None:
        value = P.time(m, "dmy_", value)
    return value, "absolute", month[0], None


def _read_mdy(m: re.Match[str], pub: dt.date | None, folded: str) -> P.Found | None:
    """"سبتمبر 10, 2019" (a year required), "سبتمبر10" and "يناير الثاني والعشرين" (year optional)."""
    month = P.month(m, "mdy_m")
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
    year = P.year(m, name, strong=True, beside=month[0])
    if P.year_given(m, name) != (year is not None):
        return None
    reading = P.reading(m, pub, folded, P.direction(m, "mdy_dir")) if year is None else R.PAST
    return P.date_value(month[0], month[1], day, year, pub, reading), "absolute", month[0], None


def _read_num(m: re.Match[str], pub: dt.date | None, folded: str) -> P.Found | None:
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
    value = P.date_value("gregorian", month, day, ("gregorian", y), pub)
    return (P.time(m, "num_", value) if value else None), "absolute", "gregorian", None


def _read_dm(m: re.Match[str], pub: dt.date | None, folded: str) -> P.Found | None:
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
    if not ok or day > 31 or P.quantity_follows(folded, m.end()) or f"{a}/{b}" in v.data["number_pair_idioms"]:
        return None
    if sep == "." and yy is None and (P.next_words(folded, m.end())[0] in v.meridiem or P.prev_word(folded, m) == "الساعه"):
        return None                               # "في 10.30 صباحا": a time
    year = ("gregorian", R.two_digit_year(int(yy), pub)) if yy is not None else None
    reading = P.reading(m, pub, folded, None) if year is None else R.PAST
    value = P.date_value("gregorian", month, day, year, pub, reading, P.weekday(m, "dm_wd"))
    if value is None and (year is not None or pub is not None):
        return None
    return P.time(m, "dm_", value), "absolute", "gregorian", None


def _read_my(m: re.Match[str], pub: dt.date | None, folded: str) -> P.Found | None:
    month = P.month(m, "my_m")
    year = P.year(m, "my_y", strong=True, beside=month[0]) if month else None
    if month is None or year is None:
        return None
    if P.is_period_month(month) and not m.group("my_p"):
        return P.month_period(month, year, pub, R.PAST)
    return P.month_value(month[0], month[1], year, pub), "absolute", month[0], None


def _read_py(m: re.Match[str], pub: dt.date | None, folded: str) -> P.Found | None:
    if m.group("py_yw") and not (m.group("py_n") or m.group("py_yn")):
        return None                               # "آخر ألفين": a count; a year in words needs عام/سنة
    year = P.year(m, "py_y", strong=True)
    return None if year is None else (P.year_value(year), "absolute", year[0], None)


def _read_ys(m: re.Match[str], pub: dt.date | None, folded: str) -> P.Found | None:
    """A year in two digits after عام/سنة ("حرب عام 73"، "منذ عام 48"): 19yy, or 20yy when that is
    at most five years after publication's. Not with an era apart ("عام 70 م" may be 70 AD, "عام
    94 هـ" is Hijri 94) nor before a unit or counted noun ("قبل عام 40 بالمائة")."""
    rest = folded[m.end():m.end() + 3].lstrip(" \t")
    if rest[:1] in ("م", "ه") and not rest[1:2].isalpha() or P.quantity_follows(folded, m.end()):
        return None
    yy = int(m.group("ys_y"))
    now = pub.year if pub is not None else 2000
    year = now // 100 * 100 + yy
    if year > now + 5:
        year -= 100
    return str(year), "absolute", "gregorian", None


def _read_yc(m: re.Match[str], pub: dt.date | None, folded: str) -> P.Found | None:
    """A year after a cue ("في 2015", and before 1900 after في or منذ, "في 1869", outside the Hijri
    years 1350-1500 and not before an accusative count, "في 1750 قدما") or
    with its era ("1436هـ"), or a Gregorian year alone ("مونديال 2018 في روسيا", "أعوام 2015 و2016")
    when nothing around it makes it a count."""
    year = P.year(m, "yc_y", strong=False) or _older_year(m, folded)
    if year is None:
        return None
    if m.group("yc_ys") is None and (_counted(m, folded) or m.group("cue") is None and not _year_alone(m, folded)):
        return None
    return P.year_value(year), "absolute", year[0], None


def _older_year(m: re.Match[str], folded: str) -> tuple[str, int] | None:
    """A Gregorian year before 1900 after في or منذ ("وفي 1861 انطلقت الحرب"), outside the Hijri years
    1350-1500 and not before an accusative count ("في 1750 قدما")."""
    number = int(m.group("yc_y"))
    if key(m.group("cue") or "") not in ("في", "منذ") or m.group("yc_ys") or not (
            1000 <= number < 1350 or 1500 < number < 1900) or P.next_words(folded, m.end())[0].endswith("ا"):
        return None
    return "gregorian", number


def _counted(m: re.Match[str], folded: str) -> bool:
    """Whether four digits without an era count what follows them ("2000 ريال", "إلى 2014 شخص",
    "بين 2000 و3000 شخص"), cue or not. An indefinite noun after them ("2000 مقعد") is not read as
    counted: on SaudiNewsNet the words in that place were mostly adverbs, participles and words
    after a proclitic ("2015 بنسبة", "2018 لكرة القدم")."""
    cue = m.group("cue") is not None
    # after a cue, "في 2015 من خلال" and "في 2013 مقابل 80 مليون" are still the year
    links = _LINKS | {"مقابل"} if cue else _LINKS - {"من"}
    if _unit_follows(folded, m.end(), links):
        return True
    partner = _PARTNER.match(folded, m.end())
    if partner is None:
        return False
    # "بين 2000 و3000": two counts; "في 2013 إلى 97 سفينة" keeps its year
    return not cue and not 1900 <= int(partner.group(1)) <= 2100 or _unit_follows(folded, partner.end(), links)


def _year_alone(m: re.Match[str], folded: str) -> bool:
    """Whether four digits with no cue and no era read as a year: not a code or a level ("الرقم
    الموحد 1909", "عند مستوى 1985", "أكثر من 2000"), not the year of a numeric date written another
    way ("12/2015")."""
    start = m.start("yc_y")
    if _AFTER_NUMERIC.search(folded, max(0, start - 6), start):
        return False
    if P.next_words(folded, m.end())[0] in vocab().year_alone_not_before:
        return False              # "(2059 بتوقيت غرينتش)": a clock time
    before = folded[max(0, start - 40):start].split()[-2:]
    words = [w.strip("()«»\"'،,") for w in before]
    stop = vocab().year_alone_not_after
    return not (words and _without_clitic(words[-1]) in stop or " ".join(words) in stop
                or len(words) == 2 and _without_clitic(words[0]) in stop)


_PARTNER = re.compile(r"[^\S\n]*(?:[-–]|و|الي|حتي)[^\S\n]*(\d+)(?![\d.,/])")   # "و3000", "- 2500", "إلى 2100"
_LINKS = frozenset({"من", "الي", "او", "علي"})     # number followers that join words, not units


def _unit_follows(folded: str, end: int, links: frozenset[str]) -> bool:
    """`quantity_follows`, but for a year: the joining words among the number followers ("2-1 على",
    "3 من المصابين") in `links` do not make the number a count ("الخطة 2021-2030 على مرحلتين")."""
    return P.quantity_follows(folded, end) and P.next_words(folded, end)[0] not in links


_AFTER_NUMERIC = re.compile(r"\d[^\S\n]*[/.\-][^\S\n]*$")     # "12/2015", "8 /11/ 2015": a numeric date's year


def _without_clitic(word: str) -> str:
    """A folded word, or the word without one و/ف/ب/ل proclitic when that form is listed."""
    stop = vocab().year_alone_not_after
    if word in stop or word[:1] not in "وفبل":
        return word
    return word[1:]


def _read_mo(m: re.Match[str], pub: dt.date | None, folded: str, joined: bool = False) -> P.Found | None:
    """A month, with a cue, a direction, a year phrase or its second name; or `joined` to a month
    found right before it ("في مايو ويونيو"، "من يونيو وحتى سبتمبر")."""
    month = P.month(m, "mo_m")
    if month is None:
        return None
    direction = P.direction(m, "mo_dir")
    strong = (m.group("mo_n") or m.group("mo_p") or m.group("mo_m2") or m.group("mo_m3") or m.group("mo_m4")
              or m.group("mo_mn") or direction is not None or m.group("mo_ythis") or m.group("mo_ydir"))
    name, v = key(m.group("mo_m1") or ""), vocab()
    if not strong and (name in v.bare_month_needs_more
                       or (m.group("cue") is None if not joined else name in v.months_also_names)):
        return None               # "في مايو ورجب طيب أردوغان": a month that is also a name needs more
    reading = P.reading(m, pub, folded, direction)
    year = P.year_phrase(m, "mo_", pub)
    if P.is_period_month(month) and not m.group("mo_p"):
        return P.month_period(month, year, pub, reading)
    return P.month_value(month[0], month[1], year, pub, reading), "absolute", month[0], None


def shared_direction(m: re.Match[str]) -> int | None:
    """The direction a joined month's dual or plural direction word gives the month before it
    ("في يناير وفبراير الماضيين": both past), or None."""
    word = m.group("mo_dir") if m.lastgroup == "mo" else None
    return P.direction(m, "mo_dir") if word and key(word) in vocab().shared_directions else None


def month_towards(m: re.Match[str], pub: dt.date | None, direction: int, last: str) -> str | None:
    """A yearless month match placed with the last month of its list (`last`, placed by the shared
    `direction`): a Gregorian month in the year that brings it before `last`, a Hijri one by the
    direction itself (None when the match is not a bare month)."""
    month = P.month(m, "mo_m") if m.lastgroup == "mo" else None
    if month is None or P.direction(m, "mo_dir") is not None or m.group("mo_ythis") or m.group("mo_ydir"):
        return None
    if month[0] == "gregorian" and len(last) == 7 and last[:4].isdigit() and last[5:].isdigit():
        return R.iso(int(last[:4]) - (month[1] > int(last[5:])), month[1])
    return P.month_value(month[0], month[1], None, pub, R.Reading(direction, False))


def read_joined_month(m: re.Match[str], pub: dt.date | None, folded: str) -> P.Found | None:
    """A bare month joined to the month found before it (the caller knows there is one)."""
    return _read_mo(m, pub, folded, joined=True) if m.lastgroup == "mo" else None


def _read_dd(m: re.Match[str], pub: dt.date | None, folded: str) -> P.Found | None:
    """A day of the month alone: "في 15،", "يوم 15 الجاري", "الخميس 15." (relative to publication).

    Only at the end of a clause, before a time of day, or with a direction word (الجاري، الماضي،
    المقبل), and only after في / يوم / بتاريخ / a weekday, so that "في 15 مدينة" stays a count.
    """
    v = vocab()
    direction = P.direction(m, "dd_dir")
    cue = key(m.group("cue") or "")
    if direction is None and not (m.group("dd_yom") or m.group("dd_wd") or cue in v.strong_cues or cue == "في"):
        return None
    day = v.day(m.group("dd_d"))
    if day is None or not 1 <= day <= 31:
        return None
    value = None
    if pub is not None:
        reading = P.reading(m, pub, folded, direction)
        found = R.day_in_month(day, pub, reading.direction, reading.future, P.weekday(m, "dd_wd"))
        value = found.isoformat() if found else None
    return value, "relative", "gregorian", None


def _read_dmr(m: re.Match[str], pub: dt.date | None, folded: str) -> P.Found | None:
    day = vocab().day(m.group("dmr_d"))
    if day is None:
        return None
    value = None
    if pub is not None:
        shift = 0 if m.group("dmr_this") else (P.direction(m, "dmr_dir") or 0)
        month = R.shift(pub, "month", max(-2, min(shift, 1)))
        value = R.iso(int(month[:4]), int(month[5:]), day)
    return value, "relative", "gregorian", None


def _range_side(m: re.Match[str], pre: str) -> tuple[int | None, tuple[str, int] | None, tuple[str, int] | None]:
    """(day, (calendar, month), (calendar, year)) of one side of a range; names vary by branch."""
    if pre == "l":
        d, months, years = "ld", ("lm", "lm_"), ("ly", "ly_", "ly__")
    else:
        d, months, years = "rd_", ("rm", "rm_"), ("ry", "ry_", "ry__")
    day = vocab().day(m.group(d)) if m.group(d) else None
    month = next((P.month(m, p) for p in months if m.group(p)), None)
    year_name = next((p for p in years if m.group(p)), None)
    year = P.year(m, year_name, strong=month is not None) if year_name else None
    return day, month, year


def _side_value(day: int | None, month: tuple[str, int] | None, year: tuple[str, int] | None,
                pub: dt.date | None, reading: R.Reading) -> str | None:
    if month is None:
        return P.year_value(year) if year else None
    if day is None:
        return P.month_value(month[0], month[1], year, pub, reading)
    return P.date_value(month[0], month[1], day, year, pub, reading)


def _read_rng(m: re.Match[str], pub: dt.date | None, folded: str) -> P.Found | None:
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
        # "من 22 ديسمبر إلى 4 يناير 2016": a range that runs past the year's end starts the year before
        crosses = rm is not None and lm[0] == rm[0] == ry[0] and lm[1] > rm[1]
        ly = (ry[0], ry[1] - 1) if crosses else ry
    if ry is None and ly is not None and rm is not None and lm is not None and lm[0] == rm[0] == ly[0]:
        # "من 21 يونيو 2013 وحتى 14 أغسطس": the end is in the start's year (the next one past its end)
        ry = (ly[0], ly[1] + (lm[1] > rm[1]))
    if lm is None and rm is None and ly and ry and (ly[1] >= ry[1] or _unit_follows(folded, m.end(), _LINKS)):
        return None                               # "بين 1950 و2000 ريال": a span of amounts
    reading = P.reading(m, pub, folded, None) if ry is None else R.PAST
    start, end = _side_value(ld, lm, ly, pub, reading), _side_value(rd, rm, ry, pub, reading)
    if ly is None and ry is None and lm and rm and lm[0] == rm[0] and start and end and start > end:
        # placed side by side, "من 16 إلى 30 شوال" (published on the 16th) or "من يونيو وحتى سبتمبر"
        # would run backwards: the end is the first such day or month after the start
        end = _side_after(start, rd, rm) or end
    calendar = (rm or lm or ry or ("gregorian", 0))[0]
    return start, "range", calendar, end


def _side_after(start: str, day: int | None, month: tuple[str, int]) -> str | None:
    """The first `day` of `month` (the month itself when `day` is None) after the ISO `start`."""
    try:
        first = dt.date.fromisoformat(start if len(start) == 10 else start[:7] + "-01")
    except ValueError:
        return None
    if month[0] == "gregorian":
        year = first.year + ((month[1], day or 1) < (first.month, first.day))
        return R.iso(year, month[1], day)
    hyear = R.hijri_year(first)
    for y in (hyear, hyear + 1) if hyear else ():
        candidate = R.hijri_date(y, month[1], day or 1)
        if candidate is not None and candidate >= first:
            return candidate.isoformat() if day else candidate.strftime("%Y-%m")
    return None


def _read_rngd(m: re.Match[str], pub: dt.date | None, folded: str) -> P.Found | None:
    month = P.month(m, "rngd_m")
    d1, d2 = int(m.group("rngd_d1")), int(m.group("rngd_d2"))
    if month is None or not 1 <= d1 < d2 <= 31:
        return None
    year = P.year(m, "rngd_y", strong=True, beside=month[0])
    reading = P.reading(m, pub, folded, P.direction(m, "rngd_dir")) if year is None else R.PAST
    start = P.date_value(month[0], month[1], d1, year, pub, reading)
    end = P.date_value(month[0], month[1], d2, year, pub, reading)
    return start, "range", month[0], end


def _read_yr(m: re.Match[str], pub: dt.date | None, folded: str) -> P.Found | None:
    """Two consecutive years, "1436/1437 هـ", "موسم 2015-2016" (or written last first, as right-to-left
    typing often puts them: "العام الجامعي 1437/1436هـ"), or two Gregorian years joined by a dash,
    "2015-2020", or two Hijri years with their era, "1413-1431هـ": a range of years."""
    a, b = int(m.group("yr_a")), int(m.group("yr_b"))
    if a == b + 1:
        a, b = b, a
    dashed = "/" not in folded[m.end("yr_a"):m.start("yr_b")]
    suffix = vocab().year_suffix.get(key(m.group("yr_s") or ""))
    far_apart = 1900 <= a and b <= 2100 or suffix == "hijri" and 1300 <= a     # "1413-1431هـ"
    if not (b == a + 1 or dashed and a < b <= a + 50 and far_apart
            and not _unit_follows(folded, m.end(), _LINKS)):
        return None
    hijri = suffix == "hijri" or (suffix is None and 1350 <= a <= 1500)
    cal = "hijri" if hijri else "gregorian"
    if not hijri and not 1900 <= a <= 2100:
        return None
    return P.year_value((cal, a)), "range", cal, P.year_value((cal, b))


def _read_wk(m: re.Match[str], pub: dt.date | None, folded: str) -> P.Found | None:
    """"الأسبوع العاشر من عام 2019" -> 2019-W10; "الأسبوع الأول من أكتوبر" (or "من رمضان", "من
    الشهر المقبل") -> the ISO week holding day 1 + 7(N-1) of that month (the week of its first day
    for N = 1); "الأسبوع الأخير من يونيو" -> the week holding most of its last seven days (that of
    the day three before its last)."""
    last = key(m.group("wk_o")) == "الاخير"
    n = -1 if last else vocab().day(m.group("wk_o"))
    if n is None:
        return None
    if m.group("wk_y"):
        year = P.year(m, "wk_y", strong=True)
        if year is None or year[0] != "gregorian" or not 1 <= n <= 53:
            return None
        return f"{year[1]:04d}-W{n:02d}", "absolute", "gregorian", None
    if not (1 <= n <= 5 or last):
        return None
    if m.group("wk_m"):
        named = P.month(m, "wk_m")
        if named is None:
            return None
        calendar, kind = named[0], "absolute"
        month = _named_month(m, named, pub, folded, "wk_")
    else:                          # "الأسبوع الأول من الشهر المقبل", "... من هذا الشهر"
        step = 0 if m.group("wk_this") else P.direction(m, "wk_dir")
        if step is None:
            return None
        calendar, kind = "gregorian", "relative"
        month = tuple(int(x) for x in R.shift(pub, "month", step).split("-")) if pub else None
    bounds = R.month_bounds(calendar, *month) if month else None
    if bounds is None:
        return None, kind, calendar, None
    day = bounds[1] - dt.timedelta(days=3) if last else min(bounds[0] + dt.timedelta(days=7 * (n - 1)), bounds[1])
    return R.iso_week(day), kind, calendar, None


def _named_month(m: re.Match[str], month: tuple[str, int], pub: dt.date | None,
                 folded: str, p: str) -> tuple[int, int] | None:
    """(year, month) in the month's own calendar of a month named inside a week or half phrase
    (groups `p`my, `p`mdir): the year written, or the one the reading picks."""
    year = P.year(m, p + "my", strong=True) if m.group(p + "my") else None
    reading = P.reading(m, pub, folded, P.direction(m, p + "mdir"))
    cal, number = month
    if year is not None:
        if year[0] == cal:
            return year[1], number
        hyear = R.hijri_year_of(year[1], number) if cal == "hijri" else None
        return (hyear, number) if hyear else None
    if pub is None:
        return None
    if cal == "hijri":
        first = R.hijri_month(number, pub, reading.direction, reading.future)
        return (R.hijri_year(first + dt.timedelta(days=10)), number) if first else None
    return R.year_for_month(number, pub, reading.direction, reading.future), number


def _read_qtr(m: re.Match[str], pub: dt.date | None, folded: str) -> P.Found | None:
    """A quarter or half of a year as a range of months: "الربع الأخير من 2014" -> 2014-10..2014-12;
    its first or last months counted: "الأشهر الستة الأولى من 2015" -> 2015-01..2015-06."""
    v = vocab()
    if m.group("qtr_m"):
        return _month_half(m, pub, folded)
    if m.group("qtr_n"):
        raw = m.group("qtr_n").strip()
        size = int(raw) if raw.isdigit() else v.counts.get(key(raw), 0)
        if not 1 < size < 12:
            return None
        first_month = 1 if key(m.group("qtr_f")) == "الاولي" else 13 - size    # or the last `size` months
    else:
        size = v.year_part_months[key(m.group("qtr_w"))]
        order = next(int(n) for n, ws in v.data["part_ordinals"].items() if key(m.group("qtr_o")) in {key(w) for w in ws})
        count = 12 // size
        order = count if order == -1 else order
        if order > count:
            return None
        first_month = (order - 1) * size + 1
    if m.group("qtr_y"):
        year = P.year(m, "qtr_y", strong=True)
        if year is None or year[0] != "gregorian":
            return None
        y: int | None = year[1]
        kind = "range"
    else:
        y = pub.year + (P.direction(m, "qtr_dir") or 0) if pub else None
        kind = "range"
    if y is None:
        return None, kind, "gregorian", None
    return R.iso(y, first_month), kind, "gregorian", R.iso(y, first_month + size - 1)


def _month_half(m: re.Match[str], pub: dt.date | None, folded: str) -> P.Found | None:
    """"النصف الثاني من شهر يونيو" -> 2015-06-16..2015-06-30 (the first half: days 1-15)."""
    v = vocab()
    named = P.month(m, "qtr_m")
    if m.group("qtr_n") or named is None or v.year_part_months.get(key(m.group("qtr_w"))) != 6:
        return None
    order = next(int(n) for n, ws in v.data["part_ordinals"].items() if key(m.group("qtr_o")) in {key(w) for w in ws})
    month = _named_month(m, named, pub, folded, "qtr_")
    bounds = R.month_bounds(named[0], *month) if month else None
    if order not in (1, 2, -1) or bounds is None:
        return None, "range", named[0], None
    middle = bounds[0] + dt.timedelta(days=14)
    first, last = (bounds[0], middle) if order == 1 else (middle + dt.timedelta(days=1), bounds[1])
    return first.isoformat(), "range", named[0], last.isoformat()


def _read_tn(m: re.Match[str], pub: dt.date | None, folded: str) -> P.Found | None:
    """"العشر الأواخر من رمضان" -> its 21st to its last day; "العشر الأوائل من ذي الحجة" -> 1st to 10th."""
    named = P.month(m, "tn_m")
    if named is None:
        return None
    month = _named_month(m, named, pub, folded, "tn_")
    bounds = R.month_bounds(named[0], *month) if month else None
    if bounds is None:
        return None, "range", named[0], None
    if key(m.group("tn_w")) in vocab().last_ten:
        first, last = bounds[0] + dt.timedelta(days=20), bounds[1]
    else:
        first, last = bounds[0], bounds[0] + dt.timedelta(days=9)
    return first.isoformat(), "range", named[0], last.isoformat()


def _read_dec(m: re.Match[str], pub: dt.date | None, folded: str) -> P.Found | None:
    """"ثمانينيات القرن الماضي" -> 1980..1989; a decade without its century is the 20th's; "العقد
    الأول من القرن الحالي" -> 2000..2009. A century alone, "القرن التاسع عشر" -> 1800..1899,
    "القرن الماضي" -> the one before publication's. A part before them ("أواخر الثمانينيات") is in
    the span and leaves the value whole, as with a year ("أواخر العام الماضي")."""
    v = vocab()
    named = m.group("dec_c") or m.group("dec_c2")
    base = 1900
    if named:
        cent = next(int(n) for n, ws in v.data["centuries"].items() if key(named) in {key(w) for w in ws})
        if cent in (-1, 0):
            now = pub.year // 100 * 100 if pub else 2000
            base = now + 100 * cent
        else:
            base = cent
    if m.group("dec_o"):                              # "العقد الأول من القرن الحالي": 2000..2009
        order = v.day(m.group("dec_o"))
        if not named or order is None or not 1 <= order <= 10:
            return None
        decade = 10 * (order - 1)
    elif not m.group("dec_w"):
        return str(base), "range", "gregorian", str(base + 99)
    else:
        word = key(m.group("dec_w"))
        decade = next(int(n) for n, ws in v.data["decades"].items() if word in {key(w) for w in ws})
    return str(base + decade), "range", "gregorian", str(base + decade + 9)


READERS: dict[str, Callable[[re.Match[str], dt.date | None, str], P.Found | None]] = {
    "rng": _read_rng,
    "yr": _read_yr,
    "num": _read_num,
    "rngd": _read_rngd,
    "dmy": _read_dmy,
    "mdy": _read_mdy,
    "my": _read_my,
    "py": _read_py,
    "ys": _read_ys,
    "dmr": _read_dmr,
    "mo": _read_mo,
    "yc": _read_yc,
    "wk": _read_wk,
    "qtr": _read_qtr,
    "tn": _read_tn,
    "dec": _read_dec,
    "dm": _read_dm,
    "dd": _read_dd,
}
