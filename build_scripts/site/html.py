"""What the edition adds to the HTML that the renderer writes, in one place: the MkDocs
hook applies it page by page, ``python -m build_scripts finish`` to a site built by any
renderer (Zensical runs no hooks)."""

from __future__ import annotations

import re
from pathlib import Path

FOOTNOTE_CALL = re.compile(r'<a class="footnote-ref" href="#fn:([^"]+)">')


def label_footnote_calls(html: str) -> str:
    """Give each footnote call a name a screen reader can say ("Footnote 3", not "3")."""
    return FOOTNOTE_CALL.sub(r'<a class="footnote-ref" href="#fn:\1" aria-label="Footnote \1">', html)


def finish_pages(site_dir: Path) -> int:
    """Apply ``label_footnote_calls`` to every page of a built site; return how many changed."""
    changed = 0
    for path in sorted(site_dir.rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        labelled = label_footnote_calls(html)
        if labelled != html:
            path.write_text(labelled, encoding="utf-8")
            changed += 1
    return changed
