import io
import json
import zipfile
from pathlib import Path

from marsad.ingest import archives, read_paths
from marsad.model import RawArticle, Skip

BODY = "ذكرت صحيفة محلية أن المجلس البلدي وافق على خطة لتوسيع شبكة النقل العام في المدينة."


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def test_zip_with_mixed_members_dispatches_each_by_extension_in_name_order(tmp_path: Path):
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as zf:
        zf.writestr("deep.txt", BODY)
    path = _zip(tmp_path / "mix.zip", {
        "day2/b.jsonl": (json.dumps({"title": "ب", "text": BODY}, ensure_ascii=False) + "\n").encode(),
        "day1/a.txt": BODY.encode("cp1256"),
        "day1/page.html": f"<html><body><article><p>{BODY}</p></article></body></html>".encode(),
        "day1/photo.jpg": b"\xff\xd8\xff\xe0" + bytes(30),
        "inner.zip": inner.getvalue(),
        "__MACOSX/._a.txt": b"junk",
    })
    items = list(read_paths([path]))
    assert [i.source for i in items] == [f"{path}!day1/a.txt", f"{path}!day1/page.html",
                                         f"{path}!day1/photo.jpg", f"{path}!day2/b.jsonl#1",
                                         f"{path}!inner.zip!deep.txt"]
    kinds = [getattr(i, "kind", None) for i in items]
    assert kinds == ["text", "html", None, "record", "text"]
    assert items[0].encoding == "windows-1256" and items[0].content == BODY
    assert "نوع ملف غير مدعوم '.jpg'" in items[2].reason
    assert items[4].identity == f"{path.resolve()}!inner.zip!deep.txt"


def test_corrupt_zip_is_skipped_with_a_reason(tmp_path: Path):
    path = tmp_path / "broken.zip"
    path.write_bytes(b"PK\x03\x04" + bytes(40))
    [skip] = read_paths([path])
    assert isinstance(skip, Skip) and skip.reason.startswith("أرشيف zip تالف")


def test_a_zip_asking_for_an_unknown_zip_version_is_skipped_not_raised(tmp_path: Path):
    # found by `make fuzz`: one flipped byte in the central directory's "version needed" field
    path = _zip(tmp_path / "version.zip", {"a.txt": BODY.encode()})
    data = bytearray(path.read_bytes())
    central = data.index(b"PK\x01\x02")
    data[central + 6] = 78                                     # version needed to extract: 7.8
    path.write_bytes(bytes(data))
    [skip] = read_paths([path])
    assert isinstance(skip, Skip) and skip.reason.startswith("أرشيف zip تالف")


def test_zip_member_with_bad_crc_is_skipped_and_others_still_read(tmp_path: Path):
    path = _zip(tmp_path / "crc.zip", {"a.txt": BODY.encode(), "b.txt": BODY.encode()})
    data = bytearray(path.read_bytes())
    data[data.index(b"a.txt") + len("a.txt")] ^= 0xFF        # flip the first compressed byte of a.txt
    path.write_bytes(bytes(data))
    items = list(read_paths([path]))
    assert isinstance(items[0], Skip) and "عضو تالف أو غير مقروء في أرشيف zip" in items[0].reason
    assert isinstance(items[1], RawArticle) and items[1].source == f"{path}!b.txt"


def test_zip_member_over_the_size_limit_is_refused(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(archives, "MAX_MEMBER_BYTES", 100)
    path = _zip(tmp_path / "bomb.zip", {"big.txt": ("أ" * 1000).encode(), "small.txt": BODY[:40].encode()})
    big, small = read_paths([path])
    assert isinstance(big, Skip) and "وقاية من قنابل zip" in big.reason
    assert isinstance(small, RawArticle)
