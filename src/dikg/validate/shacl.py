"""SHACL validation as dikg runs it: SHACL Core on a fast engine, SHACL-SPARQL on pyoxigraph.

pySHACL (the reference engine) runs a SHACL-SPARQL constraint once per focus node on rdflib's
SPARQL engine, ~90% of the validation time, so dikg splits the shapes graph in two:

* the **core part** (everything but ``sh:sparql``) goes to an engine of
  :mod:`dikg.validate.engines` (pyshacl-turbo, or pySHACL) unchanged, except that a
  SHACL-AF SPARQL target (https://www.w3.org/TR/shacl-af/#SPARQLTarget) is replaced by the
  ``sh:targetNode`` list it selects, computed once on pyoxigraph;
* every **SPARQL constraint** runs once, on pyoxigraph, with ``$this`` unbound: the rows whose
  ``$this`` is a focus node of the shape are its results, built as SHACL 5.3.2 says
  (https://www.w3.org/TR/shacl/#sparql-constraints-validation) and as pySHACL builds them.

Running with ``$this`` unbound gives the rows pre-binding gives when the query's graph
patterns bind ``$this`` at the top level, as shapes/rules.ttl asks; tests/test_shapes.py checks
this against plain pySHACL (:func:`reference_results`) on every example.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import RDF, RDFS, SH, XSD, Graph, Literal, URIRef
from rdflib.term import Node

from dikg.errors import DikgError
from dikg.rdf.convert import to_ox, to_rdflib
from dikg.validate.engines import DEFAULT_ENGINE, Engine, core_report
from dikg.validate.targets import PER_NODE_LIMIT, focus_nodes, sparql_targets

SEVERITY_ORDER = {SH.Violation: 0, SH.Warning: 1, SH.Info: 2}
_TARGET_PREDICATES = (SH.targetNode, SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf)


@dataclass(frozen=True)
class Result:
    """One validation result (https://www.w3.org/TR/shacl/#results-validation-result).

    Attributes:
        severity: sh:Violation, sh:Warning or sh:Info.
        focus: the focus node.
        path: the result path, if any.
        value: the value node, if any.
        shape: the source shape (for dikg's own checks, the check's IRI in shapes/checks.ttl).
        component: the source constraint component.
        messages: the result messages, one per language where the shape gives several.
    """

    severity: URIRef
    focus: Node
    path: Node | None
    value: Node | None
    shape: Node | None
    component: URIRef | None
    messages: tuple[Literal, ...]

    def message(self, lang: str) -> str:
        """The message in ``lang``, else an untagged one, else any."""
        for wanted in (lang, None):
            for message in self.messages:
                if message.language == wanted:
                    return str(message)
        return str(self.messages[0]) if self.messages else ""

    @property
    def severity_name(self) -> str:
        """``Violation``, ``Warning`` or ``Info``."""
        return str(self.severity).rsplit("#", 1)[-1]

    def sort_key(self) -> tuple:
        """Worst first, then by focus node, path, value, shape, component and messages.

        A total order: two results of one shape on one value (say a datatype and a pattern)
        must not come out in the order an engine happened to find them.
        """
        return (
            SEVERITY_ORDER.get(self.severity, 9),
            str(self.focus),
            str(self.path or ""),
            str(self.value if self.value is not None else ""),
            str(self.shape or ""),
            str(self.component or ""),
            tuple(sorted(f"{m}@{m.language or ''}" for m in self.messages)),
        )


class ShapesError(DikgError):
    """A shape that dikg's SPARQL runner cannot evaluate the way pySHACL would."""


@dataclass(frozen=True)
class SparqlConstraint:
    """A SHACL-SPARQL constraint of a node shape, ready to run once on the whole store."""

    shape: Node
    node: Node
    query: str
    severity: URIRef
    messages: tuple[Literal, ...]


@dataclass
class SplitShapes:
    """A shapes graph split into what pySHACL runs and what dikg runs on pyoxigraph.

    Attributes:
        core: the shapes graph without ``sh:sparql`` constraints and SPARQL targets.
        constraints: the SPARQL constraints.
        sparql_targets: per shape, the ``sh:select`` texts of its SPARQL targets.
        targets: per shape with SPARQL constraints, the description of its targets.
    """

    core: Graph
    constraints: list[SparqlConstraint]
    sparql_targets: dict[Node, list[str]]
    targets: dict[Node, list[tuple[URIRef, Node]]]


def _prefixes(shapes: Graph, node: Node) -> str:
    """The PREFIX lines that ``sh:prefixes`` of ``node`` declares (SHACL 5.2.1)."""
    lines = {}
    for declaring in shapes.objects(node, SH.prefixes):
        for declaration in shapes.objects(declaring, SH.declare):
            prefix = shapes.value(declaration, SH.prefix)
            namespace = shapes.value(declaration, SH.namespace)
            if prefix is not None and namespace is not None:
                lines[str(prefix)] = f"PREFIX {prefix}: <{namespace}>"
    return "".join(line + "\n" for _, line in sorted(lines.items()))


def _is_deactivated(shapes: Graph, node: Node) -> bool:
    return shapes.value(node, SH.deactivated) == Literal(True)


def split_shapes(shapes: Graph) -> SplitShapes:
    """Split a shapes graph for :func:`validate_graph`.

    Raises:
        ShapesError: for ``sh:sparql`` on a property shape, which this runner does not do.
    """
    core = Graph()
    for prefix, namespace in shapes.namespaces():
        core.bind(prefix, namespace, override=False)
    removed: set[tuple[Node, Node, Node]] = set()
    constraints: list[SparqlConstraint] = []
    sparql_targets: dict[Node, list[str]] = {}
    targets: dict[Node, list[tuple[URIRef, Node]]] = {}
    for shape, constraint in shapes.subject_objects(SH.sparql):
        removed.add((shape, SH.sparql, constraint))
        if _is_deactivated(shapes, shape) or _is_deactivated(shapes, constraint):
            continue
        if shapes.value(shape, SH.path) is not None:
            raise ShapesError(
                f"sh:sparql on the property shape {shape}: dikg runs SPARQL constraints of node "
                "shapes only",
                hint="move the constraint to a node shape and bind ?path in the query",
            )
        select = shapes.value(constraint, SH.select)
        if select is None:
            raise ShapesError(f"SPARQL constraint of {shape} has no sh:select")
        messages = tuple(
            sorted(
                {*shapes.objects(shape, SH.message), *shapes.objects(constraint, SH.message)},
                key=lambda m: (m.language or "", str(m)),
            )
        )
        constraints.append(
            SparqlConstraint(
                shape=shape,
                node=constraint,
                query=_prefixes(shapes, constraint) + str(select),
                severity=shapes.value(shape, SH.severity) or SH.Violation,
                messages=messages,
            )
        )
        targets[shape] = [(p, o) for p in _TARGET_PREDICATES for o in shapes.objects(shape, p)]
    for shape, target in shapes.subject_objects(SH.target):
        select = shapes.value(target, SH.select)
        if select is None:
            continue  # a SHACL-AF target type dikg does not know: leave it to pySHACL
        removed.add((shape, SH.target, target))
        sparql_targets.setdefault(shape, []).append(_prefixes(shapes, target) + str(select))
    for triple in shapes:
        if triple not in removed:
            core.add(triple)
    return SplitShapes(core, constraints, sparql_targets, targets)


_PLACEHOLDER = re.compile(r"\{[?$]([A-Za-z_][A-Za-z0-9_]*)\}")


def format_message(message: Literal, bindings: dict[str, Node]) -> Literal:
    """Fill ``{?var}`` / ``{$var}`` with the bound values (SHACL 5.3.2, like pySHACL)."""

    def fill(match: re.Match[str]) -> str:
        value = bindings.get(match.group(1))
        return match.group(0) if value is None else str(value)

    return Literal(_PLACEHOLDER.sub(fill, str(message)), lang=message.language)


def run_sparql_constraint(
    store: ox.Store, constraint: SparqlConstraint, focus: Collection[Node]
) -> list[Result]:
    """Run one SPARQL constraint: once on the whole store, or once per focus node if few.

    Args:
        store: the data graph (default graph = union of the named graphs).
        constraint: the constraint.
        focus: the shape's focus nodes; rows for other ``$this`` are dropped. Up to
            :data:`PER_NODE_LIMIT` of them, ``$this`` is pre-bound to each in turn instead
            (SHACL 5.3.1), which is quicker where the query compares resources with each other.

    Returns:
        One result per distinct solution, as pySHACL makes them for a node shape: the value is
        ``?value`` if bound, else the focus node; the path is ``?path`` if bound.
    """
    results = []
    seen = set()
    for bound in _solutions(store, constraint, focus):
        this = bound.pop("this", None)
        if this is None or this not in focus:
            continue
        bound.pop("failure", None)
        path = bound.pop("path", None)
        value = bound.pop("value", None)
        key = (this, path, value, frozenset(bound.items()))
        if key in seen:
            continue
        seen.add(key)
        value = this if value is None else value
        fill = {**bound, "this": this, "value": value}
        if path is not None:
            fill["path"] = path
        results.append(
            Result(
                severity=constraint.severity,
                focus=this,
                path=path,
                value=value,
                shape=constraint.shape,
                component=SH.SPARQLConstraintComponent,
                messages=tuple(format_message(m, fill) for m in constraint.messages),
            )
        )
    return results


def _solutions(
    store: ox.Store, constraint: SparqlConstraint, focus: Collection[Node]
) -> Iterator[dict[str, Node]]:
    """The constraint's solutions as rdflib terms by variable name, ``this`` included."""
    this = ox.Variable("this")
    bindings = [{this: to_ox(node)} for node in focus] if len(focus) <= PER_NODE_LIMIT else [{}]
    for substitutions in bindings:
        try:
            solutions = store.query(
                constraint.query, use_default_graph_as_union=True, substitutions=substitutions
            )
        except SyntaxError as error:
            raise ShapesError(
                f"SPARQL syntax error in a constraint of {constraint.shape}: {error}"
            ) from None
        variables = [v.value for v in solutions.variables]
        for solution in solutions:
            bound = {
                name: to_rdflib(solution[name]) for name in variables if solution[name] is not None
            }
            yield bound


def results_from_report(report: Graph) -> list[Result]:
    """The results of a SHACL validation report graph (pySHACL's or any engine's).

    Only the report's own ``sh:result`` values: a result may carry the results of nested
    shapes (sh:node) as ``sh:detail``, which are part of it, not results of their own.
    """
    found = []
    results = [
        r
        for report_node in report.subjects(RDF.type, SH.ValidationReport)
        for r in report.objects(report_node, SH.result)
    ]
    for node in results:
        messages = tuple(
            sorted(
                report.objects(node, SH.resultMessage),
                key=lambda m: (getattr(m, "language", None) or "", str(m)),
            )
        )
        found.append(
            Result(
                severity=report.value(node, SH.resultSeverity),
                focus=_simple(report.value(node, SH.focusNode)),
                path=report.value(node, SH.resultPath),
                value=_simple(report.value(node, SH.value)),
                shape=report.value(node, SH.sourceShape),
                component=report.value(node, SH.sourceConstraintComponent),
                messages=messages,
            )
        )
    return found


def _simple(term: Node | None) -> Node | None:
    """An xsd:string literal as the simple literal it is (RDF 1.1), as rdflib's parsers give it.

    pyshacl-turbo reports the values it read from a pyoxigraph store with the datatype.
    """
    if isinstance(term, Literal) and term.datatype == XSD.string and not term.language:
        return Literal(str(term))
    return term


def validate_graph(
    store: ox.Store,
    data: Graph | None,
    split: SplitShapes,
    *,
    focus: Collection[Node] | None = None,
    engine: Engine = DEFAULT_ENGINE,
) -> list[Result]:
    """Validate ``data`` against the split shapes.

    Args:
        store: the data as a pyoxigraph store (the SPARQL part runs here).
        data: what SHACL Core validates, as an rdflib graph (it may be changed) holding
            everything the engine needs about the focus nodes; None for all of ``store``.
        split: the shapes, from :func:`split_shapes`.
        focus: if given, only results about these focus nodes are kept (new-entry mode).
        engine: the SHACL Core engine (:mod:`dikg.validate.engines`).

    Returns:
        The results, deduplicated, in a stable order.
    """
    core = split.core
    # each SPARQL target runs once, for SHACL Core and the SPARQL constraints alike
    selected = {
        shape: sparql_targets(store, selects, focus)
        for shape, selects in split.sparql_targets.items()
    }
    # SHACL Core gets the nodes as sh:targetNode, added to the shapes graph for the run and
    # then removed (copying the shapes graph took longer than validating a new entry); a shape
    # whose constraints are all SPARQL ones needs none
    added = {
        (shape, SH.targetNode, node)
        for shape, nodes in selected.items()
        if _has_core_constraints(core, shape)
        for node in nodes
    } - set(core.triples((None, SH.targetNode, None)))
    for triple in added:
        core.add(triple)
    try:
        report = core_report(engine, core, store, data, advanced=False)
    finally:
        for triple in added:
            core.remove(triple)
    results = [r for r in results_from_report(report) if _kept(r.focus, focus)]
    for constraint in split.constraints:
        nodes = focus_nodes(store, split.targets[constraint.shape], [], among=focus)
        nodes |= selected.get(constraint.shape, set())
        if nodes:
            results.extend(run_sparql_constraint(store, constraint, nodes))
    return sorted(set(results), key=Result.sort_key)


_NOT_CONSTRAINTS = {RDF.type, RDFS.label, RDFS.comment, SH.message, SH.severity, SH.prefixes}


def _has_core_constraints(core: Graph, shape: Node) -> bool:
    return any(p not in _NOT_CONSTRAINTS for p in core.predicates(shape))


def _kept(node: Node, focus: Collection[Node] | None) -> bool:
    return focus is None or node in focus


def reference_results(data: Graph, shapes: Graph, engine: Engine = "pyshacl") -> list[Result]:
    """Plain pySHACL (or ``engine``) on the whole shapes graph, SHACL-SPARQL and SHACL-AF included.

    The reference that :func:`validate_graph` must agree with (tests) and the baseline of
    benchmarks/bench_validate.py. It validates every node of ``data``: pySHACL's
    ``focus_nodes`` option is not used, because with it (pySHACL 0.40) the nested shapes of
    sh:node and sh:qualifiedValueShape skip the value nodes, so those constraints never fail.
    """
    report = core_report(engine, shapes, ox.Store(), data, advanced=True)
    return sorted(set(results_from_report(report)), key=Result.sort_key)
