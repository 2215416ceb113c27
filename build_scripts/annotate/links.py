"""Annotation stage: references to UN documents -> DocumentLink inlines.

Two kinds of reference are recognised in running text:

* full symbols, linked verbatim: A/77/464, CTOC/COP/2020/10, A/60/88/Corr.2, E/2016/30;
* numbers that need their context: "its resolutions 71/19 of 21 November 2016, 73/11 ...",
  "Economic and Social Council resolutions 2019/19 and 2019/20", "Resolution S-32/1".

A number is linked only when its issuer is certain: a General Assembly resolution
("its resolution", "General Assembly resolution", a footnote "Resolution 70/1", or an
unqualified number whose date fits the session), an Economic and Social Council
resolution. "Commission on Narcotic Drugs resolution 65/2" or "resolution 9/8 of
17 December 2021" (a 2021 date cannot belong to the ninth session) stay unlinked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..conventions import DATE, SECURITY_COUNCIL, council_symbol, ga_session_years, official_url
from ..model import (
    Collection,
    Document,
    DocumentLink,
    Inline,
    Resolution,
    Text,
    plain_text,
    runs,
)
from ..parse.inline import merge_text

# A document symbol: series components separated by slashes, with at least one digit.
FULL_SYMBOL = re.compile(r"(?<![\w/.\-])(?:[A-Z]{1,6}(?:\.\d+)?/)+[A-Z0-9][A-Za-z0-9.\-]*(?:/[A-Za-z0-9.\-]+)*")
NUMBERED = re.compile(r"(?<![\w/.\-])(?P<session>(?:S-|ES-)?\d{1,4})/(?P<number>\d{1,4})(?![\w/])")
# What may stand between "resolutions" and the n-th number of a list of them.
LIST_GAP = re.compile(r"^(?:\s|,|and\b|of " + DATE + r"|(?:S-|ES-)?\d{1,4}/\d{1,4}(?: [A-C]\b)?|[⁰¹²³⁴⁵⁶⁷⁸⁹])*$")
DATE_AFTER = re.compile(r"^ of " + DATE)
# A Security Council resolution: its number and year, "2322 (2016)" (a year may wrap: "2195\n(2014)").
COUNCIL_NUMBERED = re.compile(r"(?<![\w/.\-])(?P<number>\d{1,4}) \((?P<year>(?:19[4-9]|20\d)\d)\)")
COUNCIL_LIST_GAP = re.compile(r"^(?:\s|,|and\b|of " + DATE + r"|\d{1,4} \(\d{4}\))*$")
# A resolution adopted in parts cites a part by its letter: "resolution 57/270 B of 20 December".
PART_AFTER = re.compile(r"^ (?P<part>[A-H])(?=$|[,;:.)]| of\b| and\b| \(|[⁰¹²³⁴⁵⁶⁷⁸⁹])")
# The numbering of the first thirty sessions: the number, a part letter, the session in roman
# numerals: "General Assembly resolution 415 (V)", "Economic and Social Council resolution 155 C (VII)".
OLD_NUMBERED = re.compile(r"(?<![\w/.\-])(?P<number>\d{1,4})(?: (?P<part>[A-H]))? \((?P<session>[IVXL]{1,7})\)")
OLD_LIST_GAP = re.compile(r"^(?:\s|,|and\b|of " + DATE + r"|\d{1,4}(?: [A-H])? \([IVXL]{1,7}\))*$")
PARAGRAPH_AFTER = re.compile(r"^,? (?:para(?:graph)?\.?|paragraph) (?P<para>\d+)\b")
TRAILING_PUNCTUATION = ".,;:"


@dataclass
class LinkContext:
    citing_session: int  # session of the citing resolution (0 when not a GA resolution)
    collection: dict[str, Resolution]  # symbol -> resolution in the collection
    citing_body: str = ""  # the organ of the citing resolution: the Council's "its resolutions" are its own


def document_href(symbol: str, context: LinkContext, paragraph: str | None = None) -> str:
    if symbol in context.collection:
        target = f"{context.collection[symbol].url_path}index.md"
        return f"{target}#op{paragraph}" if paragraph else target
    return official_url(symbol)


def _keyword(before: str, words: str, gap: re.Pattern[str]) -> re.Match[str] | None:
    """The word that a number (or a list of them) belongs to: "resolutions" in "its
    resolutions 71/19 of 21 November 2016, 73/11 of ... and", found by walking back over the
    list (``gap``: what may stand between the word and the number)."""
    for m in re.finditer(rf"\b(?:{words})\b", before):
        if gap.match(before[m.end() :]):
            return m
    return None


def resolve_numbered(before: str, number: str, after: str, context: LinkContext) -> str | None:
    """The symbol of a numbered resolution, or None when its issuer is uncertain."""
    keyword_end = _keyword(before, r"[Rr]esolutions?|[Dd]ecisions?", LIST_GAP)
    if keyword_end is None:
        return None
    word = keyword_end.group(0).lower()
    if word.startswith("decision"):
        return None  # decision symbols are not uniform enough to link with certainty
    issuer_text = before[: keyword_end.start()].rstrip()
    session = number.partition("/")[0]
    date = DATE_AFTER.match(after)
    year = int(date[3]) if date else None
    if issuer_text.endswith("Economic and Social Council"):
        if len(session) == 4 and (year is None or year == int(session)):
            return f"E/RES/{number}"
        return None
    previous_word = issuer_text.split()[-1] if issuer_text.split() else ""
    ga_marker = previous_word in ("its", "Assembly", "See", "see") or (
        not issuer_text and keyword_end.group(0)[0] == "R"
    )
    if previous_word[:1].isupper() and previous_word not in ("Assembly", "See"):
        return None  # another organ: "Commission on Narcotic Drugs resolution 65/2"
    if session.startswith(("S-", "ES-")):
        return f"A/RES/{number}"
    if len(session) > 2:
        return None
    n = int(session)
    if year is not None:
        first, last = ga_session_years(n)
        return f"A/RES/{number}" if first <= year <= last else None
    if ga_marker:
        return f"A/RES/{number}"
    if context.citing_session and 0 < context.citing_session - n <= 15:
        return f"A/RES/{number}"
    return None


def resolve_council(before: str, number: str, year: str, context: LinkContext) -> str | None:
    """The symbol of a Council resolution cited by number and year ("Security Council
    resolution 2322 (2016)", the Council's own "its resolutions 1267 (1999), 1333 (2000)"),
    or None when the issuer is not the Council."""
    keyword = _keyword(before, r"[Rr]esolutions?", COUNCIL_LIST_GAP)
    if keyword is None or int(year) < 1946:
        return None
    issuer = before[: keyword.start()].rstrip()
    previous_word = issuer.split()[-1] if issuer.split() else ""
    words = issuer.split()
    # "... and Council resolution 2178 (2014)": the Council named before, not another one.
    named_before = len(words) >= 2 and words[-1] == "Council" and not words[-2][:1].isupper()
    if (
        issuer.endswith(SECURITY_COUNCIL)
        or named_before
        or (
            context.citing_body == SECURITY_COUNCIL
            and (previous_word in ("its", "") or not previous_word[:1].isupper())
        )
    ):
        return council_symbol(number, year)
    return None


def resolve_old_numbered(before: str, m: re.Match[str], context: LinkContext) -> str | None:
    """The symbol of a resolution of the first sessions ("415 (V)" -> "A/RES/415 (V)"), when
    the General Assembly or the Economic and Social Council is named as its issuer (or, in an
    Assembly's text, "its resolution")."""
    keyword = _keyword(before, r"[Rr]esolutions?", OLD_LIST_GAP)
    if keyword is None:
        return None
    issuer = before[: keyword.start()].rstrip()
    previous_word = issuer.split()[-1] if issuer.split() else ""
    part = f" {m['part']}" if m["part"] else ""
    designation = f"{m['number']}{part} ({m['session']})"
    if issuer.endswith("Economic and Social Council"):
        return f"E/RES/{designation}"
    if issuer.endswith("General Assembly") or (previous_word == "its" and context.citing_session):
        return f"A/RES/{designation}"
    return None


def _with_part(symbol: str, after: str) -> tuple[str, int]:
    """A resolution's symbol with the part letter that follows its number, and the letters
    it took ("A/RES/57/270" + " B of ..." -> "A/RES/57/270 B", 2)."""
    if symbol.startswith(("A/RES/", "E/RES/")) and (part := PART_AFTER.match(after)):
        return f"{symbol} {part['part']}", part.end()
    return symbol, 0


def link_inlines(inlines: list[Inline], context: LinkContext) -> list[Inline]:
    out: list[Inline] = []
    seen = ""  # the paragraph's words so far: the context of the next reference
    for index, item in enumerate(inlines):
        following = plain_text(inlines[index + 1 :])
        if isinstance(item, DocumentLink) and not item.href:
            symbol = _symbol_for(item.text, seen, following, context)
            if symbol:
                para = _paragraph_after(following, symbol, context)
                out.append(replace(item, symbol=symbol, href=document_href(symbol, context, para)))
            else:
                out.append(Text(item.text, item.italic))
            seen += item.text
        elif isinstance(item, Text):
            out.extend(_link_text(item, seen, following, context))
            seen += item.text
        else:
            out.append(item)
    return merge_text(out)


def _symbol_for(text: str, before: str, after: str, context: LinkContext) -> str | None:
    text = text.strip()
    if FULL_SYMBOL.fullmatch(text) and re.search(r"\d", text):
        return text
    if m := re.fullmatch(NUMBERED.pattern + r"(?P<rest>(?: [A-H])?)", text):
        symbol = resolve_numbered(before, m["session"] + "/" + m["number"], m["rest"] + after, context)
        return _with_part(symbol, m["rest"])[0] if symbol else None
    if m := OLD_NUMBERED.fullmatch(text):
        return resolve_old_numbered(before, m, context)
    return None


def _paragraph_after(after: str, symbol: str, context: LinkContext) -> str | None:
    if symbol not in context.collection:
        return None
    m = PARAGRAPH_AFTER.match(after)
    return m["para"] if m else None


def _link_text(item: Text, before: str, after: str, context: LinkContext) -> list[Inline]:
    text = item.text
    if "/" not in text and "(" not in text:
        return [item]  # every symbol has a slash or a year: most texts are done without a pattern
    candidates: list[tuple[int, int, str]] = []
    for m in FULL_SYMBOL.finditer(text):
        symbol = m.group(0).rstrip(TRAILING_PUNCTUATION)
        end = m.start() + len(symbol)
        if re.fullmatch(r"S/RES/\d+", symbol) and (year := re.match(r" \((\d{4})\)", text[end:])):
            symbol, end = f"{symbol} ({year[1]})", end + year.end()  # a Council symbol ends with its year
        if re.search(r"\d", symbol):
            candidates.append((m.start(), end, symbol))
    for m in COUNCIL_NUMBERED.finditer(text):
        symbol = resolve_council(before + text[: m.start()], m["number"], m["year"], context)
        if symbol:
            candidates.append((m.start(), m.end(), symbol))
    for m in OLD_NUMBERED.finditer(text):
        if symbol := resolve_old_numbered(before + text[: m.start()], m, context):
            candidates.append((m.start(), m.end(), symbol))
    for m in NUMBERED.finditer(text):
        if any(start <= m.start() < end for start, end, _ in candidates):
            continue
        symbol = resolve_numbered(before + text[: m.start()], m.group(0), text[m.end() :] + after, context)
        if symbol:
            symbol, extra = _with_part(symbol, text[m.end() :])
            candidates.append((m.start(), m.end() + extra, symbol))
    if not candidates:
        return [item]
    out: list[Inline] = []
    pos = 0
    for start, end, symbol in sorted(candidates):
        out.append(Text(text[pos:start], item.italic))
        para = _paragraph_after(text[end:] + after, symbol, context)
        out.append(DocumentLink(text[start:end], symbol, document_href(symbol, context, para), item.italic))
        pos = end
    out.append(Text(text[pos:], item.italic))
    return [i for i in out if not (isinstance(i, Text) and not i.text)]


# Documents named in the text that have no address to link to: the Assembly's decisions
# (printed in its Official Records, not each as a document) and the resolutions and decisions
# of other bodies ("Commission on Crime Prevention and Criminal Justice resolution 25/2").
_NUMBER = r"\d{1,4}/\d{1,4}(?: [A-H](?![\w/]))?"
_NUMBERS = rf"(?P<numbers>{_NUMBER}(?:(?: of {DATE})?(?:,? and |, ){_NUMBER})*)"
ASSEMBLY_DECISIONS = re.compile(rf"\b(?P<issuer>General Assembly|[Ii]ts|[Ss]ee) decisions? {_NUMBERS}")
BODY = r"(?:Commission|Conference|Committee|Board|Human Rights Council)"
BODY_WORDS = r"(?: (?:on|of|for|against|and|the|to|[A-Z][\w’'-]*))"
BODY_BEFORE = re.compile(
    rf"\b(?P<body>(?:[A-Z][\w’'-]* )*?{BODY}{BODY_WORDS}*?) (?P<kind>resolution|decision)s? {_NUMBERS}"
)
BODY_AFTER = re.compile(
    rf"\b(?P<kind>resolution|decision)s? {_NUMBERS} of {DATE} of the (?P<body>{BODY}{BODY_WORDS}*)"
    r"(?=[,;.:⁰¹²³⁴⁵⁶⁷⁸⁹]|\s[a-z(]|$)"
)
# A body whose resolutions the UN's document system holds, each under a symbol of its own.
ADDRESSED = {"Human Rights Council resolution": "A/HRC/RES/"}


def address_of(name: str) -> str:
    """The official address of a document named by ``named_references``, or "" (none known)."""
    for prefix, series in ADDRESSED.items():
        if name.startswith(prefix + " "):
            return official_url(series + name.removeprefix(prefix + " "))
    return ""


def named_references(text: str, assembly: bool) -> list[tuple[int, str]]:
    """(position, name) of each document the text names that has no address of its own:
    "General Assembly decision 74/550 A", "Commission on Narcotic Drugs resolution 65/2".
    ``assembly``: the text is the Assembly's, whose "its decision" is its own."""
    found: list[tuple[int, str]] = []
    for m in ASSEMBLY_DECISIONS.finditer(text):
        if m["issuer"] == "General Assembly" or assembly:
            found += [(m.start(), f"General Assembly decision {n}") for n in re.findall(_NUMBER, m["numbers"])]
    for pattern in (BODY_BEFORE, BODY_AFTER):
        for m in pattern.finditer(text):
            body = re.sub(r"^(?:[Tt]he|[Oo]f|[Aa]nd) ", "", m["body"])
            found += [(m.start(), f"{body} {m['kind']} {n}") for n in re.findall(_NUMBER, m["numbers"])]
    return sorted(set(found))


def link_collection(collection: Collection) -> None:
    """Resolve every reference in every document, in place."""
    symbols = collection.by_symbol()
    for document in collection.all():
        link_document(document, symbols)


def link_context(document: Document, symbols: dict[str, Resolution]) -> LinkContext:
    """What resolving a document's references reads: the session and organ of a citing
    resolution (an Assembly's "its resolution 75/10", the Council's "its resolutions") and
    the resolutions ``symbols`` can link to."""
    if isinstance(document, Resolution):
        return LinkContext(document.meta.session, symbols, document.meta.body)
    return LinkContext(0, symbols)


def link_document(document: Document, symbols: dict[str, Resolution]) -> None:
    """Resolve every reference in one document, in place. What it reads of the collection
    is the symbols and addresses of its resolutions (see ``site.annotated.context_of``)."""
    context = link_context(document, symbols)
    for run in runs(document):
        run.replace(link_inlines(run.inlines, context))


__all__ = ["LinkContext", "link_collection", "link_document", "link_inlines"]
