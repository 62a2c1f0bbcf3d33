"""Focus nodes among a few candidates (new entries) are the graph's focus nodes among them.

dikg.validate.targets looks a few candidates up one by one (a SPARQL target with ``?this``
pre-bound) instead of finding every focus node of the graph; on the real graph and shapes,
for every shape and every subject and object of the graph, both ways must agree.
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import RDF, RDFS, SH, Literal, URIRef

from dikg.graph.loaded import load_graph
from dikg.rdf.convert import to_rdflib
from dikg.root import resolve_root
from dikg.validate.shapes import shapes_of
from dikg.validate.targets import PER_NODE_LIMIT, focus_nodes, sparql_targets
from tests.conftest import REPO

DIKG = "https://w3id.org/dikg/def#"
TARGETS = (SH.targetNode, SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf)


@pytest.fixture(scope="module")
def real():
    root = resolve_root(REPO)
    shapes = shapes_of(root)
    graph = load_graph(root)
    store = graph.store
    # an entry whose label another measure of the same actor has (UniqueLabelPerActorShape),
    # with a blank node and a literal among the candidates
    [first] = store.query(
        f"SELECT ?a ?l {{ ?m a <{DIKG}Measure> ; <{DIKG}actor> ?a ; <{RDFS.label}> ?l . "
        'FILTER(LANG(?l) = "nl") } ORDER BY ?m ?l LIMIT 1',
        use_default_graph_as_union=True,
    )
    entry = ox.NamedNode("https://w3id.org/dikg/id/measure/test-copy")
    blank = ox.BlankNode("e1b1")
    triples = [
        (entry, ox.NamedNode(str(RDF.type)), ox.NamedNode(f"{DIKG}Measure")),
        (entry, ox.NamedNode(f"{DIKG}actor"), first["a"]),
        (entry, ox.NamedNode(str(RDFS.label)), first["l"]),
        (entry, ox.NamedNode(f"{DIKG}hasTarget"), blank),
        (blank, ox.NamedNode(f"{DIKG}value"), ox.Literal("5")),
    ]
    store.extend(ox.Quad(*triple, ox.NamedNode("urn:dikg:entry:1")) for triple in triples)
    return shapes, store


def candidates(store: ox.Store) -> list:
    nodes = set()
    for quad in store.quads_for_pattern(None, None, None, None):
        nodes.add(to_rdflib(quad.subject))
        nodes.add(to_rdflib(quad.object))
    return sorted(nodes, key=lambda n: (type(n).__name__, str(n)))


def chunks(nodes: list) -> list[list]:
    return [nodes[i : i + PER_NODE_LIMIT] for i in range(0, len(nodes), PER_NODE_LIMIT)]


def test_declared_targets_among_candidates_are_the_graphs(real) -> None:
    shapes, store = real
    core = shapes.split.core
    declared = {
        shape: [(p, o) for p in TARGETS for o in core.objects(shape, p)]
        for shape in {s for p in TARGETS for s in core.subjects(p, None)}
    }
    declared.update(shapes.split.targets)
    # every kind of target, those the shapes do not use too
    for prop in (f"{DIKG}actor", f"{DIKG}hasTarget", str(RDFS.label), f"{DIKG}value"):
        declared[f"objects of {prop}"] = [(SH.targetObjectsOf, URIRef(prop))]
        declared[f"subjects of {prop}"] = [(SH.targetSubjectsOf, URIRef(prop))]
    declared["nodes"] = [
        (SH.targetNode, URIRef("https://w3id.org/dikg/id/measure/test-copy")),
        (SH.targetNode, URIRef("https://w3id.org/dikg/id/measure/not-there")),
        (SH.targetNode, Literal("5")),
    ]
    nodes = candidates(store)
    assert len(nodes) > 2 * PER_NODE_LIMIT
    checked = 0
    for shape, targets in declared.items():
        everywhere = focus_nodes(store, targets, [])
        found = set()
        for chunk in chunks(nodes):
            found |= focus_nodes(store, targets, [], among=chunk)
        assert found == everywhere & set(nodes), shape
        checked += bool(found)
    assert checked > 25


def test_sparql_targets_among_candidates_are_the_graphs(real) -> None:
    shapes, store = real
    nodes = candidates(store)
    selected = {}
    for shape, selects in shapes.split.sparql_targets.items():
        everywhere = sparql_targets(store, selects, None)
        found = set()
        for chunk in chunks(nodes):
            found |= sparql_targets(store, selects, chunk)
        assert found == everywhere & set(nodes), shape
        selected[str(shape).rsplit("#", 1)[-1]] = found
    entry = "https://w3id.org/dikg/id/measure/test-copy"
    assert {str(n) for n in selected["UniqueLabelPerActorShape"]} >= {entry}
    assert any(str(n) == "e1b1" for n in selected["DeclaredTermShape"])
