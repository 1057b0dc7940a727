import gzip
from io import BytesIO
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from marsad.ingest import read_paths
from marsad.model import RawArticle, Skip

PAGE = ("<html><head><title>خبر</title></head><body><nav><a href='/'>الرئيسية</a></nav><article>"
        "<p>أعلنت السلطات المحلية في مدينة صفاقس افتتاح ميناء الصيد الجديد بعد ثلاث سنوات من الأشغال.</p>"
        "<p>وقال والي الجهة إن المشروع سيوفر نحو ألف فرصة عمل مباشرة في قطاع الصيد البحري.</p>"
        "</article></body></html>")


def _warc(records: list[tuple[str, str, bytes]], gz: bool = True) -> bytes:
    out = BytesIO()
    writer = WARCWriter(out, gzip=gz)
    for url, ctype, body in records:
        http = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=BytesIO(body), http_headers=http,
                                                      warc_headers_dict={"WARC-Date": "2021-05-04T10:00:00Z"}))
    return out.getvalue()


def _three() -> list[tuple[str, str, bytes]]:
    return [("https://a.example/1", "text/html; charset=utf-8", PAGE.encode()),
            ("https://a.example/logo.png", "image/png", b"\x89PNG\r\n\x1a\n" + bytes(50)),
            ("https://a.example/2", "text/html; charset=windows-1256", PAGE.encode("cp1256"))]


def test_warc_gz_html_responses_become_articles_and_images_are_ignored(tmp_path: Path):
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(_warc(_three()))
    items = list(read_paths([path]))
    assert [type(i) for i in items] == [RawArticle, RawArticle]
    first, third = items
    assert first.source == f"{path}#1" and third.source == f"{path}#3"
    assert first.url == first.identity == "https://a.example/1"
    assert first.published == "2021-05-04T10:00:00Z"
    assert first.content.startswith("أعلنت السلطات المحلية") and "الرئيسية" not in first.content
    assert third.encoding == "windows-1256" and third.content == first.content


def test_uncompressed_warc_without_extension_is_sniffed(tmp_path: Path):
    path = tmp_path / "dump"
    path.write_bytes(_warc(_three()[:1], gz=False))
    [a] = read_paths([path])
    assert a.kind == "html" and a.url == "https://a.example/1"


def test_truncated_warc_gz_keeps_earlier_records_and_names_the_cut_one(tmp_path: Path):
    data = _warc(_three())
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(data[: len(data) - 200])
    items = list(read_paths([path]))
    assert isinstance(items[0], RawArticle) and items[0].source == f"{path}#1"
    assert isinstance(items[-1], Skip)
    assert "ملف WARC تالف أو مبتور" in items[-1].reason and items[-1].source.startswith(f"{path}#")


def test_warc_with_a_corrupt_record_header_stops_there_with_its_number(tmp_path: Path):
    good = _warc(_three()[:1], gz=False)
    path = tmp_path / "bad.warc"
    path.write_bytes(good + b"WRAC/9.9 garbage\r\nWARC-Type: response\r\n\r\n<html>")
    items = list(read_paths([path]))
    assert isinstance(items[0], RawArticle)
    assert isinstance(items[-1], Skip) and items[-1].source == f"{path}#2"
    assert items[-1].reason.startswith("السجل 2: ملف WARC تالف أو مبتور")


def test_gzip_that_is_not_a_warc_is_not_taken_for_one(tmp_path: Path):
    path = tmp_path / "notes.warc.gz"
    path.write_bytes(gzip.compress("ملاحظات".encode()))
    [skip] = read_paths([path])
    assert isinstance(skip, Skip) and "WARC" in skip.reason
