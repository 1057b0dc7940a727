"""The one compiled regex that finds date expressions in folded Arabic text.

Why one alternation: a single left-to-right pass over the article keeps the extractor fast
(no per-token lookups, no dateparser), and the order of the alternatives is the priority
between overlapping readings (a range before its parts, a full date before a month+year,
a month+year before a bare year). Each alternative is a top-level named group (`KINDS`); its
inner groups carry a prefix so that `dates.py` can read the pieces without re-matching.

Before the alternatives come an optional proclitic (و ف ب ل ك) and an optional preposition
cue (في، منذ، خلال، بتاريخ…), both outside the reported span: gold spans read "العام الماضي" for
"وفي العام الماضي". Bare month names are only dates after such a cue (a bare year is read in
`dates_calendar` by what stands around it); a cue word
that starts a relative day (قبل أمس، بعد غد) is not taken as a cue.
The forms and their readings are listed in docs/dates.md.
"""
from __future__ import annotations

import re
from functools import lru_cache

from marsad.extract.dates_vocab import alternation, key, vocab
from marsad.text.numbers import lexicon, words_pattern

__all__ = ["KINDS", "master"]

S = r"[^\S\n]*"
S1 = r"[^\S\n]+"
END = r"(?![^\W_])"
LEND = r"(?![^\W\d_])"          # end of a word that a digit may follow: "سبتمبر10"
NUM_END = r"(?!\d)(?![.,/]\d)"

KINDS = ("rng", "yr", "num", "rngd", "hol", "nwd", "wk", "qtr", "qd", "tn", "dmy", "mdy", "dm", "my", "py", "ys", "dmr", "dd", "mo", "yc",
         "dec", "pp", "sea", "wkd", "pr", "rd", "wdr", "wd", "ago", "dago")


def _ordinals_regex(phrases: object) -> str:
    """Like `alternation`, but a و glued to a ten may also stand apart ("الحادي و العشرين")."""
    folded = {key(w) for w in phrases}  # type: ignore[union-attr]
    return alternation(folded | {w.replace(" و", " و ") for w in folded if " و" in w})


def _number_words(kinds: tuple[str, ...], low: int = 0, high: int = 10**6) -> str:
    """Folded cardinal words of marsad.text.numbers of the given kinds and value range, as a trie."""
    return words_pattern([w for w, a in lexicon().items() if a.kind in kinds and low <= a.value <= high])


def _words() -> dict[str, str]:
    v = vocab()
    d = v.data
    suffixes = [w for ws in d["year_suffix"].values() for w in ws]
    hijri_suffixes = d["year_suffix"]["hijri"]
    names = list(v.gregorian) + list(v.hijri)
    units_small = [w for forms in d["units"].values() for w in forms["one"] + forms["two"]]
    units_many = [w for forms in d["units"].values() for w in forms["many"] + forms["one"]]
    tz_named = [w for ws in d["timezones"].values() for w in ws]
    return {
        "MONTH": alternation(names),
        "WD": alternation(v.weekdays),
        "ORD": _ordinals_regex(w for ws in d["ordinal_days"].values() for w in ws),
        "YSUF": alternation(suffixes),
        "HSUF": alternation(hijri_suffixes),
        "YN": alternation(d["year_nouns"]),
        "CUE": alternation(d["year_cues"] + d["month_cues"] + d["date_cues"]),
        "PART": alternation(d["partials"]),
        "EPI": alternation(d["month_epithets"]),
        "DIR": alternation(w for ws in d["directions"].values() for w in ws),
        "TOD": alternation(d["time_of_day"]),
        "REL": alternation(w for ws in d["relative_days"].values() for w in ws),
        "NOTTODAY": alternation(d["today_not_followed_by"]),
        "PER": alternation(w for ws in d["periods"].values() for w in ws),
        "THIS": alternation(d["this"]),
        "AGO": alternation(d["ago"] + d["later"]),
        "HEDGE": alternation(d["hedges"]),
        "COUNT": alternation(w for ws in d["counts"].values() for w in ws),
        "USMALL": alternation(units_small),
        "UMANY": alternation(units_many),
        "UPLURAL": alternation(w for u, forms in d["units"].items() for w in forms["many"] if u not in ("hour", "minute")),
        "VCOUNT": alternation(d["vague_counts"]),
        "UFRAC": alternation(w for ws in d["unit_fractions"].values() for w in ws),
        "OPEN": alternation(d["range_openers"]),
        "JOIN": alternation(d["range_joiners"]),
        "AMPM": alternation(w for ws in d["meridiem"].values() for w in ws),
        "TZCUE": alternation(d["timezone_cues"]),
        "TZ": alternation(tz_named),
        "ATTIME": alternation(d["date_time_link"]),
        "DEC": alternation(w for ws in d["decades"].values() for w in ws),
        "CENT": alternation(w for ws in d["centuries"].values() for w in ws),
        "WEEK": alternation(d["week_words"]),
        "YPART": alternation(w for ws in d["year_parts"].values() for w in ws),
        "PORD": alternation(w for ws in d["part_ordinals"].values() for w in ws),
        "DPAIR": alternation(d["day_pair"]),
        "PLP": alternation(d["plural_periods"]),
        "SPD": alternation(w for ws in d["span_directions"].values() for w in ws),
        "DECD": alternation(d["decade_directions"]),
        "YSHORT": alternation(d["short_year_nouns"]),
        "SEASON": alternation(d["seasons"]),
        "TENPART": alternation(w for ws in d["ten_days"].values() for w in ws),
        "NOTDEC": alternation(d["decade_not_before"]),
        "VPER": alternation(d["vague_periods"]),
        "UPL": alternation(w for forms in d["units"].values() for w in forms["many"]),
        "UTWO": alternation(w for forms in d["units"].values() for w in forms["two"]),
        "UONE": alternation(w for forms in d["units"].values() for w in forms["one"]),
        "DFOL": alternation(d["day_alone_followers"]),
        "WDB": alternation(v.weekdays_bare),
        "NTH": alternation(v.nth),
        "CORD": alternation(v.construct),
        "HOL": alternation(v.holidays),
        "HEPI": alternation(d["holiday_epithets"]),
        "NUMW": _number_words(("unit", "ten", "hundred", "teen"), 1),
        "MNUM": _number_words(("unit", "teen"), 1, 12),
        "USMALL2": alternation(w for u, forms in d["units"].items() for w in forms["one"] + forms["two"]
                               if u not in ("decade", "century") and (u != "day" or w in forms["two"])),
    }


def _build(w: dict[str, str]) -> str:
    def day(p: str) -> str:
        return rf"(?P<{p}>{w['ORD']}{END}|(?:ال)?(?:3[01]|[12]\d|0?[1-9]){NUM_END})"

    def year(p: str, words: bool = False) -> str:
        """A 4-digit year (with its era suffix); with `words`, also one in words (ألفين وثمانية عشر)."""
        digits = (rf"(?P<{p}>\d{{4}}|\d{{2,3}}(?={S}(?:{w['HSUF']}){END})){NUM_END}"   # "875هـ": an old Hijri year with its era
                  rf"(?:{S}(?P<{p}s>{w['YSUF']}){END})?")
        if not words:
            return digits
        return rf"(?:{digits}|(?P<{p}w>الف(?:ين|ان)?(?:{S}و{S}{w['NUMW']}(?:{S1}عشر[ه]?)?){{0,3}}){END})"

    def month(p: str, numeric: bool = False) -> str:
        """A month name (with a second name in brackets or after a slash); with `numeric`, also
        "شهر عشرة" / "شهر 10" (the month by its number)."""
        name = (rf"(?P<{p}1>{w['MONTH']}){LEND}(?:{S}\({S}(?P<{p}2>{w['MONTH']}){END}{S}\)"
                rf"|{S}[/\-–]{S}(?P<{p}3>{w['MONTH']}){END}|{S1}(?P<{p}4>{w['MONTH']}){END})?")
        if numeric:
            name = rf"(?:{name}|شهر{S1}(?P<{p}n>(?:1[0-2]|0?[1-9])(?!\d)|{w['MNUM']}(?:{S1}عشر[ه]?)?{END}))"
        return rf"(?P<{p}>{name})(?:{S1}{w['EPI']}{END})?"

    def month_ref(p: str) -> str:
        """A named month (its year or a direction optional) or "الشهر" with a direction: the month
        that holds an nth weekday or a last day."""
        return (rf"(?:(?:شهر{S1})?{month(p + 'm', numeric=True)}(?:{S},?{S}(?:من{S1})?{yn}{year(p + 'y')}"
                rf"|{S1}{dirw(p + 'md')})?|(?:(?P<{p}this>{w['THIS']}){S1})?الشهر{END}(?:{S1}{dirw(p + 'dir')})?)")

    def year_ref(p: str) -> str:
        """"هذا العام", "العام الماضي", "العام الجاري": the year a month or holiday falls in."""
        return (rf"{S1}(?:(?P<{p}ythis>{w['THIS']}){S1}(?:العام|السنه){END}"
                rf"|(?:العام|السنه){END}{S1}(?P<{p}ydir>{w['DIR']}){END})")

    def week_ref(p: str) -> str:
        return rf"(?:(?P<{p}this>{w['THIS']}){S1}الاسبوع|الاسبوع{S1}{dirw(p + 'dir')})"

    def time(p: str) -> str:
        return (rf"(?:{S}[-–|,]?{S}(?:{w['ATTIME']}{S1})?(?P<{p}hh>[01]?\d|2[0-3]):(?P<{p}mm>[0-5]\d)(?!\d)"
                rf"(?:{S}(?P<{p}ap>{w['AMPM']}){END})?"
                rf"(?:{S}{w['TZCUE']}{S1}(?P<{p}tz>{w['TZ']}){END}|{S}(?P<{p}utc>gmt|utc){END}"
                rf"(?P<{p}off>[+-]\d{{1,2}}(?::?\d\d)?)?)?)?")

    def weekday_prefix(p: str) -> str:
        return rf"(?:(?:{w['TOD']}{S1})?(?:يوم{S1})?(?P<{p}>{w['WD']}){END}{S},?{S}(?:الموافق{S1})?)?"

    yn = rf"(?:{w['YN']}{S})?"

    def dirw(p: str) -> str:
        return rf"(?P<{p}>{w['DIR']}){END}"

    side_l = (rf"(?:{day('ld')}(?:{S1}(?:من{S1})?{month('lm')})?(?:{S},?{S}{yn}{year('ly')})?"
              rf"|{month('lm_')}(?:{S1}{yn}{year('ly_')})?|{yn}{year('ly__')})")
    side_r = (rf"(?:{day('rd_')}{S1}(?:من{S1})?{month('rm')}(?:{S},?{S}{yn}{year('ry')})?"
              rf"|{month('rm_')}(?:{S1}{yn}{year('ry_')})?|{yn}{year('ry__')})")
    alts = {
        "rng": rf"(?:الفتره{S1})?{w['OPEN']}{S1}(?:عامي{S1})?{side_l}{S}{w['JOIN']}{S}{side_r}",
        "yr": (rf"(?:{yn})?(?P<yr_a>\d{{4}}){S}[/\-–]{S}(?P<yr_b>\d{{4}}){NUM_END}"
               rf"(?:{S}(?P<yr_s>{w['YSUF']}){END})?"),
        "num": (rf"{weekday_prefix('num_wd')}(?:(?P<num_y1>\d{{4}})(?P<num_sep>[-/.])(?P<num_a>\d{{1,2}})"
                rf"(?P=num_sep)(?P<num_b>\d{{1,2}})|(?P<num_c>\d{{1,2}})(?P<num_gap>{S})(?P<num_sep2>[-/.])(?P<num_gap2>{S})"
                rf"(?P<num_e>\d{{1,2}})(?(num_wd){S}|(?P=num_gap))(?P=num_sep2)(?(num_wd){S}|(?P=num_gap2))(?P<num_y2>\d{{4}})){NUM_END}(?:{S}(?P<num_s>{w['YSUF']}){END})?{time('num_')}"),
        "rngd": (rf"(?:{w['DPAIR']}{S1})?(?P<rngd_d1>[0-3]?\d)(?:{S}[-–]{S}|{S1}و{S})(?P<rngd_d2>[0-3]?\d)(?!\d)"
                 rf"{S1}(?:من{S1})?(?:شهر{S1})?{month('rngd_m')}"
                 rf"(?:{S},?{S}(?:من{S1})?{yn}{year('rngd_y')}|{S1}{dirw('rngd_dir')})?"),
        "dmy": (rf"{weekday_prefix('dmy_wd')}(?:يوم{S1})?{day('dmy_d')}"
                rf"(?:(?P<dmy_dot>(?<=\d){S}\.{S})|(?:{S1}من)?{S1}|(?<=\d))(?:شهر{S1})?{month('dmy_m')}"
                rf"(?:(?(dmy_dot){S}\.?|){S},?{S}(?:من{S1})?{yn}{year('dmy_y', words=True)}{time('dmy_')}"
                rf"|{S1}{dirw('dmy_dir')}|(?:{S1}من)?{year_ref('dmy_')})?"),
        "wk": (rf"{w['WEEK']}{S1}(?P<wk_o>{w['ORD']}|الاخير){END}(?:{S1}من)?{S1}(?:(?:شهر{S1})?{month('wk_m')}"
               rf"(?:{S},?{S}(?:من{S1})?{yn}{year('wk_my')}|{S1}{dirw('wk_mdir')})?|{yn}{year('wk_y')}"
               rf"|(?:(?P<wk_this>{w['THIS']}){S1})?الشهر{END}(?:{S1}{dirw('wk_dir')})?)"),
        "qtr": (rf"(?:(?P<qtr_w>{w['YPART']}){S1}(?P<qtr_o>{w['PORD']})|(?:الاشهر|الشهور){S1}ال(?P<qtr_n>{S}\d{{1,2}}(?!\d)"
                rf"|{w['COUNT']}){S1}(?P<qtr_f>الاولي|الاخيره)){END}(?:{S1}من)?{S1}(?:{yn}{year('qtr_y')}"
                rf"|(?:شهر{S1})?{month('qtr_m')}(?:{S},?{S}(?:من{S1})?{yn}{year('qtr_my')}|{S1}{dirw('qtr_mdir')})?"
                rf"|(?:{w['THIS']}{S1})?(?:العام|السنه){END}(?:{S1}{dirw('qtr_dir')})?)"),
        "qd": (rf"(?P<qd_w>{w['YPART']}){S1}{dirw('qd_dir')}"
               rf"(?:{S1}من{S1}(?:{w['THIS']}{S1})?(?:العام|السنه){END}(?:{S1}{dirw('qd_ydir')})?)?"),
        "tn": (rf"(?:(?:الايام|الليالي){S1}(?:ال)?عشر[ه]?|(?:ال)?عشر[ه]?(?:{S1}(?:الايام|الليالي))?){S1}"
               rf"(?P<tn_w>{w['TENPART']}){END}(?:{S1}من)?{S1}(?:شهر{S1})?{month('tn_m')}"
               rf"(?:{S},?{S}(?:من{S1})?{yn}{year('tn_my')}|{S1}{dirw('tn_mdir')})?"),
        "mdy": (rf"{month('mdy_m')}(?:{S1}(?P<mdy_d>[0-3]?\d)(?!\d)|(?P<mdy_g>[0-3]?\d)(?!\d)"
                rf"|{S1}(?P<mdy_o>{w['ORD']}){END})"
                rf"(?(mdy_d){S},?{S}{year('mdy_y')}|(?:{S},?{S}(?:من{S1})?{yn}{year('mdy_y2', words=True)}"
                rf"|{S1}{dirw('mdy_dir')})?)"),
        "dm": (rf"{weekday_prefix('dm_wd')}(?:(?P<dm_yom>يوم){S1})?(?P<dm_a>\d{{1,2}})(?P<dm_sep>[-/.])"
               rf"(?P<dm_b>\d{{1,2}})(?:(?P=dm_sep)(?P<dm_y>\d\d))?(?!\d)(?![.,/\-]\d){time('dm_')}"),
        "my": (rf"(?:(?P<my_p>{w['PART']}){S1})?(?:شهر{S1})?{month('my_m', numeric=True)}{S},?{S}(?:من{S1})?{yn}"
               rf"{year('my_y', words=True)}"),
        "py": (rf"(?:(?P<py_p>{w['PART']}){S1}(?:(?P<py_yn>{w['YN']}){S})?|(?P<py_n>{w['YN']}){S})"
               rf"{year('py_y', words=True)}"),
        "ys": rf"(?P<ys_n>{w['YSHORT']}){S1}(?P<ys_y>\d\d){NUM_END}",
        "dmr": (rf"(?:يوم{S1})?{day('dmr_d')}{S1}من{S1}(?:(?P<dmr_this>{w['THIS']}){S1}الشهر{END}"
                rf"|الشهر{S1}{dirw('dmr_dir')})"),
        "dd": (rf"{weekday_prefix('dd_wd')}(?:(?P<dd_yom>يوم){S1})?(?P<dd_d>(?:ال)?(?:3[01]|[12]\d|0?[1-9])){NUM_END}"
               rf"(?:{S1}{dirw('dd_dir')}|(?={S}(?:[.,،؛;:!?؟)\n]|$)|{S1}{w['DFOL']}{END}))"),
        "mo": (rf"(?:(?P<mo_p>{w['PART']}){S1})?(?:(?P<mo_n>شهري?){S1})?{month('mo_m', numeric=True)}"
               rf"(?:{S1}{dirw('mo_dir')}|{year_ref('mo_')})?"),
        "yc": year('yc_y'),
        "dec": (rf"(?:{w['PART']}{S1})?(?:(?:ال)?(?P<dec_w>{w['DEC']}){END}(?!{S1}(?:{w['NOTDEC']}|من{S1}عمر))"
                rf"|العقد{S1}(?P<dec_o>{w['ORD']}){END}{S1}من(?={S1}القرن))"
                rf"(?:{S1}(?:من{S1})?القرن{S1}(?P<dec_c>{w['CENT']}){END})?"
                rf"|(?:{w['PART']}{S1})?القرن{S1}(?:ال{S})?(?P<dec_c2>{w['CENT']}){END}(?!{S1}(?:ال)?هجري|{S1}للهجره|{S}هـ?{END})"),
        "pp": (rf"(?P<pp_u>{w['PLP']}){END}(?:{S1}ال(?P<pp_n>{S}\d{{1,3}}(?!\d)|{w['COUNT']}{END}))?"
               rf"(?:{S1}القليله)?{S1}(?P<pp_d>{w['SPD']})"
               rf"|ال(?P<pp_n2>{S}\d{{1,3}}(?!\d)|{w['COUNT']}){S1}(?P<pp_u2>{w['UPL']}|{w['UONE']}){END}{S1}(?P<pp_d2>{w['SPD']})"
               rf"|ال(?P<pp_u3>{w['UTWO']}){END}{S1}(?P<pp_d3>{w['SPD']})"
               rf"|(?P<pp_u4>العقد){S1}(?P<pp_d4>{w['DECD']})"
               rf"|(?P<pp_v>{w['VPER']}){END}{S1}(?P<pp_d5>{w['SPD']}|{w['DIR']})"),
        "sea": rf"(?:(?P<sea_this>{w['THIS']}){S1})?(?P<sea_w>{w['SEASON']}){END}(?:{S1}{dirw('sea_dir')})?",
        "wdr": (rf"(?:{w['TOD']}{S1})?(?:يومي?{S1})?(?P<wdr_a>{w['WD']}){END}"
                rf"(?:{S1}(?:و|على|الى|إلى){S}|{S}[-–/]{S}|{S1})(?P<wdr_b>{w['WD']}){END}(?:{S1}{dirw('wdr_dir')})?"),
        "wkd": (rf"(?:(?:{w['TOD']}{S1})?(?:يوم{S1})?(?P<wkd_w>{w['WD']})|(?P<wkd_b>{w['WDB']})){END}{S1}(?:من{S1})?"
                rf"{week_ref('wkd_')}|{week_ref('wkd2_')}{S}[,،]?{S}(?:يوم{S1})?(?P<wkd_w2>{w['WD']}){END}"),
        "pr": (rf"(?:(?P<pr_p>{w['PART']}){S1})?(?:(?P<pr_this>{w['THIS']}){S1})?(?P<pr_u>{w['PER']}){END}"
               rf"(?:{S1}{dirw('pr_dir')})?"),
        "rd": (rf"(?:(?P<rd_t>{w['TOD']}){S1})?(?P<rd_w>{w['REL']}){END}(?!{S1}{w['NOTTODAY']}{END})"
               rf"(?:{S}\({S}(?P<rd_wd>{w['WD']}){S}\)|{S1}(?P<rd_wd2>{w['WD']}){END})?"),
        "wd": rf"(?:(?P<wd_t>{w['TOD']}){S1})?(?:يوم{S1})?(?P<wd_w>{w['WD']}){END}(?:{S1}{dirw('wd_dir')})?",
        "ago": (rf"(?P<ago_k>{w['AGO']}){S1}(?:{w['HEDGE']}{S1})?(?:(?P<ago_n>\d{{1,3}}|{w['COUNT']}){END}{S1}"
                rf"(?P<ago_u>{w['UMANY']})|(?:(?P<ago_fr>{w['UFRAC']}){S1})?(?P<ago_u2>{w['USMALL']})(?:{S1}واحد[ه]?{END})?"
                rf"|(?:{w['VCOUNT']}{S1})?(?P<ago_u3>{w['UPLURAL']})){END}"
                rf"(?:{S1}(?P<ago_half>و{S}نصف)(?:{S1}(?:ال)?(?:{w['USMALL']}))?)?"),
        "dago": rf"من{S1}(?P<dago_u>{w['USMALL2']}){END}",
        "hol": (rf"(?:(?P<hol_eve>عشيه|غداه){S1})?(?:(?P<hol_o>{w['CORD']}){S1}ايام{S1}|يوم{S1})?(?P<hol_n>{w['HOL']}){END}(?:{S1}{w['HEPI']}{END})?"
                rf"(?:{S},?{S}(?:من{S1}|ل)?{yn}{year('hol_y')}|{S1}{dirw('hol_dir')}|{year_ref('hol_')})?"),
        "nwd": (rf"(?:(?:{w['TOD']}{S1})?(?:يوم{S1})?(?P<nwd_w>{w['WD']}){S1}(?P<nwd_o>{w['NTH']})"
                rf"|(?P<nwd_c>{w['CORD']}){S1}(?:يوم{S1})?(?P<nwd_wb>{w['WDB']})"
                rf"|اليوم{S1}(?P<nwd_do>{w['ORD']}|{w['NTH']})|(?P<nwd_dc>{w['CORD']}){S1}يوم)"
                rf"{END}{S1}(?:من|في){S1}{month_ref('nwd_')}"),
    }
    body = "|".join(rf"(?P<{k}>{alts[k]})" for k in KINDS)
    return rf"(?<![^\W_])(?:وب|فب|ول|فل|[وفبلك])?(?:(?!{w['REL']}{END})(?P<cue>{w['CUE']}){S1})?(?:{body}){END}"


@lru_cache(maxsize=1)
def master() -> re.Pattern[str]:
    """The compiled alternation of every date form (built once per process)."""
    return re.compile(_build(_words()))
