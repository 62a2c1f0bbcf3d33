"""Every shape fires on its invalid examples, with the exact focus node, path, severity and
shape stated in each example's `# expect:` lines, and nothing fires on the valid ones.

Examples live in tests/fixtures/shapes/<shapes-file-stem>/{valid,invalid}-*.ttl. Each is
validated in the context of the real ontology, vocabularies and units plus
tests/fixtures/shapes/context.ttl; the subjects of the example are the focus nodes, as in
`dikg validate FILE`. An `# expect:` line reads `focus path severity shape`, `-` for no path.

The same examples show that dikg's way of running the SHACL-SPARQL rules (once, on
pyoxigraph) gives exactly what plain pySHACL gives (per focus node, on rdflib).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import RDF, RDFS, SH, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL

from dikg.rdf.convert import add_triples, to_ox, to_rdflib
from dikg.root import resolve_root
from dikg.terms import Names
from dikg.validate.engines import DEFAULT_ENGINE, Engine
from dikg.validate.entries import subgraph
from dikg.validate.run import load_shapes
from dikg.validate.shacl import Result, reference_results, split_shapes, validate_graph
from tests.conftest import FIXTURES, REPO

EXAMPLES = sorted((FIXTURES / "shapes").glob("*/*.ttl"))
SHAPES = load_shapes(resolve_root(REPO))
SPLIT = split_shapes(SHAPES)
CONTEXT_FILES = [
    *sorted((REPO / "ontology").glob("*.ttl")),
    *sorted((REPO / "data" / "vocabularies").glob("*.ttl")),
    REPO / "data" / "units.ttl",
    FIXTURES / "shapes" / "context.ttl",
]
CONTEXT_GRAPH = ox.NamedNode("urn:test:context")
SH_NS_DIKG = "https://w3id.org/dikg/shapes#"
EXAMPLE_GRAPH = ox.NamedNode("urn:test:example")


def _parse(path: Path) -> tuple[list[ox.Quad], dict[str, str]]:
    parser = ox.parse(path=path, format=ox.RdfFormat.TURTLE, base_iri=path.resolve().as_uri())
    return list(parser), dict(parser.prefixes)


@cache
def context_quads() -> tuple[ox.Quad, ...]:
    quads = []
    for path in CONTEXT_FILES:
        quads.extend(
            ox.Quad(q.subject, q.predicate, q.object, CONTEXT_GRAPH) for q in _parse(path)[0]
        )
    return tuple(quads)


class Example:
    """An example merged into the context: a store, its subjects and its prefixes."""

    def __init__(self, path: Path) -> None:
        quads, self.prefixes = _parse(path)
        self.store = ox.Store()
        self.store.extend(context_quads())
        self.store.extend(ox.Quad(q.subject, q.predicate, q.object, EXAMPLE_GRAPH) for q in quads)
        self.subjects = {q.subject for q in quads}
        self.focus = {to_rdflib(s) for s in self.subjects}
        self.names = Names(self.prefixes)

    def dikg(self, engine: Engine = DEFAULT_ENGINE) -> list[Result]:
        """dikg's way, as `dikg validate FILE` runs it (SHACL Core on ``engine``)."""
        return validate_graph(
            self.store, subgraph(self.store, self.subjects), SPLIT, focus=self.focus, engine=engine
        )

    def comparison_graph(self) -> Graph:
        """The example, context.ttl, the ontology, and what those point to."""
        nodes = self.subjects | {q.subject for q in _parse(CONTEXT_FILES[-1])[0]}
        graph = subgraph(self.store, nodes)
        for path in CONTEXT_FILES:
            if path.parent.name == "ontology":
                add_triples(graph, _parse(path)[0])
        return graph

    def on_comparison_graph(self, *, reference: bool) -> list[Result]:
        """dikg's engine, or plain pySHACL, on :meth:`comparison_graph`.

        Plain pySHACL evaluates SHACL-SPARQL per focus node and validates every node of the
        graph (its focus_nodes option loses the results of sh:node and qualified shapes, which
        check other nodes); on the whole context that takes 2 s per example. So both engines
        get the example, context.ttl, the ontology, and what those point to.
        """
        graph = self.comparison_graph()
        if reference:
            return [r for r in reference_results(graph, SHAPES) if r.focus in self.focus]
        store = ox.Store()
        store.extend(ox.Quad(*(to_ox(t) for t in triple), ox.DefaultGraph()) for triple in graph)
        return validate_graph(store, graph, SPLIT, focus=self.focus)

    def summary(self, results: list[Result]) -> set[tuple[str, str, str, str]]:
        return {
            (
                self.names.term(r.focus),
                self.names.term(r.path) if r.path is not None else "-",
                r.severity_name,
                str(r.shape).rsplit("#", 1)[-1],
            )
            for r in results
        }


def expected(example: Path) -> set[tuple[str, ...]]:
    lines = example.read_text(encoding="utf-8").splitlines()
    return {tuple(line.split()[2:]) for line in lines if line.startswith("# expect:")}


def test_every_shapes_file_has_examples() -> None:
    stems = {path.stem for path in (REPO / "shapes").glob("*.ttl")}
    assert stems <= {path.parent.name for path in EXAMPLES}
    for stem in stems:
        names = {p.name for p in EXAMPLES if p.parent.name == stem}
        assert any(n.startswith("valid") for n in names), f"{stem}: no valid example"
        assert any(n.startswith("invalid") for n in names), f"{stem}: no invalid example"


def test_the_context_conforms_on_its_own() -> None:
    example = Example(FIXTURES / "shapes" / "context.ttl")
    assert example.summary(example.dikg()) == set()


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_example_gives_exactly_the_expected_results(example: Path) -> None:
    found = Example(example)
    results = found.summary(found.dikg())
    if example.name.startswith("valid"):
        assert not expected(example), f"{example} is valid but states `# expect:` lines"
        assert results == set()
    else:
        assert expected(example), f"{example} states no `# expect:` line"
        assert results == expected(example)


def _comparable(results: list[Result]) -> set[tuple]:
    """A result without what legitimately differs between the engines.

    pySHACL drops the language tag of a SHACL-SPARQL message after filling it in, and
    identifies the SPARQL constraint node (a blank node) that dikg does not report.
    """
    return {
        (
            r.severity,
            r.focus,
            r.path,
            r.value,
            r.shape,
            r.component,
            frozenset(str(m) for m in r.messages),
        )
        for r in results
    }


@pytest.fixture(scope="module")
def _prepared_sparql():
    """Let rdflib parse each query text once (pySHACL parses it again for every focus node).

    Only a speed-up of the reference run: the query is still evaluated per focus node with
    $this pre-bound, as rdflib's prepared queries are meant to be reused.
    """
    from rdflib.plugins.sparql import prepareQuery
    from rdflib.plugins.sparql.processor import SPARQLProcessor

    original = SPARQLProcessor.query
    prepared = {}

    def query(self, query, initBindings=None, initNs=None, base=None, DEBUG=False):
        if isinstance(query, str):
            key = (query, base, tuple(sorted((initNs or {}).items())))
            if key not in prepared:
                prepared[key] = prepareQuery(query, initNs=initNs, base=base)
            query = prepared[key]
        return original(self, query, initBindings or {}, initNs, base, DEBUG)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(SPARQLProcessor, "query", query)
        yield


@pytest.mark.usefixtures("_prepared_sparql")
@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_dikg_engine_agrees_with_plain_pyshacl(example: Path) -> None:
    found = Example(example)
    dikg = found.on_comparison_graph(reference=False)
    assert _comparable(dikg) == _comparable(found.on_comparison_graph(reference=True))


def test_every_shape_with_constraints_is_exercised_by_an_invalid_example() -> None:
    fired = {line[3] for path in EXAMPLES for line in expected(path)}
    # shapes used through sh:node are reported by the shape that uses them
    nested = {o for o in SHAPES.objects(None, SH.node)}
    nested |= {p for shape in set(nested) for p in SHAPES.objects(shape, SH.property)}
    wanted = set()
    for kind in (SH.NodeShape, SH.PropertyShape):
        for shape in SHAPES.subjects(RDF.type, kind):
            own = set(SHAPES.predicates(shape)) - {
                RDF.type,
                SH.property,
                SH.message,
                SH.severity,
                SH.targetClass,
                SH.targetSubjectsOf,
                SH.target,
                RDFS.label,
                RDFS.comment,
            }
            if own and shape not in nested and shape.startswith(SH_NS_DIKG):
                wanted.add(str(shape).rsplit("#", 1)[-1])
    assert wanted - fired == set()


def _named_shapes() -> list[URIRef]:
    return sorted(
        {
            s
            for kind in (SH.NodeShape, SH.PropertyShape)
            for s in SHAPES.subjects(RDF.type, kind)
            if isinstance(s, URIRef)
        }
    )


@pytest.mark.parametrize("shape", _named_shapes(), ids=lambda s: str(s).rsplit("#", 1)[-1])
def test_every_shape_has_a_severity_and_one_message_in_dutch_and_in_english(shape) -> None:
    assert str(shape).startswith(SH_NS_DIKG)
    assert SHAPES.value(shape, SH.severity) in (SH.Violation, SH.Warning)
    languages = sorted(m.language for m in SHAPES.objects(shape, SH.message))
    assert languages == ["en", "nl"]


def test_warnings_live_in_recommended_and_violations_elsewhere() -> None:
    for path in sorted((REPO / "shapes").glob("*.ttl")):
        graph = Graph().parse(path, format="turtle")
        severities = {o for o in graph.objects(None, SH.severity)}
        if path.stem == "recommended":
            assert severities == {SH.Warning}
        else:
            assert severities == {SH.Violation}, path


@pytest.mark.parametrize("path", sorted((REPO / "shapes").glob("*.ttl")), ids=lambda p: p.name)
def test_every_shapes_file_says_what_it_is(path: Path) -> None:
    graph = Graph().parse(path, format="turtle")
    (header,) = graph.subjects(RDF.type, OWL.Ontology)
    assert str(header) == f"https://w3id.org/dikg/shapes/{path.stem}"
    assert graph.value(header, OWL.versionInfo) is not None
    assert graph.value(header, DCTERMS.license) is not None
    assert graph.value(header, DCTERMS.conformsTo) is not None
    labels = {lit.language for lit in graph.objects(header, RDFS.label) if isinstance(lit, Literal)}
    assert labels == {"nl", "en"}
