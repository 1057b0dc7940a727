"""The terminal table of stories fits the terminal: titles wrap whole at 80 columns, and the
secondary columns go on a narrow terminal."""
import io

from rich.console import Console

from marsad.story_report import story_list_table

STORIES = [
    {"id": "s_0123456789ab", "title": "الدفاع المدني يسيطر على حريق ضخم في مستودع للأخشاب بالمنطقة الصناعية الثانية في جدة",
     "articles": ["a", "b", "c"], "n_articles": 3, "outlets": ["عكاظ", "المدينة"], "first_seen": "2015-07-24T10:00",
     "origin": "الدفاع المدني", "disagreements": [{"what": "قتلى"}]},
    {"id": "s_ba9876543210", "title": "ارتفاع حصيلة ضحايا السيول في محافظة حجة إلى عشرين قتيلا وأكثر من ألف أسرة نازحة",
     "articles": ["d", "e"], "n_articles": 2, "outlets": ["المشرق"], "first_seen": "2025-03-02", "origin": None,
     "disagreements": []},
]


def render(width: int) -> str:
    console = Console(width=width, record=True, file=io.StringIO())
    console.print(story_list_table(STORIES, width))
    return console.export_text()


def test_at_80_columns_every_title_word_is_shown_and_the_id_column_is_dropped():
    text = render(80)
    shown = set(text.split())
    for story in STORIES:
        assert set(story["title"].split()) <= shown, story["title"]
    assert "…" not in text and "s_0123456789ab" not in text
    assert max(len(line) for line in text.splitlines()) <= 80


def test_a_wide_terminal_shows_ids_first_seen_and_origin():
    text = render(140)
    assert "s_0123456789ab" in text and "2015-07-24" in text and "الدفاع المدني" in text
