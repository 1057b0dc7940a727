"""Odd but real input must never crash analysis (a crash turns an article into a skip)."""
import pytest

from marsad import analyze


@pytest.mark.parametrize("text", [
    "قال مصدر ـــ مطلع إن خمسة أشخاص أصيبوا",          # tatweel-only word after an anonymous source
    "ـــــ", "«»", "\"\"", "قال:", "نقلا عن", "،،، ...", "٪٪ 5٪", "\u202e\u2066", "وفقا لـ",
])
def test_analysis_survives_degenerate_text(text):
    result = analyze(text, published="2025-03-01")
    for span in result.entities + result.quantities + result.dates:
        assert text[span.start:span.end] == span.text
