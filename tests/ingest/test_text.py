from pathlib import Path

from marsad.ingest import read_paths
from marsad.ingest.locator import Locator
from marsad.ingest.text import read_text
from marsad.model import RawArticle, Skip


def test_text_reader_keeps_every_line_including_blank_ones(paragraph):
    data = ("العنوان\r\n\r\n" + paragraph).encode("utf-8")
    [article] = read_text(data, Locator("a.txt", "/x/a.txt", "a.txt"))
    assert article.kind == "text"
    assert article.content == "العنوان\n\n" + paragraph
    assert article.source == "a.txt" and article.identity == "/x/a.txt"


def test_content_hash_changes_when_the_file_changes(paragraph):
    loc = Locator("a.txt", "/x/a.txt", "a.txt")
    [one] = read_text(paragraph.encode(), loc)
    [same] = read_text(paragraph.encode(), loc)
    [other] = read_text((paragraph + "سطر إضافي\n").encode(), loc)
    assert one.content_hash == same.content_hash != other.content_hash
    assert len(one.content_hash) == 64


def test_seed_samples_all_read_as_text(shared_dir: Path):
    items = list(read_paths([shared_dir / "samples" / "seeds"]))
    assert len(items) == 5
    assert all(isinstance(a, RawArticle) and a.kind == "text" and a.encoding == "utf-8" for a in items)
    assert [Path(a.source).name for a in items] == sorted(Path(a.source).name for a in items)
    assert all("داعش" in a.content for a in items[:1])


def test_text_reader_skips_a_whitespace_only_file():
    [skip] = read_text(b"\n\n  \n", Locator("b.txt", "/x/b.txt", "b.txt"))
    assert isinstance(skip, Skip) and skip.reason == "ملف فارغ"
