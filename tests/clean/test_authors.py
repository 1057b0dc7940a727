from marsad.clean.authors import clean_authors


def test_author_fields_lose_cue_words_entities_and_place():
    assert clean_authors(["بواسطة : مازن العلي"]) == ["مازن العلي"]
    assert clean_authors(["القاهرة: رنا يوسف"]) == ["رنا يوسف"]
    assert clean_authors(["&nbsp;هدى سالم"]) == ["هدى سالم"]


def test_several_authors_split_and_agency_fillers_drop():
    assert clean_authors(["بيروت: سليم داود، الوكالات"]) == ["سليم داود"]
    assert clean_authors(["أحمد كمال", "احمد كمال", ""]) == ["أحمد كمال"]
