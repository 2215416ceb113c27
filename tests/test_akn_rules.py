"""The Akoma Ntoso export (``render/akn.py``) of the document made to hold every kind of
thing (tests/test_data_rules.py): valid against the Akoma Ntoso 3.0 schema, and element by
element as tests/golden/akn_export.xml states it (reviewed when written; no test writes it).
In the fast loop; the collection's exports are checked in tests/test_exports.py."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from test_data_rules import example

from build_scripts.annotate.glossary import Glossary, Term
from build_scripts.render.akn import AknError, resolution_to_akn, validate, work_uri

GOLDEN = Path(__file__).parent / "golden" / "akn_export.xml"


def test_a_resolution_is_written_as_the_golden_file_says_and_validates():
    xml = resolution_to_akn(example())
    validate(xml, "a-res-77-20.xml")
    assert xml.decode("utf-8") == GOLDEN.read_text(encoding="utf-8")


def test_glossary_terms_are_named_as_the_glossary_names_them():
    sltd = Term("sltd", "Stolen and Lost Travel Documents database", ("SLTD",), "database", "A database.", "", "")
    glossary = Glossary([sltd])
    xml = resolution_to_akn(example(), glossary).decode("utf-8")
    assert (
        '<TLCConcept eId="sltd" href="/ontology/concept/interpol/sltd"'
        ' showAs="Stolen and Lost Travel Documents database"/>' in xml
    )


def test_a_council_resolutions_work_is_named_by_its_number_and_year():
    r = example()
    r.meta = dataclasses.replace(
        r.meta, body="Security Council", number="2322", year=2016, adoption_date=dt.date(2016, 12, 12)
    )
    assert work_uri(r) == "/akn/un/statement/deliberation/un-sc/2016-12-12/2322-2016"
    assert work_uri(example()) == "/akn/un/statement/deliberation/un-ga/2022-11-21/77-20"


def test_an_invalid_file_is_refused_with_its_name():
    xml = resolution_to_akn(example()).replace(b"<mainBody>", b"<mainBody><nonsense/>")
    with pytest.raises(AknError) as raised:
        validate(xml, "a-res-77-20.xml")
    assert str(raised.value).startswith("a-res-77-20.xml:") and "not valid Akoma Ntoso 3.0" in str(raised.value)


def council_example():
    """A Council resolution with a plan annexed (headings, numbered and unnumbered
    paragraphs) and a protocol in articles (its formula, recitals, words of agreement,
    articles outside chapters, final clauses)."""
    from build_scripts.model import Annex, AnnexHeading, AnnexParagraph, Article, FootnoteRef, Provision, Text, Treaty

    r = example()
    r.meta = dataclasses.replace(
        r.meta, body="Security Council", number="2322", year=2016, adoption_date=dt.date(2016, 12, 12), draft_symbols=[]
    )
    r.meta = dataclasses.replace(
        r.meta, symbol="S/RES/2322 (2016)", session=0, title="Subject", title_is_editorial=True
    )
    r.meta = dataclasses.replace(r.meta, procedure="", meeting="7831st meeting")
    plan = Annex(
        "Annex I",
        "A plan",
        "annex-i",
        [
            AnnexHeading("I. Goals", "annex-i-goals", 60, [Text("I. Goals"), FootnoteRef(1)]),
            AnnexParagraph(1, "annex-i-para1", [Text("First.")], 61),
            AnnexHeading("II. Means", "annex-i-means", 62),
            AnnexParagraph(None, "annex-i-p2", [Text("Unnumbered.")], 63),
        ],
        59,
    )
    protocol = Annex(
        "Annex II",
        "A protocol",
        "annex-ii",
        [
            AnnexParagraph(None, "annex2-pp1", [Text("The States Parties to this Protocol,")], 71),
            AnnexParagraph(None, "annex2-pp2", [Text("Recalling the Convention,")], 72),
            AnnexParagraph(None, "annex2-pp3", [Text("Have agreed as follows:")], 73),
            AnnexParagraph(None, "annex2-pp4", [Text("Convinced, after the words of agreement,")], 74),
        ],
        70,
        Treaty(
            [],
            [
                Article(
                    1,
                    "Purpose",
                    "annex2-art1",
                    75,
                    "",
                    [Provision("", "annex2-art1-p1", [Text("Words.")], 76)],
                    "Article 1",
                )
            ],
            [AnnexParagraph(None, "annex2-final1", [Text("Done at New York.")], 77)],
        ),
    )
    r.annexes = [plan, protocol]
    return r


def test_a_council_resolution_with_a_plan_and_a_protocol_is_written_as_the_golden_file_says():
    xml = resolution_to_akn(council_example())
    validate(xml, "s-res-2322-2016.xml")
    assert xml.decode("utf-8") == (GOLDEN.parent / "akn_export_council.xml").read_text(encoding="utf-8")
