"""Attribution chains: who reports whom (the isnad of a report).

One left-to-right pass (`discourse`) reads every attributing phrase and every quotation, because
each needs what came before: "الصحيفة" and "المصدر" point back to the last outlet or source, and
"وأضاف:" to the last speaker. Chains are nearest reporter first, original source last:
"نقلت سكاي نيوز عن صحيفة الصن" -> [سكاي نيوز عربية, الصن]; "قال مصدر لسكاي نيوز" ->
[سكاي نيوز عربية, مصدر] (the outlet reports what the source told it).

The article's own isnad is `find_attributions(...)[0][0]` whenever any attribution was found:
- a closing credit ("وفق “الجزيرة”", "(المصدر: الجزيرة)") means the whole report came via that
  outlet, so it is the first link;
- then the first chain led by a news outlet (else the first chain of the lead paragraph), extended
  once by a later "... للصحيفة" chain that names where that outlet got it;
- the article's own outlet (the `outlet` argument) is never a link: a chain says whom the article
  relies on, not who published it. It is only used to drop the article naming itself.
That first record spans the phrase it came from (the lead phrase, or the credit when that is all
there is) and is followed by one record per attributing phrase in text order, the lead phrase
included. With no attribution at all the list is empty.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from marsad.extract.quotes import QuoteSpan, quote_spans
from marsad.extract.speech import (
    WORD,
    Prepared,
    Src,
    closes_name,
    function_word,
    is_given_name,
    is_pronoun_subject,
    media_keys,
    merge_key,
    np_complements,
    patterns,
    read_source,
    skip_object,
    spelled,
    title_before,
    vocab,
)
from marsad.model import Attribution, Entity, Quote
from marsad.text.normalize import normalize

__all__ = ["discourse", "find_attributions"]

_SVO = re.compile(r"(?<![^\W\d_])و?(?:كان|كانت)\s+(?P<s>[^.:\n]{2,100}?)\s*،?\s*(?:قد\s*)?$")
_BLOCK = object()
_NOMINAL = re.compile(r"(?<![^\W\d_])(?:عدم|دون)\s+$")   # "مفضلا عدم كشف اسمه": no speech
_ABOUT_HIM = re.compile(r"\s*(?:عنه|عنها|عنهم)(?![^\W\d_])\s*")
_BEFORE_COMP = re.compile(
    r"\s+(?P<np>[^\W\d_]+(?:\s+[^\W\d_]+){0,2}?)\s+(?:(?:من|إلى|الى|على)\s+)?(?:أن|إن|ان|بأن|بان|أنه|إنه|انه)(?![^\W\d_])")
_BEFORE_COMMA = re.compile(r"\s+(?P<np>[^\W\d_]+(?:\s+[^\W\d_]+){0,2}?)\s*[،,]\s*")
_BEFORE_STOP = re.compile(r"\s+(?P<np>[^\W\d_]+(?:\s+[^\W\d_]+){0,2}?)\s*(?:[.،,]|$)")
_AFTER_QUOTE = re.compile(r"[»”\"]\s*[،,]?\s*$")
_SPACES = re.compile(r"\s*")
_AFTER_GAP = re.compile(r"[ \t،,]*(?:(?:هكذا|بهذه\s+(?:الكلمات|العبارة|العبارات))\s+)?")   # '«...»، هكذا ختم'
_AS_HE_PUT_IT = re.compile(r"(?:على\s+حد|بحسب|حسب|وفق)\s+(?:تعبير|قول|وصف)(?:ه|ها|هم)(?![^\W\d_])")
_BREAK = re.compile(r"[.!؟?\n]")
_BREAK_RUN = re.compile(r"[.!؟?\n]+")
_CLAUSE_START = re.compile(r"(?:^|[.،,:\n»”\"])\s*$")
_CLAUSE_HEAD = re.compile(r"(?:^|[.،:\n؟!]|(?<![^\W\d_])(?:أن|إن|لكن|غير أن))\s*(?=[^\W\d_]+(?:\s+[^\W\d_]+){0,5}\s*$)")
_OPENS_CLAUSE = re.compile(r"(?:^|[.،,:\n])\s*$")
_CAME_HINT = re.compile(r"(?:جاء|ورد)\s+(?:في|ضمن)\s")


@lru_cache(maxsize=1)
def _before_colon() -> re.Pattern[str]:
    """"وقال العبد العالي أمام البرلمان:": one to three words before a colon, an adverbial phrase
    ("أمام البرلمان", "على منصة إكس") dropped."""
    return re.compile(
        r"\s+(?P<np>[^\W\d_]+(?:\s+[^\W\d_]+){0,2}?)"
        rf"(?:\s+{spelled(vocab()['adverbial_prepositions'])}\s+[^\W\d_]+(?:\s+[^\W\d_]+){{0,3}}?)?\s*:")


@lru_cache(maxsize=1)
def _chant_stems() -> tuple[str, ...]:
    """Substrings one of which every chant verb contains: a cheap test before the scan."""
    words = vocab()["chant_verbs"]
    return tuple(w for w in words if not any(o != w and o in w for o in words))

@dataclass(slots=True)
class _Mention:
    start: int
    end: int
    chain: list[Src]
    first_paragraph: bool = False


class _Pass:
    def __init__(self, text: str, entities: list[Entity]) -> None:
        self.text = text
        self.prep = Prepared(text, entities)
        self.clean = self.prep.clean
        self.spans = quote_spans(self.clean)
        self.inside = [(q.start, q.end) for q in self.spans]
        self.inside_starts = [s for s, _ in self.inside]
        if self.inside:   # a name inside a quotation is never the speaker of one outside it
            self.prep.keep_entities([x for x in self.prep.entities if not self._quoted(x[0]) or self._is_name(x)])
        self.sentences = self._sentences()
        self.last: dict[str, Src] = {}
        self.cands: list[tuple[int, object]] = []   # (position, Src | _BLOCK) for pronoun resolution
        self.according_at: dict[int, object] = {}   # "بحسب X"/"وجاء في بيان X" start -> its speaker
        self.came_at: set[int] = set()
        self.inner: set[int] = set()
        self.pending: list[tuple[int, re.Match[str]]] = []   # quote-only verbs not read yet
        self.chants = any(w in self.clean for w in _chant_stems())
        self.verbs: dict[int, object] = {}          # verb start -> its speaker (Src | _BLOCK | None)
        self.mentions: list[_Mention] = []
        self.closing: _Mention | None = None
        self.outlet_key: str | None = None
        self.quotes: list[Quote] = []
        self.people = [(s, en) for s, _, en in self.prep.entities if en.type == "PER" and not self._quoted(s)]
        self.people_starts = [s for s, _ in self.people]
        self._people_words: list[frozenset[str]] | None = None

    # -- geometry -------------------------------------------------------------------------------
    def _quoted(self, pos: int) -> bool:
        i = bisect.bisect_right(self.inside_starts, pos) - 1
        return i >= 0 and self.inside[i][0] <= pos < self.inside[i][1]

    def _is_name(self, item: tuple[int, int, Entity]) -> bool:
        """A quoted span that is all one name: "«المرصد السوري لحقوق الإنسان»"."""
        i = bisect.bisect_right(self.inside_starts, item[0]) - 1
        return i >= 0 and item[0] <= self.inside[i][0] + 1 and item[1] >= self.inside[i][1] - 1

    def _sentences(self) -> list[int]:
        starts = [0]
        clean = self.clean
        n = len(clean)
        # a character class scans fast; each run splits into newlines (a break) and punctuation
        # (a break when whitespace follows and it is not inside a quote)
        for run in _BREAK_RUN.finditer(clean):
            i, end = run.span()
            while i < end:
                newline = clean[i] == "\n"
                j = i + 1
                while j < end and (clean[j] == "\n") == newline:
                    j += 1
                if newline or (j < n and clean[j].isspace() and not self._quoted(i)):
                    starts.append(j)
                i = j
        return starts

    def _sentence_of(self, pos: int) -> int:
        return bisect.bisect_right(self.sentences, pos) - 1

    # -- resolution -----------------------------------------------------------------------------
    def _resolve(self, src: Src | None) -> Src | None:
        if src is None or src.kind != "anaphor":
            return src
        found = self.last.get(src.head)
        if src.head not in ("outlet", "report"):
            # "المتحدث" after "المتحدث باسم الحكومة باسم العوادي": the later of that person and the
            # last source of the family
            ante = self.prep.antecedent(src.start, WORD.findall(src.name), "PER")
            if ante is not None and (found is None or ante[0] > found.start):
                return Src(src.start, src.end, ante[1].name, ante[1].key, ante[1].kind, src.head)
        if found is not None:
            return Src(src.start, src.end, found.name, found.key, found.kind, found.head)
        if src.head in ("outlet", "report"):
            return None
        return Src(src.start, src.end, src.name, merge_key(src.name), "anon", src.head)

    def _remember(self, src: Src) -> None:
        if src.kind == "outlet":
            self.last["outlet"] = src
        if src.head:
            self.last[src.head] = src

    def pronoun(self, pos: int) -> Src | None:
        """The speaker a subjectless verb at `pos` refers to: the earliest speaker or person in the
        nearest sentence (this one up to `pos`, then up to two before) that has one."""
        si = self._sentence_of(pos)
        if self.pending:
            self._flush(self.sentences[max(0, si - 2)], pos)
        for s in range(si, max(-1, si - 3), -1):
            lo = self.sentences[s]
            hi = pos if s == si else self.sentences[s + 1]
            best: tuple[int, object] | None = None
            i = bisect.bisect_left(self.cands, (lo,), key=lambda c: (c[0],))
            while i < len(self.cands) and self.cands[i][0] < hi:
                best = self.cands[i]
                break
            j = bisect.bisect_left(self.people_starts, lo)
            if j < len(self.people) and self.people[j][0] < hi and (best is None or self.people[j][0] < best[0]):
                en = self.people[j][1]
                best = (self.people[j][0], Src(self.people[j][0], self.people[j][0], en.canonical, en.key, "person"))
            if best is not None:
                if isinstance(best[1], tuple):   # a subjectless verb: whoever it refers to
                    return self.pronoun(best[1][1])
                return None if best[1] is _BLOCK else best[1]  # type: ignore[return-value]
        return None

    def _svo(self, vs: int) -> Src | None:
        """Subject before the verb: "وكان منسق ... ناثان سيلز قد أكد", "سيلز قال"."""
        lo = max(0, vs - 120)
        m = _SVO.search(self.clean, lo, vs)
        if m:
            s0 = m.start("s")
            people = [x for x in self.prep.entities_in(s0, m.end("s")) if x[2].type == "PER"]
            if people:
                s, e, en = people[0]
                return Src(s, e, en.canonical, en.key, "person")
            return self._resolve(read_source(self.prep, s0))
        for s, e, en in self.prep.entities_in(max(0, vs - 60), vs):
            # "سيلز قال": only a name that opens its clause is the verb's subject ("ما أطلقته داعش يؤكد" is not)
            before = self.clean[max(0, s - 12):s]
            opens = re.search(r"(?:^|[.،,:\n؟!]|(?<![^\W\d_])(?:لكن|كما|و))[\s“«\"]*(?:و)?$", before)
            if en.type in ("PER", "ORG") and opens and not self.clean[e:vs].strip(" ”»\"قد"):
                return Src(s, e, en.canonical, en.key, "person" if en.type == "PER" else "org")
        cm = _CLAUSE_HEAD.search(self.clean, max(0, vs - 80), vs)
        if cm and patterns()["anon"].match(self.clean, cm.end()):
            # "مصدر أمني متابع للقضية قال لـ...": an anonymous source opening its clause
            src = read_source(self.prep, cm.end(), limit=vs - cm.end())
            if src is None or src.kind != "anon":
                return None
            end = np_complements(self.prep, src.end)   # "مسؤول الاتحاد الأوروبي قال"
            if end > src.end and not self.clean[end:vs].strip():
                name = self.clean[src.start:end]
                return Src(src.start, end, name, merge_key(name), "anon", src.head)
            gap = self.clean[src.end:vs]
            if len(WORD.findall(gap)) <= 3 and not re.search(r"[.،,:؛!؟\n«»\"]", gap):
                return src   # "مصدر أمني متابع للقضية قال"
        return None

    # -- chains ---------------------------------------------------------------------------------
    def _links(self, chain: list[Src], pos: int, relay: bool) -> int:
        """Read "نقلاً عن X", "عن X" (after relay verbs), "لـ X"/"في تصريح لـ X" after a source."""
        pat = patterns()
        for _ in range(3):
            m = pat["reversed"].match(self.clean, pos)
            if m:   # "، في تقرير نقلته عنها قناة الجزيرة،", "كما نقلت عنها قناة العربية"
                src = self._resolve(read_source(self.prep, m.end()))
                if src is not None and src.kind in ("outlet", "org", "person") and (not chain or src.key != chain[0].key):
                    chain.insert(0, src)
                    pos = src.end
                    continue
                break
            m = pat["in_report"].match(self.clean, pos)
            if m:
                pos = m.end()
                continue
            m = pat["relay"].match(self.clean, pos)
            if m:
                src = self._resolve(read_source(self.prep, m.end()))
                if src is None:
                    break
                if not (relay or "نقل" in m.group()) and not self._named_object(m.end(), src):
                    break   # "تحدثت مصادر عن تعزيزات", "أعلنت عن مقتل القائد ..."
                chain.append(src)
                pos, relay = src.end, False
                continue
            m = pat["to_outlet"].match(self.clean, pos)
            if m:
                src = self._resolve(read_source(self.prep, m.end(), lam=not m.group("m")))
                if src is not None and src.kind == "outlet":
                    chain.insert(0, src)
                    pos = src.end
                    continue
            break
        return pos

    def _named_object(self, pos: int, src: Src) -> bool:
        """After a non-relay verb, "عن X" names a source only when X opens the phrase (an outlet, a
        person, an anonymous source) or a role/title leads to it ("عن مدير عام ... ناصر الغنام")."""
        p = pos
        while p < len(self.clean) and self.clean[p] in " \t«“\"(":
            p += 1
        if src.kind not in ("outlet", "person", "anon"):
            return False
        if src.start <= p:
            return True
        pat = patterns()
        return bool(pat["role_any"].match(self.clean, p) or pat["title"].match(self.clean, p))

    def _add(self, start: int, end: int, chain: list[Src]) -> None:
        out: list[Src] = []
        for src in chain:
            if not out or out[-1].key != src.key:
                out.append(src)
            self._remember(src)
        first_para = "\n" not in self.clean[:start]
        self.mentions.append(_Mention(start, end, out, first_para))

    def verb(self, m: re.Match[str]) -> None:
        vs, ve = m.start(), m.end()
        if self.mentions and self.mentions[-1].start < vs < self.mentions[-1].end:
            self.verbs[vs] = self.mentions[-1].chain[-1]   # "كما نقلت عنها": read with its chain
            return
        quote_only = bool(patterns()["quote_only"].fullmatch(m.group()))
        relay = bool(patterns()["relay_verb"].fullmatch(m.group()))
        am = _ABOUT_HIM.match(self.clean, ve)
        if am and relay:
            # "ونقلت عنه وكالة إرنا قوله": the pronoun's referent said it, the outlet (if named) relayed
            referent = self.pronoun(vs)
            reporter = self._resolve(read_source(self.prep, am.end()))
            chain = [x for x in (reporter, referent) if x is not None]
            if chain:
                self._add(vs, reporter.end if reporter else am.end(), chain)
            self.verbs[vs] = referent if referent is not None else ("pronoun", vs)
            if referent is not None:
                self._cand(vs, referent)
            return
        svo = self._svo(vs) if self.clean.endswith("قد ", 0, vs) else None
        embedded = quote_only and m.group()[0] not in "وف" and not _OPENS_CLAUSE.search(self.clean, max(0, vs - 4), vs)
        if svo is not None or embedded or is_pronoun_subject(self.clean, ve):
            # embedded: "إن قيادة الجيش دعت جبهة النصرة «...»": what follows is the object
            subject = svo or self._svo(vs) or self._circumstantial(m)
            chain = [subject] if subject else []
            end = self._links(chain, ve, relay)
            speaker = subject if subject else None
            if subject is None and chain and relay and chain[-1].kind != "outlet":
                speaker = chain[-1]   # "ونُقل عن الوزير قوله": the minister speaks
            elif subject is None and chain:  # "وقال لـ ABC News" -> [ABC News, whoever spoke last]
                speaker = self.pronoun(vs)
                if speaker is not None:
                    chain.append(speaker)
            if chain and not quote_only and (subject or len(chain) > 1 or chain[0].kind == "outlet" or relay):
                self._add(vs, end, chain)
            self.verbs[vs] = speaker if speaker else ("pronoun", vs)
            if speaker is not None:
                self._cand(vs, speaker)
                self._statement(speaker, ve)
            elif self.spans:
                self._cand(vs, ("pronoun", vs))   # "وأشار إلى أنه ...": the subject goes on
            return
        subject = self._resolve(read_source(self.prep, ve))
        if subject is None and (m.group()[0] in "وف" or _CLAUSE_START.search(self.clean, max(0, vs - 4), vs)):
            subject = self._bare_name(ve, bool(_AFTER_QUOTE.search(self.clean, max(0, vs - 6), vs)))
        if subject is None:
            if quote_only:   # "وفي رد على سؤال": a noun, or a subject to come
                self.verbs[vs] = ("pronoun", vs)
                return
            speech = bool(patterns()["speech"].fullmatch(m.group()))
            self.verbs[vs] = _BLOCK
            if speech:
                self._cand(vs, _BLOCK)
            return
        chain = [subject]
        end = self._links(chain, subject.end, relay)
        if not quote_only:
            self._add(vs, end, chain)
        self.verbs[vs] = chain[-1]
        self._cand(vs, chain[-1])
        self._statement(chain[-1], subject.end)

    def _defer(self, m: re.Match[str]) -> None:
        self.pending.append((m.start(), m))

    def _flush(self, lo: int, hi: int) -> None:
        """Read the quote-only verbs ("دعا", "رد", "يضيف") between `lo` and `hi` now: they make no
        chain, so they are read only where a quote or a subjectless verb asks who spoke there."""
        i = bisect.bisect_left(self.pending, lo, key=lambda x: x[0])
        j = bisect.bisect_left(self.pending, hi, key=lambda x: x[0])
        if i < j:
            todo = self.pending[i:j]
            del self.pending[i:j]
            for _, m in todo:
                self.verb(m)

    def _cand(self, pos: int, src: object) -> None:
        bisect.insort(self.cands, (pos, src), key=lambda c: c[0])

    def _statement(self, speaker: Src, pos: int) -> None:
        """"وقالت الوزارة في بيان": what "البيان" says later is the ministry's."""
        if patterns()["in_statement"].match(self.clean, pos):
            self.last["report"] = speaker

    def _circumstantial(self, m: re.Match[str]) -> Src | None:
        """"مقطعا للرئيس قيس سعيد يقول فيه": an imperfect verb right after a name has it as subject."""
        if m.group()[0] in "وف" or m.group("v")[0] not in "يت":
            return None
        before = self.prep.entities_in(max(0, m.start() - 60), m.start())
        for s, e, en in reversed(before):
            if en.type == "PER" and not self.clean[e:m.start()].strip():
                return Src(s, e, en.canonical or en.text, en.key or merge_key(en.text), "person")
        return None

    def _bare_name(self, pos: int, after_quote: bool = False) -> Src | None:
        """"وقال العبد العالي:": a name no table knows, 1-3 words between the verb and the colon,
        adverbial phrases dropped ("أمام البرلمان", "خلال المؤتمر"); after a quote the name may end
        the clause ('«...»، أضاف بيسكوف.'). A name that repeats a person named earlier ("بيسكوف"
        after "دميتري بيسكوف") is that person."""
        word = _SPACES.match(self.clean, pos).end()
        after = skip_object(self.clean, word)
        if after > word and self.clean[after - 1].isspace():
            pos = after - 1   # "وقال لي يوسف:": past the object pronoun
        cm = _before_colon().match(self.clean, pos) or (_BEFORE_STOP.match(self.clean, pos) if after_quote else None)
        loose = False
        if not cm:
            cm = _BEFORE_COMMA.match(self.clean, pos)   # "قال هيلاري بن، المتحدث باسم ...": a role in apposition
            pat = patterns()
            if cm and not (pat["role_any"].match(self.clean, cm.end()) or pat["title"].match(self.clean, cm.end())
                           or pat["anon_def"].match(self.clean, cm.end())):
                cm = None
        if not cm:
            cm = _BEFORE_COMP.match(self.clean, pos)   # "وأوضح سليم أن": a known given name or person only
            loose = True
        if not cm:
            return None
        s = cm.start("np")
        tokens = list(WORD.finditer(self.clean, s, cm.end("np")))
        for i, t in enumerate(tokens[1:], 1):
            if closes_name(t.group()):
                tokens = tokens[:i]   # "ويضيف حسين قائلا:"
                break
        while len(tokens) > 1 and tokens[-1].group().startswith("ل"):
            tokens.pop()   # "شقيقه أحمد للصحفيين": the addressee is no part of the name
        words = [normalize(t.group()) for t in tokens]
        if not words or any(function_word(t.group()) for t in tokens):
            return None
        if any(w.endswith(("ها", "هم", "هما")) and len(w) > 4 for w in words[1:]):
            return None   # "المصممة فكرتها": a possessive ends no name
        e = tokens[-1].end()
        known = self._person_named(s, words)
        if known is not None:
            return Src(s, e, known.name, known.key, "person")
        first = tokens[0].group()
        if loose and not is_given_name(first):
            return None
        if words[0].startswith(("لل", "ب")) or patterns()["participle"].match(first) or patterns()["verb"].match(first):
            return None
        if len(words) == 1 and words[0].startswith("ال"):
            return None   # "وتقول الرسالة:": a common noun, not a name
        name = self.clean[s:e]
        return Src(s, e, name, merge_key(name), "person")

    def _person_named(self, pos: int, words: list[str]) -> Src | None:
        """The latest person before `pos` whose name (as written or canonical) has all of `words`,
        else the latest speaker no table knows whose name has them ("سيندي ماكين" ... "ماكين")."""
        if self._people_words is None:
            self._people_words = [frozenset(normalize(w) for w in WORD.findall(en.text + " " + (en.canonical or "")))
                                  for _, en in self.people]
        for i in range(bisect.bisect_left(self.people_starts, pos) - 1, -1, -1):
            if all(w in self._people_words[i] for w in words):
                start, en = self.people[i]
                return Src(start, start, en.canonical or en.text, en.key or merge_key(en.text), "person")
        for start, src in reversed(self.cands):
            if (start < pos and isinstance(src, Src) and src.kind == "person"
                    and all(w in {normalize(x) for x in WORD.findall(src.name)} for w in words)):
                return src
        return None

    def according(self, m: re.Match[str]) -> None:
        if self.mentions and m.start() < self.mentions[-1].end:
            return   # "نقلا عن" inside a chain already read
        prep_word = m.group("p")
        lam = prep_word.startswith(("وفق", "طبق", "استناد")) and not (m.group("ma") and m.group("v"))
        subject = self._resolve(read_source(self.prep, m.end(), lam=lam))
        if subject is None:
            return
        relay = bool(m.group("v") and patterns()["relay_verb"].fullmatch(m.group("v")))
        chain = [subject]
        end = self._links(chain, subject.end, relay)
        self._add(m.start(), end, chain)
        self._cand(m.start(), chain[-1])
        self.according_at[m.start()] = chain[-1]

    def came_in(self, m: re.Match[str]) -> None:
        """"وجاء في بيان لوزارة الداخلية: «...»" -> the ministry; "وجاء في البيان" -> whoever issued
        the statement last, else no one."""
        rest = self.clean[m.end():m.end() + 2]
        if m.group("al") and (not rest or not rest[0].isalpha()):
            src = self.last.get("report")
        else:
            src = self._resolve(read_source(self.prep, m.end(), lam=self.clean.startswith("ل", m.end())))
            if src is not None and src.kind in ("person", "org", "outlet", "anon"):
                self._add(m.start(), src.end, [src])
                self.last["report"] = src
            else:
                src = None
        self.according_at[m.start()] = src if src is not None else _BLOCK
        if src is not None:
            self._cand(m.start(), src)

    def closing_credit(self) -> int:
        """Find "وفق “الجزيرة”" / "(المصدر: الجزيرة)" ending the text; return where it starts."""
        tail_from = max(0, len(self.clean.rstrip()) - 70)
        m = patterns()["closing"].search(self.clean, tail_from)
        if not m:
            return len(self.clean)
        s, e = m.start("name"), m.end("name")
        ents = [x for x in self.prep.entities_in(max(0, s - 1), e + 1) if x[2].type == "ORG"]
        quoted = s > 0 and self.clean[s - 1] in "«“”\""
        if ents:
            en = ents[0][2]
            src = Src(ents[0][0], ents[0][1], en.canonical, en.key, "outlet")
        elif quoted or m.group().lstrip("([ ").startswith(("المصدر", "المصادر")):
            name = self.clean[s:e].strip()
            src = Src(s, e, name, merge_key(name), "outlet")
        else:
            return len(self.clean)
        if not (src.key in media_keys() or quoted or not ents):
            return len(self.clean)
        self.closing = _Mention(m.start(), m.end(), [src])
        return m.start()

    # -- quotes ---------------------------------------------------------------------------------
    def quote(self, q: QuoteSpan, after: bool = False) -> Quote | None:
        """The quote with its speaker; None while the speaker may still be named after it."""
        mark = q.start - 1
        speaker = self._speaker_before(mark)
        if speaker is None and q.colon:
            speaker = self._headline(mark)
        if speaker is None and not after:
            return None
        if speaker is None:
            speaker = self._speaker_after(q.end + 1 if q.closed else q.end)
        src = speaker if isinstance(speaker, Src) else None
        if src is not None and not q.colon and title_before(self.clean, mark):
            src = None   # "كتاب بعنوان «...»", "تحت شعار «...»": a name, not speech
        if src is not None:
            self._cand(mark, src)
        s, e = self.prep.to_orig(q.start), self.prep.to_orig(q.end)
        key = src.key if src is not None and not src.key.startswith("txt:") else None
        return Quote(self.text[s:e], src.name if src else None, s, e, key)

    def _headline(self, mark: int) -> Src | None:
        """"الصفدي: «...»" heading a line: the person before the colon says it."""
        ls = max(self.clean.rfind("\n", 0, mark), self.clean.rfind(".", 0, mark)) + 1
        head = self.clean[ls:mark].rstrip()
        if not head.endswith(":") or len(WORD.findall(head)) > 4:
            return None
        people = [x for x in self.prep.entities_in(ls, mark) if x[2].type in ("PER", "ORG")]
        if len(people) != 1 or self.clean[people[0][1]:mark].strip(" :"):
            return None
        s, e, en = people[0]
        return Src(s, e, en.canonical or en.text, en.key or merge_key(en.text), "person" if en.type == "PER" else "org")

    def _speaker_before(self, mark: int) -> object:
        lo = self.sentences[self._sentence_of(mark)]
        if self.pending:
            self._flush(lo, mark)
        last = None
        for vm in patterns()["speech"].finditer(self.clean, lo, mark):
            if (not self._quoted(vm.start()) and not _NOMINAL.search(self.clean, max(0, vm.start() - 6), vm.start())
                    and vm.start() not in self.came_at and vm.start() not in self.inner
                    and vm.start() + 1 not in self.inner):
                last = vm
        chant = None
        if self.chants:
            for cm in patterns()["chant"].finditer(self.clean, lo, mark):
                chant = cm
        if chant is not None and (last is None or chant.start() > last.start()):
            return _BLOCK   # "وهتف المتظاهرون «...»": a slogan
        prep_at = max((p for p in self.according_at if lo <= p < mark), default=-1) if self.according_at else -1
        if prep_at >= 0 and (last is None or prep_at >= last.start()):
            return self.according_at[prep_at]   # "وبحسب المتحدث ...: «...»"
        if last is None:
            return None
        if patterns()["participle"].match(self.clean, last.start()):
            main = next((v for p, v in sorted(self.verbs.items()) if lo <= p < last.start()), None)
            if main is None:
                return self.pronoun(last.start())
            return self._verb_speaker(main)
        return self._verb_speaker(self.verbs.get(last.start()))

    def _verb_speaker(self, outcome: object) -> object:
        if isinstance(outcome, tuple):
            return self.pronoun(outcome[1])
        return outcome if outcome is not _BLOCK else _BLOCK

    def _speaker_after(self, pos: int) -> object:
        p = _AFTER_GAP.match(self.clean, pos).end()
        if self.pending:
            self._flush(p, p + 3)
        for vs, outcome in self.verbs.items():
            if (vs == p or (p < vs <= p + 2)) and not _BREAK.search(self.clean, pos, vs):
                return self._verb_speaker(outcome)
        if _AS_HE_PUT_IT.match(self.clean, p):
            return self.pronoun(p)   # '«...»، على حد تعبيره'
        if p in self.according_at:
            return self.according_at[p]
        am = patterns()["according"].match(self.clean, p)
        if am:
            src = self._resolve(read_source(self.prep, am.end(), lam=True))
            return src
        return None

    # -- output ---------------------------------------------------------------------------------
    def run(self) -> _Pass:
        pat = patterns()
        stop = self.closing_credit()
        events: list[tuple[int, int, object]] = []
        inner = self.inner   # the verb of "بحسب ما نقلت" belongs to its preposition
        # "وجاء في بيان ...": rare, so the scan runs only where the words are
        hint = ("جاء" in self.clean or "ورد" in self.clean) and _CAME_HINT.search(self.clean)
        for m in (pat["came_in"].finditer(self.clean, 0, stop) if hint else ()):
            if not self._quoted(m.start()):
                events.append((m.start(), 1, self.came_in, m))
                self.came_at.add(m.start())
        for m in pat["according"].finditer(self.clean, 0, stop):
            if not self._quoted(m.start()):
                events.append((m.start(), 1, self.according, m))
                if m.group("v"):
                    inner.add(m.start("v"))
        for m in pat["verb"].finditer(self.clean, 0, stop):
            if (not self._quoted(m.start()) and m.start("v") not in inner and m.start() not in self.came_at
                    and not _NOMINAL.search(self.clean, max(0, m.start() - 6), m.start())):
                # quote-only verbs ("دعا", "رد") make no chain: read when a quote asks (`_flush`)
                read = self._defer if pat["quote_only"].fullmatch(m.group()) else self.verb
                events.append((m.start(), 0, read, m))
        for q in self.spans:
            events.append((q.start - 1, 2, None, q))
        events.sort(key=lambda x: (x[0], x[1]))
        quotes: list[Quote | None] = []
        pending: list[QuoteSpan] = []
        for _, kind, read, obj in events:
            if kind == 2:
                quotes.append(self.quote(obj))  # type: ignore[arg-type]
                pending.append(obj)  # type: ignore[arg-type]
            else:
                read(obj)  # type: ignore[misc]
        # Quotes whose speaker comes after them ('"..."، قال الوزير') once every verb is read.
        quotes = [q if q is not None else self.quote(span, after=True) for q, span in zip(quotes, pending)]
        self.quotes = [q for q in quotes if q is not None]
        return self

    def _own(self, src: Src) -> bool:
        return self.outlet_key is not None and merge_key(src.name) == self.outlet_key

    def _record(self, start: int, end: int, chain: list[Src]) -> Attribution:
        s, e = self.prep.to_orig(start), self.prep.to_orig(end)
        return Attribution([c.name for c in chain if not self._own(c)], s, e, self.text[s:e])

    def attributions(self, outlet: str | None) -> tuple[list[Attribution], list[str]]:
        self.outlet_key = merge_key(outlet) if outlet else None
        mentions = [x for x in self.mentions if x.chain]
        if not mentions and self.closing is None:
            return [], []
        lead = next((x for x in mentions if x.chain[0].kind == "outlet" and not self._own(x.chain[0])), None)
        if lead is None:
            lead = next((x for x in mentions if x.first_paragraph), None)
        chain = list(lead.chain) if lead else []
        if lead is not None:
            for later in mentions[mentions.index(lead) + 1:]:
                if len(later.chain) > 1 and later.chain[0].key == chain[-1].key:
                    chain += later.chain[1:]
                    break
        span = (lead.start, lead.end) if lead else (0, 0)
        if self.closing is not None:
            credit = self.closing.chain[0]
            chain = [credit] + [c for c in chain if c.key != credit.key]
            if lead is None:
                span = (self.closing.start, self.closing.end)
        records = [self._record(span[0], span[1], chain)]
        records += [self._record(x.start, x.end, x.chain) for x in mentions]
        if self.closing is not None:
            records.append(self._record(self.closing.start, self.closing.end, self.closing.chain))
        seen: set[str] = set()
        sources: list[str] = []
        every = sorted(((src.start, src) for x in mentions for src in x.chain), key=lambda x: x[0])
        if self.closing is not None:
            every.append((self.closing.start, self.closing.chain[0]))
        for _, src in every:
            if src.key not in seen and not self._own(src):
                seen.add(src.key)
                sources.append(src.name)
        return records, sources


_CACHE: dict[tuple, _Pass] = {}


def discourse(text: str, entities: list[Entity]) -> _Pass:
    """The pass over `text`: its quotes, and its attributions on request (cached for the last few
    texts, since analyze() asks for attributions and quotes separately)."""
    key = (text, tuple([(e.start, e.end, e.type, e.key, e.canonical) for e in entities]))
    found = _CACHE.get(key)
    if found is None:
        found = _Pass(text, entities).run()
        if len(_CACHE) > 8:
            _CACHE.clear()
        _CACHE[key] = found
    return found


def find_attributions(text: str, entities: list[Entity], outlet: str | None = None
                      ) -> tuple[list[Attribution], list[str]]:
    """Return the attribution records and the flat `sources` list (first mention order).

    records[0] is the article-level chain (see the module doc); the rest are the phrases in order.
    """
    return discourse(text, entities).attributions(outlet)
