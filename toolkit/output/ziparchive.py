"""Zip archives assembled from entries that may already be compressed: one deflate per changed part.

Why not ``zipfile`` alone: it reads and writes archives well, but it cannot add an entry whose data is already
compressed. A .docx of the toolkit is a base package whose parts barely change (styles, theme, fonts, settings)
plus ``word/document.xml``; with ``zipfile`` every part would be inflated and deflated again on every write and
again when the provenance is stamped. Here the unchanged parts are copied as stored (``raw_entries``) and only new
content is deflated (``deflated``). ``zipfile`` still reads every archive (the central directory of
``raw_entries``, and the tests read back every archive written here); the entries are written as ``zipfile``
writes them with ``writestr`` (same versions, flags, attributes and deflate settings), so the bytes agree.

A report's own parts (``Content``: the body, its title, its provenance) are deflated at zlib's fastest level: half
the time of the default level for a body 7 % larger (9.4 KB instead of 8.8 KB for the sample's), every part read
back the same.
"""

from __future__ import annotations

import io
import struct
import sys
import time
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass

_LOCAL = struct.Struct("<4s2B4HL2L2H")
_CENTRAL = struct.Struct("<4s4B4HL2L5H2L")
_END = struct.Struct("<4s4H2LH")
_LOCAL_SIGNATURE = b"PK\x03\x04"
_CENTRAL_SIGNATURE = b"PK\x01\x02"
_END_SIGNATURE = b"PK\x05\x06"
_SYSTEM = 0 if sys.platform == "win32" else 3  # as zipfile.ZipInfo.create_system
_UTF8_FLAG = 0x800
_MAX_ENTRIES = 0xFFFF  # no ZIP64: a report package has a few dozen parts of a few MB at most
_MAX_SIZE = 0x7FFFFFFF


@dataclass(frozen=True)
class Entry:
    """One member of an archive as stored: its name, its data (deflated or not), CRC-32 and uncompressed size."""

    name: str
    data: bytes
    crc: int
    size: int
    method: int = zipfile.ZIP_DEFLATED
    date_time: tuple[int, int, int, int, int, int] | None = None  # None: when the archive is written


def deflated(
    name: str,
    content: bytes,
    date_time: tuple[int, int, int, int, int, int] | None = None,
    level: int = zlib.Z_DEFAULT_COMPRESSION,
) -> Entry:
    """An entry for new content, deflated as ``zipfile`` deflates it (raw stream; its default ``level``)."""
    compressor = zlib.compressobj(level, zlib.DEFLATED, -15)
    data = compressor.compress(content) + compressor.flush()
    return Entry(name, data, zlib.crc32(content), len(content), date_time=date_time)


@dataclass(frozen=True)
class Content:
    """New content for a member, deflated only when the archive is written (``write_zip``).

    Why: a batch writes its archives on a background thread (``toolkit.output.atomic``), and zlib lets go of the
    interpreter while it deflates, so the next report is checked meanwhile.
    """

    name: str
    content: bytes
    date_time: tuple[int, int, int, int, int, int] | None = None  # None: when the archive is written

    def entry(self) -> Entry:
        """The member deflated (at the fastest level, see the module docstring)."""
        return deflated(self.name, self.content, self.date_time, zlib.Z_BEST_SPEED)


def raw_entries(data: bytes, archive: zipfile.ZipFile | None = None) -> list[Entry]:
    """The entries of an archive as they are stored, without inflating them (the directory is read by zipfile;
    ``archive``, when given, is that directory already open on ``data``).

    Raises ``zipfile.BadZipFile`` for an archive whose local headers do not agree with its directory, or that
    uses what ``write_zip`` does not write (ZIP64, encryption, methods other than stored and deflated).
    """
    out: list[Entry] = []
    directory = archive or zipfile.ZipFile(io.BytesIO(data))  # on bytes in memory: nothing to close
    for info in directory.infolist():
        if info.flag_bits & 0x1 or info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise zipfile.BadZipFile(f"{info.filename}: encrypted or compressed with another method")
        if max(info.file_size, info.compress_size, info.header_offset) > _MAX_SIZE:
            raise zipfile.BadZipFile(f"{info.filename}: too large")
        start = info.header_offset
        header = data[start : start + _LOCAL.size]
        if len(header) < _LOCAL.size or header[:4] != _LOCAL_SIGNATURE:
            raise zipfile.BadZipFile(f"{info.filename}: no local header where the directory says")
        fields = _LOCAL.unpack(header)
        begin = start + _LOCAL.size + fields[10] + fields[11]
        stored = data[begin : begin + info.compress_size]
        if len(stored) != info.compress_size:
            raise zipfile.BadZipFile(f"{info.filename}: truncated")
        out.append(Entry(info.filename, stored, info.CRC, info.file_size, info.compress_type, info.date_time))
    return out


def write_zip(
    entries: Iterable[Entry | Content], date_time: tuple[int, int, int, int, int, int] | None = None
) -> bytes:
    """An archive of the entries in order (``Content`` deflated on the way); an entry without a date is dated
    ``date_time`` (default: now, local time, as zipfile dates what ``writestr`` adds)."""
    now = date_time or time.localtime(time.time())[:6]
    body = io.BytesIO()
    directory: list[bytes] = []
    for count, member in enumerate(entries, start=1):
        entry = member.entry() if isinstance(member, Content) else member
        if count > _MAX_ENTRIES or max(entry.size, len(entry.data), body.tell()) > _MAX_SIZE:
            raise ValueError("archive too large for a report package")
        name = entry.name.encode("utf-8")
        flags = 0 if entry.name.isascii() else _UTF8_FLAG
        version = 20  # zipfile's default version for stored and deflated entries alike
        year, month, day, hour, minute, second = entry.date_time or now
        dos_date = (year - 1980) << 9 | month << 5 | day
        dos_time = hour << 11 | minute << 5 | second // 2
        offset = body.tell()
        sizes = (entry.crc, len(entry.data), entry.size, len(name))
        body.write(_LOCAL.pack(_LOCAL_SIGNATURE, version, 0, flags, entry.method, dos_time, dos_date, *sizes, 0))
        body.write(name)
        body.write(entry.data)
        central = _CENTRAL.pack(
            _CENTRAL_SIGNATURE,
            version,
            _SYSTEM,
            version,
            0,
            flags,
            entry.method,
            dos_time,
            dos_date,
            *sizes,
            0,
            0,
            0,
            0,
            0o600 << 16,
            offset,
        )
        directory.append(central + name)
    start = body.tell()
    table = b"".join(directory)
    body.write(table)
    body.write(_END.pack(_END_SIGNATURE, 0, 0, len(directory), len(directory), len(table), start, 0))
    return body.getvalue()
