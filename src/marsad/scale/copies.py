"""Copy groups at scale: the exact + MinHash-LSH grouping of `marsad.stories.dedup`, as Spark stages.

Same words, shingles, signatures and threshold as `CopyIndex` (its functions are called, not
copied), split into stages that each go through a shuffle instead of one in-memory index:

1. features   each article -> (id, order, exact key, MinHash signature); `order` is
              (published or "~", id), so the earliest member of a group is its original.
2. exact      groupBy the hash of the normalised body: identical bodies always group.
3. buckets    one representative per exact group; groupBy (band, rows of the signature); every
              pair inside a bucket is a candidate (ids only travel through this shuffle).
4. verify     candidates are joined back to both signatures and kept when the share of equal
              MinHash values reaches `threshold` (the test `CopyIndex` applies).
5. groups     connected components of exact + verified edges, on the driver.

Limits: stage 5 collects the edges (one per copy and per verified near pair, ids only) to the
driver; tens of millions fit in a few GB. A bucket larger than `max_bucket` (thousands of
near-identical bodies that are not byte-identical) is linked as a star to its earliest member
instead of all pairs, so its quadratic cost is bounded; the count of such buckets is reported.
"""
from __future__ import annotations

import hashlib
import json
import math
import time
from dataclasses import dataclass, field
from typing import Any

from marsad.stories.dedup import BANDS, NUM_PERM, CopyGroup, body_words, shingles, signature

__all__ = ["CopyCounts", "doc_features", "group_copies", "read_documents"]

MAX_BUCKET = 1000

Order = tuple[str, str]


@dataclass
class CopyCounts:
    articles: int = 0
    exact_groups: int = 0        # groups of byte-identical normalised bodies (size >= 2)
    bucket_pairs: int = 0        # distinct candidate pairs compared (an accumulator: may overcount
                                 # when Spark re-runs a failed task)
    near_pairs: int = 0          # candidates whose signatures agree >= threshold
    capped_buckets: int = 0      # buckets over max_bucket, linked as a star (counted once per
                                 # earliest member: two capped buckets led by one article count 1)
    seconds: float = 0.0
    groups: list[CopyGroup] = field(default_factory=list)
    pairs: list[tuple[str, str]] = field(default_factory=list)   # near pairs: (earlier id, later id)

    def to_dict(self) -> dict[str, Any]:
        return {"articles": self.articles, "exact_groups": self.exact_groups,
                "bucket_pairs": self.bucket_pairs, "near_pairs": self.near_pairs,
                "capped_buckets": self.capped_buckets, "copy_groups": len(self.groups),
                "seconds": self.seconds}


def doc_features(doc_id: str, text: str | None, published: str | None, backend: str = "rensa",
                 ) -> tuple[str, tuple[Order, int | None, tuple[int, ...] | None]]:
    """One article -> (id, (order, exact key, signature)), as `CopyIndex.add` computes them."""
    text = text or ""
    words = body_words(text)
    items = shingles(text, words=words)
    sig = signature(items, backend) if len(items) >= 3 else None
    key = None
    if words:   # an empty body is nobody's copy
        digest = hashlib.blake2b(" ".join(words).encode(), digest_size=16).digest()
        key = int.from_bytes(digest[:8], "big")
    return doc_id, ((published or "~", doc_id), key, sig)


def read_documents(spark: Any, articles: str, fmt: str = "json") -> Any:
    """(id, text, published) of every article under `articles`: Article JSON lines, or the
    `articles` Parquet table (`fmt="parquet"`)."""
    if fmt == "parquet":
        return spark.read.parquet(articles).select("id", "text", "published").rdd.map(tuple)
    return spark.sparkContext.textFile(articles).filter(str.strip).map(_json_document)


def _json_document(line: str) -> tuple[str, str | None, str | None]:
    data = json.loads(line)
    return data["id"], data.get("text"), data.get("published")


def group_copies(spark: Any, articles: str, out_dir: str | None = None, threshold: float = 0.8,
                 backend: str = "rensa", max_bucket: int = MAX_BUCKET, fmt: str = "json") -> CopyCounts:
    """Copy groups of the articles under `articles` (a directory or glob Spark can read): Article
    JSON lines, or with `fmt="parquet"` the runner's `articles` table.

    Writes `groups.jsonl` ({"original", "members"} per line, like `CopyIndex.groups()`), the
    verified near pairs (`near_pairs.jsonl`, [earlier id, later id]) and `counts.json` under
    `out_dir` when given (a local or shared path: these are small and written by the driver).
    Returns the counts, the groups and the near pairs.
    """
    from pyspark import StorageLevel

    start = time.perf_counter()
    sc = spark.sparkContext
    documents = read_documents(spark, articles, fmt)
    # shuffles get one partition per core, more for a large corpus (~50k articles each): few tasks
    # keep small runs quick, and the per-task work stays bounded on big ones
    parts = max(sc.defaultParallelism, documents.getNumPartitions() // 4, 1)
    # one record per id (the same url read twice is one article, as in CopyIndex)
    docs = (documents.map(lambda doc: doc_features(*doc, backend=backend))
            .reduceByKey(lambda a, b: min(a, b, key=lambda v: v[0]), parts)
            .persist(StorageLevel.MEMORY_AND_DISK))
    counts = CopyCounts(articles=docs.count())
    parts = max(parts, math.ceil(counts.articles / 50_000))

    by_key = docs.filter(lambda d: d[1][1] is not None).map(lambda d: (d[1][1], (d[1][0], d[1][2])))
    exact = by_key.groupByKey(parts).mapValues(lambda v: sorted(v, key=lambda m: m[0])).persist(
        StorageLevel.MEMORY_AND_DISK)
    exact_edges = exact.flatMap(lambda kv: [(kv[1][0][0], m[0]) for m in kv[1][1:]]).collect()
    # one representative (the earliest) per exact group: its copies share its signature
    reps = exact.filter(lambda kv: kv[1][0][1] is not None).map(lambda kv: kv[1][0])

    rows = NUM_PERM // BANDS
    banded = reps.flatMap(lambda rep: [((band, tuple(rep[1][band * rows:(band + 1) * rows])), rep[0])
                                       for band in range(BANDS)])
    candidates = banded.groupByKey(parts).flatMap(lambda kv: _bucket_pairs(list(kv[1]), max_bucket))
    signatures = reps.map(lambda rep: (rep[0], rep[1]))
    limit, compared = threshold, sc.accumulator(0)

    def verdict(kv: Any) -> tuple[str, Order, Order | None]:
        compared.add(1)
        return _verdict(kv[1][0][0], kv[0], kv[1][0][1], kv[1][1], limit)

    near = (candidates.distinct(parts)
            .join(signatures, parts)                                 # (a, (b | None, sig_a))
            .map(lambda kv: (kv[1][0], (kv[0], kv[1][1])))
            .leftOuterJoin(signatures, parts)                        # (b, ((a, sig_a), sig_b))
            .map(verdict)
            .filter(lambda v: v[0] != "far")
            .collect())
    near_edges = [(a, b) for kind, a, b in near if kind == "near"]
    counts.exact_groups = len({a for a, _ in exact_edges})
    counts.capped_buckets = sum(1 for kind, _, _ in near if kind == "capped")
    counts.bucket_pairs = compared.value - counts.capped_buckets
    counts.near_pairs = len(near_edges)
    counts.groups = _components(exact_edges + near_edges)
    counts.pairs = [(a[1], b[1]) for a, b in sorted(near_edges)]
    docs.unpersist()
    exact.unpersist()
    counts.seconds = round(time.perf_counter() - start, 2)

    if out_dir is not None:
        _write(out_dir, counts)
    return counts


def _bucket_pairs(members: list[Order], max_bucket: int) -> list[tuple[Order, Order | None]]:
    """Every pair of a bucket (earliest first); over `max_bucket`, a star plus a (first, None) marker."""
    members = sorted(set(members))
    if len(members) > max_bucket:
        first = members[0]
        return [(first, m) for m in members[1:]] + [(first, None)]
    return [(a, b) for i, a in enumerate(members) for b in members[i + 1:]]


def _verdict(a: Order, b: Order | None, sig_a: tuple[int, ...], sig_b: tuple[int, ...] | None,
             threshold: float) -> tuple[str, Order, Order | None]:
    """("near" | "far", a, b) for a candidate pair; ("capped", first, None) for a capped bucket's marker."""
    if b is None:
        return "capped", a, None
    if sig_b is not None and _agreement(sig_a, sig_b) >= threshold:
        return "near", a, b
    return "far", a, b


def _agreement(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    return sum(1 for x, y in zip(a, b) if x == y) / NUM_PERM


def _components(edges: list[tuple[Order, Order]]) -> list[CopyGroup]:
    """Union-find over (order, id) edges; each root is its component's earliest member."""
    parent: dict[Order, Order] = {}

    def find(x: Order) -> Order:
        parent.setdefault(x, x)
        root = x
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:
            parent[x], x = root, parent[x]
        return root

    for a, b in edges:
        ra, rb = find(a), find(b)
        if ra != rb:
            ra, rb = min(ra, rb), max(ra, rb)
            parent[rb] = ra
    members: dict[Order, list[Order]] = {}
    for node in parent:
        members.setdefault(find(node), []).append(node)
    groups = [(root, sorted(nodes)) for root, nodes in members.items() if len(nodes) > 1]
    return [CopyGroup(root[1], [m[1] for m in nodes]) for root, nodes in sorted(groups)]


def _write(out_dir: str, counts: CopyCounts) -> None:
    from pathlib import Path

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    with (out / "groups.jsonl").open("w", encoding="utf-8") as handle:
        for group in counts.groups:
            handle.write(json.dumps({"original": group.original, "members": group.members},
                                    ensure_ascii=False) + "\n")
    with (out / "near_pairs.jsonl").open("w", encoding="utf-8") as handle:
        for pair in counts.pairs:
            handle.write(json.dumps(list(pair)) + "\n")
    (out / "counts.json").write_text(json.dumps(counts.to_dict(), ensure_ascii=False, indent=2) + "\n", "utf-8")
