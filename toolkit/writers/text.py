"""Plain-text and Markdown writers."""

from __future__ import annotations

from toolkit.compose.document import Document, Heading, Paragraph, Signature, Title, plain

INDENT = "\u3000\u3000"


def write_txt(doc: Document) -> str:
    """One paragraph a line; body paragraphs indented by two full-width spaces."""
    lines: list[str] = []
    for block in doc.blocks:
        if isinstance(block, Title):
            lines += [plain(block.text), ""]
        elif isinstance(block, Heading):
            lines.append(INDENT + plain(f"{block.number}{block.text}{block.run_in}"))
        elif isinstance(block, Paragraph):
            lines.append(INDENT + plain(block.text))
        elif isinstance(block, Signature):
            lines += ["", plain(block.issuer), plain(block.date)]
    return "\n".join(lines) + "\n"


def write_md(doc: Document) -> str:
    """Markdown: # title, ## to #### for heading levels 1–3, run-in text after a bold level-3 heading."""
    out: list[str] = []
    for block in doc.blocks:
        if isinstance(block, Title):
            out.append(f"# {plain(block.text)}")
        elif isinstance(block, Heading) and block.run_in:
            out.append(f"**{block.number}{plain(block.text)}**{plain(block.run_in)}")
        elif isinstance(block, Heading):
            out.append(f"{'#' * (block.level + 1)} {block.number}{plain(block.text)}")
        elif isinstance(block, Paragraph):
            out.append(plain(block.text))
        elif isinstance(block, Signature):
            out.append(f'<p align="right">{plain(block.issuer)}<br>{plain(block.date)}</p>')
    return "\n\n".join(out) + "\n"
