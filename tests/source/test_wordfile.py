"""Reading an edited .docx: accepted and rejected views of tracked changes, comments, and hostile input."""

from __future__ import annotations

import io
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.output.fingerprint import UnreadableDocx
from toolkit.source.wordfile import read_edited_docx

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
TEXT = st.text(alphabet="产值累计亿元，。12.5%x ", min_size=1, max_size=6)
SEGMENTS = st.lists(st.tuples(st.sampled_from(["plain", "ins", "del"]), TEXT), min_size=1, max_size=8)


def package(body: str, comments: str | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", f"<w:document {W}><w:body>{body}</w:body></w:document>")
        if comments is not None:
            archive.writestr("word/comments.xml", f"<w:comments {W}>{comments}</w:comments>")
    return buffer.getvalue()


def run(text: str, deleted: bool = False) -> str:
    tag = "w:delText" if deleted else "w:t"
    return f'<w:r><{tag} xml:space="preserve">{text}</{tag}></w:r>'


def segment(kind: str, text: str) -> str:
    if kind == "ins":
        return f'<w:ins w:id="1" w:author="甲" w:date="2026-01-01T00:00:00Z">{run(text)}</w:ins>'
    if kind == "del":
        return f'<w:del w:id="2" w:author="乙" w:date="2026-01-02T00:00:00Z">{run(text, True)}</w:del>'
    return run(text)


@given(SEGMENTS)
def test_accepted_keeps_insertions_and_rejected_keeps_deletions(segments: list[tuple[str, str]]) -> None:
    read = read_edited_docx(package("<w:p>" + "".join(segment(k, t) for k, t in segments) + "</w:p>"))
    accepted = "".join(t for k, t in segments if k != "del").strip() or None
    rejected = "".join(t for k, t in segments if k != "ins").strip() or None
    views = [(p.accepted, p.rejected) for p in read.paragraphs]
    assert views == ([(accepted, rejected)] if accepted or rejected else [])
    assert [(r.kind, r.text) for r in read.revisions] == [
        ("insert" if k == "ins" else "delete", t) for k, t in segments if k != "plain"
    ]
    assert {r.author for r in read.revisions} <= {"甲", "乙"}


def test_a_deleted_paragraph_mark_joins_paragraphs_in_the_accepted_view() -> None:
    mark = '<w:pPr><w:rPr><w:del w:id="3" w:author="乙" w:date=""/></w:rPr></w:pPr>'
    body = f"<w:p>{mark}{segment('del', '删去的一段。')}</w:p><w:p>{run('留下的一段。')}</w:p>"
    read = read_edited_docx(package(body))
    assert [(p.accepted, p.rejected) for p in read.paragraphs] == [
        (None, "删去的一段。"),
        ("留下的一段。", "留下的一段。"),
    ]


def test_comments_with_their_paragraph() -> None:
    body = f'<w:p>{run("第一段。")}</w:p><w:p><w:commentRangeStart w:id="7"/>{run("第二段。")}<w:commentRangeEnd w:id="7"/></w:p>'
    comments = '<w:comment w:id="7" w:author="李主任" w:initials="L" w:date="2026-01-03T00:00:00Z"><w:p><w:r><w:t>请核实。</w:t></w:r></w:p></w:comment>'
    read = read_edited_docx(package(body, comments))
    assert [(c.author, c.text, c.paragraph) for c in read.comments] == [("李主任", "请核实。", 1)]


@settings(max_examples=50)
@given(st.binary(max_size=300))
def test_arbitrary_bytes_are_refused_cleanly(data: bytes) -> None:
    with pytest.raises(UnreadableDocx):
        read_edited_docx(data)


@pytest.mark.parametrize(
    "body",
    [
        "<w:p>" + "<w:ins>" * 5000 + run("深") + "</w:ins>" * 5000 + "</w:p>",  # deeper than the parser allows
        "<w:p>" + run("&undefined;") + "</w:p>",
        "<w:p>" + run("未闭合"),
    ],
)
def test_hostile_xml_is_refused(body: str) -> None:
    with pytest.raises(UnreadableDocx):
        read_edited_docx(package(body))
