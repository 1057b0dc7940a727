"""Bring a database written before outlet names were unified to one name per publisher.

Earlier releases kept an outlet as each article wrote it ('صحيفة النهار المغاربية' here,
'النهار المغاربية' there). The migration renames the stored articles to `outlet_name` and rewrites
the names inside stored story reports, which were computed from those articles.
"""
from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from marsad.clean.outlets import outlet_name

__all__ = ["rename_in", "rename_outlets"]

Run = Callable[[str, tuple], list[tuple]]


def rename_in(value: Any, names: dict[str, str]) -> Any:
    """`value` (decoded JSON) with every string that is an old outlet name, as a value or as a key,
    replaced by the new one; lists of names lose the duplicates a merge makes."""
    if isinstance(value, str):
        return names.get(value, value)
    if isinstance(value, list):
        items = [rename_in(v, names) for v in value]
        if all(isinstance(v, str) for v in items):
            items = list(dict.fromkeys(items))
        return items
    if isinstance(value, dict):
        return {names.get(k, k): rename_in(v, names) for k, v in value.items()}
    return value


def rename_outlets(run: Run, mark: str) -> int:
    """Rename outlets in `articles` and in the stories' outlets, disagreements and report columns.

    `run(sql, params)` executes with `mark` as the placeholder and returns rows as tuples; the
    story columns are JSON text here (before any packing). Returns how many names changed.
    """
    names = {old: outlet_name(old) for (old,) in run("SELECT DISTINCT outlet FROM articles "
                                                     "WHERE outlet IS NOT NULL", ())}
    names = {old: new for old, new in names.items() if new != old}
    for old, new in names.items():
        run(f"UPDATE articles SET outlet = {mark} WHERE outlet = {mark}", (new, old))
    if not names:
        return 0
    for story_id, outlets, disagreements, report in run(
            "SELECT id, outlets, disagreements, report FROM stories", ()):
        run(f"UPDATE stories SET outlets = {mark}, disagreements = {mark}, report = {mark} WHERE id = {mark}",
            (json.dumps(rename_in(json.loads(outlets), names), ensure_ascii=False),
             json.dumps(rename_in(json.loads(disagreements), names), ensure_ascii=False),
             json.dumps(rename_in(json.loads(report), names), ensure_ascii=False), story_id))
    return len(names)
