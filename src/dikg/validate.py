"""``dikg validate``: check the graph against the SHACL shapes in shapes/ with pySHACL."""

from __future__ import annotations

from dataclasses import dataclass, field

from pyshacl import validate as shacl_validate
from rdflib import RDF, SH, Graph, Literal, URIRef

from dikg.fmt import expand_paths
from dikg.graphfiles import load_sources, merge_sources, parse_turtle
from dikg.grounding import check_quotes, load_quotes
from dikg.root import GraphRoot
from dikg.store import load_store

SEVERITY_ORDER = {SH.Violation: 0, SH.Warning: 1, SH.Info: 2}


@dataclass(frozen=True)
class Problem:
    """One SHACL validation result, in plain strings."""

    severity: str
    focus: str
    path: str
    value: str
    message: str


@dataclass
class ValidationOutcome:
    """The problems found, worst first, and how many shapes were applied."""

    shapes: int
    problems: list[Problem] = field(default_factory=list)

    @property
    def violations(self) -> int:
        """The number of sh:Violation results (these fail validation)."""
        return sum(1 for problem in self.problems if problem.severity == "Violation")

    @property
    def conforms(self) -> bool:
        """True when there is no violation; warnings are allowed."""
        return self.violations == 0


def load_shapes(root: GraphRoot) -> Graph:
    """Merge every ``shapes/*.ttl`` file into one shapes graph."""
    shapes = Graph(bind_namespaces="core")
    if root.shapes.is_dir():
        for path in expand_paths([root.shapes]):
            parse_turtle(path, into=shapes)
    return shapes


def _text(graph: Graph, node) -> str:
    """A term as a reader wants it: literal values plain, IRIs as prefixed names."""
    if node is None:
        return ""
    if isinstance(node, Literal):
        return str(node)
    return graph.namespace_manager.normalizeUri(node)


def grounding_problems(root: GraphRoot, data: Graph) -> list[Problem]:
    """Quotes that do not occur in the stored text of their document, as violations."""
    quotes = load_quotes(root, load_store(root))
    return [
        Problem(
            severity="Violation",
            focus=_text(data, URIRef(problem.resource)),
            path="dikg:sourceQuote",
            value=problem.quote,
            message=f"source quote {problem.reason}",
        )
        for problem in check_quotes(root, quotes)
    ]


def validate(root: GraphRoot, *, lang: str = "en") -> ValidationOutcome:
    """Validate the whole graph (ontology/ and data/) against shapes/.

    Args:
        root: the graph root.
        lang: the language of messages, where shapes give ``sh:message`` in several.
    """
    data = merge_sources(load_sources(root))
    shapes = load_shapes(root)
    shape_count = len(set(shapes.subjects(RDF.type, SH.NodeShape))) + len(
        set(shapes.subjects(RDF.type, SH.PropertyShape))
    )
    problems = grounding_problems(root, data)
    if shape_count == 0:
        return ValidationOutcome(shapes=0, problems=problems)
    _, report, _ = shacl_validate(data, shacl_graph=shapes, advanced=True, allow_warnings=True)
    for result in report.subjects(RDF.type, SH.ValidationResult):
        messages = list(report.objects(result, SH.resultMessage))
        preferred = [m for m in messages if getattr(m, "language", None) == lang] or messages
        severity = report.value(result, SH.resultSeverity)
        problems.append(
            Problem(
                severity=str(severity).rsplit("#", 1)[-1],
                focus=_text(data, report.value(result, SH.focusNode)),
                path=_text(data, report.value(result, SH.resultPath)),
                value=_text(data, report.value(result, SH.value)),
                message=str(preferred[0]) if preferred else "",
            )
        )
    problems.sort(
        key=lambda p: (SEVERITY_ORDER.get(SH[p.severity], 9), p.focus, p.path, p.value, p.message)
    )
    return ValidationOutcome(shapes=shape_count, problems=problems)
