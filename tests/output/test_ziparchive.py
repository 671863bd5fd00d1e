"""Archives assembled from stored entries: what zipfile reads back, and byte for byte what zipfile writes."""

from __future__ import annotations

import io
import zipfile
import zlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.output.ziparchive import Content, deflated, raw_entries, write_zip

NAMES = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="/\\"), min_size=1, max_size=20
)
PARTS = st.lists(st.tuples(NAMES, st.binary(max_size=3000)), max_size=8, unique_by=lambda p: p[0])
WHEN = (2026, 11, 29, 4, 38, 10)


def with_zipfile(parts: list[tuple[str, bytes]]) -> bytes:
    """What zipfile's writestr writes for the same parts at the same time."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts:
            info = zipfile.ZipInfo(name, WHEN)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            archive.writestr(info, content)
    return buffer.getvalue()


@settings(max_examples=150, deadline=None)
@given(PARTS)
def test_an_archive_reads_back_and_equals_what_zipfile_writes(parts: list[tuple[str, bytes]]) -> None:
    data = write_zip([deflated(name, content) for name, content in parts], WHEN)
    archive = zipfile.ZipFile(io.BytesIO(data))
    assert archive.testzip() is None
    assert [(i.filename, archive.read(i)) for i in archive.infolist()] == parts
    assert data == with_zipfile(parts)
    later = zipfile.ZipFile(io.BytesIO(write_zip([Content(name, content) for name, content in parts], WHEN)))
    assert later.testzip() is None  # deflated when written, at the fastest level: the same parts read back
    assert [(i.filename, later.read(i), i.date_time) for i in later.infolist()] == [(n, c, WHEN) for n, c in parts]


@settings(max_examples=150, deadline=None)
@given(PARTS, st.data())
def test_copying_stored_entries_keeps_every_byte(parts: list[tuple[str, bytes]], data: st.DataObject) -> None:
    original = with_zipfile(parts)
    entries = raw_entries(original)
    assert write_zip(entries) == original  # dates, order and compressed data are kept
    if parts:
        k = data.draw(st.integers(0, len(parts) - 1))
        name = parts[k][0]
        changed = [entry if entry.name != name else deflated(name, b"new") for entry in entries]
        archive = zipfile.ZipFile(io.BytesIO(write_zip(changed)))
        assert archive.read(name) == b"new"
        assert [archive.read(n) for n, _ in parts if n != name] == [c for n, c in parts if n != name]


def test_a_stored_entry_is_copied_stored() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("mimetype", b"application/x")
    [entry] = raw_entries(buffer.getvalue())
    assert entry.method == zipfile.ZIP_STORED and entry.data == b"application/x"
    assert zipfile.ZipFile(io.BytesIO(write_zip([entry]))).read("mimetype") == b"application/x"


@pytest.mark.parametrize("cut", [0, 26, 40])  # the signature, the name's length, the data
def test_a_damaged_local_entry_is_never_copied_silently(cut: int) -> None:
    original = bytearray(with_zipfile([("a.xml", b"<a/>" * 50), ("b.xml", b"<b/>")]))
    original[cut : cut + 2] = b"\xff\xff"
    with pytest.raises((zipfile.BadZipFile, zlib.error)):
        for entry in raw_entries(bytes(original)):  # refused here, or the copy fails its CRC when read
            zipfile.ZipFile(io.BytesIO(write_zip([entry]))).read(entry.name)
