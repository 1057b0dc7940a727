"""Publication time and outlet recovered from the demo corpus's plain-text dumps, measured against
examples/MANIFEST.json. Dumps carry no metadata: everything comes from the text (dateline, site
header, credit lines). The thresholds are what cleaning reaches today; raise them, never lower them.

Outlet names are compared as marsad shows them (one name per publisher: "عين الفرات" for "موقع عين
الفرات"), and also folded. Four dumps name their outlet only in the body
("قال مصدر لـ«…»"), which cleaning deliberately never reads, since other outlets are cited there.
"""
from __future__ import annotations

import json

import pytest

from marsad.clean import clean
from marsad.clean.outlets import outlet_name
from marsad.clean.vocab import line_key
from marsad.ingest import read_paths
from marsad.model import RawArticle


def _core(name: str) -> str:
    return line_key(outlet_name(name))


def _same_time(got: str | None, expected: str) -> bool:
    """`got` agrees with the manifest's zoned time: equal, or the same wall clock / day left naive."""
    if got is None:
        return False
    if got == expected:
        return True
    naive = expected[:19] if len(got) > 10 else expected[:10]
    return got == naive


@pytest.fixture(scope="module")
def dumps(examples_dir):
    manifest = json.loads((examples_dir / "MANIFEST.json").read_text("utf-8"))["articles"]
    found = {}
    for raw in read_paths([examples_dir / "text", examples_dir / "archives"]):
        if isinstance(raw, RawArticle) and raw.kind == "text":
            locator = raw.source.replace("\\", "/").split("examples/", 1)[-1]
            found[locator] = (clean(raw), manifest[locator])
    return found


def test_every_text_dump_in_the_manifest_is_read(dumps, examples_dir):
    manifest = json.loads((examples_dir / "MANIFEST.json").read_text("utf-8"))["articles"]
    expected = {k for k, v in manifest.items() if v.get("format") == "txt"}
    assert set(dumps) == expected and len(dumps) >= 15


def test_published_comes_from_the_dateline(dumps):
    right = [k for k, (a, e) in dumps.items() if _same_time(a.published, e["published"])]
    assert len(right) / len(dumps) >= 0.95, sorted(set(dumps) - set(right))


def test_outlet_comes_from_header_dateline_or_credits(dumps):
    exact = [k for k, (a, e) in dumps.items() if a.outlet == outlet_name(e["outlet"])]
    same = [k for k, (a, e) in dumps.items() if a.outlet and _core(a.outlet) == _core(e["outlet"])]
    wrong = [k for k, (a, e) in dumps.items() if a.outlet and _core(a.outlet) != _core(e["outlet"])]
    assert not wrong, wrong                              # never another outlet (a cited agency, say)
    assert len(exact) / len(dumps) >= 0.5, sorted(set(dumps) - set(exact))
    assert len(same) / len(dumps) >= 0.7, sorted(set(dumps) - set(same))


def test_the_demo_corpus_shows_one_name_per_publisher(examples_dir):
    from marsad.clean.outlets import outlet_core

    outlets = {clean(raw).outlet for raw in read_paths([examples_dir]) if isinstance(raw, RawArticle)}
    names = sorted(o for o in outlets if o)
    assert len(names) >= 8
    assert len({outlet_core(o) for o in names}) == len(names), names
    assert not [o for o in names if o.endswith((".txt", ".html", ".json", ".jsonl"))]   # never a file name
