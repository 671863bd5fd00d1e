"""The fingerprint of a build: which tool, which YAML (its SHA-256) and which body the .docx was written with.

Stored as custom document properties named ``govreport.*`` (``docProps/custom.xml``), which Word, WPS and
LibreOffice keep when they save the file. ``absorb`` reads it to know which version of the YAML the edits
started from; ``build`` can compare ``body_sha256`` with the file it is about to replace.

``body_sha256`` is the SHA-256 of the ``word/document.xml`` part as written (``body_sha256_of``). The .docx is
treated as untrusted input when read: the archive and the part are bounded in size and parsed without DTDs,
entities or network access.

Why two XML libraries: lxml (``parse_part``, the general ``stamp_docx``) is the parser of record for parts, but
takes longer to import than a build of the sample takes to run. Reading the provenance (every rebuild over an
earlier output does) uses the standard library's parser on a part refused outright if it declares a DTD, and
stamping a package without custom properties (every package the toolkit writes) is plain text insertion, proved
equal to the lxml path by ``tests/output/test_fingerprint.py``. lxml is imported only when needed.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import time
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, fields
from functools import cached_property, partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from toolkit.output.ziparchive import Content, Entry, raw_entries, write_zip

if TYPE_CHECKING:
    from lxml import etree

PREFIX = "govreport."
CUSTOM_PART = "docProps/custom.xml"
BODY_PART = "word/document.xml"
TYPES_PART = "[Content_Types].xml"
RELS_PART = "_rels/.rels"
CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
TYPES_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CUSTOM_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
CUSTOM_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"  # the one format id of user-defined properties
MAX_ARCHIVE = 64 * 1024 * 1024  # bytes of a .docx we are willing to open
MAX_PART = 64 * 1024 * 1024  # uncompressed bytes of one part
MAX_ENTRIES = 5000


@dataclass(frozen=True)
class Provenance:
    """What a .docx was built from and with."""

    tool_version: str
    source_name: str
    source_sha256: str
    body_sha256: str
    built_at: str  # ISO 8601, UTC
    fmt: str


class UnreadableDocx(ValueError):
    """The bytes are not a .docx this module is willing to read (not a zip, too large, broken XML)."""


def sha256(data: bytes) -> str:
    """Hex SHA-256 of bytes."""
    return hashlib.sha256(data).hexdigest()


def safe_parser() -> etree.XMLParser:
    """An XML parser for untrusted parts: no DTD, no entities, no network, no huge trees."""
    from lxml import etree

    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def open_archive(data: bytes) -> zipfile.ZipFile:
    """A bounded zip archive from bytes; raise UnreadableDocx for anything else."""
    if len(data) > MAX_ARCHIVE:
        raise UnreadableDocx(f"文件过大（{len(data) // 1024 // 1024} MB）")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError) as exc:
        raise UnreadableDocx("不是 .docx 文件（无法按 zip 打开）") from exc
    if len(archive.infolist()) > MAX_ENTRIES:
        raise UnreadableDocx("文件中的部件过多")
    return archive


def read_part(archive: zipfile.ZipFile, name: str) -> bytes | None:
    """One part's bytes, bounded in size; None when the archive has no such part."""
    try:
        info = archive.getinfo(name)
    except KeyError:
        return None
    if info.file_size > MAX_PART:
        raise UnreadableDocx(f"部件 {name} 过大")
    try:
        with archive.open(info) as handle:
            data = handle.read(MAX_PART + 1)
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, NotImplementedError) as exc:
        raise UnreadableDocx(f"部件 {name} 已损坏") from exc
    if len(data) > MAX_PART:
        raise UnreadableDocx(f"部件 {name} 过大")
    return data


def parse_part(data: bytes, name: str) -> Any:
    """Parse an XML part with the safe parser."""
    from lxml import etree

    try:
        return etree.fromstring(data, safe_parser())
    except etree.XMLSyntaxError as exc:
        raise UnreadableDocx(f"部件 {name} 不是有效的 XML") from exc


def parse_small_part(data: bytes, name: str) -> Any:
    """Parse a small XML part with the standard library's parser; a part that declares a DTD is refused.

    Without a DTD no entity but the five predefined ones can occur, and expat fetches nothing.
    """
    import xml.etree.ElementTree as ElementTree

    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise UnreadableDocx(f"部件 {name} 含有 DTD，不予读取")
    try:
        return ElementTree.fromstring(data)
    except ElementTree.ParseError as exc:
        raise UnreadableDocx(f"部件 {name} 不是有效的 XML") from exc


class Package:
    """A .docx opened once (bounded, as untrusted input) for every question asked of it: its body's hash, its
    provenance, a stamped copy. Raises UnreadableDocx when it cannot be opened."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.archive = open_archive(data)

    def body_sha256(self) -> str:
        """The SHA-256 of ``word/document.xml`` (the body as written)."""
        return sha256(read_part(self.archive, BODY_PART) or b"")

    def provenance(self) -> Provenance | None:
        """The provenance stamped into the package, or None when it has none (or not all of it)."""
        custom_xml = read_part(self.archive, CUSTOM_PART)
        if custom_xml is None:
            return None
        values: dict[str, str] = {}
        for prop in parse_small_part(custom_xml, CUSTOM_PART).findall(f"{{{CUSTOM_NS}}}property"):
            name = str(prop.get("name", ""))
            if name.startswith(PREFIX):
                values[name[len(PREFIX) :]] = "".join(prop.itertext()).strip()
        names = [f.name for f in fields(Provenance)]
        if not all(values.get(n) for n in ("source_sha256", "tool_version")):
            return None
        return Provenance(**{n: values.get(n, "") for n in names})

    def stamped(self, provenance: Provenance) -> bytes:
        """The same .docx with the provenance as ``govreport.*`` custom properties (other properties are kept)."""
        data, archive = self.data, self.archive
        custom_xml = read_part(archive, CUSTOM_PART)
        if custom_xml is None:
            types, rels = read_part(archive, TYPES_PART), read_part(archive, RELS_PART)
            inserted = _inserted(types, rels, provenance)
            if inserted is not None:
                return rewrite_archive(data, inserted, archive)
        from lxml import etree

        root = (
            parse_part(custom_xml, CUSTOM_PART)
            if custom_xml
            else etree.Element(f"{{{CUSTOM_NS}}}Properties", nsmap={None: CUSTOM_NS, "vt": VT_NS})
        )
        for prop in root.findall(f"{{{CUSTOM_NS}}}property"):
            if str(prop.get("name", "")).startswith(PREFIX):
                root.remove(prop)
        pid = max([int(p.get("pid", "1")) for p in root.findall(f"{{{CUSTOM_NS}}}property")] + [1])
        for name, value in asdict(provenance).items():
            pid += 1
            prop = etree.SubElement(root, f"{{{CUSTOM_NS}}}property", fmtid=FMTID, pid=str(pid), name=PREFIX + name)
            etree.SubElement(prop, f"{{{VT_NS}}}lpwstr").text = str(value)
        replaced = {CUSTOM_PART: xml_bytes(root)}
        types = parse_part(read_part(archive, TYPES_PART) or b"", TYPES_PART)
        if not any(o.get("PartName") == f"/{CUSTOM_PART}" for o in types.findall(f"{{{TYPES_NS}}}Override")):
            etree.SubElement(types, f"{{{TYPES_NS}}}Override", PartName=f"/{CUSTOM_PART}", ContentType=CUSTOM_TYPE)
        replaced[TYPES_PART] = xml_bytes(types)
        rels = parse_part(read_part(archive, RELS_PART) or b"", RELS_PART)
        if not any(r.get("Type") == CUSTOM_REL for r in rels.findall(f"{{{RELS_NS}}}Relationship")):
            ids = {r.get("Id") for r in rels.findall(f"{{{RELS_NS}}}Relationship")}
            new_id = next(f"rId{n}" for n in range(1, len(ids) + 2) if f"rId{n}" not in ids)
            etree.SubElement(rels, f"{{{RELS_NS}}}Relationship", Id=new_id, Type=CUSTOM_REL, Target=CUSTOM_PART)
        replaced[RELS_PART] = xml_bytes(rels)
        return rewrite_archive(data, replaced, archive)


class Assembled:
    """A .docx whose parts its writer has in hand (``toolkit.writers.fastdocx``): the same answers and bytes as
    ``Package`` on its ``data``, without opening that archive again (``tests/output/test_fingerprint.py``).

    ``entries`` are the parts in order as stored, ``body`` is ``word/document.xml`` as written, ``types`` and
    ``rels`` are ``[Content_Types].xml`` and ``_rels/.rels`` as stored in the entries.
    """

    def __init__(
        self, entries: Sequence[Entry | Content], body: bytes, types: bytes | None, rels: bytes | None
    ) -> None:
        self.entries = tuple(entries)
        self.body, self.types, self.rels = body, types, rels

    @cached_property
    def data(self) -> bytes:
        """The package's bytes."""
        return write_zip(self.entries)

    def body_sha256(self) -> str:
        """The SHA-256 of ``word/document.xml``."""
        return sha256(self.body)

    def stamped(self, provenance: Provenance) -> bytes:
        """As ``Package.stamped`` on ``data``: the provenance inserted as text when the package has no custom
        properties yet, else the general path on the archive."""
        return self.stamping(provenance)()

    def stamping(self, provenance: Provenance) -> Callable[[], bytes]:
        """``stamped``, decided now and put together when called: what may be refused (a value XML cannot hold)
        is refused here, and the call only deflates and writes the archive (``toolkit.output.atomic`` may make
        it on its background thread)."""
        inserted = None
        if all(entry.name != CUSTOM_PART for entry in self.entries):
            inserted = _inserted(self.types, self.rels, provenance)
        if inserted is None:
            data = Package(self.data).stamped(provenance)
            return lambda: data
        entries = [
            entry if entry.name not in inserted else Content(entry.name, inserted.pop(entry.name), entry.date_time)
            for entry in self.entries
        ]
        parts = [*entries, *(Content(name, content) for name, content in inserted.items())]
        return partial(write_zip, parts, time.localtime(time.time())[:6])


def body_sha256_of(data: bytes) -> str:
    """The SHA-256 of a .docx's ``word/document.xml`` (the body as written)."""
    return Package(data).body_sha256()


def stamp_docx(data: bytes, provenance: Provenance) -> bytes:
    """The same .docx with the provenance as ``govreport.*`` custom properties (other properties are kept)."""
    return Package(data).stamped(provenance)


def xml_bytes(root: Any) -> bytes:
    """An XML part as UTF-8 bytes with a standalone declaration, as Office writes them."""
    from lxml import etree

    data: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return data


# Characters XML 1.0 cannot hold (lxml refuses them in text).
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_DECLARATION = b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"


def _inserted(types: bytes | None, rels: bytes | None, provenance: Provenance) -> dict[str, bytes] | None:
    """The parts ``stamp_docx`` writes into a package without custom properties (whose content types and package
    relationships are ``types`` and ``rels``), as text insertions.

    None when a part is not in the shape lxml writes (one root closed once at the end, nothing of the custom
    properties yet): then the general path decides. The bytes equal what that path writes.
    """
    types_end, rels_end = b"</Types>", b"</Relationships>"
    if types is None or rels is None or not (types.startswith(_DECLARATION) and rels.startswith(_DECLARATION)):
        return None
    if not (types.endswith(types_end) and rels.endswith(rels_end)) or types.count(types_end) != 1:
        return None
    if rels.count(rels_end) != 1 or CUSTOM_PART.encode() in types or CUSTOM_REL.encode() in rels:
        return None
    if any(NOT_XML.search(value) for value in asdict(provenance).values()):
        return None  # lxml refuses what XML cannot hold: its error stays its error
    ids = set(re.findall(rb'\bId="([^"]*)"', rels))
    new_id = next(f"rId{n}" for n in range(1, len(ids) + 2) if f"rId{n}".encode() not in ids)
    override = f'<Override PartName="/{CUSTOM_PART}" ContentType="{CUSTOM_TYPE}"/>'.encode()
    relation = f'<Relationship Id="{new_id}" Type="{CUSTOM_REL}" Target="{CUSTOM_PART}"/>'.encode()
    props = "".join(
        f'<property fmtid="{FMTID}" pid="{pid}" name="{PREFIX}{name}"><vt:lpwstr>{_text(str(value))}</vt:lpwstr>'
        "</property>"
        for pid, (name, value) in enumerate(asdict(provenance).items(), start=2)
    )
    custom = f'<Properties xmlns="{CUSTOM_NS}" xmlns:vt="{VT_NS}">{props}</Properties>'
    return {
        CUSTOM_PART: _DECLARATION + custom.encode("utf-8"),
        TYPES_PART: types[: -len(types_end)] + override + types_end,
        RELS_PART: rels[: -len(rels_end)] + relation + rels_end,
    }


def _text(value: str) -> str:
    """Text content escaped as libxml2 escapes it (``&``, ``<``, ``>`` and carriage returns)."""
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


def rewrite_archive(data: bytes, replaced: dict[str, bytes], archive: zipfile.ZipFile | None = None) -> bytes:
    """A copy of the archive with some parts replaced or added (order and dates kept, new parts last).

    The other parts are copied as stored, not inflated and deflated again (``toolkit.output.ziparchive``);
    ``archive`` is the archive already open on ``data``, if any.
    """
    replaced = dict(replaced)
    entries: list[Entry | Content] = []
    for entry in raw_entries(data, archive):
        content = replaced.pop(entry.name, None)
        entries.append(entry if content is None else Content(entry.name, content, entry.date_time))
    entries += [Content(name, content) for name, content in replaced.items()]
    return write_zip(entries)


def read_docx_provenance(source: Path | str | bytes) -> Provenance | None:
    """The provenance stamped into a .docx, or None when it has none (or not all of it).

    Raises UnreadableDocx when the file is not a .docx that can be read safely, OSError when it cannot be read.
    """
    data = source if isinstance(source, bytes) else Path(source).read_bytes()
    return Package(data).provenance()


# Formats without custom properties (pdf, md, txt, json): a JSON sidecar ``.<name>.govreport`` next to the output,
# whose ``body_sha256`` is the SHA-256 of the whole file. The output itself stays exactly what was rendered.
MAX_SIDECAR = 64 * 1024


def sidecar_path(path: Path) -> Path:
    """Where the provenance of a non-docx output is kept: ``.<name>.govreport`` in the same folder."""
    return path.with_name(f".{path.name}.govreport")


def sidecar_bytes(provenance: Provenance) -> bytes:
    """The sidecar's content."""
    return (json.dumps(asdict(provenance), ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def read_sidecar(path: Path) -> Provenance | None:
    """The provenance recorded next to a non-docx output, or None when there is none or it is unreadable."""
    try:
        raw = sidecar_path(path).read_bytes()
        data = json.loads(raw.decode("utf-8")) if len(raw) <= MAX_SIDECAR else None
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict):
        return None
    values = [data.get(f.name) for f in fields(Provenance)]
    if not all(isinstance(v, str) for v in values):
        return None
    return Provenance(*(str(v) for v in values))
