"""VoID description of a release (https://www.w3.org/TR/void/).

Every number comes from a SPARQL query in ``sparql/void-*.rq`` run on pyoxigraph; this
module only turns the rows into VoID triples.
"""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import RDF, XSD, BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS

from dikg.publish.build import DUMP_NAME
from dikg.release.dcat import DATASET
from dikg.release.dumps import DOWNLOAD_DIR, DUMP_SUFFIXES
from dikg.release.sparql import release_query
from dikg.terms import DIKG_NS, ID_BASE

VOID = Namespace("http://rdfs.org/ns/void#")
INSTANCE_SPACE = ID_BASE
VOCABULARY = URIRef(DIKG_NS)
# void:feature values for the dump syntaxes (http://www.w3.org/ns/formats/)
FEATURES = ("Turtle", "N-Triples", "JSON-LD", "RDF_XML", "TriG")


def _rows(store: ox.Store, name: str) -> list[dict[str, ox.NamedNode | ox.Literal]]:
    solutions = store.query(release_query(name), use_default_graph_as_union=True)
    variables = [variable.value for variable in solutions.variables]
    return [{v: row[v] for v in variables} for row in solutions]


def _count(term: ox.Literal) -> Literal:
    return Literal(str(int(term.value)), datatype=XSD.integer)


def void_statistics(store: ox.Store) -> dict:
    """The raw numbers, for tests and messages: totals, per class, per property, per source."""
    totals = _rows(store, "void-totals")[0]
    return {
        "totals": {key: int(value.value) for key, value in totals.items()},
        "classes": {
            r["class"].value: int(r["entities"].value) for r in _rows(store, "void-classes")
        },
        "properties": {
            r["property"].value: int(r["triples"].value) for r in _rows(store, "void-properties")
        },
        "sources": {
            r["graph"].value: (int(r["triples"].value), int(r["entities"].value))
            for r in _rows(store, "void-sources")
        },
    }


def void_graph(store: ox.Store, base_url: str, sparql_endpoint: str | None = None) -> Graph:
    """The VoID description of the graph in ``store``.

    Args:
        store: the graph, one named graph per source file.
        base_url: the URL the release is published under, ending in ``/``.
        sparql_endpoint: a public endpoint serving the release, if any.
    """
    graph = Graph(bind_namespaces="core")
    graph.bind("void", VOID)
    graph.bind("dct", DCTERMS)
    dataset = DATASET
    graph.add((dataset, RDF.type, VOID.Dataset))
    totals = _rows(store, "void-totals")[0]
    for key in ("triples", "entities", "classes", "properties", "distinctSubjects"):
        graph.add((dataset, VOID[key], _count(totals[key])))
    graph.add((dataset, VOID.distinctObjects, _count(totals["distinctObjects"])))
    graph.add((dataset, VOID.uriSpace, Literal(INSTANCE_SPACE)))
    graph.add((dataset, VOID.vocabulary, VOCABULARY))
    for suffix in DUMP_SUFFIXES:
        graph.add(
            (dataset, VOID.dataDump, URIRef(f"{base_url}{DOWNLOAD_DIR}/{DUMP_NAME}.{suffix}"))
        )
    for feature in FEATURES:
        graph.add((dataset, VOID.feature, URIRef(f"http://www.w3.org/ns/formats/{feature}")))
    if sparql_endpoint:
        graph.add((dataset, VOID.sparqlEndpoint, URIRef(sparql_endpoint)))
    for row in _rows(store, "void-examples"):
        graph.add((dataset, VOID.exampleResource, URIRef(row["example"].value)))
    for row in _rows(store, "void-classes"):
        partition = BNode()
        graph.add((dataset, VOID.classPartition, partition))
        graph.add((partition, VOID["class"], URIRef(row["class"].value)))
        graph.add((partition, VOID.entities, _count(row["entities"])))
    for row in _rows(store, "void-properties"):
        partition = BNode()
        graph.add((dataset, VOID.propertyPartition, partition))
        graph.add((partition, VOID.property, URIRef(row["property"].value)))
        graph.add((partition, VOID.triples, _count(row["triples"])))
    for row in _rows(store, "void-sources"):
        subset = URIRef(row["graph"].value)
        graph.add((dataset, VOID.subset, subset))
        graph.add((subset, RDF.type, VOID.Dataset))
        graph.add((subset, VOID.triples, _count(row["triples"])))
        graph.add((subset, VOID.entities, _count(row["entities"])))
    return graph
