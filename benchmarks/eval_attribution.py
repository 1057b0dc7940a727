"""Evaluate attribution chains and quote speakers, and time them.

    .venv/bin/python benchmarks/eval_attribution.py [--shared ../shared] [--no-entities]

1. Our annotated set (tests/extract/data/attribution_eval.jsonl): per sentence or short passage,
   the expected per-phrase chains and quote speakers. Names compare loosely (folded, with outlet
   head nouns dropped, either containing the other) so the set holds whatever canonical spelling
   the entity tables choose.
2. The five seeds (../shared/samples/seeds.gold.json): article-level chain and every quote's
   speaker, with English gold names mapped through the `en` fields of the entity tables.
3. Speed of attribution + quotes on SaudiNewsNet article bodies (../shared/corpora).
"""
from __future__ import annotations

import argparse
import json
import sys
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from marsad.extract.attribution import find_attributions
from marsad.extract.quotes import find_quotes
from marsad.extract.speech import merge_key
from marsad.text.normalize import normalize

# Gold names of anonymous sources in the seeds: English label -> Arabic phrases we accept.
ANONYMOUS_EN = {
    "intelligence officials": ["مسؤولي استخبارات", "مسؤولو استخبارات", "مسؤولين استخبارات"],
    "Syrian military source": ["مصدر عسكري سوري"],
}
# People the entity tables do not list (their canonical is the surface name).
PEOPLE_EN = {"Nathan Sales": ["ناثان سيلز"], "Hans-Georg Maassen": ["هانز جورج ماسن", "هانز-جورج ماسن"]}


def entity_finder(use: bool):
    if not use:
        return lambda text: []
    try:
        from marsad.extract.entities import find_entities
        find_entities("اختبار")
        return find_entities
    except NotImplementedError:
        return lambda text: []


def same(a: str | None, b: str | None) -> bool:
    if a is None or b is None:
        return a is b
    x, y = merge_key(a)[4:], merge_key(b)[4:]
    return x == y or (min(len(x), len(y)) >= 3 and (x in y or y in x))


def eval_set(find) -> dict:
    path = ROOT / "tests/extract/data/attribution_eval.jsonl"
    n_chain = ok_chain = n_q = ok_q = 0
    misses = []
    for line in path.read_text("utf-8").splitlines():
        if not line.strip():
            continue
        item = json.loads(line)
        ents = find(item["text"])
        atts, _ = find_attributions(item["text"], ents)
        got = [a.chain for a in atts[1:] if a.text and a.chain]
        for want in item.get("chains", []):
            n_chain += 1
            if any(len(g) == len(want) and all(same(x, y) for x, y in zip(g, want)) for g in got):
                ok_chain += 1
            else:
                misses.append(("chain", item["text"][:70], want, got))
        if "quotes" in item:
            quotes = find_quotes(item["text"], ents)
            for want in item["quotes"]:
                n_q += 1
                q = next((q for q in quotes if q.text.startswith(want["starts"])), None)
                if q is not None and same(q.speaker, want["speaker"]):
                    ok_q += 1
                else:
                    misses.append(("quote", item["text"][:70], want, q and (q.speaker, q.text[:30])))
    return {"chains": f"{ok_chain}/{n_chain}", "quotes": f"{ok_q}/{n_q}", "misses": misses}


def en_names() -> dict[str, list[str]]:
    names: dict[str, list[str]] = {k: list(v) for k, v in {**ANONYMOUS_EN, **PEOPLE_EN}.items()}
    folder = ROOT / "src/marsad/extract/data/entities"
    for path in folder.glob("*.json"):
        for item in json.loads(path.read_text("utf-8")):
            if isinstance(item, dict) and "en" in item:
                names.setdefault(item["en"], []).extend([item["canonical"], *item.get("aliases", [])])
    return names


def matches_en(arabic: str | None, english: str | None, names: dict[str, list[str]]) -> bool:
    if arabic is None or english is None:
        return arabic is english
    return any(normalize(arabic) == normalize(x) or same(arabic, x) for x in names.get(english, []))


def eval_seeds(shared: Path, find) -> dict:
    gold = json.loads((shared / "samples/seeds.gold.json").read_text("utf-8"))
    names = en_names()
    chains_ok = quotes_ok = quotes_n = 0
    report = []
    for doc_id, doc in gold["docs"].items():
        lines = (shared / "samples/seeds" / f"{doc_id}.txt").read_text("utf-8").split("\n")
        body = "\n\n".join(lines[i - 1] for i in doc["lines"]["body"])
        ents = find(body)
        atts, sources = find_attributions(body, ents)
        chain = atts[0].chain if atts else []
        want = doc["attribution_chain"]
        ok = len(chain) == len(want) and all(matches_en(a, e, names) for a, e in zip(chain, want))
        chains_ok += ok
        quotes = find_quotes(body, ents)
        for gq in doc["quotes"]:
            quotes_n += 1
            q = next((q for q in quotes if q.text.startswith(gq["starts"][:15])), None)
            good = q is not None and matches_en(q.speaker, gq["speaker"], names)
            quotes_ok += good
            if not good:
                report.append((doc_id, "quote", gq, q and q.speaker))
        if not ok:
            report.append((doc_id, "chain", want, chain))
        report.append((doc_id, "sources", sources))
    return {"chains": f"{chains_ok}/{len(gold['docs'])}", "quotes": f"{quotes_ok}/{quotes_n}", "report": report}


def speed(shared: Path, find, limit: int = 2000) -> dict:
    texts = []
    for path in sorted((shared / "corpora/saudinewsnet").glob("*.zip")):
        with zipfile.ZipFile(path) as zf:
            for name in zf.namelist():
                data = json.loads(zf.read(name).decode("utf-8"))
                for item in data if isinstance(data, list) else [data]:
                    if item.get("content"):
                        texts.append(item["content"])
        if len(texts) >= limit:
            break
    texts = texts[:limit]
    ents = [find(t) for t in texts]
    words = sum(len(t.split()) for t in texts)
    t0 = time.perf_counter()
    n_att = n_q = 0
    for text, en in zip(texts, ents):
        n_att += len(find_attributions(text, en)[0])
        n_q += len(find_quotes(text, en))
    dt = time.perf_counter() - t0
    return {"articles": len(texts), "mean_words": round(words / max(1, len(texts))),
            "ms_per_article": round(1000 * dt / max(1, len(texts)), 3),
            "ms_per_400_words": round(1000 * dt / max(1, words) * 400, 3),
            "attributions": n_att, "quotes": n_q}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--no-entities", action="store_true")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    find = entity_finder(not args.no_entities)
    result = eval_set(find)
    print("annotated set  chains", result["chains"], " quote speakers", result["quotes"])
    if args.verbose:
        for miss in result["misses"]:
            print("   miss", miss)
    if (args.shared / "samples/seeds.gold.json").exists():
        seeds = eval_seeds(args.shared, find)
        print("seeds          article chains", seeds["chains"], " quote speakers", seeds["quotes"])
        if args.verbose:
            for row in seeds["report"]:
                print("   ", row)
    if (args.shared / "corpora/saudinewsnet").is_dir():
        print("speed         ", speed(args.shared, find))


if __name__ == "__main__":
    main()
