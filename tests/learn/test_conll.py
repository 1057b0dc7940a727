"""conll and ner_score: reading annotated corpora and scoring spans by corpus tokens."""
from __future__ import annotations

from pathlib import Path

from marsad.learn.conll import as_text, entities, read_conll, split_tail
from marsad.learn.ner_score import score_finder, to_tokens

TINY = Path(__file__).parent / "data" / "tiny_ner.txt"


def test_reads_sentences_and_spells_the_person_tag_one_way(tmp_path):
    path = tmp_path / "c.txt"
    path.write_text("زار\tO\nخالد\tB-PERS\nعمان\tB-LOC\n\nقال O\n", encoding="utf-8")
    first, second = read_conll(path)
    assert first.tokens == ("زار", "خالد", "عمان") and first.tags == ("O", "B-PER", "B-LOC")
    assert second.tags == ("O",)


def test_the_dev_tail_is_whole_sentences_holding_at_least_the_asked_tokens():
    sentences = read_conll(TINY)
    head, tail = split_tail(sentences, 12)
    assert head + tail == sentences
    assert sum(len(s.tokens) for s in tail) >= 12 > sum(len(s.tokens) for s in tail[1:])


def test_bio_tags_become_token_ranges_and_a_stray_inside_tag_starts_a_name():
    assert list(entities(("O", "B-PER", "I-PER", "I-ORG", "O", "I-LOC"))) == [
        (1, 2, "PER"), (3, 3, "ORG"), (5, 5, "LOC")]


def test_a_name_after_a_proclitic_covers_its_whole_token():
    sentence = read_conll(TINY)[2]            # زار كريم منصور مدينة طرابلس أمس .
    text = as_text(sentence)
    start = text.index("طرابلس")
    assert to_tokens(sentence, start + 2, start + 6) == (4, 4)


def test_exact_spans_score_per_type_and_micro():
    sentences = read_conll(TINY)[:1]          # سامر حداد PER, عمان LOC

    def finder(text: str):
        return [(text.index("سامر"), text.index("حداد") + 4, "PER"), (text.index("عمان"), len(text) - 2, "ORG")]

    score = score_finder(sentences, finder)
    assert score.prf("PER") == (1.0, 1.0, 1.0)
    assert score.prf("LOC")[1] == 0.0 and score.fp["ORG"] == 1
    assert score.prf() == (0.5, 0.5, 0.5)
