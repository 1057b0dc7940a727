"""HTML -> paragraphs of plain text, one per line: the one converter used by every reader.

JSON bodies, RSS descriptions, WARC pages and the page extractor's fallback all go through
`html_to_paragraphs`, so a <p>, a <br> or a list item becomes the same line break everywhere.
"""
from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

__all__ = ["BLOCK_TAGS", "DROP_TAGS", "html_to_paragraphs", "looks_like_html"]

BLOCK_TAGS = frozenset(
    ["address", "article", "aside", "blockquote", "dd", "details", "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "thead", "tfoot", "tr", "td", "th", "ul", "caption", "center"]
)
DROP_TAGS = ("script", "style", "noscript", "template", "iframe", "svg", "head", "object", "embed")

_TAG = re.compile(r"<(?:/?[a-zA-Z][a-zA-Z0-9]*\b[^<>]*|!--)>?")
_SPACES = re.compile(r"[ \t\f\v\r\n\u00a0\u200b]+")


def looks_like_html(text: str) -> bool:
    """True when a string field carries markup (tags or entities), not plain text."""
    if "<" not in text and "&" not in text:
        return False
    return bool(_TAG.search(text)) or bool(re.search(r"&(?:[a-zA-Z]+|#\d+|#x[0-9a-fA-F]+);", text))


def html_to_paragraphs(markup: str) -> str:
    """Visible text of `markup`, one block (paragraph, heading, list item, <br>) per line."""
    tree = LexborHTMLParser(markup)
    tree.strip_tags(list(DROP_TAGS))
    root = tree.body or tree.root
    if root is None:
        return ""
    return node_paragraphs(root)


def node_paragraphs(root: LexborNode) -> str:
    """Paragraph lines under `root` (already-parsed trees, e.g. the extractor's chosen container)."""
    lines: list[str] = []
    current: list[str] = []

    def flush() -> None:
        if current:
            line = _SPACES.sub(" ", "".join(current)).strip()
            if line:
                lines.append(line)
            current.clear()

    # depth-first with an explicit stack, not recursion: a page nested thousands of levels deep is
    # read like any other instead of exhausting the interpreter's stack. A block pushes a marker
    # so that its end flushes the line, as its start did.
    end_of_block = object()
    stack: list[object] = [root.child] if root.child is not None else []
    while stack:
        item = stack.pop()
        if item is end_of_block:
            flush()
            continue
        child: LexborNode = item  # type: ignore[assignment]
        if child.next is not None:
            stack.append(child.next)
        tag = child.tag
        if tag == "-text":
            current.append(child.text_content or "")
        elif tag == "br":
            flush()
        elif tag in BLOCK_TAGS:
            flush()
            stack.append(end_of_block)
            if child.child is not None:
                stack.append(child.child)
        elif tag not in DROP_TAGS and tag != "-comment" and child.child is not None:
            stack.append(child.child)
    flush()
    return "\n".join(lines)
