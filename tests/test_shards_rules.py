"""The shard module's rules in process, on small sites made for them (the fast loop): how
files are dealt, what a shard's manifest keeps, and how a merge makes one site of the
shards or refuses them, naming why. The shards of the real site are in tests/test_shards.py."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from mkdocs.structure.files import File, Files

from build_scripts.site.search_index import ParagraphEntries, complete_entries, search_config
from build_scripts.site.shards import (
    MANIFEST,
    MANIFEST_FORMAT,
    ShardError,
    ShardManifest,
    Share,
    check_shards,
    deal,
    keep_share,
    merge_shards,
    write_share,
)

INPUTS = "f" * 64
PAGE_ORDER = ["", "a/", "b/", "c/"]
CONFIG = {"lang": ["en"], "separator": "[\\s\\-]+"}


def material_entries(page: str) -> list[dict[str, str]]:
    """Material's entries of a page: the page, and a heading of it."""
    return [
        {"location": page, "title": f"Page {page}", "text": f"All the words of {page}"},
        {"location": f"{page}#part", "title": f"Part of {page}", "text": f"Words of {page}"},
    ]


PARAGRAPHS = {
    "a/": [{"location": "a/#op1", "title": "A/RES/1, para. 1", "text": "Decides"}],
    "b/": [{"location": "b/#op1", "title": "A/RES/2, para. 1", "text": "Invites"}],
}


def rendered_share(
    root: Path, share: Share, own: list[str], offline: bool = False, paragraphs=True, index=True
) -> Path:
    """A shard's folder as MkDocs leaves it (its pages, the common files, an index of its
    pages), then its manifest written."""
    folder = root / f"shard{share.index}"
    for page in own:
        (folder / page).mkdir(parents=True, exist_ok=True)
        (folder / page / "index.html").write_text(f"<h1>{page}</h1>", encoding="utf-8")
    (folder / "assets" / "css").mkdir(parents=True, exist_ok=True)
    (folder / "assets" / "css" / "extra.css").write_text("p {}", encoding="utf-8")  # every shard's, deep
    (folder / "404.html").write_text("<h1>Not found</h1>", encoding="utf-8")
    (folder / "sitemap.xml").write_text("<urlset/>", encoding="utf-8")
    (folder / "search").mkdir(exist_ok=True)
    docs = [entry for page in own for entry in material_entries(page)]
    if index:
        (folder / "search" / "search_index.json").write_text(json.dumps({"config": CONFIG, "docs": docs}), "utf-8")
        (folder / "search" / "search_index.js").write_text("var __index = {}", "utf-8")
    files = [f"{page}index.html" for page in own]
    entries = ParagraphEntries(held=PARAGRAPHS) if paragraphs else None
    write_share(folder, share, INPUTS, PAGE_ORDER, files, own, entries, offline, True, "lunr")
    return folder


def files_of(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): p.read_text("utf-8") for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_shard_keeps_its_pages_entries_in_its_manifest_and_no_index(tmp_path: Path):
    folder = rendered_share(tmp_path, Share(1, 2), ["", "a/"])
    manifest = ShardManifest.read(folder)
    assert manifest == ShardManifest(
        INPUTS,
        Share(1, 2),
        PAGE_ORDER,
        ["index.html", "a/index.html"],
        ["404.html", "assets/css/extra.css", "sitemap.xml"],  # what every shard writes whole, sorted
        CONFIG,
        {"": material_entries(""), "a/": material_entries("a/")},
        {"a/": PARAGRAPHS["a/"]},  # its own pages' paragraphs only
        ["a/", "b/"],  # every document's page, in the edition's order
        False,
        True,
        "lunr",
    )
    assert not (folder / "search").exists() or not any((folder / "search").iterdir())
    raw = (folder / MANIFEST).read_text("utf-8")
    assert json.loads(raw)["format"] == MANIFEST_FORMAT and json.loads(raw)["share"] == "1/2"
    assert raw.startswith('{"format":1,"inputs":"fff')  # compact: no spaces between fields
    # A shard without the edition, or with no pages of its own: no index, no paragraphs.
    bare = rendered_share(tmp_path / "bare", Share(2, 2), [], paragraphs=False, index=False)
    manifest = ShardManifest.read(bare)
    assert (manifest.paragraph_entries, manifest.document_pages) == (None, None)
    assert (manifest.search_config, manifest.search_entries) == ({}, {})


def test_shards_merge_into_one_site_with_one_index_in_the_pages_order(tmp_path: Path):
    first = rendered_share(tmp_path, Share(1, 2), ["", "b/"], offline=True)
    second = rendered_share(tmp_path, Share(2, 2), ["a/", "c/"], offline=True)
    target = tmp_path / "site"
    result = merge_shards([second, first], target)  # in any order
    assert sorted(files_of(target)) == [
        "404.html",
        "a/index.html",
        "assets/css/extra.css",
        "b/index.html",
        "c/index.html",
        "index.html",
        "search/search_index.js",
        "search/search_index.json",
        "sitemap.xml",
    ]
    assert (result.files, result.pages, result.search_engine) == (7, 4, "lunr")
    assert (first / "a" / "index.html").exists() is False and (second / "a" / "index.html").exists()  # copied
    index = json.loads((target / "search" / "search_index.json").read_text("utf-8"))
    assert index["config"] == search_config(CONFIG)
    in_page_order = [entry for page in PAGE_ORDER for entry in material_entries(page)]
    expected = list(complete_entries(in_page_order, ParagraphEntries(held=PARAGRAPHS)))
    assert index["docs"] == expected
    assert [d["location"] for d in index["docs"]][:4] == ["", "#part", "a/", "a/#part"]
    assert {"location": "b/#op1", "title": "A/RES/2, para. 1", "text": "Invites"} in index["docs"]
    assert list(result.index["docs"]) == expected and result.search_entries["c/"] == material_entries("c/")
    script = (target / "search" / "search_index.js").read_bytes()
    assert script == b"var __index = " + (target / "search" / "search_index.json").read_bytes()


def test_a_merge_may_move_the_shards_files_and_take_the_editions_paragraphs(tmp_path: Path):
    first = rendered_share(tmp_path, Share(1, 2), ["", "a/"], paragraphs=False)
    second = rendered_share(tmp_path, Share(2, 2), ["b/", "c/"], paragraphs=False)
    with pytest.raises(ShardError, match=r"shard1: has no paragraph entries for search; merge it with the edition"):
        merge_shards([first, second], tmp_path / "refused")
    asked: list[bool] = []
    edition = {"c/": [{"location": "c/#op9", "title": "C", "text": "Edition's"}]}

    def from_the_edition(directory_urls: bool) -> ParagraphEntries:
        asked.append(directory_urls)
        return ParagraphEntries(held=edition)

    target = tmp_path / "site"
    result = merge_shards([first, second], target, from_the_edition, move=True)
    assert asked == [True]
    assert not (first / "a" / "index.html").exists() and (target / "a" / "index.html").read_text() == "<h1>a/</h1>"
    assert (first / "404.html").exists()  # the common files are copied from the first
    assert [d["location"] for d in result.index["docs"]][-1] == "c/#op9"
    assert not (target / "search" / "search_index.js").exists()  # no offline copy asked


def test_a_merge_refuses_a_shard_that_lost_a_file_or_disagrees_on_a_common_one(tmp_path: Path):
    first = rendered_share(tmp_path, Share(1, 2), ["", "a/"])
    second = rendered_share(tmp_path, Share(2, 2), ["b/", "c/"])
    (second / "c" / "index.html").unlink()
    with pytest.raises(ShardError, match=r"shard2/c/index\.html: listed in .*shard2/shard\.json but missing"):
        merge_shards([first, second], tmp_path / "site1")
    second = rendered_share(tmp_path / "again", Share(2, 2), ["b/", "c/"])
    (second / "sitemap.xml").write_text("<urlset><url/></urlset>", encoding="utf-8")
    with pytest.raises(ShardError, match=r"again/shard2/sitemap\.xml: differs from .*shard1/sitemap\.xml"):
        merge_shards([first, second], tmp_path / "site2")
    (second / "sitemap.xml").unlink()
    with pytest.raises(ShardError, match=r"sitemap\.xml: differs from"):
        merge_shards([first, second], tmp_path / "site3")


def manifest_only(folder: Path, share: Share, inputs: str = INPUTS) -> Path:
    folder.mkdir(parents=True)
    ShardManifest(inputs, share, [], [], [], {}, {}, None, None, False, True, "auto").write(folder)
    return folder


def test_shards_are_merged_only_if_built_alike_and_each_given_once(tmp_path: Path):
    one = manifest_only(tmp_path / "one", Share(1, 3))
    two = manifest_only(tmp_path / "two", Share(2, 3))
    three = manifest_only(tmp_path / "three", Share(3, 3))
    assert [folder for folder, _ in check_shards([three, one, two])] == [one, two, three]
    other = manifest_only(tmp_path / "other", Share(2, 3), inputs="0" * 64)
    with pytest.raises(ShardError, match=r"other: built from other inputs than .*one \(texts, code, settings or"):
        check_shards([one, other, three])
    of_two = manifest_only(tmp_path / "of-two", Share(2, 2))
    with pytest.raises(ShardError, match=r"of-two: shard 2/2, but .*one is shard 1/3$"):
        check_shards([one, of_two])
    again = manifest_only(tmp_path / "again", Share(2, 3))
    with pytest.raises(ShardError, match=r"^shard 2/3 given twice: .*two and .*again$"):
        check_shards([one, two, again, three])
    with pytest.raises(ShardError, match=r"^missing shard\(s\) 2/3, 3/3: every share of 3 must be merged$"):
        check_shards([one])
    with pytest.raises(ShardError, match=r"^no shard to merge$"):
        check_shards([])


def test_a_folder_that_is_no_shard_of_this_build_is_named(tmp_path: Path):
    with pytest.raises(
        ShardError, match=r"^.*empty: not a shard \(no shard\.json\); build it with `build --shard k/n`$"
    ):
        ShardManifest.read(tmp_path / "empty")
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / MANIFEST).write_text("{", encoding="utf-8")
    with pytest.raises(ShardError, match=r"^.*broken/shard\.json: unreadable \(Expecting"):
        ShardManifest.read(broken)
    (broken / MANIFEST).write_text('{"format": 0}', encoding="utf-8")
    with pytest.raises(ShardError, match=r"broken/shard\.json: a shard of another version of the build \(format 0\)$"):
        ShardManifest.read(broken)
    (broken / MANIFEST).write_text("{}", encoding="utf-8")
    with pytest.raises(ShardError, match=r"\(format None\)$"):
        ShardManifest.read(broken)


def test_items_are_dealt_heaviest_first_each_to_the_lightest_share():
    # 9 to share 0; 5 and 4 to share 1 (lighter), ties by name, then by the first share.
    assert deal([("a", 4), ("b", 9), ("c", 5)], 2) == [1, 0, 1]
    assert deal([("b", 3), ("a", 3)], 2) == [1, 0]  # of equal sizes, "a" first, to share 0
    # Empty files weigh one each: they spread instead of all going to the first share.
    assert deal([("x", 0), ("y", 0), ("z", 0)], 3) == [0, 1, 2]
    assert deal([("x", 0), ("y", 0)], 1) == [0, 0]
    assert deal([], 4) == []
    # One more than its size, not two: three empty files balance one of two.
    assert deal([("a", 2), ("b", 0), ("c", 0), ("d", 0)], 2) == [0, 1, 1, 1]


def test_a_share_leaves_every_other_file_unmodified_for_mkdocs(tmp_path: Path):
    docs, site = tmp_path / "docs", tmp_path / "site"
    sizes = {"index.md": 10, "big.md": 500, "small.md": 20, "style.css": 300, "logo.svg": 100, "app.js": 50}
    for name, size in sizes.items():
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text("x" * size, encoding="utf-8")
    files = Files([File(name, str(docs), str(site), True) for name in sizes])
    written, pages = keep_share(files, Share(1, 2))
    # Pages by their Markdown's size: big.md alone, the two small ones together; then the
    # other files: style.css alone, logo.svg and app.js together.
    assert (written, pages) == (["big/index.html", "style.css"], ["big/"])
    kept = {f.src_uri: f.is_modified() for f in files}
    assert kept == {n: n in ("big.md", "style.css") for n in sizes}
    files = Files([File(name, str(docs), str(site), True) for name in sizes])
    written, pages = keep_share(files, Share(2, 2))
    assert sorted(written) == ["app.js", "index.html", "logo.svg", "small/index.html"]
    assert sorted(pages) == ["./", "small/"]
    # A page a plugin generates has no file of its own: it weighs nothing (but one).
    made = [File(name, None, str(site), True) for name in ("made-1.md", "made-2.md")]
    assert keep_share(Files(made), Share(2, 2)) == (["made-2/index.html"], ["made-2/"])
    (docs / "x.md").write_text("x", encoding="utf-8")  # one byte: heavier than a made page
    files = Files([*made, File("x.md", str(docs), str(site), True)])
    assert keep_share(files, Share(1, 2))[1] == ["x/"]


def test_a_merge_makes_deep_folders_compares_whole_files_and_moves_across_file_systems(tmp_path: Path, monkeypatch):
    import os

    from build_scripts.site import shards as module

    first = rendered_share(tmp_path, Share(1, 2), ["", "a/", "docs/deep/"])
    (first / "a" / "a.pdf").write_text("%PDF", encoding="utf-8")
    manifest = ShardManifest.read(first)
    manifest.files.append("a/a.pdf")
    manifest.page_order.append("d/")  # a page without search entries
    manifest.write(first)
    second = rendered_share(tmp_path, Share(2, 2), ["b/", "c/"])
    target = tmp_path / "site"

    replace, copy = os.replace, module.shutil.copy2

    def across_file_systems(real):
        def place(source, destination):
            if Path(source).is_relative_to(first):  # the shard's files, on another disk
                raise OSError("Invalid cross-device link")
            return real(source, destination)

        return place

    monkeypatch.setattr(module.os, "replace", across_file_systems(replace))
    merge_shards([first, second], target, move=True)
    assert (target / "docs" / "deep" / "index.html").read_text() == "<h1>docs/deep/</h1>"
    assert (target / "a" / "a.pdf").read_text() == "%PDF" and (target / "a" / "index.html").exists()
    monkeypatch.setattr(module.shutil, "copy2", across_file_systems(copy))
    with pytest.raises(OSError, match="cross-device"):
        merge_shards([first, second], tmp_path / "copied")  # copying: no other way
    monkeypatch.undo()
    # A common file of the same size and time but other bytes: the shards disagree.
    second = rendered_share(tmp_path / "again", Share(2, 2), ["b/", "c/"])  # the first merge used it up
    (second / "404.html").write_text("<h1>Not Found</h1>", encoding="utf-8")
    stamp = os.stat(first / "404.html")
    os.utime(second / "404.html", ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    with pytest.raises(ShardError, match=r"shard2/404\.html: differs from"):
        merge_shards([first, second], tmp_path / "disagree")


def test_a_merge_of_shards_with_pages_as_files_keeps_that_form(tmp_path: Path):
    folders = []
    for share, own in ((Share(1, 2), ["a/"]), (Share(2, 2), ["b/"])):
        folder = tmp_path / f"shard{share.index}"
        (folder / own[0]).mkdir(parents=True)
        (folder / own[0] / "index.html").write_text("<h1/>", encoding="utf-8")
        held = {
            f"{page}index.html": [{**e, "location": f"{page}index.html#op1"} for e in PARAGRAPHS[page]]
            for page in PARAGRAPHS
        }
        write_share(
            folder,
            share,
            INPUTS,
            ["a/index.html", "b/index.html"],
            [f"{own[0]}index.html"],
            [f"{own[0]}index.html"],
            ParagraphEntries(held=held, directory_urls=False),
            False,
            False,
            "lunr",
        )
        manifest = ShardManifest.read(folder)
        manifest.search_entries = {
            f"{own[0]}index.html": [{"location": f"{own[0]}index.html", "title": "T", "text": "All"}]
        }
        manifest.write(folder)
        folders.append(folder)
    result = merge_shards(folders, tmp_path / "site")
    docs = list(result.index["docs"])
    assert docs[0] == {"location": "a/index.html", "title": "T", "text": ""}  # a document's page: its title only
    assert sorted(d["location"] for d in docs) == [
        "a/index.html",
        "a/index.html#op1",
        "b/index.html",
        "b/index.html#op1",
    ]
