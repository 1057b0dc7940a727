"""Snippets: cut from the original text, highlighting exactly the words the index matched."""
from __future__ import annotations

from marsad.store.query import parse_query
from marsad.store.snippet import make_snippet


def marked(text: str, query: str, width: int = 200) -> list[str]:
    snippet, spans = make_snippet(text, parse_query(query), width)
    return [snippet[s:e] for s, e in spans]


def test_snippet_highlights_every_written_form_of_the_query_word() -> None:
    text = "أعلنت الإمارات أمس، وقالت الامارات اليوم إن الإمـــارات ستشارك، وكرّرت الإمَارَات ذلك."
    assert marked(text, "الامارات") == ["الإمارات", "الامارات", "الإمـــارات", "الإمَارَات"]


def test_snippet_matches_ta_marbuta_ya_and_digits_across_forms() -> None:
    text = "وزارة الصحة في مستشفى السلام سجلت ٢٠١٧ حالة"
    assert marked(text, "وزاره مستشفي 2017") == ["وزارة", "مستشفى", "٢٠١٧"]


def test_snippet_skips_the_word_inside_a_longer_word() -> None:
    text = "قال الوزير إن الوزيرة والوزيران ووزير المالية حضروا"
    assert marked(text, "الوزير") == ["الوزير"]


def test_snippet_prefix_search_highlights_whole_words() -> None:
    text = "قال الوزير إن الوزيرة حضرت، ورد الوزراء"
    assert marked(text, "الوزير*") == ["الوزير", "الوزيرة"]


def test_snippet_phrase_highlights_each_word_and_latin_in_any_case() -> None:
    text = "نقلت وكالة Reuters عن الدفاع المدني أن الفرق وصلت"
    assert marked(text, '"الدفاع المدني" reuters') == ["Reuters", "الدفاع", "المدني"]


def test_snippet_window_starts_near_the_first_match_of_a_long_article() -> None:
    text = "تمهيد " * 400 + "ثم ضرب زلزال المنطقة فجراً، وتبعته هزة ارتدادية بعد الزلزال بساعة. " + "ختام " * 100
    snippet, spans = make_snippet(text, parse_query("زلزال الزلزال"), width=120)
    assert snippet.startswith("…") and snippet.endswith("…") and len(snippet) < 170
    assert [snippet[s:e] for s, e in spans] == ["زلزال", "الزلزال"]


def test_snippet_without_a_body_match_shows_the_opening() -> None:
    text = "نص لا يذكر الكلمة المطلوبة في متنه أبداً"
    snippet, spans = make_snippet(text, parse_query("زلزال"), width=200)
    assert snippet == text and spans == []


def test_snippet_of_a_text_too_long_to_keep_still_finds_a_late_match() -> None:
    text = "تمهيد " * 9000 + "وأعلنت الإمارات النتائج. " + "ختام " * 50
    snippet, spans = make_snippet(text, parse_query("الامارات"), width=80)
    assert [snippet[s:e] for s, e in spans] == ["الإمارات"] and snippet.startswith("…")
