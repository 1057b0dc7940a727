"""Weight rows of a tagger model found from a word's forms, without writing its feature strings.

Why: a word the tagger has not met yet costs fifteen feature strings of its own letters and ten of
its clusters, each formatted and then looked up in the model's index of 43,000 strings, and most
of them are not in it. Here the index is split once, per feature kind, into dicts keyed by the
value ("w=كتب" -> `kinds["w"]["كتب"]`), and the values a word shares between kinds (its folded
form, its stem, its cluster ids) are looked up once for all of them. The rows are the same rows
`own_window` and `cluster_window` (`marsad.extract.tagger_features`) name, in the same order, so
the sums the scorer makes from them are the same to the last bit; a test checks both ways agree.
"""
from __future__ import annotations

from collections import defaultdict

__all__ = ["CLUSTER_SLOTS", "FeatureRows"]

NORM_KINDS = ("w", "-1w", "+1w")                      # features named by a word's folded form
STEM_KINDS = ("st", "-1st", "+1st", "-2st", "+2st")   # ... by its proclitic-peeled stem
C1_KINDS = ("c1", "-1c1", "+1c1", "-2c1", "+2c1")     # ... by its mid-level cluster
C2_KINDS = ("c2", "-1c2", "+1c2")                     # ... by its fine cluster
CLUSTER_SLOTS = 4       # the most cluster features at one place of the window (c0 c1 c2 fq)


class FeatureRows:
    """The model's feature index split by kind; `missing` is the row of unknown features."""

    def __init__(self, index: dict[str, int], missing: int) -> None:
        kinds: dict[str, dict[str, int]] = defaultdict(dict)
        for attribute, row in index.items():
            kind, sep, value = attribute.partition("=")
            if sep:
                kinds[kind][value] = row
        self.missing = missing
        self._norm = _joint(kinds, NORM_KINDS, missing)
        self._stem = _joint(kinds, STEM_KINDS, missing)
        self._c1 = _joint(kinds, C1_KINDS, missing)
        self._c2 = _joint(kinds, C2_KINDS, missing)
        self._kinds = {k: kinds.get(k, {}) for k in ("p2", "p3", "s2", "s3", "s4", "cl", "c0", "fq")}
        self._length = [kinds.get("len", {}).get(str(n), missing) for n in range(9)]
        self._oov = (index.get("oov", missing), index.get("-2oov", missing), index.get("+2oov", missing))

    def own(self, forms: tuple[str, str, str, str]) -> list[int]:
        """The rows of `own_window(forms)`: here (9), one before (2), one after (2), two before,
        two after (1 each), as `OWN_SIZES` counts them."""
        norm, stem, bare, clitic = forms
        z, k = self.missing, self._kinds
        w, w_prev, w_next = self._norm.get(norm) or (z, z, z)
        st, st_prev, st_next, st_prev2, st_next2 = self._stem.get(stem) or (z, z, z, z, z)
        return [w, st, k["p2"].get(bare[:2], z), k["p3"].get(bare[:3], z), k["s2"].get(norm[-2:], z),
                k["s3"].get(norm[-3:], z), k["s4"].get(norm[-4:], z), self._length[min(len(bare), 8)],
                k["cl"].get(clitic, z), w_prev, st_prev, w_next, st_next, st_prev2, st_next2]

    def own_many(self, forms: list[tuple[str, str, str, str]]) -> list[int]:
        """`own` of each of `forms`, one after another in one list."""
        out: list[int] = []
        own = self.own
        for one in forms:
            out += own(one)
        return out

    def clusters(self, cl: tuple[str, ...] | None) -> list[int]:
        """The rows of `cluster_window(cl)` at each of the five places, each place padded with
        `missing` to CLUSTER_SLOTS (a missing row weighs zero, so the padded sum is the plain one)."""
        z = self.missing
        if not cl:
            oov, before2, after2 = self._oov
            return [oov, z, z, z, z, z, z, z, z, z, z, z, before2, z, z, z, after2, z, z, z]
        c1, c1_prev, c1_next, c1_prev2, c1_next2 = self._c1.get(cl[1]) or (z, z, z, z, z)
        c2, c2_prev, c2_next = self._c2.get(cl[2]) or (z, z, z)
        k = self._kinds
        return [k["c0"].get(cl[0], z), c1, c2, k["fq"].get(cl[-1], z), c1_prev, c2_prev, z, z,
                c1_next, c2_next, z, z, c1_prev2, z, z, z, c1_next2, z, z, z]


def _joint(kinds: dict[str, dict[str, int]], names: tuple[str, ...], missing: int) -> dict[str, tuple[int, ...]]:
    """Value -> its row under each of `names` (`missing` where the model has no such feature)."""
    tables = [kinds.get(name, {}) for name in names]
    values = set().union(*tables)
    return {v: tuple(t.get(v, missing) for t in tables) for v in values}
