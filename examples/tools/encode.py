#!/usr/bin/env python3
"""Check or regenerate the non-UTF-8 plain-text dumps of the demo corpus.

The encoded .txt files under examples/text/ are committed as they are (we do not
keep a second UTF-8 copy of the same article in the repository, so that ingesting
examples/ never sees an article twice). The encoding of every file is recorded in
examples/MANIFEST.json ("articles" -> locator -> "encoding"). This tool uses that
table:

    encode.py --verify            check each file really is in the encoding claimed
    encode.py --export DIR        write UTF-8 copies to DIR (for editing; keep DIR out of examples/)
    encode.py --import DIR        re-encode the edited UTF-8 copies from DIR back into examples/text/

Encodings used: utf-8, utf-8-sig (UTF-8 with BOM), cp1256 (Windows-1256),
iso-8859-6, utf-16 (little endian with BOM). cp1256 and iso-8859-6 cannot hold
Arabic-Indic digits, so those articles use ASCII digits; iso-8859-6 also lacks
guillemets and curly quotes, so that article uses straight quotes.
"""
import argparse
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
EXAMPLES = os.path.dirname(HERE)


def table():
    with open(os.path.join(EXAMPLES, "MANIFEST.json"), encoding="utf-8") as f:
        man = json.load(f)
    return {loc: a["encoding"] for loc, a in man["articles"].items()
            if a["format"] == "txt" and "!" not in loc and "#" not in loc}


def verify(tab):
    bad = 0
    for loc, enc in sorted(tab.items()):
        raw = open(os.path.join(EXAMPLES, loc), "rb").read()
        problems = []
        if enc == "utf-8-sig" and not raw.startswith(b"\xef\xbb\xbf"):
            problems.append("missing UTF-8 BOM")
        if enc == "utf-8" and raw.startswith(b"\xef\xbb\xbf"):
            problems.append("unexpected BOM")
        if enc == "utf-16" and raw[:2] not in (b"\xff\xfe", b"\xfe\xff"):
            problems.append("missing UTF-16 BOM")
        if enc in ("cp1256", "iso-8859-6", "utf-16"):
            try:
                raw.decode("utf-8")
                problems.append("is valid UTF-8")
            except UnicodeDecodeError:
                pass
        try:
            text = raw.decode(enc)
            arabic = sum(1 for c in text if "\u0600" <= c <= "\u06ff")
            if arabic < 200:
                problems.append("decodes to little Arabic (%d letters)" % arabic)
        except UnicodeDecodeError as e:
            problems.append("does not decode: %s" % e)
        print(("FAIL " if problems else "ok   ") + "%-60s %-11s %s" % (loc, enc, "; ".join(problems)))
        bad += bool(problems)
    return bad


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    g = ap.add_mutually_exclusive_group(required=True)
    g.add_argument("--verify", action="store_true")
    g.add_argument("--export", metavar="DIR")
    g.add_argument("--import", dest="import_", metavar="DIR")
    args = ap.parse_args()
    tab = table()
    if args.verify:
        sys.exit(1 if verify(tab) else 0)
    for loc, enc in sorted(tab.items()):
        name = os.path.basename(loc)
        if args.export:
            os.makedirs(args.export, exist_ok=True)
            text = open(os.path.join(EXAMPLES, loc), "rb").read().decode(enc)
            with open(os.path.join(args.export, name), "w", encoding="utf-8", newline="") as f:
                f.write(text)
        else:
            src = os.path.join(args.import_, name)
            if not os.path.exists(src):
                continue
            text = open(src, encoding="utf-8-sig", newline="").read()
            with open(os.path.join(EXAMPLES, loc), "wb") as f:
                f.write(text.encode(enc))  # utf-8-sig / utf-16 codecs add the BOM
            print("re-encoded", loc, "as", enc)


if __name__ == "__main__":
    main()
