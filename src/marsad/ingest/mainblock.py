"""Find the article body in a news page: our selectolax heuristic (see docs/ingest.md for why it won).

Two passes over the parsed page: drop what is never the article (navigation, sidebars, related
links, comment forms, cookie banners: tags and class/id tokens from data/boilerplate.json), then take
the deepest block that still holds at least three quarters of the page's prose (runs of text long
enough to be sentences, outside links). Its paragraphs, minus short non-sentence lines and the
headline, are the body.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources
from typing import Any

from selectolax.lexbor import LexborHTMLParser, LexborNode

from marsad.ingest.htmltext import node_paragraphs

__all__ = ["extract_body"]

_SPLIT = re.compile(r"[\s_\-]+")
_SHARE_OF_PROSE = 0.75


@lru_cache(maxsize=1)
def _rules() -> dict[str, Any]:
    data = json.loads(resources.files("marsad.ingest").joinpath("data/boilerplate.json").read_text("utf-8"))
    data["class_tokens"] = frozenset(data["class_tokens"])
    data["sentence_end"] = tuple(data["sentence_end"])
    return data


def extract_body(tree: LexborHTMLParser, headline: str | None = None) -> str:
    """The article's paragraphs, one per line, or "" when the page holds no prose at all."""
    rules = _rules()
    body = tree.body
    if body is None:
        return ""
    tree.strip_tags(rules["drop_tags"])
    prose = _prose_by_node(body, rules["min_prose_chars"])
    total = prose.get(body.mem_id, 0)
    _drop_boilerplate(body, prose, total, rules["class_tokens"])
    prose = _prose_by_node(body, rules["min_prose_chars"])
    total = prose.get(body.mem_id, 0)
    if total == 0:
        return ""
    block = _deepest_holding(body, prose, total * _SHARE_OF_PROSE)
    return _keep_lines(node_paragraphs(block), headline, rules)


def _prose_by_node(root: LexborNode, min_chars: int) -> dict[int, int]:
    """Characters of sentence-length text outside links, credited to every ancestor element."""
    totals: dict[int, int] = {}
    for node in root.traverse(include_text=True):
        if node.tag != "-text":
            continue
        text = (node.text_content or "").strip()
        if len(text) < min_chars:
            continue
        ancestors = []
        parent = node.parent
        in_link = False
        while parent is not None:
            if parent.tag == "a":
                in_link = True
                break
            ancestors.append(parent.mem_id)
            if parent.mem_id == root.mem_id:
                break
            parent = parent.parent
        if in_link:
            continue
        for mem_id in ancestors:
            totals[mem_id] = totals.get(mem_id, 0) + len(text)
    return totals


def _drop_boilerplate(body: LexborNode, prose: dict[int, int], total: int, tokens: frozenset[str]) -> None:
    doomed: list[LexborNode] = []
    doomed_ids: set[int] = set()
    for node in body.traverse():
        attrs = node.attributes
        marker = f"{attrs.get('class') or ''} {attrs.get('id') or ''} {attrs.get('role') or ''}".lower()
        if not marker.strip() or not any(t in tokens for t in _SPLIT.split(marker) if t):
            continue
        if prose.get(node.mem_id, 0) > total / 2:     # a wrapper named "page-with-sidebar" holds the article
            continue
        if not _has_ancestor_in(node, doomed_ids):     # freeing a node twice would crash lexbor
            doomed.append(node)
            doomed_ids.add(node.mem_id)
    for node in doomed:
        node.decompose()


def _has_ancestor_in(node: LexborNode, ids: set[int]) -> bool:
    parent = node.parent
    while parent is not None:
        if parent.mem_id in ids:
            return True
        parent = parent.parent
    return False


def _deepest_holding(body: LexborNode, prose: dict[int, int], needed: float) -> LexborNode:
    best = body
    node = body
    while True:
        child = node.child
        nxt = None
        while child is not None:
            if child.tag not in ("-text", "-comment") and prose.get(child.mem_id, 0) >= needed:
                nxt = child
                break
            child = child.next
        if nxt is None:
            return best
        best = node = nxt


def _keep_lines(text: str, headline: str | None, rules: dict[str, Any]) -> str:
    head = (headline or "").strip()
    kept = []
    for line in text.split("\n"):
        if head and (line == head or (len(line) > 15 and line in head)):
            continue
        if len(line) < rules["min_line_chars"] and not line.endswith(rules["sentence_end"]):
            continue
        kept.append(line)
    return "\n".join(kept)
