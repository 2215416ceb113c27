"""Stage 0: find the source texts, read them safely, load their optional YAML sidecars.

A source text is ``source_texts/<slug>.txt``; its sidecar, when it needs one, is
``source_texts/<slug>.yml`` and holds only what the text itself cannot give.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from ..editorial import load_editorial
from ..errors import SourceError

# The longest General Assembly resolutions, a convention annexed, are under 1 MB of text.
MAX_TEXT_BYTES = 2_000_000

# What a binary file that was dropped in by mistake usually is.
MAGIC = {
    b"%PDF": "a PDF document: extract its text first",
    b"PK\x03\x04": "a ZIP archive or a Word document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\xd0\xcf\x11\xe0": "an old Word or Excel document",
}


@dataclass
class Sidecar:
    kind: str = "resolution"
    title: str = ""
    publisher: str = ""
    date: dt.date | None = None
    source_url: str = ""
    retrieved: dt.date | None = None
    headings: list[str] = field(default_factory=list)
    summary: str = ""
    adoption_date: dt.date | None = None
    unusual_ending: bool = False
    treaties: list[dict[str, str]] = field(default_factory=list)  # {"annex": "I", "short_title", "unts"}


@dataclass
class SourceText:
    path: str  # as shown in messages: relative to the project root when possible
    slug: str
    text: str  # normalised: no BOM, "\n" line ends
    sidecar: Sidecar


def display_path(path: Path, root: Path | None) -> str:
    if root is not None:
        try:
            return str(path.resolve().relative_to(root.resolve()))
        except ValueError:
            pass
    return str(path)


def read_text(path: Path, shown: str) -> str:
    """Read UTF-8 text; a BOM and Windows line ends are accepted silently."""
    data = path.read_bytes()
    if not data.strip():
        raise SourceError(shown, None, "the file is empty; expected the text of a document")
    if len(data) > MAX_TEXT_BYTES:
        raise SourceError(
            shown,
            None,
            f"the file is {len(data) / 1e6:.1f} MB; expected one document, at most "
            f"{MAX_TEXT_BYTES / 1e6:.0f} MB (is it several texts, or a whole volume, in one file?)",
        )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise SourceError(shown, None, "the file is UTF-16 (Windows 'Unicode'); save it as UTF-8")
    if b"\x00" in data[:4096] or data.startswith(tuple(MAGIC)):
        kind = next((name for magic, name in MAGIC.items() if data.startswith(magic)), "binary data")
        raise SourceError(shown, None, f"this is a binary file ({kind}), not a text file; expected UTF-8 text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        guess = "Windows-1252 or Latin-1" if _looks_single_byte(data) else "an unknown encoding"
        raise SourceError(shown, line, f"the file is not UTF-8 (it looks like {guess}); save it as UTF-8") from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _looks_single_byte(data: bytes) -> bool:
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return False
    return True


def load_sidecar(path: Path, shown: str) -> Sidecar:
    """The sidecar, checked against schemas/sidecar.schema.json (errors at their line)."""
    if not path.exists():
        return Sidecar()
    values = dict(load_editorial(path, shown, "sidecar").data or {})
    for key in ("date", "retrieved", "adoption_date"):
        if isinstance(values.get(key), str):  # a quoted date: the schema checked its form
            values[key] = dt.date.fromisoformat(values[key])
    return Sidecar(**values)


def load_source(path: Path, root: Path | None = None) -> SourceText:
    shown = display_path(path, root)
    sidecar_path = path.with_suffix(".yml")
    sidecar = load_sidecar(sidecar_path, display_path(sidecar_path, root))
    return SourceText(path=shown, slug=path.stem, text=read_text(path, shown), sidecar=sidecar)


def discover(source_dir: Path) -> list[Path]:
    """Every source text, in a stable order."""
    return sorted(source_dir.glob("*.txt"))


def texts_to_publish(source_dir: Path) -> list[Path]:
    """The texts of the folder an edition is made of (``discover``). None is an error, not
    an empty site: a mistyped SOURCE_TEXTS_DIR would otherwise publish nothing, silently."""
    texts = discover(source_dir)
    if not texts:
        problem = "no text (*.txt) in this folder" if source_dir.is_dir() else "no such folder"
        raise SourceError(str(source_dir), None, f"{problem}: nothing to publish (SOURCE_TEXTS_DIR names the texts)")
    return texts
