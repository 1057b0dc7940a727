"""Records and pages: in-body boilerplate goes to `removed`, metadata fields win over the text."""
from marsad.clean import clean
from marsad.model import RawArticle

RECORD = """\
أطلقت هيئة الطيران المدني خطة لتوسعة المطار الدولي بتكلفة تتجاوز مليار دولار.
اقرأ أيضاً:
تأجيل رحلات بسبب سوء الأحوال الجوية
وأوضح رئيس الهيئة أن أعمال التوسعة ستبدأ مطلع العام المقبل وتستمر ثلاث سنوات.
اضف تعليق
شارك على فيسبوك
وختم بالقول إن المشروع سيوفر آلاف فرص العمل.."""


def record(**fields) -> RawArticle:
    base = {"source": "day.json#1", "kind": "record", "content": RECORD, "identity": "https://www.okaz.com.sa/n/1",
            "url": "https://www.okaz.com.sa/n/1", "content_hash": "abc"}
    base.update(fields)
    return RawArticle(**base)


def test_record_boilerplate_paragraphs_are_removed_and_kept_for_review():
    article = clean(record())
    assert article.lines is None
    assert article.text.split("\n\n") == [RECORD.split("\n")[i] for i in (0, 3, 6)]
    assert article.removed == ["اقرأ أيضاً:", "تأجيل رحلات بسبب سوء الأحوال الجوية", "اضف تعليق", "شارك على فيسبوك"]
    assert article.content_hash == "abc"


def test_record_metadata_fields_come_first():
    article = clean(record(outlet="sabq", published="Tue, 21 Jul 2015 10:00:00 +0000", authors=["بواسطة : سعد الحربي"],
                           title="توسعة المطار"))
    assert article.outlet == "سبق"
    assert article.published == "2015-07-21T10:00:00+00:00"
    assert article.authors == ["سعد الحربي"]
    assert article.title == "توسعة المطار"


def test_record_outlet_falls_back_to_the_url():
    assert clean(record()).outlet == "عكاظ"


def test_a_record_that_repeats_its_title_loses_the_repeat():
    content = "توسعة المطار الدولي\n" + RECORD
    article = clean(record(content=content, title="توسعة المطار الدولي"))
    assert "توسعة المطار الدولي" in article.removed
    assert not article.text.startswith("توسعة")


def test_a_truncated_record_ending_in_an_ellipsis_keeps_its_text():
    content = "أعلنت الجامعة عن فتح باب القبول لبرامج الدراسات العليا في عشرين تخصصا جديدا هذا العام، ودعت الراغبين إلى..."
    assert clean(record(content=content)).text == content


def test_html_pages_are_cleaned_like_records():
    page = RawArticle(source="p.html", kind="html", content=RECORD, identity="/abs/p.html")
    article = clean(page)
    assert article.lines is None and "اضف تعليق" in article.removed
