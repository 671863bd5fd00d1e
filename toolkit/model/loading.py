"""Loading a report: plain data from the reader validated as a Report, every pydantic error at its YAML position."""

from __future__ import annotations

import copy
import re
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from toolkit.diagnostics.finding import Finding, Location
from toolkit.diagnostics.hints import did_you_mean
from toolkit.errors import ReportInvalid
from toolkit.model.frameworks import framework_names
from toolkit.model.report import Report
from toolkit.model.rules import RULE_KINDS
from toolkit.model.scalars import NUMBER_TEXT, half_width, number_as_meant
from toolkit.model.units import find_unit, qualifiers
from toolkit.source.reader import PathT, SourceMap, read_yaml

_TYPE_NAMES = {
    "decimal": "数字",
    "int": "整数",
    "float": "数字",
    "string": "文本",
    "str": "文本",
    "list": "列表",
    "dict": "映射（键: 值）",
    "model": "映射（键: 值）",
    "date": "日期（如 2024-11-08）",
    "bool": "true 或 false",
}


def model_report(data: Any, source: SourceMap) -> tuple[Report | None, list[Finding]]:
    """Validate plain data as a Report; every pydantic error becomes a located finding."""
    try:
        return Report.model_validate(data), []
    except ValidationError as exc:
        return None, [error_finding(err, source) for err in exc.errors(include_url=False)]


REMOVABLE = ("metrics", "lists")
MAX_PRUNE_ROUNDS = 8


@dataclass
class Partial:
    """A report made from what validated, with the subtrees left out because they did not (``pruned``)."""

    report: Report | None
    findings: list[Finding]
    pruned: list[PathT] = field(default_factory=list)


def model_report_partial(data: Any, source: SourceMap) -> Partial:
    """Validate as a Report; when that fails, also a Report without the entries that failed, so later checks run.

    Why: an unknown unit in one metric should not hide a missing pillar or a failing rule elsewhere. Only list
    entries and ``metrics``/``lists`` entries are left out (the deepest that holds each error); an error anywhere
    else (in ``meta``, say) leaves no report. The findings are those of the whole data.
    """
    report, findings = model_report(data, source)
    if report is not None or not findings:
        return Partial(report, findings)
    trimmed = copy.deepcopy(data)
    pruned: list[PathT] = []
    for _ in range(MAX_PRUNE_ROUNDS):
        try:
            return Partial(Report.model_validate(trimmed), findings, pruned)
        except ValidationError as exc:
            targets = {prune_target(err["loc"]) for err in exc.errors(include_url=False)}
        if None in targets:
            return Partial(None, findings)
        # Deepest first, and later list entries before earlier ones, so a removal never shifts the index of another
        # target; a fixed order also makes the note about them the same in every run (sets of str hash randomly).
        for target in sorted((t for t in targets if t is not None), key=_removal_order, reverse=True):
            if not remove_path(trimmed, target):
                return Partial(None, findings)
            pruned.append(target)
    return Partial(None, findings)


def _removal_order(path: PathT) -> tuple[int, tuple[tuple[bool, int, str], ...]]:
    """Sort key: length, then the path itself with indices and keys comparable to each other."""
    return len(path), tuple((isinstance(p, int), p if isinstance(p, int) else 0, str(p)) for p in path)


def prune_target(loc: tuple[str | int, ...]) -> PathT | None:
    """The deepest list entry or ``metrics``/``lists`` entry that holds an error's location, if any."""
    path = drop_rule_tags(tuple(p for p in loc if not (isinstance(p, str) and p.startswith("function-"))))
    best: PathT | None = None
    for k in range(1, len(path) + 1):
        prefix = path[:k]
        if isinstance(prefix[-1], int) or (k >= 2 and prefix[-2] in REMOVABLE):
            best = prefix
    return best


def remove_path(data: Any, path: PathT) -> bool:
    """Remove the entry at ``path`` from nested dicts and lists; False when it is not there."""
    current = data
    for part in path[:-1]:
        if isinstance(current, dict) and part in current:  # noqa: SIM114 (mypy narrows each branch)
            current = current[part]
        elif isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current):
            current = current[part]
        else:
            return False
    last = path[-1]
    if isinstance(current, dict) and last in current:
        del current[last]
        return True
    if isinstance(current, list) and isinstance(last, int) and 0 <= last < len(current):
        del current[last]
        return True
    return False


def read_report(path: Path) -> tuple[Report, SourceMap]:
    """Read a file as a Report with its source map; raise ReportInvalid when it cannot be read as one."""
    loaded = read_yaml(path)
    report, findings = model_report(loaded.data, loaded.source)
    if report is None:
        raise ReportInvalid(findings)
    return report, loaded.source


def error_finding(err: ErrorDetails, source: SourceMap) -> Finding:
    """Translate one pydantic error into a finding at the YAML position it concerns."""
    raw: PathT = tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-")))
    path = drop_rule_tags(raw)
    kind = err["type"]
    if kind in ("union_tag_invalid", "union_tag_not_found"):
        return rule_kind_finding(err, source.locate((*path, "kind")))
    field = str(path[-1]) if path else "报告"
    if kind == "extra_forbidden":
        allowed = allowed_fields(raw[:-1])
        close = did_you_mean(field, allowed)
        hint = f"，是否应为 “{close}”？" if close else f"（可用字段：{'、'.join(allowed)}）"
        return Finding("unknown-key", f"未知字段 “{field}”{hint}", source.locate(path, key=True), suggestion=close)
    if kind == "missing":
        return Finding("missing-key", f"缺少必填字段 “{field}”", source.locate(path[:-1]))
    where = source.locate(path)
    if kind == "value_error":
        return custom_finding(str(err.get("ctx", {}).get("error", "")), err["input"], where)
    if kind == "decimal_parsing" and isinstance(err["input"], str):
        written = number_written_otherwise(field, err["input"].strip(), where)
        if written is not None:
            return written
    if kind.endswith("_type") or kind.endswith("_parsing"):
        expected = _TYPE_NAMES.get(kind.split("_")[0], kind)
        return Finding(
            "wrong-type", f"字段 “{field}” 应为{expected}，实际为 “{err['input']}”", where, observed=str(err["input"])
        )
    if kind == "string_pattern_mismatch":
        if raw and raw[-1] == "[key]":  # a mapping key (a metric or list id): point at the key, as editors do
            where = source.locate(path[:-1], key=True)
        return Finding("bad-name", f"名称 “{err['input']}” 应由小写英文字母、数字和下划线组成，以字母开头", where)
    return Finding("bad-value", f"字段 “{field}” 的取值不符合要求：{err['msg']}", where, observed=str(err["input"]))


def drop_rule_tags(path: PathT) -> PathT:
    """Drop the tag pydantic puts after ``checks[k]``: ``checks.0.sum.total`` → ``checks.0.total``."""
    out: list[str | int] = []
    for k, part in enumerate(path):
        if k >= 2 and path[k - 2] == "checks" and isinstance(path[k - 1], int) and part in RULE_KINDS:
            continue
        out.append(part)
    return tuple(out)


def rule_kind_finding(err: ErrorDetails, where: Location) -> Finding:
    """A rule whose ``kind`` is missing or unknown."""
    given = err.get("ctx", {}).get("tag")
    kinds = "、".join(RULE_KINDS)
    if given is None:
        return Finding("missing-key", f"校验规则缺少 “kind”（可用：{kinds}）", where)
    close = did_you_mean(str(given), RULE_KINDS)
    hint = f"，是否应为 “{close}”？" if close else f"（可用：{kinds}）"
    return Finding("unknown-rule-kind", f"未知的校验规则类型 “{given}”{hint}", where, observed=str(given))


def custom_finding(error: str, value: Any, where: Location) -> Finding:
    """Findings for the model's own validators, which raise ``code:value``."""
    code, _, bad = error.partition(":")
    if code == "unknown-unit":
        bad, _, close = bad.partition("|")
        hint = f"，是否应为 “{close}”？" if close else ""
        message = (
            f"未知单位 “{bad}”{hint}（可用取值见 schema/units.yaml；可加数量级，如 万户、千米；"
            "或在报告的 units: 中声明）"
        )
        return Finding(code, message, where, observed=bad, suggestion=close or None)
    if code == "wrong-type":
        return value_words_finding(bad, where)
    if code in ("shape-missing", "shape-both", "table-shape", "unit-decl"):
        return Finding(code, bad, where)
    if code == "unknown-qualifier":
        return vocab_finding(code, "限定词", bad, sorted(qualifiers()), where, "schema/units.yaml")
    if code == "unknown-type":
        return vocab_finding(code, "报告类型", bad, list(framework_names()), where, "schema/frameworks/")
    return Finding("bad-value", f"取值不符合要求：{error}", where, observed=str(value))


def number_written_otherwise(field: str, text: str, where: Location) -> Finding | None:
    """A number written in full-width characters or with commas (５５．３３, 1,234, 12,3): the plain number to write,
    or why a comma makes it ambiguous; None for anything else."""
    plain = half_width(text)
    if field in PERCENT_FIELDS and plain.strip().endswith("%"):
        bare = plain.strip()[:-1].strip()
        number = bare if re.fullmatch(NUMBER_TEXT, bare) else number_as_meant(bare)
        if number is not None:
            suggestion = f"{field}: {number}"
            message = f"字段 “{field}” 应为数字，实际为 “{text}”；请写成 {suggestion}（以百分数计，不写 %）"
            return Finding("wrong-type", message, where, observed=text, suggestion=suggestion)
    meant = number_as_meant(text)
    if meant is not None:
        how = "去掉千分位逗号" if plain == text else "全角数字和符号改为半角"
        if plain != text and "," in plain:
            how += "，去掉千分位逗号"
        suggestion = f"{field}: {meant}"
        message = f"字段 “{field}” 应为数字，实际为 “{text}”；请写成 {suggestion}（{how}）"
        return Finding("wrong-type", message, where, observed=text, suggestion=suggestion)
    if _COMMA_NUMBER.fullmatch(plain.strip()):
        message = (
            f"字段 “{field}” 应为数字，实际为 “{text}”：其中的逗号不是千分位分隔符（应为 1,234 这样每三位一个），"
            "无法确定其含义；请写成不带逗号的数字"
        )
        return Finding("wrong-type", message, where, observed=text)
    return None


_COMMA_NUMBER = re.compile(r"[-+]?[0-9][0-9,]*(\.[0-9]+)?")
PERCENT_FIELDS = frozenset({"yoy"})
"""Number fields that are always a percentage (a growth rate): ``6.2%`` there means ``6.2``."""


def value_words_finding(text: str, where: Location) -> Finding:
    """A value written with words around the number (约2765, 55.33亿, 20以上): say which fields hold them."""
    from toolkit.model.report import VALUE_WORDS

    written = number_written_otherwise("value", text, where)
    if written is not None:
        return written
    match = VALUE_WORDS.match(half_width(text))
    assert match is not None
    before, number, after = match.group("before"), match.group("number"), match.group("after")
    words = qualifiers()
    advice = [f"value: {number}"]
    for word in (before, after):
        if word in words:
            advice.append(f"qualifier: {word}")
        elif word and find_unit(word.rstrip("以上多余")) is not None:
            advice.append(f"unit: {word.rstrip('以上多余')}")
            tail = word[len(word.rstrip("以上多余")) :]
            if tail in words:
                advice.append(f"qualifier: {tail}")
        elif word:
            advice.append(f"（“{word}”另行处理：限定词写在 qualifier，单位写在 unit）")
    suggestion = "，".join(advice)
    return Finding(
        "wrong-type",
        f"字段 “value” 应为数字，实际为 “{text}”；请写成 {suggestion}",
        where,
        observed=text,
        suggestion=suggestion,
    )


def vocab_finding(code: str, what: str, bad: str, known: list[str], where: Location, ref: str) -> Finding:
    """An unknown word of a vocabulary, with a did-you-mean suggestion."""
    close = did_you_mean(bad, known)
    hint = f"，是否应为 “{close}”？" if close else ""
    return Finding(code, f"未知{what} “{bad}”{hint}（可用取值见 {ref}）", where, observed=bad, suggestion=close)


def allowed_fields(path: PathT) -> list[str]:
    """The field names the model accepts at a data path."""
    current: Any = Report
    for part in path:
        current = step_type(current, part)
    current = unwrap(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def step_type(annotation: Any, part: str | int) -> Any:
    """The type found one path segment below ``annotation``."""
    annotation = unwrap(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        field = annotation.model_fields.get(str(part))
        return field.annotation if field else None
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return next((a for a in typing.get_args(annotation) if _tagged(a, part)), None)
    args = typing.get_args(annotation)
    return args[-1] if args else None


def _tagged(annotation: Any, tag: str | int) -> bool:
    """True for a model of a discriminated union whose ``kind`` is ``tag``."""
    if not (isinstance(annotation, type) and issubclass(annotation, BaseModel)):
        return False
    field = annotation.model_fields.get("kind")
    return field is not None and typing.get_args(field.annotation) == (tag,)


def unwrap(annotation: Any) -> Any:
    """Strip Optional/Union-with-None and Annotated wrappers."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        rest = [a for a in typing.get_args(annotation) if a is not type(None)]
        return unwrap(rest[0]) if len(rest) == 1 else annotation
    return annotation


__all__ = ["Partial", "model_report", "model_report_partial", "read_report", "vocab_finding"]
