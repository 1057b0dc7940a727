"""A named person's age (marsad.stories.ages): two outlets' ages of one person disagree whatever
else their sentences say; a span of years after a name, or another person's age, is no such thing."""
from said import said

from marsad.stories.ages import age_of, same_person
from marsad.stories.compare import disagreements


def _age(text, snippet, value, person, unit="عام"):
    art = said("1", "أ", text, (snippet, value, unit), people=(person,))
    q = art.analysis.quantities[0]
    found = age_of(text, q, art.analysis.entities)
    return found.text if found else None


def test_an_age_set_off_after_a_name_or_after_age_words_is_that_persons_age():
    assert _age("توفي أمس خالد عبدالرحيم الزهراني (41 عاما) في المستشفى.", "41", 41, "خالد عبدالرحيم الزهراني") \
        == "خالد عبدالرحيم الزهراني"
    assert _age("وكان الشاب ماهر القحطاني، 19 عاما، يقود السيارة.", "19", 19, "ماهر القحطاني") == "ماهر القحطاني"
    assert _age("أصيب فهد الدوسري الذي يبلغ من العمر 27 عاما بجروح.", "27", 27, "فهد الدوسري") == "فهد الدوسري"
    assert _age("رحل الملحن سامي الفيصل عن عمر ناهز 83 عاما.", "83", 83, "سامي الفيصل") == "سامي الفيصل"
    assert _age("نقل المصاب نايف العتيبي -35 عاما- إلى المستشفى.", "-35", -35, "نايف العتيبي") == "نايف العتيبي"


def test_years_after_a_name_that_are_not_an_age_are_not_read_as_one():
    assert _age("قضى منصور الحارثي 20 عاما في التدريس قبل تقاعده.", "20", 20, "منصور الحارثي") is None
    assert _age("عمل منصور الحارثي في الشركة 20 عاما.", "20", 20, "منصور الحارثي") is None
    assert _age("وصل منصور الحارثي. وبعد 20 عاما عاد.", "20", 20, "منصور الحارثي") is None
    assert _age("يبعد منزل منصور الحارثي (20 كيلومترا) عن المدينة.", "20", 20, "منصور الحارثي", "كيلومتر") is None


def test_two_names_are_one_person_when_their_first_and_last_words_agree():
    assert same_person(("سعيد", "محمد", "الغامدي"), ("سعيد", "الغامدي"))
    assert not same_person(("محمد", "احمد"), ("محمد", "سعيد"))
    assert not same_person(("سعيد",), ("سعيد", "الغامدي"))       # a given name alone could be anyone's
    assert not same_person(("عبدالله", "سالم", "الشهري"), ("عبدالله", "ناصر", "الشهري"))   # two brothers


def test_two_outlets_ages_of_one_person_are_reported_whatever_else_their_sentences_say():
    a = "لقي سعيد محمد الغامدي (34 عاما) حتفه في حادث مروري على طريق الطائف مساء الخميس."
    b = "وقال شقيق الفقيد إن سعيد الغامدي، 36 عاما، كان في طريقه إلى عمله وترك ثلاثة أطفال."
    arts = [said("1", "أ", a, ("34", 34, "عام"), people=("سعيد محمد الغامدي",)),
            said("2", "ب", b, ("36", 36, "عام"), people=("سعيد الغامدي",))]
    [row] = disagreements(arts)
    assert row["basis"] == "age" and row["values"] == {"أ": 34, "ب": 36}
    assert row["what"] == "عمر (سعيد محمد الغامدي)"


def test_ages_of_two_people_and_an_age_against_a_span_of_years_are_not_compared():
    a = "وتوفي عبدالله سالم الشهري (60 عاما) بعد أن قضى في الإمارة 30 عاما."
    b = "وتوفي عبدالله ناصر الشهري (62 عاما) وقد عمل في الإمارة 34 عاما، وفق ما ذكره أقاربه."
    arts = [said("1", "أ", a, ("60", 60, "عام"), ("30", 30, "عام"), people=("عبدالله سالم الشهري",)),
            said("2", "ب", b, ("62", 62, "عام"), ("34", 34, "عام"), people=("عبدالله ناصر الشهري",))]
    assert [r for r in disagreements(arts) if r["basis"] == "age"] == []
    one = [said("1", "أ", a, ("60", 60, "عام"), people=("عبدالله سالم الشهري",)),
           said("2", "ب", "وقال أقاربه إن عبدالله سالم الشهري خدم في الإمارة 62 عاما.", ("62", 62, "عام"),
                people=("عبدالله سالم الشهري",))]
    assert disagreements(one) == []


def test_the_same_age_in_two_outlets_is_no_disagreement():
    a = "توفي المطرب حمد العلي عن عمر يناهز 77 عاما بعد صراع مع المرض."
    b = "غيب الموت الفنان حمد العلي (77 عاما) مساء أمس في الرياض."
    arts = [said("1", "أ", a, ("77", 77, "عام", "approx"), people=("حمد العلي",)),
            said("2", "ب", b, ("77", 77, "عام"), people=("حمد العلي",))]
    assert disagreements(arts) == []
