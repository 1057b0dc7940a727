"""Near-duplicates: agency copy re-run by several outlets, the same article with another footer.

Two passes over normalised bodies: an exact hash (identical bodies always group, however short),
then MinHash over word 3-shingles with LSH banding for near copies. Each group keeps its earliest
member (by publication time, then id) as the original. The index grows incrementally: adding an
article never re-reads the others.
"""
from __future__ import annotations

import hashlib
import re
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from marsad.text import normalize

__all__ = ["CopyGroup", "CopyIndex", "body_words", "copy_groups", "fingerprint", "shingles", "signature"]

_WORD = re.compile(r"\w+")
NUM_PERM = 128
BANDS = 16          # 16 bands x 8 rows: pairs above ~0.7 Jaccard become candidates
SEED = 1403


def body_words(text: str) -> list[str]:
    """The folded words of a body: what copies are compared on."""
    return _WORD.findall(normalize(text))


def shingles(text: str, k: int = 3, words: list[str] | None = None) -> list[str]:
    """Overlapping k-word shingles of the folded text (the whole text when shorter than k)."""
    words = body_words(text) if words is None else words
    if len(words) <= k:
        return [" ".join(words)] if words else []
    return list(map(" ".join, zip(*(words[i:] for i in range(k)))))


def signature(items: list[str], backend: str) -> tuple[int, ...]:
    """The MinHash signature of a list of shingles (rensa by default, or datasketch)."""
    if backend == "datasketch":
        from datasketch import MinHash

        mh = MinHash(num_perm=NUM_PERM, seed=SEED)
        mh.update_batch([s.encode() for s in items])
        return tuple(int(x) for x in mh.hashvalues)
    from rensa import RMinHash

    mh = RMinHash(num_perm=NUM_PERM, seed=SEED)
    mh.update(items)
    return tuple(mh.digest())


Fingerprint = tuple[str | None, tuple[int, ...] | None]     # (exact key, MinHash signature)


def fingerprint(text: str, backend: str = "rensa") -> Fingerprint:
    """What the index compares of a body, computable in any process: the hash of its folded words
    (None for an empty body, which is nobody's copy) and its MinHash (None under three shingles)."""
    words = body_words(text)
    items = shingles(text, words=words)
    sig = signature(items, backend) if len(items) >= 3 else None
    key = hashlib.blake2b(" ".join(words).encode(), digest_size=16).hexdigest() if words else None
    return key, sig


@dataclass
class CopyGroup:
    original: str
    members: list[str]          # earliest first; includes the original


@dataclass(slots=True)
class _Doc:
    id: str
    order: tuple[str, str]      # (published or "~", id): earliest wins
    signature: array | None     # held as 32-bit integers where they fit (both backends' do):
                                # a tuple of ints was 4.8 KB an article, 64-bit ones 1 KB


@dataclass
class CopyIndex:
    """Incremental exact + MinHash-LSH index of article bodies."""

    threshold: float = 0.8
    backend: str = "rensa"
    docs: dict[str, _Doc] = field(default_factory=dict)
    parent: dict[str, str] = field(default_factory=dict)
    exact: dict[str, str] = field(default_factory=dict)
    # LSH buckets: the hash of (band, the band's rows) -> the one id there, or a list when several
    # (most buckets hold one article: a tuple key and a list each took 3 KB an article)
    buckets: dict[int, str | list[str]] = field(default_factory=dict)

    def _find(self, x: str) -> str:
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def _union(self, a: str, b: str) -> None:
        ra, rb = self._find(a), self._find(b)
        if ra == rb:
            return
        if self.docs[rb].order < self.docs[ra].order:
            ra, rb = rb, ra
        self.parent[rb] = ra     # the root is always the earliest member

    def add(self, doc_id: str, text: str, published: str | None = None) -> str:
        """Index one article; return the id of its group's original (itself when unique)."""
        if doc_id in self.docs:
            return self._find(doc_id)
        return self.add_fingerprint(doc_id, published, fingerprint(text, self.backend))

    def add_fingerprint(self, doc_id: str, published: str | None, print_: Fingerprint) -> str:
        """`add` with the fingerprint computed elsewhere (a worker process)."""
        if doc_id in self.docs:
            return self._find(doc_id)
        key, sig = print_
        held = None if sig is None else array("I" if max(sig) < 1 << 32 else "Q", sig)
        self.docs[doc_id] = _Doc(doc_id, (published or "~", doc_id), held)
        self.parent[doc_id] = doc_id
        if key is None:
            return doc_id
        if key in self.exact:
            self._union(self.exact[key], doc_id)
        else:
            self.exact[key] = doc_id
        if sig is not None:
            rows = NUM_PERM // BANDS
            for band in range(BANDS):
                bucket = hash((band, *sig[band * rows:(band + 1) * rows]))
                held = self.buckets.get(bucket)
                for other in () if held is None else (held,) if isinstance(held, str) else held:
                    if self._find(other) != self._find(doc_id) and self._similar(sig, other):
                        self._union(other, doc_id)
                if held is None:
                    self.buckets[bucket] = doc_id
                elif isinstance(held, str):
                    self.buckets[bucket] = [held, doc_id]
                else:
                    held.append(doc_id)
        return self._find(doc_id)

    def _similar(self, signature: Sequence[int], other: str) -> bool:
        theirs = self.docs[other].signature
        if theirs is None:
            return False
        same = sum(1 for a, b in zip(signature, theirs) if a == b)
        return same / NUM_PERM >= self.threshold

    def original_of(self, doc_id: str) -> str:
        return self._find(doc_id)

    def originals(self) -> set[str]:
        """The originals of groups of two or more copies."""
        return {root for doc_id in self.docs if (root := self._find(doc_id)) != doc_id}

    def groups(self) -> list[CopyGroup]:
        """Groups of two or more copies, each sorted earliest first; groups sorted by original."""
        members: dict[str, list[str]] = {}
        for doc_id in self.docs:
            members.setdefault(self._find(doc_id), []).append(doc_id)
        out = [CopyGroup(root, sorted(ids, key=lambda i: self.docs[i].order))
               for root, ids in members.items() if len(ids) > 1]
        return sorted(out, key=lambda g: self.docs[g.original].order)


def copy_groups(docs: Iterable[tuple[str, str, str | None]], threshold: float = 0.8,
                backend: str = "rensa") -> list[CopyGroup]:
    """Group (id, body, published) triples into copy groups (size >= 2)."""
    index = CopyIndex(threshold=threshold, backend=backend)
    for doc_id, text, published in docs:
        index.add(doc_id, text, published)
    return index.groups()
