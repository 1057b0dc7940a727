"""Rescore the committed disagreement verdicts against the rows the current code reports.

`stories_audit.py score` scores a sample as it was drawn; after a change of the comparison the
rows are not the same. This computes every disagreement of every stored story of two or more
articles (as `stories_audit.py draw` does), matches each row to a committed verdict (same story,
counted thing, outlets set apart and values), and prints the precision over the judged rows, the
rows that no verdict covers (to be judged by reading both sentences: `--show` prints them) and the
judged rows that are no longer reported.

    .venv/bin/python benchmarks/audits/stories_rescore.py --db /tmp/snn_demo.db \
        --items benchmarks/audits/stories_audit_disagreements_3.jsonl \
        --items benchmarks/audits/stories_audit_disagreements_3b.jsonl [--show] [--save rows.jsonl]
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from stories_audit import _disagreements, _load, _stories


def _key(story: str | None, what: str, apart: list[str], values: dict) -> str:
    return json.dumps([story, what, sorted(apart), sorted((o, json.dumps(values[o])) for o in apart)],
                      ensure_ascii=False)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--items", type=Path, action="append", required=True,
                        help="verdict files (a row judged in several keeps the first verdict)")
    parser.add_argument("--show", action="store_true", help="print the sentences of unjudged rows")
    parser.add_argument("--save", type=Path, help="write the current rows (no text) to this file")
    args = parser.parse_args(argv)
    from marsad.store import open_store

    verdicts: dict[str, dict] = {}
    anywhere: dict[str, list[dict]] = {}     # the same row in another story: story ids change with the grouping
    for path in args.items:
        for item in _load(path)[1]:
            if item.get("set") == "disagreements" and "verdict" in item:
                verdicts.setdefault(_key(item["story"], item["what"], item["apart"], item["values"]), item)
                anywhere.setdefault(_key(None, item["what"], item["apart"], item["values"]), []).append(item)
    store = open_store(args.db)
    rows = _stories(store)
    members = store.story_members([r["id"] for r in rows])
    current = []
    for row in rows:
        for d in _disagreements(store, members.get(row["id"], [])):
            current.append((row["id"], d))
    seen: set[str] = set()
    right = judged = 0
    unjudged = []
    for story, d in current:
        key = _key(story, d["what"], d["apart"], d["values"])
        item = verdicts.get(key)
        if item is None and len(same := anywhere.get(_key(None, d["what"], d["apart"], d["values"]), [])) == 1:
            item = same[0]       # the one judged row of these outlets, thing and values, now in another story
            key = _key(item["story"], item["what"], item["apart"], item["values"])
        seen.add(key)
        if item is None:
            unjudged.append((story, d))
            continue
        judged += 1
        ok = item["verdict"]["same"] and item["verdict"]["incompatible"]
        right += ok
    print(f"{len(current)} rows now; {judged} judged, right {right}"
          f" ({right / judged:.0%})" if judged else f"{len(current)} rows now; none judged")
    print(f"{len(unjudged)} rows without a verdict")
    for story, d in unjudged:
        values = {o: d["values"][o] for o in d["apart"]}
        print(f"  NEW {story} {d['what']} {values} conf {d['confidence']} {d.get('basis')}")
        if args.show:
            for o in d["apart"]:
                print(f"      {o}: «{d['sentences'][o]}»")
    gone = [i for k, i in verdicts.items() if k not in seen]
    print(f"{len(gone)} judged rows no longer reported")
    for item in gone:
        ok = item["verdict"]["same"] and item["verdict"]["incompatible"]
        print(f"  GONE {'right' if ok else 'wrong'} {item['story']} {item['what']} {item['values']}")
    if args.save:
        args.save.write_text("".join(json.dumps({"story": s, "what": d["what"], "apart": d["apart"],
                                                 "values": {o: d["values"][o] for o in d["apart"]},
                                                 "confidence": d["confidence"], "basis": d.get("basis")},
                                                ensure_ascii=False) + "\n" for s, d in current), "utf-8")


if __name__ == "__main__":
    main()
