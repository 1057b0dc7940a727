"""The demo corpus in examples/ matches what examples/MANIFEST.json says about it.

Locators (relative to examples/): "path" for a one-article file, "path#N" for the
N-th record (1-based) of a JSON array / JSONL line / RSS item / Atom entry / WARC
record (every record counts: warcinfo is #1), "archive.zip!member" for a zip member.
"""
from __future__ import annotations

import datetime as dt
import html
import json
import re
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
MANIFEST = json.loads((EXAMPLES / "MANIFEST.json").read_text("utf-8"))
ARTICLES = MANIFEST["articles"]
STORIES = MANIFEST["stories"]
ATOM = "{http://www.w3.org/2005/Atom}"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
ARABIC = re.compile(r"[\u0621-\u064a]")


def _warc_records(path: Path) -> list[str]:
    """Every WARC record (warcinfo and request included, so numbering matches the reader);
    the text of response records, "" for the others."""
    from warcio.archiveiterator import ArchiveIterator

    out = []
    with path.open("rb") as f:
        for rec in ArchiveIterator(f):
            body = rec.content_stream().read()
            out.append(body.decode("utf-8") if rec.rec_type == "response" else "")
    return out


def _records(path: Path) -> list[str]:
    """Every record of a multi-record file, as text."""
    name = path.name
    if name.endswith(".jsonl"):
        return [json.loads(line)["content"] for line in path.read_text("utf-8").splitlines()]
    if name.endswith(".json"):
        return [r["article_body"] for r in json.loads(path.read_text("utf-8"))]
    if name.endswith(".rss.xml"):
        return [i.findtext(CONTENT) for i in ET.parse(path).getroot().iter("item")]
    if name.endswith(".atom.xml"):
        return [html.unescape(e.findtext(ATOM + "content")) for e in ET.parse(path).getroot().iter(ATOM + "entry")]
    if ".warc" in name:
        return _warc_records(path)
    raise AssertionError(f"no record reader for {name}")


def article_text(loc: str) -> str:
    """The decoded text of one article (HTML entities unescaped)."""
    enc = ARTICLES.get(loc, {}).get("encoding", "utf-8")
    if "!" in loc:
        zpath, member = loc.split("!", 1)
        raw = zipfile.ZipFile(EXAMPLES / zpath).read(member)
        return html.unescape(raw.decode(enc))
    if "#" in loc:
        path, n = loc.rsplit("#", 1)
        if path.endswith(".jsonl"):  # read only the line asked for: a neighbouring line may be broken on purpose
            line = (EXAMPLES / path).read_text("utf-8").splitlines()[int(n) - 1]
            return json.loads(line)["content"]
        return html.unescape(_records(EXAMPLES / path)[int(n) - 1])
    return html.unescape((EXAMPLES / loc).read_bytes().decode(enc))


def all_locators() -> list[str]:
    locs = set(ARTICLES) | set(MANIFEST["standalone"]) | set(MANIFEST.get("bad_good_records", {}))
    for s in STORIES:
        locs |= set(s["articles"])
        locs |= {q for x in s["quotes_shared"] for q in x["articles"]}
        locs |= set(s.get("agency_copy", {}).get("articles", []))
        locs |= {c["article"] for c in s.get("citation_chains", [])}
    return sorted(locs)


@pytest.mark.parametrize("loc", all_locators())
def test_locator_points_to_a_record(loc):
    if "!" in loc:
        zpath, member = loc.split("!", 1)
        assert (EXAMPLES / zpath).is_file()
        assert member in zipfile.ZipFile(EXAMPLES / zpath).namelist()
    elif "#" in loc:
        path, n = loc.rsplit("#", 1)
        p = EXAMPLES / path
        assert p.is_file(), p
        n = int(n)
        assert n >= 1
        if p.name.endswith(".jsonl"):
            lines = p.read_text("utf-8").splitlines()
            assert n <= len(lines)
            rec = json.loads(lines[n - 1])
            assert rec["title"] and rec["content"] and rec["url"] and rec["date"] and rec["source"]
        else:
            assert n <= len(_records(p))
    else:
        assert (EXAMPLES / loc).is_file(), loc
    minimum = 100 if loc.startswith("bad/") else 400
    assert len(ARABIC.findall(article_text(loc))) > minimum


def test_corpus_size():
    assert len(ARTICLES) >= 40
    story_arts = [a for s in STORIES for a in s["articles"]]
    assert len(story_arts) == len(set(story_arts)), "an article belongs to two stories"
    assert set(story_arts) | set(MANIFEST["standalone"]) == set(ARTICLES)
    assert not set(story_arts) & set(MANIFEST["standalone"])
    assert 4 <= len(MANIFEST["standalone"]) <= 6


def test_stories_have_three_or_more_outlets():
    assert len(STORIES) >= 8
    for s in STORIES:
        outlets = {ARTICLES[a]["outlet"] for a in s["articles"]}
        assert len(outlets) >= 3, s["id"]
        assert set(s["outlets"]) == outlets, s["id"]
        assert s["origin"] and ARABIC.search(s["origin"])
        assert s["first_seen"] == min((ARTICLES[a]["published"] for a in s["articles"]),
                                      key=dt.datetime.fromisoformat)
        for d in s["disagreements"]:
            assert set(d["values"]) <= outlets, (s["id"], d["what"])
            assert len(d["values"]) >= 2


def test_published_dates_are_iso_and_agree_with_the_file():
    for loc, a in ARTICLES.items():
        t = dt.datetime.fromisoformat(a["published"])
        assert t.tzinfo is not None and dt.datetime(2025, 3, 1, tzinfo=t.tzinfo) <= t <= dt.datetime(2025, 4, 30, tzinfo=t.tzinfo)
        if loc.endswith(".html") or (".html" in loc and "!" in loc):
            assert f'content="{a["published"]}"' in article_text(loc)


def test_shared_quotes_appear_in_every_listed_article():
    for s in STORIES:
        for q in s["quotes_shared"]:
            assert len(q["articles"]) >= 2
            for loc in q["articles"]:
                assert q["text"] in article_text(loc), (s["id"], loc)


def _paragraphs(loc: str) -> set[str]:
    text = re.sub(r"<[^>]+>", "\n", article_text(loc))
    return {line.strip() for line in text.splitlines() if len(line.strip()) > 80}


def test_agency_copies_share_the_same_body():
    copies = [s["agency_copy"] for s in STORIES if "agency_copy" in s]
    assert len(copies) >= 2
    for c in copies:
        assert len(c["articles"]) >= 3
        # the wire text is re-run word for word; only headers, credit lines and page furniture differ
        common = set.intersection(*(_paragraphs(loc) for loc in c["articles"]))
        assert len(common) >= 5 and sum(map(len, common)) > 800, c["agency"]
        assert len({ARTICLES[loc]["outlet"] for loc in c["articles"]}) == len(c["articles"])


def test_encodings_are_what_the_manifest_claims():
    seen = set()
    for loc, a in ARTICLES.items():
        if a["format"] != "txt" or "!" in loc or "#" in loc:
            continue
        raw = (EXAMPLES / loc).read_bytes()
        enc = a["encoding"]
        seen.add(enc)
        if enc in ("cp1256", "iso-8859-6", "utf-16"):
            with pytest.raises(UnicodeDecodeError):
                raw.decode("utf-8")
        if enc == "utf-8":
            assert not raw.startswith(b"\xef\xbb\xbf")
        if enc == "utf-8-sig":
            assert raw.startswith(b"\xef\xbb\xbf")
        if enc == "utf-16":
            assert raw[:2] in (b"\xff\xfe", b"\xfe\xff")
        text = raw.decode(enc)
        assert len(ARABIC.findall(text)) > 400, loc
        assert a["title"].replace("،", "") [:20] in text.replace("،", ""), loc
    assert {"utf-8", "utf-8-sig", "cp1256", "iso-8859-6", "utf-16"} <= seen


def test_formats_are_spread():
    fmts = {}
    for a in ARTICLES.values():
        fmts[a["format"]] = fmts.get(a["format"], 0) + 1
    assert fmts.get("html", 0) >= 8 and fmts.get("txt", 0) >= 10
    for f in ("jsonl", "json", "rss", "atom", "warc"):
        assert fmts.get(f, 0) >= 2, f
    assert sum(1 for loc in ARTICLES if "!" in loc) >= 4


def test_hijri_dates_present():
    hits = sum(1 for loc in ARTICLES if re.search(r"رمضان\s+(1446|١٤٤٦)", article_text(loc)))
    assert hits >= 3


def test_bad_inputs_are_really_bad():
    bad = EXAMPLES / "bad"
    assert (bad / "empty.txt").stat().st_size == 0
    raw = (bad / "binary_dump.txt").read_bytes()
    assert b"\x00" in raw
    lines = (bad / "partly_broken.jsonl").read_text("utf-8").splitlines()
    assert len(lines) == 3
    json.loads(lines[0]), json.loads(lines[2])
    with pytest.raises(json.JSONDecodeError):
        json.loads(lines[1])
    with pytest.raises(zipfile.BadZipFile):
        zipfile.ZipFile(bad / "corrupt_bundle.zip")
    import gzip
    with pytest.raises(EOFError):
        gzip.decompress((bad / "truncated_crawl.warc.gz").read_bytes())
    for loc in MANIFEST["bad"]:
        assert (EXAMPLES / loc).is_file()
