"""clusters and name_stats: the word tables learned without labels, on text written for this test."""
from __future__ import annotations

import pytest

from marsad.extract.tagger_features import read_word_table
from marsad.learn.clusters import sentences_of, write_word_table
from marsad.learn.name_stats import STEPS, count_names

NEWS = ("قال وزير الخارجية إن الوفد وصل إلى عمان. وأكد الوزير أن المحادثات في بيروت كانت مثمرة. "
        "وزار رئيس الوزراء مدينة طرابلس. وأعلنت الحكومة في دمشق أن الوفد غادر إلى القاهرة. ") * 30


def test_sentences_are_folded_word_lists():
    first = next(sentences_of("وصل الوفد إلى عمّان. ثم غادر"))
    assert first == ["وصل", "الوفد", "الي", "عمان"]


def test_clusters_are_deterministic_and_round_trip(tmp_path):
    pytest.importorskip("gensim")
    pytest.importorskip("sklearn")
    from marsad.learn.clusters import learn_clusters, learn_vectors

    corpus = [s for s in sentences_of(NEWS)]
    first = learn_clusters(learn_vectors(corpus, dims=16, epochs=2), levels=(2, 4))
    second = learn_clusters(learn_vectors(corpus, dims=16, epochs=2), levels=(2, 4))
    assert first == second and "الوفد" in first and len(first["الوفد"]) == 3
    path = tmp_path / "c.tsv.gz"
    write_word_table(first, path)
    write_word_table(second, tmp_path / "d.tsv.gz")
    assert path.read_bytes() == (tmp_path / "d.tsv.gz").read_bytes()
    assert read_word_table(path)["الوفد"] == tuple(str(x) for x in first["الوفد"])


def test_name_counts_see_the_words_inside_names_the_rules_find():
    total, inside = count_names("وقال وزير الخارجية الأردني أيمن الصفدي إن عمان ترحب. وقال الصفدي للصحفيين")
    assert total["الصفدي"] == 2
    assert inside["PER"]["الصفدي"] >= 1 and inside["PER"]["قال"] == 0
    assert STEPS == 4
