"""The output of ``dikg validate``: text for people, JSON for programs, the SHACL report.

* ``text``: grouped by resource, each resource headed by the file and line where it is written,
  each problem with severity, property, value and the message in the language asked for;
* ``json``: one object with the counts and a list of results (terms as in SPARQL 1.1 Query
  Results JSON, https://www.w3.org/TR/sparql11-results-json/#select-encode-terms);
* ``turtle``: the SHACL validation report (https://www.w3.org/TR/shacl/#validation-report),
  with both languages of every message.

Every format lists the problems in the same, deterministic order, and says whether the data
conforms as SHACL defines it (https://www.w3.org/TR/shacl/#conforms): only when there is no
result at all, of any severity. Whether ``dikg validate`` fails is another matter (violations
fail, warnings only with ``--strict``), so text and JSON also give the :func:`verdict`.
"""

from __future__ import annotations

import json
from itertools import groupby

from rdflib import RDF, SH, BNode, Graph, Literal

from dikg.rdf.convert import term_json
from dikg.validate.run import SEVERITIES, ValidationOutcome

FORMATS = ("text", "json", "turtle")
VALUE_WIDTH = 70


def render(outcome: ValidationOutcome, fmt: str, *, lang: str = "en") -> str:
    """Render an outcome in ``text``, ``json`` or ``turtle``."""
    if fmt == "json":
        return render_json(outcome, lang=lang)
    if fmt == "turtle":
        return render_turtle(outcome)
    return render_text(outcome, lang=lang)


def render_text(outcome: ValidationOutcome, *, lang: str = "en") -> str:
    """Problems grouped by resource, headed ``file:line: resource``."""
    names = outcome.names
    lines = []
    for (file, line, focus), group in groupby(
        outcome.problems, key=lambda p: (p.file, p.line, p.result.focus)
    ):
        where = f"{file}:{line}: " if file and line else f"{file}: " if file else ""
        lines.append(f"{where}{names.term(focus)}")
        shown = set()
        for problem in group:
            result = problem.result
            # two constraints of one shape failing on one value say the same thing once
            said = (result.severity, result.path, result.value, result.shape)
            if said in shown:
                continue
            shown.add(said)
            parts = [result.severity_name, names.term(result.path) or "-"]
            if result.value is not None and result.value not in (result.focus, result.path):
                parts.append(names.term(result.value, width=VALUE_WIDTH))
            lines.append("  " + "  ".join(parts))
            lines.append(f"      {names.text(result.message(lang))}")
    return "".join(line + "\n" for line in lines)


VERDICTS = ("conforms", "warnings only", "infos only", "violations")
_VERDICT_TEXT = {
    "en": {
        "conforms": "conforms",
        "warnings only": "does not conform (warnings only)",
        "infos only": "does not conform (infos only)",
        "violations": "does not conform",
    },
    "nl": {
        "conforms": "voldoet",
        "warnings only": "voldoet niet (alleen waarschuwingen)",
        "infos only": "voldoet niet (alleen meldingen)",
        "violations": "voldoet niet",
    },
}


def conforms(outcome: ValidationOutcome) -> bool:
    """SHACL's ``sh:conforms``: true exactly when there are no validation results.

    SHACL 1.0 section 3.6.1.1 (https://www.w3.org/TR/shacl/#conforms): a result of any
    severity, a warning or an info too, makes it false.
    """
    return not outcome.problems


def verdict(outcome: ValidationOutcome) -> str:
    """One of :data:`VERDICTS`, the worst of the results.

    ``conforms`` (no results), ``violations`` (at least one), else ``warnings only`` (at least
    one warning) or ``infos only``. Only ``violations`` fails ``dikg validate`` (``warnings
    only`` too with ``--strict``).
    """
    if conforms(outcome):
        return "conforms"
    if outcome.violations:
        return "violations"
    return "warnings only" if outcome.count("Warning") else "infos only"


def summary(outcome: ValidationOutcome, *, lang: str = "en") -> str:
    """One line for stderr: the verdict and the counts."""
    counts = {s: outcome.count(s) for s in SEVERITIES}
    said = _VERDICT_TEXT["nl" if lang == "nl" else "en"][verdict(outcome)]
    if lang == "nl":
        return (
            f"{said}: {counts['Violation']} overtredingen, {counts['Warning']} waarschuwingen, "
            f"{counts['Info']} meldingen bij {outcome.resources} resources "
            f"({outcome.shapes} shapes)"
        )
    return (
        f"{said}: {counts['Violation']} violations, {counts['Warning']} warnings, "
        f"{counts['Info']} infos in {outcome.resources} resources ({outcome.shapes} shapes)"
    )


def render_json(outcome: ValidationOutcome, *, lang: str = "en") -> str:
    """The counts and the results as JSON; ``message`` is in ``lang``, ``messages`` in all.

    ``conforms`` is SHACL's (false with warnings too); ``verdict`` tells warnings only from
    violations.
    """
    results = []
    for problem in outcome.problems:
        result = problem.result
        results.append(
            {
                "severity": result.severity_name,
                "focus": term_json(result.focus),
                "path": term_json(result.path),
                "value": term_json(result.value),
                "message": result.message(lang),
                "messages": {m.language or "": str(m) for m in result.messages},
                "shape": str(result.shape) if result.shape is not None else None,
                "component": str(result.component) if result.component is not None else None,
                "file": problem.file,
                "line": problem.line,
            }
        )
    document = {
        "conforms": conforms(outcome),
        "verdict": verdict(outcome),
        "entries": list(outcome.entries),
        "shapes": outcome.shapes,
        "counts": {s: outcome.count(s) for s in SEVERITIES},
        "results": results,
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def report_graph(outcome: ValidationOutcome) -> Graph:
    """The SHACL validation report of an outcome (https://www.w3.org/TR/shacl/#validation-report).

    ``sh:conforms`` is true only when the report has no ``sh:result`` (SHACL 1.0 section
    3.6.1.1), so a report with warnings says false even though ``dikg validate`` passes.
    """
    graph = Graph(bind_namespaces="core")
    for prefix, namespace in outcome.names.prefixes.items():
        graph.bind(prefix, namespace, override=True)
    graph.bind("sh", SH, override=True)
    report = BNode("report")
    graph.add((report, RDF.type, SH.ValidationReport))
    graph.add((report, SH.conforms, Literal(conforms(outcome))))
    width = len(str(len(outcome.problems)))
    for number, problem in enumerate(outcome.problems, start=1):
        result = problem.result
        # labels in report order: the serializer sorts by them, so results keep that order
        node = BNode(f"result{number:0{width}d}")
        graph.add((report, SH.result, node))
        graph.add((node, RDF.type, SH.ValidationResult))
        graph.add((node, SH.resultSeverity, result.severity))
        graph.add((node, SH.focusNode, result.focus))
        for predicate, term in (
            (SH.resultPath, result.path),
            (SH.value, result.value),
            (SH.sourceShape, result.shape),
            (SH.sourceConstraintComponent, result.component),
        ):
            if term is not None:
                graph.add((node, predicate, term))
        for message in result.messages:
            graph.add((node, SH.resultMessage, message))
    return graph


def render_turtle(outcome: ValidationOutcome) -> str:
    """The SHACL validation report in long-form Turtle, results nested in report order."""
    return report_graph(outcome).serialize(format="longturtle")
