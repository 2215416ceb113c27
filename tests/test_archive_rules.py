"""The bulk archive's ZIP records (``render/archive.py``), field by field as APPNOTE 6.3 sets
them, in process and in memory: every local header and central directory entry, the end
records, ZIP64's records once more than 65,535 members or offsets past 4 GB need them
(members of that size are stood for by objects of that length: the format is written, not
the bytes), and the archive's manifest and members. Reading the archive back with zipfile
and Info-ZIP is tested in tests/test_citations.py."""

from __future__ import annotations

import hashlib
import io
import struct
import zipfile
import zlib
from pathlib import Path

import pytest

from build_scripts.memo import Memo
from build_scripts.render.archive import (
    ARCHIVE,
    CENTRAL,
    END,
    END64,
    FORMAT,
    LIMIT32,
    LOCAL,
    LOCATOR64,
    MANIFEST,
    Member,
    archive_members,
    deflated,
    make_archive,
    manifest_of,
    write_members,
)

DOS_DATE = 1 << 5 | 1  # 1 January 1980
VERSION = 45


def records(data: bytes) -> tuple[list[tuple], list[tuple], tuple, tuple | None, tuple | None]:
    """(local headers, central entries with their name and extra, end record, ZIP64 end
    record, ZIP64 locator), read from the bytes as the format lays them out."""
    end = END.unpack_from(data, len(data) - len(FORMAT) - END.size)
    locals_, position = [], 0
    while data[position : position + 4] == b"PK\x03\x04":
        head = LOCAL.unpack_from(data, position)
        name = data[position + LOCAL.size : position + LOCAL.size + head[9]]
        locals_.append((*head, name, position))
        position += LOCAL.size + head[9] + head[10] + head[7]
    central, start = [], position
    while data[position : position + 4] == b"PK\x01\x02":
        entry = CENTRAL.unpack_from(data, position)
        name_end = position + CENTRAL.size + entry[10]
        central.append((*entry, data[position + CENTRAL.size : name_end], data[name_end : name_end + entry[11]]))
        position = name_end + entry[11] + entry[12]
    end64 = END64.unpack_from(data, position) if data[position : position + 4] == b"PK\x06\x06" else None
    locator = LOCATOR64.unpack_from(data, position + END64.size) if end64 else None
    assert start == (end64[9] if end64 else end[6])
    return locals_, central, end, end64, locator


def written(members: list[Member]) -> bytes:
    out = io.BytesIO()
    write_members(out, members)
    return out.getvalue()


def test_every_record_of_a_small_archive_is_as_the_format_sets_it():
    members = [deflated("data/a.json", b'{"a": 1}' * 20), deflated("documents/résumé.ris", b"TY  - BILL\n")]
    data = written(members)
    locals_, central, end, end64, locator = records(data)
    offset = 0
    for m, head, entry in zip(members, locals_, central, strict=True):
        name = m.name.encode("utf-8")
        flags = 0 if name.isascii() else 0x800  # a name beyond ASCII is flagged UTF-8
        size = len(m.deflated)
        assert head == (0x04034B50, VERSION, flags, 8, 0, DOS_DATE, m.crc, size, m.size, len(name), 0, name, offset)
        assert entry == (
            *(0x02014B50, 3 << 8 | VERSION, VERSION, flags, 8, 0, DOS_DATE, m.crc, size, m.size, len(name), 0),
            *(0, 0, 0, 0o100644 << 16, offset, name, b""),
        )
        offset += LOCAL.size + len(name) + size
    directory = sum(CENTRAL.size + len(e[17]) for e in central)
    assert end == (0x06054B50, 0, 0, 2, 2, directory, offset, len(FORMAT))
    assert end64 is None and locator is None
    assert data.endswith(FORMAT)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.read("documents/résumé.ris") == b"TY  - BILL\n" and archive.comment == FORMAT
        assert archive.testzip() is None


def test_more_than_65535_members_add_zip64s_end_records():
    member = deflated("x", b"{}")
    members = [Member(f"r/{i:05d}.json", member.crc, member.size, member.deflated) for i in range(0x10000)]
    data = written(members)
    _, central, end, end64, locator = records(data)
    directory = sum(CENTRAL.size + len(e[17]) for e in central)
    start = len(data) - len(FORMAT) - END.size - LOCATOR64.size - END64.size - directory
    assert end64 == (0x06064B50, END64.size - 12, 3 << 8 | VERSION, VERSION, 0, 0, 0x10000, 0x10000, directory, start)
    assert locator == (0x07064B50, 0, start + directory, 1)
    assert end == (0x06054B50, 0, 0, 0xFFFF, 0xFFFF, directory, start, len(FORMAT))
    assert len(zipfile.ZipFile(io.BytesIO(data)).namelist()) == 0x10000
    # 65,535 members: no ZIP64 record.
    assert records(written(members[:0xFFFF]))[3] is None


class Sized:
    """Deflated bytes of a given length, which a sink counts and does not keep."""

    def __init__(self, length: int) -> None:
        self.length = length

    def __len__(self) -> int:
        return self.length


class Sink(io.BytesIO):
    """Keeps what is written but for ``Sized`` members, which it counts."""

    def __init__(self) -> None:
        super().__init__()
        self.skipped = 0

    def write(self, data) -> int:  # type: ignore[override]
        if isinstance(data, Sized):
            self.skipped += len(data)
            return len(data)
        return super().write(data)


def test_a_member_past_4_gb_has_its_offset_in_zip64s_extra_field():
    small = deflated("a.json", b"{}")
    big = LIMIT32 - 1  # the largest a member may be: the next starts past 4 GB
    members = [Member("a.pdf", 0, big, Sized(big)), small, Member("b.json", small.crc, small.size, small.deflated)]  # type: ignore[arg-type]
    sink = Sink()
    write_members(sink, members)
    kept = sink.getvalue()
    first = LOCAL.size + len(b"a.pdf")
    # The bytes as laid out, the big member's stood for by nothing: offsets after it are
    # read from the records, which count it.
    second = first + big
    third = second + LOCAL.size + len(b"a.json") + len(small.deflated)
    heads = kept[first:]  # after the first member's header: the others, the directory, the ends
    position = LOCAL.size + len(b"a.json") + len(small.deflated) + LOCAL.size + len(b"b.json") + len(small.deflated)
    entries = []
    for _ in members:
        entry = CENTRAL.unpack_from(heads, position)
        name_end = position + CENTRAL.size + entry[10]
        entries.append((entry, heads[name_end : name_end + entry[11]]))
        position = name_end + entry[11]
    assert [e[16] for e, _ in entries] == [0, LIMIT32, LIMIT32]  # the offset, or "see ZIP64"
    assert [extra for _, extra in entries] == [b"", struct.pack("<HHQ", 1, 8, second), struct.pack("<HHQ", 1, 8, third)]
    assert [e[8:10] for e, _ in entries] == [(big, big), (len(small.deflated), 2), (len(small.deflated), 2)]
    start = third + LOCAL.size + len(b"b.json") + len(small.deflated)
    directory = sum(CENTRAL.size + len(extra) + e[10] for e, extra in entries)
    end64 = END64.unpack_from(heads, position)
    assert end64 == (0x06064B50, END64.size - 12, 3 << 8 | VERSION, VERSION, 0, 0, 3, 3, directory, start)
    assert LOCATOR64.unpack_from(heads, position + END64.size) == (0x07064B50, 0, start + directory, 1)
    end = END.unpack_from(heads, position + END64.size + LOCATOR64.size)
    assert end == (0x06054B50, 0, 0, 3, 3, directory, LIMIT32, len(FORMAT))


@pytest.mark.parametrize("size", [LIMIT32, LIMIT32 + 1])
def test_a_member_of_4_gb_or_more_is_refused_by_name(size: int):
    with pytest.raises(ValueError, match=r"^big\.pdf: a member of 4 GB or more$"):
        write_members(Sink(), [Member("big.pdf", 0, size, Sized(1))])  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=r"^big\.pdf: a member of 4 GB or more$"):
        write_members(Sink(), [Member("big.pdf", 0, 1, Sized(size))])  # type: ignore[arg-type]
    write_members(Sink(), [Member("big.pdf", 0, LIMIT32 - 1, Sized(LIMIT32 - 1))])  # type: ignore[arg-type]


def test_a_member_is_raw_deflate_at_level_3_with_its_crc_and_size():
    data = b"The General Assembly, " * 50
    m = deflated("a.json", data)
    assert (m.name, m.crc, m.size) == ("a.json", zlib.crc32(data), len(data))
    compressor = zlib.compressobj(3, zlib.DEFLATED, -15)
    assert m.deflated == compressor.compress(data) + compressor.flush()


def docs_with(tmp_path: Path, files: dict[str, str]) -> Path:
    docs = tmp_path / "docs"
    for rel, text in files.items():
        (docs / rel).parent.mkdir(parents=True, exist_ok=True)
        (docs / rel).write_text(text, encoding="utf-8")
    return docs


def test_the_members_are_the_data_files_of_the_four_folders_in_name_order(tmp_path: Path):
    docs = docs_with(
        tmp_path,
        {
            "resolutions/b/b.json": "{}",
            "resolutions/a/a.pdf": "%PDF",
            "resolutions/a/index.md": "# page",
            "documents/d/d.ris": "TY",
            "data/collection.csl.json": "[]",
            "feeds/texts.atom": "<feed/>",
            ARCHIVE: "an older archive",
            "data/index.md": "# data",
            "stylesheets/x.json": "{}",
            "resolutions/a/a.bib": "@",
            "resolutions/a/a.xml": "<x/>",
        },
    )
    names = [p.relative_to(docs).as_posix() for p in archive_members(docs)]
    assert names == [
        "data/collection.csl.json",
        "documents/d/d.ris",
        "feeds/texts.atom",
        "resolutions/a/a.bib",
        "resolutions/a/a.pdf",
        "resolutions/a/a.xml",
        "resolutions/b/b.json",
    ]
    manifest = manifest_of(docs).decode("utf-8")
    sha = hashlib.sha256(b"{}").hexdigest()
    assert manifest.splitlines()[-1] == f"{sha}  resolutions/b/b.json"
    assert [line.split("  ")[1] for line in manifest.splitlines()] == names
    with zipfile.ZipFile(io.BytesIO(make_archive(docs))) as archive:
        assert archive.namelist() == [*names, MANIFEST]
        assert archive.read(MANIFEST).decode("utf-8") == manifest


def test_the_manifest_reads_a_file_again_only_when_its_size_or_time_changed(tmp_path: Path):
    docs = docs_with(tmp_path, {"resolutions/a/a.json": "{}"})
    known = Memo(None)
    first = manifest_of(docs, known)
    path = docs / "resolutions/a/a.json"
    stat = path.stat()
    key = f"resolutions/a/a.json\0{stat.st_size}\0{stat.st_mtime_ns}".encode()
    assert known.get(key) == hashlib.sha256(b"{}").hexdigest()
    known.put(key, "0" * 64)  # what the last build read: trusted while the file is as left
    assert manifest_of(docs, known) == b"0" * 64 + b"  resolutions/a/a.json\n"
    assert manifest_of(docs) == first


def written_after_a_big_member(big: int, *others: Member) -> tuple[bytes, int]:
    """What a sink keeps of an archive whose first member is ``big`` bytes long (its
    header, then what follows the member), and where the first member's data would end."""
    sink = Sink()
    write_members(sink, [Member("a.pdf", 0, big, Sized(big)), *others])  # type: ignore[arg-type]
    return sink.getvalue(), LOCAL.size + len(b"a.pdf") + big


def test_a_member_that_starts_at_4_gb_exactly_has_its_offset_in_zip64s_extra_field():
    small = deflated("b.json", b"{}")
    kept, end_of_big = written_after_a_big_member(LIMIT32 - LOCAL.size - len(b"a.pdf"), small)
    assert end_of_big == LIMIT32
    header = LOCAL.size + len(b"a.pdf")
    position = header + LOCAL.size + len(b"b.json") + len(small.deflated)
    first = CENTRAL.unpack_from(kept, position)
    second_at = position + CENTRAL.size + first[10] + first[11]
    second = CENTRAL.unpack_from(kept, second_at)
    name_end = second_at + CENTRAL.size + second[10]
    assert (first[11], first[16]) == (0, 0)
    assert (second[16], kept[name_end : name_end + second[11]]) == (LIMIT32, struct.pack("<HHQ", 1, 8, LIMIT32))


def test_a_directory_that_ends_at_4_gb_exactly_adds_zip64s_end_records():
    big = LIMIT32 - LOCAL.size - len(b"a.pdf") - CENTRAL.size - len(b"a.pdf")
    kept, start = written_after_a_big_member(big)
    position = LOCAL.size + len(b"a.pdf") + CENTRAL.size + len(b"a.pdf")  # after the directory, as kept
    assert start + CENTRAL.size + len(b"a.pdf") == LIMIT32
    end64 = END64.unpack_from(kept, position)
    assert end64 == (0x06064B50, END64.size - 12, 3 << 8 | VERSION, VERSION, 0, 0, 1, 1, CENTRAL.size + 5, start)
    # One byte less, and the directory ends before 4 GB: the end record alone.
    kept, start = written_after_a_big_member(big - 1)
    assert END.unpack_from(kept, position)[:7] == (0x06054B50, 0, 0, 1, 1, CENTRAL.size + 5, start)
