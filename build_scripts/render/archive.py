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
# Deflate's level 3: half the time of level 6 for 6 % more bytes (on 1,000 texts, 4.4 s
# against 8.8 s; 125 MB against 118). Named in the archive's comment: an archive made another
# way is made again.
LEVEL = 3
FORMAT = f"edition data archive, deflate level {LEVEL}".encode()


def archive_members(docs_dir: Path) -> list[Path]:
    members = [
        p
        for folder in ("resolutions", "documents", "data", "feeds")
        if (docs_dir / folder).is_dir()
        for p in (docs_dir / folder).rglob("*")
        if p.is_file() and p.name.endswith(SUFFIXES) and p.relative_to(docs_dir).as_posix() != ARCHIVE
    ]
    return sorted(members, key=lambda p: p.relative_to(docs_dir).as_posix())


def manifest_of(docs_dir: Path) -> bytes:
    """The archive's manifest: every member's SHA-256 and name, in name order."""
    lines = []
    for path in archive_members(docs_dir):
        name = path.relative_to(docs_dir).as_posix()
        lines.append(f"{hashlib.sha256(path.read_bytes()).hexdigest()}  {name}\n")
    return "".join(lines).encode("utf-8")


def make_archive(docs_dir: Path, manifest: bytes | None = None) -> bytes:
    """The archive's bytes, from the files now in docs/ (``manifest``: theirs, if known)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in archive_members(docs_dir):
            _add(archive, path.relative_to(docs_dir).as_posix(), path.read_bytes())
        _add(archive, MANIFEST, manifest if manifest is not None else manifest_of(docs_dir))
        archive.comment = FORMAT
    return buffer.getvalue()


def _made_from(archive: Path) -> bytes | None:
    """The manifest of an archive made as this module makes them, or None."""
    try:
        with zipfile.ZipFile(archive) as existing:
            return existing.read(MANIFEST) if existing.comment == FORMAT else None
    except (OSError, KeyError, zipfile.BadZipFile):
        return None


def _add(archive: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(name, date_time=EPOCH)
    info.compress_type = zipfile.ZIP_DEFLATED  # the PDFs too: deflated, they shrink by about 40 %
    info.external_attr = 0o644 << 16
    info.create_system = 3  # Unix, whatever system builds it
    archive.writestr(info, data, compresslevel=LEVEL)


def write_archive(docs_dir: Path) -> tuple[bool, int]:
    """Write the archive if its bytes changed; (written, size in bytes). The archive is a
    function of its members' names and bytes: if its manifest lists them all as they are,
    it is not compressed again."""
    target = docs_dir / ARCHIVE
    manifest = manifest_of(docs_dir)
    if target.is_file() and _made_from(target) == manifest:
        return False, target.stat().st_size
    data = make_archive(docs_dir, manifest)
    if target.is_file() and target.read_bytes() == data:
        return False, len(data)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    return True, len(data)
