"""Unit tests of reference recognition: what is linked, where to, and what is left alone."""

from __future__ import annotations

import datetime as dt

import pytest

from build_scripts.annotate.links import LinkContext, link_inlines
from build_scripts.model import DocumentLink, Resolution, ResolutionMetadata, Text


def links(text: str, session: int = 77, collection: dict | None = None) -> list[tuple[str, str]]:
    inlines = link_inlines([Text(text)], LinkContext(session, collection or {}))
    return [(i.text, i.href) for i in inlines if isinstance(i, DocumentLink)]


def url(symbol: str) -> str:
    return f"https://docs.un.org/en/{symbol}"


def test_lists_of_general_assembly_resolutions():
    text = (
        "its resolutions 71/19 of 21 November 2016, 73/11 of 26 November 2018 and 75/10 of "
        "23 November 2020 concerning the cooperation"
    )
    assert links(text) == [
        ("71/19", url("A/RES/71/19")),
        ("73/11", url("A/RES/73/11")),
        ("75/10", url("A/RES/75/10")),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Resolution 70/1.", [("70/1", url("A/RES/70/1"))]),
        (
            "in this respect recalling its resolution 74/175 of 18 December 2019",
            [("74/175", url("A/RES/74/175"))],
        ),
        ("Resolution S-32/1, annex.", [("S-32/1", url("A/RES/S-32/1"))]),
        ("pursuant to resolution 76/187;", [("76/187", url("A/RES/76/187"))]),
        (
            "Economic and Social Council resolutions 2019/19 and 2019/20 of 23 July 2019",
            [("2019/19", url("E/RES/2019/19")), ("2019/20", url("E/RES/2019/20"))],
        ),
        (
            "See decision 60/519 and A/60/88 and A/60/88/Corr.2, annex.",
            [
                ("A/60/88", url("A/60/88")),
                ("A/60/88/Corr.2", url("A/60/88/Corr.2")),
            ],
        ),
        ("Supplement No. 10 (E/2016/30), chap. I", [("E/2016/30", url("E/2016/30"))]),
        ("See CTOC/COP/2020/10, sect. I.A.", [("CTOC/COP/2020/10", url("CTOC/COP/2020/10"))]),
        ("See E/CN.15/2015/16.", [("E/CN.15/2015/16", url("E/CN.15/2015/16"))]),
    ],
)
def test_certain_references_are_linked(text, expected):
    assert links(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Conference of the States Parties to the Convention against Corruption of resolution 9/8 "
        "of 17 December 2021",  # a 2021 date cannot belong to the ninth session
        "Commission on Narcotic Drugs resolution 65/2 of 2022",
        "Commission on Crime Prevention and Criminal Justice resolution 25/2 of 27 May 2016",
        "following resolution 10/1 of 16 October 2020 of the Conference of the Parties",
        "the INTERPOL I-24/7 global police secure communications system",
        "available 24/7 to all",
        "decision 60/519",
    ],
)
def test_uncertain_references_stay_unlinked(text):
    assert links(text) == []


def test_reference_to_a_document_in_the_collection_links_to_its_page_and_paragraph():
    meta = ResolutionMetadata("A/RES/77/20", 77, "20", "Cooperation", dt.date(2022, 11, 21))
    here = Resolution("a-res-77-20", "source_texts/a-res-77-20.txt", meta, "", [], [], [])
    found = links("its resolution 77/20, para. 5, and its resolution 77/20", 79, {"A/RES/77/20": here})
    assert found == [
        ("77/20", "resolutions/a-res-77-20/index.md#op5"),
        ("77/20", "resolutions/a-res-77-20/index.md"),
    ]


def test_empty_links_of_the_sources_are_resolved_from_their_context():
    inlines = [
        Text("Reaffirming its resolution "),
        DocumentLink("70/1", "", ""),
        Text(" of 25 September 2015,"),
    ]
    out = link_inlines(inlines, LinkContext(77, {}))
    assert out[1] == DocumentLink("70/1", "A/RES/70/1", url("A/RES/70/1"))
