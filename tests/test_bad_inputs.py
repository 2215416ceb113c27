"""A corpus of bad inputs (tests/bad_inputs/): each fails with a clear message, or, for
text that is merely unusual, is published literally."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, check, tracked_docs, working_texts

from build_scripts.annotate.glossary import Glossary
from build_scripts.model import Collection
from build_scripts.parse.resolution import parse_resolution
from build_scripts.parse.sources import load_source
from build_scripts.render.pages import render_pages
from build_scripts.site.pipeline import annotate

BAD = Path(__file__).parent / "bad_inputs"


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("empty.txt", "empty.txt: the file is empty; expected the text of a document"),
        ("binary.txt", "binary.txt: this is a binary file (a PNG image), not a text file"),
        ("latin-1.txt", "latin-1.txt:10: the file is not UTF-8 (it looks like Windows-1252 or Latin-1)"),
        (
            "no-formula.txt",
            "no-formula.txt:12: expected the line 'The General Assembly,' before the preamble; found 'Reaffirming its",
        ),
        ("skipped-number.txt", "skipped-number.txt:34: operative paragraph 4 is out of order: expected paragraph 3"),
        ("repeated-number.txt", "repeated-number.txt:34: operative paragraph 2 is repeated: expected paragraph 3"),
        ("marker-without-text.txt", "marker-without-text.txt:28: footnote marker 2 has no footnote text"),
        ("footnote-never-called.txt", "footnote-never-called.txt:20: footnote 1 is never called in the text"),
        ("subparagraph-outside.txt", "subparagraph-outside.txt:12: subparagraph (a) outside any operative paragraph"),
        ("sidecar-unknown-key.txt", "sidecar-unknown-key.yml:3: unknown key 'colour'"),
        ("utf-16.txt", "utf-16.txt: the file is UTF-16 (Windows 'Unicode'); save it as UTF-8"),
    ],
)
def test_bad_input_fails_with_file_line_and_expectation(name: str, message: str):
    result = check(BAD / name)
    assert result.returncode == 1
    assert message in result.stderr, result.stderr


def test_two_texts_with_the_same_symbol_are_rejected(tmp_path: Path):
    from build_scripts.errors import SourceErrors
    from build_scripts.site.pipeline import load_edition

    for name in ("a-res-77-241.txt", "copy-of-77-241.txt"):
        (tmp_path / name).write_bytes((ROOT / "source_texts" / "a-res-77-241.txt").read_bytes())
    with pytest.raises(SourceErrors, match="A/RES/77/241 is already published from"):
        load_edition(sorted(tmp_path.glob("*.txt")), root=None)


def test_raw_html_and_markdown_characters_appear_literally():
    resolution = parse_resolution(load_source(BAD / "html-and-markdown.txt"))
    resolution.slug = "a-res-77-241"
    edition = annotate(Collection([resolution], []), Glossary([]), [], [], [])
    page = render_pages(edition)["resolutions/a-res-77-241/index.md"]
    body = page.split("---", 2)[2]
    html = markdown.markdown(body, extensions=["attr_list", "md_in_html", "def_list", "tables", "footnotes"])
    soup = BeautifulSoup(html, "lxml")
    assert soup.find("script") is None
    text = " ".join(soup.select_one("#pp3").get_text(" ").split())
    literal = 'Recalling <script>alert("x")</script> all relevant* _United_ [Nations] | resolutions #1'
    literal += " & {braces} `code`"
    assert literal in text


def test_markdown_characters_at_the_start_of_a_line_appear_literally():
    from build_scripts.parse.document import parse_document

    document = parse_document(load_source(BAD / "markdown-at-line-start.txt"))
    edition = annotate(Collection([], [document]), Glossary([]), [], [], [])
    page = render_pages(edition)[f"{document.url_path}index.md"]
    body = page.split("---", 2)[2]
    html = markdown.markdown(body, extensions=["attr_list", "md_in_html", "def_list", "tables", "footnotes"])
    soup = BeautifulSoup(html, "lxml")
    lines = (BAD / "markdown-at-line-start.txt").read_text(encoding="utf-8").strip().split("\n\n")
    # Each block is a paragraph, or a line that is none (no sentence end): in order either way.
    paragraphs = soup.select("p.para, p.doc-line")
    for line, paragraph in zip(lines, paragraphs, strict=True):
        assert paragraph is not None and paragraph.name == "p", line
        assert paragraph.find(["table", "ul", "ol", "blockquote", "b", "script"]) is None, line
        assert " ".join(line.split()) in " ".join(paragraph.get_text(" ").split())
    assert soup.find(["h2", "h3"]) is None  # "#PoliceCooperationDay" is no heading


def test_check_lists_a_suspicious_texts_warnings_and_passes_it(tmp_path: Path):
    """Legal but suspicious: `check` passes the text and lists each warning on a line of
    its own, after its counts and repairs."""
    text = tmp_path / "a-res-77-241.txt"
    text.write_bytes((BAD / "warning-no-action-phrase.txt").read_bytes())
    checked = check(text)
    assert checked.returncode == 0 and checked.stderr == ""
    warnings = [line for line in checked.stdout.splitlines() if line.startswith("  warning:")]
    said = "operative paragraph 4 has no action phrase (expected a verb such as *Requests* or *Calls upon*)"
    assert warnings == [f"  warning:      {text}:36: {said}"], checked.stdout


@pytest.mark.slow  # a build
def test_suspicious_input_is_a_warning_and_strict_builds_fail(tmp_path: Path):
    import os
    import shutil

    texts = tmp_path / "texts"
    texts.mkdir()
    shutil.copy(BAD / "warning-no-action-phrase.txt", texts / "a-res-77-241.txt")
    site = tmp_path / "site"
    docs = tracked_docs(tmp_path / "checkout")
    env = {**os.environ, "SOURCE_TEXTS_DIR": str(texts), "NO_MKDOCS_2_WARNING": "1"}
    strict = subprocess.run(
        [sys.executable, "-m", "build_scripts", "build", "--site-dir", str(site), "--docs-dir", str(docs)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert strict.returncode == 1
    assert "warning: " in strict.stderr and "operative paragraph 4 has no action phrase" in strict.stderr
    assert not site.exists()


def test_a_paragraph_much_longer_than_usual_is_a_warning():
    from build_scripts.parse.resolution import LONG_PARAGRAPH_WORDS
    from build_scripts.parse.sources import Sidecar, SourceText

    text = (ROOT / "source_texts" / "a-res-77-241.txt").read_text(encoding="utf-8")
    long_words = " ".join(["word"] * (LONG_PARAGRAPH_WORDS + 1))
    text = text.replace("Recalling all relevant", f"Recalling {long_words} all relevant")
    r = parse_resolution(SourceText("source_texts/x.txt", "x", text, Sidecar()))
    assert any("preambular paragraph 3 has" in w and "joined" in w for w in r.warnings)


def test_a_text_of_several_megabytes_is_refused_with_its_size(tmp_path: Path):
    text = (ROOT / "source_texts" / "a-res-77-237.txt").read_text(encoding="utf-8")
    huge = tmp_path / "a-whole-volume.txt"
    huge.write_text(text * (6_000_000 // len(text.encode()) + 1), encoding="utf-8")
    size = f"{huge.stat().st_size / 1e6:.1f}"
    result = check(huge)
    assert result.returncode == 1
    assert f"a-whole-volume.txt: the file is {size} MB; expected one document, at most 2 MB" in result.stderr


@pytest.mark.small_builds  # in this process: the mutation runs see the CLI's
@pytest.mark.slow  # two builds
def test_a_malformed_cited_symbol_is_a_warning_listed_at_the_end(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):
    import shutil

    from build_scripts.__main__ import main

    texts = working_texts(tmp_path / "texts")
    shutil.copy(BAD / "warning-malformed-symbol.txt", texts / "a-res-77-241.txt")
    docs = tracked_docs(tmp_path / "checkout")
    for name, value in {"SOURCE_TEXTS_DIR": str(texts), "BUILD_JOBS": "1", "NO_MKDOCS_2_WARNING": "1"}.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("SITE_URL", raising=False)

    def build(site: Path, *options: str) -> tuple[int, str, str]:
        capsys.readouterr()
        status = main(["build", "--docs-dir", str(docs), "--site-dir", str(site), *options])
        out, err = capsys.readouterr()
        return status, out, err

    message = "a-res-77-241.txt:16: the cited symbol '7O/20' looks malformed (expected <session>/<number>"
    status, out, err = build(tmp_path / "strict")  # strict by default
    assert status == 1 and not (tmp_path / "strict").exists()
    heading, warning, error = err.splitlines()
    assert heading == "1 warning(s):" and warning.startswith("  warning: ") and message in warning
    assert error == (
        "error: 1 warning(s); the site was not built (strict by default: fix the text, or build with --no-strict)"
    )
    status, out, err = build(tmp_path / "lenient", "--no-strict")
    assert status == 0, err
    assert (tmp_path / "lenient" / "resolutions" / "a-res-77-241" / "index.html").exists()
    assert out.splitlines()[-1].startswith("rendered ")
    # Listed after everything else the build printed.
    heading, last = err.rstrip().splitlines()[-2:]
    assert heading == "1 warning(s):"
    assert last.startswith("  warning: ") and message in last


@pytest.mark.parametrize("command", ["generate", "finish"])
@pytest.mark.parametrize("folder", ["empty", "missing"])
def test_a_folder_of_texts_with_no_text_is_an_error_naming_it_and_nothing_is_written(
    tmp_path: Path, folder: str, command: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):
    """A mistyped SOURCE_TEXTS_DIR (no such folder, or one with editorial files but no text)
    is an error naming the folder, not an empty edition; no page is written (nor a site
    another renderer built finished)."""
    from build_scripts.__main__ import main

    texts = tmp_path / folder
    if folder == "empty":
        texts.mkdir()
        (texts / "glossary.yml").write_bytes((ROOT / "source_texts" / "glossary.yml").read_bytes())
    monkeypatch.setenv("SOURCE_TEXTS_DIR", str(texts))
    monkeypatch.setenv("BUILD_CACHE_DIR", str(tmp_path / "cache"))
    options = ["--docs-dir"] if command == "generate" else []
    assert main([command, *options, str(tmp_path / "docs")]) == 1
    problem = "no text (*.txt) in this folder" if folder == "empty" else "no such folder"
    err = capsys.readouterr().err
    assert f"{texts}: {problem}: nothing to publish (SOURCE_TEXTS_DIR names the texts)" in err, err
    assert not (tmp_path / "docs").exists()
