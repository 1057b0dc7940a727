"""Which outlet published an article: a source code or domain from the metadata, the URL's host,
or what a text dump says of itself: a credit line in the footer ("محتوى الحل نت", "جميع الحقوق
محفوظة لـ…", "© …"), a site-name header ("قناة X الإخبارية", "عين الفرات | أخبار") or the name
before the dateline ("صحيفة الأفق - الأربعاء 5 مارس 2025").

Names come from data/outlets.json. When there is no evidence the answer is None: an outlet is never
guessed from the body, where other outlets are cited as sources.
"""
from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit

import tomllib

from marsad.clean.vocab import line_key, vocab

__all__ = ["USER_OUTLETS", "known_outlets", "masthead_name", "outlet_core", "outlet_descriptors", "outlet_from_credits", "outlet_from_url",
           "outlet_host", "outlet_name", "resolve_outlet", "self_name", "use_user_outlets", "user_outlets"]

_HOST_PREFIXES = ("www.", "m.", "ar.", "amp.", "mobile.")


@dataclass(frozen=True)
class _Table:
    codes: dict[str, str]
    domains: dict[str, str]
    aliases: re.Pattern[str]          # over line keys
    alias_names: dict[str, str]


USER_OUTLETS = "MARSAD_OUTLETS"   # environment variable naming a user's outlet file (marsad ingest --outlets)


def user_outlets(path: str | Path) -> list[dict]:
    """The outlets of a user's file: JSON {"outlets": [...]} or TOML [[outlets]] tables, each with a
    "name" and optional "aliases", "domains", "codes" (as in data/outlets.json). Raises ValueError
    with what is wrong, so the command line can say it before any work."""
    path = Path(path)
    try:
        raw = path.read_text("utf-8")
        data = tomllib.loads(raw) if path.suffix.lower() == ".toml" else json.loads(raw)
    except (OSError, ValueError) as exc:
        from marsad.ingest.reasons import library_error, os_error, reason

        why: object = exc     # a TOML error stays in tomllib's words
        if isinstance(exc, OSError):
            why = os_error(exc)
        elif isinstance(exc, json.JSONDecodeError):
            why = reason("json_invalid", error=library_error(exc.msg), line=exc.lineno, column=exc.colno)
        raise ValueError(f"تعذرت قراءة ملف المنابر {path}: {why}") from exc
    outlets = data.get("outlets") if isinstance(data, dict) else None
    if not isinstance(outlets, list) or not all(isinstance(o, dict) and isinstance(o.get("name"), str)
                                                for o in outlets):
        raise ValueError(f"{path}: يُنتظر في الملف قائمة 'outlets' من جداول لكل منها 'name' "
                         "(و'aliases' و'domains' إن وُجدت)")
    return outlets


def use_user_outlets(path: str | Path | None) -> None:
    """Read outlets from the user's file from now on (this process and the workers it starts)."""
    if path is None:
        return
    user_outlets(path)                       # fail early, with the file's problem
    os.environ[USER_OUTLETS] = str(Path(path).resolve())
    _table.cache_clear()
    outlet_name.cache_clear()


def known_outlets() -> list[dict]:
    """Every outlet marsad knows: the user's file first (its names win), then data/outlets.json."""
    data = json.loads(resources.files("marsad.clean").joinpath("data/outlets.json").read_text("utf-8"))
    user = os.environ.get(USER_OUTLETS)
    return [*(user_outlets(user) if user else []), *data["outlets"]]


@lru_cache(maxsize=1)
def _table() -> _Table:
    codes: dict[str, str] = {}
    domains: dict[str, str] = {}
    alias_names: dict[str, str] = {}
    for outlet in known_outlets():
        name = outlet["name"]
        for code in outlet.get("codes", []):
            codes.setdefault(code.lower(), name)
        for domain in outlet.get("domains", []):
            domains.setdefault(domain.lower(), name)
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


def outlet_host(url: str | None) -> str | None:
    """The host of an article's URL ('www.example-news.com/a/1' → 'example-news.com'): the outlet
    of last resort, when neither the record, a known domain nor the page names one."""
    if not url or "//" not in url:
        return None
    host = (urlsplit(url.strip().lower()).hostname or "").rstrip(".")
    for prefix in _HOST_PREFIXES:
        if host.startswith(prefix):
            host = host[len(prefix):]
            break
    return host if "." in host and not host.replace(".", "").isdigit() else None


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


# Credit cues, on the original line, each with its rank (lower is stronger evidence that the name
# is the publisher): a copyright owner, then a page header (masthead), "محتوى X", the outlet named
# before the dateline, an app or readership promo, and last "المصدر: X" (often the agency copied).
_COPYRIGHT, _MASTHEAD, _CONTENT, _DATELINE, _PROMO, _SOURCE, _KNOWN = range(7)
_NAMED = {"masthead": _MASTHEAD, "dateline": _DATELINE}
_LETTERS = r"[^\W\d_]"
_CUES = (
    (_COPYRIGHT, re.compile(r"محفوظ[ةه]\s*(?:ل(?:صالح)?\s*ـ?\s*|[إا]لى\s+)")),
    (_COPYRIGHT, re.compile(r"(?:©|\(c\)|copyright)\s*(?:(?:\d{4}\s*[-–]?\s*)+)?", re.IGNORECASE)),
    (_CONTENT, re.compile(rf"(?<!{_LETTERS})محتوى\s+")),
    (_PROMO, re.compile(rf"(?<!{_LETTERS})(?:تطبيق|قر[اآ]ء|متابعي)\s+")),
    (_SOURCE, re.compile(r"^\s*(?:ال)?مصدر\s*[:：\-–—]\s*")),
)
_COPYRIGHT_TAIL = re.compile(r"(?:(?:جميع|كل)\s+)?(?:ال)?حقوق|©|all rights|copyright", re.IGNORECASE)
_STOP = re.compile(r"[.,،:;؛|!?؟«»\"“”()\[\]{}/\\–—+&]|\s-\s|\s-$|\d{4}")
_WORD = re.compile(r"\S+")
_AGENCY_WORDS = frozenset({"انباء", "اخبار"})   # folded: 'وكالة أنباء X', 'شبكة أخبار X'
_SEPARATOR = re.compile(r"\s*(?:[|–—:]|\s-\s|»|›)\s*")


@dataclass(frozen=True)
class _Names:
    descriptors: frozenset[str]
    name_words: frozenset[str]
    endings: frozenset[str]
    navigation: frozenset[str]
    not_names: frozenset[str]
    brand_descriptors: frozenset[str]
    generic_endings: frozenset[str]


@lru_cache(maxsize=1)
def _names() -> _Names:
    data = json.loads(resources.files("marsad.clean").joinpath("data/outlets.json").read_text("utf-8"))
    keys = {k: frozenset(line_key(w) for w in data[k]) for k in
            ("descriptors", "name_words", "name_endings", "navigation", "not_names", "brand_descriptors",
             "generic_endings")}
    return _Names(keys["descriptors"], keys["name_words"], keys["name_endings"], keys["navigation"],
                  keys["not_names"], keys["brand_descriptors"], keys["generic_endings"])


def outlet_descriptors() -> frozenset[str]:
    """The folded words that introduce an outlet's name (صحيفة، قناة، وكالة …)."""
    return _names().descriptors


def _leading_name(text: str) -> str:
    """The words at the start of `text` that can make up an outlet name, as written: a first word
    (and any word after a descriptor), then words with the article prefix (ال…), descriptors or name
    words ('نيوز', 'نت'), up to the first punctuation, year or other word ('محتوى الخليج الجديد
    واشترك…' → 'الخليج الجديد', 'لموقع وادي النيل الإخباري 2024' → 'موقع وادي النيل الإخباري')."""
    n = _names()
    head = _STOP.split(text, 1)[0]
    words: list[str] = []
    previous = ""
    for m in _WORD.finditer(head):
        word = m.group().strip("ـ")
        key = line_key(word)
        if not key:
            break
        if not words or (previous in n.descriptors or previous in _AGENCY_WORDS):
            # the first word, or the proper name after a descriptor ('موقع وادي النيل')
            if not re.fullmatch(rf"{_LETTERS}{{2,}}", key) or key in n.not_names:
                break
        elif not (key.startswith("ال") or key in n.descriptors or key in n.name_words
                  or (key.isascii() and key.isalpha())):
            break
        words.append(word)
        previous = key
        if len(words) == 6:
            break
    return " ".join(words)


def _has_descriptor(name: str) -> bool:
    return line_key(name).split(" ", 1)[0] in _names().descriptors


def _core(name: str) -> str:
    key = line_key(name)
    first, _, rest = key.partition(" ")
    return rest if first in _names().descriptors and rest else key


def _opens_name(word: str) -> bool:
    """A word that makes a descriptor part of the name: 'وكالة أنباء المشرق', 'وكالة الأنباء الليبية'."""
    key = line_key(word)
    words = _names().name_words
    return key in words or (key.startswith("ال") and key[2:] in words)


@lru_cache(maxsize=4096)
def outlet_name(name: str) -> str:
    """The one name marsad shows for a publisher, however an article writes it: a known outlet's
    name, else the name without its leading descriptor and generic ending ('صحيفة النهار المغاربية'
    and 'النهار المغاربية' → 'النهار المغاربية'; 'قناة الرافدين الإخبارية' → 'الرافدين'). Brand words
    stay ('موقع بوابة النيل' → 'بوابة النيل'). Per article and without context, so that every
    runner, process and database agrees on it."""
    text = " ".join(name.split())
    table = _table()
    known = table.alias_names.get(line_key(text))
    if known:
        return known
    n = _names()
    words = text.split(" ")
    while (len(words) > 1 and line_key(words[0]) in n.descriptors
           and line_key(words[0]) not in n.brand_descriptors and not _opens_name(words[1])):
        words = words[1:]
    while len(words) > 1 and line_key(words[-1]) in n.generic_endings:
        words = words[:-1]
    shown = " ".join(words)
    return table.alias_names.get(line_key(shown), shown)


def outlet_core(name: str) -> str:
    """The folded form of `outlet_name`: one key per publisher."""
    return line_key(outlet_name(name))


def self_name(text: str) -> str | None:
    """`text` when it is, as a whole, an outlet name a page writes for itself: a descriptor and a
    name ('قناة الرافدين الإخبارية', 'موقع بوابة النيل'), a name with an outlet ending
    ('الساحل نيوز'), or a known outlet of two words or more (one word is too often a place)."""
    text = text.strip()
    key = line_key(text)
    if not key or " " not in key or len(key) > 60:
        return None
    name = _leading_name(text)
    if line_key(name) != key:
        return None
    n = _names()
    words = key.split(" ")
    if words[0] in n.descriptors or words[-1] in n.endings or key in _table().alias_names:
        return text
    return None


def masthead_name(text: str) -> str | None:
    """The outlet a page header line names: 'قناة الرافدين الإخبارية', 'عين الفرات | أخبار',
    'موقع المدار - الصفحة الرئيسية'; None for anything else (a headline has words a name lacks)."""
    if len(text) > 80:
        return None
    named = self_name(text)
    if named:
        return named
    parts = [p for p in _SEPARATOR.split(text.strip()) if p]
    if len(parts) < 2:
        return None
    navigation = _names().navigation
    if not all(line_key(p) in navigation for p in parts[1:]):
        return None
    name = parts[0]
    key = line_key(name)
    if not key or key in navigation or key.count(" ") > 4 or line_key(_leading_name(name)) != key:
        return None
    return name


def _credit_names(lines: Iterable[str]) -> list[tuple[int, str, str]]:
    """(rank, name as written, text after the cue) for every outlet a credit line names."""
    found: list[tuple[int, str, str]] = []
    table = _table()
    v = vocab()
    for text in lines:
        if len(text) > 400:
            continue
        for rank, cue in _CUES:
            m = cue.search(text)
            if m is None:
                continue
            after = text[m.end():]
            name = _leading_name(after)
            if rank == _COPYRIGHT and not name:
                before = _COPYRIGHT_TAIL.split(text, 1)[0].strip(" -–|©")
                name = self_name(before) or ""
                after = before
            if not name or (rank == _PROMO and " " not in name and not _has_descriptor(name)):
                continue
            found.append((rank, name, after))
            break
        else:
            key = line_key(text)
            if v.credit_cues.search(key):
                known = table.aliases.search(key)
                if known:
                    found.append((_KNOWN, table.alias_names[known.group()], ""))
    return found


def _canonical(name: str, phrase: str) -> str:
    """A known outlet's display name when `name` (or a longer known name `phrase` opens with,
    'عنب بلدي') is one; otherwise the name as the outlet writes it."""
    table = _table()
    key = line_key(name)
    known = table.aliases.match(line_key(phrase)) if phrase else None
    if known and len(known.group()) > len(key):
        return table.alias_names[known.group()]
    return table.alias_names.get(key, name)


def outlet_from_credits(lines: Iterable[str], named: Iterable[tuple[str, str]] = ()) -> str | None:
    """The outlet an article names for itself: the owner in a credit line ('جميع الحقوق محفوظة
    لموقع X 2025', '© 2019 X', 'محتوى X'), a page header or the name before the dateline
    (`named`: ('masthead' | 'dateline', name) pairs). The strongest cue wins; when another cue
    writes the same name with its descriptor ('الأفق' / 'صحيفة الأفق'), that fuller form is kept."""
    candidates = _credit_names(lines)
    candidates += [(_NAMED[kind], name, name) for kind, name in named]
    if not candidates:
        return None
    candidates.sort(key=lambda c: c[0])
    _, name, phrase = candidates[0]
    key = line_key(name)
    fuller = next((c for c in candidates if _has_descriptor(c[1]) and _core(c[1]) == key), None)
    if fuller is not None:
        name, phrase = fuller[1], fuller[2]
    return _canonical(name, phrase)


def resolve_outlet(field: str | None, url: str | None, credit_lines: Iterable[str],
                   named: Iterable[tuple[str, str]] = ()) -> str | None:
    """Metadata first, then the URL, then what the article says of itself (credits, header, dateline),
    then the URL's host; shown under `outlet_name`."""
    found = (_from_field(field) if field else None) or outlet_from_url(url) \
        or outlet_from_credits(credit_lines, named)
    return outlet_name(found) if found else outlet_host(url)
