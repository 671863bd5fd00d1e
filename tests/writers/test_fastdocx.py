"""The .docx fast path writes every part byte for byte as the writer of record (python-docx) does.

Over every option set (font profiles, --bold-level3, --sealed, --reference-doc), drafts with highlighted
placeholders, every block kind and awkward text (tab, CR, LF, ``&<>``, spaces and U+3000 at either end, nested
provenance marks), and through the disk cache of base packages.
"""

from __future__ import annotations

import io
import itertools
import zipfile
from pathlib import Path

import docx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.paths import SAMPLES
from toolkit.compose.document import (
    HIGHLIGHT_END,
    HIGHLIGHT_START,
    Document,
    Flush,
    Heading,
    Paragraph,
    Signature,
    Table,
    Title,
    mark,
)
from toolkit.output import ziparchive
from toolkit.output.fingerprint import Package, Provenance, stamp_docx
from toolkit.pipeline import check_draft, load_document
from toolkit.writers import fastdocx
from toolkit.writers.docx import write_docx as write_record
from toolkit.writers.options import FONT_PROFILE_NAMES, StyleOptions

H0, H1 = HIGHLIGHT_START, HIGHLIGHT_END


def write_fast(doc: Document, options: StyleOptions) -> bytes | None:
    """The fast path's bytes, or None when it leaves the document to the writer of record."""
    assembled = fastdocx.assemble_fast(doc, options)
    return None if assembled is None else assembled.data


def parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {info.filename: zf.read(info) for info in zf.infolist()}


def assert_same_parts(doc: Document, options: StyleOptions) -> None:
    fast = write_fast(doc, options)
    if any(isinstance(block, Table) for block in doc.blocks):
        assert fast is None  # tables stay with the writer of record
        fast = fastdocx.write_docx(doc, options)
    assert fast is not None
    record, quick = parts(write_record(doc, options)), parts(fast)
    assert list(quick) == list(record)  # the same parts, in python-docx's order
    for name, blob in record.items():
        assert quick[name] == blob, name


def every_block() -> Document:
    """Every block kind with awkward text."""
    title = "关于x市2024年以县城为重要载体的新型城镇化建设推进情况的报告"
    return Document(
        title,
        [
            Title(mark("f:meta.title", title)),
            Flush("x市人民代表大会常务委员会："),
            Paragraph(f"产值{H0}XX亿元{H1}，{mark('m:a:value', '增长3.6%')}。"),
            Paragraph("tab\there, CR\rLF\nboth\r\n & <b> \"q\" 'a'"),
            Paragraph("  leading and trailing spaces  "),
            Paragraph("\u3000\u3000全角空格开头"),
            Paragraph(""),
            Paragraph(f"{H0}{H1}empty highlight{H0}XX{H1}{H0}YY{H1}"),
            Heading(1, "一、", "基本情况"),
            Heading(2, "（一）", "产业", ""),
            Heading(3, "1.", "县城产业支撑能力不断增强。", f"推动{mark('e:', f'{H0}XX{H1}')}发展。"),
            Heading(3, "2.", "没有正文的三级标题"),
            Heading(4, "（1）", "四级"),
            Heading(4, "（2）", "四级带正文。", "正文。"),
            Heading(5, "①", "五级", "正文。"),
            Heading(5, "", "无编号"),
            Signature("x市发展和改革局", "2024年11月8日"),
        ],
    )


def sample_documents() -> list[Document]:
    out = []
    for path in sorted(SAMPLES.glob("*.yaml")):
        document = load_document(path).document
        assert document is not None
        out.append(document)
    return out


@pytest.fixture(autouse=True)
def no_disk_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GOVREPORT_CACHE_DIR", "")


OPTION_SETS = [
    StyleOptions(profile, bold, sealed)
    for profile, bold, sealed in itertools.product(FONT_PROFILE_NAMES, (False, True), (False, True))
]


@pytest.mark.parametrize("options", OPTION_SETS, ids=lambda o: f"{o.font_profile}-b{o.bold_level3:d}-s{o.sealed:d}")
def test_every_option_set(options: StyleOptions) -> None:
    for doc in [every_block(), *sample_documents()]:
        assert_same_parts(doc, options)


def test_reference_doc(tmp_path: Path) -> None:
    plain = tmp_path / "plain.docx"
    docx.Document().save(str(plain))  # python-docx's template: no footers, no helper styles
    own = tmp_path / "own.docx"
    (tmp_path / "own.docx").write_bytes(write_record(every_block(), StyleOptions("win10", bold_level3=True)))
    for reference in (plain, own):
        for sealed in (False, True):
            assert_same_parts(every_block(), StyleOptions(sealed=sealed, reference_doc=reference))
            assert_same_parts(sample_documents()[0], StyleOptions(sealed=sealed, reference_doc=reference))


def test_draft_with_missing_figures(rolled: Path) -> None:
    document = check_draft(rolled).document
    assert document is not None
    assert any(H0 in getattr(b, "text", "") or H0 in getattr(b, "run_in", "") for b in document.blocks)
    for options in (StyleOptions(), StyleOptions("open", True, True)):
        assert_same_parts(document, options)


def test_the_disk_cache_gives_the_same_parts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GOVREPORT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(fastdocx, "_BASES", {})
    options = StyleOptions("open")
    first = write_fast(every_block(), options)
    cached = list((tmp_path / "cache").glob("base-*.docx"))
    assert len(cached) == 1
    monkeypatch.setattr(fastdocx, "_BASES", {})
    monkeypatch.setattr(fastdocx, "build_base", lambda options: pytest.fail("rebuilt although cached"))
    second = write_fast(every_block(), options)
    assert first is not None and second is not None
    assert parts(first) == parts(second) == parts(write_record(every_block(), options))


def test_a_corrupt_cache_file_is_rebuilt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GOVREPORT_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(fastdocx, "_BASES", {})
    options = StyleOptions()
    (tmp_path / f"base-{fastdocx.cache_key(options)}.docx").write_bytes(b"not a zip")
    assert_same_parts(every_block(), options)


def test_what_the_fast_path_leaves_to_the_writer_of_record() -> None:
    bad = Document("标题", [Title("标题"), Paragraph("控制字符\x01")])
    assert write_fast(bad, StyleOptions()) is None
    long_title = "长" * 256
    assert write_fast(Document(long_title, [Title(long_title)]), StyleOptions()) is None
    with pytest.raises(ValueError):  # python-docx's own error, as before the fast path
        fastdocx.write_docx(bad, StyleOptions())


def test_tables_go_to_the_writer_of_record() -> None:
    doc = every_block()
    doc.blocks.append(Table("附表", "亿元", ["项目", "数值"], [["产值", "55.33"]]))
    assert write_fast(doc, StyleOptions()) is None
    assert parts(fastdocx.write_docx(doc)) == parts(write_record(doc))


def test_the_writer_of_record_can_be_forced(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fastdocx, "assemble_fast", lambda doc, options: pytest.fail("fast path used"))
    monkeypatch.setenv("GOVREPORT_DOCX_WRITER", "record")
    assert parts(fastdocx.write_docx(every_block())) == parts(write_record(every_block()))


texts = st.text(
    alphabet=st.sampled_from([*"ab 中文，。\t\r\n&<>\"'\u3000x市1.5%", H0, H1, "\ue002", "\ue003", "\ue004", "f"]),
    max_size=40,
)


@settings(max_examples=150, deadline=None)
@given(st.lists(texts, min_size=1, max_size=4), texts)
def test_any_text_gives_the_same_parts(paragraphs: list[str], heading: str) -> None:
    blocks = [Title("报告"), *[Paragraph(p) for p in paragraphs], Heading(3, "1.", heading, paragraphs[0])]
    assert_same_parts(Document("报告", blocks), StyleOptions())


def test_an_assembled_package_is_stamped_as_its_bytes_are(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The output guard stamps the fast path's package from its parts in hand (``Assembled``): the same bytes as
    stamping the archive it makes, the same body hash, over every option set, reference documents with and
    without custom properties, and file names the text insertion cannot take."""
    monkeypatch.setattr(ziparchive.time, "time", lambda: 1_767_225_600.0)  # every archive dated alike
    own = tmp_path / "own.docx"
    own.write_bytes(write_record(every_block(), StyleOptions("win10")))
    stamped = tmp_path / "stamped.docx"  # a reference document that already has custom properties
    stamped.write_bytes(stamp_docx(own.read_bytes(), provenance("x.yaml")))
    references = [StyleOptions(reference_doc=own), StyleOptions(sealed=True, reference_doc=stamped)]
    documents = [d for d in sample_documents() if not any(isinstance(b, Table) for b in d.blocks)]
    names = ["x-city-2024.yaml", "县 <&> \"报告\" '草稿'.yaml", "a\r\nb\tc.yaml"]
    for options in [*OPTION_SETS, *references]:
        for doc in [every_block(), *documents]:
            assembled = fastdocx.assemble_fast(doc, options)
            assert assembled is not None
            package = Package(assembled.data)
            assert assembled.body_sha256() == package.body_sha256()
            for name in names:
                assert assembled.stamped(provenance(name)) == package.stamped(provenance(name))
            with pytest.raises(ValueError):  # lxml's refusal of what XML cannot hold, on both paths, decided
                assembled.stamping(provenance("x\x01.yaml"))  # before the archive is put together


def provenance(name: str) -> Provenance:
    return Provenance("0.1.0", name, "a" * 64, "b" * 64, "2026-01-01T00:00:00Z", "docx")
