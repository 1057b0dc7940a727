"""Skip reasons in Arabic: the words a user reads when an input is passed over.

Every reader, runner and the pipeline builds its reasons here from the templates in
data/reasons.json, so the wording lives in one place and is reviewed as text, not code. The
messages Python's json and zipfile modules and the operating system give in English are turned
into Arabic too; one we do not know is kept as it is rather than lost.
"""
from __future__ import annotations

import errno
import json
from functools import lru_cache
from importlib import resources
from typing import Any

__all__ = ["json_type", "library_error", "os_error", "reason"]


@lru_cache(maxsize=1)
def _data() -> dict[str, dict[str, str]]:
    text = resources.files("marsad.ingest").joinpath("data/reasons.json").read_text("utf-8")
    return {key: value for key, value in json.loads(text).items() if not key.startswith("_")}


def reason(key: str, **fields: Any) -> str:
    """The reason `key` with its {placeholders} filled: reason("empty_file") -> "ملف فارغ"."""
    return _data()["reasons"][key].format(**fields)


def library_error(error: object) -> str:
    """An English message from the json or zipfile module in Arabic, with any detail it names
    (a character, a member name) kept after it; a message we do not know comes back unchanged."""
    msg = str(error)
    for english, arabic in _data()["library_errors"].items():
        if msg.startswith(english):
            detail = msg[len(english):].removesuffix(" at").strip(" :")
            return f"{arabic} {detail}" if detail else arabic
    return msg


def json_type(value: Any) -> str:
    """What kind of JSON value `value` is, in Arabic (كائن، قائمة، عدد...)."""
    name = type(value).__name__
    return _data()["json_types"].get(name, name)


def os_error(exc: OSError) -> str:
    """Why the OS refused a file, in Arabic when its errno is a common one, else its own words."""
    code = errno.errorcode.get(exc.errno or 0, "")
    return _data()["os_errors"].get(code) or exc.strerror or str(exc)
