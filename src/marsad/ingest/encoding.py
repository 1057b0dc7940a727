"""Bytes -> text for the encodings Arabic news actually comes in.

Order matters and is cheap first: a byte-order mark decides outright; then strict UTF-8 (nearly
everything today); then BOM-less UTF-16 recognised by where its NUL bytes fall; then the two legacy
Arabic single-byte code pages, Windows-1256 and ISO-8859-6, told apart by which one turns the high
bytes into Arabic letters rather than accented Latin letters or stray diacritics (see
docs/ingest.md for the measurement against charset-normalizer).
"""
from __future__ import annotations

import codecs
import re

from marsad.ingest.reasons import reason

__all__ = ["DecodeError", "decode", "looks_binary"]

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),     # checked before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_SNIFF = 8192
# A file that is UTF-8 except for a handful of bad bytes (a cut download, one pasted character) is
# still UTF-8: decoding it as a code page would garble every Arabic letter in it.
_MAX_UTF8_ERROR_RATE = 0.002

_ARABIC_LETTER = re.compile(r"[\u0621-\u063A\u0641-\u064A]")
_LATIN_ACCENTED = re.compile(r"[\u00C0-\u00FF]")
# A harakah/tanween with no letter before it: what ISO-8859-6 bytes 0xEB-0xF2 become when the
# file was really Windows-1256 (and vice versa for 0xF0-0xFE).
_ORPHAN_MARK = re.compile(r"(?:^|[\s\W\d])[\u064B-\u0652]")
# An Arabic letter glued to a Latin one: what Latin-1/cp1252 text looks like read as an Arabic code page.
_MIXED_WORD = re.compile(r"[\u0621-\u064A][A-Za-z]|[A-Za-z][\u0621-\u064A]")
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13)) + b"\x7f"


class DecodeError(ValueError):
    """The bytes are not text in any encoding we accept; the message is the user-facing reason."""


def looks_binary(head: bytes) -> bool:
    """True for bytes that are not text in any encoding (NULs or many control bytes)."""
    if not head:
        return False
    if _utf16_endianness(head) is not None:
        return False
    if b"\x00" in head:
        return True
    controls = sum(head.count(bytes([b])) for b in _CONTROL_BYTES)
    return controls > max(2, len(head) // 100)


def decode(data: bytes, hint: str | None = None) -> tuple[str, str]:
    """(text, encoding name) for `data`; raises DecodeError with a one-line reason.

    `hint` is a charset declared by the container (HTTP header, <meta charset>); it is trusted only
    when it names one of the Arabic code pages and decodes cleanly, since pages often lie.
    """
    if not data.strip(b" \t\r\n\x00"):
        raise DecodeError(reason("empty_file"))
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name), _label(name, bom)
            except UnicodeDecodeError as exc:
                raise DecodeError(reason("bom_mismatch", label=_label(name, bom), encoding=name.upper(),
                                         offset=exc.start)) from None
    head = data[:_SNIFF]
    endian = _utf16_endianness(head)     # before UTF-8: BOM-less UTF-16 Arabic is all bytes < 0x80
    if endian is not None:
        try:
            return data.decode(endian), endian
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if looks_binary(head):
        raise DecodeError(reason("binary_file"))
    lenient = data.decode("utf-8", errors="replace")
    if lenient.count("\ufffd") <= max(1, int(len(lenient) * _MAX_UTF8_ERROR_RATE)):
        return lenient, "utf-8"
    return _decode_arabic_codepage(data, hint)


def _label(name: str, bom: bytes) -> str:
    if name == "utf-8-sig":
        return "utf-8-sig"
    if name == "utf-32":
        return "utf-32-le" if bom == codecs.BOM_UTF32_LE else "utf-32-be"
    return "utf-16-le" if bom == codecs.BOM_UTF16_LE else "utf-16-be"


def _utf16_endianness(head: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when NULs and Arabic high bytes (0x06) sit on one parity only."""
    if len(head) < 4 or head.count(0) < len(head) // 20:
        return None
    head = head[: len(head) - len(head) % 2]
    even, odd = head[0::2], head[1::2]
    high_odd = odd.count(0) + odd.count(6)       # LE: the high byte of each unit is the odd one
    high_even = even.count(0) + even.count(6)
    units = len(head) // 2
    if high_odd >= 0.7 * units and even.count(0) <= units // 50:
        return "utf-16-le"
    if high_even >= 0.7 * units and odd.count(0) <= units // 50:
        return "utf-16-be"
    return None


def arabic_score(text: str) -> float:
    """How much `text` reads as Arabic: letters count for, Latin accents and orphan marks against."""
    letters = len(_ARABIC_LETTER.findall(text))
    latin = len(_LATIN_ACCENTED.findall(text))
    orphans = len(_ORPHAN_MARK.findall(text))
    mixed = len(_MIXED_WORD.findall(text))
    return letters - 4 * (latin + orphans + mixed)


def _decode_arabic_codepage(data: bytes, hint: str | None) -> tuple[str, str]:
    candidates: dict[str, str] = {}
    for name in ("windows-1256", "iso-8859-6"):
        try:
            candidates[name] = data.decode(name)
        except UnicodeDecodeError:
            continue
    hinted = _normalise_hint(hint)
    if hinted in candidates and arabic_score(candidates[hinted]) > 0:
        return candidates[hinted], hinted
    scored = sorted(((arabic_score(text), name) for name, text in candidates.items()), reverse=True)
    if scored and scored[0][0] > 0:
        best = scored[0][1]
        return candidates[best], best
    raise DecodeError(reason("not_arabic_text"))


def _normalise_hint(hint: str | None) -> str | None:
    if not hint:
        return None
    try:
        name = codecs.lookup(hint.strip().strip("\"'")).name
    except LookupError:
        return None
    return {"cp1256": "windows-1256", "iso8859-6": "iso-8859-6"}.get(name)
