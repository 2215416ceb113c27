"""The cross-resolution index: citations and cited-by, themes, mandates, actors, timeline.

Everything is read from the document model (the links stage has already resolved the
references); the editorial lists (themes, bodies) are YAML beside the source texts. A
new text appears in every index with no code change.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from ..conventions import DATE, MONTHS, ga_session_years, official_url, ordinal_value, parse_date, symbol_key
from ..conventions import label as label_of
from ..editorial import check_unique, load_editorial
from ..memo import Memo, digest, remembered
from ..model import (
    Collection,
    Document,
    DocumentLink,
    FootnoteRef,
    OperativeParagraph,
    Resolution,
    paragraphs,
    plain_text,
)
from .links import address_of, named_references

# --- editorial lists ------------------------------------------------------------------------


@dataclass(frozen=True)
class Theme:
    id: str
    name: str
    phrases: tuple[str, ...]


@dataclass(frozen=True)
class Body:
    id: str
    name: str
    variants: tuple[str, ...]
    abbreviation: str = ""


def _load_list(path: Path, shown: str, schema: str) -> list[dict]:
    if not path.exists():
        return []
    file = load_editorial(path, shown, schema)
    check_unique(file)
    return list(file.data or [])


def load_themes(path: Path, shown: str) -> list[Theme]:
    entries = _load_list(path, shown, "themes")
    return [Theme(e["id"], e["name"], tuple(str(p) for p in e["phrases"])) for e in entries]


def load_bodies(path: Path, shown: str) -> list[Body]:
    entries = _load_list(path, shown, "bodies")
    return [Body(e["id"], e["name"], tuple(e["variants"]), str(e.get("abbreviation", ""))) for e in entries]


# --- the index ----------------------------------------------------------------------------


@dataclass(frozen=True, eq=False, slots=True)
class Place:
    """A paragraph of a document; two places are equal when they name the same paragraph."""

    document: Document
    anchor: str
    label: str  # "para. 17 (a)", "preambular para. 3", "footnote 5", "para. 3"

    def _key(self) -> tuple[str, str, str]:
        return (self.document.slug, self.anchor, self.label)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Place) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    @property
    def name(self) -> str:
        return self.document.meta.symbol if isinstance(self.document, Resolution) else self.document.title


@dataclass(slots=True)
class CitedDocument:
    symbol: str
    kind: str
    title: str = ""
    date: str = ""
    places: list[Place] = field(default_factory=list)
    internal: Resolution | None = None

    @property
    def url(self) -> str:
        """Its official address ("" for a document named without one); the collection's own
        resolutions are linked to their pages instead."""
        return address_of(self.symbol) if self.kind in NAMED_KINDS else official_url(self.symbol)

    def places_by_document(self) -> list[tuple[Document, list[Place]]]:
        """The citing paragraphs grouped by document, in the order they were found."""
        groups: dict[str, tuple[Document, list[Place]]] = {}
        for place in self.places:
            groups.setdefault(place.document.slug, (place.document, []))[1].append(place)
        return list(groups.values())


@dataclass(slots=True)
class Mandate:
    place: Place
    who: str
    what: str
    session: int
    session_name: str
    year: int | None = None  # for bodies that meet once a year
    organ: str = "General Assembly"  # whose session it is

    @property
    def years(self) -> str:
        """The years of a General Assembly session (September to September), the year of a
        body that meets once a year, or "" for a body whose calendar the edition does not know."""
        if self.year is not None:
            return str(self.year)
        if self.organ != "General Assembly":
            return ""
        first, last = ga_session_years(self.session)
        return f"{first}–{last}"


@dataclass(slots=True)
class Event:
    date: dt.date
    year_only: bool
    text: str
    places: list[Place] = field(default_factory=list)


@dataclass
class CrossIndex:
    cited: dict[str, CitedDocument]
    themes: list[Theme]
    # theme -> (paragraph, where in its text the theme's phrase is): the excerpt around it is
    # cut when a page shows it (``theme_excerpt``), not held for every place of a big index.
    theme_places: dict[str, list[tuple[Place, int, int]]]
    # (slug, anchor) -> themes; paragraphs with the same themes share one tuple of them
    paragraph_themes: dict[tuple[str, str], tuple[Theme, ...]]
    bodies: list[Body]
    body_places: dict[str, list[Place]]
    mandates: list[Mandate]
    events: list[Event]

    _citing: dict[str, list[tuple[CitedDocument, list[Place]]]] | None = field(
        default=None, init=False, repr=False, compare=False
    )

    def references_of(self, document: Document) -> list[tuple[str, list[tuple[CitedDocument, list[Place]]]]]:
        """What a document cites, grouped by kind: (kind, [(cited, its places here)])."""
        if self._citing is None:  # one pass over all citations, not one per document
            self._citing = {}
            for cited in sorted(self.cited.values(), key=lambda c: symbol_key(c.symbol)):
                for citing, places in cited.places_by_document():
                    self._citing.setdefault(citing.slug, []).append((cited, places))
        groups: dict[str, list[tuple[CitedDocument, list[Place]]]] = {}
        for cited, here in self._citing.get(document.slug, []):
            groups.setdefault(cited.kind, []).append((cited, here))
        return [(kind, groups[kind]) for kind in KINDS if kind in groups]

    def cited_by(self, document: Resolution) -> list[Place]:
        cited = self.cited.get(document.meta.symbol)
        return [p for p in cited.places if p.document is not document] if cited else []


KINDS = (
    "Resolutions in this collection",
    "General Assembly resolutions",
    "Economic and Social Council resolutions",
    "Security Council resolutions",
    "General Assembly documents",
    "Economic and Social Council documents",
    "Conference and other documents",
    "General Assembly decisions",
    "Resolutions and decisions of other bodies",
)
# Named in the text, but no document of their own on the UN's document system (or none the
# edition knows): listed in References as plain text, and said to be so.
NAMED_KINDS = KINDS[7:]


def kind_of(symbol: str, collection_symbols: set[str]) -> str:
    if symbol in collection_symbols:
        return KINDS[0]
    if symbol.startswith("General Assembly decision "):
        return KINDS[7]
    if " " in symbol.split("/")[0]:  # a name, not a symbol: "Commission on ... resolution 25/2"
        return KINDS[8]
    if symbol.startswith("A/RES/"):
        return KINDS[1]
    if symbol.startswith("E/RES/"):
        return KINDS[2]
    if symbol.startswith("S/RES/"):
        return KINDS[3]
    if symbol.startswith("A/"):
        return KINDS[4]
    if symbol.startswith("E/"):
        return KINDS[5]
    return KINDS[6]


# "at its seventy-ninth session", "at its seventy-ninth and eightieth sessions".
SESSIONS = re.compile(
    r"\b(?:at|to|of|for|during) its (?P<ordinals>[a-z]+(?:-[a-z]+)?(?:(?:, | and )[a-z]+(?:-[a-z]+)?)*) sessions?\b"
)
# The bodies whose sessions a resolution names, and the year of their first session where
# they meet once a year (session n meets in first + n - 1): the Commission on Crime Prevention
# and Criminal Justice since 1992, the Commission on Narcotic Drugs (its sixty-fifth in 2022).
# A body of another calendar (twice a year, every other year) is named, not dated.
ORGAN_CALENDARS = {
    "General Assembly": None,
    "Commission on Crime Prevention and Criminal Justice": 1992,
    "Commission on Narcotic Drugs": 1958,
    "Economic and Social Council": None,
    "Human Rights Council": None,
    "Conference of the Parties": None,
    "Conference of the States Parties": None,
}
TITLE_AFTER = re.compile(r"^\s*(?:of " + DATE + r")?\s*,?\s*entitled\s+“(?P<title>[^”]+)”")
DATE_AFTER = re.compile(r"^\s*of " + DATE)
FULL_DATE = re.compile(r"\b" + DATE + r"\b")
YEAR_ONLY = re.compile(r"\b(?P<prep>in|since|of) (?P<year>1[89]\d\d|20\d\d)\b(?! (?:" + "|".join(MONTHS) + "))")


def theme_excerpt(text: str, start: int, end: int) -> str:
    """The words around a theme's phrase at text[start:end], in the text of its paragraph."""
    return _excerpt(text, start, end)


def _excerpt(text: str, start: int, end: int, words: int = 12) -> str:
    """The words around text[start:end], as the text spaces them ("trafficking, as")."""
    starts = [m.start() for m in re.finditer(r"\S+", text[:start])]
    ends = [m.end() + end for m in re.finditer(r"\S+", text[end:])]
    first = starts[-words] if len(starts) >= words else 0
    last = ends[words - 1] if len(ends) >= words else len(text)
    return ("… " if len(starts) > words else "") + text[first:last].strip() + (" …" if len(ends) > words else "")


class Finding(NamedTuple):
    """One thing a paragraph says, found in its document alone: a citation, a date, a
    theme, a body it addresses, a mandate. Gathered in the collection's order, the
    findings of every document make the index. (A named tuple: a big collection's findings
    are remembered between builds, and tuples pickle small and load fast.)"""

    kind: str  # "cite", "event", "theme", "themes", "actor" or "mandate"
    anchor: str
    label: str
    value: tuple[Any, ...]


@dataclass
class Finder:
    """What finding needs of the collection and the editorial lists (compiled once)."""

    adopted_on: dict[str, list[tuple[str, str, str]]]  # "15 October 1996" -> [(slug, symbol, title)]
    themes: list[tuple[Theme, tuple[str, ...], re.Pattern[str]]]
    bodies: list[tuple[re.Pattern[str], Body]]
    names: re.Pattern[str]

    @classmethod
    def of(cls, collection: Collection, themes: list[Theme], bodies: list[Body]) -> Finder:
        adopted_on: dict[str, list[tuple[str, str, str]]] = {}
        for r in collection.resolutions:
            adopted_on.setdefault(f"{r.date.day} {r.date:%B %Y}", []).append((r.slug, r.meta.symbol, r.title))
        theme_patterns = [
            (
                t,
                tuple(p.lower() for p in t.phrases),
                re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(p) for p in t.phrases) + r")(?![\w-])", re.I),
            )
            for t in themes
        ]
        return cls(adopted_on, theme_patterns, _body_patterns(tuple(bodies)), _name_pattern(bodies))

    def find(self, document: Document) -> list[Finding]:
        found: list[Finding] = []
        if isinstance(document, Resolution):
            adopted = f"{document.meta.symbol} adopted: {document.title}"
            found.append(Finding("event", "", "adopted", (document.date, False, adopted)))
        for anchor, label, inlines in paragraphs(document):
            text = plain_text(inlines)
            # References resolved by the links stage.
            for index, item in enumerate(inlines):
                if isinstance(item, DocumentLink) and item.href and item.symbol:
                    found.extend(_citation(item.symbol, anchor, label, plain_text(inlines[index + 1 :])))
            # Documents named without an address of their own (decisions, other bodies').
            assembly = isinstance(document, Resolution) and document.meta.body == "General Assembly"
            for _position, name in named_references(text, assembly):
                found.append(Finding("cite", anchor, label, (name, "", None)))
            # A resolution of the collection named by its title and adoption date: look up
            # the dates the paragraph states (linear in the collection, not quadratic).
            linked = {i.symbol for i in inlines if isinstance(i, DocumentLink)}
            for m in FULL_DATE.finditer(text):
                for slug, symbol, title in self.adopted_on.get(m.group(0), []):
                    if slug != document.slug and symbol not in linked and title.lower() in text.lower():
                        found.append(Finding("cite", anchor, label, (symbol, "", None)))
                        linked.add(symbol)
            # Themes, in the paragraph's own words: not inside a citation, a quoted title or
            # the name of a body ("the United Nations Office on Drugs and Crime" is no drug).
            themes = []
            running = _running_words(inlines, text, self.names)
            lowered = running.lower()
            for theme, phrases, pattern in self.themes:
                # A substring test first: case-insensitive alternations are slow in `re`.
                if any(p in lowered for p in phrases) and (m := _theme_match(pattern, running, theme)):
                    themes.append(theme.id)
                    found.append(Finding("theme", anchor, label, (theme.id, m.start(), m.end())))
            if themes:
                found.append(Finding("themes", anchor, label, tuple(themes)))
            # Dates the text states.
            for m in FULL_DATE.finditer(text):
                before = text[: m.start()]
                if re.search(r"\d+/\d+(?: [A-C])? of $", before):
                    continue  # "resolution 51/1 of 15 October 1996": recorded as an adoption
                date = parse_date(m[1], m[2], m[3])
                found.append(Finding("event", anchor, label, (date, False, _excerpt(text, m.start(), m.end(), 8))))
            for m in YEAR_ONLY.finditer(text):  # a full date's year is no match: a month stands before it
                date = dt.date(int(m["year"]), 1, 1)
                found.append(Finding("event", anchor, label, (date, True, _excerpt(text, m.start(), m.end(), 8))))
        if isinstance(document, Resolution):
            for op in document.operative:
                label = label_of(op.anchor)
                found.extend(Finding("actor", op.anchor, label, (body.id,)) for body in _actors(op, self.bodies))
                found.extend(Finding("mandate", op.anchor, label, value) for value in _mandates(op))
        return found


def _citation(symbol: str, anchor: str, label: str, after: str) -> list[Finding]:
    """A citation, with the title and the date that follow it, and the date as an event."""
    title = m["title"] if (m := TITLE_AFTER.match(after)) else ""
    date = (m[1], m[2], m[3]) if (m := DATE_AFTER.match(after)) else None
    found = [Finding("cite", anchor, label, (symbol, title, date))]
    if date:
        found.append(Finding("event", anchor, label, (parse_date(*date), False, f"{symbol} adopted")))
    return found


def build_index(
    collection: Collection,
    themes: list[Theme],
    bodies: list[Body],
    jobs: int = 1,
    memo: Memo | None = None,
    digests: dict[str, bytes] | None = None,
) -> CrossIndex:
    """The index, from the findings of every document, gathered in the collection's order:
    a document's findings depend on it and on the finder alone, so they are remembered by
    their digests (``memo``, ``digests`` by slug) and found anew (by ``jobs`` forked
    processes when there are many) only for what changed."""
    finder = Finder.of(collection, themes, bodies)
    documents = collection.all()
    if memo is None or digests is None:
        memo, keys = Memo(None), [d.slug.encode() for d in documents]  # nothing remembered
    else:
        found_by = digest("findings", finder.adopted_on, themes, bodies)
        keys = [digest(found_by, digests[d.slug]) for d in documents]
    findings = remembered(memo, keys, lambda i: finder.find(documents[i]), jobs)
    return gather(collection, themes, bodies, findings)


def gather(
    collection: Collection, themes: list[Theme], bodies: list[Body], findings: Iterable[list[Finding]]
) -> CrossIndex:
    """The index made of each document's findings (``findings``: those of each document of
    ``collection.all()``, in order, read one document at a time)."""
    symbols = {r.meta.symbol for r in collection.resolutions}
    by_symbol = collection.by_symbol()
    by_theme = {t.id: t for t in themes}
    cited: dict[str, CitedDocument] = {}
    theme_places: dict[str, list[tuple[Place, int, int]]] = {t.id: [] for t in themes}
    paragraph_themes: dict[tuple[str, str], tuple[Theme, ...]] = {}
    theme_sets: dict[tuple[str, ...], tuple[Theme, ...]] = {}
    body_places: dict[str, list[Place]] = {b.id: [] for b in bodies}
    mandates: list[Mandate] = []
    events: dict[tuple[dt.date, str], Event] = {}
    for document, found in zip(collection.all(), findings, strict=True):
        place = None
        for finding in found:
            # One place for a paragraph's findings (they come in order), and one string for
            # every paragraph's anchor and label, not one read from the memo each.
            if place is None or (place.anchor, place.label) != (finding.anchor, finding.label):
                place = Place(document, sys.intern(finding.anchor), sys.intern(finding.label))
            value = finding.value
            if finding.kind == "cite":
                symbol, title, date = value
                entry = cited.setdefault(
                    symbol, CitedDocument(symbol, kind_of(symbol, symbols), internal=by_symbol.get(symbol))
                )
                if not entry.places or entry.places[-1] != place:  # paragraphs come in order
                    entry.places.append(place)
                entry.title = entry.title or title
                if date:
                    entry.date = entry.date or " ".join(date)
            elif finding.kind == "event":
                date, year_only, text = value
                event = events.setdefault((date, text), Event(date, year_only, text))
                if not event.places or event.places[-1] != place:
                    event.places.append(place)
            elif finding.kind == "theme":
                theme_places[value[0]].append((place, value[1], value[2]))
            elif finding.kind == "themes":
                shared = theme_sets.setdefault(value, tuple(by_theme[t] for t in value))
                paragraph_themes[(document.slug, place.anchor)] = shared
            elif finding.kind == "actor":
                places = body_places[value[0]]
                if not places or places[-1] != place:
                    places.append(place)
            elif finding.kind == "mandate":
                mandates.append(Mandate(place, *value))
    ordered_events = sorted(events.values(), key=lambda e: (e.date, e.year_only, e.text))
    return CrossIndex(cited, themes, theme_places, paragraph_themes, bodies, body_places, mandates, ordered_events)


def _name_pattern(bodies: list[Body]) -> re.Pattern[str]:
    variants = sorted({v for b in bodies for v in (*b.variants, b.name)}, key=len, reverse=True)
    # Found by a lookahead, at every place a name starts: names that overlap are all found
    # ("the United Nations" and "United Nations Office on Drugs and Crime", one word later),
    # the longest at each place first.
    names = "|".join(re.escape(v) for v in variants)
    return re.compile(r"(?<![\w-])(?=(" + names + r")(?![\w-]))")


def _running_words(inlines: list, text: str, names: re.Pattern[str]) -> str:
    """The paragraph's text with what is not its own running words blanked out, at the same
    positions: citations (link texts), quoted titles and the names of bodies."""
    blank = list(text)
    position = 0
    for item in inlines:
        if isinstance(item, FootnoteRef):
            continue
        if isinstance(item, DocumentLink):
            blank[position : position + len(item.text)] = " " * len(item.text)
        position += len(item.text)
    masked = re.sub(r"“[^”]*”", lambda m: " " * len(m[0]), "".join(blank))
    blank = list(masked)
    for m in names.finditer(masked):
        blank[m.start(1) : m.end(1)] = " " * len(m[1])
    return "".join(blank)


def _theme_match(pattern: re.Pattern[str], text: str, theme: Theme) -> re.Match[str] | None:
    """The first mention of the theme in running words. A phrase written in lower case is
    running text only in lower case: "Narcotic Drugs" in the title of a convention, or
    "Counter-Terrorism" in the name of an office, names something else."""
    written = {p.lower(): p for p in theme.phrases}
    for m in pattern.finditer(text):
        phrase = written.get(m[0].lower(), m[0])
        if m[0] == m[0].lower() or phrase != phrase.lower():
            return m
    return None


def _addressees(op: OperativeParagraph) -> str:
    """The words after the action phrase up to the verb of the request ("... to")."""
    text = plain_text(op.content)
    cut = re.split(r"\s(?:to|that)\s|[;:]", text, maxsplit=1)[0]
    return " ".join(cut.split()[:25])


def _body_patterns(bodies: tuple[Body, ...]) -> list[tuple[re.Pattern[str], Body]]:
    """A pattern per variant, longest first, compiled once per build."""
    variants = sorted(((v, b) for b in bodies for v in b.variants), key=lambda x: (-len(x[0]), x[0]))
    return [(re.compile(rf"(?<![\w-]){re.escape(v)}(?![\w-])"), b) for v, b in variants]


def _actors(op: OperativeParagraph, patterns: list[tuple[re.Pattern[str], Body]]) -> list[Body]:
    """The bodies an operative paragraph addresses, in the order of the patterns. Longest
    variant first, wherever it starts: "the United Nations Office on Drugs and Crime" is
    UNODC, not "the United Nations" followed by more words."""
    who = _addressees(op)
    taken: list[tuple[int, int]] = []
    found = []
    for pattern, body in patterns:
        for m in pattern.finditer(who):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            found.append(body)
    return found


def _mandates(op: OperativeParagraph) -> list[tuple[str, str, int, str, int | None, str]]:
    """What an operative paragraph asks (requests, invites) or decides for a session of a
    body: one mandate per session, dated from that body's own calendar. The body is the one
    named last before "at its ... session" ("to the Commission on ... at its thirty-first
    session"); none named, the Assembly itself ("Decides to consider ... at its eightieth
    session"). Each as the fields of its ``Mandate`` after the place: (who, what, session,
    session name, year, organ)."""
    text = plain_text(op.content)
    phrase = op.action_phrase.lower()
    if not any(verb in phrase for verb in ("request", "decide", "invite")):
        return []
    m = SESSIONS.search(text)
    if not m:
        return []
    before = text[: m.start()]
    named = [(before.rfind(name), name) for name in ORGAN_CALENDARS if name in before]
    organ = max(named)[1] if named else "General Assembly"
    if re.search(r"provisional agenda", text) and phrase.endswith("decides"):
        who = "General Assembly"
        what = "Include an item in the provisional agenda"
        # "under the item entitled “Social development”, the sub-item entitled “Crime
        # prevention”": what is included is the sub-item.
        if item := re.search(r"sub-item entitled “([^”]+)”", text) or re.search(r"item entitled “([^”]+)”", text):
            what += f": “{item[1]}”"
    elif phrase.endswith("decides"):
        who = "General Assembly"
        what = " ".join(re.sub(r"^to ", "", before).split()[:24]).rstrip(",;.")
    else:
        who = re.split(r"\s(?:to|in)\s", text, maxsplit=1)[0]
        # "Invites Member States to ..., and requests the Secretary-General to ...": the
        # addressee of the clause that names the session.
        if clause := list(re.finditer(r"\band (?:also )?(?:requests|invites) (?P<who>.+?) to\s", before)):
            who = clause[-1]["who"]
            text = text[clause[-1].end() :]
        report = re.search(r"\b(?:a |the )?report\b[^;]*", text)
        asked = (report.group(0) if report else text[len(who) :]).split()
        # The words asked, as many as for a decision: the "to" of the request is not one.
        what = " ".join(asked[1:25] if asked[:1] == ["to"] else asked[:24]).strip(" ,;.")
    out = []
    for ordinal in re.split(r", | and ", m["ordinals"]):
        session = ordinal_value(ordinal)
        if session is None:
            continue
        first = ORGAN_CALENDARS[organ]
        name = f"{ordinal} session" + ("" if organ == "General Assembly" else f" of the {organ}")
        out.append((who, what, session, name, first + session - 1 if first else None, organ))
    return out
