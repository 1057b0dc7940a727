import codecs

import pytest

from marsad.ingest.encoding import DecodeError, decode, looks_binary


@pytest.mark.parametrize("codec, bom, expected_name", [
    ("utf-8", b"", "utf-8"),
    ("utf-8", codecs.BOM_UTF8, "utf-8-sig"),
    ("utf-16-le", codecs.BOM_UTF16_LE, "utf-16-le"),
    ("utf-16-be", codecs.BOM_UTF16_BE, "utf-16-be"),
    ("utf-16-le", b"", "utf-16-le"),
    ("utf-16-be", b"", "utf-16-be"),
    ("cp1256", b"", "windows-1256"),
    ("iso8859-6", b"", "iso-8859-6"),
])
def test_decode_recovers_arabic_paragraph_in_each_supported_encoding(paragraph, codec, bom, expected_name):
    text, name = decode(bom + paragraph.encode(codec))
    assert text == paragraph
    assert name == expected_name


def test_decode_tells_iso_8859_6_from_windows_1256_on_one_short_line():
    line = "قالت الحكومة إن الاجتماع سيعقد غداً في العاصمة"
    assert decode(line.encode("iso8859-6")) == (line, "iso-8859-6")
    assert decode(line.encode("cp1256")) == (line, "windows-1256")


def test_decode_trusts_a_declared_arabic_charset_hint():
    line = "وزير الخارجية يصل إلى بغداد"
    assert decode(line.encode("cp1256"), hint="windows-1256")[1] == "windows-1256"


def test_decode_keeps_utf8_with_one_stray_byte_as_utf8(paragraph):
    data = paragraph.encode("utf-8") * 5 + b"\xff"
    text, name = decode(data)
    assert name == "utf-8"
    assert text.startswith(paragraph)


def test_decode_rejects_empty_and_whitespace_only_input():
    for data in (b"", b"  \n\r\n\t"):
        with pytest.raises(DecodeError, match="ملف فارغ"):
            decode(data)


def test_decode_rejects_binary_bytes():
    with pytest.raises(DecodeError, match="ملف ثنائي"):
        decode(bytes(range(256)) * 20)


def test_decode_rejects_latin_text_that_no_arabic_encoding_explains():
    with pytest.raises(DecodeError, match="جُرّبت الترميزات الأربعة"):
        decode("Ça été très élégant à Noël, déjà réglé.".encode("latin-1") * 3)


def test_looks_binary_spares_bom_less_utf16_text(paragraph):
    assert not looks_binary(paragraph.encode("utf-16-le"))
    assert looks_binary(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
