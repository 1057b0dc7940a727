import os
from pathlib import Path

from marsad.ingest import read_paths
from marsad.ingest.detect import format_by_name, sniff_format
from marsad.model import RawArticle, Skip

BODY = "أكد مصدر دبلوماسي أن جولة المفاوضات المقبلة ستعقد في العاصمة العمانية مسقط الأسبوع المقبل."


def test_directories_are_walked_recursively_in_name_order_without_hidden_entries(tmp_path: Path):
    for rel in ("b/2.txt", "b/1.txt", "a.txt", "c/d/e.txt", ".hidden/x.txt", "b/.secret.txt"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(BODY, "utf-8")
    sources = [i.source for i in read_paths([tmp_path])]
    assert sources == [str(tmp_path / r) for r in ("a.txt", "b/1.txt", "b/2.txt", "c/d/e.txt")]
    assert sources == [i.source for i in read_paths([tmp_path])]


def test_relative_paths_stay_relative_in_source_and_absolute_in_identity(tmp_path: Path, monkeypatch):
    (tmp_path / "news.txt").write_text(BODY, "utf-8")
    monkeypatch.chdir(tmp_path)
    [a] = read_paths(["news.txt"])
    assert a.source == "news.txt" and a.identity == str(tmp_path.resolve() / "news.txt")


def test_bad_inputs_are_skipped_with_reasons_and_the_batch_goes_on(tmp_path: Path):
    (tmp_path / "1_empty.txt").write_bytes(b"")
    (tmp_path / "2_binary").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "3_report.pdf").write_bytes(b"%PDF-1.4 ...")
    (tmp_path / "4_good.txt").write_text(BODY, "utf-8")
    items = list(read_paths([tmp_path, tmp_path / "missing.txt"]))
    reasons = [i.reason if isinstance(i, Skip) else "ok" for i in items]
    assert reasons[0] == "ملف فارغ" and reasons[1] == "ملف ثنائي وليس نصاً"
    assert reasons[2].startswith("نوع ملف غير مدعوم '.pdf'")
    assert reasons[3] == "ok"
    assert reasons[4] == "لا يوجد ملف أو مجلد بهذا الاسم" and items[4].source == str(tmp_path / "missing.txt")


def test_extensionless_files_are_sniffed_for_html_json_and_plain_text(tmp_path: Path):
    (tmp_path / "page").write_text(f"<!doctype html><html><body><p>{BODY}</p></body></html>", "utf-8")
    (tmp_path / "records").write_text(f'[{{"title": "x", "text": "{BODY}"}}]', "utf-8")
    (tmp_path / "plain").write_text(BODY, "utf-16")
    kinds = {Path(i.source).name.split("#")[0]: i.kind for i in read_paths([tmp_path])}
    assert kinds == {"page": "html", "records": "record", "plain": "text"}


def test_unreadable_file_is_skipped_not_raised(tmp_path: Path):
    path = tmp_path / "locked.txt"
    path.write_text(BODY, "utf-8")
    path.chmod(0)
    try:
        items = list(read_paths([path]))
        if os.access(path, os.R_OK):        # running as root: the file is readable after all
            assert isinstance(items[0], RawArticle)
        else:
            assert isinstance(items[0], Skip) and items[0].reason == "تعذرت قراءة الملف: لا إذن بقراءته"
    finally:
        path.chmod(0o644)


def test_format_detection_by_extension_then_by_first_bytes():
    assert format_by_name("a.WARC.GZ") == "warc" and format_by_name("x.ndjson") == "json"
    assert format_by_name("noext") is None
    assert sniff_format(b"WARC/1.1\r\n") == "warc"
    assert sniff_format(b'<?xml version="1.0"?>\n<rss version="2.0">') == "feed"
    assert sniff_format(b"\xef\xbb\xbf  {\"a\": 1}") == "json"
    assert sniff_format(b"PK\x03\x04") == "zip"
    assert sniff_format("بلا وسوم".encode()) is None
