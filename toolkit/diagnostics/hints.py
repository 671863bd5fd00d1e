"""The one did-you-mean: the closest known word to a mistyped one, for every "unknown X" finding."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

CUTOFF = 0.5
"""Similarity (difflib ratio) a suggestion needs. Short Chinese words differ by one character at 0.5."""


def did_you_mean(word: str, choices: Iterable[str], *, cutoff: float = CUTOFF) -> str | None:
    """The known word closest to ``word``, or None when nothing is close enough."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=cutoff)
    return close[0] if close else None
