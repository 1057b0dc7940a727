from marsad.stories.dedup import CopyIndex, copy_groups

AGENCY = ("أعلنت وزارة الصحة في محافظة البصرة، اليوم الأحد، ارتفاع عدد المصابين بالتسمم الغذائي في "
          "قضاء الزبير إلى 140 شخصا، بعد تناولهم وجبات في حفل زفاف أقيم مساء الجمعة. وقال مدير الصحة "
          "إن الفرق الطبية نقلت المصابين إلى ثلاثة مستشفيات، وإن حالة 12 منهم ما زالت حرجة، مضيفا أن "
          "عينات من الطعام أرسلت إلى المختبر المركزي في بغداد لتحديد سبب التسمم.")


def test_exact_agency_copies_group_with_the_earliest_as_original():
    docs = [("b", AGENCY, "2025-03-02T10:00:00"), ("a", AGENCY, "2025-03-02T08:00:00"),
            ("c", AGENCY + "\n\nجميع الحقوق محفوظة لموقع الأفق", "2025-03-02T09:00:00")]
    groups = copy_groups(docs)
    assert len(groups) == 1
    assert groups[0].original == "a"
    assert groups[0].members == ["a", "c", "b"]


def test_near_copy_with_a_changed_footer_and_diacritics_is_a_copy():
    index = CopyIndex()
    index.add("x", AGENCY, "2025-03-02")
    variant = AGENCY.replace("البصرة", "البَصْرَة") + "\nتابعونا على تويتر"
    assert index.add("y", variant, "2025-03-03") == "x"


def test_different_articles_on_the_same_event_are_not_copies():
    other = ("قال شهود عيان في قضاء الزبير إن عشرات الأسر توافدت على مستشفى الزبير العام منذ ليل "
             "الجمعة بعد إصابة أقاربهم بأعراض تسمم، فيما طالب نواب عن البصرة بمحاسبة صاحب المطعم "
             "الذي أعد الوجبات، وفتح تحقيق عاجل في آلية منح تراخيص المطاعم في المحافظة.")
    assert copy_groups([("a", AGENCY, None), ("b", other, None)]) == []


def test_empty_bodies_are_nobodys_copy():
    assert copy_groups([("a", "", None), ("b", "  ", None)]) == []


def test_rensa_and_datasketch_backends_agree_on_copies():
    docs = [("a", AGENCY, "1"), ("b", AGENCY + " (أ ف ب)", "2")]
    assert copy_groups(docs, backend="rensa") == copy_groups(docs, backend="datasketch")


def test_the_index_holds_a_lone_article_s_buckets_without_lists_and_its_signature_in_32_bits():
    index = CopyIndex()
    index.add("a", AGENCY, "1")
    assert all(held == "a" for held in index.buckets.values())
    assert index.docs["a"].signature.itemsize == 4
    index.add("b", AGENCY + " (أ ف ب)", "2")         # a near copy shares buckets: they become lists
    assert any(held == ["a", "b"] for held in index.buckets.values())
    assert index.add("c", AGENCY + " (واس)", "3") == "a"
