"""Direct quotations: which quoted spans are quotes, and who said them."""
from __future__ import annotations

import json
from pathlib import Path

from marsad.extract.quotes import find_quotes
from marsad.extract.speech import merge_key
from marsad.model import Entity


def person(text: str, surface: str, canonical: str, key: str, nth: int = 0) -> Entity:
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    return Entity(start, start + len(surface), surface, "PER", canonical, key)


def test_speech_verb_colon_and_guillemets_give_quote_with_named_speaker():
    text = "وقال ماسن: «نرى خطرا في عودة الأطفال إلى البلاد»."
    quotes = find_quotes(text, [person(text, "ماسن", "هانز جورج ماسن", "per:maassen")])
    assert [(q.text, q.speaker, q.speaker_key) for q in quotes] == [
        ("نرى خطرا في عودة الأطفال إلى البلاد", "هانز جورج ماسن", "per:maassen")]
    assert text[quotes[0].start:quotes[0].end] == quotes[0].text


def test_scare_quotes_around_short_terms_are_not_quotes():
    text = 'وأعلن تنظيم “داعش” استعادة "الخلافة المزعومة" بعد "انتفاضة ضخمة" في السجون.'
    assert find_quotes(text, []) == []


def test_quote_inside_sentence_takes_the_sentence_speaker():
    text = "وأوضح “ترامب” أنه سيفعل ذلك “لأن الولايات المتحدة لن تسجن آلاف الأشخاص”."
    quotes = find_quotes(text, [person(text, "ترامب", "دونالد ترامب", "per:donald-trump")])
    assert [q.speaker for q in quotes] == ["دونالد ترامب"]


def test_pronoun_verb_resolves_to_the_previous_subject_not_the_last_name():
    text = ('ورفض سيلز تأكيد تنفيذ تهديد ترامب. وقال لـ ABC News: "من المستحيل التكهن بما سيحدث غدا".\n\n'
            'وأضاف "لا نريد أن نفترض أن الاستقرار دائم".')
    found = [person(text, "سيلز", "ناثان سيلز", "per:sales"), person(text, "ترامب", "دونالد ترامب", "per:trump")]
    assert [q.speaker for q in find_quotes(text, found)] == ["ناثان سيلز", "ناثان سيلز"]


def test_anonymous_source_introduced_by_wafqan_speaks_the_next_quotes():
    text = ("وقد يلجأ التنظيم إلى هذا الأسلوب لفترة محدودة، وفقًا لمصدر عسكري سوري.\n\n"
            'وأضاف: "لن يستطيع التنظيم العودة كما كان من قبل".\n\n'
            'وتابع المصدر: "لكن في كلا البلدين ثغرات تسمح بعودته')
    quotes = find_quotes(text, [])
    assert [q.speaker for q in quotes] == ["مصدر عسكري سوري", "مصدر عسكري سوري"]
    assert quotes[1].text.endswith("تسمح بعودته")   # unclosed quote runs to the paragraph end


def test_documents_and_unnamed_subjects_give_no_speaker():
    text = ('وأشارت الرسالة إلى طلب الإذن بإنشاء مكتب، مضيفة: "قبل أن ينفذوا العمليات يرسلون لنا الأهداف".\n\n'
            'وقال المقاتل نفسه، الذي زعم أنه خاطب زعيم التنظيم: "نرسل لك اقتراحنا بإنشاء خلايا".')
    assert [q.speaker for q in find_quotes(text, [])] == [None, None]


def test_speaker_named_after_the_quote():
    text = '"سنواصل العمل حتى تحرير آخر شبر من أرضنا"، قال مسؤول عسكري كبير.'
    assert [q.speaker for q in find_quotes(text, [])] == ["مسؤول عسكري كبير"]


def test_role_noun_speaker_when_no_name_is_given():
    text = 'وأضاف الوزير: "نحن مستعدون للحوار مع جميع الأطراف دون شروط".'
    assert [q.speaker for q in find_quotes(text, [])] == ["الوزير"]


def test_unknown_name_before_colon_is_the_speaker():
    quotes = find_quotes("وقال العبد العالي: «الحزب لن يشارك في الحكومة المقبلة».", [])
    assert [q.speaker for q in quotes] == ["العبد العالي"]


def test_common_noun_before_colon_is_no_speaker():
    quotes = find_quotes("وتقول الرسالة: «نطلب منكم إرسال المال عبر الوسطاء».", [])
    assert [q.speaker for q in quotes] == [None]


def test_adverbial_before_colon_is_skipped():
    text = "وقال رئيس الحكومة عزيز أخنوش أمام البرلمان: «سنواصل دعم الأسر الفقيرة»."
    quotes = find_quotes(text, [person(text, "عزيز أخنوش", "عزيز أخنوش", "per:akhannouch")])
    assert [q.speaker for q in quotes] == ["عزيز أخنوش"]


def test_added_in_press_conference_keeps_the_last_speaker():
    text = ("وقال وزير الخارجية أيمن الصفدي إن الأردن يرفض التهجير.\n\n"
            "وأضاف في المؤتمر الصحفي: «هذا خط أحمر لن نسمح بتجاوزه».")
    quotes = find_quotes(text, [person(text, "أيمن الصفدي", "أيمن الصفدي", "per:safadi")])
    assert [q.speaker for q in quotes] == ["أيمن الصفدي"]


def test_object_of_an_is_the_speaker():
    text = "نقل التلفزيون الإيراني عن بزشكيان قوله: «لن نتفاوض تحت الضغط أبدا»."
    quotes = find_quotes(text, [person(text, "بزشكيان", "مسعود بزشكيان", "per:pezeshkian")])
    assert [q.speaker for q in quotes] == ["مسعود بزشكيان"]


def test_participle_after_a_closing_verb_keeps_the_speaker():
    text = "وقال مصدر طبي: «استقبلنا عشرات المصابين».\n\nوختم قائلا: «نحتاج إلى أدوية بشكل عاجل»."
    assert [q.speaker for q in find_quotes(text, [])] == ["مصدر طبي", "مصدر طبي"]


def test_withheld_name_clause_does_not_steal_the_speaker():
    text = "وقال ناشط محلي، مفضلا عدم كشف اسمه: «القصف لم يتوقف منذ ليلة أمس»."
    assert [q.speaker for q in find_quotes(text, [])] == ["ناشط محلي"]


# -- development set ------------------------------------------------------------------------------
# tests/extract/data/quotes_dev.jsonl: short passages with the gold speaker of every quote, run with
# the real entity finder. `python tests/extract/test_quotes.py` prints the score and the misses.

DEV = Path(__file__).parent / "data" / "quotes_dev.jsonl"


def _same_speaker(got: str | None, want: str | None) -> bool:
    if got is None or want is None:
        return got is want
    x, y = merge_key(got)[4:], merge_key(want)[4:]
    return x == y or (min(len(x), len(y)) >= 3 and (x in y or y in x))


def dev_score() -> tuple[int, int, list[tuple[str, str, str | None, str | None]]]:
    """(correct, total, misses) over the development set. A gold null speaker also counts as
    correct when the span is not taken for a quote at all (a title, a scare-quoted word)."""
    from marsad.extract.entities import find_entities

    ok = total = 0
    misses = []
    for line in DEV.read_text("utf-8").splitlines():
        if not line.strip():
            continue
        item = json.loads(line)
        quotes = find_quotes(item["text"], find_entities(item["text"]))
        for want in item["quotes"]:
            total += 1
            q = next((q for q in quotes if q.text.startswith(want["starts"])), None)
            got = q.speaker if q is not None else None
            if (q is not None or want["speaker"] is None) and _same_speaker(got, want["speaker"]):
                ok += 1
            else:
                misses.append((item["text"][:60], want["starts"], want["speaker"], got if q else "<no quote>"))
    return ok, total, misses


def test_dev_set_is_well_formed():
    items = [json.loads(x) for x in DEV.read_text("utf-8").splitlines() if x.strip()]
    assert len(items) >= 60
    for item in items:
        for want in item["quotes"]:
            assert want["starts"] in item["text"]


if __name__ == "__main__":
    correct, n, missed = dev_score()
    for miss in missed:
        print("miss", miss)
    print(f"dev speakers {correct}/{n} = {correct / n:.3f}")
