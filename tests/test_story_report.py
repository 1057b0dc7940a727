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


def test_a_story_report_gives_each_disagreements_basis_and_its_audited_record():
    from marsad.stories.measured import measured
    from marsad.story_report import print_story

    story = {"id": "s_0123456789ab", "title": "حريق مستودع", "n_articles": 2, "report": {
        "outlets": ["عكاظ", "المدينة"],
        "disagreements": [{"what": "قتلى", "values": {"عكاظ": 3, "المدينة": 5}, "wording": {"عكاظ": "3", "المدينة": "5"},
                           "qualifiers": {"عكاظ": "exact", "المدينة": "exact"}, "basis": "leads"}]}}
    console = Console(width=200, record=True, file=io.StringIO())
    print_story(story, console)
    text = console.export_text()
    record = measured("leads")
    assert "أول رقم من نوعه في مقدمة كل مقال" in text and f"صحّ {record.right} من {record.judged}" in text
