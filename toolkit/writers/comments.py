"""Findings as Word comments (批注) in a draft: where each one is anchored and what it says.

A finding points at the YAML (a metric's value, a rule, a text field); the composer marks every run of the
document tree with the YAML path and the metric it came from (``toolkit.compose.document.Run``). A finding is
anchored on the run of the figure it concerns (a missing figure's placeholder, the first figure of a failed
rule), else on the runs of the text field it names, else on the runs of the nearest enclosing part, else on
the title. Kept free of python-docx: the .docx writer adds the comments.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from toolkit.compose.document import Document, Run, block_runs
from toolkit.diagnostics.catalogue import title
from toolkit.diagnostics.finding import Finding, Location

AUTHOR = "govreport"
INITIALS = "GR"
_METRIC = re.compile(r"\.metrics\.([a-z][a-z0-9_]*)")
# The form of a figure a comment prefers to sit on.
_FORM_ORDER = {"value": 0, "number": 1, "growth": 2}


@dataclass(frozen=True)
class Note:
    """A comment on runs ``first``..``last`` (indices into ``block_runs``) of block ``block``."""

    block: int
    first: int
    last: int
    text: str
    code: str = ""


def metric_of(location: Location) -> str | None:
    """The metric a location's data path is inside, if any."""
    match = _METRIC.search(location.path)
    return match.group(1) if match else None


def within(source: str | None, path: str) -> bool:
    """True when a run's field path is ``path`` or inside it."""
    return source is not None and (source == path or source.startswith((f"{path}.", f"{path}[")))


def parent_path(path: str) -> str:
    """A dotted path one step up: ``a.b[2]`` → ``a.b``, ``a.b`` → ``a``."""
    cut = max(path.rfind("."), path.rfind("["))
    return path[:cut] if cut > 0 else ""


@dataclass
class Anchors:
    """The runs of a document, searchable by metric and by field path."""

    runs: list[list[Run]]

    @classmethod
    def of(cls, doc: Document) -> Anchors:
        return cls([block_runs(b) for b in doc.blocks])

    def metric(self, name: str) -> tuple[int, int, int] | None:
        """The run showing a metric (its value form first)."""
        best: tuple[int, int, int, int] | None = None
        for b, runs in enumerate(self.runs):
            for r, run in enumerate(runs):
                if run.metric == name:
                    rank = _FORM_ORDER.get(run.form or "", 3)
                    if best is None or rank < best[0]:
                        best = (rank, b, r, r)
        return None if best is None else best[1:]

    def field(self, path: str) -> tuple[int, int, int] | None:
        """The runs of the first block holding text of the field at ``path`` (or inside it)."""
        for b, runs in enumerate(self.runs):
            hits = [r for r, run in enumerate(runs) if within(run.source, path)]
            if hits:
                return b, hits[0], hits[-1]
        return None

    def text(self, block: int, first: int, last: int) -> str:
        return "".join(run.text for run in self.runs[block][first : last + 1])

    def locate(self, finding: Finding) -> tuple[int, int, int]:
        """Where a finding is anchored (see the module docstring)."""
        for location in (finding.location, *finding.related):
            name = metric_of(location)
            found = self.metric(name) if name else None
            if found:
                return found
        path = finding.location.path
        while path:
            found = self.field(path)
            if found:
                return found
            path = parent_path(path)
        return 0, 0, 0


def comment_text(finding: Finding, anchors: Anchors) -> str:
    """The comment: the Chinese message with its code, the rule, the related figures as printed."""
    lines = [f"{title(finding.code)}［{finding.code}］", finding.message]
    if finding.rule:
        lines.append(f"规则：{finding.rule}")
    related: list[str] = []
    for location in (finding.location, *finding.related):
        name = metric_of(location)
        if name and name not in [r.split("：")[0] for r in related]:
            found = anchors.metric(name)
            shown = anchors.text(*found) if found else "（未出现在正文中）"
            related.append(f"{name}：{shown}")
    if related:
        lines.append("相关数据：" + "；".join(related))
    if finding.suggestion:
        lines.append(f"建议：{finding.suggestion}")
    return "\n".join(lines)


def finding_notes(doc: Document, findings: Sequence[Finding]) -> list[Note]:
    """One note per finding, anchored on the run it concerns, in document order."""
    anchors = Anchors.of(doc)
    notes = []
    for finding in findings:
        block, first, last = anchors.locate(finding)
        if anchors.runs and anchors.runs[block]:
            notes.append(Note(block, first, last, comment_text(finding, anchors), finding.code))
    return sorted(notes, key=lambda n: (n.block, n.first))
