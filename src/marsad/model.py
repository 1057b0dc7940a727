"""Record types that travel between stages.

One dataclass per stage boundary (RawArticle -> Article -> Analysis), each convertible to and
from plain dicts so the local runner, the store and Spark all move the same data.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from functools import cache
from typing import Any, ClassVar, TypeVar

from typing_extensions import Self

T = TypeVar("T", bound="Record")


@cache
def _field_names(cls: type) -> tuple[str, ...]:
    """A dataclass's field names, looked up once per class (stored articles hold thousands of records)."""
    return tuple(f.name for f in dataclasses.fields(cls))


@cache
def _field_set(cls: type) -> frozenset[str]:
    return frozenset(_field_names(cls))


class Record:
    """Mixin: dict round-trip for flat dataclasses (nested records declare `_nested`)."""

    _nested: ClassVar[dict[str, type]] = {}

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name in _field_names(type(self)):
            value = getattr(self, name)
            if isinstance(value, Record):
                value = value.to_dict()
            elif isinstance(value, list):
                value = [v.to_dict() if isinstance(v, Record) else v for v in value]
            out[name] = value
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Self:
        """The record of a dict; keys that are not fields (a later release's) are left out."""
        names = _field_set(cls)
        # a stored article holds dozens of records: the common case (every key a field) in one call
        kwargs = data if data.keys() <= names else {k: v for k, v in data.items() if k in names}
        if not cls._nested:
            return cls(**kwargs)
        kwargs = dict(kwargs)
        for key, sub in cls._nested.items():
            value = kwargs.get(key)
            if value is not None:
                kwargs[key] = [sub.from_dict(v) for v in value] if isinstance(value, list) else sub.from_dict(value)
        return cls(**kwargs)


@dataclass
class RawArticle(Record):
    """One article as read from disk, decoded but not cleaned.

    `kind` says what `content` holds: "text" (a plain-text dump, one article), "html" (a web page)
    or "record" (body text already separated from metadata, e.g. a JSON or RSS item).
    `source` locates it: a path, plus "!member" inside a zip and "#n" for the n-th record of a file.
    """

    source: str
    kind: str
    content: str
    identity: str = ""              # what makes this article the same one across runs (url or location)
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    published: str | None = None    # as found; clean/ normalises it to ISO 8601
    authors: list[str] = field(default_factory=list)
    encoding: str | None = None
    content_hash: str = ""
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass
class Skip(Record):
    """An input that could not be read, with the reason shown to the user."""

    source: str
    reason: str


@dataclass
class Line(Record):
    n: int
    kind: str   # title | dateline | byline | body | boilerplate | blank
    text: str


@dataclass
class Entity(Record):
    start: int
    end: int
    text: str
    type: str                  # PER | ORG | LOC | MISC
    canonical: str
    key: str


@dataclass
class Attribution(Record):
    chain: list[str]
    start: int
    end: int
    text: str


@dataclass
class Quote(Record):
    text: str
    speaker: str | None
    start: int
    end: int
    speaker_key: str | None = None


@dataclass
class Quantity(Record):
    text: str
    value: float | int | None
    low: float | int | None
    high: float | int | None
    qualifier: str             # exact approx more_than less_than at_least at_most range vague
    unit: str | None
    start: int
    end: int
    kind: str = "cardinal"     # cardinal ordinal fraction percent range


@dataclass
class DateMention(Record):
    text: str
    value: str | None
    kind: str                  # absolute | relative | partial | range
    calendar: str              # gregorian | hijri
    start: int
    end: int
    end_value: str | None = None   # for ranges: the last date
    reading: str | None = None     # how a yearless date was placed: explicit | future | past


@dataclass
class Analysis(Record):
    entities: list[Entity] = field(default_factory=list)
    attributions: list[Attribution] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)

    _nested: ClassVar[dict[str, type]] = {
        "entities": Entity, "attributions": Attribution, "quotes": Quote,
        "quantities": Quantity, "dates": DateMention,
    }


ANALYSIS_FIELDS = ("entities", "attributions", "sources", "quotes", "quantities", "dates")


@dataclass
class Article(Record):
    """A cleaned article; `analysis` is filled by the extract stage."""

    id: str
    source: str
    text: str
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    lines: list[Line] | None = None
    removed: list[str] = field(default_factory=list)   # boilerplate text that cleaning dropped
    content_hash: str = ""
    analysis: Analysis | None = None

    _nested: ClassVar[dict[str, type]] = {"lines": Line, "analysis": Analysis}

    def to_json(self) -> dict[str, Any]:
        """The contract's Article JSON: analysis fields flattened to the top level."""
        data = self.to_dict()
        analysis = data.pop("analysis") or Analysis().to_dict()
        data.update({name: analysis[name] for name in ANALYSIS_FIELDS})
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Article:
        article = cls.from_dict(data)
        if any(name in data for name in ANALYSIS_FIELDS):
            article.analysis = Analysis.from_dict({k: data.get(k, []) for k in ANALYSIS_FIELDS})
        return article
