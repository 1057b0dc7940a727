"""train_ner: a CRF trained on a tiny corpus written for this test, saved, loaded and used."""
from __future__ import annotations

from pathlib import Path

import pytest

from marsad.extract import tagger
from marsad.extract.entities import find_entities
from marsad.learn.conll import read_conll
from marsad.learn.train_ner import doc_labels, train

pytest.importorskip("pycrfsuite")
TINY = Path(__file__).parent / "data" / "tiny_ner.txt"


@pytest.fixture
def tiny_model(tmp_path):
    out = tmp_path / "tiny.npz"
    count = train([(read_conll(TINY), "")], out, {"max_iterations": 60})
    yield out, count
    tagger.load_model()          # back to the shipped model


def test_a_corpus_token_with_a_clitic_gives_its_tag_to_each_marsad_token():
    from marsad.extract.entity_doc import Doc
    from marsad.learn.conll import Sentence, as_text

    sentence = Sentence(("زار", "خالد_العمر", "عمان"), ("O", "B-PER", "B-LOC"))
    assert doc_labels(sentence, Doc(as_text(sentence))) == ["O", "B-PER", "I-PER", "B-LOC"]


def test_the_trained_model_is_written_loaded_and_finds_names_it_learned(tiny_model):
    out, count = tiny_model
    assert count == 6 and out.stat().st_size > 0
    tagger.load_model(out)
    found = {(e.text, e.type) for e in find_entities("وقال كريم منصور إن الوفد وصل إلى بيروت")}
    assert ("كريم منصور", "PER") in found


def test_training_twice_on_the_same_data_gives_the_same_model(tmp_path, tiny_model):
    out, _ = tiny_model
    again = tmp_path / "again.npz"
    train([(read_conll(TINY), "")], again, {"max_iterations": 60})
    assert again.read_bytes() == out.read_bytes()
