"""The finder's last steps over the tagger's names: what a tagger reading word by word misses and
a reader sees at once. A team takes the masculine and a city the feminine ("ليون الفرنسي" the club);
a results line names teams and their countries; a quoted place name that is also an organisation
is the organisation ("« الشرق الأوسط »", the newspaper); the country adjective presenting a person
is not part of the name, and a country adjective alone (a country's people, or the adjective of
the noun before it) is no name. Each step changes only its own spans, not the tagger's features,
so the shipped model needs no retraining for them.
"""
from __future__ import annotations

from collections.abc import Callable

from marsad.extract.entity_doc import Doc, Mention
from marsad.extract.entity_rules import is_adjective
from marsad.extract.gazetteer import GazEntry, gazetteer

__all__ = ["finish", "sports_context"]


def finish(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """The tagger's names (with the table names it missed) after the last steps, unsorted."""
    mentions = _teams_in_results(doc, mentions)
    _clubs_by_their_country(doc, mentions)
    _quoted_titles(doc, mentions)
    return [_without_leading_country(doc, m) for m in mentions if not _country_adjective_alone(doc, m)]


def sports_context(doc: Doc, i: int, window: int = 8) -> bool:
    """A sports cue word (مباراة، فاز، الدوري...) within `window` tokens of token i."""
    cues = doc.lex["sports_cues"]
    return any(not cues.isdisjoint(doc.info[k].forms)
               for k in range(max(0, i - window), min(len(doc), i + window + 1)) if k != i)


def _table_entry(phrase: str, accept: Callable[[GazEntry], bool]) -> GazEntry | None:
    """The first table entry of the folded `phrase` that `accept` takes."""
    return next((e for e in gazetteer().phrases.get(phrase, ()) if accept(e)), None)


_PLACE_HEADS = ("loc_heads_admin", "loc_heads_geo", "loc_heads_facility")
_CLITICS = ("", "و", "ف", "ب", "ك", "ل", "وب", "ول", "فب", "فل")


def _without_leading_country(doc: Doc, m: Mention) -> Mention:
    """A person's name after the country adjective that presents it ("للبرازيلي كلاوديو",
    "الأرجنتيني ليونيل ميسي"), without the adjective: it says who the person is, not their name."""
    if m.type != "PER" or m.last == m.first or not _country_word(doc.norms[m.first]):
        return m
    first = m.first + 1
    return Mention(first, m.last, doc.starts[first], m.end, m.type, m.entry, m.source, m.link)


def _country_adjective_alone(doc: Doc, m: Mention) -> bool:
    """A one-word name that is a country adjective: a country's people in the plural ("وكنديون",
    "البريطانيين": a group, not a name), or the adjective of the definite noun before it ("مستشار
    الرئيس السوداني"; "وقال المصري" stays, a surname)."""
    word = doc.norms[m.first]
    if m.first != m.last:
        return False
    if word.endswith(("يون", "يين")):
        return is_adjective(word) or (word[:1] in "وف" and is_adjective(word[1:]))
    return word.startswith("ال") and m.first > 0 and doc.norms[m.first - 1].startswith("ال") and is_adjective(word)


def _country_word(word: str) -> bool:
    """A definite country adjective, with its proclitics ("للبرازيلي", "والمصري"); not the bare
    form, which is also a given name ("تركي")."""
    if word.startswith("لل") and is_adjective("ال" + word[2:]):
        return True
    return any(word.startswith(c + "ال") and is_adjective(word[len(c):]) for c in _CLITICS)


def _teams_in_results(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """A results line, "موسكو ( روسيا ) - هامبورغ ( المانيا ) 1 - صفر": a name followed by its
    country in brackets and then a dash or a score is a team (ORG), the country a place."""
    out = list(mentions)
    if "(" not in doc.text:
        return out
    for i in range(len(doc) - 1):
        if doc.gaps[i].strip() != "(":
            continue
        closing = doc.text[doc.ends[i + 1]:doc.ends[i + 1] + 8].strip()
        if not closing.startswith(")"):
            continue
        score = i + 2 < len(doc) and (doc.norms[i + 2].isdigit() or doc.norms[i + 2] == "صفر")
        if not (closing[1:].strip().startswith(("-", "–")) or score):
            continue
        country = _table_entry(doc.norms[i + 1], lambda e: e.key.startswith("loc:"))
        if country is None:
            continue
        named = _club_ending_at(doc, i)
        if named is not None:                    # "ريال مدريد ( اسبانيا )": the club's whole name
            first, club = named
            out = [m for m in out if m.last < first or m.first > i] + [
                Mention(first, i, doc.starts[first], doc.ends[i], "ORG", club, "rule")]
        team = next((m for m in out if m.last == i), None)
        if team is None and not any(m.first <= i <= m.last for m in out):
            out.append(Mention(i, i, doc.starts[i], doc.ends[i], "ORG", None, "rule"))
        elif team is not None and team.type == "LOC":
            team.type, team.entry = "ORG", None
        if not any(m.first <= i + 1 <= m.last for m in out):
            out.append(Mention(i + 1, i + 1, doc.starts[i + 1], doc.ends[i + 1], "LOC", country, "rule"))
    return out


_QUOTES = ("«", "\"", "“", "”", "»")


def _quoted_titles(doc: Doc, mentions: list[Mention]) -> None:
    """A place name in quotation marks that the tables also hold as an organisation is that
    organisation: « الشرق الأوسط » is the newspaper, the region is not quoted."""
    for m in mentions:
        if m.type != "LOC" or not doc.text[max(0, m.start - 3):m.start].rstrip().endswith(_QUOTES) \
                or not doc.text[m.end:m.end + 3].lstrip().startswith(_QUOTES):
            continue
        phrase = " ".join(doc.norms[m.first:m.last + 1])
        org = _table_entry(phrase, lambda e: e.type == "ORG")
        if org is not None:
            m.type, m.entry = "ORG", org


def _club_ending_at(doc: Doc, last: int) -> tuple[int, GazEntry] | None:
    """(first token, entry) of the longest club name in the tables that ends at token `last`."""
    for first in range(max(0, last - 3), last + 1):
        phrase = " ".join(doc.norms[first:last + 1])
        club = _table_entry(phrase, lambda e: e.key.startswith("org:club-"))
        if club is not None:
            return first, club
    return None


def _clubs_by_their_country(doc: Doc, mentions: list[Mention]) -> None:
    """A place followed by a masculine country adjective near a sports cue is a club: a team
    (فريق، نادي) takes the masculine and a city the feminine ("ليون الفرنسي" the club, "ليون
    الفرنسية" the city), which the tagger, reading words and not agreement, often misses."""
    for m in mentions:
        k = m.last + 1
        if m.type != "LOC" or m.first != m.last or doc.norms[m.first].startswith("ال") or k >= len(doc) \
                or not doc.joined(k) or not _masculine_country(doc.norms[k]) or not sports_context(doc, m.first):
            continue
        if m.first and any(doc.in_set(m.first - 1, heads) for heads in _PLACE_HEADS):
            continue             # "إقليم كردستان العراقي": the adjective agrees with the head noun
        m.type = "ORG"
        m.entry = _table_entry(doc.norms[m.first], lambda e: e.type == "ORG")


def _masculine_country(word: str) -> bool:
    """"الفرنسي", "الالماني": a country adjective in the masculine singular (not "العربي", which
    names regions: "الخليج العربي", "المغرب العربي")."""
    return word.startswith("ال") and word.endswith("ي") and word != "العربي" and is_adjective(word)
