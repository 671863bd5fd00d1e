"""What validation produced for one file: the per-rule summary, and the shape every output format reads."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from toolkit.diagnostics.finding import Finding


@dataclass
class RuleSummary:
    """Per-rule counts, as R's ``validate`` summary: items, passes, fails, not evaluated."""

    file: str
    rule: str
    kind: str
    items: int = 0
    passes: int = 0
    fails: int = 0
    not_evaluated: int = 0

    def as_dict(self) -> dict[str, Any]:
        """The summary as JSON-ready data."""
        return dict(vars(self))


class CheckedFile(Protocol):
    """One checked file as the output formats see it (``toolkit.pipeline.Checked`` is one)."""

    @property
    def file(self) -> str: ...

    @property
    def findings(self) -> Sequence[Finding]: ...

    @property
    def rules(self) -> Sequence[RuleSummary]: ...
