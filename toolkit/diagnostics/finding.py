"""The one Finding type shared by every validation layer (parse, structure, consistency)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Severity(StrEnum):
    """How serious a finding is; ``error`` blocks a build."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True)
class Location:
    """A place in an input file: 1-based line and column, plus the dotted data path.

    ``paragraph`` (1-based, 0 when not set) places a finding in an imported document (.docx/.txt/.md), shown as
    ``x.docx:第12段``; ``line`` is then the line of a text file, or 0 for a .docx.
    """

    file: str
    line: int = 0
    column: int = 0
    path: str = ""
    paragraph: int = 0

    def __str__(self) -> str:
        if self.paragraph:
            return f"{self.file}:第{self.paragraph}段"
        if self.line:
            return f"{self.file}:{self.line}:{self.column}"
        return self.file


@dataclass
class Finding:
    """One problem found in a report, with a stable code and a Chinese message."""

    code: str
    message: str
    location: Location
    severity: Severity = Severity.ERROR
    related: list[Location] = field(default_factory=list)
    observed: Any = None
    expected: Any = None
    suggestion: str | None = None
    rule: str | None = None

    def format(self) -> str:
        """Render as one compiler-style line, followed by related places and the suggestion."""
        lines = [f"{self.location}: {self.severity.value}[{self.code}] {self.message}"]
        lines += [f"    相关位置：{loc}" + (f"（{loc.path}）" if loc.path else "") for loc in self.related]
        if self.suggestion:
            lines.append(f"    建议：{self.suggestion}")
        return "\n".join(lines)


def has_errors(findings: list[Finding]) -> bool:
    """True when any finding is an error."""
    return any(f.severity is Severity.ERROR for f in findings)
