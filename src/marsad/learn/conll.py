"""Annotated NER corpora in the CoNLL layout (`TOKEN TAG` a line, a blank line between sentences).

Both corpora in `../shared/corpora/ner` use whitespace words with their clitics as tokens
(`والهند` is one `B-LOC` token) and two spellings of the person tag (PERS, PER). A sentence is
kept as its tokens and tags; `as_text` lays the tokens out with single spaces so that marsad's own
tokenizer, which splits off punctuation, can run on it exactly as on an article.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Sentence", "as_text", "entities", "read_conll", "split_tail", "token_spans"]

TAG_NAMES = {"PERS": "PER"}


@dataclass(frozen=True)
class Sentence:
    tokens: tuple[str, ...]
    tags: tuple[str, ...]        # B-PER, I-ORG, O ... (person tag spelt PER)


def _tag(raw: str) -> str:
    if raw == "O" or "-" not in raw:
        return "O"
    prefix, name = raw.split("-", 1)
    return f"{prefix}-{TAG_NAMES.get(name, name)}"


def read_conll(path: str | Path) -> list[Sentence]:
    """Sentences of a CoNLL file; a token line is `TOKEN<space or tab>TAG`."""
    sentences: list[Sentence] = []
    tokens: list[str] = []
    tags: list[str] = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line.strip():
                if tokens:
                    sentences.append(Sentence(tuple(tokens), tuple(tags)))
                    tokens, tags = [], []
                continue
            token, _, raw = line.rpartition("\t") if "\t" in line else line.rpartition(" ")
            if not token:
                continue
            tokens.append(token)
            tags.append(_tag(raw.strip()))
    if tokens:
        sentences.append(Sentence(tuple(tokens), tuple(tags)))
    return sentences


def split_tail(sentences: list[Sentence], tail_tokens: int) -> tuple[list[Sentence], list[Sentence]]:
    """(head, tail): the tail is the shortest run of whole last sentences holding >= `tail_tokens`."""
    count = 0
    cut = len(sentences)
    while cut > 0 and count < tail_tokens:
        cut -= 1
        count += len(sentences[cut].tokens)
    return sentences[:cut], sentences[cut:]


def as_text(sentence: Sentence) -> str:
    return " ".join(sentence.tokens)


def token_spans(sentence: Sentence) -> list[tuple[int, int]]:
    """Character (start, end) of each token in `as_text(sentence)`."""
    spans, pos = [], 0
    for token in sentence.tokens:
        spans.append((pos, pos + len(token)))
        pos += len(token) + 1
    return spans


def entities(tags: tuple[str, ...] | list[str]) -> Iterator[tuple[int, int, str]]:
    """(first, last, type) token ranges of the BIO tags; an I- without its B- starts an entity."""
    start, etype = -1, ""
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, name = tag.partition("-")
        if start >= 0 and (prefix != "I" or name != etype):
            yield start, i - 1, etype
            start = -1
        if prefix == "B" or (prefix == "I" and start < 0):
            start, etype = i, name
