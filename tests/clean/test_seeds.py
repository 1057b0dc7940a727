"""The five shared samples against their hand annotation (skipped when ../shared is absent)."""
from marsad.clean import clean
from marsad.ingest import read_paths
from marsad.model import Skip


def cleaned(shared_dir):
    items = [i for i in read_paths([shared_dir / "samples" / "seeds"]) if not isinstance(i, Skip)]
    return {a.id: a for a in map(clean, items)}


def test_every_seed_line_has_its_gold_kind(shared_dir, seeds_gold):
    articles = cleaned(shared_dir)
    assert set(articles) == set(seeds_gold["docs"])
    for doc_id, gold in seeds_gold["docs"].items():
        expected = {n: kind for kind, numbers in gold["lines"].items() for n in numbers}
        got = {line.n: line.kind for line in articles[doc_id].lines}
        wrong = {n: (expected.get(n, "blank"), kind) for n, kind in got.items() if kind != expected.get(n, "blank")}
        assert not wrong, (doc_id, wrong)


def test_seed_metadata_matches_gold(shared_dir, seeds_gold):
    articles = cleaned(shared_dir)
    for doc_id, gold in seeds_gold["docs"].items():
        assert articles[doc_id].published == gold["published"]
        if gold.get("author"):
            assert articles[doc_id].authors == [gold["author"]]
    assert articles["000_47f195348861b221"].outlet == "الحل نت"
    assert all(a.outlet is None for i, a in articles.items() if i != "000_47f195348861b221")


def test_seed_text_is_the_body_lines_joined(shared_dir, seeds_gold):
    for doc_id, article in cleaned(shared_dir).items():
        body = [line.text for line in article.lines if line.kind == "body"]
        assert article.text == "\n\n".join(body)
        assert len(body) == len(seeds_gold["docs"][doc_id]["lines"]["body"])
