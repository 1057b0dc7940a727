"""Skip reasons are Arabic sentences built from data/reasons.json, with technical details kept."""
from __future__ import annotations

import errno
import json
import re
import string
from importlib import resources

import pytest

from marsad.ingest.reasons import json_type, library_error, os_error, reason

ARABIC = re.compile(r"[\u0621-\u064A]")
DATA = json.loads(resources.files("marsad.ingest").joinpath("data/reasons.json").read_text("utf-8"))


@pytest.mark.parametrize("key", sorted(DATA["reasons"]))
def test_every_reason_is_arabic_and_fills_its_placeholders(key: str) -> None:
    names = {field for _, field, _, _ in string.Formatter().parse(DATA["reasons"][key]) if field}
    text = reason(key, **{name: 7 for name in names})
    assert ARABIC.search(text) and "{" not in text.replace("{}", "")


def test_settings_and_sizes_stay_as_they_are() -> None:
    text = reason("text_too_long", size=412_345, limit=300_000)
    assert "412,345" in text and "300,000" in text and "MARSAD_MAX_ARTICLE_CHARS" in text
    assert "MARSAD_MAX_ARTICLE_SECONDS" in reason("too_slow", seconds=60.0)


def test_library_messages_become_arabic_and_keep_their_detail() -> None:
    assert library_error("Expecting value") == "كان متوقعاً وجود قيمة"
    assert library_error("Invalid control character '\\x01' at") == "محرف تحكم غير مسموح به '\\x01'"
    assert library_error("File is not a zip file") == "لا يحمل بنية أرشيف zip"
    assert library_error("Some message nobody translated") == "Some message nobody translated"


def test_json_types_and_os_errors_are_named_in_arabic() -> None:
    assert (json_type({}), json_type([]), json_type(3), json_type("x")) == ("كائن", "قائمة", "عدد", "سلسلة نصية")
    assert os_error(PermissionError(errno.EACCES, "Permission denied")) == "لا إذن بقراءته"
    assert os_error(OSError(errno.EXDEV, "Invalid cross-device link")) == "Invalid cross-device link"
