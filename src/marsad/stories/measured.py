"""How often each basis of a reported disagreement was right in the latest hand audit of real news.

A row's `confidence` says how well two sentences align; it is not a probability, and on real news
one basis ("leads": each article's first figure of a kind) was right far less often than its
scores suggest. The story page shows each row's basis with the audit's count instead, so a reader
weighs it as measured. The counts live in data/basis_audit.json, rebuilt from the audit file it
names.
"""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import NamedTuple

from marsad.labels import label

__all__ = ["Measured", "basis_note", "measured"]


class Measured(NamedTuple):
    right: int
    judged: int

    @property
    def doubtful(self) -> bool:
        """Wrong more often than right in the audit: a reader should check such a row before quoting it."""
        return self.right * 2 < self.judged


@lru_cache(maxsize=1)
def _table() -> dict[str, Measured]:
    data = json.loads(resources.files("marsad.stories").joinpath("data/basis_audit.json").read_text("utf-8"))
    return {basis: Measured(row["right"], row["judged"]) for basis, row in data["basis"].items()}


def measured(basis: str | None) -> Measured | None:
    """The audit's (right, judged) rows of this basis, or None for a basis it did not see."""
    return _table().get(basis) if basis else None


def basis_note(basis: str | None) -> str:
    """The basis in Arabic with the audit's record, as the story page and `marsad story` show it."""
    if not basis:
        return ""
    record = measured(basis)
    note = label("basis", basis)
    if record is not None:
        note += f": صحّ {record.right} من {record.judged} على هذا الأساس في تدقيق يدوي لأخبار حقيقية"
    return note
