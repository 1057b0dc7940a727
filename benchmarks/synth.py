"""Synthetic Arabic news corpora for scale measurements: as many articles as asked, deterministic by seed.

    python benchmarks/synth.py --articles 100000 --out /tmp/scale/synth-100k
    python benchmarks/synth.py --articles 1000000 --seed 7 --out /tmp/scale/synth-1m --per-day 1500

Why synthetic: a million real articles is more than the team's corpora hold, and SaudiNewsNet text
may not be copied or multiplied. The sentences come from the templates in
`synth_data/templates.json` (written for marsad, all fiction) and from vocabularies already in the
package (given names, cities and countries of the gazetteers, Gregorian month names), so the
entity, number and date extractors have something to find.

What is planted, so that story grouping, copy detection and search have real work at any size:
* stories: one event (place, people, numbers, day) rewritten by 2-6 outlets over up to 3 days,
  each with its own title, lead, order of facts and background;
* copies: an outlet's article republished word for word by 1-3 other outlets, minutes to hours later;
* disagreements: in some stories one outlet gives another figure for the event's first number;
* single articles on an event of their own (about half of the articles).
Background sentences draw their words from a Zipf-like vocabulary (the k-th word about 1/k as
often as the first), so the index has a few very frequent terms and a long tail, as real news has;
articles are 150-500 words.

Output: JSON Lines part files of `--part-size` articles (`OUT/articles/part-00000.jsonl`…; marsad
ingest reads the folder, Spark splits it), written as they are made: memory stays constant whatever the size.
`OUT/truth.jsonl` says for each article (by URL) its event, whether it is a copy and of
what, and the numbers it gives. Same seed, same bytes.
"""
from __future__ import annotations

import argparse
import bisect
import gzip
import itertools
import json
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from importlib import resources
from pathlib import Path
from typing import TextIO

DATA = Path(__file__).resolve().parent / "synth_data" / "templates.json"
START = datetime(2024, 1, 1, tzinfo=timezone(timedelta(hours=3)))
ARABIC_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
SLOTS = ("place", "country", "person", "role", "org", "n1", "n2", "n3", "amount", "weekday", "date", "source")


class Zipf:
    """Draws from a ranked list with weight 1/rank**s; bisect on cumulative weights keeps a draw O(log n)."""

    def __init__(self, items: list[str], s: float = 1.0, weights: list[float] | None = None) -> None:
        self.items = items
        self.cum = list(itertools.accumulate(weights or [1 / (rank ** s) for rank in range(1, len(items) + 1)]))

    def draw(self, rng: random.Random, skip: int = 0) -> str:
        """One item; `skip` leaves out the most frequent ones (an event's own words are not the commonest)."""
        low = self.cum[skip - 1] if skip else 0.0
        return self.items[bisect.bisect_left(self.cum, low + rng.random() * (self.cum[-1] - low))]


@dataclass
class Vocab:
    """Everything the templates are filled from, loaded once."""
    templates: dict
    words: Zipf
    places: Zipf
    countries: Zipf
    given: Zipf
    family: list[str]
    months: list[list[str]]
    outlets: list[tuple[str, str]] = field(default_factory=list)


def _package_json(package: str, name: str) -> object:
    return json.loads(resources.files(package).joinpath(name).read_text("utf-8"))


def background_terms() -> tuple[list[str], list[float]]:
    """The package's background document frequencies (stories/data/background_df.tsv.gz: 34k light
    stems, most frequent first): a real news vocabulary with its real, Zipf-shaped frequencies."""
    raw = resources.files("marsad.stories").joinpath("data/background_df.tsv.gz").read_bytes()
    terms, weights = [], []
    for line in gzip.decompress(raw).decode("utf-8").splitlines():
        term, _, df = line.partition("\t")
        if term.startswith("__") or not term.isalpha() or len(term) < 3:
            continue
        terms.append(term)
        weights.append(float(df))
    return terms, weights


def load_vocab(path: Path = DATA) -> Vocab:
    """Templates from synth_data, names and places from the package's own gazetteers. The order of
    the ranked lists is fixed (a seeded shuffle of the gazetteers), so ranks, and thus the Zipf
    frequencies, do not change between runs or seeds."""
    templates = json.loads(path.read_text("utf-8"))
    geo = _package_json("marsad.extract.data.entities", "places_geo.json")
    cities = sorted({p["canonical"] for p in geo if p.get("kind") == "city" and " " not in p["canonical"]})
    countries = sorted({p["canonical"] for p in geo if p.get("kind") == "country"})
    given = list(dict.fromkeys(_package_json("marsad.extract.data.entities", "names.json")["given_names"]))
    order = random.Random(1403)
    order.shuffle(cities)
    order.shuffle(countries)
    months_data = _package_json("marsad.text.data", "months.json")["gregorian"]
    months = [months_data[str(m)] for m in range(1, 13)]
    terms, weights = background_terms()
    return Vocab(templates=templates, words=Zipf(terms, weights=weights), places=Zipf(cities),
                 countries=Zipf(countries), given=Zipf([g for g in given if g.isalpha()]),
                 family=templates["family_names"], months=months,
                 outlets=[(name, slug) for name, slug in templates["outlets"]])


@dataclass
class Event:
    """What every outlet reporting one event agrees on (unless it disagrees on a number)."""
    n: int
    kind: dict
    day: datetime
    slots: dict[str, str]
    numbers: dict[str, int]
    words: list[str]            # what this event is about beyond its kind: its own background words
    people: list[str]           # who is named in its background, besides its spokesperson


def new_event(n: int, day: datetime, vocab: Vocab, rng: random.Random) -> Event:
    kind = rng.choice(vocab.templates["events"])
    numbers = {k: rng.randint(lo, hi) for k, (lo, hi) in kind["numbers"].items()}
    amount = f"{rng.randint(2, 950)} {rng.choice(['مليون', 'مليار'])} {rng.choice(['دولار', 'دينار', 'ريال', 'جنيه', 'درهم'])}"
    slots = {"place": vocab.places.draw(rng), "country": vocab.countries.draw(rng), "person": person(vocab, rng),
             "role": rng.choice(vocab.templates["roles"]), "org": rng.choice(vocab.templates["orgs"]),
             "amount": amount, "weekday": vocab.templates["weekdays"][day.weekday()]}
    words = list(dict.fromkeys(vocab.words.draw(rng, skip=300) for _ in range(12)))
    people = [person(vocab, rng) for _ in range(2)]
    return Event(n=n, kind=kind, day=day, slots=slots, numbers=numbers, words=words, people=people)


def person(vocab: Vocab, rng: random.Random) -> str:
    return f"{vocab.given.draw(rng)} {rng.choice(vocab.family)}"


class Writer:
    """Fills templates for one outlet: its digits (Western or Arabic-Indic) and month names."""

    def __init__(self, vocab: Vocab, outlet_index: int) -> None:
        self.vocab = vocab
        self.name, self.slug = vocab.outlets[outlet_index]
        self.indic = outlet_index % 3 == 1          # a third of the outlets print ٠١٢٣
        self.month_variant = 1 if outlet_index % 4 == 3 else 0   # a quarter use the Levantine months

    def fill(self, template: str, slots: dict[str, str], rng: random.Random, own: list[str] | None = None) -> str:
        """Slots filled; each {w} is one of the event's `own` words two times in three, else any word."""
        text = template
        while "{w}" in text:
            word = rng.choice(own) if own and rng.random() < 0.67 else self.vocab.words.draw(rng)
            text = text.replace("{w}", word, 1)
        for key in SLOTS:
            text = text.replace("{" + key + "}", slots.get(key) or person(self.vocab, rng))
        return text.translate(ARABIC_DIGITS) if self.indic else text

    def date(self, day: datetime) -> str:
        names = self.vocab.months[day.month - 1]
        return f"{day.day} {names[min(self.month_variant, len(names) - 1)]} {day.year}"


def write_article(event: Event, outlet_index: int, published: datetime, numbers: dict[str, int], vocab: Vocab,
                  rng: random.Random) -> dict:
    """One outlet's own telling of the event: its title, lead, facts in its order, a quote, and
    background sentences until a drawn length of 150-500 words."""
    writer = Writer(vocab, outlet_index)
    kind = event.kind
    slots = {**event.slots, **{k: str(v) for k, v in numbers.items()}, "date": writer.date(event.day),
             "source": writer.name}
    target = rng.randint(150, 460)
    paragraphs = [writer.fill(rng.choice(kind["leads"]), slots, rng)]
    facts = rng.sample(kind["facts"], k=rng.randint(1, 3))
    paragraphs += [writer.fill(f, slots, rng) for f in facts]
    paragraphs.insert(rng.randint(1, len(paragraphs)), writer.fill(rng.choice(kind["quotes"]), slots, rng))
    words = sum(len(p.split()) for p in paragraphs)
    background = vocab.templates["background"]
    while words < target:
        extra = dict(slots, person=rng.choice(event.people))
        sentence = " ".join(writer.fill(rng.choice(background), extra, rng, event.words) if rng.random() < 0.4
                            else filler(vocab, event.words, rng) for _ in range(rng.randint(1, 3)))
        paragraphs.append(sentence)
        words += len(sentence.split())
    stamp = published.strftime("%Y/%m/%d")
    return {"title": writer.fill(rng.choice(kind["titles"]), slots, rng), "content": "\n\n".join(paragraphs),
            "url": f"https://{writer.slug}.example/news/{stamp}/{event.n}-{outlet_index}.html",
            "published": published.isoformat(), "outlet": writer.name}


def filler(vocab: Vocab, own: list[str], rng: random.Random) -> str:
    """A sentence of vocabulary words, the event's own among them: what gives each article its
    spread of frequent and rare terms (the templates alone would repeat a few hundred words)."""
    words = [rng.choice(own) if rng.random() < 0.45 else vocab.words.draw(rng) for _ in range(rng.randint(6, 14))]
    return "و" + " ".join(words) + "."


def event_articles(event: Event, vocab: Vocab, rng: random.Random) -> Iterator[tuple[dict, dict]]:
    """The articles of one event with their truth rows: a single article, a story told by several
    outlets (perhaps disagreeing on n1), or an article and its word-for-word copies."""
    roll = rng.random()
    outlets = rng.sample(range(len(vocab.outlets)), k=10)
    first = event.day + timedelta(hours=rng.randint(6, 20), minutes=rng.randint(0, 59))
    tellers = 1 if roll < 0.55 else rng.randint(2, 6) if roll < 0.9 else 1
    n_copies = rng.randint(1, 3) if roll >= 0.9 or (tellers > 1 and rng.random() < 0.2) else 0
    disagreeing = rng.randint(1, tellers - 1) if tellers > 1 and rng.random() < 0.4 else -1
    made: list[dict] = []
    for i in range(tellers):
        published = first + timedelta(hours=rng.randint(0, 60)) if i else first
        numbers = dict(event.numbers)
        if i == disagreeing:
            numbers["n1"] += rng.choice([-3, -2, -1, 1, 2, 5, 10])
            numbers["n1"] = max(0, numbers["n1"])
        article = write_article(event, outlets[i], published, numbers, vocab, rng)
        made.append(article)
        yield article, {"url": article["url"], "event": event.n, "kind": event.kind["kind"],
                        "copy_of": None, "numbers": numbers, "disagrees": i == disagreeing}
    for j in range(n_copies):
        original = made[rng.randrange(len(made))]
        published = datetime.fromisoformat(original["published"]) + timedelta(minutes=rng.randint(5, 600))
        outlet = outlets[tellers + j]
        name, slug = vocab.outlets[outlet]
        copy = dict(original, outlet=name, published=published.isoformat(),
                    url=f"https://{slug}.example/news/{published.strftime('%Y/%m/%d')}/{event.n}-{outlet}-copy.html")
        yield copy, {"url": copy["url"], "event": event.n, "kind": event.kind["kind"], "copy_of": original["url"],
                     "numbers": None, "disagrees": False}


def generate(n_articles: int, seed: int = 7, per_day: int = 1000, vocab: Vocab | None = None
             ) -> Iterator[tuple[dict, dict]]:
    """Exactly `n_articles` (article, truth) pairs, events in day order, about `per_day` a day."""
    vocab = vocab or load_vocab()
    rng = random.Random(seed)
    made = 0
    for n in itertools.count():
        day = START + timedelta(days=made // per_day)
        for pair in event_articles(new_event(n, day, vocab, rng), vocab, rng):
            yield pair
            made += 1
            if made == n_articles:
                return


class Parts:
    """JSON Lines part files of `size` lines each, opened one after another (one open at a time)."""

    def __init__(self, folder: Path, size: int) -> None:
        self.folder, self.size, self.lines, self.count = folder, size, 0, 0
        self.file: TextIO | None = None

    def write(self, record: dict) -> None:
        if self.lines % self.size == 0:
            self.close()
            self.file = (self.folder / f"part-{self.count:05d}.jsonl").open("w", encoding="utf-8")
            self.count += 1
        assert self.file is not None
        self.file.write(json.dumps(record, ensure_ascii=False) + "\n")
        self.lines += 1

    def close(self) -> None:
        if self.file is not None:
            self.file.close()
            self.file = None


def write_corpus(out: Path, n_articles: int, seed: int = 7, per_day: int = 1000, part_size: int = 10000) -> dict:
    """Write part files under `out/articles` and truth.jsonl under `out` (created); returns counts
    of what was planted."""
    (out / "articles").mkdir(parents=True, exist_ok=True)
    counts = {"articles": 0, "events": 0, "copies": 0, "disagreements": 0, "story_events": 0}
    last_event, event_size = -1, 0
    parts = Parts(out / "articles", part_size)
    try:
        with open(out / "truth.jsonl", "w", encoding="utf-8") as truth:
            for article, row in generate(n_articles, seed, per_day):
                parts.write(article)
                truth.write(json.dumps(row, ensure_ascii=False) + "\n")
                counts["articles"] += 1
                counts["copies"] += row["copy_of"] is not None
                counts["disagreements"] += row["disagrees"]
                if row["event"] != last_event:
                    counts["events"] += 1
                    last_event, event_size = row["event"], 0
                if row["copy_of"] is None:
                    event_size += 1
                    counts["story_events"] += event_size == 2
    finally:
        parts.close()
    counts["parts"] = parts.count
    (out / "synth.json").write_text(json.dumps({"seed": seed, "per_day": per_day, **counts}), "utf-8")
    return counts


def zipf_queries(n: int, seed: int = 7, vocab: Vocab | None = None) -> list[str]:
    """`n` search queries drawn the way the corpus draws its words: a background word, a place, a
    person's family name or an institution, each Zipf-ranked, so frequent and rare terms mix."""
    vocab = vocab or load_vocab()
    rng = random.Random(seed)
    orgs = Zipf(vocab.templates["orgs"])
    family = Zipf(vocab.family)
    draws = [vocab.words.draw, vocab.places.draw, family.draw, orgs.draw, vocab.countries.draw]
    return [rng.choice(draws)(rng) for _ in range(n)]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--per-day", type=int, default=1000, help="articles a day (sets the corpus's time span)")
    parser.add_argument("--part-size", type=int, default=10_000)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    counts = write_corpus(args.out, args.articles, args.seed, args.per_day, args.part_size)
    print(json.dumps(counts))


if __name__ == "__main__":
    main()
