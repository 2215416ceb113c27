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
