"""Recall of real number disagreements in SaudiNewsNet: pairs found and judged by hand, then scored
against a marsad database (issue 14, part 4).

Why: the earlier recall set (stories_recall_disagreements.jsonl) came from marsad's own output, so it
could only contain what marsad already reported. This finder is independent of marsad's comparison
code (it never imports marsad.stories.compare or align): it reads the raw SaudiNewsNet zips, pairs
articles of different outlets published within 3 days whose texts share rare words (TF-IDF cosine),
and keeps pairs where both state a number next to the same counted noun or role word
(disagreement_recall_roles.json) with values that differ and that neither article also states.
Candidates are judged by reading both sentences; every judged candidate, confirmed or not, is a
line of disagreement_recall.jsonl (URLs, outlets, offsets of each number in the article's
`content`, values, what is counted, verdict, note). No SaudiNewsNet text is stored: the sentences
are read from ../shared at run time.

Verdicts: real (same quantity of the same event, values that cannot both be true), same_value,
different_quantity (another quantity, a subset, or a toll one article says has risen), different_event,
hedge_ok (hedges as intervals make both compatible: "نحو 500" and "500", "أكثر من 100" and "150").

How the committed set was made: candidates of event roles (dead, injured, arrested, persons,
participants, pilgrims, visitors, students, workers, homes, age), then the top of money, tonnes
and percent, were read in rank order, both sentences and titles; every one read is recorded. The finder was refined while judging
(thousands marks, dates, several roles per pair, the age role, right-to-left decimals); its current
version proposes 506 of the 521 judged pairs exactly. There is no random sampling: candidates are
ranked by cosine plus the words shared around the two numbers, ties in a seeded order (SEED).

Rerun (about 20 s for `find` on 2 cores):
    # candidates, ranked; "(judged)" marks pairs already in the jsonl
    nice -n 5 .venv/bin/python benchmarks/audits/disagreement_recall.py find [--top 300] [--from N]
    # the judged items with their two sentences, read from ../shared at run time
    .venv/bin/python benchmarks/audits/disagreement_recall.py show [--verdict real]
    # score a marsad database (scoring only reads it; work on a copy of a shared ingest)
    cp /tmp/snn_stories.db /tmp/snn_recall.db
    nice -n 5 .venv/bin/python benchmarks/audits/disagreement_recall.py score --db /tmp/snn_recall.db

`score` says for each real case whether marsad put both articles in one story and whether the
story's disagreements (marsad.stories.compare.disagreements, recomputed by the current code) give
both values in one row (within 0.5%; marsad's values are already scaled, 40 مليار = 4e10), and sums
the misses by reason: not grouped, grouped but not compared, compared but judged agreeing.
"""
from __future__ import annotations

import argparse
import json
import random
import re
import sys
import zipfile
from collections import defaultdict
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))
CORPUS = ROOT.parent / "shared" / "corpora" / "saudinewsnet"
ITEMS = Path(__file__).with_name("disagreement_recall.jsonl")
ROLES = Path(__file__).with_name("disagreement_recall_roles.json")
SEED = 41
WINDOW_DAYS = 3
MIN_COSINE = 0.12

# one character for one character, so offsets in the normalized text are offsets in `content`
_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي",
                       **{chr(0x660 + i): str(i) for i in range(10)},
                       **{chr(0x6F0 + i): str(i) for i in range(10)},
                       "٫": ".", "٬": ",", "٪": "%",
                       **{chr(c): "ـ" for c in range(0x64B, 0x653)}, "ٰ": "ـ"})
_WORD = re.compile(r"[\u0621-\u064Aـ]+|%")
_REVERSED = re.compile(r"\.\u200f(\d+)")


class _Span:
    """A number match stitched from two pieces (see `mentions`)."""

    def __init__(self, start: int, end: int, *groups) -> None:
        self._start, self._end, self._groups = start, end, groups

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end

    def group(self, i: int):
        return self._groups[i - 1]


_NUM = re.compile(r"(?<![\w.,،/:])(\d{1,3}(?:,\d{3})+(?!,?\d)|\d+)(?:[.,](\d{1,2}(?!\d))|\.(\d+))?(?![\w/:،]|\s*/\s*\d)")


def fold(text: str) -> str:
    return text.translate(_FOLD)


def _clean(word: str) -> str:
    return word.replace("ـ", "")


def _roles() -> dict:
    data = json.loads(ROLES.read_text("utf-8"))
    after: dict[str, str] = {}
    for role, words in data["after"].items():
        for w in words:
            after.setdefault(w, role)
    trigger = {w: role for role, words in data["trigger"].items() for w in words}
    hedge = {w: kind for kind, words in data["hedges"].items() for w in words}
    return {"after": after, "trigger": trigger, "scales": data["scales"], "hedge": hedge}


_CLITICS = ("وال", "بال", "لل", "ال", "و", "ب", "ل", "ف")


def _lookup(word: str, table: dict[str, str]) -> str | None:
    if word in table:
        return table[word]
    for c in _CLITICS:
        if word.startswith(c) and word[len(c):] in table:
            return table[word[len(c):]]
    return None


def mentions(content: str, roles: dict) -> list[dict]:
    """Numbers in `content` with the counted noun or role they go with: [{start, end, value, role,
    hedge}]. Digits only: spelled-out numbers are left out (recall of the finder, not of marsad)."""
    text = fold(content)
    out = []
    skip_to = -1
    for m in _NUM.finditer(text):
        if m.start() < skip_to:
            continue
        whole = int(m.group(1).replace(",", ""))
        frac = m.group(2) or m.group(3)
        value: float = whole + (float("0." + frac) if frac else 0)
        rev = _REVERSED.match(text, m.end())
        if rev and not frac:  # "5.\u200f2 مليون" is 2.5 million typed right to left (one outlet does this)
            value = float(f"{rev.group(1)}.{m.group(1)}")
            skip_to = rev.end()
            m = _Span(m.start(), rev.end(), m.group(1), None, None)
        after = [_clean(w.group()) for w in _WORD.finditer(text, m.end(), min(len(text), m.end() + 60))][:4]
        before = [_clean(w.group()) for w in _WORD.finditer(text, max(0, m.start() - 40), m.start())][-3:]
        if 1900 <= value <= 2100 or 1400 <= value <= 1450:  # years
            continue
        i = 0
        if (re.match(r"\s*\S+\s+و\s*\d", text[m.end():m.end() + 20]) or "الموافق" in before
                or re.search(r"\S\s+و\s*$", text[max(0, m.start() - 12):m.start()]) and before and before[-1] in roles["scales"]):
            continue  # "35 ألفا و928": a compound the finder does not add up; dates
        if after and after[0] in roles["scales"]:
            value *= roles["scales"][after[0]]
            i = 1
        elif m.group(3) and len(m.group(3)) == 3:
            # "363.378 شخصا": a dot before three digits and no scale word is a thousands mark here
            value = whole * 1000 + int(m.group(3))
        role = None
        for w in after[i:i + 3]:
            role = _lookup(w, roles["after"])
            if role:
                break
        trig = next((r for w in reversed(before) if (r := _lookup(w, roles["trigger"]))), None)
        if role in (None, "persons") and trig:
            role = trig
        if role is None:
            continue
        hedge = next((h for w in before[-2:] if (h := _lookup(w, roles["hedge"]))), None)
        if "علي الاقل" in " ".join(_clean(w.group()) for w in _WORD.finditer(text, m.end(), min(len(text), m.end() + 40))):
            hedge = "more"  # "21 شخصا على الأقل": a lower bound
        near = {_clean(w.group()) for w in _WORD.finditer(text, max(0, m.start() - 80), min(len(text), m.end() + 80))}
        out.append({"start": m.start(), "end": m.end(), "value": value, "role": role, "hedge": hedge,
                    "near": {w for w in near if len(w) > 3}})
    return out


def compatible(a: dict, b: dict) -> bool:
    """Could both be true, taking hedges as intervals (نحو ±15%, أكثر من: above, أقل من: below)?"""
    def span(x: dict) -> tuple[float, float]:
        v = x["value"]
        return {"approx": (v * 0.85, v * 1.15), "more": (v, float("inf")), "less": (0.0, v)}.get(
            x["hedge"], (v * 0.995, v * 1.005))
    lo_a, hi_a = span(a)
    lo_b, hi_b = span(b)
    return lo_a <= hi_b and lo_b <= hi_a


def load_corpus(path: Path = CORPUS) -> list[dict]:
    docs = []
    for z in sorted(path.glob("*.zip")):
        with zipfile.ZipFile(z) as zf:
            for name in zf.namelist():
                for d in json.loads(zf.read(name)):
                    d["day"] = date.fromisoformat(z.stem)
                    docs.append(d)
    return docs


def sentence(content: str, start: int, end: int, width: int = 160) -> str:
    """The sentence (or a window of it) around a number, read from the corpus at run time."""
    left = max(content.rfind(c, 0, start) for c in ".\n؟!")
    right = [i for i in (content.find(c, end) for c in ".\n؟!") if i >= 0]
    lo = max(left + 1, start - width)
    hi = min(min(right) if right else len(content), end + width)
    return content[lo:start] + "[[" + content[start:end] + "]]" + content[end:hi]


def find(top: int, skip: int, seed: int, dump: str | None = None) -> list[dict]:
    from sklearn.feature_extraction.text import TfidfVectorizer

    roles = _roles()
    docs = load_corpus()
    seen_urls: set[str] = set()
    keep = []
    for d in docs:
        if d["url"] in seen_urls:
            continue
        seen_urls.add(d["url"])
        d["mentions"] = mentions(d["content"], roles)
        if d["mentions"]:
            keep.append(d)
    vec = TfidfVectorizer(analyzer=lambda t: [_clean(w) for w in _WORD.findall(fold(t)) if len(w) > 2],
                          min_df=2, max_df=0.02, sublinear_tf=True)
    x = vec.fit_transform([d["title"] + "\n" + d["content"] for d in keep]).astype("float32")
    days = [d["day"].toordinal() for d in keep]
    cands = []
    for lo in range(0, len(keep), 1000):
        sims = (x[lo:lo + 1000] @ x.T).toarray()
        for r, row in enumerate(sims):
            i = lo + r
            for j in (row > MIN_COSINE).nonzero()[0]:
                if j <= i or keep[i]["source"] == keep[j]["source"] or abs(days[i] - days[j]) > WINDOW_DAYS:
                    continue
                if row[j] > 0.9:  # agency copy run twice: same text, same numbers
                    continue
                for pair in _clash(keep[i], keep[j]):
                    # rank: text similarity plus the words the two numbers' neighbourhoods share
                    shared = len(pair[0]["near"] & pair[1]["near"])
                    cands.append((float(row[j]) + 0.05 * min(shared, 8), i, j, pair))
    rng = random.Random(seed)
    rng.shuffle(cands)  # ties keep a seeded order
    cands.sort(key=lambda c: -c[0])
    out = []
    seen = set()
    for cos, i, j, (ma, mb) in cands:
        a, b = keep[i], keep[j]
        key = (ma["role"], frozenset((ma["value"], mb["value"])), a["day"], b["day"])
        if key in seen:  # the same clash again, between other outlets or copies: judged once
            continue
        seen.add(key)
        out.append({"cos": round(cos, 3), "role": ma["role"],
                    "a": {"url": a["url"], "outlet": a["source"], "start": ma["start"], "end": ma["end"],
                          "value": ma["value"], "hedge": ma["hedge"], "title": a["title"],
                          "sentence": sentence(a["content"], ma["start"], ma["end"])},
                    "b": {"url": b["url"], "outlet": b["source"], "start": mb["start"], "end": mb["end"],
                          "value": mb["value"], "hedge": mb["hedge"], "title": b["title"],
                          "sentence": sentence(b["content"], mb["start"], mb["end"])}})
    out = out[skip:skip + top]
    if dump:
        Path(dump).write_text(json.dumps(out, ensure_ascii=False), "utf-8")
    print(f"# {len(keep)} articles with counted numbers, {len(cands)} candidate pairs", file=sys.stderr)
    return out


def _clash(a: dict, b: dict) -> list[tuple[dict, dict]]:
    """For each role both articles count, the closest pair of values that cannot both be true, where
    neither article also gives a value compatible with the other's (then the clash is likely
    another quantity of the same role)."""
    by_a = defaultdict(list)
    by_b = defaultdict(list)
    for m in a["mentions"]:
        by_a[m["role"]].append(m)
    for m in b["mentions"]:
        by_b[m["role"]].append(m)
    out = []
    for role in sorted(by_a.keys() & by_b.keys()):
        if any(compatible(x, y) for x in by_a[role] for y in by_b[role]):
            continue
        if len(by_a[role]) > 3 or len(by_b[role]) > 3:  # lists of figures: too many quantities
            continue
        out.append(max(((x, y) for x in by_a[role] for y in by_b[role]),
                       key=lambda p: len(p[0]["near"] & p[1]["near"])))
    return out


def cmd_find(args: argparse.Namespace) -> None:
    judged = {frozenset((i["a"]["url"], i["b"]["url"])) for i in _load()[1]}
    for n, c in enumerate(find(args.top, args.skip, args.seed, args.dump), start=args.skip):
        tag = " (judged)" if frozenset((c["a"]["url"], c["b"]["url"])) in judged else ""
        print(f"=== {n} cos={c['cos']} role={c['role']}{tag}")
        for k in "ab":
            s = c[k]
            print(f" {k} {s['outlet']} {s['value']:g} {s['hedge'] or ''} @{s['start']}-{s['end']} {s['url']}")
            print(f"   T: {s['title']}")
            print(f"   S: {' '.join(s['sentence'].split())}")


def _load(path: Path = ITEMS) -> tuple[dict, list[dict]]:
    if not path.exists():
        return {}, []
    lines = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    return lines[0], lines[1:]


def _by_url() -> dict[str, dict]:
    return {d["url"]: d for d in load_corpus()}


def cmd_show(args: argparse.Namespace) -> None:
    docs = _by_url()
    for n, item in enumerate(_load()[1]):
        if args.verdict and item["verdict"] != args.verdict:
            continue
        print(f"=== {n} {item['verdict']} {item['what']}: {item['note']}")
        for k in "ab":
            s = item[k]
            d = docs.get(s["url"])
            text = sentence(d["content"], s["start"], s["end"]) if d else "(not in the corpus)"
            print(f" {k} {s['outlet']} {s['value']:g}: {' '.join(text.split())}")


def _close(x: float, y: float) -> bool:
    return abs(x - y) <= 0.005 * max(abs(x), abs(y))


def _numbers(v) -> list[float]:
    if isinstance(v, (int, float)):
        return [float(v)]
    if isinstance(v, (list, tuple)):
        return [float(n) for n in v if isinstance(n, (int, float))]
    return []


def cmd_score(args: argparse.Namespace) -> None:
    from marsad.store import open_store
    from marsad.stories.compare import disagreements

    store = open_store(args.db)
    real = [i for i in _load()[1] if i["verdict"] == "real"]
    urls = {s["url"] for i in real for s in (i["a"], i["b"])}
    ids = _ids_by_url(store, urls)
    grouped = reported = 0
    misses: dict[str, list[str]] = defaultdict(list)
    for n, item in enumerate(real):
        ia, ib = ids.get(item["a"]["url"]), ids.get(item["b"]["url"])
        sa = store.story_of(ia) if ia else None
        sb = store.story_of(ib) if ib else None
        label = f"{n:2d} {item['what']} {item['a']['value']:g}/{item['b']['value']:g} ({item['note']})"
        if not (ia and ib):
            misses["article not in the database"].append(label)
            print(f"absent   {label}")
            continue
        if not (sa and sa == sb):
            misses["not grouped"].append(label)
            print(f"apart    {label}")
            continue
        grouped += 1
        members = store.story_members([sa]).get(sa, [])
        rows = disagreements(store.get_articles([aid for aid, _ in members]))
        va, vb = item["a"]["value"], item["b"]["value"]
        hit = None
        compared = False
        for d in rows:
            vals = [x for v in d.get("values", {}).values() for x in _numbers(v)]
            has_a, has_b = any(_close(v, va) for v in vals), any(_close(v, vb) for v in vals)
            compared = compared or (has_a and has_b)
            if has_a and has_b and d.get("apart"):
                hit = d
                break
        if hit:
            reported += 1
            print(f"reported {label} as {hit['what']}")
        elif compared:
            misses["compared but judged agreeing"].append(label)
            print(f"agreeing {label}")
        else:
            misses["grouped but not compared"].append(label)
            print(f"silent   {label}")
    total = len(real)
    print(f"\n{total} real disagreements: grouped together {grouped}/{total}, reported {reported}/{total}")
    reasons = ["not grouped", "grouped but not compared", "compared but judged agreeing"]
    for reason in reasons + [r for r in misses if r not in reasons]:
        items = misses.get(reason, [])
        print(f"{reason}: {len(items)}")
        for label in items:
            print(f"   {label}")


def _ids_by_url(store, urls: set[str]) -> dict[str, str]:
    """Article id of each URL: marsad keeps the URL it was given (Article.url)."""
    conn = getattr(store, "conn", None)
    if conn is not None:  # SQLite: one query per URL instead of decoding every article
        out = {}
        for url in urls:
            row = conn.execute("SELECT id FROM articles WHERE url = ?", (url,)).fetchone()
            if row:
                out[url] = row[0]
        return out
    return {a.url: a.id for a in store.iter_articles() if a.url in urls}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="cmd", required=True)
    f = sub.add_parser("find", help="candidate pairs with their two sentences")
    f.add_argument("--top", type=int, default=300)
    f.add_argument("--from", dest="skip", type=int, default=0)
    f.add_argument("--seed", type=int, default=SEED)
    f.add_argument("--dump", help="also write the candidates as JSON here (outside the repository: they hold corpus text)")
    s = sub.add_parser("show", help="the judged items with their sentences")
    s.add_argument("--verdict")
    c = sub.add_parser("score", help="how many real disagreements a marsad database reports")
    c.add_argument("--db", required=True)
    args = parser.parse_args(argv)
    {"find": cmd_find, "show": cmd_show, "score": cmd_score}[args.cmd](args)


if __name__ == "__main__":
    main()
