"""The conventions of UN documents and of this edition, in one place.

Dates as the texts write them ("21 November 2022"), the calendar years of a General
Assembly session, ordinal words ("seventy-ninth"), the shapes of document symbols, the
address of the official text, and the edition's own scheme of paragraph anchors, their
Akoma Ntoso eIds and their citations ("A/RES/77/20, para. 17 (a)"). Parsers, annotators
and renderers all take them from here.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

# --- dates ---------------------------------------------------------------------------------

MONTHS = "January February March April May June July August September October November December".split()
DATE = r"(\d{1,2}) (" + "|".join(MONTHS) + r") (\d{4})"


def parse_date(day: str, month: str, year: str) -> dt.date:
    return dt.date(int(year), MONTHS.index(month) + 1, int(day))


def long_date(date: dt.date | None) -> str:
    """ "21 November 2022", as the texts write dates."""
    return f"{date.day} {date:%B %Y}" if date else ""


# --- sessions -------------------------------------------------------------------------------


def ga_session_years(session: int) -> tuple[int, int]:
    """Calendar years in which a regular session's resolutions are adopted: a session opens
    in September of one year and its resolutions are adopted up to the next September."""
    return 1945 + session, 1946 + session


def ordinal(number: int) -> str:
    """ "77th", "71st", "112th"."""
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def session_label(session: int) -> str:
    """ "77th session (2022–2023)": a session named by its number and its years."""
    first, last = ga_session_years(session)
    return f"{ordinal(session)} session ({first}–{last})"


ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50,
    "sixtieth": 60, "seventieth": 70, "eightieth": 80, "ninetieth": 90,
}  # fmt: skip
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
ORDINAL_WORDS = {value: word for word, value in ORDINALS.items()}
TENS_WORDS = {value: word for word, value in TENS.items()}


ONES_WORDS = dict(enumerate("one two three four five six seven eight nine".split(), start=1))


def ordinal_words(number: int) -> str:
    """3 -> "third", 25 -> "twenty-fifth", 101 -> "one hundred and first": how the UN writes
    "the third preambular paragraph"."""
    if number >= 100:
        hundreds, rest = divmod(number, 100)
        head = f"{ONES_WORDS[hundreds]} hundred"  # no text has a thousand paragraphs
        return f"{head}th" if not rest else f"{head} and {ordinal_words(rest)}"
    if number in ORDINAL_WORDS:
        return ORDINAL_WORDS[number]
    return f"{TENS_WORDS[number // 10 * 10]}-{ORDINAL_WORDS[number % 10]}"


def ordinal_value(words: str) -> int | None:
    """ "seventy-ninth" -> 79, "eightieth" -> 80."""
    words = words.lower()
    if words in ORDINALS:
        return ORDINALS[words]
    tens, _, unit = words.partition("-")
    if tens in TENS and unit in ORDINALS and ORDINALS[unit] < 10:
        return TENS[tens] + ORDINALS[unit]
    return None


# --- symbols and the official text ------------------------------------------------------

GENERAL_ASSEMBLY = "General Assembly"
SECURITY_COUNCIL = "Security Council"
RESOLUTION_SYMBOL = re.compile(r"^A/RES/(?:S-|ES-)?\d+/\d+(?: [A-Z])?$")
# The Council numbers its resolutions on from 1946 and gives the year: "S/RES/2322 (2016)".
COUNCIL_SYMBOL = re.compile(r"^S/RES/(?P<number>\d{1,4}) \((?P<year>\d{4})\)$")
DOCUMENT_SYMBOL = re.compile(r"^[A-Z]+(?:\.\d+)?(?:/[A-Za-z0-9.\-]+)+$")
OFFICIAL_URL = "https://docs.un.org/{language}/{symbol}"
# The six official languages, in the order the Official Document System lists them, each
# named in its own language.
LANGUAGES = {"ar": "العربية", "zh": "中文", "en": "English", "fr": "Français", "ru": "Русский", "es": "Español"}


# A resolution of the first sessions: "A/RES/2200 A (XXI)", "E/RES/155 C (VII)".
OLD_STYLE_SYMBOL = re.compile(r"^(?P<series>[AE]/RES)/(?P<number>\d+)(?: [A-H])? \((?P<session>[IVXL]+)\)$")


def official_url(symbol: str, language: str = "en") -> str:
    """The official text of a document on the UN Official Document System, which writes a
    symbol without spaces ("S/RES/2322(2016)", "A/RES/57/270B"), and a resolution of the
    first sessions with its session and no part letter: one document holds its parts
    ("A/RES/2200(XXI)")."""
    if m := OLD_STYLE_SYMBOL.match(symbol):
        symbol = f"{m['series']}/{m['number']}({m['session']})"
    return OFFICIAL_URL.format(language=language, symbol=symbol.replace(" ", ""))


# How the citation guides name each organ: OSCOLA's "UNGA Res 77/20", "UNSC Res 2322";
# Bluebook's "G.A. Res. 77/20", "S.C. Res. 2322".
ORGAN_ABBREVIATIONS = {GENERAL_ASSEMBLY: ("UNGA", "G.A."), SECURITY_COUNCIL: ("UNSC", "S.C.")}


# The page that lists the Council's resolutions, beside the Assembly's listing ("resolutions/").
COUNCIL_LISTING = "resolutions/security-council/"


def council_symbol(number: str, year: str | int) -> str:
    """ "2322", 2016 -> "S/RES/2322 (2016)"."""
    return f"S/RES/{number} ({year})"


def symbol_key(symbol: str) -> tuple:
    """Sort symbols by series, then session and number as numbers: 9/8 before 46/152."""
    parts: list[tuple[int, int | str]] = []
    for part in re.split(r"[/.\-]", symbol):
        parts.append((0, int(part)) if part.isdigit() else (1, part))
    return tuple(parts)


# --- anchors, eIds and citations (fixed: links from outside depend on them) -------------

ANNEX_ANCHOR = re.compile(
    r"^(?P<annex>annex(?:-[ivx]+)?)(?:-(?P<section>sec\d+(?:-[a-z])?|[a-z]|rule\d+|art\d+|h\d+))?"
    r"-(?P<kind>para|p)(?P<number>\d+)$"
)


# Anchors and labels are made once each (``cache``) and shared by every paragraph that has
# them: a big collection's index and paragraph histories hold hundreds of thousands.


# A resolution in parts numbers each part apart: its paragraphs' anchors carry the part, "a-op3"
# (part A, lettered) or "sec2-op1" (section II, roman): "A/RES/78/247, section II, para. 1".
PART_ANCHOR = re.compile(r"^(?P<part>[a-z]|sec\d+)-(?P<rest>(?:pp|op)\d.*)$")
ROMAN_VALUES = (
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
    (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
)  # fmt: skip


def roman(number: int) -> str:
    """12 -> "XII"."""
    out = ""
    for value, letters in ROMAN_VALUES:
        while number >= value:
            out, number = out + letters, number - value
    return out


def roman_value(letters: str) -> int | None:
    """ "XII" -> 12; None when the letters are no roman numeral written the usual way."""
    letters = letters.upper()
    total, index = 0, 0
    for value, symbol in ROMAN_VALUES:
        while letters.startswith(symbol, index):
            total, index = total + value, index + len(symbol)
    return total if letters and index == len(letters) and roman(total) == letters else None


def part_prefix(label: str, sections: bool) -> str:
    """The anchor prefix of a part: "A" -> "a"; in a text whose parts are numbered in roman
    ("I", "II": sections), "II" -> "sec2"."""
    value = roman_value(label) if sections else None
    return f"sec{value}" if value else label.lower()


def part_name(prefix: str) -> str:
    """ "a" -> "A", "sec2" -> "section II": how a citation names the part."""
    return f"section {roman(int(prefix[3:]))}" if prefix.startswith("sec") else prefix.upper()


@cache
def preamble_anchor(number: int, part: str = "") -> str:
    return f"{part}-pp{number}" if part else f"pp{number}"


@cache
def operative_anchor(number: int, part: str = "") -> str:
    return f"{part}-op{number}" if part else f"op{number}"


def subparagraph_anchor(parent: str, label: str) -> str:
    """ "op17" + "a" -> "op17-a"; "op17-a" + "i" -> "op17-a-i"."""
    return f"{parent}-{label}"


@cache
def footnote_anchor(number: int) -> str:
    return f"fn:{number}"


def annex_anchor(annex: str, number: int | None, position: int, section: str | None = None) -> str:
    """ "annex-para97" for a numbered paragraph, "annex-p3" for the third unnumbered one,
    "annex-sec2-para3" where the numbers start again in each section."""
    if number is None:
        return f"{annex}-p{position}"
    return f"{annex}-{section}-para{number}" if section else f"{annex}-para{number}"


def annex_division_name(key: str) -> str:
    """ "sec2" -> "section II", "sec2-b" -> "section II.B", "b" -> "B", "rule8" -> "rule 8",
    "art27" -> "art. 27", "h3" -> "heading 3": the division of an annex a paragraph is in."""
    if m := re.fullmatch(r"sec(\d+)(?:-([a-z]))?", key):
        return f"section {roman(int(m[1]))}" + (f".{m[2].upper()}" if m[2] else "")
    if m := re.fullmatch(r"(rule|art|h)(\d+)", key):
        return {"rule": "rule ", "art": "art. ", "h": "heading "}[m[1]] + m[2]
    return key.upper()


# A treaty annexed in articles: anchors follow its articles. "annex1-art27" (article 27 of
# annex I), "annex1-art27-1" (its paragraph 1), "annex1-art27-1-a" and "-1-a-i" (its items),
# "annex-art2-a" (an item of an article's unnumbered words), "annex-art1-p1" (an unnumbered
# paragraph); "annex" alone where the resolution has one annex; "annex-annex" for the
# treaty's own annex (the interpretative notes after its final clauses).
TREATY_ANCHOR = re.compile(
    r"^(?P<annex>annex\d*(?:-annex)?)-art(?P<article>\d+)(?:-(?P<place>(?:p\d+|\d+|[a-z]+)(?:-[a-z]+)*))?$"
)
TREATY_PREAMBLE_ANCHOR = re.compile(r"^(?P<annex>annex\d*(?:-annex)?)-(?P<kind>pp|final)(?P<number>\d+)$")


def treaty_prefix(number: str | None, count: int, own: bool = False) -> str:
    """The anchor prefix of a treaty's articles: "annex1" for "Annex I" of several, "annex"
    for the one annex; "annex-annex" for an annex of the annexed treaty itself."""
    if own:
        return "annex-annex"
    value = roman_value(number) if number else None
    return f"annex{value}" if value and count > 1 else "annex"


def treaty_anchor(article: str, place: list[str]) -> str:
    """ "annex1-art27" + ["1", "a"] -> "annex1-art27-1-a"."""
    return "-".join([article, *place])


def treaty_annex_name(prefix: str) -> str:
    """ "annex1" -> "annex I", "annex" -> "annex", "annex-annex" -> "annex, annex"."""
    if prefix == "annex-annex":
        return "annex, annex"
    number = prefix.removeprefix("annex")
    return f"annex {roman(int(number))}" if number else "annex"


def treaty_place_label(place: str) -> str:
    """ "1-a-i" -> "para. 1 (a) (i)", "a" -> "(a)", "p2" -> "second paragraph" (an
    unnumbered paragraph is named by its place, as the UN names a preambular one)."""
    first, *items = place.split("-")
    if first.startswith("p") and first[1:].isdigit():
        head = f"{ordinal_words(int(first[1:]))} paragraph"
    elif first.isdigit():
        head = f"para. {first}"
    else:
        head, items = "", [first, *items]
    return " ".join([head, *(f"({i})" for i in items)]).strip()


def annex_name(prefix: str) -> str:
    """ "annex" -> "annex", "annex-ii" -> "annex II": how a citation names an annex."""
    name, _, number = prefix.partition("-")
    return f"{name} {number.upper()}" if number else name


def eid_for_anchor(anchor: str) -> str:
    """The Akoma Ntoso eId of a page anchor: op17-a -> para_17__list_1__point_a; a part's
    paragraph inside its part: a-op3 -> part_a__para_3, sec2-pp1 -> sec_2__recital_1; a
    treaty's: annex1-art27-1-a -> art_27__para_1__point_a (each annex is a document of its own)."""
    if m := TREATY_ANCHOR.match(anchor):
        eid = _annex_eid(m["annex"]) + f"art_{m['article']}"
        for step in (m["place"] or "").split("-") if m["place"] else []:
            if step.isdigit():
                eid += f"__para_{step}"
            elif step.startswith("p") and step[1:].isdigit():
                eid += f"__para_{step}"  # an unnumbered paragraph: "para_p2"
            else:
                eid += f"__point_{step}"
        return eid
    if m := TREATY_PREAMBLE_ANCHOR.match(anchor):
        # Never bare: the resolution's own recitals are "recital_1", ...
        prefix = _annex_eid(m["annex"]) or "annex__"
        return prefix + f"{'recital' if m['kind'] == 'pp' else 'clause'}_{m['number']}"
    if m := re.fullmatch(r"(?P<annex>annex\d*(?:-annex)?)-chp(?P<number>\d+)", anchor):
        return _annex_eid(m["annex"]) + f"chp_{m['number']}"
    if m := PART_ANCHOR.match(anchor):
        part = m["part"]
        container = f"sec_{part[3:]}" if part.startswith("sec") else f"part_{part}"
        return f"{container}__{eid_for_anchor(m['rest'])}"
    if anchor.startswith("pp"):
        return f"recital_{anchor[2:]}"
    if anchor.startswith("fn:"):
        return f"fn_{anchor[3:]}"
    number, *labels = anchor[2:].split("-")
    return f"para_{number}" + "".join(f"__list_1__point_{label}" for label in labels)


def _annex_eid(prefix: str) -> str:
    """The eId prefix of a treaty's parts where the resolution annexes several: "annex1" ->
    "annex_1__", "annex-annex" -> "annex_annex__"; none for the one annex ("annex")."""
    if prefix == "annex":
        return ""
    return "annex_annex__" if prefix == "annex-annex" else f"annex_{prefix.removeprefix('annex')}__"


def anchor_for_eid(eid: str) -> str:
    """The page anchor of an Akoma Ntoso eId (the inverse of ``eid_for_anchor``)."""
    if m := re.match(r"^(?:part_(?P<part>[a-z])|sec_(?P<section>\d+))__(?P<rest>.+)$", eid):
        return f"{m['part'] or 'sec' + m['section']}-{anchor_for_eid(m['rest'])}"
    if eid.startswith("recital_"):
        return f"pp{eid.removeprefix('recital_')}"
    if eid.startswith("fn_"):
        return f"fn:{eid.removeprefix('fn_')}"
    head, *points = eid.split("__list_1__point_")
    return "op" + head.removeprefix("para_") + "".join(f"-{p}" for p in points)


def line_anchor(number: int) -> str:
    """A related document's line that is no paragraph (a dateline, a salutation): "line2".
    It is kept and shown, but not numbered among the paragraphs nor offered for citation."""
    return f"line{number}"


def is_line_anchor(anchor: str) -> bool:
    return re.fullmatch(r"line\d+", anchor) is not None


@cache
def label(anchor: str) -> str:
    """How a paragraph is named in a citation: "para. 17 (a)", "preambular para. 3",
    "footnote 5", "annex, para. 97"; "para. 3" for a related document's paragraph p3 ("line 2"
    for a line of it that is no paragraph);
    "A, para. 3" and "section II, para. 1" in a resolution's parts."""
    if m := PART_ANCHOR.match(anchor):
        return f"{part_name(m['part'])}, {label(m['rest'])}"
    if m := TREATY_ANCHOR.match(anchor):
        place = treaty_place_label(m["place"]) if m["place"] else ""
        place = (f" {place}" if place.startswith("(") else f", {place}") if place else ""
        return f"{treaty_annex_name(m['annex'])}, art. {m['article']}{place}"
    if m := TREATY_PREAMBLE_ANCHOR.match(anchor):
        kind = "preambular para." if m["kind"] == "pp" else "final clauses, para."
        return f"{treaty_annex_name(m['annex'])}, {kind} {m['number']}"
    if m := ANNEX_ANCHOR.match(anchor):
        name = annex_name(m["annex"])
        if m["section"]:
            name += f", {annex_division_name(m['section'])}"
        if m["kind"] == "para":
            return f"{name}, para. {m['number']}"
        return f"{name}, {ordinal_words(int(m['number']))} paragraph"
    if anchor.startswith("pp"):
        return f"preambular para. {anchor[2:]}"
    if anchor.startswith("fn:"):
        return f"footnote {anchor[3:]}"
    if anchor.startswith("op"):
        number, *labels = anchor[2:].split("-")
        return f"para. {number}" + "".join(f" ({p})" for p in labels)
    if re.fullmatch(r"p\d+", anchor):
        return f"para. {anchor[1:]}"
    if is_line_anchor(anchor):
        return f"line {anchor[4:]}"
    return anchor


def citation(symbol: str, anchor: str) -> str:
    """ "A/RES/77/20, para. 17 (a)": the document and the paragraph; a lettered part is
    cited with the symbol ("A/RES/76/247 A, para. 3"), as the UN cites it."""
    if (m := PART_ANCHOR.match(anchor)) and not m["part"].startswith("sec"):
        return f"{symbol} {part_name(m['part'])}, {label(m['rest'])}"
    return f"{symbol}, {label(anchor)}"
