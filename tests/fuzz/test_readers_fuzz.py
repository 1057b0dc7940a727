"""Fuzzing the readers: generated and broken inputs of every format marsad reads are each either
read or skipped with a reason; nothing raises, nothing hangs. About 10,000 inputs a run
(MARSAD_FUZZ_EXAMPLES per test, 1,250 by default; `make fuzz` runs ten times as many)."""
from __future__ import annotations

import gzip
import io
import json
import os
import re
import time
import zipfile
from pathlib import Path

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from marsad.model import Article, Skip
from marsad.pipeline import read_articles

EXAMPLES = int(os.environ.get("MARSAD_FUZZ_EXAMPLES", "1250"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                       HealthCheck.data_too_large])
SLOWEST = 5.0        # seconds one input may take before the run counts it a hang
ARABIC_LETTER = re.compile(r"[\u0621-\u064A]")

ARABIC = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي ءآأإؤئىة٠١٢٣٤٥٦٧٨٩،؛؟"
CONTROLS = "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2069\ufeff\x00\r\t"
text_chars = st.text(alphabet=ARABIC + CONTROLS + "abc<>&;\"'{}[]:,.\n0123456789/-", max_size=400)
EXTENSIONS = (".txt", ".html", ".htm", ".json", ".jsonl", ".xml", ".rss", ".atom", ".warc", ".warc.gz", ".zip", ".gz")


TIMINGS: list[tuple[float, str, int]] = []    # (seconds, input, bytes) of every input read


@pytest.fixture(scope="module", autouse=True)
def timing_report(request: pytest.FixtureRequest):
    """After the module: how many inputs were read and the slowest, on the terminal (and as JSON in
    MARSAD_FUZZ_REPORT when set), for the figures the issue notes give."""
    yield
    if not TIMINGS:
        return
    seconds, name, size = max(TIMINGS)
    line = (f"fuzz: {len(TIMINGS):,} inputs read or skipped, slowest {seconds:.2f} s "
            f"({name}, {size:,} bytes), total {sum(t for t, _, _ in TIMINGS):.1f} s")
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None:
        reporter.write_line(line)
    if os.environ.get("MARSAD_FUZZ_REPORT"):
        Path(os.environ["MARSAD_FUZZ_REPORT"]).write_text(json.dumps(
            {"inputs": len(TIMINGS), "slowest_seconds": seconds, "slowest_input": name, "slowest_bytes": size}))


def read_all(path: Path, analyse: bool = False) -> list[Article | Skip]:
    started = time.monotonic()
    items = list(read_articles([path], with_analysis=analyse))
    took = time.monotonic() - started
    TIMINGS.append((took, f"{path.parent.name[:-1].rstrip('0123456789')}/{path.name}", path.stat().st_size))
    assert took < SLOWEST, f"{path.name} took too long"
    assert all(isinstance(i, (Article, Skip)) for i in items)
    assert all(ARABIC_LETTER.search(i.reason) for i in items if isinstance(i, Skip)), "reasons are Arabic"
    return items


@FUZZ
@given(data=st.binary(max_size=2_000), ext=st.sampled_from(EXTENSIONS))
def test_random_bytes_of_any_extension_are_read_or_skipped(tmp_path_factory, data, ext):
    path = tmp_path_factory.mktemp("b") / f"input{ext}"
    path.write_bytes(data)
    read_all(path)


@FUZZ
@given(body=text_chars, encoding=st.sampled_from(["utf-8", "utf-16", "cp1256", "utf-8-sig"]))
def test_text_with_controls_in_any_encoding_is_read_and_analysed(tmp_path_factory, body, encoding):
    path = tmp_path_factory.mktemp("t") / "article.txt"
    path.write_bytes(body.encode(encoding, errors="replace"))
    read_all(path, analyse=True)


@FUZZ
@given(depth=st.integers(0, 3_000), attr=st.integers(0, 50_000), body=text_chars)
def test_deeply_nested_html_with_huge_attributes(tmp_path_factory, depth, attr, body):
    html = ("<div class='" + "x" * attr + "'>") + "<div>" * depth + f"<p>{body}</p>" + "</div>" * (depth // 2)
    path = tmp_path_factory.mktemp("h") / "page.html"
    path.write_text(f"<html><head><title>{body[:40]}</title></head><body>{html}</body></html>", "utf-8")
    read_all(path)


@FUZZ
@given(depth=st.integers(0, 2_000), body=text_chars)
def test_deeply_nested_json_records(tmp_path_factory, depth, body):
    nested = "[" * depth + json.dumps({"text": body}) + "]" * depth
    path = tmp_path_factory.mktemp("j") / "records.jsonl"
    path.write_text(nested + "\n" + json.dumps({"title": body[:30], "content": body}) + "\n", "utf-8")
    read_all(path)


def _zip_of(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buffer.getvalue()


@FUZZ
@given(body=text_chars, cut=st.floats(0, 1), flips=st.lists(st.integers(0, 10_000), max_size=8),
       kind=st.sampled_from(["zip", "gz", "warc.gz"]))
def test_truncated_and_corrupted_archives(tmp_path_factory, body, cut, flips, kind):
    if kind == "zip":
        data = _zip_of({"a.txt": body.encode("utf-8"), "b.json": json.dumps({"content": body}).encode()})
    elif kind == "gz":
        data = gzip.compress(body.encode("utf-8"))
    else:
        record = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://x.example/a\r\n"
                  f"Content-Length: {len(body.encode()) + 40}\r\n\r\nHTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n"
                  f"<p>{body}</p>\r\n\r\n")
        data = gzip.compress(record.encode("utf-8"))
    data = bytearray(data[:max(1, int(len(data) * cut))] if cut < 0.97 else data)
    for at in flips:
        if data:
            data[at % len(data)] ^= 0x5A
    path = tmp_path_factory.mktemp("z") / f"archive.{kind}"
    path.write_bytes(bytes(data))
    read_all(path)


@FUZZ
@given(body=text_chars, depth=st.integers(1, 6))
def test_xml_entity_expansion_is_not_expanded_into_memory(tmp_path_factory, body, depth):
    entities = '<!ENTITY e0 "' + ("ها" * 20) + '">' + "".join(
        f'<!ENTITY e{i} "' + f"&e{i - 1};" * 10 + '">' for i in range(1, depth + 1))
    feed = (f'<?xml version="1.0"?><!DOCTYPE rss [{entities}]><rss><channel><item><title>&e{depth};</title>'
            f"<description>{body.replace('<', ' ').replace('&', ' ')}</description></item></channel></rss>")
    path = tmp_path_factory.mktemp("x") / "feed.xml"
    path.write_text(feed, "utf-8")
    read_all(path)


@FUZZ
@given(body=text_chars, members=st.integers(1, 30))
def test_zips_of_many_members_and_nested_zips(tmp_path_factory, body, members):
    inner = _zip_of({f"m{i}.txt": (body + str(i)).encode("utf-8") for i in range(members)})
    outer = _zip_of({"inner.zip": inner, "deeper.zip": _zip_of({"x.zip": _zip_of({"y.zip": inner})})})
    path = tmp_path_factory.mktemp("n") / "bundle.zip"
    path.write_bytes(outer)
    read_all(path)


@FUZZ
@given(body=text_chars)
def test_long_single_lines_and_nul_bytes(tmp_path_factory, body):
    path = tmp_path_factory.mktemp("l") / "line.txt"
    path.write_bytes(((body or "خبر") * 200).replace("\n", " ").encode("utf-8") + b"\x00" * 10)
    read_all(path, analyse=True)
