"""SHACL validation as dikg runs it: pySHACL for SHACL Core, pyoxigraph for SHACL-SPARQL.

pySHACL (the reference engine) runs a SHACL-SPARQL constraint once per focus node on rdflib's
SPARQL engine, ~90% of the validation time, so dikg splits the shapes graph in two:

* the **core part** (everything but ``sh:sparql``) goes to pySHACL unchanged, except that a
  SHACL-AF SPARQL target (https://www.w3.org/TR/shacl-af/#SPARQLTarget) is replaced by the
  ``sh:targetNode`` list it selects, computed once on pyoxigraph;
* every **SPARQL constraint** runs once, on pyoxigraph, with ``$this`` unbound: the rows whose
  ``$this`` is a focus node of the shape are its results, built as SHACL 5.3.2 says
  (https://www.w3.org/TR/shacl/#sparql-constraints-validation) and as pySHACL builds them.

Running with ``$this`` unbound gives the rows pre-binding gives when ``$this`` is bound by the
query's graph patterns at the top level (not only inside OPTIONAL, MINUS, a FILTER or a
sub-query), as shapes/rules.ttl asks; tests/test_shapes.py checks both ways agree on every
example (:func:`reference_results` runs plain pySHACL, also for benchmarks/bench_validate.py).
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import RDF, SH, Graph, Literal, URIRef
from rdflib.term import Node

from dikg.errors import DikgError
from dikg.graph.classes import subclass_closure
from dikg.rdf.convert import to_ox, to_rdflib

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
        """Worst first, then by focus node, path, value and shape."""
        return (
            SEVERITY_ORDER.get(self.severity, 9),
            str(self.focus),
            str(self.path or ""),
            str(self.value if self.value is not None else ""),
            str(self.shape or ""),
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


def _sparql_select_this(store: ox.Store, query: str) -> set[Node]:
    return {
        to_rdflib(row["this"])
        for row in store.query(query, use_default_graph_as_union=True)
        if row["this"] is not None
    }


def focus_nodes(store: ox.Store, declared: list[tuple[URIRef, Node]], selects: list[str]) -> set:
    """The focus nodes of a shape's targets (https://www.w3.org/TR/shacl/#targets).

    Args:
        store: the data, with the default graph as the union of its named graphs.
        declared: (target predicate, object) pairs of the shape.
        selects: the ``sh:select`` queries of its SPARQL targets.

    Returns:
        rdflib terms.
    """
    found: set[Node] = set()
    rdf_type = ox.NamedNode(str(RDF.type))
    for predicate, obj in declared:
        if predicate == SH.targetNode:
            found.add(obj)
        elif predicate == SH.targetClass:
            for cls in subclass_closure(store, [to_ox(obj)], upward=False):
                found.update(
                    to_rdflib(q.subject) for q in store.quads_for_pattern(None, rdf_type, cls, None)
                )
        elif predicate == SH.targetSubjectsOf:
            found.update(
                to_rdflib(q.subject) for q in store.quads_for_pattern(None, to_ox(obj), None, None)
            )
        elif predicate == SH.targetObjectsOf:
            found.update(
                to_rdflib(q.object) for q in store.quads_for_pattern(None, to_ox(obj), None, None)
            )
    for select in selects:
        found |= _sparql_select_this(store, select)
    return found


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
    """Run one SPARQL constraint once on the whole store.

    Args:
        store: the data graph (default graph = union of the named graphs).
        constraint: the constraint.
        focus: the shape's focus nodes; rows for other ``$this`` are dropped.

    Returns:
        One result per distinct solution, as pySHACL makes them for a node shape: the value is
        ``?value`` if bound, else the focus node; the path is ``?path`` if bound.
    """
    results = []
    seen = set()
    try:
        solutions = store.query(constraint.query, use_default_graph_as_union=True)
    except SyntaxError as error:
        raise ShapesError(
            f"SPARQL syntax error in a constraint of {constraint.shape}: {error}"
        ) from None
    variables = [v.value for v in solutions.variables]
    for solution in solutions:
        bound = {
            name: to_rdflib(solution[name]) for name in variables if solution[name] is not None
        }
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
                focus=report.value(node, SH.focusNode),
                path=report.value(node, SH.resultPath),
                value=report.value(node, SH.value),
                shape=report.value(node, SH.sourceShape),
                component=report.value(node, SH.sourceConstraintComponent),
                messages=messages,
            )
        )
    return found


def _run_pyshacl(data: Graph, shapes: Graph, *, advanced: bool) -> list[Result]:
    # pySHACL takes about 0.2 s to import; only validation needs it.
    from pyshacl import validate as pyshacl_validate

    _, report, _ = pyshacl_validate(
        data,
        shacl_graph=shapes,
        advanced=advanced,
        inplace=True,
        allow_warnings=True,
        allow_infos=True,
    )
    return results_from_report(report)


def validate_graph(
    store: ox.Store,
    data: Graph,
    split: SplitShapes,
    *,
    focus: Collection[Node] | None = None,
) -> list[Result]:
    """Validate ``data`` against the split shapes.

    Args:
        store: the data as a pyoxigraph store (the SPARQL part runs here); ``data`` must hold
            everything pySHACL needs about the focus nodes (all of it, in whole-graph mode).
        data: the data as an rdflib graph, for pySHACL; it may be changed.
        split: the shapes, from :func:`split_shapes`.
        focus: if given, only results about these focus nodes are kept (new-entry mode).

    Returns:
        The results, deduplicated, in a stable order.
    """
    core = split.core
    if split.sparql_targets:
        core = Graph()
        core += split.core
        for shape, selects in split.sparql_targets.items():
            for node in sorted(_sparql_targets(store, selects, focus)):
                core.add((shape, SH.targetNode, node))
    results = [r for r in _run_pyshacl(data, core, advanced=False) if _kept(r.focus, focus)]
    for constraint in split.constraints:
        nodes = focus_nodes(
            store, split.targets[constraint.shape], split.sparql_targets.get(constraint.shape, [])
        )
        if focus is not None:
            nodes &= set(focus)
        if nodes:
            results.extend(run_sparql_constraint(store, constraint, nodes))
    return sorted(set(results), key=Result.sort_key)


def _sparql_targets(store: ox.Store, selects: list[str], focus: Collection[Node] | None) -> set:
    nodes: set[Node] = set()
    for select in selects:
        nodes |= _sparql_select_this(store, select)
    return nodes if focus is None else nodes & set(focus)


def _kept(node: Node, focus: Collection[Node] | None) -> bool:
    return focus is None or node in focus


def reference_results(data: Graph, shapes: Graph) -> list[Result]:
    """Plain pySHACL on the whole shapes graph, SHACL-SPARQL and SHACL-AF included.

    The reference that :func:`validate_graph` must agree with (tests) and the baseline of
    benchmarks/bench_validate.py. It validates every node of ``data``: pySHACL's
    ``focus_nodes`` option is not used, because with it (pySHACL 0.40) the nested shapes of
    sh:node and sh:qualifiedValueShape skip the value nodes, so those constraints never fail.
    """
    return sorted(set(_run_pyshacl(data, shapes, advanced=True)), key=Result.sort_key)
