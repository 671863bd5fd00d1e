"""Walks over plain YAML data, for tests that inspect samples independently of the toolkit's own walkers."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any


def mappings(node: Any) -> Iterator[dict[str, Any]]:
    """Every mapping of the data, depth first."""
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from mappings(value)
    elif isinstance(node, list):
        for value in node:
            yield from mappings(value)
