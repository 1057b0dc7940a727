"""Which outlet published an article: a source code or domain from the metadata, the URL's host,
or a credit line in the footer ("محتوى الحل نت", "جميع الحقوق محفوظة لـ…", "© …").

Names come from data/outlets.json. When there is no evidence the answer is None: an outlet is never
guessed from the body, where other outlets are cited as sources.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from urllib.parse import urlsplit

from marsad.clean.vocab import line_key, vocab

__all__ = ["outlet_from_credits", "outlet_from_url", "resolve_outlet"]

_HOST_PREFIXES = ("www.", "m.", "ar.", "amp.", "mobile.")


@dataclass(frozen=True)
class _Table:
    codes: dict[str, str]
    domains: dict[str, str]
    aliases: re.Pattern[str]          # over line keys
    alias_names: dict[str, str]


@lru_cache(maxsize=1)
def _table() -> _Table:
    data = json.loads(resources.files("marsad.clean").joinpath("data/outlets.json").read_text("utf-8"))
    codes: dict[str, str] = {}
    domains: dict[str, str] = {}
    alias_names: dict[str, str] = {}
    for outlet in data["outlets"]:
        name = outlet["name"]
        for code in outlet.get("codes", []):
            codes[code.lower()] = name
        for domain in outlet.get("domains", []):
            domains[domain.lower()] = name
        for alias in [name, *outlet.get("aliases", [])]:
            key = line_key(alias)
            if len(key) >= 3:
                alias_names.setdefault(key, name)
    pattern = "|".join(re.escape(k) for k in sorted(alias_names, key=len, reverse=True))
    return _Table(codes, domains, re.compile(rf"(?<!\w)(?:{pattern})(?!\w)"), alias_names)


def outlet_from_url(url: str | None) -> str | None:
    """The known outlet for a URL or bare domain ('https://www.spa.gov.sa/…', 'aljazeera.net')."""
    if not url:
        return None
    text = url.strip().lower()
    parts = urlsplit(text if "//" in text else "//" + text)
    host = (parts.hostname or "").rstrip(".")
    if not host or "." not in host:
        return None
    for prefix in _HOST_PREFIXES:
        if host.startswith(prefix):
            host = host[len(prefix):]
            break
    domains = _table().domains
    first = parts.path.strip("/").split("/", 1)[0]
    labels = host.split(".")
    for start in range(len(labels) - 1):
        candidate = ".".join(labels[start:])
        if first and f"{candidate}/{first}" in domains:
            return domains[f"{candidate}/{first}"]
        if candidate in domains:
            return domains[candidate]
    return None


def _from_field(value: str) -> str | None:
    """A metadata outlet: a known code or domain becomes its Arabic name; a name is kept as written."""
    text = value.strip()
    if not text:
        return None
    known = _table().codes.get(text.lower())
    if known:
        return known
    if "." in text and " " not in text:
        return outlet_from_url(text) or text
    key = line_key(text)
    return _table().alias_names.get(key, text)


_OWNER = re.compile(r"(?:محفوظة|محفوظه)\s*(?:ل|لـ|ل\s*ـ|لصالح|الى|إلى)\s*(?P<name>[^\d©|.,،\n]{2,40})"
                    r"|©\s*(?:\d{4}\s*[-–]?\s*)*(?P<name2>[^\d|.,،\n]{2,40})")


def outlet_from_credits(lines: Iterable[str]) -> str | None:
    """The outlet a footer credit names: a known outlet near a credit cue, else the owner in
    'جميع الحقوق محفوظة لـ X' / '© 2019 X'."""
    v = vocab()
    table = _table()
    for text in lines:
        if len(text) > 400:
            continue
        key = line_key(text)
        if not v.credit_cues.search(key) and "©" not in text:
            continue
        known = table.aliases.search(key)
        if known:
            return table.alias_names[known.group()]
        m = _OWNER.search(text)
        if m:
            name = (m.group("name") or m.group("name2") or "").strip(" -–|:ـ")
            name = re.sub(r"\s*(?:جميع الحقوق محفوظة|all rights reserved).*$", "", name, flags=re.IGNORECASE).strip()
            if name and name.count(" ") < 4:
                return table.alias_names.get(line_key(name), name)
    return None


def resolve_outlet(field: str | None, url: str | None, credit_lines: Iterable[str]) -> str | None:
    """Metadata first, then the URL, then footer credits."""
    if field:
        found = _from_field(field)
        if found:
            return found
    return outlet_from_url(url) or outlet_from_credits(credit_lines)
