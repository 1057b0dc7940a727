"""Features of each token for the entity tagger: the word, its shape, its cluster, what marsad's
tables and rules say of it, and the same for its neighbours.

What depends on one word alone comes in three parts, each a `WordWindow` of feature tuples, one
per place the word can take in a window (itself, one before, one after, two before, two after):
its own letters (`own_window`), its clusters (`cluster_window`) and its traits in marsad's tables
(`traits_window`); the last two are shared by many words, which is what lets the tagger sum their
weights once. What depends on a token's place in this text (the rule mentions over it and its
neighbours, the gaps around it) is a `place_keys` key. Training reads all of it as strings through
`doc_features`; tagging sums the same weights from the parts (`marsad.extract.tagger.Scorer`), and
a test checks that both give the same scores.
"""
from __future__ import annotations

import gzip
import sys
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import BinaryIO, NamedTuple

from marsad.extract.entity_doc import Doc, Word
from marsad.extract.entity_rules import is_adjective
from marsad.extract.gazetteer import gazetteer, lexicon

__all__ = [
    "OWN_SIZES",
    "WordWindow",
    "cluster_window",
    "clusters",
    "doc_features",
    "doc_windows",
    "frequency",
    "name_shares",
    "own_window",
    "place_features",
    "place_keys",
    "read_word_table",
    "set_tables",
    "strip_clitic",
    "traits_window",
    "word_parts",
    "word_window",
]

TABLE_DIR = "data/tagger"
CLUSTERS_FILE = "clusters.tsv.gz"
NAMES_FILE = "names.tsv.gz"

# lexicon sets a word is flagged with (a flag fires when any proclitic-peeled form is in the set)
FLAG_SETS = ("person_titles", "title_connectors", "kunya_heads", "name_particles", "org_heads",
             "loc_heads_facility", "loc_heads_admin", "loc_heads_generic", "loc_heads_geo", "reporting_verbs",
             "stopwords", "generic_nouns", "given_names", "definite_institutions", "toponym_prefixes",
             "sports_cues", "verbs_common", "institutional_adjectives", "eponym_titles", "topic_nouns",
             "ambiguous_org_heads", "definite_org_heads", "name_stop_words")

_TABLES: dict[str, dict[str, tuple[str, ...]]] = {}


def read_word_table(source: str | Path | BinaryIO) -> dict[str, tuple[str, ...]]:
    """A word table as written by `marsad.learn.clusters.write_word_table`: gzip TSV of a folded
    word and its space-separated values."""
    table: dict[str, tuple[str, ...]] = {}
    with gzip.open(source, "rt", encoding="utf-8") as fh:
        for line in fh:
            word, _, values = line.rstrip("\n").partition("\t")
            table[word] = tuple(map(sys.intern, values.split(" ")))
    return table


def _word_table(name: str) -> dict[str, tuple[str, ...]]:
    """A shipped word table, read once (empty when the file is absent)."""
    table = _TABLES.get(name)
    if table is None:
        ref = resources.files("marsad.extract").joinpath(f"{TABLE_DIR}/{name}")
        table = {}
        if ref.is_file():
            with ref.open("rb") as raw:
                table = read_word_table(raw)
        _TABLES[name] = table
    return table


def clusters() -> dict[str, tuple[str, ...]]:
    """Folded word -> (cluster id per level..., log2 frequency) in raw news (`marsad.learn.clusters`)."""
    return _word_table(CLUSTERS_FILE)


def name_shares() -> dict[str, tuple[str, ...]]:
    """Folded word -> share (0-4) of its uses inside a PER, ORG, LOC name in raw news (`marsad.learn.name_stats`)."""
    return _word_table(NAMES_FILE)


def set_tables(clusters: dict[str, tuple[str, ...]] | None = None,
               names: dict[str, tuple[str, ...]] | None = None) -> None:
    """Use these word tables instead of the shipped ones (training on other data, tests); load the
    tagger's model afresh afterwards (`marsad.extract.tagger.load_model`), its sums depend on them."""
    if clusters is not None:
        _TABLES[CLUSTERS_FILE] = clusters
    if names is not None:
        _TABLES[NAMES_FILE] = names
    _WINDOWS.clear()


def frequency(word: str) -> int:
    """log2 of the folded word's count in raw news (-1: not in the clusters table)."""
    entry = clusters().get(word)
    return int(entry[-1]) if entry else -1


def strip_clitic(word: Word) -> int:
    """Folded letters of proclitic to leave out of a name that starts this word (0: none).

    "والهند" -> 1, "للولايات" -> 1 (ل + the article), "وليد" -> 0. A proclitic is peeled when the
    rest is a known name or an article word, or is a more frequent word in raw news than the whole."""
    if len(word.variants) == 1:
        return 0
    phrases = gazetteer().phrases
    whole = frequency(word.norm)
    best = 0
    for stripped, form, _ in word.variants[1:]:
        if form in phrases or form.startswith("ال") or frequency(form) > whole:
            best = stripped
    return best


class WordWindow(NamedTuple):
    """The feature tuples of one word at each place of the window."""

    here: tuple[str, ...]
    prev: tuple[str, ...]
    next: tuple[str, ...]
    prev2: tuple[str, ...]
    next2: tuple[str, ...]


_WINDOWS: dict[str, WordWindow] = {}
_FLAG_RANK = {name: rank for rank, name in enumerate(FLAG_SETS)}


@lru_cache(maxsize=1)
def _flag_sets() -> tuple[tuple[str, frozenset[str]], ...]:
    lex = lexicon()
    return tuple((name, lex[name]) for name in FLAG_SETS if name in lex)


def _shape(text: str) -> str:
    if text[:1].isdigit():
        return "num"
    if text.isascii():
        return "latin"
    return "ar"


@lru_cache(maxsize=1)
def _flags_of() -> dict[str, tuple[str, ...]]:
    """Folded form -> the names of the lexicon sets that hold it."""
    out: dict[str, list[str]] = {}
    for name, words in _flag_sets():
        for w in words:
            out.setdefault(w, []).append(name)
    return {w: tuple(names) for w, names in out.items()}


Signature = tuple      # (clusters or None, traits): see word_parts


def word_parts(raw: str, word: Word) -> tuple[tuple[str, str, str, str], Signature]:
    """A word's own forms (folded, proclitic peeled, article dropped, the proclitic) and its
    signature, which many words share: its clusters, and its traits (lexicon sets, adjective,
    gazetteer types, name shares, whether it starts a table name, its script). Run once per
    distinct word of all the text analysed, so a word with no proclitic (one form) takes a
    shorter way to the same answer."""
    norm, variants, forms, gaz_starts = word
    flags_of, phrases = _flags_of(), gazetteer().phrases
    if len(variants) == 1:
        stem = norm
        flags = flags_of.get(norm, ())              # already in FLAG_SETS order, each once
        hits = phrases.get(norm)
        gaz = tuple(sorted({e.type for e in hits})) if hits else ()
    else:
        peel = strip_clitic(word)
        stem = next((v for s, v, _ in variants if s == peel), norm) if peel else norm
        flags = tuple(sorted({f for form in forms for f in flags_of.get(form, ())}, key=_FLAG_RANK.__getitem__))
        gaz = tuple(sorted({e.type for form in forms for e in phrases.get(form, ())}))
    definite = stem.startswith("ال")
    bare = stem[2:] if definite and len(stem) > 4 else stem
    clitic = norm[:len(norm) - len(stem) + (2 if definite else 0)]
    table, shares = clusters(), name_shares()
    traits = (flags, is_adjective(stem), gaz, shares.get(norm) or shares.get(stem), bool(gaz_starts), _shape(raw))
    return (norm, stem, bare, clitic), (table.get(norm) or table.get(stem), traits)


OWN_SIZES = (9, 2, 2, 1, 1)        # how many features own_window gives at each place


def own_window(forms: tuple[str, str, str, str]) -> WordWindow:
    """The features of a word's own letters, at each place of the window (OWN_SIZES of them)."""
    norm, stem, bare, clitic = forms
    here = (f"w={norm}", f"st={stem}", f"p2={bare[:2]}", f"p3={bare[:3]}", f"s2={norm[-2:]}",
            f"s3={norm[-3:]}", f"s4={norm[-4:]}", f"len={min(len(bare), 8)}", f"cl={clitic}")
    return WordWindow(here, (f"-1w={norm}", f"-1st={stem}"), (f"+1w={norm}", f"+1st={stem}"),
                      (f"-2st={stem}",), (f"+2st={stem}",))


@lru_cache(maxsize=65536)
def cluster_window(cl: tuple[str, ...] | None) -> WordWindow:
    """The features of a word's clusters and frequency (None: not in the table), at each place."""
    if not cl:
        return WordWindow(("oov",), (), (), ("-2oov",), ("+2oov",))
    near = (f"c1={cl[1]}", f"c2={cl[2]}")
    return WordWindow((f"c0={cl[0]}", f"c1={cl[1]}", f"c2={cl[2]}", f"fq={cl[-1]}"),
                      tuple("-1" + f for f in near), tuple("+1" + f for f in near),
                      (f"-2c1={cl[1]}",), (f"+2c1={cl[1]}",))


@lru_cache(maxsize=65536)
def traits_window(traits: tuple) -> WordWindow:
    """The features of what the tables say of a word besides clusters (see `word_parts`)."""
    flags, adjective, gaz, shares, starts, shape = traits
    common = [f"f={f}" for f in flags]
    if adjective:
        common.append("adj")
    if shares:
        common += [f"n{t}={v}" for t, v in zip("POL", shares) if v != "0"]
    here = [f"sh={shape}", *common, *(f"g={t}" for t in gaz)]
    if starts:
        here.append("gs")
    return WordWindow(tuple(here), tuple("-1" + f for f in common), tuple("+1" + f for f in common), (), ())


def word_window(raw: str, word: Word) -> WordWindow:
    """All the feature tuples of one word: its own letters' and its signature's."""
    forms, (cl, traits) = word_parts(raw, word)
    parts = own_window(forms), cluster_window(cl), traits_window(traits)
    return WordWindow(*(a + b + c for a, b, c in zip(*parts)))


_GAP_CLASSES: dict[str, str] = {" ": ""}


def gap_class(gap: str) -> str:
    """What separates two tokens: "" (a space), "nl", "punct", "quote" or "other"."""
    cls = _GAP_CLASSES.get(gap)
    if cls is None:
        if "\n" in gap:
            cls = "nl"
        elif any(c in gap for c in ".،,؛;:!?؟"):
            cls = "punct"
        elif any(c in gap for c in "\"'“”«»()[]"):
            cls = "quote"
        else:
            cls = "other"
        if len(_GAP_CLASSES) < 10_000:
            _GAP_CLASSES[gap] = cls
    return cls


def doc_windows(doc: Doc) -> list[WordWindow]:
    """The window tuples of each token's word, kept per distinct word (training reads each
    sentence once per feature pass; analysis keeps only the summed weights, in the tagger)."""
    cache = _WINDOWS
    if len(cache) > 200_000:
        cache.clear()
    windows = []
    for raw, word in zip(doc.words, doc.info):
        win = cache.get(raw)
        if win is None:
            win = cache[raw] = word_window(raw, word)
        windows.append(win)
    return windows


PlaceKey = tuple[str, str, str, str, str]


def place_keys(doc: Doc, rule_tags: list[str]) -> list[PlaceKey]:
    """What depends on a token's place in this text, as a hashable key: the rule mention that
    covers it and its neighbours (`rule_tags[i]`: "B-PER/gazetteer", "O", ...), and the gaps
    before and after it."""
    try:
        classes = list(map(_GAP_CLASSES.__getitem__, doc.gaps))
    except KeyError:
        classes = list(map(gap_class, doc.gaps))
    gaps = ["start", *classes]
    return list(zip(rule_tags, ["BOS", *rule_tags[:-1]], [*rule_tags[1:], "EOS"], gaps, [*gaps[1:], "end"]))


@lru_cache(maxsize=8192)
def place_features(key: PlaceKey) -> tuple[str, ...]:
    tag, before, after, gap, next_gap = key
    feats = [f"r={tag}", f"rt={tag.split('/')[0]}", f"-1r={before}", f"+1r={after}"]
    if gap:
        feats.append(f"gap={gap}")
    if next_gap:
        feats.append(f"agap={next_gap}")
    return tuple(feats)


def doc_features(doc: Doc, rule_tags: list[str]) -> list[tuple[str, ...]]:
    """All feature strings of each token of `doc`: its word's window tuples and those of its
    neighbours (BOS/EOS at the ends), then its position features. Training reads these; tagging
    sums the same weights from cached parts (`marsad.extract.tagger`)."""
    windows = doc_windows(doc)
    n = len(windows)
    empty: tuple[str, ...] = ()
    out = []
    for i, (win, key) in enumerate(zip(windows, place_keys(doc, rule_tags))):
        feats = win.here
        feats += windows[i - 1].prev if i else ("BOS",)
        feats += windows[i + 1].next if i + 1 < n else ("EOS",)
        feats += windows[i - 2].prev2 if i > 1 else empty
        feats += windows[i + 2].next2 if i + 2 < n else empty
        out.append(feats + place_features(key))
    return out
