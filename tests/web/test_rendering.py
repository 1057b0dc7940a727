"""Building blocks without a database: escaping before marking, offsets, URLs, the SVG layout."""
from __future__ import annotations

from marsad.model import Analysis, Entity, Quantity, Quote
from marsad.web.graph import layers, provenance_svg
from marsad.web.marks import mark_snippet, mark_text, spans_of
from marsad.web.render import number, query_string
from marsad.web.security import inert, safe_href


def test_snippets_are_escaped_before_matches_are_marked() -> None:
    html = mark_snippet("<b>داعش</b> & قسد", [(3, 7)])
    assert str(html) == "&lt;b&gt;<mark>داعش</mark>&lt;/b&gt; &amp; قسد"


def test_overlapping_spans_become_flat_pieces_with_every_class() -> None:
    text = "قال «داعش انسحب» أمس"
    analysis = Analysis(entities=[Entity(5, 9, "داعش", "ORG", "تنظيم الدولة", "org:isis")],
                        quotes=[Quote("داعش انسحب", None, 4, 16)])
    html = str(mark_text(text, spans_of(analysis, len(text))))
    assert '<a class="hl-ent hl-quote" href="/entity/org%3Aisis"' in html
    assert '<span class="hl-quote"' in html and html.count("داعش") == 1


def test_offsets_outside_the_text_are_ignored() -> None:
    analysis = Analysis(quantities=[Quantity("5", 5, None, None, "exact", None, 3, 99)])
    assert spans_of(analysis, 10) == []


def test_article_text_with_markup_stays_text() -> None:
    text = "<script>alert(1)</script> داعش"
    analysis = Analysis(entities=[Entity(26, 30, "داعش", "ORG", '"><img src=x onerror=1>', 'x"><svg onload=1>')])
    html = str(mark_text(text, spans_of(analysis, len(text))))
    assert "<script>" not in html and "<img" not in html and "<svg" not in html
    assert "&lt;script&gt;" in html


def test_only_http_urls_become_links() -> None:
    assert safe_href("https://news.example/a?b=1") == "https://news.example/a?b=1"
    for bad in ("javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,x", "//evil.example",
                "vbscript:x", "https://ok.example/\"><script>", None, ""):
        assert safe_href(bad) is None


def test_bidi_controls_are_removed() -> None:
    assert inert("a\u202eb\u2066c\u2069d\u202a") == "abcd"


def test_numbers_read_like_a_reporter_wrote_them() -> None:
    assert number(1500.0) == "1,500" and number([1200, 1500]) == "1,200–1,500" and number(None) == "غير محدد"


def test_query_strings_drop_empty_filters_and_a_zero_offset() -> None:
    assert query_string({"q": "حجة", "outlet": ""}, offset=0) == "?q=%D8%AD%D8%AC%D8%A9"
    assert query_string({"q": "x"}, offset=20) == "?q=x&offset=20"


def test_outlets_stand_in_the_first_layer_and_sources_beyond_their_citers() -> None:
    edges = [{"from": "A", "to": "رويترز", "count": 2}, {"from": "رويترز", "to": "مسؤول", "count": 1},
             {"from": "B", "to": "مسؤول", "count": 1}]
    assert layers(edges, ["A", "B"]) == {"A": 0, "B": 0, "رويترز": 1, "مسؤول": 2}


def test_a_cycle_does_not_hang_the_layout() -> None:
    edges = [{"from": "A", "to": "X", "count": 1}, {"from": "X", "to": "Y", "count": 1},
             {"from": "Y", "to": "X", "count": 1}]
    assert set(layers(edges, ["A"])) == {"A", "X", "Y"}
    assert "<svg" in str(provenance_svg(edges, ["A"], "X"))


def test_the_graph_escapes_names_and_highlights_the_origin() -> None:
    svg = str(provenance_svg([{"from": "<script>x</script>", "to": 'a" onload="b', "count": 3}],
                             ["<script>x</script>"], 'a" onload="b'))
    assert "<script>" not in svg and 'onload="' not in svg
    assert 'class="node origin"' in svg and 'class="node outlet"' in svg
    assert provenance_svg([], [], None) == ""
