"""The learned entity tagger: a linear-chain CRF over `tagger_features`, trained on annotated news
(`marsad.learn.train_ner`) and shipped in `data/tagger/`.

Why a tagger over the rules alone: rules written from sentences we made found about half of the
people and organisations in text annotated by others. The CRF decides spans and types; the rules
and tables still matter twice, as features it weighs, and as the source of table entries (keys such
as org:isis) and short-form links, which a tagged span inherits when it covers the same tokens.
The model is read once, on first use (`load_model`); without it `tagged_mentions` answers None.
"""
from __future__ import annotations

import itertools
import threading
from collections.abc import Callable
from importlib import resources
from pathlib import Path

import numpy as np

from marsad.extract.crf import ChainModel
from marsad.extract.entity_doc import Doc, Mention, Word
from marsad.extract.entity_rules import is_adjective
from marsad.extract.gazetteer import fold_phrase, gazetteer
from marsad.extract.tagger_features import (
    OWN_SIZES,
    frequency,
    place_features,
    place_keys,
    traits_window,
    word_parts,
)
from marsad.extract.tagger_rows import CLUSTER_SLOTS, FeatureRows

__all__ = ["MODEL_FILE", "Scorer", "decode", "load_model", "name_start", "rule_tags", "tag_labels", "tagged_mentions"]

MODEL_FILE = "data/tagger/ner.npz"
TYPES = ("PER", "ORG", "LOC", "MISC")
_OWN_BOUNDS = list(itertools.pairwise(itertools.accumulate(OWN_SIZES, initial=0)))
_HARD_GAP = frozenset(".،,؛;:!?؟()[]\n")


class Scorer:
    """Emission scores of a ChainModel for marsad tokens, summed from cached parts.

    Per distinct word, one block of five label-score rows (the word's own features, and its
    features as the token before, after, two before, two after), computed for all the new words
    of a text in one NumPy gather; per kind of place (rule tags and gaps around a token), one row.
    A token's emission is then five block rows and one place row added together. A new word's
    rows are found from its forms by `FeatureRows` without writing its feature strings, and every
    sum is made in the same order as before, so the scores are the same to the last bit
    (`benchmarks/entity_speed.py` hashes them)."""

    MAX_WORDS = 300_000

    def __init__(self, model: ChainModel) -> None:
        self.model = model
        size = len(model.labels)
        self._weights64 = np.vstack([model.weights, np.zeros((1, size))])
        self._weights = self._weights64.astype(np.float32)
        self._zero = len(self._weights) - 1
        self._rows = FeatureRows(model.index, self._zero)
        self._word_rows: dict[str, int] = {}
        self._blocks = np.zeros((4096, 5, size), dtype=np.float32)
        self._places: dict[tuple[str, ...], int] = {}
        self._place_rows = np.zeros((20_000, size), dtype=np.float32)
        self._clusters: dict[tuple[str, ...] | None, int] = {}     # cluster ids -> shared block row
        self._traits: dict[tuple, int] = {}                         # traits -> shared block row
        self._shared_blocks = np.zeros((4096, 5, size), dtype=np.float32)
        self._shared_used = 0
        self._ends = (model.score(("BOS",)), model.score(("EOS",)))
        self._lock = threading.Lock()      # the caches grow and are cleared; threads share them

    def _add_words(self, doc: Doc, found: list[int | None]) -> list[int]:
        """`found` with the blocks of the words of `doc` not seen yet (None there) added, in one
        gather: the rows of each word's own features (a fixed number per place, `OWN_SIZES`)
        summed per place, plus the shared blocks of its clusters and of its traits."""
        rows = self._word_rows
        if len(rows) + len(found) > self.MAX_WORDS:
            rows.clear()
            found = [None] * len(found)
        new = {raw: word for raw, row, word in zip(doc.words, found, doc.info) if row is None}
        parts = [word_parts(raw, word) for raw, word in new.items()]
        own = self._rows.own_many([forms for forms, _ in parts])
        clusters = self._shared_rows(self._clusters, [cl for _, (cl, _) in parts], self._cluster_blocks)
        traits = self._shared_rows(self._traits, [traits for _, (_, traits) in parts], self._traits_blocks)
        weights = self._weights[own].reshape(len(new), sum(OWN_SIZES), -1)
        # row by row in order, as the scores were checked against training (not np.add.reduceat,
        # whose order of additions differs in the last bit)
        sums = np.stack([weights[:, a:b].sum(axis=1) for a, b in _OWN_BOUNDS], axis=1)
        sums += self._shared_blocks[clusters] + self._shared_blocks[traits]
        first = len(rows)
        while first + len(new) > len(self._blocks):
            self._blocks = np.concatenate([self._blocks, np.zeros_like(self._blocks)])
        self._blocks[first:first + len(new)] = sums
        rows.update(zip(new, range(first, first + len(new))))
        return list(map(rows.__getitem__, doc.words))

    def _shared_rows(self, known: dict, keys: list, blocks: Callable[[list], np.ndarray]) -> list[int]:
        """The shared block row of each key (a word's cluster ids, or its traits); the blocks of
        keys not met before are made by `blocks(new keys)` and stored first."""
        missing = [key for key in dict.fromkeys(keys) if key not in known]
        if missing:
            first = self._shared_used
            while first + len(missing) > len(self._shared_blocks):
                self._shared_blocks = np.concatenate([self._shared_blocks, np.zeros_like(self._shared_blocks)])
            self._shared_blocks[first:first + len(missing)] = blocks(missing)
            self._shared_used += len(missing)
            known.update(zip(missing, range(first, first + len(missing))))
        return list(map(known.__getitem__, keys))

    def _cluster_blocks(self, keys: list) -> np.ndarray:
        """Cluster blocks in one gather, summed in float64 as `ChainModel.score` sums a window
        (padding rows weigh zero), to be kept as float32 like every block."""
        rows = [row for cl in keys for row in self._rows.clusters(cl)]
        return self._weights64[rows].reshape(len(keys), 5, CLUSTER_SLOTS, -1).sum(axis=2)

    def _traits_blocks(self, keys: list) -> np.ndarray:
        """Traits blocks, feature string by feature string (a few hundred kinds of traits in all)."""
        score = self.model.score
        return np.array([[score(part) for part in traits_window(traits)] for traits in keys])

    def _add_place(self, key: tuple[str, ...]) -> int:
        row = self._places.get(key)
        if row is not None:                # twice among the new places of one text
            return row
        row = self._places[key] = len(self._places)
        self._place_rows[row] = self.model.score(place_features(key))
        return row

    def emissions(self, doc: Doc, tags: list[str]) -> np.ndarray:
        """Tokens × labels: the same sums as the weights of `doc_features` for each token."""
        if not doc.words:
            return np.zeros((0, len(self.model.labels)))
        with self._lock:
            try:                           # one C-level pass when every word is known
                found = list(map(self._word_rows.__getitem__, doc.words))
            except KeyError:
                found = self._add_words(doc, list(map(self._word_rows.get, doc.words)))
            words = self._blocks[found]
            places = self._places
            keys = place_keys(doc, tags)
            try:
                at = list(map(places.__getitem__, keys))
            except KeyError:
                if len(places) + len(keys) > len(self._place_rows):
                    places.clear()             # start again: rows found above may be reused
                at = [r if (r := places.get(k)) is not None else self._add_place(k) for k in keys]
            out = words[:, 0] + self._place_rows[at]
            out[1:] += words[:-1, 1]
            out[:-1] += words[1:, 2]
            out[2:] += words[:-2, 3]
            out[:-2] += words[2:, 4]
            out[0] += self._ends[0]
            out[-1] += self._ends[1]
            return out


_SCORER: list[Scorer | None] = []


def load_model(path: str | Path | None = None) -> Scorer | None:
    """Use the model at `path` (default: the shipped one) from now on; None when there is none."""
    if path is None:
        ref = resources.files("marsad.extract").joinpath(MODEL_FILE)
        scorer = Scorer(ChainModel.load(ref.open("rb"))) if ref.is_file() else None   # type: ignore[arg-type]
    else:
        scorer = Scorer(ChainModel.load(path))
    _SCORER[:] = [scorer]
    return scorer


def _scorer() -> Scorer | None:
    return _SCORER[0] if _SCORER else load_model()


def rule_tags(doc: Doc) -> list[str]:
    """The rule finder's mentions as BIO tags with their source: "B-PER/gazetteer", "I-ORG/rule", "O"."""
    tags = ["O"] * len(doc)
    for m in doc.mentions:
        if m.type not in TYPES:
            continue
        tags[m.first] = f"B-{m.type}/{m.source}"
        for k in range(m.first + 1, m.last + 1):
            tags[k] = f"I-{m.type}/{m.source}"
    return tags


def tag_labels(doc: Doc) -> list[str] | None:
    """BIO labels of the tokens of `doc` (rule mentions already in `doc.mentions`); None without a model."""
    scorer = _scorer()
    if scorer is None:
        return None
    return scorer.model.viterbi(scorer.emissions(doc, rule_tags(doc)))


def decode(doc: Doc, labels: list[str]) -> list[tuple[int, int, str]]:
    """(first, last, type) token ranges of BIO `labels`; a name never runs across a line break or
    punctuation, and an I- without its B- starts a name."""
    out: list[tuple[int, int, str]] = []
    start, etype, previous = -1, "", -2
    gaps = doc.gaps
    for i in [i for i, label in enumerate(labels) if label != "O"]:
        prefix, _, name = labels[i].partition("-")
        if start >= 0 and (prefix != "I" or name != etype or previous != i - 1
                           or not _HARD_GAP.isdisjoint(gaps[i - 1])):
            out.append((start, previous, etype))
            start = -1
        if start < 0:
            start, etype = i, name
        previous = i
    if start >= 0:
        out.append((start, previous, etype))
    return out


def name_start(word: Word) -> int:
    """Folded letters of proclitic to leave outside a tagged name that starts with this word.

    Stricter than the peeling the features use (`tagger_features.strip_clitic`): a name shown with
    its first letter lost ("رانس برس" for "فرانس برس") is worse than one shown with a conjunction.
    Peeled: a proclitic before the article ("والهند", "للولايات"), or before a table name that is at
    least as frequent in raw news ("وسوريا"), or before a word four times as frequent as the whole;
    never when the whole word is a table name itself ("كولن")."""
    if len(word.variants) == 1:
        return 0
    phrases = gazetteer().phrases
    whole_is_name = word.norm in phrases
    whole = frequency(word.norm)
    best = 0
    for stripped, form, _ in word.variants[1:]:
        count = frequency(form)
        if form.startswith("ال") or (not whole_is_name and len(form) >= 3 and (
                (form in phrases and count >= whole) or (count >= 0 and count >= whole + 2))):
            best = stripped
    return best


def _entry_for(doc: Doc, first: int, last: int, peel: int, etype: str):
    words = [doc.norms[k] for k in range(first, last + 1)]
    if peel:
        words[0] = next(v for s, v, _ in doc.variants(first) if s == peel)
    hits = gazetteer().phrases.get(" ".join(words), ())
    plain = [e for e in hits if e.type == etype and " ".join(words) not in e.strict]
    return plain[0] if plain else None


def _with_known_names(doc: Doc, found: list[Mention]) -> list[Mention]:
    """Names from the hand-made tables (not the generated place list) that the tagger cut short or
    left out. A table name that holds every tagged name it touches replaces them when one of them
    starts where it starts ("الدولة الإسلامية في العراق والشام", not "الدولة الإسلامية" + "العراق" +
    "الشام") or none has its type (the place in "قوات سوريا الديمقراطية"); a head noun before a
    tagged name of the same type is left out as the annotated corpora do ("قطاع غزة" -> "غزة").
    A person's table name holds the parts of it the tagger found ("بان كي مون", not "كي مون": no head
    noun comes before a person's name).
    A table name that touches no tagged name is added, unless it is a nationality adjective alone.
    A tagged name on exactly a table name's words takes the table's type and key ("داعشي" is
    org:isis, whatever type the tagger gave it), unless the table also gives those words the
    tagger's type; and a tagged name the table name only lengthens by a nationality may stand
    (`_tagger_name_holds`)."""
    out = list(found)
    for r in doc.mentions:
        if r.type not in TYPES or r.source != "gazetteer" or r.entry is None or not r.entry.curated:
            continue
        if r.first == r.last and is_adjective(doc.norms[r.first]):
            continue                    # "السوداني" alone: the adjective, unless the tagger says a name
        touching = [m for m in out if m.last >= r.first and m.first <= r.last]
        if len(touching) == 1 and _tagger_name_holds(doc, touching[0], r):
            continue
        inside = all(r.first <= m.first and m.last <= r.last for m in touching)
        same = len(touching) == 1 and (touching[0].first, touching[0].last) == (r.first, r.last)
        if not touching or same or (inside and r.last > r.first and (any(m.first == r.first for m in touching)
                                                                     or all(m.type != r.type for m in touching)
                                                                     or r.type == "PER")):
            out = _taken_whole(out, touching, _without_club_country(doc, r), "gazetteer")
    return out


def _without_club_country(doc: Doc, r: Mention) -> Mention:
    """A club's table name that ends with its country's adjective ("تشلسي الإنجليزي"), without it
    when the rest is a name of the same club: both annotated corpora tag the club's name alone."""
    if r.entry is None or not r.entry.key.startswith("org:club-") or r.last == r.first \
            or not doc.norms[r.last].startswith("ال"):
        return r
    rest = " ".join(doc.norms[k] for k in range(r.first, r.last))
    if not any(e.key == r.entry.key for e in gazetteer().phrases.get(rest, ())):
        return r
    return Mention(r.first, r.last - 1, r.start, doc.ends[r.last - 1], r.type, r.entry, r.source, r.link)


def _taken_whole(found: list[Mention], touching: list[Mention], r: Mention, source: str) -> list[Mention]:
    """`found` with the tagged names in `touching` given up for the rule mention `r`, whole."""
    replaced = set(map(id, touching))
    return [m for m in found if id(m) not in replaced] + [
        Mention(r.first, r.last, r.start, r.end, r.type, r.entry, source, r.link)]


def _tagger_name_holds(doc: Doc, m: Mention, r: Mention) -> bool:
    """Whether the tagged name `m` stands against the table name `r` that touches it, which both
    corpora annotate the tagger's way: `m` starts where `r` does, already carries `r`'s key, and
    `r` only adds nationality adjectives ("حزب الله" in "حزب الله اللبناني", "الكونغرس" in "الكونغرس
    الأميركي"; "سكاي نيوز عربية" stays whole) or, to a place, an epithet ("مكة" in "مكة المكرمة");
    or `m` covers exactly `r`'s tokens with another type the table also gives that phrase (the
    newspaper "الشرق الأوسط", not the region), which then gives `m` its entry."""
    if m.first != r.first or m.last > r.last or r.entry is None:
        return False
    if m.last < r.last:
        epithets = doc.lex["place_epithets"] if r.type == "LOC" else frozenset()
        return m.entry is not None and m.entry.key == r.entry.key and all(
            doc.norms[k].startswith("ال") and is_adjective(doc.norms[k]) or doc.norms[k] in epithets
            for k in range(m.last + 1, r.last + 1))
    if m.type == r.type:
        return False
    words = " ".join(doc.norms[k] for k in range(m.first, m.last + 1))
    entry = next((e for e in gazetteer().phrases.get(words, ()) if e.type == m.type), None)
    if entry is None:
        return False
    if m.entry is None:
        m.entry = entry
    return True


def _with_eponym_bodies(doc: Doc, found: list[Mention]) -> list[Mention]:
    """A body the rules found named after a king or a prince ("مستشفى الملك فهد التخصصي", "مطار
    الملك خالد الدولي") replaces what the tagger made of it inside its words (nothing, the person
    alone, a part of the name): the annotated news rarely shows such a body."""
    titles = doc.lex["eponym_titles"]
    out = found
    for r in doc.mentions:
        if r.source != "rule" or r.type not in ("LOC", "ORG") or r.last < r.first + 2 \
                or titles.isdisjoint(doc.info[r.first + 1].forms):
            continue
        touching = [m for m in out if m.last >= r.first and m.first <= r.last]
        if all(r.first <= m.first and m.last <= r.last and (m.first, m.last) != (r.first, r.last) for m in touching):
            out = _taken_whole(out, touching, r, "rule")
    return out


def _with_surnames(doc: Doc, found: list[Mention]) -> list[Mention]:
    """A person's short form that the rules carried through the text ("سيلز" after "ناثان سيلز"),
    added where the tagger left it out, when the tagger kept the full name it stands for: one
    article names one person the same way throughout, though the tagger reads each place alone."""
    people = {fold_phrase(doc.text[m.start:m.end]) for m in found if m.type == "PER" and m.last > m.first}
    if not people:
        return found
    taken = {k for m in found for k in range(m.first, m.last + 1)}
    added = [Mention(r.first, r.last, r.start, r.end, r.type, r.entry, "propagated", r.link)
             for r in doc.mentions
             if r.source == "propagated" and r.type == "PER" and r.link in people
             and taken.isdisjoint(range(r.first, r.last + 1))]
    return found + added


def _never_alone(doc: Doc, k: int) -> bool:
    """A currency ("ريال") or a word for a group of people, alone: a listed group noun ("الشيعة",
    "أتباعه") or a definite nisba plural ("الصليبيون", "الإيديولوجيين"). marsad does not take these for names (AQMAR's
    annotators tag some as PER and ANERcorp's as ORG: `benchmarks/eval_ner.py` counts that)."""
    forms = doc.info[k].forms
    if not doc.lex["group_nouns"].isdisjoint(forms) or not doc.lex["currencies"].isdisjoint(forms):
        return True
    stem = next((form for _, form, _ in reversed(doc.variants(k)) if form.startswith("ال")), "")
    return len(stem) >= 6 and stem.endswith(("يين", "يون"))


def tagged_mentions(doc: Doc, known_names: bool = True) -> list[Mention] | None:
    """The tagger's names as mentions, with the entries and links of rule mentions on the same
    tokens, and (with `known_names`) the table names it missed (`_with_known_names`)."""
    labels = tag_labels(doc)
    if labels is None:
        return None
    by_range = {(m.first, m.last): m for m in doc.mentions}
    out: list[Mention] = []
    persons: dict[str, str] = {}        # last word of a full name -> its folded full name
    for first, last, etype in decode(doc, labels):
        if _never_alone(doc, first) and all(is_adjective(doc.norms[k]) for k in range(first + 1, last + 1)):
            continue                     # "الشيعة", "ريال سعودي": a currency or a group, not a name
        rule = by_range.get((first, last))
        if rule is not None and rule.type == etype:
            out.append(Mention(first, last, rule.start, rule.end, etype, rule.entry, "tagger", rule.link))
            continue
        peel = name_start(doc.info[first])
        m = Mention(first, last, doc.raw_offset(first, peel), doc.ends[last], etype,
                    _entry_for(doc, first, last, peel, etype), "tagger")
        out.append(m)
    if known_names:
        out = _with_known_names(doc, out)
        out = _with_eponym_bodies(doc, out)
        out = _with_surnames(doc, out)
    out.sort(key=lambda m: m.first)
    for m in out:                        # "ترامب" after "دونالد ترامب" is the same person
        if m.type == "PER" and m.entry is None and m.last > m.first:
            persons.setdefault(doc.norms[m.last], fold_phrase(doc.text[m.start:m.end]))
    for m in out:
        if m.type == "PER" and m.entry is None and m.first == m.last and m.link is None:
            full = persons.get(doc.norms[m.first])
            if full and full != doc.norms[m.first]:
                m.link = full
    return out
