"""Line kinds on scraped dumps we wrote ourselves: footers, teasers, related headlines, tags."""
from marsad.clean import clean
from marsad.clean.lines import classify_lines
from marsad.model import RawArticle

DUMP = """\
Array

وزير الصحة يفتتح مستشفى جديدا في مدينة الزرقاء

١٤ آذار ٢٠٢٣ - ١١:٣٠ م بتوقيت جرينيتش

كتب - سامر الخطيب
افتتح وزير الصحة صباح اليوم مستشفى حكوميا جديدا في مدينة الزرقاء بسعة مئتي سرير، بحضور عدد من المسؤولين.

وقال الوزير في كلمة خلال الافتتاح إن المستشفى سيخدم نحو نصف مليون نسمة في المدينة والقرى المحيطة بها.

اقرأ أيضاً:

ارتفاع أسعار الأدوية في الصيدليات الخاصة

وأضاف الوزير أن الوزارة تعمل على تجهيز مستشفيين آخرين في الجنوب خلال العام المقبل.

الصورة: أرشيفية

(ب ن)

شارك هذا المقال

الأكثر قراءة

انقطاع الكهرباء عن أحياء واسعة في العاصمة

شهدت أحياء عدة في العاصمة انقطاعا للتيار الكهربائي استمر لساعات طويلة، وسط شكاوى من السكان الذين...
محطة كهرباء - المصدر الانترنت

هل أعجبك المحتوى؟ اشترك بنشرتنا البريدية ليصلك كل جديد.
جميع الحقوق محفوظة لـ شبكة الأفق الإخبارية ٢٠٢٣
"""


def kinds_of(text: str) -> dict[int, str]:
    found = classify_lines(text.split("\n"))
    return {n: k for n, k in enumerate(found.kinds, 1)}


def test_every_line_of_a_dump_gets_its_kind():
    kinds = kinds_of(DUMP)
    assert kinds[1] == "boilerplate"                  # Array
    assert kinds[3] == "title"
    assert kinds[5] == "dateline"
    assert kinds[7] == "byline"
    assert [kinds[n] for n in (8, 10, 16)] == ["body"] * 3
    assert kinds[12] == kinds[14] == "boilerplate"    # read-also marker and its headline
    assert all(kinds[n] == "boilerplate" for n in range(18, 33) if DUMP.split("\n")[n - 1].strip())
    assert kinds[2] == kinds[4] == "blank"


def test_dump_metadata_comes_from_dateline_byline_and_footer():
    article = clean(RawArticle(source="x/dump.txt", kind="text", content=DUMP, identity="x/dump.txt"))
    assert article.published == "2023-03-14T23:30:00+00:00"
    assert article.authors == ["سامر الخطيب"]
    assert article.title == "وزير الصحة يفتتح مستشفى جديدا في مدينة الزرقاء"
    assert article.outlet == "الأفق"
    assert article.text.startswith("افتتح وزير الصحة") and article.text.endswith("العام المقبل.")
    assert article.text.count("\n\n") == 2
    assert "الصورة: أرشيفية" in article.removed and "(ب ن)" in article.removed
    assert len(article.lines) == len(DUMP.split("\n")) - 1


def test_a_long_first_paragraph_is_body_not_title():
    text = ("أعلنت وزارة الداخلية، مساء الثلاثاء، توقيف خلية مؤلفة من ستة أشخاص كانت تخطط لتنفيذ هجمات "
            "على منشآت حكومية في العاصمة، بحسب بيان رسمي.\n\nوأوضح البيان أن التحقيقات ما زالت جارية.")
    assert kinds_of(text) == {1: "body", 2: "blank", 3: "body"}


def test_body_resumes_after_an_inline_related_block():
    text = ("قالت الحكومة إن الموازنة الجديدة ستركز على التعليم والصحة.\n"
            "قد يهمك أيضا:\n"
            "تراجع البطالة إلى أدنى مستوى منذ عقد\n"
            "وأشارت الحكومة إلى أن العجز المتوقع سيبلغ ثلاثة في المئة من الناتج المحلي.")
    assert kinds_of(text) == {1: "body", 2: "boilerplate", 3: "boilerplate", 4: "body"}


def test_after_a_page_end_marker_only_a_connective_sentence_resumes_the_body():
    text = ("ارتفعت أسعار الذهب في الأسواق المحلية اليوم بنسبة ملحوظة.\n"
            "آخر الأخبار\n"
            "منتخب الشباب يتأهل إلى نصف النهائي\n"
            "تأهل منتخب الشباب إلى نصف النهائي بعد فوزه على نظيره بهدفين نظيفين.\n")
    kinds = kinds_of(text)
    assert kinds[1] == "body" and kinds[2] == kinds[3] == kinds[4] == "boilerplate"


def test_tail_teasers_and_orphan_headlines_are_boilerplate_but_a_trailing_writer_ellipsis_is_not():
    body = "وتابع المتحدث أن الحوار بين الطرفين سيستأنف الأسبوع المقبل في العاصمة العمانية مسقط بحضور وسطاء دوليين وممثلين عن الأمم المتحدة"
    trailing = body + " والأيام المقبلة ستكشف الكثير..."
    assert kinds_of(f"{body}.\n{trailing}")[2] == "body"
    teaser = f"{body}.\nعنوان قصة أخرى لا علاقة لها\n{trailing}\n"
    kinds = kinds_of(teaser)
    assert kinds[1] == "body" and kinds[2] == kinds[3] == "boilerplate"


def test_junk_tokens_agency_tags_and_prompts_are_boilerplate():
    for line in ("undefined", "null", "(أ ف ب)", "(رويترز)", "ع.ح/م.ع", "اترك رداً", "من فضلك ادخل تعليقك",
                 "تابعونا على فيسبوك وتويتر", "// انتهى //"):
        text = f"شهدت المدينة أمطارا غزيرة تسببت في إغلاق عدة طرق رئيسية.\n{line}\nوأكد الدفاع المدني جاهزيته."
        assert kinds_of(text)[2] == "boilerplate", line


def test_a_sentence_that_opens_with_a_byline_verb_is_body():
    text = "كتبت صحيفة الغارديان البريطانية أن الحكومة تدرس فرض ضرائب جديدة على الشركات الكبرى."
    assert kinds_of(text) == {1: "body"}


def test_byline_forms_give_the_author():
    for line, name in (("بقلم: ليلى حداد", "ليلى حداد"), ("كتبت - نور الهدى سليم", "نور الهدى سليم"),
                       ("إعداد: فريق التحرير", "فريق التحرير")):
        found = classify_lines([line, "أكد مسؤولون أن المفاوضات تسير في الاتجاه الصحيح رغم العقبات."])
        assert found.kinds[0] == "byline" and found.bylines == [name]


def test_levantine_month_dateline_with_weekday_and_no_zone_stays_naive():
    found = classify_lines(["الأحد ٥ تشرين الأول ٢٠٢٠ الساعة ٩:١٥ مساءً",
                            "أعلنت البلدية إغلاق السوق القديم مؤقتا لأعمال الصيانة."])
    assert found.kinds == ["dateline", "body"] and found.published == "2020-10-05T21:15:00"


def test_a_dump_with_a_single_short_line_keeps_it_as_body():
    assert kinds_of("انفجار قرب السفارة في العاصمة") == {1: "body"}


HEADED = """\
قناة دجلة الإخبارية

افتتاح جسر جديد على نهر دجلة يربط ضفتي المدينة

الموصل - 4 آذار 2025
تقرير: سلمان العبيدي

افتتحت محافظة نينوى، اليوم الثلاثاء، جسرا جديدا على نهر دجلة بطول أربعمئة متر بعد عامين من العمل.

وقال المحافظ إن الجسر سيخفف الزحام عن الجسور القديمة في المدينة.
"""


def test_a_site_header_is_boilerplate_and_names_the_outlet():
    article = clean(RawArticle(source="h.txt", kind="text", content=HEADED, identity="h.txt"))
    kinds = [line.kind for line in article.lines if line.kind != "blank"]
    assert kinds == ["boilerplate", "title", "dateline", "byline", "body", "body"]
    assert article.title.startswith("افتتاح جسر") and article.outlet == "دجلة"
    assert article.published == "2025-03-04" and article.authors == ["سلمان العبيدي"]


def test_a_named_dateline_gives_date_and_outlet_and_updates_yield_to_publication():
    content = ("ارتفاع أسعار الذهب في الأسواق المحلية\n\nآخر تحديث: 10/3/2025 14:00\n"
               "صحيفة الوادي - الأحد 9/3/2025 11:20\n\n"
               "ارتفعت أسعار الذهب في الأسواق المحلية اليوم بنسبة اثنين في المئة مقارنة بالأسبوع الماضي.\n")
    article = clean(RawArticle(source="g.txt", kind="text", content=content, identity="g.txt"))
    assert [line.kind for line in article.lines if line.kind != "blank"] == ["title", "dateline", "dateline", "body"]
    assert article.published == "2025-03-09T11:20:00" and article.outlet == "الوادي"


def test_a_headline_naming_a_channel_stays_the_title():
    content = ("قناة السويس تسجل إيرادات قياسية خلال شهر فبراير\n\n"
               "سجلت قناة السويس إيرادات قياسية خلال الشهر الماضي بحسب بيان رسمي صدر اليوم.\n")
    article = clean(RawArticle(source="s.txt", kind="text", content=content, identity="s.txt"))
    assert article.lines[0].kind == "title" and article.outlet is None
