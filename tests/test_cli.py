"""The editors' CLI: `python -m build_scripts check FILE...`."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT, check, tracked_docs, working_texts


def test_check_reports_what_it_found():
    result = check("source_texts/a-res-77-20.txt", "source_texts/interpol-statement-uncops-2022.txt")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "A/RES/77/20" in out
    assert "Cooperation between the United Nations and the International Criminal Police" in out
    assert "2022-11-21" in out
    for line in ["preambular:   25", "operative:    20", "subparagraphs:  5", "footnotes:    8"]:
        assert line in out
    assert "statement" in out and "paragraphs:   22" in out


def test_check_lists_each_texts_annexes_repairs_and_what_the_extraction_left_out():
    result = check("source_texts/a-res-76-181.txt", "source_texts/a-res-75-10.txt")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert (
        "  annex:       Kyoto Declaration on Advancing Crime Prevention, C… "
        "(97 numbered paragraphs, 8 others, 27 headings)" in lines
    )
    assert "  repairs:      22 (extraction damage: words cut in two, stray spaces)" in lines
    assert any(line.endswith("a-res-75-10.txt:62: 'the do mestic laws' -> 'the domestic laws'") for line in lines)
    assert (
        "  artefacts:    1 barcode, 7 footnote labels, 4 footnote separators, 6 job numbers, 5 page numbers, "
        "1 print date, 15 running header lines" in lines
    )
    assert lines[0].endswith("a-res-76-181.txt: A/RES/76/181, resolution")


def test_check_fails_with_file_line_and_expectation(tmp_path: Path):
    good = (ROOT / "source_texts" / "a-res-77-241.txt").read_text(encoding="utf-8")
    bad = tmp_path / "a-res-77-241.txt"
    bad.write_text(good.replace("\n3. *Invites*", "\n4. *Invites*"), encoding="utf-8")
    line = good.split("\n").index(next(x for x in good.split("\n") if x.startswith("3. *Invites*"))) + 1
    result = check(bad)
    assert result.returncode == 1
    assert f"a-res-77-241.txt:{line}: operative paragraph 4 is out of order: expected paragraph 3" in (result.stderr)


def test_check_rejects_empty_and_non_utf8_files(tmp_path: Path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    latin = tmp_path / "latin.txt"
    latin.write_bytes("The General Assembly,\n\nNoting the caf\xe9,\n".encode("latin-1"))
    missing = tmp_path / "missing.txt"
    result = check(empty, latin, missing)
    assert result.returncode == 1
    assert "empty.txt: the file is empty" in result.stderr
    assert "latin.txt:3: the file is not UTF-8 (it looks like Windows-1252 or Latin-1)" in result.stderr
    assert f"error: {missing}: no such file" in result.stderr.splitlines()
    assert result.stderr.rstrip().endswith("3 of 3 file(s) have errors")


def test_sidecar_with_unknown_key_or_wrong_type(tmp_path: Path):
    text = tmp_path / "page.txt"
    text.write_text("Some text.\n")
    (tmp_path / "page.yml").write_text("kind: web page\ntitle: A page\nauthor: someone\n")
    result = check(text)
    assert result.returncode == 1
    assert "page.yml:3: unknown key 'author'" in result.stderr
    (tmp_path / "page.yml").write_text("kind: web page\ntitle: A page\nretrieved: yesterday\n")
    result = check(text)
    assert "page.yml:3: 'retrieved' must be a date (YYYY-MM-DD)" in result.stderr


def test_a_failed_build_names_the_error_and_leaves_the_last_site_untouched(tmp_path: Path):
    sources = tmp_path / "texts"
    sources.mkdir()
    good = (ROOT / "source_texts" / "a-res-77-20.txt").read_text(encoding="utf-8")
    (sources / "a-res-77-20.txt").write_text(good.replace("INTERPOL¹ and", "INTERPOL⁹ and"), encoding="utf-8")
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("the last good site")
    result = subprocess.run(
        [sys.executable, "-m", "build_scripts", "build", "--site-dir", str(site)],
        cwd=ROOT,
        env={**os.environ, "SOURCE_TEXTS_DIR": str(sources)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "a-res-77-20.txt:" in result.stderr
    assert "footnote marker 9 has no footnote text" in result.stderr
    assert (site / "index.html").read_text() == "the last good site"
    assert sorted(p.name for p in site.iterdir()) == ["index.html"]


@pytest.mark.small_builds  # in this process: the mutation runs see the CLI's
@pytest.mark.slow  # a build
def test_paper_us_letter_reaches_the_sites_pdfs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):
    """`build --paper us-letter`: every PDF of the site is US Letter (612 x 792 pt), the
    paper travelling in the build's settings to the PDF stage (not re-read by a hook)."""
    from pypdf import PdfReader

    from build_scripts.__main__ import main

    docs = tracked_docs(tmp_path / "checkout")
    texts = working_texts(tmp_path / "texts")
    site = tmp_path / "site"
    monkeypatch.setenv("BUILD_CACHE_DIR", str(tmp_path / "cache"))  # its own: the PDFs are set anew
    monkeypatch.setenv("SOURCE_TEXTS_DIR", str(texts))
    monkeypatch.setenv("BUILD_JOBS", "1")  # in this process
    monkeypatch.delenv("SITE_URL", raising=False)
    status = main(["build", "--paper", "us-letter", "--docs-dir", str(docs), "--site-dir", str(site)])
    assert status == 0, capsys.readouterr()
    pdfs = sorted(site.rglob("*.pdf"))
    assert len(pdfs) == len(list(texts.glob("*.txt")))
    for pdf in pdfs:
        box = PdfReader(pdf).pages[0].mediabox
        assert (round(float(box.width)), round(float(box.height))) == (612, 792), pdf.name


def test_the_cli_asks_for_a_command_and_explains_the_shards(capsys: pytest.CaptureFixture[str]):
    from build_scripts.__main__ import main

    with pytest.raises(SystemExit) as stopped:
        main([])
    assert stopped.value.code == 2
    assert "the following arguments are required: command" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["build", "--help"])
    shown = " ".join(capsys.readouterr().out.split())
    assert "build only the K-th of N shares of the site into --site-dir, for `merge` (e.g. 2/8)" in shown


def test_the_cli_names_its_options():
    result = subprocess.run(
        [sys.executable, "-m", "build_scripts", "build", "--help"], cwd=ROOT, capture_output=True, text=True
    )
    for option in ["--paper {a4,us-letter}", "--search-engine {auto,lunr,pagefind}", "--site-dir", "--docs-dir"]:
        assert option in result.stdout


def on_a_terminal(command: list[str], env: dict[str, str]) -> tuple[str, str]:
    """What a command run with its stderr on a terminal shows there, and its stdout."""
    import pty

    master, slave = pty.openpty()
    build = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=slave)
    os.close(slave)
    terminal = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the terminal closed: the command ended
            break
        if not chunk:
            break
        terminal += chunk
    os.close(master)
    summary = build.stdout.read().decode() if build.stdout else ""
    shown = terminal.decode(errors="replace")
    assert build.wait() == 0, shown
    return shown, summary


def test_a_build_on_a_terminal_shows_its_stages_and_in_a_log_only_its_summary(tmp_path: Path):
    """On a terminal, stderr shows a progress line per stage (rich); with output to a pipe or
    a file, as in CI and logs, there are only the two summary lines. (One text: the stages
    are those of any collection, and the test stays in the fast loop.)"""
    command = [sys.executable, "-m", "build_scripts", "build", "--site-dir", str(tmp_path / "site")]
    command += ["--docs-dir", str(tracked_docs(tmp_path / "checkout"))]
    # A cache of its own: on a cache another build just filled, a stage may have nothing to do.
    cache = str(tmp_path / "cache")
    texts = str(working_texts(tmp_path / "texts", ("a-res-77-20",)))
    env = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "COLUMNS": "120",
        "BUILD_CACHE_DIR": cache,
        "SOURCE_TEXTS_DIR": texts,
    }
    terminal, summary = on_a_terminal(command, env)
    for stage in ["parsing texts", "writing Markdown", "setting PDFs", "rendering pages"]:
        assert stage in terminal, terminal[-2000:]
    assert [line.split()[0] for line in summary.splitlines()] == ["parsed", "rendered"]
    # Rendered by MkDocs processes of its own, the build shows their progress too.
    terminal, _ = on_a_terminal([*command, "--full", "--shards", "2"], env)
    assert "rendering pages (2 shards)" in terminal, terminal[-2000:]

    again = [*command[:5], str(tmp_path / "site2"), *command[6:]]
    piped = subprocess.run(again, cwd=ROOT, env=env, capture_output=True)
    assert piped.returncode == 0
    assert piped.stderr == b""  # no progress drawn into a log
    assert [line.split()[0] for line in piped.stdout.decode().splitlines()] == ["parsed", "rendered"]


# The report `check` gives of seven real texts (a clean resolution, three extracted from PDFs
# by either extractor with their repairs and artefacts, one with an annex, a Council
# resolution, two documents): tests/golden/check_report.txt, reviewed when written; no test
# writes it.
CHECKED = (
    *("a-res-77-20", "a-res-75-10", "a-res-76-181", "a-res-78-292", "s-res-2322-2016"),
    *("interpol-statement-uncops-2022", "interpol-international-day-of-police-cooperation"),
)


def test_check_reports_each_texts_findings_line_by_line_as_the_reviewed_report(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):
    from build_scripts.__main__ import main

    monkeypatch.chdir(ROOT)
    capsys.readouterr()
    assert main(["check", *(f"source_texts/{slug}.txt" for slug in CHECKED)]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert out == (ROOT / "tests" / "golden" / "check_report.txt").read_text(encoding="utf-8")


def test_check_names_a_documents_source_and_the_day_it_was_read(tmp_path: Path):
    text = tmp_path / "statement.txt"
    text.write_text((ROOT / "source_texts" / "interpol-statement-uncops-2022.txt").read_text(encoding="utf-8"))
    sidecar = (ROOT / "source_texts" / "interpol-statement-uncops-2022.yml").read_text(encoding="utf-8")
    (tmp_path / "statement.yml").write_text(sidecar + "source_url: https://www.interpol.int/s\n", encoding="utf-8")
    assert "  source:       https://www.interpol.int/s" in check(text).stdout.splitlines()
    (tmp_path / "statement.yml").write_text(
        sidecar + "source_url: https://www.interpol.int/s\nretrieved: 2024-05-06\n", encoding="utf-8"
    )
    assert "  source:       https://www.interpol.int/s (read on 2024-05-06)" in check(text).stdout.splitlines()


def test_usage_counts_the_words_of_a_folder_of_texts_into_the_joiners_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):
    from build_scripts import __main__ as cli
    from build_scripts.parse.usage import Usage

    usage_file = tmp_path / "usage.tsv"
    monkeypatch.setattr(cli, "USAGE_FILE", usage_file)  # not the project's own
    session = tmp_path / "session"
    session.mkdir()
    assert cli.main(["usage", str(session)]) == 1
    assert capsys.readouterr().err == f"{session}: no *.txt texts\n" and not usage_file.exists()
    texts = ["Calls upon Member States to cooperate.", "Calls upon States to strengthen cooperation."]
    for n, text in enumerate(texts):
        (session / f"a-res-{n}.txt").write_text(text, encoding="utf-8")
    (session / "notes.md").write_text("Not a text.", encoding="utf-8")
    assert cli.main(["usage", str(session)]) == 0
    usage = Usage.counted(texts)
    assert usage_file.read_text(encoding="utf-8") == usage.dump(
        "counted by `python -m build_scripts usage` from 2 texts of session/"
    )
    assert capsys.readouterr().out == (
        f"{usage_file}: {len(usage.words)} words, {len(usage.pairs)} pairs, from 2 texts\n"
    )


@pytest.fixture
def inside_the_project() -> Iterator[Path]:
    """A new folder inside the project (in its cache folder), as an editor's texts are:
    errors name them from the project's folder."""
    import shutil
    import tempfile

    (ROOT / ".cache" / "tests").mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="inside-", dir=ROOT / ".cache" / "tests"))
    yield folder
    shutil.rmtree(folder)


def test_finish_labels_the_footnote_calls_of_another_renderers_site_and_adds_the_paragraph_entries(
    tmp_path: Path, inside_the_project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):
    import json

    from build_scripts.__main__ import main

    texts = working_texts(
        inside_the_project / "texts", ("a-res-77-20", "interpol-international-day-of-police-cooperation")
    )
    monkeypatch.setenv("SOURCE_TEXTS_DIR", str(texts))
    monkeypatch.setenv("BUILD_CACHE_DIR", str(tmp_path / "cache"))
    site = tmp_path / "site"
    (site / "resolutions" / "a-res-77-20").mkdir(parents=True)
    call = '<a class="footnote-ref" href="#fn:1">1</a>'
    (site / "resolutions" / "a-res-77-20" / "index.html").write_text(f"<p>Text{call}</p>", encoding="utf-8")
    (site / "index.html").write_text("<p>No call</p>", encoding="utf-8")
    (site / "search.json").write_text(json.dumps({"config": {}, "items": []}), encoding="utf-8")
    capsys.readouterr()
    assert main(["finish", str(site)]) == 0
    entries = len(json.loads((site / "search.json").read_text(encoding="utf-8"))["items"])
    assert entries > 30
    assert capsys.readouterr().out == (
        f"{site}: footnote calls labelled on 1 pages; {entries} paragraph entries added to the search index\n"
    )
    assert 'aria-label="Footnote 1"' in (site / "resolutions" / "a-res-77-20" / "index.html").read_text()
    (texts / "a-res-77-20.txt").write_text("", encoding="utf-8")
    assert main(["finish", str(site)]) == 1  # a text with an error: named, and nothing done
    err = capsys.readouterr().err
    named = f"error: {(texts / 'a-res-77-20.txt').relative_to(ROOT)}: the file is empty"
    assert err.startswith(named), err


@pytest.mark.small_builds
@pytest.mark.slow
def test_generate_writes_the_markdown_and_says_what_it_wrote(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):
    from build_scripts.__main__ import main

    texts = working_texts(tmp_path / "texts", ("a-res-77-20", "interpol-international-day-of-police-cooperation"))
    monkeypatch.setenv("SOURCE_TEXTS_DIR", str(texts))
    monkeypatch.setenv("BUILD_CACHE_DIR", str(tmp_path / "cache"))
    docs = tracked_docs(tmp_path / "checkout")
    capsys.readouterr()
    assert main(["generate", "--docs-dir", str(docs)]) == 0
    out = capsys.readouterr().out
    page = docs / "resolutions" / "a-res-77-20"
    assert (page / "index.md").is_file() and (page / "a-res-77-20.pdf").is_file()
    counts = re.fullmatch(r"1 resolutions, 1 other documents: (\d+) pages written, 0 unchanged, 0 removed\n", out)
    assert counts and int(counts[1]) > 20, out
    assert main(["generate", "--docs-dir", str(docs)]) == 0
    assert (
        capsys.readouterr().out
        == f"1 resolutions, 1 other documents: 0 pages written, {counts[1]} unchanged, 0 removed\n"
    )
    (texts / "a-res-77-20.txt").write_text("", encoding="utf-8")
    assert main(["generate", "--docs-dir", str(docs)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "a-res-77-20.txt" in err, err


# The help of the tool and of each command, as reviewed: tests/golden/cli_help.txt (written
# by hand after a deliberate change: what editors and publishers read before the guides).
COMMANDS = ("build", "merge", "generate", "finish", "check", "usage")


def test_the_help_of_the_tool_and_of_each_command_is_the_reviewed_one(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):
    from build_scripts.__main__ import main

    monkeypatch.setenv("COLUMNS", "100")  # argparse wraps at the terminal's width
    told = []
    for argv in ([], *([command] for command in COMMANDS)):
        with pytest.raises(SystemExit) as exited:
            main([*argv, "--help"])
        assert exited.value.code == 0
        out, err = capsys.readouterr()
        assert err == ""
        told.append(f"$ python -m build_scripts {' '.join([*argv, '--help'])}\n{out}")
    assert "\n".join(told) == (ROOT / "tests" / "golden" / "cli_help.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("argv", "env", "status", "said"),
    [
        (["build", "--shards", "0"], {}, 2, "argument --shards: '0': expected a number of processes, 1 or more"),
        (["build", "--shards", "two"], {}, 2, "argument --shards: 'two': expected a number of processes, 1 or more"),
        (["build", "--shard", "3/2"], {}, 1, "error: --shard '3/2': expected k/n with 1 <= k <= n, as in 2/8"),
        (["build"], {"BUILD_JOBS": "0"}, 1, "error: BUILD_JOBS='0': expected a number of processes, 1 or more"),
        (["build", "--paper", "a5"], {}, 2, "argument --paper: invalid choice: 'a5' (choose from 'a4', 'us-letter')"),
    ],
)
def test_a_build_asked_wrongly_says_what_is_wrong_before_it_reads_or_writes_anything(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], argv, env, status, said
):
    from build_scripts.__main__ import main

    for name, value in env.items():
        monkeypatch.setenv(name, value)
    site = tmp_path / "site"
    capsys.readouterr()
    try:
        code = main([*argv, "--site-dir", str(site), "--docs-dir", str(tmp_path / "docs")])
    except SystemExit as exited:  # argparse's refusal
        code = exited.code
    assert code == status
    out, err = capsys.readouterr()
    assert said in err.splitlines()[-1] and out == "" and not any(tmp_path.iterdir())


def test_the_number_of_shards_is_a_whole_number_of_one_or_more():
    from build_scripts.__main__ import _processes

    assert _processes("1") == 1 and _processes("12") == 12


def test_check_repairs_with_the_words_of_every_readable_text_beside_the_checked_one(tmp_path: Path):
    """A text beside the checked one that does not read (an empty file, first in its folder)
    is passed over: the texts after it still lend their words to the repair. A text is
    repaired by the words of its own folder's texts, not another checked text's."""
    folder = tmp_path / "texts"
    folder.mkdir()
    (folder / "a-broken.txt").write_text("", encoding="utf-8")
    damaged = (ROOT / "source_texts" / "a-res-75-10.txt").read_text(encoding="utf-8")
    assert damaged.count("the do mestic laws") == 1
    checked = folder / "b-res-75-10.txt"
    checked.write_text(damaged.replace("the do mestic laws", "the Zorbl axian laws"), encoding="utf-8")
    # The whole word, in a text no damage touched, after the broken one in the folder.
    clean = (ROOT / "source_texts" / "a-res-77-241.txt").read_text(encoding="utf-8")
    (folder / "c-res-77-241.txt").write_text(clean.replace("cooperation", "Zorblaxian", 1), encoding="utf-8")

    # The same damage in another folder, where no text has the word: left as it is.
    other = tmp_path / "other"
    other.mkdir()
    (other / "b-res-75-10.txt").write_bytes(checked.read_bytes())

    result = check(checked, other / "b-res-75-10.txt")
    assert result.returncode == 0, result.stderr
    repairs = [line for line in result.stdout.splitlines() if "Zorbl" in line]
    assert repairs == [f"    {checked}:62: 'the Zorbl axian laws' -> 'the Zorblaxian laws'"], result.stdout


def test_check_names_files_from_the_working_folder_and_says_only_what_a_text_states(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):
    """Run from any folder, `check` names a text (given by its full path too) from there; it
    lists several agenda items apart, says the meeting only of a text that names one, and
    counts the texts with errors."""
    from build_scripts.__main__ import main

    texts = tmp_path / "texts"
    texts.mkdir()
    assembly = (ROOT / "source_texts" / "a-res-77-241.txt").read_text(encoding="utf-8")
    assert assembly.count("Agenda item 109\n") == 1
    (texts / "a-res-77-241.txt").write_text(
        assembly.replace("Agenda item 109\n", "Agenda items 109 and 110\n"), "utf-8"
    )
    # A Council resolution whose text lost its "Adopted ... at its 7831st meeting, on <date>":
    # the date in its sidecar, no meeting.
    council = (ROOT / "source_texts" / "s-res-2322-2016.txt").read_text(encoding="utf-8")
    adopted = "Adopted by the Security Council at its 7831st meeting, on\n12 December 2016\n"
    assert council.count(adopted) == 1
    (texts / "s-res-2322-2016.txt").write_text(council.replace(adopted, ""), "utf-8")
    sidecar = (ROOT / "source_texts" / "s-res-2322-2016.yml").read_text(encoding="utf-8")
    (texts / "s-res-2322-2016.yml").write_text(sidecar + "adoption_date: 2016-12-12\n", "utf-8")
    (texts / "skipped.txt").write_bytes((ROOT / "tests" / "bad_inputs" / "skipped-number.txt").read_bytes())

    monkeypatch.chdir(tmp_path)
    capsys.readouterr()
    names = ["texts/a-res-77-241.txt", str(texts / "s-res-2322-2016.txt"), str(texts / "skipped.txt")]
    assert main(["check", *names]) == 1
    out, err = capsys.readouterr()
    said = err.splitlines()
    assert said[0] == "error: texts/skipped.txt:34: operative paragraph 4 is out of order: expected paragraph 3"
    assert said[1].startswith("    found: '4. *Invites* the United Nations") and said[2:] == [
        "1 of 3 file(s) have errors"
    ]
    lines = out.splitlines()
    assert "  agenda:       109, 110" in lines and "  adopted:      2022-12-16 (55th plenary meeting)" in lines
    assert "  adopted:      2016-12-12" in lines and "  agenda:       -" in lines
