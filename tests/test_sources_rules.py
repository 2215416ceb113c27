"""What reading a source text refuses, each refusal in the words an editor reads (the file as
shown, the line where it can be told), and what a sidecar gives: ``parse/sources.py``, in the
fast loop."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from build_scripts.errors import SourceError
from build_scripts.parse import sources
from build_scripts.parse.sources import load_sidecar, load_source


def refusal(tmp_path: Path, data: bytes) -> str:
    folder = tmp_path / "source_texts"
    folder.mkdir(exist_ok=True)
    (folder / "a-res-77-20.txt").write_bytes(data)
    with pytest.raises(SourceError) as raised:
        load_source(folder / "a-res-77-20.txt", tmp_path)
    return str(raised.value)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b" \n\t\n", "the file is empty; expected the text of a document"),
        (b"\xff\xfeG\x00A\x00", "the file is UTF-16 (Windows 'Unicode'); save it as UTF-8"),
        (b"\xfe\xff\x00G\x00A", "the file is UTF-16 (Windows 'Unicode'); save it as UTF-8"),
        (
            b"%PDF-1.7\n",
            "this is a binary file (a PDF document: extract its text first), not a text file; expected UTF-8 text",
        ),
        (
            b"PK\x03\x04rest",
            "this is a binary file (a ZIP archive or a Word document), not a text file; expected UTF-8 text",
        ),
        (b"\x89PNG\r\n", "this is a binary file (a PNG image), not a text file; expected UTF-8 text"),
        (b"\xff\xd8\xff\xe0", "this is a binary file (a JPEG image), not a text file; expected UTF-8 text"),
        (b"GIF89a", "this is a binary file (a GIF image), not a text file; expected UTF-8 text"),
        (
            b"\xd0\xcf\x11\xe0",
            "this is a binary file (an old Word or Excel document), not a text file; expected UTF-8 text",
        ),
        (b"text\x00more", "this is a binary file (binary data), not a text file; expected UTF-8 text"),
    ],
)
def test_what_is_no_text_is_refused_naming_the_file_as_shown(tmp_path: Path, data: bytes, message: str):
    assert refusal(tmp_path, data) == f"source_texts/a-res-77-20.txt: {message}"


def test_a_nul_byte_is_looked_for_in_the_first_4096_bytes_only(tmp_path: Path):
    assert "binary data" in refusal(tmp_path, b"a" * 4095 + b"\x00")
    (tmp_path / "late.txt").write_bytes(b"a" * 4096 + b"\x00")
    assert load_source(tmp_path / "late.txt").text == "a" * 4096 + "\x00"


def test_text_that_is_not_utf8_is_refused_at_its_first_bad_line_with_a_guess(tmp_path: Path):
    assert refusal(tmp_path, b"one\ntwo\ncaf\xe9\n") == (
        "source_texts/a-res-77-20.txt:3: the file is not UTF-8 (it looks like Windows-1252 or Latin-1);"
        " save it as UTF-8"
    )
    # 0x81 is no character in Windows-1252 either.
    assert refusal(tmp_path, b"caf\x81\n") == (
        "source_texts/a-res-77-20.txt:1: the file is not UTF-8 (it looks like an unknown encoding); save it as UTF-8"
    )


def test_a_file_over_the_limit_is_refused_and_one_at_it_is_read(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(sources, "MAX_TEXT_BYTES", 2_000)
    (tmp_path / "at.txt").write_bytes(b"x" * 2_000)
    assert len(load_source(tmp_path / "at.txt").text) == 2_000
    assert refusal(tmp_path, b"x" * 2_500) == (
        "source_texts/a-res-77-20.txt: the file is 0.0 MB; expected one document, at most 0 MB"
        " (is it several texts, or a whole volume, in one file?)"
    )


def test_the_limit_is_stated_in_megabytes(tmp_path: Path):
    assert refusal(tmp_path, b"x" * 2_600_000) == (
        "source_texts/a-res-77-20.txt: the file is 2.6 MB; expected one document, at most 2 MB"
        " (is it several texts, or a whole volume, in one file?)"
    )


def test_a_sidecars_quoted_dates_are_dates_and_its_errors_name_it_as_shown(tmp_path: Path):
    folder = tmp_path / "source_texts"
    folder.mkdir()
    (folder / "page.yml").write_text(
        "kind: web page\ntitle: A page\ndate: '2022-11-21'\nretrieved: '2023-01-02'\nadoption_date: '2022-12-05'\n",
        encoding="utf-8",
    )
    sidecar = load_sidecar(folder / "page.yml", "source_texts/page.yml")
    assert (sidecar.date, sidecar.retrieved, sidecar.adoption_date) == (
        dt.date(2022, 11, 21),
        dt.date(2023, 1, 2),
        dt.date(2022, 12, 5),
    )
    (folder / "page.txt").write_text("Words.\n", encoding="utf-8")
    (folder / "page.yml").write_text("kind: web page\ntitle: A page\nnonsense: 1\n", encoding="utf-8")
    with pytest.raises(SourceError) as raised:
        load_source(folder / "page.txt", tmp_path)
    assert str(raised.value).startswith("source_texts/page.yml:3: ")
    assert load_sidecar(folder / "absent.yml", "source_texts/absent.yml") == sources.Sidecar()
