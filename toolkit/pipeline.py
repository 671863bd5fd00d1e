"""The orchestrator: read → model → check → compose, and build, which writes only after every check."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from toolkit.checks.completeness import Status, incomplete_findings, incomplete_summary, report_status
from toolkit.checks.framework import check_framework, check_names
from toolkit.checks.prose import lint_report
from toolkit.checks.rules.consistency import check_consistency
from toolkit.checks.rules.figures import Prior
from toolkit.checks.settings import apply_settings
from toolkit.compose.composer import compose
from toolkit.compose.document import Document
from toolkit.diagnostics.finding import Finding, Severity, has_errors
from toolkit.diagnostics.summary import RuleSummary
from toolkit.errors import GovreportError, ReportInvalid
from toolkit.model.loading import model_report
from toolkit.model.report import Report
from toolkit.source.reader import SourceMap, read_yaml
from toolkit.writers.options import StyleOptions


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

    @property
    def ok(self) -> bool:
        """True when no finding is an error."""
        return not has_errors(self.findings)


def check_file(path: Path, templates: Sequence[Path] = (), priors: Mapping[str, Prior] | None = None) -> Checked:
    """Run every layer on one file and gather all findings (no exception for bad input).

    ``priors`` are last year's values by metric id (``validate --prior``), used where a metric has no ``prior``.
    """
    checked = Checked(str(path))
    try:
        loaded = read_yaml(path)
    except ReportInvalid as exc:
        checked.findings = exc.findings
        return checked
    checked.source = loaded.source
    report, findings = model_report(loaded.data, loaded.source)
    checked.findings = loaded.notes + findings
    if report is None:
        return checked
    checked.report = report
    checked.findings += check_framework(report, loaded.source) + check_names(report, loaded.source)
    if checked.ok:
        checked.document, text_findings = compose(report, loaded.source, templates)
        checked.findings += text_findings
        rule_findings, checked.rules = check_consistency(report, loaded.source, priors)
        checked.status = report_status(report, loaded.source)
        incomplete = incomplete_summary(checked.status, loaded.source.locate(("meta", "year")))
        lint = apply_settings(lint_report(report, loaded.source, loaded.text) + incomplete, report.validation)
        checked.findings += rule_findings + lint
    return checked


def validate_files(paths: Sequence[Path], prior: Path | None = None, templates: Sequence[Path] = ()) -> list[Checked]:
    """Check several files; ``prior`` is last year's report, whose values stand in for missing ``prior:``.

    ``templates`` are the block-template folders ``build --templates`` would use: they are checked too.
    """
    priors = None
    if prior is not None:
        from toolkit.checks.priors import load_priors

        priors = load_priors(prior)
    return [check_file(path, templates, priors=priors) for path in paths]


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
    if fmt == "txt":
        from toolkit.writers.text import write_txt

        return write_txt(document).encode("utf-8")
    if fmt == "md":
        from toolkit.writers.text import write_md

        return write_md(document).encode("utf-8")
    if fmt == "docx":
        from toolkit.writers.comments import finding_notes
        from toolkit.writers.docx import write_docx

        return write_docx(document, options, finding_notes(document, findings))
    if fmt == "pdf":
        from toolkit.writers.docx import write_docx
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
    public: bool = False,
) -> Checked:
    """Check, compose and write ``out`` through the output guard; nothing is written unless every check passed.

    A normal build also refuses while figures are missing; a ``draft`` renders them as highlighted
    placeholders instead, is written even when consistency rules fail, and (as .docx) carries every finding
    as a Word comment on the figure or sentence it concerns. The output guard (``toolkit.output.guard``) refuses
    an input, a foreign or edited file unless ``force`` (which keeps a ``.bak``), and stamps the provenance
    (``toolkit.output.fingerprint``): the YAML's SHA-256, for ``absorb``. ``public`` prints every figure marked
    ``masked`` as the report's mask (``**`` by default); the checks still ran on the real values.
    """
    from toolkit.output.guard import check_output, write_output

    inputs = [path, *([options.reference_doc] if options and options.reference_doc else [])]
    check_output(out, inputs=inputs, force=force)
    checked = check_draft(path, templates) if draft else load_document(path, templates)
    assert checked.document is not None
    if not draft:
        refuse_incomplete(checked)
    notes = annotation_findings(checked) if draft else []
    if public:
        assert checked.report is not None and checked.source is not None
        checked.document, _ = compose(checked.report, checked.source, templates, public=True)
    data = render(checked.document, fmt, options, notes)
    write_output(out, data, fmt=fmt, inputs=inputs, source=path, force=force)
    return checked


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
