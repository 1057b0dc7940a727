"""Real-text audit of the links between stories (a follow-up, the same topic) on a SaudiNewsNet ingest.

`draw` takes SIZE links at random (`random.Random(SEED)` over every link of the database, in
(story, other) order) from a database made by

    .venv/bin/marsad ingest ../shared/corpora/saudinewsnet --db /tmp/snn.db

and writes them with the two stories' article ids and URLs, never their text. `show` prints what a
judge needs from the database (each story's titles and the lead of its first article). A judge
reads both stories and writes a verdict:

- "follow_up": the later story is a later development of the same affair as the earlier one (the
  same people or bodies, the same incident, deal, case or campaign, days later);
- "same_topic": two different events or pieces of one kind or subject (two fires, two friendlies
  of one club, two statements on one policy), not one affair going on;
- "same_event": both stories tell the one event (the grouping should have joined them);
- "unrelated": nothing a reader would call related.

A link is right when the verdict equals its kind; `score` also counts the links that point to a
related story at all (any verdict but "unrelated"): what a reader following the link gets.

Usage (from the repository root):

    .venv/bin/python benchmarks/audits/related_audit.py draw --db /tmp/snn.db
    .venv/bin/python benchmarks/audits/related_audit.py show --db /tmp/snn.db [--from N] [--to N]
    .venv/bin/python benchmarks/audits/related_audit.py score
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
sys.path.insert(0, str(Path(__file__).resolve().parent))
from stories_audit import _load  # the same file layout: a head line, then the items

ITEMS = Path(__file__).with_name("related_audit.jsonl")
SEED = 41
SIZE = 60
VERDICTS = ("follow_up", "same_topic", "same_event", "unrelated")


def _links(store) -> list[tuple[str, str, str, float]]:
    rows = store._q("SELECT story_id, other_id, kind, score FROM story_links ORDER BY story_id, other_id")
    return [(r["story_id"], r["other_id"], r["kind"], r["score"]) for r in rows]


def draw(db: str, seed: int = SEED, size: int = SIZE) -> tuple[dict, list[dict]]:
    from marsad.store import open_store

    with open_store(db) as store:
        links = _links(store)
        picked = random.Random(seed).sample(links, min(size, len(links)))
        members = store.story_members([sid for link in picked for sid in link[:2]])
        urls = {a.id: a.url for a in store.get_articles([aid for m in members.values() for aid, _ in m])}
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                            cwd=ROOT, check=False).stdout.strip()
    head = {"commit": commit, "seed": seed, "of": len(links),
            "kinds": dict(Counter(kind for _, _, kind, _ in links))}
    items = [{"story": s, "other": o, "kind": k, "score": sc,
              "articles": {sid: [{"id": aid, "url": urls.get(aid)} for aid, _ in members.get(sid, [])]
                           for sid in (s, o)}}
             for s, o, k, sc in picked]
    return head, items


def cmd_show(args: argparse.Namespace) -> None:
    from marsad.store import open_store

    _, items = _load(args.items)
    with open_store(args.db) as store:
        for i, item in enumerate(items):
            if not args.start <= i < args.stop:
                continue
            print(f"#{i} link: story {item['story']} -> earlier story {item['other']} (score {item['score']})")
            for sid, label in ((item["other"], "EARLIER"), (item["story"], "LATER")):
                ids = [a["id"] for a in item["articles"][sid]]
                articles = sorted(store.get_articles(ids), key=lambda a: (a.published or "", a.id))
                print(f"   {label} story {sid} ({len(ids)} articles)")
                for a in articles[:6]:
                    print(f"     - [{a.outlet or ''} {(a.published or '')[:10]}] {a.title or ''}")
                if articles:
                    print(f"       lead: {' '.join(articles[0].text.split())[:300]}")
            if "verdict" in item:
                print("   verdict:", item["verdict"])


def cmd_score(path: Path = ITEMS) -> None:
    _, items = _load(path)
    judged = [i for i in items if "verdict" in i]
    by_kind: dict[str, Counter] = {}
    for item in judged:
        by_kind.setdefault(item["kind"], Counter())[item["verdict"]["relation"]] += 1
    right = sum(1 for i in judged if i["verdict"]["relation"] == i["kind"])
    related = sum(1 for i in judged if i["verdict"]["relation"] != "unrelated")
    print(f"{len(judged)} links judged: kind right {right} ({right / max(len(judged), 1):.0%}), "
          f"pointing to a related story {related} ({related / max(len(judged), 1):.0%})")
    for kind, verdicts in sorted(by_kind.items()):
        print(f"  {kind}: " + ", ".join(f"{v} {verdicts[v]}" for v in VERDICTS if verdicts[v]))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="cmd", required=True)
    draw_cmd = sub.add_parser("draw", help="write the sampled links (no verdicts)")
    draw_cmd.add_argument("--db", required=True)
    draw_cmd.add_argument("--seed", type=int, default=SEED)
    draw_cmd.add_argument("--size", type=int, default=SIZE)
    show = sub.add_parser("show", help="print the two stories of each sampled link")
    show.add_argument("--db", required=True)
    show.add_argument("--from", dest="start", type=int, default=0)
    show.add_argument("--to", dest="stop", type=int, default=10 ** 9)
    sub.add_parser("score", help="how many links are of the kind judged")
    for command in sub.choices.values():
        command.add_argument("--items", type=Path, default=ITEMS)
    args = parser.parse_args(argv)
    if args.cmd == "draw":
        head, items = draw(args.db, args.seed, args.size)
        args.items.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in [head, *items]), "utf-8")
        print(f"wrote {len(items)} links of {head['of']} to {args.items}")
    elif args.cmd == "show":
        cmd_show(args)
    else:
        cmd_score(args.items)


if __name__ == "__main__":
    main()
