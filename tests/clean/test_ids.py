import hashlib

from marsad.clean.ids import article_id
from marsad.model import RawArticle


def test_text_dumps_named_like_ids_keep_their_stem():
    raw = RawArticle(source="samples/007_0123456789abcdef.txt", kind="text", content="x", identity="/abs/x")
    assert article_id(raw) == "007_0123456789abcdef"
    zipped = RawArticle(source="a.zip!dir/ab12_fedcba9876543210.txt", kind="text", content="x")
    assert article_id(zipped) == "ab12_fedcba9876543210"


def test_other_articles_hash_their_identity_or_source():
    raw = RawArticle(source="day.json#3", kind="record", content="x", identity="https://e.com/a")
    assert article_id(raw) == hashlib.blake2b(b"https://e.com/a").hexdigest()[:16]
    bare = RawArticle(source="notes.txt", kind="text", content="x")
    assert article_id(bare) == hashlib.blake2b(b"notes.txt").hexdigest()[:16]
    assert article_id(bare) == article_id(RawArticle(source="notes.txt", kind="text", content="y"))
