"""Publication dates to ISO 8601, from feed fields (ISO, RFC 822, "21/07/2015", epoch seconds) and
from Arabic datelines ("٢٩ أكتوبر ٢٠١٧ - ٠٨:٠٢ ص بتوقيت جرينيتش").

Everything runs on the folded string (marsad.text.normalize: Arabic-Indic digits become ASCII, hamza
and ta-marbuta variants fold, Latin is lower-cased), with a handful of regexes compiled once. A time
zone is written only when the text names one; otherwise the value stays naive, because guessing the
outlet's zone would invent precision the source does not have.
"""
from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from functools import lru_cache
from importlib import resources

from marsad.text.months import month_names
from marsad.text.normalize import normalize

__all__ = ["DateFound", "Dateline", "dateline_value", "find_date", "parse_published", "read_dateline"]

_LETTER = r"[^\W\d_]"


@dataclass(frozen=True, slots=True)
class DateFound:
    """A date read from text: its ISO value and the folded spans it covered."""

    value: str
    spans: tuple[tuple[int, int], ...]


@lru_cache(maxsize=1)
def _vocab() -> dict:
    data = json.loads(resources.files("marsad.clean").joinpath("data/datelines.json").read_text("utf-8"))
    fold = normalize
    zones = {fold(k): v for k, v in data["zones"].items()}
    filler = {fold(w) for w in data["filler"]}
    for name in zones:
        filler.update(name.split())
    for cal in ("gregorian", "hijri"):
        for name in month_names(cal):
            filler.update(name.split())
    return {
        "am": {fold(w) for w in data["am"]},
        "pm": {fold(w) for w in data["pm"]},
        "zones": zones,
        "filler": filler,
        "publish": {fold(w) for w in data["publish"]},
        "update": {fold(w) for w in data["update"]},
    }


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern[str]]:
    v = _vocab()
    months = _alternation(set(month_names("gregorian")) | set(month_names("hijri")))
    month = rf"(?<!{_LETTER})(?:{months})(?!{_LETTER})"
    ampm = _alternation(v["am"] | v["pm"])
    zones = _alternation(v["zones"])
    return {
        "dmy_words": re.compile(
            rf"(?<!\d)(?P<d>\d{{1,2}})\s*(?:st|nd|rd|th)?\s+(?:من\s+)?(?P<m>{month})"
            rf"(?:\s*[/(-]\s*{month}\s*\)?)?\s*[,،]?\s*(?P<y>\d{{4}})(?!\d)"),
        "mdy_words": re.compile(rf"(?P<m>{month})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s*,?\s+(?P<y>\d{{4}})(?!\d)"),
        "ymd": re.compile(r"(?<!\d)(?P<y>\d{4})\s*[/.-]\s*(?P<m>\d{1,2})\s*[/.-]\s*(?P<d>\d{1,2})(?!\d)"),
        "dmy": re.compile(r"(?<![\d/.-])(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})\s*[/.-]\s*(?P<y>\d{4}|\d{2})(?![\d/.-])"),
        "time": re.compile(rf"(?<![\d:])(?P<h>\d{{1,2}})\s*:\s*(?P<mi>\d{{2}})(?::(?P<s>\d{{2}}))?(?![\d:])"
                           rf"(?:\s*(?P<ap>{ampm})(?![^\W\d_]))?"),
        "offset": re.compile(r"(?<![^\W\d_])(?:gmt|utc)\s*(?P<sign>[+-])\s*(?P<oh>\d{1,2})(?::?(?P<om>\d{2}))?(?!\d)"
                             r"|^\s*(?P<sign2>[+-])(?P<oh2>\d{2}):?(?P<om2>\d{2})(?!\d)"),
        "zone": re.compile(rf"(?<![^\W\d_])(?:{zones})(?![^\W\d_])"),
        "words": re.compile(rf"{_LETTER}+"),
        "publish": re.compile(rf"(?<!{_LETTER})(?:{_alternation(v['publish'])})(?!{_LETTER})"),
        "update": re.compile(rf"(?<!{_LETTER})(?:{_alternation(v['update'])})(?!{_LETTER})"),
    }


def _hijri_to_gregorian(year: int, month: int, day: int) -> date:
    """Arithmetic (tabular) Islamic calendar, one day earlier to agree with Umm al-Qura, which
    Gulf papers print; sighting-based calendars may still differ by a day."""
    days = day + math.ceil(29.5 * (month - 1)) + (year - 1) * 354 + (3 + 11 * year) // 30
    return date.fromordinal(days + _HIJRI_EPOCH_ORDINAL - 1)


_HIJRI_EPOCH_ORDINAL = 227014      # 1 Muharram 1 AH (16 July 622, Julian) as a proleptic Gregorian ordinal


def _make_date(year: int, month: int, day: int, calendar: str) -> date | None:
    try:
        if calendar == "hijri" or 1300 <= year <= 1500:
            if not (1 <= month <= 12 and 1 <= day <= 30):
                return None
            return _hijri_to_gregorian(year, month, day)
        if not 1900 <= year <= 2100:
            return None
        return date(year, month, day)
    except ValueError:
        return None


def _month_of(folded: str) -> tuple[str, int] | None:
    for calendar in ("gregorian", "hijri"):
        number = month_names(calendar).get(folded)
        if number is not None:
            return calendar, number
    return None


def _dates(folded: str) -> list[tuple[date, str, tuple[int, int]]]:
    """Every (date, calendar, span) in folded text, in the order of the patterns' reliability."""
    p = _patterns()
    found: list[tuple[date, str, tuple[int, int]]] = []
    for name in ("dmy_words", "mdy_words"):
        for m in p[name].finditer(folded):
            month = _month_of(m.group("m"))
            if month is None:
                continue
            made = _make_date(int(m.group("y")), month[1], int(m.group("d")), month[0])
            if made is not None:
                found.append((made, month[0], m.span()))
    for m in p["ymd"].finditer(folded):
        made = _make_date(int(m.group("y")), int(m.group("m")), int(m.group("d")), "gregorian")
        if made is not None:
            found.append((made, "hijri" if int(m.group("y")) < 1600 else "gregorian", m.span()))
    for m in p["dmy"].finditer(folded):
        day, month, year = int(m.group("d")), int(m.group("m")), int(m.group("y"))
        if year < 100:
            year += 2000 if year < 50 else 1900
        if month > 12 and day <= 12:          # month-first (US order)
            day, month = month, day
        made = _make_date(year, month, day, "gregorian")
        if made is not None:
            found.append((made, "hijri" if year < 1600 else "gregorian", m.span()))
    return found


def _time(folded: str, taken: list[tuple[int, int]]) -> tuple[int, int, int, tuple[int, int]] | None:
    v = _vocab()
    for m in _patterns()["time"].finditer(folded):
        if any(a <= m.start() < b for a, b in taken):
            continue
        hour, minute, second = int(m.group("h")), int(m.group("mi")), int(m.group("s") or 0)
        ap = m.group("ap")
        if ap in v["pm"] and hour < 12:
            hour += 12
        elif ap in v["am"] and hour == 12:
            hour = 0
        if hour < 24 and minute < 60 and second < 60:
            return hour, minute, second, m.span()
    return None


def _zone(folded: str, after: int) -> tuple[timezone, list[tuple[int, int]]] | None:
    """The UTC offset the text names after position `after` (a time), else None."""
    p = _patterns()
    tail = folded[after:after + 40]
    m = p["offset"].search(tail)
    if m:
        sign = -1 if (m.group("sign") or m.group("sign2")) == "-" else 1
        hours = int(m.group("oh") or m.group("oh2"))
        minutes = int(m.group("om") or m.group("om2") or 0)
        if hours <= 14 and minutes < 60:
            span = (after + m.start(), after + m.end())
            return timezone(sign * timedelta(hours=hours, minutes=minutes)), [span]
    z = p["zone"].search(tail)
    if z:
        offset = _vocab()["zones"][z.group()]
        return timezone(timedelta(minutes=offset)), [(after + z.start(), after + z.end())]
    return None


def _iso(day: date, clock: tuple[int, int, int] | None, zone: timezone | None) -> str:
    if clock is None:
        return day.isoformat()
    moment = datetime(day.year, day.month, day.day, *clock, tzinfo=zone)
    return moment.isoformat()


def find_date(text: str, folded: bool = False) -> DateFound | None:
    """The first Gregorian date in `text` (else a Hijri one, converted), with its time and zone."""
    s = text if folded else normalize(text)
    if not any(c.isdigit() for c in s):
        return None
    dates = _dates(s)
    if not dates:
        return None
    dates.sort(key=lambda d: (d[1] != "gregorian", d[2][0]))
    day = dates[0][0]
    spans = [d[2] for d in dates]
    clock = _time(s, spans)
    zone = None
    if clock is not None:
        spans.append(clock[3])
        found_zone = _zone(s, clock[3][1])
        if found_zone is not None:
            zone = found_zone[0]
            spans.extend(found_zone[1])
    return DateFound(_iso(day, clock[:3] if clock else None, zone), tuple(spans))


_EPOCH = re.compile(r"\d{9,13}(?:\.\d+)?")


def parse_published(value: str | None) -> str | None:
    """ISO 8601 for a publication date as found in a feed, JSON field or dateline; None if unreadable."""
    if not value or not value.strip():
        return None
    s = normalize(value.strip())
    if _EPOCH.fullmatch(s):
        seconds = float(s) / (1000 if len(s.split(".")[0]) > 10 else 1)
        return datetime.fromtimestamp(seconds, tz=timezone.utc).isoformat()
    iso = _from_iso(s)
    if iso is not None:
        return iso
    found = find_date(s, folded=True)
    return found.value if found else None


_GMT_SUFFIX = re.compile(r"\s*(?:GMT|UTC)$")


def _from_iso(s: str) -> str | None:
    if len(s) < 10 or not (s[:4].isdigit() and s[4] == "-"):
        return None
    text = s.upper().replace("Z", "+00:00") if s.endswith(("z", "Z")) else s.upper()
    text = _GMT_SUFFIX.sub("+00:00", text)
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    if len(text) == 10:
        return moment.date().isoformat()
    return moment.replace(microsecond=0).isoformat()


_PREFIX = re.compile(r"^\s*(?P<prefix>[^\d|\-–—:،,]{2,60}?)\s*(?:[|\-–—:،,])\s*(?P<rest>.*\d.*)$")


@dataclass(frozen=True, slots=True)
class Dateline:
    """What a dateline line says: the date, the words before it ('صحيفة الأفق - …', 'بغداد - …')
    and whether it gives an update time ('آخر تحديث: …') rather than the publication."""

    value: str
    prefix: str | None = None
    update: bool = False


def dateline_value(line: str, folded: str | None = None) -> str | None:
    """ISO value when `line` is a dateline (a date, maybe a time and zone, and only filler words)."""
    found = read_dateline(line, folded, prefix=False)
    return found.value if found else None


def read_dateline(line: str, folded: str | None = None, prefix: bool = True) -> Dateline | None:
    """The dateline `line` is, if any: a date with only filler words around it, or (with `prefix`)
    a short name and a separator before such a date ('صحيفة الخليج الجديد - السبت 8/3/2025').
    In a line with both a publication and an update time, the publication wins."""
    if len(line) > 140 or not any(c.isdigit() for c in line):
        return None
    s = folded if folded is not None else normalize(line)
    extra = _extra_words(s)
    if extra is None:
        return None
    value, update = extra[1], extra[2]
    if len(extra[0]) <= 1:
        return Dateline(value, None, update)
    if not prefix:
        return None
    m = _PREFIX.match(line)
    if m is None or m.group("prefix").count(" ") > 5:
        return None
    rest = _extra_words(normalize(m.group("rest")))
    if rest is None or rest[0]:
        return None
    return Dateline(rest[1], m.group("prefix").strip(), rest[2])


def _extra_words(s: str) -> tuple[list[str], str, bool] | None:
    """(words that are not dateline filler, ISO value, is an update time) for folded `s`."""
    found = find_date(s, folded=True)
    if found is None:
        return None
    chars = list(s)
    for a, b in found.spans:
        chars[a:b] = " " * (b - a)
    rest = "".join(chars)
    v = _vocab()
    filler = v["filler"]
    words = _patterns()["words"].findall(rest)
    extra = [w for w in words if w not in filler]
    updated = [i for i, w in enumerate(words) if w in v["update"]]
    if not updated:
        return extra, found.value, False
    published = [i for i, w in enumerate(words) if w in v["publish"]]
    if not published:
        return extra, found.value, True
    # both: read the date in the stretch that follows the publication cue
    cue = _patterns()["publish"].search(s)
    stop = _patterns()["update"].search(s, cue.end()) if cue else None
    part = find_date(s[cue.start():stop.start() if stop else len(s)], folded=True) if cue else None
    return extra, (part.value if part else found.value), part is None
