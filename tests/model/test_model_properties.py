"""Property tests of the model and the whole check: random mutations of a sample never raise, they are findings."""

from __future__ import annotations

import re
import tempfile
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.paths import SAMPLES
from toolkit.model.scalars import NUMBER_TEXT, number_as_meant
from toolkit.pipeline import check_file

LINES = (SAMPLES / "y-county-2024.yaml").read_text(encoding="utf-8").splitlines()
VALUES = [
    "null",
    "-57",
    "55.3亿",
    "1e30",
    "9" * 30,
    "[]",
    "{}",
    "''",
    "亿圆",
    "｛｛ x ｝｝",
    "{{ nosuch }}",
    "{{ 1/0 }}",
    "&a x",
    "2024-13-45",
    "true",
    "约38.6",
    "{{ year ** year ** year }}",
    "{% for a in b %}",
    "中文",
    "0",
]


def mutate(lines: list[str], ops: list[tuple[int, int, int]]) -> str:
    out = list(lines)
    for kind, at, pick in ops:
        if not out:
            break
        k = at % len(out)
        if kind == 0:  # delete a line
            del out[k]
        elif kind == 1:  # duplicate a line
            out.insert(k, out[k])
        elif kind == 2 and ":" in out[k]:  # replace a value
            key = out[k].split(":", 1)[0]
            out[k] = f"{key}: {VALUES[pick % len(VALUES)]}"
        else:  # swap with the next line
            j = (k + 1) % len(out)
            out[k], out[j] = out[j], out[k]
    return "\n".join(out) + "\n"


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(0, 3), st.integers(0, 10_000), st.integers(0, 100)), min_size=1, max_size=4))
def test_mutated_samples_give_findings_never_exceptions(ops: list[tuple[int, int, int]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "m.yaml"
        path.write_text(mutate(LINES, ops), encoding="utf-8")
        checked = check_file(path)
    for finding in checked.findings:
        assert finding.code and finding.message and finding.location.file == str(path)


@given(st.decimals(allow_nan=False, allow_infinity=False, places=3, min_value=-(10**9), max_value=10**9))
def test_a_number_in_full_width_or_grouped_means_the_plain_number(number: Decimal) -> None:
    plain = str(number)
    assert number_as_meant(plain) is None  # plain already
    assert number_as_meant("".join(chr(ord(c) + 0xFEE0) for c in plain)) == plain  # ５５．３３, －５
    whole, dot, fraction = plain.lstrip("-").partition(".")
    grouped = ("-" if plain.startswith("-") else "") + f"{int(whole):,}" + dot + fraction
    if "," in grouped:
        assert number_as_meant(grouped) == plain  # 1,234.5


@given(st.text(alphabet=st.sampled_from("0123456789.,+-－．，５ 约e"), max_size=12))
def test_number_as_meant_gives_a_plain_number_or_nothing(text: str) -> None:
    meant = number_as_meant(text)
    assert meant is None or (re.match(NUMBER_TEXT, meant) is not None and meant != text.strip())
