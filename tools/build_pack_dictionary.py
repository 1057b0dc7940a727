"""Write the preset dictionary that packed analysis JSON is compressed with (store/data/pack-1.bin).

Small JSON documents compress poorly on their own: every one spells out the same keys and values
("entities", "canonical", "qualifier", "LOC"...). zlib can start from a preset dictionary; ours is
the analysis of the demo corpus (examples/, text the team wrote), the last 32 KiB of it.

A dictionary is part of the stored format: once shipped, pack-1.bin never changes. A better one
is pack-2.bin, with its own format byte in marsad.store.base. Run: python tools/build_pack_dictionary.py
"""
from __future__ import annotations

import json
from pathlib import Path

from marsad.extract import analyze
from marsad.ingest import read_paths
from marsad.model import RawArticle
from marsad.pipeline import process

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src/marsad/store/data/pack-1.bin"
SIZE = 32 * 1024      # zlib's window: a longer dictionary is not used


def main() -> None:
    parts = []
    for raw in read_paths([ROOT / "examples"]):
        if isinstance(raw, RawArticle):
            article = process(raw, with_analysis=False)
            analysis = analyze(article.text, published=article.published, outlet=article.outlet)
            parts.append((article.id, json.dumps(analysis.to_dict(), ensure_ascii=False)))
    blob = "".join(text for _, text in sorted(parts)).encode("utf-8")[-SIZE:]
    OUT.write_bytes(blob)
    print(f"{OUT.relative_to(ROOT)}: {len(blob)} bytes from {len(parts)} articles")


if __name__ == "__main__":
    main()
