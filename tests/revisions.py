"""Edit a .docx as a reviewer does in Word with track changes on: w:ins / w:del revision marks by an author.

Used by tests/workflow/test_absorb.py. Works on python-docx paragraphs; a run is split where an edit starts or
ends, and the split runs keep the original run's formatting.
"""

from __future__ import annotations

import copy
import itertools
from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

AUTHOR = "李主任"
DATE = "2026-03-02T09:30:00Z"
_ids = itertools.count(9000)


def revision(tag: str, author: str = AUTHOR, date: str = DATE) -> Any:
    element = OxmlElement(f"w:{tag}")
    element.set(qn("w:id"), str(next(_ids)))
    element.set(qn("w:author"), author)
    element.set(qn("w:date"), date)
    return element


def run_text(run: Any) -> str:
    return "".join(t.text or "" for t in run.findall(qn("w:t")))


def set_run_text(run: Any, text: str, tag: str = "w:t") -> None:
    for t in run.findall(qn("w:t")) + run.findall(qn("w:delText")):
        run.remove(t)
    element = OxmlElement(tag)
    element.set(qn("xml:space"), "preserve")
    element.text = text
    run.append(element)


def split_at(paragraph: Any, offset: int) -> None:
    """Make ``offset`` (in the paragraph's text) a run boundary."""
    position = 0
    for run in paragraph._p.findall(qn("w:r")):
        text = run_text(run)
        if position < offset < position + len(text):
            cut = offset - position
            after = copy.deepcopy(run)
            set_run_text(run, text[:cut])
            set_run_text(after, text[cut:])
            run.addnext(after)
            return
        position += len(text)


def runs_between(paragraph: Any, start: int, end: int) -> list[Any]:
    split_at(paragraph, start)
    split_at(paragraph, end)
    out, position = [], 0
    for run in paragraph._p.findall(qn("w:r")):
        text = run_text(run)
        if start <= position < end and text:
            out.append(run)
        position += len(text)
    return out


def replace_tracked(paragraph: Any, old: str, new: str, *, occurrence_of: str | None = None) -> None:
    """Delete ``old`` (found inside ``occurrence_of`` when given) and insert ``new`` in its place, tracked."""
    text = paragraph.text
    context = occurrence_of or old
    start = text.index(context) + context.index(old)
    runs = runs_between(paragraph, start, start + len(old))
    deleted = revision("del")
    runs[0].addprevious(deleted)
    for run in runs:
        set_run_text(run, run_text(run), "w:delText")
        deleted.append(run)
    if new:
        inserted = revision("ins")
        added = copy.deepcopy(runs[0])
        set_run_text(added, new)
        inserted.append(added)
        deleted.addnext(inserted)


def delete_tracked(paragraph: Any, start: int, end: int) -> None:
    """Delete the text between two offsets, tracked."""
    replace_tracked(paragraph, paragraph.text[start:end], "", occurrence_of=None)


def insert_paragraph_after(paragraph: Any, text: str) -> None:
    """A new paragraph after ``paragraph``, its text and its paragraph mark marked as inserted."""
    new = copy.deepcopy(paragraph._p)
    for child in list(new):
        if child.tag != qn("w:pPr"):
            new.remove(child)
    ppr = new.find(qn("w:pPr"))
    if ppr is None:
        ppr = OxmlElement("w:pPr")
        new.insert(0, ppr)
    rpr = ppr.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        ppr.append(rpr)
    rpr.append(revision("ins"))
    inserted = revision("ins")
    run = OxmlElement("w:r")
    set_run_text(run, text)
    inserted.append(run)
    new.append(inserted)
    paragraph._p.addnext(new)


def add_comment(document: Any, paragraph: Any, text: str, author: str = AUTHOR) -> None:
    """A reviewer's comment on a paragraph's first run."""
    document.add_comment(paragraph.runs[0], text=text, author=author, initials="LZR")
