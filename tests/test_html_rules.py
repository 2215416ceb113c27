"""What the edition adds to the renderer's HTML (``site/html.py``): footnote calls a screen
reader can say, on every page of a site built by any renderer."""

from __future__ import annotations

from pathlib import Path

from build_scripts.site.html import finish_pages, label_footnote_calls


def test_a_footnote_call_is_named_as_a_footnote():
    html = '<p>Text<sup id="fnref:3"><a class="footnote-ref" href="#fn:3">3</a></sup> and <a href="#fn:4">4</a></p>'
    assert label_footnote_calls(html) == (
        '<p>Text<sup id="fnref:3"><a class="footnote-ref" href="#fn:3" aria-label="Footnote 3">3</a></sup>'
        ' and <a href="#fn:4">4</a></p>'
    )


def test_every_page_of_a_site_is_finished_and_those_changed_counted(tmp_path: Path):
    call = '<a class="footnote-ref" href="#fn:1">1</a>'
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text(f"<p>é{call}</p>", encoding="utf-8")
    (tmp_path / "b.html").write_text("<p>no call</p>", encoding="utf-8")
    (tmp_path / "d.html").write_text(f"<p>{call}</p>", encoding="utf-8")
    (tmp_path / "c.txt").write_text(call, encoding="utf-8")
    assert finish_pages(tmp_path) == 2
    assert (tmp_path / "a" / "index.html").read_text(encoding="utf-8") == f"<p>é{label_footnote_calls(call)}</p>"
    assert (tmp_path / "c.txt").read_text(encoding="utf-8") == call
    assert finish_pages(tmp_path) == 0  # finished once: nothing left to change
