"""The golden anchors: every anchor of every page with ids, and the first words of what it
points to. `tests/test_site.py` compares a fresh build with `tests/golden/anchors.json`; the
file itself is written only by this command, run by hand after a deliberate change:

    make site && .venv/bin/python tests/golden.py site

then review `git diff tests/golden/anchors.json` (an anchor that disappears or points to
another paragraph breaks links that readers have already shared).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from bs4 import BeautifulSoup

GOLDEN = Path(__file__).parent / "golden" / "anchors.json"
APPENDICES = ["glossary-appendix", "references-panel", "cited-by-panel"]


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text.replace("\u00a0", " "))


def without_controls(element) -> str:
    """The text of an element without what the edition adds (¶, Cite, footnote call numbers)."""
    for extra in element.select(
        ".para-link, .cite-copy, sup[id^=fnref], .footnote-backref, .headerlink, .annotations, .pp-num"
    ):
        extra.decompose()
    return element.get_text(" ")


def _page(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "lxml")


def _start(element) -> str:
    return " ".join(words(without_controls(element))[:10])


def anchors_of(site: Path) -> dict[str, dict[str, str]]:
    """{page: {anchor: first ten words}} for every resolution and related document of a site."""
    current: dict[str, dict[str, str]] = {}
    for folder in sorted((site / "resolutions").glob("[as]-res-*/index.html")):
        slug = folder.parent.name
        soup = _page(site, f"resolutions/{slug}")
        anchors: dict[str, str] = {}
        for el in soup.select(
            "article p.para[id], article .formula[id], article div.footnote li[id], article h2.annex-label, "
            "article h3[id^=annex]"
        ):
            anchors[el["id"]] = _start(el)
        for alias in soup.select("article span.para-num[id]"):
            anchors[alias["id"]] = alias.find_parent(class_="para")["id"]
        current[slug] = anchors
    # Related documents: their paragraphs (p1, p2, ...) and headings have addresses too.
    for folder in sorted((site / "documents").glob("*/index.html")):
        slug = folder.parent.name
        soup = _page(site, f"documents/{slug}")
        current[f"documents/{slug}"] = {
            el["id"]: _start(el)
            for el in soup.select("article .para[id], article h2[id], article h3[id]")
            if el.find_parent(class_=APPENDICES) is None
        }
    return current


def main(argv: list[str]) -> int:
    if len(argv) != 1 or not (Path(argv[0]) / "resolutions").is_dir():
        print("usage: python tests/golden.py SITE_DIR  (a built site, e.g. site/ after `make site`)")
        return 2
    anchors = anchors_of(Path(argv[0]))
    GOLDEN.write_text(json.dumps(anchors, indent=1, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {GOLDEN}: {sum(map(len, anchors.values()))} anchors of {len(anchors)} pages; review the diff")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
