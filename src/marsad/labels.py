"""Arabic labels for the codes marsad's records carry (qualifier, kind, framing group...).

Why a module: the JSON contract keeps short English codes ("more_than") that tools rely on, while
everything a person reads, in the web app and the CLI's tables, is Arabic. One table
(data/labels.json) serves both, so a label is changed in one place.
"""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

__all__ = ["label"]


@lru_cache(maxsize=1)
def _labels() -> dict[str, dict[str, str]]:
    data = json.loads(resources.files("marsad").joinpath("data/labels.json").read_text("utf-8"))
    return {group: words for group, words in data.items() if isinstance(words, dict)}


def label(group: str, code: str | None) -> str:
    """The Arabic word for `code` in `group` ('qualifier', 'kind', 'framing' ...); the code itself
    when none is listed (a role or a unit is Arabic already)."""
    if code is None:
        return ""
    return _labels().get(group, {}).get(code, code)
