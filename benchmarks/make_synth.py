"""Generate the benchmark's synthetic reports from the sample (never committed: they go to a scratch folder).

    python benchmarks/make_synth.py OUTDIR [--sample samples/x-city-2024.yaml] [--scales 1 10 100] [--batch 100]

- ``scale-N.yaml``: every part of 一、 holds its items N times; the copies rename every metric, list and block id
  (and every reference to them in text and rules) with a ``_cK`` suffix, so the report stays valid.
- ``batch/report-NNN.yaml``: copies of the sample, each with a different region name (``测NNN市`` for ``x市``).
"""

from __future__ import annotations

import argparse
import copy
import io
import re
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parent.parent


def identifiers(node: Any, found: set[str]) -> set[str]:
    """Every metric, list and block id defined under a node."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("metrics", "lists") and isinstance(value, dict):
                found.update(str(k) for k in value)
            elif key == "id" and isinstance(value, str):
                found.add(value)
            identifiers(value, found)
    elif isinstance(node, list):
        for value in node:
            identifiers(value, found)
    return found


def renamed(node: Any, pattern: re.Pattern[str], suffix: str) -> Any:
    """A copy of a node with every id (as a key of metrics/lists, or inside any string) suffixed."""

    def sub(text: str) -> str:
        return pattern.sub(lambda m: m.group(0) + suffix, text)

    if isinstance(node, dict):
        for key in list(node):
            value = node[key]
            if key in ("metrics", "lists") and isinstance(value, dict):
                for name in list(value):
                    value.insert(list(value).index(name), sub(str(name)), value.pop(name))
            node[key] = renamed(node[key], pattern, suffix)
        return node
    if isinstance(node, list):
        for i, value in enumerate(node):
            node[i] = renamed(value, pattern, suffix)
        return node
    if isinstance(node, str):
        return type(node)(sub(node)) if type(node) is not str else sub(node)
    return node


def scaled(sample: Path, n: int) -> str:
    """The sample with each part's items repeated n times under new ids."""
    yaml = YAML(typ="rt")
    yaml.width = 4096
    data = yaml.load(sample.read_text(encoding="utf-8"))
    for part in data["overview"]["parts"]:
        items = list(part.get("items") or [])
        ids = identifiers(items, set())
        if not ids:
            pattern = re.compile(r"(?!x)x")
        else:
            alternatives = "|".join(sorted(map(re.escape, ids), key=len, reverse=True))
            pattern = re.compile(rf"(?<![A-Za-z0-9_])(?:{alternatives})(?![A-Za-z0-9_])")
        for k in range(1, n):
            for item in items:
                part["items"].append(renamed(copy.deepcopy(item), pattern, f"_c{k}"))
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--sample", type=Path, default=ROOT / "samples" / "x-city-2024.yaml")
    parser.add_argument("--scales", type=int, nargs="*", default=[1, 10, 100])
    parser.add_argument("--batch", type=int, default=100)
    args = parser.parse_args()
    args.outdir.mkdir(parents=True, exist_ok=True)
    for n in args.scales:
        (args.outdir / f"scale-{n}.yaml").write_text(scaled(args.sample, n), encoding="utf-8")
    batch = args.outdir / "batch"
    batch.mkdir(exist_ok=True)
    text = args.sample.read_text(encoding="utf-8")
    for k in range(args.batch):
        (batch / f"report-{k:03d}.yaml").write_text(text.replace("x市", f"测{k:03d}市"), encoding="utf-8")


if __name__ == "__main__":
    main()
