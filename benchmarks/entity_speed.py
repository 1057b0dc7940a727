"""Entity stage speed, and a check that a faster entity stage gives the same output.

    .venv/bin/python benchmarks/entity_speed.py [--limit 2000] [--seed 15] [--check FILE] [--save FILE]
    .venv/bin/python benchmarks/entity_speed.py --profile entities|analyze [--top 30]
    .venv/bin/python benchmarks/entity_speed.py --corpus entities|analyze   # every article once, in one process
    PYTHONPATH=/tmp/ref/src .venv/bin/python benchmarks/entity_speed.py --save before.json

A seeded draw of SaudiNewsNet records, cleaned as `marsad ingest` cleans them (`marsad.clean`),
in one process. Prints the CPU time (time.process_time: the machine is shared, wall time is
noisy) of `find_entities` per article on a first pass (every per-word cache cold) and a second
pass (warm), the articles/s of the whole `analyze` (cold: a fresh process would be cold for its
first articles, so analyze runs on a second seeded draw the entity passes did not see, then again
warm), and a SHA-256 of the serialised entities, of the serialised analyses and of the tagger's
emission scores. `--save` writes the hashes; `--check FILE` compares with a saved run and exits 1
when any hash differs, which is how a speed change proves it left the output alone (save from the
code before the change, e.g. from a `git worktree` of HEAD put first on PYTHONPATH). Skips (exit
0) without the corpus.
"""
from __future__ import annotations

import argparse
import cProfile
import hashlib
import json
import os
import pstats
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("MARSAD_SHARED", ROOT.parent / "shared"))
CORPUS = SHARED / "corpora" / "saudinewsnet"
Item = tuple[str, str | None, str | None]      # (cleaned text, published, outlet)


def load(limit: int, seed: int | None, skip: int = 0) -> list[Item]:
    """`limit` cleaned non-empty bodies of a seeded draw of all records (after the first `skip` of the draw)."""
    from marsad.clean import clean
    from marsad.ingest import read_paths
    from marsad.model import RawArticle

    raws = [r for r in read_paths(sorted(CORPUS.glob("*.zip"))) if isinstance(r, RawArticle)]
    if seed is not None:                   # None: the corpus's own order, day by day
        random.Random(seed).shuffle(raws)
    items: list[Item] = []
    for raw in raws[skip:]:
        article = clean(raw)
        if article.text.strip():
            items.append((article.text, article.published, article.outlet))
        if len(items) >= limit:
            break
    return items


def _digest(records: list) -> str:
    """SHA-256 over one JSON line per article (sorted keys, so field order does not count)."""
    h = hashlib.sha256()
    for record in records:
        h.update(json.dumps(record, ensure_ascii=False, sort_keys=True).encode())
        h.update(b"\n")
    return h.hexdigest()


def entity_pass(items: list[Item]) -> tuple[float, list]:
    """CPU seconds of find_entities over the items, and the entities as dicts."""
    from marsad.extract.entities import find_entities

    clock = time.process_time
    spent, out = 0.0, []
    for text, _, _ in items:
        t0 = clock()
        found = find_entities(text)
        spent += clock() - t0
        out.append([e.to_dict() for e in found])
    return spent, out


def analyze_pass(items: list[Item]) -> tuple[float, list]:
    """CPU seconds of analyze over the items, and the analyses as dicts."""
    from marsad.extract import analyze

    clock = time.process_time
    spent, out = 0.0, []
    for text, published, outlet in items:
        t0 = clock()
        result = analyze(text, published, outlet)
        spent += clock() - t0
        out.append(result.to_dict())
    return spent, out


def emission_digest(items: list[Item]) -> str:
    """SHA-256 over the tagger's emission scores of every article, byte for byte: the scores
    themselves must not move, not only the names Viterbi picks from them."""
    from marsad.extract.entities import rule_mentions
    from marsad.extract.entity_doc import Doc
    from marsad.extract.tagger import load_model, rule_tags

    scorer, h = load_model(), hashlib.sha256()
    for text, _, _ in items:
        doc = Doc(text)
        rule_mentions(doc)
        h.update(scorer.emissions(doc, rule_tags(doc)).tobytes())
    return h.hexdigest()


def measure(limit: int, seed: int) -> dict:
    """Cold and warm entity passes over one draw, cold and warm analyze passes over the next one."""
    items = load(limit, seed)
    rest = load(limit, seed, skip=limit * 2)        # past the first draw's empties: other articles
    from marsad.extract.entities import find_entities

    t0 = time.process_time()
    find_entities("قال وزير الخارجية عادل الجبير")   # model and tables loaded outside the timing
    load_s = time.process_time() - t0
    cold, entities = entity_pass(items)
    warm, again = entity_pass(items)
    a_cold, analyses = analyze_pass(rest)
    a_warm, analyses_again = analyze_pass(rest)
    return {
        "articles": len(items), "seed": seed, "load_s": round(load_s, 2),
        "entities_ms_cold": round(cold / len(items) * 1000, 3),
        "entities_ms_warm": round(warm / len(items) * 1000, 3),
        "analyze_per_s_cold": round(len(rest) / a_cold, 1),
        "analyze_per_s_warm": round(len(rest) / a_warm, 1),
        "entities_sha256": _digest(entities),
        "entities_warm_same": entities == again,
        "analysis_sha256": _digest(analyses),
        "analysis_warm_same": analyses == analyses_again,
        "emissions_sha256": emission_digest(items),      # a fresh scorer: cold caches
        "load": os.getloadavg()[0],
    }


def profile(what: str, limit: int, seed: int, top: int) -> None:
    """cProfile of the cold entity pass or analyze pass (cumulative, then own time)."""
    items = load(limit, seed)
    from marsad.extract.entities import find_entities

    find_entities("قال وزير الخارجية عادل الجبير")
    run = entity_pass if what == "entities" else analyze_pass
    prof = cProfile.Profile()
    prof.enable()
    run(items)
    prof.disable()
    stats = pstats.Stats(prof)
    stats.sort_stats("cumulative").print_stats(top)
    stats.sort_stats("tottime").print_stats(top)


def whole_corpus(what: str) -> dict:
    """The entity stage (or the whole analysis) over every SaudiNewsNet article, once each, in
    one fresh process, in corpus order: the average an ingest process sees, its caches warming as
    it goes (the seeded draws above are cold on purpose). The model is loaded outside the timing."""
    from marsad.extract.entities import find_entities

    items = load(10**6, None)
    find_entities("قال وزير الخارجية عادل الجبير")
    if what == "entities":
        spent, _ = entity_pass(items)
        figure = {"entities_ms": round(spent / len(items) * 1000, 3)}
    else:
        spent, _ = analyze_pass(items)
        figure = {"analyze_per_s": round(len(items) / spent, 1), "analyze_ms": round(spent / len(items) * 1000, 3)}
    return {"articles": len(items), **figure, "load": os.getloadavg()[0]}


HASHES = ("articles", "seed", "entities_sha256", "analysis_sha256", "emissions_sha256")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--save", help="write the figures and hashes to this JSON file")
    parser.add_argument("--check", help="compare the hashes with this saved JSON file")
    parser.add_argument("--profile", choices=("entities", "analyze"))
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--corpus", choices=("entities", "analyze"), help="every article once, in one process")
    args = parser.parse_args(argv)
    if not CORPUS.is_dir():
        print(f"{CORPUS} not found: skipped")
        return 0
    if args.corpus:
        print(json.dumps(whole_corpus(args.corpus), indent=1))
        return 0
    if args.profile:
        profile(args.profile, args.limit, args.seed, args.top)
        return 0
    result = measure(args.limit, args.seed)
    print(json.dumps(result, indent=1))
    if args.save:
        Path(args.save).write_text(json.dumps(result, indent=1) + "\n")
    if args.check:
        saved = json.loads(Path(args.check).read_text())
        differ = [k for k in HASHES if saved.get(k) != result[k]]
        print("same output as", args.check if not differ else f"DIFFERENT: {differ}")
        return 1 if differ or not (result["entities_warm_same"] and result["analysis_warm_same"]) else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
