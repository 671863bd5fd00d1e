"""The build fingerprint: govreport.* custom properties in a .docx, read back safely."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest

from tests.paths import SAMPLE_2024
from toolkit.compose.document import Document, Paragraph, Title
from toolkit.output import fingerprint
from toolkit.output.fingerprint import (
    Provenance,
    UnreadableDocx,
    body_sha256_of,
    read_docx_provenance,
    read_sidecar,
    sidecar_bytes,
    sidecar_path,
    stamp_docx,
)
from toolkit.writers.docx import write_docx

PROVENANCE = Provenance("0.1.0", "x.yaml", "a" * 64, "b" * 64, "2026-01-01T00:00:00+00:00", "docx")


def small() -> bytes:
    return write_docx(Document("标题", [Title("标题"), Paragraph("正文。")]))


def test_stamp_and_read_back() -> None:
    data = small()
    assert read_docx_provenance(data) is None
    stamped = stamp_docx(data, PROVENANCE)
    assert read_docx_provenance(stamped) == PROVENANCE
    assert body_sha256_of(stamped) == body_sha256_of(data)  # the body is untouched
    assert docx.Document(io.BytesIO(stamped)).paragraphs[2].text == "正文。"  # still a valid .docx
    again = stamp_docx(stamped, PROVENANCE)  # restamping replaces, never duplicates
    xml = zipfile.ZipFile(io.BytesIO(again)).read("docProps/custom.xml").decode("utf-8")
    assert xml.count("govreport.source_sha256") == 1


def test_other_custom_properties_are_kept() -> None:
    stamped = stamp_docx(small(), PROVENANCE)
    archive = zipfile.ZipFile(io.BytesIO(stamped))
    xml = archive.read("docProps/custom.xml").decode("utf-8")
    xml = xml.replace(
        "</Properties>",
        '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="99" name="机关"><vt:lpwstr>x</vt:lpwstr></property></Properties>',
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as out:
        for info in archive.infolist():
            out.writestr(info, xml if info.filename == "docProps/custom.xml" else archive.read(info))
    restamped = stamp_docx(buffer.getvalue(), PROVENANCE)
    assert "机关" in zipfile.ZipFile(io.BytesIO(restamped)).read("docProps/custom.xml").decode("utf-8")


@pytest.mark.parametrize("data", [b"", b"not a zip", b"PK\x03\x04broken"])
def test_what_is_not_a_docx_is_refused(data: bytes) -> None:
    with pytest.raises(UnreadableDocx):
        read_docx_provenance(data)


def test_entities_are_not_expanded() -> None:
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE p [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties">'
        '<property name="govreport.source_sha256">&b;</property></Properties>'
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as out:
        out.writestr("docProps/custom.xml", bomb)
    with pytest.raises(UnreadableDocx, match="DTD"):  # a part that declares a DTD is not read at all
        read_docx_provenance(buffer.getvalue())


def built(writer: str) -> bytes:
    """The sample's .docx as the fast path or the writer of record writes it (no stamp yet)."""
    from toolkit.pipeline import check_final
    from toolkit.writers import fastdocx

    document = check_final(SAMPLE_2024).document
    assert document is not None
    return fastdocx.write_docx(document) if writer == "fast" else write_docx(document)


@pytest.mark.parametrize("writer", ["fast", "record"])
@pytest.mark.parametrize(
    "name", ["x-city-2024.yaml", "县 <&> \"报告\" '草稿'.yaml", "a\r\nb\tc.yaml", "全角\u3000空格\U0001f600.yaml"]
)
def test_the_text_insertion_stamp_equals_the_lxml_stamp(
    writer: str, name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = built(writer)
    provenance = Provenance("0.1.0", name, "a" * 64, "b" * 64, "2026-01-01T00:00:00Z", "docx")
    fast = stamp_docx(data, provenance)
    assert fingerprint._inserted(*types_and_rels(data), provenance) is not None  # the fast path ran
    monkeypatch.setattr(fingerprint, "_inserted", lambda types, rels, provenance: None)
    general = stamp_docx(data, provenance)
    a, b = zipfile.ZipFile(io.BytesIO(fast)), zipfile.ZipFile(io.BytesIO(general))
    assert a.namelist() == b.namelist()
    assert {n: a.read(n) for n in a.namelist()} == {n: b.read(n) for n in b.namelist()}
    assert read_docx_provenance(fast) == provenance


def types_and_rels(data: bytes) -> tuple[bytes | None, bytes | None]:
    archive = fingerprint.open_archive(data)
    return fingerprint.read_part(archive, "[Content_Types].xml"), fingerprint.read_part(archive, "_rels/.rels")


def test_a_name_xml_cannot_hold_takes_the_lxml_path() -> None:
    provenance = Provenance("0.1.0", "x\x01.yaml", "a" * 64, "b" * 64, "2026-01-01T00:00:00Z", "docx")
    assert fingerprint._inserted(*types_and_rels(small()), provenance) is None
    with pytest.raises(ValueError):  # lxml's own refusal, as before the fast path
        stamp_docx(small(), provenance)


def test_an_edit_with_python_docx_keeps_the_properties_and_changes_the_body_hash(tmp_path: Path) -> None:
    path = tmp_path / "x.docx"
    path.write_bytes(stamp_docx(small(), PROVENANCE))
    before = body_sha256_of(path.read_bytes())
    document = docx.Document(str(path))
    document.paragraphs[1].add_run("改")
    document.save(str(path))
    assert read_docx_provenance(path) == PROVENANCE  # python-docx (like Word) keeps custom properties
    assert body_sha256_of(path.read_bytes()) != before


def test_sidecar_round_trip(tmp_path: Path) -> None:
    out = tmp_path / "x.txt"
    sidecar_path(out).write_bytes(sidecar_bytes(PROVENANCE))
    assert sidecar_path(out).name == ".x.txt.govreport"
    assert read_sidecar(out) == PROVENANCE
    sidecar_path(out).write_text("{broken", encoding="utf-8")
    assert read_sidecar(out) is None


@pytest.mark.parametrize("fmt", ["docx", "txt"])
def test_the_recorded_source_hash_is_of_the_bytes_built_from(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    """The YAML saved again while a build runs: the output is stamped with the hash of what it was built from."""
    import hashlib

    from toolkit import pipeline

    source = tmp_path / "x.yaml"
    source.write_bytes(SAMPLE_2024.read_bytes())
    built_from = hashlib.sha256(source.read_bytes()).hexdigest()
    package = pipeline.package

    def saved_meanwhile(*args: Any, **kwargs: Any) -> Any:
        source.write_bytes(source.read_bytes() + "# 又改了一处\n".encode())
        return package(*args, **kwargs)

    monkeypatch.setattr(pipeline, "package", saved_meanwhile)
    out = tmp_path / f"x.{fmt}"
    pipeline.build(source, out, fmt)
    recorded = read_docx_provenance(out) if fmt == "docx" else read_sidecar(out)
    assert recorded is not None
    assert recorded.source_sha256 == built_from
    assert recorded.source_sha256 != hashlib.sha256(source.read_bytes()).hexdigest()
