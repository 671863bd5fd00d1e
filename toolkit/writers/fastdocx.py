"""The .docx fast path: the base package built once by the writer of record, then only two parts per report.

python-docx (``toolkit.writers.docx``) stays the writer of record. It builds the base package for a set of options:
the GB/T 9704 style pack, page, footers and fonts, or an organisation's reference document, with a marker paragraph
in the body and a marker title in the core properties. That package is kept per process and on disk
(``GOVREPORT_CACHE_DIR``, else ``$XDG_CACHE_HOME/govreport`` or ``~/.cache/govreport``), keyed by the options, the
writer's source and the python-docx and lxml installs, so a stale base is never used and a later process needs
neither python-docx nor the style pack. Per report, ``word/document.xml`` and ``docProps/core.xml`` are written as
text around the markers, exactly as python-docx's ``add_paragraph``, ``add_run``, ``add_break`` and
``highlight_color`` would serialise them (lxml's escaping, ``xml:space``, ``w:tab`` and ``w:br``, style ids resolved
by python-docx when the base was built); every other part is copied as deflated once per process
(``toolkit.output.ziparchive``). ``tests/writers/test_fastdocx.py`` proves each part byte-identical to the writer of
record for every option set. Text the fast path does not cover (characters XML cannot hold, a title over 255
characters) goes to the writer of record, so errors stay its errors. ``GOVREPORT_DOCX_WRITER=record`` forces it.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import tempfile
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, replace
from importlib.util import find_spec
from pathlib import Path

from toolkit.compose.document import (
    HIGHLIGHT_END,
    HIGHLIGHT_START,
    Block,
    Document,
    Flush,
    Heading,
    Paragraph,
    Signature,
    Table,
    Title,
    plain,
)
from toolkit.output.fingerprint import (  # NOT_XML: characters lxml refuses; the writer of record decides
    BODY_PART,
    NOT_XML,
    RELS_PART,
    TYPES_PART,
    Assembled,
)
from toolkit.output.ziparchive import Content, Entry, raw_entries
from toolkit.writers.comments import AUTHOR, Note
from toolkit.writers.layout import signature_indents, title_lines
from toolkit.writers.options import StyleOptions

CORE_PART = "docProps/core.xml"
STYLES_ENTRY = "govreport-fastpath.json"  # style ids, stored in the cached base only
BODY_MARK = "govreport_fastpath_body_7d1c"
TITLE_MARK = "govreport_fastpath_title_7d1c"
MARK_PARAGRAPH = f"<w:p><w:r><w:t>{BODY_MARK}</w:t></w:r></w:p>"
PARAGRAPH_STYLES = ("Title", "Heading 1", "Heading 2", "Heading 3", "Heading 4", "Signature", "Date")
CHAR_STYLES = ("Heading 3 Char",)
CHAR_TWIPS = 320  # as toolkit.writers.docx
_CACHE_VERSION = "1"


@dataclass(frozen=True)
class Base:
    """A base package split around its markers; ``styles`` maps a style name to its id (None: the default)."""

    entries: tuple[Entry, ...]  # the parts in order, deflated once as ``zipfile`` deflates them
    body_head: str
    body_tail: str
    core_head: str
    core_tail: str
    styles: dict[str, str | None]
    types: bytes | None  # [Content_Types].xml and _rels/.rels as stored, for stamping (``Assembled``)
    rels: bytes | None


_BASES: dict[str, Base] = {}


def write_docx(doc: Document, options: StyleOptions | None = None, notes: Sequence[Note] = ()) -> bytes:
    """The report as .docx bytes: the fast path when it applies (no comments), else the writer of record."""
    package = package_docx(doc, options, notes)
    return package if isinstance(package, bytes) else package.data


def package_docx(doc: Document, options: StyleOptions | None = None, notes: Sequence[Note] = ()) -> Assembled | bytes:
    """As ``write_docx``; from the fast path, the package with its parts in hand (stamped without reopening it)."""
    options = options or StyleOptions()
    if not notes and os.environ.get("GOVREPORT_DOCX_WRITER") != "record":
        assembled = assemble_fast(doc, options)
        if assembled is not None:
            return assembled
    from toolkit.writers.docx import write_docx as write_record

    return write_record(doc, options, notes)


def assemble_fast(doc: Document, options: StyleOptions) -> Assembled | None:
    """The fast path's package, or None when the document holds something only the writer of record may decide."""
    if any(isinstance(block, Table) for block in doc.blocks):
        return None  # tables (python-docx's grid and cell layout) stay with the writer of record
    texts = [doc.title, *block_texts(doc)]
    if len(doc.title) > 255:
        return None
    if NOT_XML.search("".join(texts)) and any(NOT_XML.search(plain(text)) for text in texts):
        return None  # (marks hold no such character: without one in the texts as they are, there is none)
    base = base_for(options)
    body = base.body_head + "".join(block_xml(b, base.styles, options.sealed) for b in doc.blocks) + base.body_tail
    core = base.core_head + escape_text(doc.title) + base.core_tail
    replaced = {BODY_PART: body.encode("utf-8"), CORE_PART: core.encode("utf-8")}
    entries = [Content(e.name, replaced[e.name]) if e.name in replaced else e for e in base.entries]
    return Assembled(entries, replaced[BODY_PART], base.types, base.rels)


def block_texts(doc: Document) -> list[str]:
    """Every text of the document's blocks."""
    out: list[str] = []
    for block in doc.blocks:
        if isinstance(block, Heading):
            out += [block.number, block.text, block.run_in]
        elif isinstance(block, Signature):
            out += [block.issuer, block.date]
        elif isinstance(block, Title | Paragraph | Flush):
            out.append(block.text)
    return out


# ---------------------------------------------------------------------------------------------- document.xml


def block_xml(block: Block, styles: dict[str, str | None], sealed: bool) -> str:
    """One block as python-docx writes it in ``toolkit.writers.docx.write_block``."""
    if isinstance(block, Title):
        lines = title_lines(plain(block.text))
        inner = "".join(("<w:r><w:br/></w:r>" if k else "") + runs_xml(line) for k, line in enumerate(lines))
        return paragraph_xml(p_pr(styles, "Title"), inner) + "<w:p/>"
    if isinstance(block, Heading) and block.run_in and block.level >= 3:
        head = runs_xml(f"{block.number}{block.text}", styled=True, style_id=styles["Heading 3 Char"])
        inner = head + runs_xml(block.run_in)
        return paragraph_xml("", inner)
    if isinstance(block, Heading):
        text = f"{block.number}{block.text}{block.run_in}"
        return paragraph_xml(p_pr(styles, f"Heading {min(block.level, 4)}"), runs_xml(text))
    if isinstance(block, Paragraph):
        return paragraph_xml("", runs_xml(block.text))
    if isinstance(block, Flush):
        return paragraph_xml('<w:pPr><w:ind w:firstLineChars="0" w:firstLine="0"/></w:pPr>', runs_xml(block.text))
    assert isinstance(block, Signature)
    out = "<w:p/>" * (2 if sealed else 1)
    sig_right, date_right = signature_indents(plain(block.issuer), plain(block.date), sealed)
    for text, style, right in ((block.issuer, "Signature", sig_right), (block.date, "Date", date_right)):
        chars = round(right * 100)
        style_id = styles[style]
        pstyle = f'<w:pStyle w:val="{escape_attr(style_id)}"/>' if style_id is not None else ""
        ind = f'<w:ind w:rightChars="{chars}" w:right="{chars * CHAR_TWIPS // 100}"/>'
        out += paragraph_xml(f"<w:pPr>{pstyle}{ind}</w:pPr>", runs_xml(text))
    return out


def p_pr(styles: dict[str, str | None], name: str) -> str:
    """``paragraph.style = name``: a pPr with the style id, an empty pPr for the default style."""
    style_id = styles[name]
    return "<w:pPr/>" if style_id is None else f'<w:pPr><w:pStyle w:val="{escape_attr(style_id)}"/></w:pPr>'


def paragraph_xml(ppr: str, inner: str) -> str:
    """A ``w:p``, self-closed when empty as lxml writes it."""
    return f"<w:p>{ppr}{inner}</w:p>" if ppr or inner else "<w:p/>"


def runs_xml(text: str, *, styled: bool = False, style_id: str | None = None) -> str:
    """``add_runs``: neighbouring runs of the same highlight share one Word run; style and highlight in rPr.

    ``styled`` runs were given a character style: its id, or an empty rPr for the default style.
    """
    out = ""
    for highlight, content in highlight_groups(text):
        rpr = ""
        has_rpr = False
        if styled:
            has_rpr = True
            if style_id is not None:
                rpr += f'<w:rStyle w:val="{escape_attr(style_id)}"/>'
        if highlight:
            has_rpr = True
            rpr += '<w:highlight w:val="yellow"/>'
        inner = (f"<w:rPr>{rpr}</w:rPr>" if rpr else "<w:rPr/>") if has_rpr else ""
        inner += run_content(content)
        out += f"<w:r>{inner}</w:r>" if inner else "<w:r/>"
    return out


_PROVENANCE = re.compile("\ue002[^\ue003\ue004]*\ue003|\ue004")
_HIGHLIGHT = re.compile("([\ue000\ue001])")


def highlight_groups(text: str) -> list[tuple[bool, str]]:
    """``split_runs`` with neighbouring runs of the same highlight joined: (highlighted, text) in order."""
    if "\ue002" in text or "\ue004" in text:
        text = _PROVENANCE.sub("", text)
    if HIGHLIGHT_START not in text and HIGHLIGHT_END not in text:
        return [(False, text)] if text else []
    groups: list[tuple[bool, str]] = []
    highlight = False
    for piece in _HIGHLIGHT.split(text):
        if piece == HIGHLIGHT_START:
            highlight = True
        elif piece == HIGHLIGHT_END:
            highlight = False
        elif piece:
            if groups and groups[-1][0] == highlight:
                groups[-1] = (highlight, groups[-1][1] + piece)
            else:
                groups.append((highlight, piece))
    return groups


_BREAKS = re.compile(r"([\t\r\n])")


def run_content(text: str) -> str:
    """python-docx's ``_RunContentAppender``: ``\\t`` a ``w:tab``, ``\\r``/``\\n`` a ``w:br``, the rest ``w:t``."""
    if "\t" not in text and "\r" not in text and "\n" not in text:
        return t_xml(text) if text else ""
    out = ""
    for piece in _BREAKS.split(text):
        if piece == "\t":
            out += "<w:tab/>"
        elif piece in ("\r", "\n"):
            out += "<w:br/>"
        elif piece:
            out += t_xml(piece)
    return out


def t_xml(text: str) -> str:
    """A ``w:t``, with ``xml:space="preserve"`` when python-docx sets it (whitespace at either end)."""
    if len(text.strip()) < len(text):
        return f'<w:t xml:space="preserve">{escape_text(text)}</w:t>'
    return f"<w:t>{escape_text(text)}</w:t>"


def escape_text(text: str) -> str:
    """Text content as libxml2 escapes it."""
    if "&" in text or "<" in text or ">" in text:
        text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text


def escape_attr(value: str) -> str:
    """An attribute value as libxml2 escapes it."""
    for raw, ref in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ('"', "&quot;")):
        value = value.replace(raw, ref)
    return value.replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")


# ---------------------------------------------------------------------------------------------- base package


def base_for(options: StyleOptions) -> Base:
    """The base package for these options: from this process, else from the disk cache, else built."""
    key = cache_key(options)
    base = _BASES.get(key)
    if base is None:
        base = _BASES[key] = load_or_build(key, options)
    return base


def load_or_build(key: str, options: StyleOptions) -> Base:
    """Read the cached base package, or build it with the writer of record and cache it."""
    folder = cache_dir()
    path = folder / f"base-{key}.docx" if folder else None
    if path is not None and path.is_file():
        try:
            return split_base(path.read_bytes())
        except (OSError, ValueError, KeyError, zipfile.BadZipFile):
            pass  # unreadable or foreign: rebuild and replace it
    data = build_base(options)
    base = split_base(data)
    if path is not None:
        store(path, data)
    return base


def build_base(options: StyleOptions) -> bytes:
    """The writer of record's base package with a marker paragraph and title, and the style ids it resolves."""
    from docx.enum.style import WD_STYLE_TYPE

    from toolkit.writers.docx import add_runs, base_document

    out = base_document(options)
    properties = out.core_properties
    properties.title, properties.author, properties.comments = TITLE_MARK, AUTHOR, ""
    add_runs(out.add_paragraph(), BODY_MARK)
    styles: dict[str, str | None] = {}
    for names, kind in ((PARAGRAPH_STYLES, WD_STYLE_TYPE.PARAGRAPH), (CHAR_STYLES, WD_STYLE_TYPE.CHARACTER)):
        for name in names:
            try:
                styles[name] = out.part.get_style_id(name, kind)
            except (KeyError, ValueError):
                continue  # the writer of record will fail the same way if a report needs it
    buffer = io.BytesIO()
    out.save(buffer)
    with zipfile.ZipFile(buffer, "a", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(STYLES_ENTRY, json.dumps(styles))
    return buffer.getvalue()


def split_base(data: bytes) -> Base:
    """Parts in order as stored (deflated, undated), and document.xml and core.xml cut at their markers."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        table = {name: zf.read(name) for name in (BODY_PART, CORE_PART, STYLES_ENTRY)}
        names = set(zf.namelist())
        types, rels = (zf.read(name) if name in names else None for name in (TYPES_PART, RELS_PART))
    body = table[BODY_PART].decode("utf-8")
    core = table[CORE_PART].decode("utf-8")
    if body.count(MARK_PARAGRAPH) != 1 or core.count(TITLE_MARK) != 1:
        raise ValueError("base package without its markers")
    body_head, body_tail = body.split(MARK_PARAGRAPH)
    core_head, core_tail = core.split(TITLE_MARK)
    styles = json.loads(table[STYLES_ENTRY])
    entries = tuple(replace(e, date_time=None) for e in raw_entries(data) if e.name != STYLES_ENTRY)
    return Base(entries, body_head, body_tail, core_head, core_tail, styles, types, rels)


def cache_dir() -> Path | None:
    """Where base packages are kept; None when caching on disk is off (``GOVREPORT_CACHE_DIR=""``)."""
    configured = os.environ.get("GOVREPORT_CACHE_DIR")
    if configured is not None:
        return Path(configured) if configured else None
    root = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(root) / "govreport"


def store(path: Path, data: bytes) -> None:
    """Write the cache file atomically; a cache that cannot be written is simply not kept."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".base-", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except OSError:
        return


def cache_key(options: StyleOptions) -> str:
    """A digest of everything the base package depends on."""
    digest = hashlib.sha256(_CACHE_VERSION.encode())
    digest.update(repr((options.font_profile, options.bold_level3, options.sealed)).encode())
    if options.reference_doc is not None:
        try:
            digest.update(options.reference_doc.read_bytes())
        except OSError:
            digest.update(str(options.reference_doc).encode())
    digest.update(_install_fingerprint())
    return digest.hexdigest()[:32]


_FINGERPRINT: list[bytes] = []


def _install_fingerprint() -> bytes:
    """The writer's own source and the python-docx and lxml installs (by file size and time), once a process."""
    if not _FINGERPRINT:
        digest = hashlib.sha256()
        for source in sorted(Path(__file__).parent.glob("*.py")):
            digest.update(source.name.encode() + source.read_bytes())
        for package, extra in (("docx", "templates/default.docx"), ("lxml", "etree*.so")):
            spec = find_spec(package)
            if spec is None or spec.origin is None:
                continue
            origin = Path(spec.origin)
            for path in [origin, *sorted(origin.parent.glob(extra))]:
                stat = path.stat()
                digest.update(f"{path}:{stat.st_size}:{stat.st_mtime_ns}".encode())
        _FINGERPRINT.append(digest.digest())
    return _FINGERPRINT[0]
