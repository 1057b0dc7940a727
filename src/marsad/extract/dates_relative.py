"""Readers of relative dates: today and yesterday, weekdays, "last month", "three days ago",
weekday pairs and the weekday of a named week, all placed against the publication day.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from marsad.extract import dates_parts as P
from marsad.extract import dates_resolve as R
from marsad.extract.dates_vocab import key, vocab

_YEARS_IN = {"decade": 10, "century": 100}     # units counted in years


def _read_pr(m: re.Match[str], pub: dt.date | None, folded: str) -> P.Found | None:
    direction = P.direction(m, "pr_dir")
    if direction is None and not m.group("pr_this") and not m.group("pr_p"):
        return None
    if m.group("pr_dir") and key(m.group("pr_dir")) in vocab().following and P.next_words(folded, m.end())[0][:1] == "ل":
        return None                               # "الشهر التالي للانتخابات": after an event, not publication
    unit = vocab().periods[key(m.group("pr_u"))]
    value = None
    if pub is not None:
        step = direction or 0
        value = R.iso_week(pub + dt.timedelta(weeks=step)) if unit == "week" else R.shift(pub, unit, step)
    return value, "relative", "gregorian", None


def _read_rd(m: re.Match[str], pub: dt.date | None, folded: str) -> P.Found | None:
    word = key(m.group("rd_w"))
    if word == "الغد" and not m.group("rd_t"):
        return None                               # "ما سيكون عليه الغد": the future, not a day
    days = vocab().relative_days[word]
    if days == 0 and P.prev_word(folded, m) in {"ذلك", "نفس", "مثل", "ذات"}:
        return None
    if word in vocab().in_names and _in_outlet_name(folded, m, *vocab().in_names[word]):
        return None                               # "عين اليوم – نجران"، "قناة روسيا اليوم": a name
    if pub is None:
        return None, "relative", "gregorian", None
    day = pub + dt.timedelta(days=days)
    named = m.group("rd_wd") or m.group("rd_wd2")
    if named:
        # "أمس الخميس": the writer's weekday wins over a record collected a day or two later
        shift = (vocab().weekdays[key(named)] - day.weekday() + 3) % 7 - 3
        day += dt.timedelta(days=shift)
    return day.isoformat(), "relative", "gregorian", None


_QUOTE_OPEN = "\"'«“(‹"
_NAME_CLOSE = "\"'»”)›–—-ـ|:\n"


def _in_outlet_name(folded: str, m: re.Match[str], before: frozenset[str], after: frozenset[str]) -> bool:
    """Whether the day word is part of a known outlet's name written as a name: the name (its
    word before or after the day word included) set off by quotes or a dash, ending a line, or
    after a media word (صحيفة، قناة، لـ). "زار روسيا اليوم" is a visit today."""
    start, end = m.start("rd_w"), m.end("rd_w")
    spans = []
    prev = P.PREV_WORD.search(folded, max(0, start - 30), start)
    if prev is not None and prev.group(1) in before:
        if prev.group(1) in vocab().media_words:
            return True                           # "صحيفة اليوم"
        spans.append((prev.start(1), end))
    nxt = re.match(r"[^\S\n]+([^\W\d_]+)", folded[end:end + 30])
    if nxt is not None and nxt.group(1) in after:
        spans.append((start, end + nxt.end(1)))
    for first, last in spans:
        tail = folded[last:last + 3].lstrip(" \t")
        head = folded[max(0, first - 30):first].rstrip(" \t")
        lead = P.PREV_WORD.search(head)
        if (not tail or tail[0] in _NAME_CLOSE or not head or head[-1] in _QUOTE_OPEN + "\n"
                or head.endswith("لـ") or (lead is not None and lead.group(1) in vocab().media_words)):
            return True
    return False


def _read_wd(m: re.Match[str], pub: dt.date | None, folded: str) -> P.Found | None:
    v = vocab()
    if P.prev_word(folded, m) in v.weekday_not_after:
        return None
    direction = P.direction(m, "wd_dir")
    value = None
    if pub is not None:
        reading = P.reading(m, pub, folded, direction)
        day = R.weekday_date(v.weekdays[key(m.group("wd_w"))], pub, direction, reading.future)
        if direction is not None and abs(direction) > 1:
            day += dt.timedelta(days=7 if direction > 0 else -7)     # "الخميس قبل الماضي"، "بعد المقبل"
        value = day.isoformat()
    return value, "relative", "gregorian", None


def _read_ago(m: re.Match[str], pub: dt.date | None, folded: str) -> P.Found | None:
    v = vocab()
    rest = folded[m.end():m.end() + 12].lstrip(" \t")
    if re.match(r"(?:من|على)(?![^\W_])", rest) and not rest.startswith("من الزمن"):
        return None                               # "قبل يومين من الهجوم": anchored on an event
    if m.group("ago_u3"):        # "قبل أيام"، "منذ عدة سنوات": some days or years, too vague to fix
        if key(m.group("ago_k")) in v.later and not P.reading(m, pub, folded, None).future:
            return None
        return None, "relative", "gregorian", None
    if m.group("ago_u2"):
        unit, amount = v.units[key(m.group("ago_u2"))]
        if amount == 1 and (rest.startswith("ال") or rest[:1].isdigit()):
            return None                           # "قبل عام الانتخابات", "قبل يوم 5"
        if m.group("ago_fr"):
            amount = v.unit_fractions[key(m.group("ago_fr"))] if amount == 1 else None   # "قبل ربع قرن"
    else:
        raw = key(m.group("ago_n"))
        amount = int(raw) if raw.isdigit() else v.counts.get(raw)
        unit = v.units[key(m.group("ago_u"))][0]
    if not amount:
        return None
    sign = 1 if key(m.group("ago_k")) in v.later else -1      # "بعد يومين" forward, "قبل يومين" back
    if m.group("ago_half"):
        amount += 0.5                                          # "قبل عام ونصف"، "منذ قرن ونصف"
    if unit in _YEARS_IN:                                      # "قبل عقدين"، "منذ نصف قرن": years
        unit, amount = "year", _YEARS_IN[unit] * amount
    if unit == "year" and amount != int(amount):               # "قبل عام ونصف": 18 months back
        unit, amount = "month", round(12 * amount)
    if sign > 0 and folded[:m.start()].strip(" \t\n\"'(«") and not P.reading(m, pub, folded, None).future:
        return None          # "وصل بعد يومين": two days after something told before, not after publication
    value = None
    if pub is not None:
        if unit in ("hour", "minute"):
            whole_days = int(amount) // 24 if unit == "hour" else 0
            value = (pub + dt.timedelta(days=sign * whole_days)).isoformat()
        elif unit in ("day", "week"):
            value = (pub + dt.timedelta(days=sign * int(amount * (7 if unit == "week" else 1)))).isoformat()
        elif unit == "month" and amount != int(amount):        # "قبل شهر ونصف": the month 45 days back
            value = (pub + dt.timedelta(days=sign * round(30 * amount))).isoformat()[:7]
        else:
            value = R.shift(pub, unit, sign * int(amount))
    return value, "relative", "gregorian", None


def _read_pp(m: re.Match[str], pub: dt.date | None, folded: str) -> P.Found | None:
    """A span that ends or starts at publication. "الأيام الماضية", "الأسابيع الأخيرة": too vague to
    fix (value null). Counted, "السنوات الخمس الماضية", "الخمس سنوات الماضية", "العامين المقبلين",
    "العقد الماضي": from the publication's year, month, week or day back or forward by the count,
    `value` the first and `end_value` the last (kind relative: the count stays a quantity). Not
    when من، قبل or بعد follows: counted inside or before something else ("الأيام الثلاثة الأخيرة
    من رمضان"، "الساعات الثلاث الأخيرة قبل المباراة"; ten days of a month are `tn`'s); after لل
    it may be either ("الأيام الستة الماضية للمهرجان"، "اليومين المقبلين للالتحاق بالفريق") and is
    read. "الفترة المقبلة" is as vague as "الأيام الماضية".
    """
    v = vocab()
    if m.group("pp_v"):                           # "الفترة المقبلة": too vague to fix
        return None, "relative", "gregorian", None
    i = next(n for n in ("", "2", "3", "4") if m.group("pp_u" + n))
    unit, amount = v.units[key(m.group("pp_u" + i)).removeprefix("ال")]
    raw = (m.group("pp_n") or m.group("pp_n2") or "").strip()
    count = int(raw) if raw.isdigit() else v.counts.get(key(raw), amount if i in ("3", "4") else None)
    if not count:
        return None, "relative", "gregorian", None
    after = P.next_words(folded, m.end())[0]
    if after in ("من", "قبل", "بعد"):
        return None                               # "الساعات الثلاث الأخيرة قبل المباراة"
    if pub is None:
        return None, "relative", "gregorian", None
    if unit in ("hour", "minute"):
        days = count // 24 if unit == "hour" else 0
        if not days:
            return pub.isoformat(), "relative", "gregorian", None
        unit, count = "day", days
    elif unit in _YEARS_IN:
        unit, count = "year", _YEARS_IN[unit] * count
    sign = v.span_directions.get(key(m.group("pp_d" + i)), -1)
    near, far = R.shift(pub, unit, 0), R.shift(pub, unit, sign * count)
    first, last = (far, near) if sign < 0 else (near, far)
    return first, "relative", "gregorian", last


def _read_sea(m: re.Match[str], pub: dt.date | None, folded: str) -> P.Found | None:
    """"الصيف الماضي", "الخريف المقبل", "هذا الصيف": the months of that season, the last one over
    before publication, the next one to begin after it, or the one publication falls in (else the
    one that begins in its year); winter spans the new year ("الشتاء الماضي" from July 2015 is
    2014-12..2015-02)."""
    step = 0 if m.group("sea_this") else P.direction(m, "sea_dir")
    if step is None or abs(step) > 1:
        return None
    if pub is None:
        return None, "range", "gregorian", None
    first, last = vocab().seasons[key(m.group("sea_w"))]
    spans = [(dt.date(y, first, 1), R.month_bounds("gregorian", y + (last < first), last)[1])
             for y in range(pub.year - 2, pub.year + 2)]
    if step < 0:
        start, end = max(sp for sp in spans if sp[1] < pub)
    elif step > 0:
        start, end = min(sp for sp in spans if sp[0] > pub)
    else:
        start, end = next((sp for sp in spans if sp[0] <= pub <= sp[1]), None) or \
            next(sp for sp in spans if sp[0].year == pub.year)
    return R.iso(start.year, start.month), "range", "gregorian", R.iso(end.year, end.month)


def _read_wdr(m: re.Match[str], pub: dt.date | None, folded: str) -> P.Found | None:
    """Two consecutive weekdays, "ليل الثلاثاء الأربعاء", "يومي الثلاثاء والأربعاء": a range, on the
    side a direction after them asks ("يومي السبت والأحد المقبلين")."""
    v = vocab()
    if P.prev_word(folded, m) in v.weekday_not_after:
        return None
    a, b = v.weekdays[key(m.group("wdr_a"))], v.weekdays[key(m.group("wdr_b"))]
    if (b - a) % 7 != 1:
        return None
    if pub is None:
        return None, "range", "gregorian", None
    direction = P.direction(m, "wdr_dir")
    first = R.weekday_date(a, pub, direction, P.reading(m, pub, folded, direction).future)
    if direction is not None and abs(direction) > 1:
        first += dt.timedelta(days=7 if direction > 0 else -7)
    return first.isoformat(), "range", "gregorian", (first + dt.timedelta(days=1)).isoformat()


def _read_wkd(m: re.Match[str], pub: dt.date | None, folded: str) -> P.Found | None:
    """A weekday of a named week: "الجمعة من الأسبوع المقبل", "أحد الأسبوع الماضي",
    "الأسبوع المقبل يوم الجمعة" (weeks start on `week_starts_on`, Saturday)."""
    v = vocab()
    if m.group("wkd_w2"):
        weekday, p = v.weekdays[key(m.group("wkd_w2"))], "wkd2_"
    elif m.group("wkd_w"):
        if P.prev_word(folded, m) in v.weekday_not_after:
            return None
        weekday, p = v.weekdays[key(m.group("wkd_w"))], "wkd_"
    else:
        weekday, p = v.weekdays_bare[key(m.group("wkd_b"))], "wkd_"
    weeks = 0 if m.group(p + "this") else P.direction(m, p + "dir")
    if weeks is None:
        return None
    value = R.week_day(weekday, pub, weeks, v.data["week_starts_on"]).isoformat() if pub else None
    return value, "relative", "gregorian", None


def _read_dago(m: re.Match[str], pub: dt.date | None, folded: str) -> P.Found | None:
    """Colloquial "ago": "من أسبوع" = a week ago ("شفته من أسبوع"); not a comparison ("أكثر من
    أسبوع"), a partitive after a number or an ordinal ("اليوم الثالث من أسبوع") or before a name
    ("من شهر رمضان"), a range or a repetition ("من عام لآخر", "من شهر إلى").
    """
    v = vocab()
    before = folded[max(0, m.start() - 24):m.start()].split()
    prev = before[-1] if before else ""
    if prev in v.dialect_ago_not_after or prev[-1:].isdigit() or v.day(prev) is not None:
        return None
    first, _ = P.next_words(folded, m.end())
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


def _read_qd(m: re.Match[str], pub: dt.date | None, folded: str) -> P.Found | None:
    """"الربع الماضي", "النصف المقبل": the quarter or half before or after the one holding
    publication, as a range of months (kind relative). Not "الربع الحالي" nor "الربع السابق":
    in the results a company publishes weeks after a quarter ends, the current quarter is the one
    reported on and the previous one the quarter before it, not publication's."""
    v = vocab()
    if m.group("qd_ydir") and P.direction(m, "qd_ydir") != 0:
        return None                 # "الربع الماضي من العام الماضي" says two things
    step = P.direction(m, "qd_dir")
    if not step or key(m.group("qd_dir")) in v.part_not_directions:
        return None
    if pub is None:
        return None, "relative", "gregorian", None
    size = v.year_part_months[key(m.group("qd_w"))]
    index = (pub.month - 1) // size + step
    year, part = pub.year + index // (12 // size), index % (12 // size)
    first = part * size + 1
    return R.iso(year, first), "relative", "gregorian", R.iso(year, first + size - 1)


READERS: dict[str, Callable[[re.Match[str], dt.date | None, str], P.Found | None]] = {
    "qd": _read_qd,
    "pr": _read_pr,
    "rd": _read_rd,
    "wd": _read_wd,
    "ago": _read_ago,
    "pp": _read_pp,
    "sea": _read_sea,
    "wdr": _read_wdr,
    "wkd": _read_wkd,
    "dago": _read_dago,
}
