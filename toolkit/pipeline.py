"""The orchestrator: read → model → check → compose, and build, which writes only after every check."""

from __future__ import annotations

import gc
import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import suppress
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from toolkit.checks.completeness import (
    Status,
    fold_waiting,
    incomplete_findings,
    incomplete_summary,
    report_status,
)
from toolkit.checks.finished import final_findings, unclosed_texts, unused_metrics
from toolkit.checks.framework import check_framework, check_names
from toolkit.checks.numbering import own_numbers
from toolkit.checks.prose import lint_report
from toolkit.checks.rules.consistency import check_consistency
from toolkit.checks.settings import apply_settings
from toolkit.compose.composer import compose
from toolkit.compose.document import Document, flag_metrics
from toolkit.diagnostics.finding import Finding, Severity, has_errors
from toolkit.diagnostics.summary import RuleSummary
from toolkit.errors import GovreportError, ReportInvalid
from toolkit.model.loading import Partial, model_report_partial
from toolkit.model.report import Report
from toolkit.model.rules import Validation
from toolkit.model.tree import one_tree
from toolkit.source import DOCUMENT_SUFFIXES
from toolkit.source.reader import Loaded, PathT, SourceMap, dotted, parse_yaml, paused_gc, read_yaml
from toolkit.writers.options import StyleOptions

if TYPE_CHECKING:
    from toolkit.checks.priors import PriorReport  # (loaded only for validate --prior)
    from toolkit.output.atomic import Write
    from toolkit.output.fingerprint import Assembled  # (the writers import it when a build writes)


@dataclass
class Checked:
    """One file after every check: the model and document when they could be made, and all findings."""

    file: str
    report: Report | None = None
    source: SourceMap | None = None
    document: Document | None = None
    findings: list[Finding] = field(default_factory=list)
    rules: list[RuleSummary] = field(default_factory=list)
    status: Status | None = None
    reads: set[str] | None = None  # every name the texts read, when each of them rendered
    raw: bytes | None = None  # the file's bytes as they were read (a build's provenance is their hash)

    @property
    def ok(self) -> bool:
        """True when no finding is an error."""
        return not has_errors(self.findings)


def check_file(path: Path, templates: Sequence[Path] = (), priors: PriorReport | None = None) -> Checked:
    """Run every layer on one file and gather all findings in one run (no exception for bad input).

    A structure error in one part does not hide the checks of the others: the entries that do not validate are
    left out (``model_report_partial``), everything else is checked, and one ``not-checked`` note says what was
    left out. ``priors`` are last year's values by metric id (``validate --prior``). A .docx, .txt or .md report
    is imported in memory first (``check_document``).
    """
    if path.suffix.lower() in DOCUMENT_SUFFIXES:
        return check_document(path, templates, priors)
    checked = Checked(str(path))
    try:
        loaded = read_yaml(path)
    except ReportInvalid as exc:
        checked.findings = exc.findings
        return checked
    checked.raw = loaded.raw
    return check_loaded(checked, loaded, templates, priors)


def check_loaded(
    checked: Checked, loaded: Loaded, templates: Sequence[Path] = (), priors: PriorReport | None = None
) -> Checked:
    """Every layer after reading: model, framework and names, text, rules, lint and completeness."""
    checked.source = loaded.source
    with paused_gc():  # a large report builds many objects; the collector would walk them again and again
        return _check_loaded(checked, loaded, templates, priors)


def _check_loaded(checked: Checked, loaded: Loaded, templates: Sequence[Path], priors: PriorReport | None) -> Checked:
    """Model, check and compose a file that was read."""
    partial = model_report_partial(loaded.data, loaded.source)
    checked.findings = loaded.notes + partial.findings
    report = partial.report
    if report is None:
        return checked
    checked.report = report
    with one_tree(report):
        return _check_model(checked, loaded, partial, templates, priors)


def _check_model(
    checked: Checked, loaded: Loaded, partial: Partial, templates: Sequence[Path], priors: PriorReport | None
) -> Checked:
    """Every check of a report that could be modelled (its tree built once for all of them)."""
    report = partial.report
    assert report is not None
    source = loaded.source
    structural = [p for p in partial.pruned if not (len(p) >= 2 and p[-2] in ("metrics", "lists", "checks"))]
    if not structural:
        checked.findings += check_framework(report, source)
    checked.findings += check_names(report, source)
    reads: set[str] = set()
    checked.document, text_findings = compose(report, source, templates, reads=reads)
    checked.reads = None if text_findings else reads
    values = None
    if priors is not None:
        from toolkit.checks.priors import prior_mismatch

        mismatch = prior_mismatch(report, source, priors)
        if mismatch is None:
            values = priors.values
        else:
            checked.findings.append(mismatch)
    rule_findings, checked.rules = check_consistency(report, source, values)
    checked.status = report_status(report, source)
    rule_findings, waiting = fold_waiting(rule_findings, checked.status)
    incomplete = incomplete_summary(checked.status, source.locate(("meta", "year")), waiting)
    prose = lint_report(report, source, loaded.text) + own_numbers(report, source)
    lint = apply_settings(prose + incomplete, report.validation)
    later = text_findings + rule_findings + lint
    if partial.pruned:
        later = [f for f in later if not names_left_out(f, partial.pruned)]
        later.append(not_checked(partial.pruned, bool(structural), source))
    checked.findings += later
    return checked


_NAMED = re.compile(r"“([A-Za-z_][A-Za-z0-9_]*)”")


def names_left_out(finding: Finding, pruned: Sequence[PathT]) -> bool:
    """A consequence of leaving an entry out (an undefined name, an unknown rule operand), not a finding of its own."""
    if finding.code not in ("undefined-metric", "rule-unknown-metric", "unused-metric"):
        return False
    names = {str(p[-1]) for p in pruned if len(p) >= 2 and p[-2] in ("metrics", "lists")}
    return any(name in names for name in _NAMED.findall(finding.message))


def not_checked(pruned: Sequence[PathT], structural: bool, source: SourceMap) -> Finding:
    """One note saying plainly what could not be checked, and why."""
    pruned = sorted(pruned, key=lambda p: (source.locate(p).line, source.locate(p).column))  # document order
    shown = "、".join(dotted(p) for p in pruned[:5]) + ("等" if len(pruned) > 5 else "")
    rest = "；必备部分（支柱）未检查" if structural else ""
    message = f"因上面的结构错误，{shown} 未参与其余检查（引用它们的文本和规则也未检查）{rest}，改正后请再检查一次"
    return Finding("not-checked", message, source.locate(pruned[0]), severity=Severity.INFO)


def check_document(path: Path, templates: Sequence[Path] = (), priors: PriorReport | None = None) -> Checked:
    """Import a .docx/.txt/.md report in memory and check it; findings are placed at its paragraphs (第12段)."""
    from toolkit.workflow.importer import import_document, locate_findings

    name = str(path)
    try:
        imported = import_document(path, display=name)
    except ReportInvalid as exc:
        return Checked(name, findings=exc.findings)
    try:
        loaded = parse_yaml(imported.yaml, name)
    except ReportInvalid as exc:  # the emitter wrote YAML the reader refuses: report it, do not crash
        return Checked(name, findings=locate_findings(imported, exc.findings))
    checked = check_loaded(Checked(name), loaded, templates, priors)
    checked.findings = locate_findings(imported, checked.findings)
    return checked


def validate_files(
    paths: Sequence[Path],
    prior: Path | None = None,
    templates: Sequence[Path] = (),
    jobs: int = 1,
    progress: Callable[[int], None] | None = None,
) -> list[Checked]:
    """Check several files, in order; ``prior`` is last year's report, whose values stand in for missing ``prior:``.

    ``templates`` are the block-template folders ``build --templates`` would use: they are checked too. ``jobs``
    > 1 checks the files in that many worker processes; ``progress`` is called with 1 as each file is done.
    """
    priors = None
    if prior is not None:
        from toolkit.checks.priors import load_priors

        priors = load_priors(prior)
    tasks = [(path, tuple(templates), priors) for path in paths]
    return list(run_batch(_validate_task, tasks, jobs, progress))


def _validate_task(task: tuple[Path, tuple[Path, ...], PriorReport | None]) -> Checked:
    path, templates, priors = task
    return check_file(path, templates, priors=priors)


@dataclass
class Built:
    """One file of a batch build: where it was written, or what stopped it."""

    file: str
    out: str
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None
    status: int = 0

    @property
    def ok(self) -> bool:
        """True when the output was written."""
        return self.status == 0


@dataclass(frozen=True)
class BuildTask:
    """What a worker needs to build one file."""

    path: Path
    out: Path
    fmt: str
    templates: tuple[Path, ...] = ()
    draft: bool = False
    options: StyleOptions | None = None
    force: bool = False
    strict: bool = False
    public: bool = False


def build_files(
    tasks: Sequence[BuildTask], jobs: int = 1, progress: Callable[[int], None] | None = None
) -> list[Built]:
    """Build many files, in order of ``tasks``; a failure in one never stops the others.

    Each process of a batch finishes its writes on a background thread (``toolkit.output.atomic``) while it builds
    its next file; a file is reported once its write is done (``toolkit.parallel.parallel_map_overlapped``).
    """
    if len(tasks) <= 1:
        return list(run_batch(_build_task, list(tasks), jobs, progress))
    from toolkit.output.atomic import finishing_in_background
    from toolkit.parallel import parallel_map_overlapped

    if jobs > 1:
        if tasks[0].fmt in ("docx", "pdf"):
            from toolkit.writers.fastdocx import base_for
            from toolkit.writers.options import StyleOptions as Options

            with suppress(GovreportError):  # the base package once, before workers fork; each file reports errors
                base_for(tasks[0].options or Options())
        before_fork()
    start = partial(_slim_call, _build_started)
    return list(parallel_map_overlapped(start, tasks, jobs, progress, overlap=finishing_in_background))


def _build_started(task: BuildTask) -> Callable[[], Built]:
    """Build one file inside ``finishing_in_background``; what is left is waiting for its writes (the result)."""
    from toolkit.output.atomic import started_writes

    built = _build_task(task)
    return partial(_settled, built, started_writes())


def _settled(built: Built, writes: list[Write]) -> Built:
    """A file once its writes are finished: a write that failed is the file's failure."""
    try:
        for write in writes:
            write.wait()
    except OSError as exc:
        from toolkit.output.guard import os_error_message

        built.findings, built.error, built.status = [], os_error_message(exc, Path(built.out)), 1
    except Exception as exc:  # as ``_build_task``: a bug in one file's write must not stop the others
        built.findings, built.error, built.status = [], f"内部错误：{type(exc).__name__}: {exc}", 3
    return built


def _build_task(task: BuildTask) -> Built:
    """One file of a batch; every outcome is a result (exit status 1 for the input, 3 for a bug), never a raise."""
    built = Built(str(task.path), str(task.out))
    try:
        checked = build(
            task.path,
            task.out,
            task.fmt,
            task.templates,
            draft=task.draft,
            options=task.options,
            force=task.force,
            strict=task.strict,
            public=task.public,
        )
    except ReportInvalid as exc:
        built.findings, built.status = exc.findings, 1
    except GovreportError as exc:
        built.error, built.status = str(exc), 1
    except OSError as exc:
        where = f"：{exc.filename}" if exc.filename else ""
        built.error, built.status = f"{exc.strerror or exc}{where}", 1
    except Exception as exc:  # a bug in one file's build must not stop the others
        built.error, built.status = f"内部错误：{type(exc).__name__}: {exc}", 3
    else:
        built.findings = checked.findings
    return built


T = TypeVar("T")
R = TypeVar("R")


def run_batch(
    func: Callable[[T], R], tasks: Sequence[T], jobs: int, progress: Callable[[int], None] | None = None
) -> Iterator[R]:
    """``func`` over ``tasks`` in this process (``jobs`` ≤ 1) or in ``jobs`` processes (``toolkit.parallel``);
    results in task order.

    Results are stripped to what the report needs (a Checked loses its model, document and completeness: the
    findings and rule summaries are what ``validate`` prints), so little crosses the process boundary and a long
    batch does not keep every report's tree.
    """
    if jobs <= 1 or len(tasks) <= 1:
        for k, task in enumerate(tasks):
            result = _slim_call(func, task, last=k == len(tasks) - 1)
            if progress:
                progress(1)
            yield result
        return
    from toolkit.parallel import parallel_map

    before_fork()
    yield from parallel_map(partial(_slim_call, func), tasks, jobs, progress)


def _slim_call(func: Callable[[T], R], task: T, last: bool = False) -> R:
    """One task of a batch, with the cyclic garbage collector paused while it runs; its result slimmed.

    Why: a report is a tree of many objects, which the collector would walk again and again while it is built;
    once the task is done the tree is garbage, freed by reference counting. Then one collection finds what
    cycles the task left, and ``gc.freeze`` puts the survivors (results, caches, modules imported on the way)
    out of later collections' reach, so each collection costs what one task leaves, however long the batch.
    """
    with paused_gc():
        result = func(task)
        if isinstance(result, Checked):
            result = replace(result, report=None, source=None, document=None, reads=None, status=None, raw=None)
    if not last:
        gc.collect()
        gc.freeze()
    return result


def before_fork() -> None:
    """Ready this process to be forked into workers: what they need built once, then frozen, so no worker's
    collector walks it (and it stays shared after the fork)."""
    warm_up()
    gc.freeze()


def warm_up() -> None:
    """Import and build what every worker needs before the pool starts, so forked workers share it."""
    import toolkit.writers.text  # noqa: F401

    Report.model_rebuild()  # the report's validator (deferred until first use) is built once, not in each worker


def load_document(path: Path, templates: Sequence[Path] = ()) -> Checked:
    """Check a file and raise ReportInvalid unless it is free of errors."""
    checked = check_file(path, templates)
    if not checked.ok or checked.document is None:
        raise ReportInvalid(checked.findings)
    return checked


def render(
    document: Document,
    fmt: str,
    options: StyleOptions | None = None,
    findings: Sequence[Finding] = (),
) -> bytes:
    """Serialise a document tree; heavy writers are imported only when asked for.

    ``options`` lays out .docx and .pdf (GB/T 9704 by default); a PDF is the .docx converted by LibreOffice.
    ``findings`` become Word comments in a .docx (``build --annotate``).
    """
    data = package(document, fmt, options, findings)
    return data if isinstance(data, bytes) else data.data


def package(
    document: Document,
    fmt: str,
    options: StyleOptions | None = None,
    findings: Sequence[Finding] = (),
) -> bytes | Assembled:
    """As ``render``; a .docx of the fast path comes as its parts in hand (``Assembled``), which the output guard
    stamps without opening the archive again."""
    if fmt == "txt":
        from toolkit.writers.text import write_txt

        return write_txt(document).encode("utf-8")
    if fmt == "md":
        from toolkit.writers.text import write_md

        return write_md(document).encode("utf-8")
    if fmt == "docx":
        from toolkit.writers.fastdocx import package_docx

        if not findings:
            return package_docx(document, options)
        from toolkit.writers.comments import finding_notes

        return package_docx(document, options, finding_notes(document, findings))
    if fmt == "pdf":
        from toolkit.writers.fastdocx import write_docx
        from toolkit.writers.pdf import docx_to_pdf

        return docx_to_pdf(write_docx(document, options))
    raise GovreportError(f"不支持的输出格式：{fmt}")


def build(
    path: Path,
    out: Path,
    fmt: str,
    templates: Sequence[Path] = (),
    *,
    draft: bool = False,
    options: StyleOptions | None = None,
    force: bool = False,
    strict: bool = False,
    public: bool = False,
) -> Checked:
    """Check, compose and write ``out`` through the output guard; nothing is written unless every check passed.

    A final build also refuses while figures are missing, a signature has no date or a part is empty (all
    listed together with every other finding), and with ``strict`` on any warning. A ``draft`` renders missing
    figures as highlighted placeholders instead, is written even when consistency rules fail, marks the figures a
    failing rule names apart from the missing ones (``flag_metrics``) and (as .docx) carries every finding as a
    Word comment on the figure or sentence it concerns. The output guard (``toolkit.output.guard``) refuses an
    input, a foreign or edited file unless ``force`` (which keeps a ``.bak``), and stamps the provenance
    (``toolkit.output.fingerprint``): the YAML's SHA-256, for ``absorb``. ``public`` prints every figure marked
    ``masked`` as the report's mask (``**`` by default); the checks still ran on the real values.
    """
    from toolkit.output.guard import check_output, write_output

    inputs = [path, *([options.reference_doc] if options and options.reference_doc else [])]
    check_output(out, inputs=inputs, force=force)
    checked = check_draft(path, templates) if draft else check_final(path, templates, strict=strict)
    document = checked.document
    if document is None:
        raise ReportInvalid(checked.findings)
    notes = annotation_findings(checked) if draft else []
    if public:
        assert checked.report is not None and checked.source is not None
        document, _ = compose(checked.report, checked.source, templates, public=True)
        checked.document = document
    if draft:
        document = flag_metrics(document, failing_metrics(checked))
    data = package(document, fmt, options, notes)
    write_output(out, data, fmt=fmt, inputs=inputs, source=path, source_data=checked.raw, force=force)
    return checked


TEXT_CODES = (
    "template-syntax",
    "template-error",
    "template-typo",
    "template-limit",
    "unsafe-template",
    "undefined-metric",
)


def check_final(path: Path, templates: Sequence[Path] = (), *, strict: bool = False) -> Checked:
    """Check a file for a final build: every finding, every missing figure, what a final document may not lack
    (``final_findings``) and the warnings of an unfinished text (a metric no text uses, a paragraph that stops
    mid-sentence) are reported together; raise ReportInvalid on any error (any warning with ``strict``)."""
    checked = check_file(path, templates)
    if checked.report is not None and checked.source is not None and checked.status is not None:
        report, source = checked.report, checked.source
        with one_tree(report):
            final = apply_settings(final_findings(report, source, checked.status), Validation())
            texts_ok = not any(f.code in TEXT_CODES for f in checked.findings)
            unused = unused_metrics(report, source, checked.reads) if texts_ok else []
            finished = unclosed_texts(report, source) + unused
        finished = apply_settings(finished, report.validation)
        checked.findings = checked.findings + incomplete_findings(checked.status) + final + finished
    warned = strict and any(f.severity is Severity.WARNING for f in checked.findings)
    if not checked.ok or warned or checked.document is None:
        raise ReportInvalid(checked.findings)
    return checked


def failing_metrics(checked: Checked) -> set[str]:
    """The metrics a failing rule's findings point at (their value or a related place)."""
    if checked.report is None or checked.source is None:
        return set()
    from toolkit.diagnostics.catalogue import CATALOGUE
    from toolkit.model.report import iter_metrics

    places: set[tuple[str, int, int]] = set()
    for f in checked.findings:
        entry = CATALOGUE.get(f.code)
        if f.severity is Severity.ERROR and entry is not None and entry.stage == "rules":
            places |= {(loc.file, loc.line, loc.column) for loc in [f.location, *f.related]}
    source = checked.source
    found = set()
    for name, _, path in iter_metrics(checked.report):
        where = source.locate((*path, "value"))
        if (where.file, where.line, where.column) in places:
            found.add(name)
    return found


def check_draft(path: Path, templates: Sequence[Path] = ()) -> Checked:
    """Check a file for a draft: errors of the checks (failed rules, missing figures) do not stop it."""
    from toolkit.diagnostics.catalogue import CATALOGUE

    checked = check_file(path, templates)
    blocking = [
        f
        for f in checked.findings
        if f.severity is Severity.ERROR and not (f.code in CATALOGUE and CATALOGUE[f.code].adjustable)
    ]
    if blocking or checked.document is None:
        raise ReportInvalid(checked.findings)
    return checked


def annotation_findings(checked: Checked) -> list[Finding]:
    """What a draft's comments say: every error and warning, and each missing figure (not the summary notes)."""
    missing = incomplete_findings(checked.status) if checked.status is not None else []
    return [f for f in checked.findings if f.severity is not Severity.INFO] + missing


def refuse_incomplete(checked: Checked) -> None:
    """Raise ReportInvalid listing every missing figure."""
    assert checked.status is not None
    findings = incomplete_findings(checked.status)
    if findings:
        raise ReportInvalid(findings)
