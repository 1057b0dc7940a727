"""Heads (marsad.stories.align.head_of): a noun phrase that names what a number measures ("نسبة
المشاركة", "قوة الزلزال", "سعر لتر بنزين 92") makes two outlets' numbers one quantity of the story's
event even when their sentences say it in other words; and the scope and hedge rules that let such
figures meet."""
from said import quantity_at as _at
from said import said

from marsad.model import Quantity
from marsad.stories.align import _scope_of, head_of
from marsad.stories.compare import _compatible, disagreements
from marsad.text import normalize


def _said(aid, outlet, text, *quantities, day="2025-04-06", places=()):
    return said(aid, outlet, text, *quantities, day=day, places=places)


def _words(text):
    return normalize(text).split()


def test_two_turnouts_told_in_other_words_are_one_quantity():
    a = "انتهى التصويت في انتخابات المجالس المحلية بالمحافظة مساء الأحد وسط نسبة مشاركة بلغت نحو 38 بالمئة."
    b = "قالت اللجنة العليا في بيانها إن نسبة الاقتراع في الدوائر الثلاث وصلت إلى 31.5%."
    arts = [_said("1", "أ", a, ("نحو 38 بالمئة", 38, "%", "approx")),
            _said("2", "ب", b, ("31.5%", 31.5, "%"))]
    [row] = disagreements(arts)
    assert row["values"] == {"أ": 38, "ب": 31.5}
    assert row["basis"] == "head" and row["role"] == "نسبة المشاركة"


def test_a_price_per_litre_named_before_or_after_the_number_is_one_quantity():
    """"بنزين 92" before "نحو 17.5" is the grade, not a first piece of the number; "نحو 17" does
    not stand for 17.5 (it would have been written 18)."""
    a = "وبحسب القرار الجديد أصبح سعر لتر بنزين 92 نحو 17.5 جنيه في جميع المحطات."
    b = "يدفع سائقو سيارات الأجرة نحو 17 جنيها للتر بنزين 92 بعد القرار."
    arts = [_said("1", "أ", a, ("نحو 17.5", 17.5, "جنيه", "approx")),
            _said("2", "ب", b, ("نحو 17", 17, "جنيه", "approx"))]
    [row] = disagreements(arts)
    assert row["values"] == {"ب": 17, "أ": 17.5} and row["basis"] == "head"


def test_prices_of_two_grades_are_two_quantities():
    a = "وبحسب القرار الجديد أصبح سعر لتر بنزين 92 نحو 17.5 جنيه في جميع المحطات."
    b = "يدفع سائقو سيارات الأجرة نحو 19 جنيها للتر بنزين 95 بعد القرار."
    arts = [_said("1", "أ", a, ("نحو 17.5", 17.5, "جنيه", "approx")),
            _said("2", "ب", b, ("نحو 19", 19, "جنيه", "approx"))]
    assert disagreements(arts) == []


def test_magnitudes_of_quakes_in_two_countries_are_not_compared():
    a = "ضرب زلزال بلغت قوته 4.3 درجات مناطق في جنوب الأردن فجر اليوم."
    b = "سجلت هيئة الرصد هزة أرضية بقوة 5.7 درجات قبالة سواحل أستراليا."
    arts = [_said("1", "أ", a, ("4.3", 4.3, "درجات"), places=("الأردن",)),
            _said("2", "ب", b, ("5.7", 5.7, "درجات"), places=("أستراليا",))]
    assert disagreements(arts) == []
    arts = [_said("1", "أ", a, ("4.3", 4.3, "درجات"), places=("الأردن",)),
            _said("2", "ب", b.replace("أستراليا", "الأردن"), ("5.7", 5.7, "درجات"), places=("الأردن",))]
    [row] = disagreements(arts)
    assert row["role"] == "قوة الزلزال"


def test_a_head_measures_only_its_own_units():
    text = "التقطت الكاميرا الجديدة الصور بقوة 8 ميجابيكسل في الإضاءة الخافتة."
    q = _at(text, "8", 8, "ميجابيكسل")
    assert head_of(text, q, [q], (0, len(text))) is None
    text = "ضرب زلزال بلغت قوته 5.9 درجات المنطقة الجبلية."
    q = _at(text, "5.9", 5.9, "درجات")
    assert head_of(text, q, [q], (0, len(text))).name == "قوة الزلزال"


def test_a_number_between_the_head_and_another_number_is_what_the_head_names():
    text = "وارتفع سعر لتر بنزين 92 إلى 17.25 جنيه بزيادة نحو 13 بالمئة عن السعر السابق."
    price, change = _at(text, "17.25", 17.25, "جنيه"), _at(text, "نحو 13 بالمئة", 13, "%", "approx")
    assert head_of(text, price, [price, change], (0, len(text))).name == "سعر اللتر"
    assert head_of(text, change, [price, change], (0, len(text))) is None


def test_a_former_title_or_a_daily_report_does_not_set_a_figure_in_another_time():
    assert _scope_of(_words("حكم بالسجن على المدير العام السابق")) == frozenset()
    assert "past" in _scope_of(_words("خلال العام السابق"))
    assert _scope_of(_words("وفق التقرير الوبائي اليومي")) == frozenset()
    assert "rate" in _scope_of(_words("الإصابات اليومية"))
    assert _scope_of(_words("يدفع المصريون منذ صباح اليوم")) == frozenset()
    assert "since" in _scope_of(_words("منذ بداية الحرب"))
    assert "usual" in _scope_of(_words("وغالبا ما تكون النسبة"))


def test_a_hedged_whole_number_holds_only_the_fractions_that_round_to_it():
    def q(value, qualifier):
        return Quantity(str(value), value, None, None, qualifier, "جنيه", 0, 1)
    assert not _compatible(q(17, "approx"), q(17.5, "approx"))
    assert _compatible(q(17, "approx"), q(17.25, "exact"))
    assert _compatible(q(40, "approx"), q(38.5, "exact"))      # "نحو 40" is rounded to tens
    assert _compatible(q(17, "approx"), q(17, "exact"))


def test_figures_of_two_ranked_batches_are_not_one_quantity():
    """"الدفعة الثالثة" and "الدفعة الثانية": the ranks the sentences name tell two batches apart."""
    def article(aid, outlet, rank, value, text_rank):
        text = f"ووصلت إلى ميناء الحديدة الدفعة {text_rank} من قوافل الإغاثة السعودية وتضم {value} قاطرات محملة بالمواد الغذائية."
        a = _said(aid, outlet, text, (str(value), value, "قاطرات"))
        start = text.index(text_rank)
        a.analysis.quantities.append(Quantity(text_rank, rank, None, None, "exact", None, start,
                                              start + len(text_rank), kind="ordinal"))
        return a
    assert disagreements([article("1", "أ", 3, 3, "الثالثة"), article("2", "ب", 2, 5, "الثانية")]) == []
    [row] = disagreements([article("1", "أ", 3, 3, "الثالثة"), article("2", "ب", 3, 5, "الثالثة")])
    assert row["values"] == {"أ": 3, "ب": 5}
