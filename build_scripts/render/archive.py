"""The bulk download: one ZIP of every JSON, Akoma Ntoso, PDF and citation file of the
edition, with a SHA-256 manifest, reproducible byte for byte (files in name order, a fixed
timestamp and mode, deflate at a fixed level): the same files give the same archive."""

from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path

ARCHIVE = "data/edition-data.zip"
MANIFEST = "SHA256SUMS"
# What goes in: the machine-readable editions and the PDFs (not the web pages).
SUFFIXES = (".json", ".xml", ".pdf", ".csl.json", ".bib", ".ris", ".atom")
EPOCH = (1980, 1, 1, 0, 0, 0)  # the earliest time ZIP can hold: no build clock in the bytes


def archive_members(docs_dir: Path) -> list[Path]:
    members = [
        p
        for folder in ("resolutions", "documents", "data", "feeds")
        if (docs_dir / folder).is_dir()
        for p in (docs_dir / folder).rglob("*")
        if p.is_file() and p.name.endswith(SUFFIXES) and p.relative_to(docs_dir).as_posix() != ARCHIVE
    ]
    return sorted(members, key=lambda p: p.relative_to(docs_dir).as_posix())


def make_archive(docs_dir: Path) -> bytes:
    """The archive's bytes, from the files now in docs/."""
    buffer = io.BytesIO()
    manifest = []
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in archive_members(docs_dir):
            name = path.relative_to(docs_dir).as_posix()
            data = path.read_bytes()
            manifest.append(f"{hashlib.sha256(data).hexdigest()}  {name}\n")
            _add(archive, name, data)
        _add(archive, MANIFEST, "".join(manifest).encode("utf-8"))
    return buffer.getvalue()


def _add(archive: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(name, date_time=EPOCH)
    info.compress_type = zipfile.ZIP_DEFLATED  # the PDFs too: deflated, they shrink by about 40 %
    info.external_attr = 0o644 << 16
    info.create_system = 3  # Unix, whatever system builds it
    archive.writestr(info, data, compresslevel=6)


def write_archive(docs_dir: Path) -> tuple[bool, int]:
    """Write the archive if its bytes changed; (written, size in bytes)."""
    data = make_archive(docs_dir)
    target = docs_dir / ARCHIVE
    if target.is_file() and target.read_bytes() == data:
        return False, len(data)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    return True, len(data)
