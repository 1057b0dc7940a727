"""Build the held-out jsonl files from the hand-written markup sources in this folder.

Offsets are computed here from the markup (never typed by hand) and every span is checked
against the text it came from.  Run:  .venv/bin/python tests/heldout/src/build.py
"""
from __future__ import annotations

import datetime as dt
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE.parent

TAGS = {"P": "PER", "O": "ORG", "L": "LOC"}


def _lines(name: str) -> list[str]:
    out = []
    for line in (HERE / name).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.append(line)
    return out


def _parse(line: str, pattern: re.Pattern) -> tuple[str, list[tuple[int, int, str, str]]]:
    """Strip markup; return plain text and (start, end, surface, spec) per marked span."""
    text, spans, pos = [], [], 0
    cur = 0
    for m in pattern.finditer(line):
        text.append(line[pos:m.start()])
        cur += m.start() - pos
        surface, spec = m.group("s"), m.group("spec")
        spans.append((cur, cur + len(surface), surface, spec))
        text.append(surface)
        cur += len(surface)
        pos = m.end()
    text.append(line[pos:])
    plain = "".join(text)
    for s, e, surf, _ in spans:
        assert plain[s:e] == surf, (plain, surf)
    assert "{" not in plain and "}" not in plain, plain
    return plain, spans


# ---------------------------------------------------------------- NER
NER_RE = re.compile(r"\{(?P<spec>[POL]):(?P<s>[^{}]+)\}")


def build_ner() -> list[dict]:
    rows = []
    for line in _lines("ner.txt"):
        text, spans = _parse(line, NER_RE)
        rows.append({"text": text, "entities": [
            {"start": s, "end": e, "text": surf, "type": TAGS[spec]} for s, e, surf, spec in spans]})
    return rows


# ---------------------------------------------------------------- numbers
# [[surface|spec]]  spec: =V exact, ~V approx, >V more_than, <V less_than, >=V at_least,
# <=V at_most, A..B range, ? vague.   A line starting with "!" is a non-quantity sentence.
Q_RE = re.compile(r"\[\[(?P<s>[^\[\]|]+)\|(?P<spec>[^\[\]]+)\]\]")


def _num(x: str):
    v = float(x)
    return int(v) if v.is_integer() else v


def _qspec(spec: str) -> dict:
    spec = spec.strip()
    if spec == "?":
        return {"value": None, "low": None, "high": None, "qualifier": "vague"}
    if ".." in spec:
        a, b = spec.split("..")
        return {"value": None, "low": _num(a), "high": _num(b), "qualifier": "range"}
    for prefix, q in ((">=", "at_least"), ("<=", "at_most"), ("=", "exact"), ("~", "approx"),
                      (">", "more_than"), ("<", "less_than")):
        if spec.startswith(prefix):
            return {"value": _num(spec[len(prefix):]), "low": None, "high": None, "qualifier": q}
    raise ValueError(spec)


def build_numbers() -> list[dict]:
    rows = []
    for line in _lines("numbers.txt"):
        kind = "quantity"
        if line.startswith("!"):
            kind, line = "non_quantity", line[1:].strip()
        text, spans = _parse(line, Q_RE)
        qs = []
        for s, e, surf, spec in spans:
            qs.append({"text": surf, **_qspec(spec), "start": s, "end": e})
        rows.append({"text": text, "kind": kind, "quantities": qs})
    return rows


# ---------------------------------------------------------------- dates
# Each line: PUBLISHED :: sentence, PUBLISHED is an ISO date or "-".
# Date markup: [[surface|VALUE]] or [[surface|VALUE|END]]; VALUE may be a literal ISO value,
# "null", or a rule applied to PUBLISHED:
#   @yesterday  @tomorrow  @today  @ago:N (days)  @last:DOW (strictly before)  @dow:DOW (on or before)
#   @lastmonth  @lastyear  @thisyear  @lastweek  @dm:MM-DD (on/before)  @dmpast:MM-DD (strictly before)
#   @next:DOW (strictly after)  @nextmonth  @nextyear  @nextweek  @thisweek  @monthsago:N  @yearsago:N  @dmnext:MM-DD
#   @hijri:Y-M-D
D_RE = re.compile(r"\[\[(?P<s>[^\[\]|]+)\|(?P<spec>[^\[\]]+)\]\]")
DOW = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}


def _resolve(spec: str, pub: dt.date | None) -> str | None:
    if spec == "null":
        return None
    if not spec.startswith("@"):
        return spec
    name, _, arg = spec[1:].partition(":")
    if name == "hijri":
        from hijridate import Hijri
        y, m, d = (int(x) for x in arg.split("-"))
        return Hijri(y, m, d).to_gregorian().isoformat()
    if name == "dm" and pub is None:
        return "--" + arg
    assert pub is not None, spec
    if name == "today":
        return pub.isoformat()
    if name == "yesterday":
        return (pub - dt.timedelta(days=1)).isoformat()
    if name == "tomorrow":
        return (pub + dt.timedelta(days=1)).isoformat()
    if name == "ago":
        return (pub - dt.timedelta(days=int(arg))).isoformat()
    if name == "in":
        return (pub + dt.timedelta(days=int(arg))).isoformat()
    if name in ("last", "dow"):
        target = DOW[arg]
        d = pub - dt.timedelta(days=1) if name == "last" else pub
        while d.weekday() != target:
            d -= dt.timedelta(days=1)
        return d.isoformat()
    if name == "lastmonth":
        first = pub.replace(day=1) - dt.timedelta(days=1)
        return f"{first.year:04d}-{first.month:02d}"
    if name == "thismonth":
        return f"{pub.year:04d}-{pub.month:02d}"
    if name == "lastyear":
        return f"{pub.year - 1:04d}"
    if name == "thisyear":
        return f"{pub.year:04d}"
    if name == "lastweek":
        y, w, _ = (pub - dt.timedelta(days=7)).isocalendar()
        return f"{y:04d}-W{w:02d}"
    if name == "next":
        target = DOW[arg]
        d = pub + dt.timedelta(days=1)
        while d.weekday() != target:
            d += dt.timedelta(days=1)
        return d.isoformat()
    if name == "nextmonth":
        nxt = (pub.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        return f"{nxt.year:04d}-{nxt.month:02d}"
    if name == "nextyear":
        return f"{pub.year + 1:04d}"
    if name == "nextweek":
        y, w, _ = (pub + dt.timedelta(days=7)).isocalendar()
        return f"{y:04d}-W{w:02d}"
    if name == "thisweek":
        y, w, _ = pub.isocalendar()
        return f"{y:04d}-W{w:02d}"
    if name == "monthsago":
        y, m = pub.year, pub.month - int(arg)
        while m < 1:
            y, m = y - 1, m + 12
        return f"{y:04d}-{m:02d}"
    if name == "yearsago":
        return f"{pub.year - int(arg):04d}"
    if name == "dmnext":
        m, d = (int(x) for x in arg.split("-"))
        cand = dt.date(pub.year, m, d)
        if cand <= pub:
            cand = dt.date(pub.year + 1, m, d)
        return cand.isoformat()
    if name in ("dm", "dmpast"):
        m, d = (int(x) for x in arg.split("-"))
        y = pub.year
        cand = dt.date(y, m, d)
        if cand > pub or (name == "dmpast" and cand == pub):
            cand = dt.date(y - 1, m, d)
        return cand.isoformat()
    raise ValueError(spec)


def build_dates() -> list[dict]:
    rows = []
    for line in _lines("dates.txt"):
        pub_s, _, sent = line.partition("::")
        pub_s = pub_s.strip()
        pub = None if pub_s == "-" else dt.date.fromisoformat(pub_s)
        text, spans = _parse(sent.strip(), D_RE)
        ds = []
        for s, e, surf, spec in spans:
            parts = spec.split("|")
            item = {"text": surf, "value": _resolve(parts[0], pub), "start": s, "end": e}
            if len(parts) > 1:
                item["end_value"] = _resolve(parts[1], pub)
            ds.append(item)
        rows.append({"text": text, "published": pub.isoformat() if pub else None, "dates": ds})
    return rows


def _write(name: str, rows: list[dict]) -> None:
    with open(OUT / name, "w", encoding="utf-8") as fh:
        fh.writelines(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
    print(f"{name}: {len(rows)} rows")


def main(argv: list[str] | None = None) -> None:
    which = set(argv or sys.argv[1:]) or {"ner", "numbers", "dates"}
    if "ner" in which:
        _write("ner.jsonl", build_ner())
    if "numbers" in which and (HERE / "numbers.txt").exists():
        _write("numbers.jsonl", build_numbers())
    if "dates" in which and (HERE / "dates.txt").exists():
        _write("dates.jsonl", build_dates())





# ---------------------------------------------------------------- attribution
QUOTE_RE = re.compile(r"«([^»]+)»|\"([^\"]+)\"")


def build_attribution() -> list[dict]:
    sys.path.insert(0, str(HERE))
    from attribution import P
    rows = []
    for text, chain, speakers in P:
        quotes = [m.group(1) or m.group(2) for m in QUOTE_RE.finditer(text)]
        assert len(quotes) == len(speakers), (text, quotes, speakers)
        rows.append({"text": text, "chain": chain, "quotes": [
            {"quote_starts": " ".join(q.split()[:3]), "speaker": sp} for q, sp in zip(quotes, speakers)]})
    return rows


def build_same_story() -> list[dict]:
    sys.path.insert(0, str(HERE))
    from same_story import PAIRS
    return [{"a": a, "b": b, "same": same, "a_published": ap, "b_published": bp}
            for a, ap, b, bp, same in PAIRS]


def build_all() -> None:
    _write("ner.jsonl", build_ner())
    _write("numbers.jsonl", build_numbers())
    _write("dates.jsonl", build_dates())
    _write("attribution.jsonl", build_attribution())
    _write("same_story.jsonl", build_same_story())


if __name__ == "__main__":
    build_all()
