"""Read an edited .docx as a reviewer left it: paragraphs as accepted and as rejected, revisions, comments.

Tracked changes are read both ways: the *accepted* text keeps ``w:ins`` and drops ``w:del`` (what the document
says once every change is accepted), the *rejected* text the reverse (what it said before review). A deleted
paragraph mark joins a paragraph to the next one in the accepted text, an inserted one in the rejected text.
Each insertion and deletion is kept with its author and date; Word comments with their author, date, text and
the paragraph they are anchored in.

The file is untrusted: the archive and its parts are bounded (``toolkit.output.fingerprint``), XML is parsed
without DTDs, entities or network, and the number of paragraphs, revisions and comments is bounded.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any

from toolkit.output.fingerprint import UnreadableDocx, open_archive, parse_part, read_part

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MAX_PARAGRAPHS = 20_000
MAX_REVISIONS = 50_000
MAX_COMMENTS = 5_000
_INSERT = ("ins", "moveTo")
_DELETE = ("del", "moveFrom")
_SKIP = ("instrText", "delInstrText", "txbxContent", "pict", "drawing", "object", "footnoteReference")


def w(tag: str) -> str:
    """A WordprocessingML tag in Clark notation."""
    return f"{{{W}}}{tag}"


def local(element: Any) -> str:
    """The tag without its namespace ('' for comments and processing instructions)."""
    tag = element.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


@dataclass(frozen=True)
class Revision:
    """One tracked change: ``insert`` or ``delete``, by whom and when, and the text it inserted or deleted."""

    kind: str
    author: str
    date: str
    text: str
    paragraph: int  # index into EditedDocx.paragraphs


@dataclass(frozen=True)
class ReviewComment:
    """A Word comment (批注) with the paragraph it is anchored in (-1 when it is not anchored in the body)."""

    id: str
    author: str
    initials: str
    date: str
    text: str
    paragraph: int


@dataclass
class EditedParagraph:
    """A paragraph of the edited document: its accepted and rejected text (None when it is not in that view)."""

    accepted: str | None
    rejected: str | None
    revisions: list[Revision] = field(default_factory=list)


@dataclass
class EditedDocx:
    """An edited .docx as read: non-empty paragraphs in order, every revision and comment."""

    paragraphs: list[EditedParagraph]
    revisions: list[Revision]
    comments: list[ReviewComment]


@dataclass
class _Raw:
    """One ``w:p`` as read."""

    accepted: list[str] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)
    mark_inserted: bool = False
    mark_deleted: bool = False
    revisions: list[tuple[str, str, str, str]] = field(default_factory=list)
    comment_ids: list[str] = field(default_factory=list)


def read_edited_docx(data: bytes) -> EditedDocx:
    """Read an edited .docx; raise UnreadableDocx for a file that is not one or is out of bounds."""
    archive = open_archive(data)
    document_xml = read_part(archive, "word/document.xml")
    if document_xml is None:
        raise UnreadableDocx("不是 Word 文档（缺少 word/document.xml）")
    body = parse_part(document_xml, "word/document.xml").find(w("body"))
    if body is None:
        raise UnreadableDocx("Word 文档没有正文")
    raws = [read_paragraph(p) for p in body_paragraphs(body)]
    comments_xml = read_part(archive, "word/comments.xml")
    comment_texts = read_comments(comments_xml) if comments_xml else {}
    return assemble(raws, comment_texts)


def body_paragraphs(body: Any) -> list[Any]:
    """The body's paragraphs in order: top level, in tables and in content controls (not in text boxes)."""
    out: list[Any] = []
    stack = list(reversed(list(body)))
    while stack:
        element = stack.pop()
        name = local(element)
        if name == "p":
            out.append(element)
            if len(out) > MAX_PARAGRAPHS:
                raise UnreadableDocx(f"段落超过 {MAX_PARAGRAPHS} 个")
        elif name in ("tbl", "tr", "tc", "sdt", "sdtContent", "customXml", "smartTag"):
            stack.extend(reversed(list(element)))
    return out


def read_paragraph(paragraph: Any) -> _Raw:
    """The accepted and rejected text of one paragraph, its revisions and the comments anchored in it."""
    raw = _Raw()
    mark = paragraph.find(f"{w('pPr')}/{w('rPr')}")
    if mark is not None:
        raw.mark_inserted = mark.find(w("ins")) is not None
        raw.mark_deleted = mark.find(w("del")) is not None
    walk(paragraph, raw, inserted=False, deleted=False)
    return raw


def walk(element: Any, raw: _Raw, *, inserted: bool, deleted: bool) -> None:
    """Collect text below ``element`` into the accepted and rejected views (iteratively, so depth is no risk)."""
    stack: list[tuple[Any, bool, bool]] = [(child, inserted, deleted) for child in reversed(list(element))]
    while stack:
        node, ins, dele = stack.pop()
        name = local(node)
        if name in ("pPr", "rPr", *_SKIP) or not name:
            continue
        if name in _INSERT or name in _DELETE:
            kind = "insert" if name in _INSERT else "delete"
            text = "".join(t.text or "" for t in node.iter(w("t"), w("delText")))
            if text:
                raw.revisions.append((kind, str(node.get(w("author"), "")), str(node.get(w("date"), "")), text))
            ins, dele = ins or name in _INSERT, dele or name in _DELETE
        elif name == "commentRangeStart":
            raw.comment_ids.append(str(node.get(w("id"), "")))
        elif name in ("t", "delText", "tab", "noBreakHyphen"):
            text = {"tab": "\t", "noBreakHyphen": "-"}.get(name, node.text or "")
            if not dele and name != "delText":
                raw.accepted.append(text)
            if not ins:
                raw.rejected.append(text)
        stack.extend((child, ins, dele) for child in reversed(list(node)))


def read_comments(data: bytes) -> dict[str, tuple[str, str, str, str]]:
    """Comment id → (author, initials, date, text)."""
    out: dict[str, tuple[str, str, str, str]] = {}
    for comment in parse_part(data, "word/comments.xml").findall(w("comment")):
        if len(out) >= MAX_COMMENTS:
            raise UnreadableDocx(f"批注超过 {MAX_COMMENTS} 条")
        paragraphs = ["".join(t.text or "" for t in p.iter(w("t"))) for p in comment.iter(w("p"))]
        out[str(comment.get(w("id"), ""))] = (
            str(comment.get(w("author"), "")),
            str(comment.get(w("initials"), "")),
            str(comment.get(w("date"), "")),
            "\n".join(paragraphs).strip(),
        )
    return out


def assemble(raws: list[_Raw], comment_texts: dict[str, tuple[str, str, str, str]]) -> EditedDocx:
    """Join paragraphs across changed paragraph marks and pair the accepted and rejected views."""
    paragraphs: list[EditedParagraph] = []
    revisions: list[Revision] = []
    anchored: dict[str, int] = {}
    unit: list[_Raw] = []
    for k, raw in enumerate(raws):
        unit.append(raw)
        if (raw.mark_inserted or raw.mark_deleted) and k + 1 < len(raws):
            continue
        first = len(paragraphs)
        paragraphs += pair_views(unit)
        at = min(first, len(paragraphs) - 1) if paragraphs else 0
        for member in unit:
            for kind, author, date, text in member.revisions:
                revisions.append(Revision(kind, author, date, text, at))
                if len(revisions) > MAX_REVISIONS:
                    raise UnreadableDocx(f"修订超过 {MAX_REVISIONS} 处")
            anchored.update({cid: at for cid in member.comment_ids})
        unit = []
    for revision in revisions:
        if paragraphs:
            paragraphs[revision.paragraph].revisions.append(revision)
    comments = [
        ReviewComment(cid, author, initials, date, text, anchored.get(cid, -1))
        for cid, (author, initials, date, text) in comment_texts.items()
    ]
    return EditedDocx(paragraphs, revisions, comments)


def split_view(unit: list[_Raw], accepted: bool) -> list[str]:
    """The paragraphs of a unit in one view: a mark changed in the other view's way joins two paragraphs."""
    out: list[str] = []
    current = ""
    for k, raw in enumerate(unit):
        current += "".join(raw.accepted if accepted else raw.rejected)
        joined = raw.mark_deleted if accepted else raw.mark_inserted
        if not joined or k == len(unit) - 1:
            out.append(current.strip())
            current = ""
    return out


def pair_views(unit: list[_Raw]) -> list[EditedParagraph]:
    """Pair the accepted and rejected paragraphs of a unit; empty paragraphs (blank lines) are left out."""
    accepted = [p for p in split_view(unit, True) if p]
    rejected = [p for p in split_view(unit, False) if p]
    if accepted == rejected:
        return [EditedParagraph(p, p) for p in accepted]
    out: list[EditedParagraph] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, rejected, accepted, autojunk=False).get_opcodes():
        if tag == "equal":
            out += [EditedParagraph(p, p) for p in rejected[i1:i2]]
            continue
        old, new = rejected[i1:i2], accepted[j1:j2]
        paired = min(len(old), len(new))
        out += [EditedParagraph(new[k], old[k]) for k in range(paired)]
        out += [EditedParagraph(None, r) for r in old[paired:]]
        out += [EditedParagraph(a, None) for a in new[paired:]]
    return out
