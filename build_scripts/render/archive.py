"""The bulk download: one ZIP of every JSON, Akoma Ntoso, PDF and citation file of the
edition, with a SHA-256 manifest, reproducible byte for byte (files in name order, a fixed
timestamp and mode, deflate at a fixed level): the same files give the same archive.

A build after an edit deflates only the files that changed: the others are copied from
the last archive as it holds them, deflated (the manifest says which are the same)."""

from __future__ import annotations

import hashlib
import io
import os
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from ..files import files_under
from ..memo import Memo

ARCHIVE = "data/edition-data.zip"
MANIFEST = "SHA256SUMS"
# What goes in: the machine-readable editions and the PDFs (not the web pages).
SUFFIXES = (".json", ".xml", ".pdf", ".csl.json", ".bib", ".ris", ".atom")
EPOCH = (1980, 1, 1, 0, 0, 0)  # the earliest time ZIP can hold: no build clock in the bytes
# Deflate's level 3: half the time of level 6 for 6 % more bytes (on 1,000 texts, 4.4 s
# against 8.8 s; 125 MB against 118). Named in the archive's comment: an archive made another
# way is made again.
LEVEL = 3
FORMAT = f"edition data archive 2, deflate level {LEVEL}".encode()


def archive_members(docs_dir: Path) -> list[Path]:
    names = [
        f"{folder}/{rel}"
        for folder in ("resolutions", "documents", "data", "feeds")
        for rel, _ in files_under(docs_dir / folder)
        if rel.endswith(SUFFIXES) and f"{folder}/{rel}" != ARCHIVE
    ]
    return [docs_dir / name for name in sorted(names)]


def manifest_of(docs_dir: Path, known: Memo | None = None) -> bytes:
    """The archive's manifest: every member's SHA-256 and name, in name order. ``known``:
    the digests of the last build, by name, size and time (the build writes a file only
    when its bytes change, so a file as it was left has the digest it had)."""
    lines = []
    for path in archive_members(docs_dir):
        name = path.relative_to(docs_dir).as_posix()
        stat = path.stat()
        key = f"{name}\0{stat.st_size}\0{stat.st_mtime_ns}".encode()
        sha = known.get(key) if known is not None else None
        if sha is None:
            sha = hashlib.sha256(path.read_bytes()).hexdigest()
            if known is not None:
                known.put(key, sha)
        lines.append(f"{sha}  {name}\n")
    return "".join(lines).encode("utf-8")


@dataclass(frozen=True, slots=True)
class Member:
    """A member as the archive holds it: its bytes deflated, with what ZIP records of them."""

    name: str
    crc: int
    size: int
    deflated: bytes


def deflated(name: str, data: bytes) -> Member:
    compressor = zlib.compressobj(LEVEL, zlib.DEFLATED, -15)  # raw deflate, as ZIP holds it
    return Member(name, zlib.crc32(data), len(data), compressor.compress(data) + compressor.flush())


def make_archive(docs_dir: Path) -> bytes:
    """The archive's bytes, from the files now in docs/, every member deflated anew."""
    out = io.BytesIO()
    write_members(out, _members(docs_dir, manifest_of(docs_dir), lambda name, sha: None))
    return out.getvalue()


def _members(docs_dir: Path, manifest: bytes, reuse: Callable[[str, str], Member | None]) -> Iterator[Member]:
    """The members in name order, then the manifest; ``reuse(name, sha256)``: a member
    already deflated, if another archive holds those bytes."""
    sums = {name: sha for sha, _, name in (line.partition("  ") for line in manifest.decode("utf-8").splitlines())}
    for path in archive_members(docs_dir):
        name = path.relative_to(docs_dir).as_posix()
        yield reuse(name, sums[name]) or deflated(name, path.read_bytes())
    yield deflated(MANIFEST, manifest)


# The ZIP format (APPNOTE 6.3): a local header before each member's data, then the central
# directory, then its end record; ZIP64 records once the counts or offsets pass 16 or 32 bits.
# Written here rather than by zipfile, which cannot take a member already deflated: an edit
# to one text deflates its files alone, the others are copied as they are.
LOCAL = struct.Struct("<IHHHHHIIIHH")
CENTRAL = struct.Struct("<IHHHHHHIIIHHHHHII")
END = struct.Struct("<IHHHHIIH")
END64 = struct.Struct("<IQHHIIQQQQ")
LOCATOR64 = struct.Struct("<IIQI")
DOS_DATE = (EPOCH[0] - 1980) << 9 | EPOCH[1] << 5 | EPOCH[2]
DOS_TIME = EPOCH[3] << 11 | EPOCH[4] << 5 | EPOCH[5] // 2
VERSION = 45  # 4.5: ZIP64 (what zipfile names too when it may need it)
UNIX = 3 << 8
ATTRIBUTES = 0o100644 << 16  # a regular file, rw-r--r--
UTF8_NAME = 0x800
LIMIT32 = 0xFFFFFFFF


def write_members(out: BinaryIO, members: Iterable[Member]) -> None:
    central = []
    offset = 0
    for m in members:
        if max(m.size, len(m.deflated)) >= LIMIT32:
            raise ValueError(f"{m.name}: a member of 4 GB or more")
        name = m.name.encode("utf-8")
        flags = 0 if name.isascii() else UTF8_NAME
        head = LOCAL.pack(
            0x04034B50, VERSION, flags, 8, DOS_TIME, DOS_DATE, m.crc, len(m.deflated), m.size, len(name), 0
        )
        out.write(head + name)
        out.write(m.deflated)
        extra = b"" if offset < LIMIT32 else struct.pack("<HHQ", 1, 8, offset)
        central.append(
            CENTRAL.pack(
                0x02014B50,
                UNIX | VERSION,
                VERSION,
                flags,
                8,
                DOS_TIME,
                DOS_DATE,
                m.crc,
                len(m.deflated),
                m.size,
                len(name),
                len(extra),
                0,
                0,
                0,
                ATTRIBUTES,
                min(offset, LIMIT32),
            )
            + name
            + extra
        )
        offset += len(head) + len(name) + len(m.deflated)
    start = offset
    for entry in central:
        out.write(entry)
    size = sum(len(entry) for entry in central)
    count = len(central)
    if count > 0xFFFF or start + size >= LIMIT32:
        end64 = start + size
        out.write(END64.pack(0x06064B50, END64.size - 12, UNIX | VERSION, VERSION, 0, 0, count, count, size, start))
        out.write(LOCATOR64.pack(0x07064B50, 0, end64, 1))
    out.write(
        END.pack(
            0x06054B50,
            0,
            0,
            min(count, 0xFFFF),
            min(count, 0xFFFF),
            min(size, LIMIT32),
            min(start, LIMIT32),
            len(FORMAT),
        )
    )
    out.write(FORMAT)


def _made_from(archive: Path) -> bytes | None:
    """The manifest of an archive made as this module makes them, or None."""
    try:
        with zipfile.ZipFile(archive) as existing:
            return existing.read(MANIFEST) if existing.comment == FORMAT else None
    except (OSError, KeyError, zipfile.BadZipFile):
        return None


def _deflated_in(archive: Path, manifest: bytes) -> Callable[[str, str], Member | None]:
    """``reuse`` for ``make_archive``: the members of an archive made as this module makes
    them, deflated as they are in it, when the bytes asked for are those its manifest names."""
    sums = {name: sha for sha, _, name in (line.partition("  ") for line in manifest.decode("utf-8").splitlines())}
    with zipfile.ZipFile(archive) as existing:
        infos = {info.filename: info for info in existing.infolist()}

    def reuse(name: str, sha: str) -> Member | None:
        info = infos.get(name)
        if info is None or sums.get(name) != sha or info.compress_type != zipfile.ZIP_DEFLATED:
            return None
        with archive.open("rb") as handle:
            handle.seek(info.header_offset)
            head = handle.read(LOCAL.size)
            name_length, extra_length = LOCAL.unpack(head)[-2:]
            handle.seek(info.header_offset + LOCAL.size + name_length + extra_length)
            return Member(name, info.CRC, info.file_size, handle.read(info.compress_size))

    return reuse


def write_archive(docs_dir: Path, known: Memo | None = None) -> tuple[bool, int]:
    """Write the archive if its bytes changed; (written, size in bytes). The archive is a
    function of its members' names and bytes: if its manifest lists them all as they are,
    it is not made again; else the members it holds unchanged are copied deflated, and only
    the others deflated anew."""
    target = docs_dir / ARCHIVE
    manifest = manifest_of(docs_dir, known)
    before = _made_from(target) if target.is_file() else None
    if before == manifest:
        return False, target.stat().st_size
    reuse = _deflated_in(target, before) if before is not None else (lambda name, sha: None)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        with tmp.open("wb") as out:
            write_members(out, _members(docs_dir, manifest, reuse))
        tmp.replace(target)  # another manifest: other bytes
    finally:
        tmp.unlink(missing_ok=True)
    return True, target.stat().st_size
