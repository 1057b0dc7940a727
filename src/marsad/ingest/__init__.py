"""Readers: files, directories and archives -> RawArticle records (or Skip with a reason).

Public entry point: `read_paths(paths)`. One module per format; `detect.py` picks the reader and
`encoding.py` decodes bytes.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from marsad.model import RawArticle, Skip


def read_paths(paths: Iterable[str | Path]) -> Iterator[RawArticle | Skip]:
    """Yield every article found under `paths` (files, directories walked recursively, zips).

    Never raises for a bad input file: yields Skip(source, reason) instead and goes on.
    """
    raise NotImplementedError
