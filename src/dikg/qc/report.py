"""The output of ``dikg check-ontology``: text grouped by rule, ROBOT's TSV table, JSON."""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import asdict, dataclass, field

from dikg.errors import InputError
from dikg.qc.rules import Finding
from dikg.terms import compact_iri

FORMATS = ("text", "tsv", "json")


@dataclass
class OntologyReport:
    """The outcome of :func:`check_ontology`.

    Attributes:
        findings: every finding, sorted by :attr:`Finding.sort_key`.
        summaries: the summary line of every rule that was run, by rule id.
        prefixes: prefix to namespace, for showing IRIs as prefixed names.
        reasoner_seconds: how long HermiT took, or None when it did not run.
    """

    findings: list[Finding] = field(default_factory=list)
    summaries: dict[str, str] = field(default_factory=dict)
    prefixes: dict[str, str] = field(default_factory=dict)
    reasoner_seconds: float | None = None

    def count(self, level: str) -> int:
        """The number of findings of one level."""
        return sum(1 for finding in self.findings if finding.level == level)

    @property
    def errors(self) -> int:
        """The number of ERROR findings (any fails the check)."""
        return self.count("ERROR")

    def summary_line(self) -> str:
        """``N errors, M warnings, K info``."""
        return f"{self.errors} errors, {self.count('WARN')} warnings, {self.count('INFO')} info"

    def compact(self, text: str) -> str:
        """Show an IRI as a prefixed name where a prefix fits, else as ``<IRI>``.

        Literals (N-Triples notation) get their datatype compacted; file paths and '' are
        returned as they are.
        """
        return _compact(text, self.prefixes)


_IRI_IN_TEXT = re.compile(r"<([^<>\s]+)>")


def _compact(text: str, prefixes: dict[str, str]) -> str:
    if not text:
        return text
    if text.startswith('"'):
        # a literal: only the datatype IRI at its end is an IRI
        return _IRI_IN_TEXT.sub(lambda m: compact_iri(m.group(1), prefixes), text)
    if re.match(r"^[a-z][a-z0-9+.-]*:", text, re.IGNORECASE) and not text.startswith("_:"):
        return compact_iri(text, prefixes)
    return text


def _compact_message(message: str, prefixes: dict[str, str]) -> str:
    return _IRI_IN_TEXT.sub(lambda m: compact_iri(m.group(1), prefixes), message)


def render_text(report: OntologyReport) -> str:
    """Findings grouped by rule, each rule with its count and summary, one line per finding."""
    counts = Counter(finding.rule for finding in report.findings)
    lines: list[str] = []
    current = None
    for finding in report.findings:
        if finding.rule != current:
            if current is not None:
                lines.append("")
            current = finding.rule
            summary = report.summaries.get(finding.rule, "")
            lines.append(f"{finding.level} {finding.rule} ({counts[finding.rule]}): {summary}")
        cells = [
            report.compact(getattr(finding, name)) for name in ("subject", "property", "value")
        ]
        message = _compact_message(finding.message, report.prefixes)
        if any(cells):
            # "-" keeps the columns in place where a finding has no property or value
            message = "  ".join(cell or "-" for cell in cells) + "  " + message
        lines.append(f"  {message}")
    return "\n".join(lines) + "\n" if lines else ""


def _tsv_cell(text: str) -> str:
    # A tab or line break in a cell would break the row. Values are already in N-Triples
    # notation (escaped); a message or path is not, so escape those characters as N-Triples
    # does. Backslashes stay single, so that a value reads the same as in the text report.
    return text.replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def render_tsv(report: OntologyReport) -> str:
    """ROBOT's report table (Level, Rule Name, Subject, Property, Value) plus the message."""
    lines = ["Level\tRule Name\tSubject\tProperty\tValue\tMessage"]
    for finding in report.findings:
        cells = [
            finding.level,
            finding.rule,
            report.compact(finding.subject),
            report.compact(finding.property),
            report.compact(finding.value),
            _compact_message(finding.message, report.prefixes),
        ]
        lines.append("\t".join(_tsv_cell(cell) for cell in cells))
    return "\n".join(lines) + "\n"


def render_json(report: OntologyReport) -> str:
    """A JSON list of findings, one object each; IRIs in full, so that they are unambiguous."""
    return json.dumps([asdict(f) for f in report.findings], indent=2, ensure_ascii=False) + "\n"


def render(report: OntologyReport, fmt: str) -> str:
    """Render in one of :data:`FORMATS`.

    Raises:
        InputError: for an unknown format.
    """
    if fmt == "text":
        return render_text(report)
    if fmt == "tsv":
        return render_tsv(report)
    if fmt == "json":
        return render_json(report)
    raise InputError(f"unknown format {fmt!r}", hint=f"use one of {', '.join(FORMATS)}")
