"""Real-text audit of stories and number disagreements on a SaudiNewsNet ingest, judged by hand.

Two samples, drawn with `random.Random(SEED)` from a database made by

    .venv/bin/marsad ingest ../shared/corpora/saudinewsnet --db /tmp/snn.db

- "disagreements": 100 rows drawn from every disagreement of every stored story of two or more
  articles (stories in id order, rows in report order; all of them, in drawn order, when there are
  fewer: "of" says how many there were), as the current code's
  `marsad.stories.compare.disagreements` reports them for the stored story's articles. Each is judged on the two outlets the row sets furthest apart:
  `same` (the same quantity of the same event: yes/no) and `incompatible` (the two values cannot
  both be true: yes/no). A row is right when both are yes.
- "stories": 100 stories of two or more articles. A story is pure when every article is about the
  one event of the story; the verdict names the article ids that are not.

The corpus stays outside the repository: `stories_audit.jsonl` holds ids, URLs, values and
verdicts, never article text. `show` prints what a judge needs (titles, the two sentences) from the
database. Story ids are stable for the same code and input, so the sample is tied to the commit
named in the file's first line ({"commit": ...}); re-drawing on other code gives another sample.

A later sample after changes is drawn with another seed into another file (`--seed 15 --items
benchmarks/audits/stories_audit_2.jsonl`), so that it is not the sample the changes were made after;
`--set stories` draws the stories only (issue 14: stories_audit_3.jsonl, seed 16, event anchors;
stories_audit_4.jsonl, seed 18, the final grouping with the first event day).
The disagreements alone: `--set disagreements --seed 17 --items
benchmarks/audits/stories_audit_disagreements_3.jsonl` (issue 14, aligned comparison).

Usage (from the repository root):

    .venv/bin/python benchmarks/audits/stories_audit.py draw --db /tmp/snn.db
    .venv/bin/python benchmarks/audits/stories_audit.py show --db /tmp/snn.db [--set stories|disagreements] [--from N] [--to N]
    .venv/bin/python benchmarks/audits/stories_audit.py score
    .venv/bin/python benchmarks/audits/stories_audit.py recall --db /tmp/snn.db

`recall` checks `stories_recall_disagreements.jsonl`: the disagreements earlier audits (seeds 14 and
15) judged real (same quantity of the same event, incompatible values) whose stories the current
ingest still holds, and says how many the current code reports.
"""
from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))
ITEMS = Path(__file__).with_name("stories_audit.jsonl")
SEED = 14
SIZE = 100


def _stories(store) -> list[dict]:
    rows = store.list_story_rows(limit=10 ** 9, offset=0, outlet=None, query=None, min_articles=2)
    return sorted(rows, key=lambda r: r["id"])


def draw(db: str, seed: int = SEED, only: str | None = None) -> list[dict]:
    from marsad.store import open_store

    store = open_store(db)
    rows = _stories(store)
    rng = random.Random(seed)
    members = store.story_members([r["id"] for r in rows])
    urls = {a.id: a.url for a in store.get_articles([aid for m in members.values() for aid, _ in m])}
    items: list[dict] = []
    if only in (None, "disagreements"):
        clashes = [(row, d) for row in rows for d in _disagreements(store, members.get(row["id"], []))]
        for row, d in rng.sample(clashes, min(SIZE, len(clashes))):
            items.append({"set": "disagreements", "story": row["id"], "what": d["what"], "apart": d["apart"],
                          "values": {o: d["values"][o] for o in d["apart"]},
                          "wording": {o: d["wording"][o] for o in d["apart"]}, "confidence": d["confidence"],
                          **({"basis": d["basis"]} if "basis" in d else {}), "of": len(clashes)})
    for row in (rng.sample(rows, min(SIZE, len(rows))) if only in (None, "stories") else []):
        items.append({"set": "stories", "story": row["id"], "n_articles": row["n_articles"],
                      "articles": [{"id": aid, "url": urls.get(aid)} for aid, _ in members.get(row["id"], [])]})
    return items


def _disagreements(store, members: list) -> list[dict]:
    """The story's disagreements as the current code reports them (not as stored at ingest)."""
    from marsad.stories.compare import disagreements

    return [d for d in disagreements(store.get_articles([aid for aid, _ in members])) if d.get("apart")]


def _load(path: Path = ITEMS) -> tuple[dict, list[dict]]:
    lines = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()] if path.exists() else []
    return (lines[0], lines[1:]) if lines else ({}, [])


def cmd_show(args: argparse.Namespace) -> None:
    from marsad.store import open_store
    from marsad.stories.service import get_story

    store = open_store(args.db)
    _, items = _load(args.items)
    for i, item in enumerate(items):
        if (args.set and item["set"] != args.set) or not args.start <= i < args.stop:
            continue
        story = get_story(store, item["story"])
        if story is None:
            print(f"#{i} story {item['story']} not in this database (drawn on other code?)")
            continue
        print(f"#{i} [{item['set']}] story {item['story']}: {story['title']}")
        if item["set"] == "disagreements":
            found = _disagreements(store, store.story_members([item["story"]]).get(item["story"], []))
            d = next((d for d in found if d["what"] == item["what"] and d["apart"] == item["apart"]), None)
            print(f"   counted: {item['what']}  (confidence {item['confidence']})")
            for outlet in item["apart"]:
                sentence = d["sentences"][outlet] if d else "?"
                print(f"   {outlet}: {item['wording'][outlet]} -> {item['values'][outlet]}\n      «{sentence}»")
        else:
            articles = {a.id: a for a in store.get_articles([a["id"] for a in item["articles"]])}
            for member in item["articles"]:
                a = articles.get(member["id"])
                if a is not None:
                    lead = " ".join(a.text.split())[:260]
                    print(f"   - {a.id} [{a.outlet or ''} {(a.published or '')[:10]}] {a.title or ''}\n       {lead}")
        if "verdict" in item:
            print("   verdict:", item["verdict"])


def cmd_score(path: Path = ITEMS) -> None:
    meta, items = _load(path)
    judged = [i for i in items if "verdict" in i]
    clashes = [i for i in judged if i["set"] == "disagreements"]
    stories = [i for i in judged if i["set"] == "stories"]
    print(f"sample drawn on commit {meta.get('commit', '?')}")
    if clashes:
        tally = Counter((i["verdict"]["same"], i["verdict"]["incompatible"]) for i in clashes)
        right = tally[(True, True)]
        print(f"disagreements: {len(clashes)} judged, right {right} ({right / len(clashes):.0%}); "
              f"same quantity {sum(v for (s, _), v in tally.items() if s)}, "
              f"incompatible values {sum(v for (_, c), v in tally.items() if c)}")
        if clashes and "of" in clashes[0]:
            print(f"   drawn from {clashes[0]['of']} reported disagreements")
        for basis in sorted({i["basis"] for i in clashes if "basis" in i}):
            some = [i for i in clashes if i.get("basis") == basis]
            good = sum(i["verdict"]["same"] and i["verdict"]["incompatible"] for i in some)
            print(f"   basis {basis}: {len(some)} rows, right {good} ({good / len(some):.0%})")
        for cut in (0.7, 0.8):
            sure = [i for i in clashes if i["confidence"] >= cut]
            if sure:
                good = sum(i["verdict"]["same"] and i["verdict"]["incompatible"] for i in sure)
                print(f"   confidence >= {cut}: {len(sure)} rows, right {good} ({good / len(sure):.0%})")
    if stories:
        pure = sum(not i["verdict"]["foreign"] for i in stories)
        articles = sum(len(i["articles"]) for i in stories)
        foreign = sum(len(i["verdict"]["foreign"]) for i in stories)
        print(f"stories: {len(stories)} judged, pure {pure} ({pure / len(stories):.0%}); "
              f"{foreign} of {articles} articles belong to another event")


RECALL = Path(__file__).with_name("stories_recall_disagreements.jsonl")


def cmd_recall(db: str, path: Path = RECALL) -> None:
    """How many known real disagreements (judged same quantity, incompatible values, by earlier
    audits) the current code reports for their stories: a row giving both judged values."""
    from marsad.store import open_store

    store = open_store(db)
    _, items = _load(path)
    found = 0
    for item in items:
        members = store.story_members([item["story"]]).get(item["story"], [])
        want = {json.dumps(v) for v in item["values"].values()}
        rows = _disagreements(store, members) if members else []
        hit = any(len({json.dumps(v) for v in d["values"].values()} & want) >= 2 for d in rows)
        found += hit
        print(f"{'reported' if hit else 'missed  '} {item['story']} {item['what']} {item['values']}")
    print(f"recall: {found} of {len(items)} known disagreements reported")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="cmd", required=True)
    d = sub.add_parser("draw")
    d.add_argument("--db", required=True)
    d.add_argument("--seed", type=int, default=SEED)
    d.add_argument("--set", dest="only", choices=("stories", "disagreements"),
                   help="draw only this sample (the other part of the file is left out)")
    s = sub.add_parser("show")
    s.add_argument("--db", required=True)
    s.add_argument("--set", choices=("stories", "disagreements"))
    s.add_argument("--from", dest="start", type=int, default=0)
    s.add_argument("--to", dest="stop", type=int, default=10 ** 9)
    sub.add_parser("score")
    r = sub.add_parser("recall", help="known real disagreements (stories_recall_disagreements.jsonl) reported now")
    r.add_argument("--db", required=True)
    for command in sub.choices.values():
        command.add_argument("--items", type=Path, default=ITEMS, help="the sample file")
    args = parser.parse_args(argv)
    if args.cmd == "draw":
        if not Path(args.db).exists():
            print(f"skipped: no database at {args.db} (ingest SaudiNewsNet first)")
            return
        commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True,
                                text=True, check=False).stdout.strip()
        items = draw(args.db, args.seed, args.only)
        args.items.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in [{"commit": commit}, *items]),
                         "utf-8")
        print(f"wrote {len(items)} items to {args.items}")
    elif args.cmd == "recall":
        cmd_recall(args.db, args.items if args.items != ITEMS else RECALL)
    elif args.cmd == "show":
        cmd_show(args)
    else:
        cmd_score(args.items)


if __name__ == "__main__":
    main()
