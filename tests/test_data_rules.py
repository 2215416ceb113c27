"""The JSON export of a document (``render/data.py``) on a document made to hold every kind
of thing the model holds (parts, headings, items of two levels, words after items, links of
both kinds, a footnote call, a glossary term, an annexed treaty with chapters, articles and
final clauses): every field, against tests/golden/data_export.json. That file is the
export's specification for these two documents, reviewed field by field when it was
written; no test writes it (an export that changes breaks what readers' programs read: a
change to it is deliberate, made by hand and reviewed in its diff). In the fast loop."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pytest
from test_model_rules import resolution_in_parts

from build_scripts.model import (
    BulletList,
    DocumentLink,
    FootnoteRef,
    Heading,
    Paragraph,
    RelatedDocument,
    TermMention,
    Text,
)
from build_scripts.render.data import absolute, document_to_dict, resolution_to_dict

GOLDEN = Path(__file__).parent / "golden" / "data_export.json"


def example():
    r = resolution_in_parts()
    r.operative[1].content = [
        Text("op a2 ", italic=True),
        DocumentLink("76/5", "A/RES/76/5", "https://docs.un.org/en/A/RES/76/5"),
        FootnoteRef(1),
        Text(" "),
        TermMention("I-24/7", "i-24-7", italic=True),
        Text(" and "),
        DocumentLink("77/19", "A/RES/77/19", "resolutions/a-res-77-19/index.md#op2", italic=True),
    ]
    r.footnotes[0].content = [Text("See "), TermMention("SLTD", "sltd")]
    r.annexes[0].items[0].content = [Text("Preamble"), FootnoteRef(1)]
    r.annexes[0].treaty.short_title, r.annexes[0].treaty.unts = "UNTOC", "2225 UNTS 209"
    r.annexes[0].treaty.chapters[0].heading = "Chapter I"
    r.annexes[0].treaty.articles[0].heading = "Article 1"
    r.divisions[0] = dataclasses.replace(r.divisions[0], formula="The General Assembly,", closing="45th meeting")
    r.meta = dataclasses.replace(
        r.meta,
        session_name="Seventy-seventh session",
        agenda_items=["127 (y)"],
        agenda_title="Cooperation",
        distribution="General",
        distribution_date=dt.date(2022, 11, 25),
        adoption_line="Resolution adopted by the General Assembly on 21 November 2022",
        procedure="without reference to a Main Committee (A/77/L.20)",
        draft_symbols=["A/77/L.20"],
        report_paragraph="31",
        meeting="39th plenary meeting",
        meeting_date=dt.date(2022, 11, 21),
        year=2022,
        title_is_editorial=True,
    )
    r.summary, r.basis = "Decides things", "Acting under Chapter VII of the Charter,"
    r.operative[2].numbered = False
    r.operative[0].subparagraphs[0].printed = "a."
    return r


def page_example():
    return RelatedDocument(
        "interpol-day",
        "source_texts/interpol-day.txt",
        "A day",
        "web page",
        "INTERPOL",
        dt.date(2023, 9, 7),
        "https://www.interpol.int/day",
        dt.date(2024, 1, 2),
        [
            Heading(2, "Why", "why"),
            Paragraph(
                [Text("It is "), DocumentLink("77/241", "A/RES/77/241", "resolutions/a-res-77-241/index.md")], "p1", 3
            ),
            BulletList([[Text("One;")], [TermMention("I-24/7", "i-24-7")]], "p2", 5),
        ],
        summary="A page",
    )


def test_every_field_of_a_resolution_and_a_page_reaches_the_export():
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert resolution_to_dict(example(), "https://edition.example/") == golden["resolution"]
    assert document_to_dict(page_example(), "") == golden["document"]


def test_the_golden_export_holds_every_kind_of_field():
    """The example leaves no field of the export out: a field dropped from the code and from
    the file alike would still show here."""
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    text = json.dumps(golden)
    for field in ("akn_eid", "continuation", "citation", "short_title", "unts", "internal", "mentions", "closing"):
        assert f'"{field}"' in text, field


@pytest.mark.parametrize(
    ("href", "site_url", "address"),
    [
        (
            "resolutions/a-res-77-20/index.md#op5",
            "https://e.example/x",
            "https://e.example/x/resolutions/a-res-77-20/#op5",
        ),
        (
            "resolutions/a-res-77-20/index.md#op5",
            "https://e.example/x/",
            "https://e.example/x/resolutions/a-res-77-20/#op5",
        ),
        ("resolutions/a-res-77-20/index.md", "", "resolutions/a-res-77-20/"),
        ("documents/page/", "", "documents/page/"),
        ("https://docs.un.org/en/A/RES/76/5", "https://e.example/", "https://docs.un.org/en/A/RES/76/5"),
        ("http://example.org/x#y", "https://e.example/", "http://example.org/x#y"),
        ("indexes/index.md#a", "https://e.example", "https://e.example/indexes/#a"),
    ],
)
def test_an_address_of_the_edition_is_absolute_with_a_public_address_and_relative_without(
    href: str, site_url: str, address: str
):
    assert absolute(href, site_url) == address


def hrefs(value) -> list[str]:
    if isinstance(value, dict):
        return [v for k, v in value.items() if k == "href"] + [h for v in value.values() for h in hrefs(v)]
    if isinstance(value, list):
        return [h for v in value for h in hrefs(v)]
    return []


def test_every_address_of_the_edition_in_an_export_is_absolute_given_a_public_address():
    """A link to the edition's own pages in every run of running text: each is exported
    with the public address before it, wherever it stands (items, words after items,
    footnotes, annex headings and paragraphs, treaty provisions, a page's list)."""
    from build_scripts.model import runs

    r, page = example(), page_example()
    link = DocumentLink("77/19", "A/RES/77/19", "resolutions/a-res-77-19/index.md#op2")
    for document in (r, page):
        for run in runs(document):
            run.replace([*run.inlines, link])
    r.annexes[0].items[0].content.append(link)
    data = resolution_to_dict(r, "https://e.example/")
    addresses = hrefs(data)
    # In the text: a link a run, the two the example had, the heading's; in the references:
    # the runs' links again.
    assert len(addresses) == 2 * (len(runs(r)) + 2) + 1
    assert all(a.startswith(("https://e.example/", "https://docs.un.org/")) for a in addresses), addresses
    page_data = document_to_dict(page, "https://e.example/")
    assert page_data["url"] == "https://e.example/documents/interpol-day/"
    assert all(a.startswith("https://e.example/") for a in hrefs(page_data)), hrefs(page_data)


def test_an_annex_that_is_no_treaty_has_no_treaty_and_an_undated_page_no_date():
    from build_scripts.model import Annex, AnnexParagraph

    r = example()
    r.annexes.append(
        Annex("Annex II", "A plan", "annex-ii", [AnnexParagraph(1, "annex-ii-para1", [Text("x")], 60)], 59)
    )
    annexes = resolution_to_dict(r, "")["annexes"]
    assert ["treaty" in a for a in annexes] == [True, False]
    assert annexes[1]["items"] == [
        {
            "type": "paragraph",
            "number": 1,
            "anchor": "annex-ii-para1",
            "citation": "A/RES/77/20, annex II, para. 1",
            "text": "x",
            "content": [{"type": "text", "text": "x", "italic": False}],
        }
    ]
    page = dataclasses.replace(page_example(), date=None, retrieved=None)
    assert (document_to_dict(page, "")["date"], document_to_dict(page, "")["retrieved"]) == (None, None)
