"""Roll a report over to the next year: values become prior values, new values are missing, comments stay.

What changes (everything else — text, order, relations, lists, comments, quoting — is kept as written):

- ``meta.year`` advances by one; only the next year is accepted, so every ``prior`` is last year's figure.
- every metric: ``prior`` takes the old ``value``; ``value`` becomes ``null`` (missing); a stated ``yoy`` is
  dropped, because it described the old year — growth is computed from ``prior`` once the value arrives.
- ``meta.as_of`` moves on by one year (the figures of next year's report are usually current to the same
  day); ``meta.date``, the signature date, is cleared — the new report has not been signed yet.
- text rendered as a template that names the report year literally (``2024年``) now uses the year variable
  (``{{ year }}年``), and the year after it ``{{ year + 1 }}年``, so they move with the year. Other years are
  left as written (they are usually history: ``2021年以来``) and listed for review unless declared in
  ``validation.allowed_years``, as are titles and headings that name a year (they are not templates). A year
  after the report year that is declared there is a fixed date (``2025年2月竣工``) and is kept too.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from toolkit.diagnostics.finding import Finding, Location
from toolkit.errors import ReportInvalid
from toolkit.model.fields import JINJA_SPAN, YEAR, FieldKind, text_fields
from toolkit.model.json_schema import modeline_target, with_modeline
from toolkit.model.loading import model_report
from toolkit.model.report import MAX_YEAR, Report, blocks
from toolkit.source.editor import (
    dump_rt,
    load_rt,
    node_at,
    pop_keeping_comments,
    replace_in_scalar,
)
from toolkit.source.encoding import encode_like
from toolkit.source.reader import PathT, SourceMap, parse_yaml, read_with_bytes
from toolkit.workflow.readback import read_back

_ANY_YEAR = re.compile(YEAR)
_YEAR_OUTSIDE_JINJA = re.compile(JINJA_SPAN + "|" + YEAR, re.DOTALL)


@dataclass(frozen=True)
class YearMention:
    """A literal year in the text: rewritten to the year variable, or kept for the drafter to review."""

    location: Location
    old: str
    new: str | None = None


@dataclass
class Rollover:
    """What a rollover did, for the drafter to review."""

    file: str
    old_year: int
    new_year: int
    metrics: list[str] = field(default_factory=list)
    yoy_dropped: list[str] = field(default_factory=list)
    targets_kept: list[str] = field(default_factory=list)
    targets_benchmarked: list[str] = field(default_factory=list)
    dates: list[tuple[str, str, str]] = field(default_factory=list)
    rewritten: list[YearMention] = field(default_factory=list)
    kept: list[YearMention] = field(default_factory=list)
    output: str = ""
    schema: str = ""  # the modeline's $schema= in the written file


def rollover_file(path: Path, out: Path | None, year: int | None = None, *, force: bool = False) -> Rollover:
    """Roll ``path`` over to ``year`` (default: the next year) and write ``out`` (default: ``rolled_name``)
    atomically."""
    from toolkit.output.guard import check_output, write_output

    if out is not None:
        check_output(out, inputs=[path], force=force, editable=True)
    text, raw = read_with_bytes(path, str(path))
    text, result = rollover_text(text, str(path), year)
    if out is None:
        out = rolled_name(path, result.old_year, result.new_year)
        check_output(out, inputs=[path], force=force, editable=True)
    text = with_modeline(text, out)  # the source's modeline is relative to the source, maybe not to the new file
    write_output(out, encode_like(text, raw), fmt="yaml", inputs=[path], force=force, editable=True)
    result.output = str(out)
    result.schema = modeline_target(text) or ""
    return result


def rolled_name(path: Path, old_year: int, new_year: int) -> Path:
    """Where a rolled-over report goes by default: beside the old one, the last mention of its year in the file name
    changed to the new year (``x-city-2024.yaml`` → ``x-city-2025.yaml``), else the new year added
    (``report.yaml`` → ``report-2025.yaml``)."""
    stem, old = path.stem, str(old_year)
    if old in stem:
        head, _, tail = stem.rpartition(old)
        return path.with_name(f"{head}{new_year}{tail}{path.suffix}")
    return path.with_name(f"{stem}-{new_year}{path.suffix}")


def rollover_text(text: str, name: str, year: int | None = None) -> tuple[str, Rollover]:
    """Roll report text over to ``year``; returns the new text and what changed."""
    loaded = parse_yaml(text, name)
    report, findings = model_report(loaded.data, loaded.source)
    if report is None:
        raise ReportInvalid(findings)
    new_year = report.meta.year + 1 if year is None else year
    check_year(report.meta.year, new_year, loaded.source)
    root, yaml = load_rt(text)
    result = Rollover(name, report.meta.year, new_year)
    meta = root["meta"]
    meta["year"] = f"约{new_year}" if report.meta.year_approximate else new_year
    roll_dates(meta, new_year - report.meta.year, result)
    roll_metrics(root, report, result)
    rewrite_years(root, report, loaded.source, result)
    new_text = dump_rt(root, yaml)
    read_back(new_text, name)
    return new_text, result


def check_year(old: int, new: int, source: SourceMap) -> None:
    """Only the year after the report's year is accepted."""
    where = source.locate(("meta", "year"))
    if new == old + 1 and new <= MAX_YEAR:
        return
    if new > MAX_YEAR:
        message = f"新年度 {new} 超出范围（不晚于 {MAX_YEAR}）"
        raise ReportInvalid([Finding("year-out-of-range", message, where, observed=new)])
    if new <= old:
        message = f"新年度 {new} 必须晚于报告年度 {old}（应为 {old + 1}）"
        raise ReportInvalid([Finding("year-not-later", message, where, observed=new, expected=old + 1)])
    message = f"只能滚动到下一年度 {old + 1}，不能跳到 {new}：上年数值（prior）须为上一年的数据，请逐年滚动"
    raise ReportInvalid([Finding("year-skipped", message, where, observed=new, expected=old + 1)])


def roll_dates(meta: Any, years: int, result: Rollover) -> None:
    """Advance the data cut-off date; clear the signature date."""
    as_of = meta.get("as_of")
    if isinstance(as_of, dt.date):
        moved = shift_year(as_of, years)
        meta["as_of"] = moved
        result.dates.append(("meta.as_of", as_of.isoformat(), moved.isoformat()))
    elif isinstance(as_of, str) and as_of:
        moved = shift_year(dt.date.fromisoformat(as_of), years)
        meta["as_of"] = type(as_of)(moved.isoformat())
        result.dates.append(("meta.as_of", str(as_of), moved.isoformat()))
    if meta.get("date") is not None:
        result.dates.append(("meta.date", str(meta["date"]), ""))
        meta["date"] = None


def shift_year(day: dt.date, years: int) -> dt.date:
    """The same day ``years`` later (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def roll_metrics(root: Any, report: Report, result: Rollover) -> None:
    """Every metric: value → prior, value → null, stated yoy dropped; targets stay targets (see ``roll_target``)."""
    new_year = report.meta.year + 1
    for path, block in blocks(report):
        for name, model in block.metrics.items():
            metric = node_at(root, (*path, "metrics", name))
            if model.kind == "target":
                roll_target(metric, name, model.due, new_year, result)
                continue
            if "target" in metric:  # last year's benchmark, now checked; the new year sets its own
                pop_keeping_comments(metric, "target")
            if "prior" in metric:
                metric["prior"] = metric["value"]
            else:
                metric.insert(list(metric).index("value"), "prior", metric["value"])
            metric["value"] = None
            if "yoy" in metric:
                pop_keeping_comments(metric, "yoy")
                result.yoy_dropped.append(name)
            result.metrics.append(name)


def roll_target(metric: Any, name: str, due: int | None, new_year: int, result: Rollover) -> None:
    """A target stays a target, never a prior value: a target for a later year is kept as it is; a target for
    the new year (or an earlier one) becomes the benchmark (``target:``) its actual value — to be filled in — is
    checked against (met or missed, 完成目标的 x%)."""
    if due is not None and due > new_year:
        result.targets_kept.append(name)
        return
    keys = list(metric)
    metric.insert(keys.index("value") + 1, "target", metric["value"])
    metric["value"] = None
    for key in ("kind", "due"):
        if key in metric:
            pop_keeping_comments(metric, key)
    result.targets_benchmarked.append(name)


def rewrite_years(root: Any, report: Report, source: SourceMap, result: Rollover) -> None:
    """Template text: the report year and the year after become variables; other years are listed."""
    allowed = {str(y) for y in report.validation.allowed_years}
    for text_field in text_fields(report):
        try:
            parent, key = text_parent(root, text_field.path)
            written = parent[key]
        except (KeyError, IndexError):  # a default (overview.heading), not written in the file
            continue
        where = source.locate(text_field.path)
        if text_field.kind is FieldKind.TEMPLATE:
            parent[key] = rewrite_text(written, report.meta.year, where, result, allowed)
        else:
            result.kept += [YearMention(where, m.group("year") + "年") for m in _ANY_YEAR.finditer(str(written))]


def text_parent(root: Any, path: PathT) -> tuple[Any, str | int]:
    """The container and key of a text field (``preamble`` may be a single string)."""
    if path[0] == "preamble" and isinstance(root["preamble"], str):
        return root, "preamble"
    return node_at(root, path[:-1]), path[-1]


def rewrite_text(text: str, year: int, where: Location, result: Rollover, allowed: set[str]) -> str:
    """Rewrite literal years outside Jinja expressions; list other years unless declared (allowed_years)."""
    names = {str(year): "{{ year }}"}
    if str(year + 1) not in allowed:  # a declared year is a fixed date (2025年2月竣工), not "next year"
        names[str(year + 1)] = "{{ year + 1 }}"

    def substitute(match: re.Match[str]) -> str:
        literal = match.group("year")
        if literal is None:
            return match.group(0)
        if literal not in names:
            if literal not in allowed and YearMention(where, literal + "年") not in result.kept:
                result.kept.append(YearMention(where, literal + "年"))
            return literal
        result.rewritten.append(YearMention(where, literal + "年", names[literal] + "年"))
        return names[literal]

    return replace_in_scalar(text, _YEAR_OUTSIDE_JINJA, substitute)
