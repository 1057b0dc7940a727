"""The synthetic corpus generator of the scale benchmark (benchmarks/synth.py): the same seed gives
the same bytes, what it says it planted is in the articles, and marsad ingests every article."""
from __future__ import annotations

import importlib.util
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

import pytest

from marsad.ingest import read_paths
from marsad.runner import ingest_items
from marsad.store import open_store

SYNTH = Path(__file__).resolve().parents[2] / "benchmarks" / "synth.py"


@pytest.fixture(scope="module")
def synth():
    spec = importlib.util.spec_from_file_location("marsad_bench_synth", SYNTH)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def corpus(synth, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("synth") / "c"
    synth.write_corpus(out, 400, seed=11, per_day=100, part_size=150)
    return out


def rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


def articles_of(corpus: Path) -> list[dict]:
    return [a for part in sorted((corpus / "articles").glob("part-*.jsonl")) for a in rows(part)]


def test_same_seed_same_bytes_other_seed_other_text(synth, corpus, tmp_path):
    synth.write_corpus(tmp_path / "again", 400, seed=11, per_day=100, part_size=150)
    synth.write_corpus(tmp_path / "other", 400, seed=12, per_day=100, part_size=150)
    for name in ("part-00000.jsonl", "part-00001.jsonl", "part-00002.jsonl"):
        assert (corpus / "articles" / name).read_bytes() == (tmp_path / "again" / "articles" / name).read_bytes()
    assert (corpus / "truth.jsonl").read_bytes() == (tmp_path / "again" / "truth.jsonl").read_bytes()
    assert articles_of(corpus)[0]["content"] != articles_of(tmp_path / "other")[0]["content"]


def test_exact_count_in_parts_and_article_length(corpus):
    articles = articles_of(corpus)
    assert len(articles) == 400 and len(list((corpus / "articles").glob("part-*.jsonl"))) == 3
    assert len({a["url"] for a in articles}) == 400
    lengths = [len(a["content"].split()) for a in articles]
    assert min(lengths) >= 150 and max(lengths) <= 520
    assert json.loads((corpus / "synth.json").read_text("utf-8"))["articles"] == 400


def test_planted_copies_stories_and_disagreements_are_in_the_text(corpus):
    articles = {a["url"]: a for a in articles_of(corpus)}
    truth = rows(corpus / "truth.jsonl")
    copies = [t for t in truth if t["copy_of"]]
    assert copies
    for t in copies:   # word for word, another outlet, later
        copy, original = articles[t["url"]], articles[t["copy_of"]]
        assert copy["content"] == original["content"] and copy["outlet"] != original["outlet"]
        assert copy["published"] > original["published"]

    tellers = defaultdict(list)
    for t in truth:
        if not t["copy_of"]:
            tellers[t["event"]].append(t)
    stories = [ts for ts in tellers.values() if len(ts) > 1]
    assert len(stories) > 20
    for ts in stories:   # one event, several outlets, each with its own wording
        told = [articles[t["url"]] for t in ts]
        assert len({a["outlet"] for a in told}) == len(told)
        assert len({a["content"] for a in told}) == len(told)

    disagreeing = [t for ts in stories for t in ts if t["disagrees"]]
    assert disagreeing
    for t in disagreeing:
        others = {o["numbers"]["n1"] for o in tellers[t["event"]] if not o["disagrees"]}
        assert t["numbers"]["n1"] not in others
        text = articles[t["url"]]["title"] + articles[t["url"]]["content"]
        digits = text.translate(str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789"))
        assert str(t["numbers"]["n1"]) in re.findall(r"\d+", digits)   # every lead names n1


def test_zipf_queries_repeat_frequent_terms_and_reach_rare_ones(synth):
    queries = synth.zipf_queries(300, seed=3)
    assert queries == synth.zipf_queries(300, seed=3) and len(queries) == 300
    counts = sorted((queries.count(q) for q in set(queries)), reverse=True)
    assert counts[0] >= 5 and counts.count(1) >= 50


def test_marsad_ingests_every_synthetic_article(corpus, tmp_path):
    part = corpus / "articles" / "part-00002.jsonl"   # 100 articles
    with open_store(str(tmp_path / "synth.db")) as store:
        done = ingest_items(read_paths([str(part)]), store, workers=1)
        assert (done.ingested, len(done.skipped)) == (100, 0)
        assert store.count() == 100
