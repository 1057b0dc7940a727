"""Build the background document-frequency table that story grouping ships with.

Reads a corpus of Arabic news (by default the SaudiNewsNet zips in ../shared/corpora) and writes
src/marsad/stories/data/background_df.tsv.gz: one light-stemmed word per line with the number of
articles it occurs in (only words in >= MIN_DF articles). Counts, not text: no sentence of the
corpus is kept. Run once; the output is committed.

    python tools/build_background_df.py [CORPUS_DIR]
"""
from __future__ import annotations

import gzip
import json
import sys
import zipfile
from collections import Counter
from pathlib import Path

from marsad.stories.features import terms

MIN_DF = 5
ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "marsad" / "stories" / "data" / "background_df.tsv.gz"


def main() -> None:
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "corpora" / "saudinewsnet"
    df: Counter[str] = Counter()
    n_docs = 0
    for path in sorted(corpus.glob("*.zip")):
        with zipfile.ZipFile(path) as archive:
            for name in archive.namelist():
                for record in json.loads(archive.read(name)):
                    words = {t for t in terms(record.get("content") or "") if "_" not in t}
                    df.update(words)
                    n_docs += 1
    with gzip.open(OUT, "wt", encoding="utf-8") as out:
        out.write(f"__docs__\t{n_docs}\n")
        for term, count in sorted(df.items(), key=lambda kv: (-kv[1], kv[0])):
            if count >= MIN_DF:
                out.write(f"{term}\t{count}\n")
    print(f"{n_docs} documents, {sum(1 for c in df.values() if c >= MIN_DF)} terms -> {OUT}")


if __name__ == "__main__":
    main()
