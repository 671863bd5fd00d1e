"""Suggest the typing slip that would make a failing rule hold, as R's ``deductive::correct_typos`` does.

A slip is one digit mistyped (130 → 180) or two neighbouring digits swapped (117 → 171). Every operand is tried;
only corrections that make the rule hold are offered, swaps first, at most a few.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from decimal import Decimal, InvalidOperation
from itertools import pairwise

from toolkit.checks.rules.intervals import Truth
from toolkit.chinese.figures import format_number

MAX_SUGGESTIONS = 3

Correction = tuple[int, str, str, str]
"""(operand index, old text, new text, kind of slip in Chinese)."""


def variants(value: Decimal) -> Iterator[tuple[Decimal, str]]:
    """Numbers one slip away from ``value`` (same number of digits and precision)."""
    text = format_number(value)
    sign = "-" if text.startswith("-") else ""
    body = text.removeprefix("-")
    digits = [i for i, ch in enumerate(body) if ch.isdigit()]
    for a, b in pairwise(digits):
        if b == a + 1 and body[a] != body[b]:
            swapped = body[:a] + body[b] + body[a] + body[b + 1 :]
            yield from _number(sign + swapped, "数字对调")
    for i in digits:
        for digit in "0123456789":
            if digit != body[i]:
                yield from _number(sign + body[:i] + digit + body[i + 1 :], "单个数字")


def _number(text: str, how: str) -> Iterator[tuple[Decimal, str]]:
    body = text.removeprefix("-")
    if len(body) > 1 and body[0] == "0" and body[1] != ".":
        return
    try:
        yield Decimal(text), how
    except InvalidOperation:
        return


def typo_corrections(values: list[Decimal], holds: Callable[[list[Decimal]], Truth]) -> list[Correction]:
    """Single-slip corrections of one operand that make ``holds`` not certainly false."""
    swaps: list[Correction] = []
    digits: list[Correction] = []
    for index, value in enumerate(values):
        for candidate, how in variants(value):
            trial = [*values[:index], candidate, *values[index + 1 :]]
            if holds(trial) is not False:
                found = (index, format_number(value), format_number(candidate), how)
                (swaps if how == "数字对调" else digits).append(found)
    return (swaps + digits)[:MAX_SUGGESTIONS]
