"""VoID of `dikg publish`: every number equals a count made here independently with rdflib."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from rdflib import RDF, Graph, Namespace, URIRef

from dikg.rdf.files import graph_iri
from dikg.root import GraphRoot
from tests.conftest import REPO

VOID = Namespace("http://rdfs.org/ns/void#")
DATASET = URIRef("https://w3id.org/dikg/id/dataset/dikg")


@pytest.fixture(scope="module")
def void(published: Path) -> Graph:
    return Graph().parse(published / "void.ttl", format="turtle")


@pytest.fixture(scope="module")
def sources() -> dict[URIRef, Graph]:
    root = GraphRoot(REPO, "checkout")
    files = sorted((REPO / "ontology").rglob("*.ttl")) + sorted((REPO / "data").rglob("*.ttl"))
    return {graph_iri(root, path): Graph().parse(path, format="turtle") for path in files}


@pytest.fixture(scope="module")
def merged(sources: dict[URIRef, Graph]) -> Graph:
    graph = Graph()
    for source in sources.values():
        graph += source
    return graph


def number(graph: Graph, node, predicate) -> int:
    return int(graph.value(node, predicate))


def entities(graph: Graph) -> set:
    return {s for s in graph.subjects(RDF.type, None) if isinstance(s, URIRef)}


def test_totals_equal_independent_counts(void: Graph, merged: Graph):
    assert number(void, DATASET, VOID.triples) == len(merged)
    assert number(void, DATASET, VOID.entities) == len(entities(merged))
    assert number(void, DATASET, VOID.classes) == len(set(merged.objects(None, RDF.type)))
    assert number(void, DATASET, VOID.properties) == len(set(merged.predicates()))
    assert number(void, DATASET, VOID.distinctSubjects) == len(set(merged.subjects()))
    assert number(void, DATASET, VOID.distinctObjects) == len(set(merged.objects()))


def test_class_partitions_count_the_instances_of_each_class(void: Graph, merged: Graph):
    expected = Counter(cls for _, cls in set(merged.subject_objects(RDF.type)))
    found = {
        void.value(p, VOID["class"]): number(void, p, VOID.entities)
        for p in void.objects(DATASET, VOID.classPartition)
    }
    assert found == dict(expected)


def test_property_partitions_count_the_triples_of_each_property(void: Graph, merged: Graph):
    expected = Counter(p for _, p, _ in merged)
    found = {
        void.value(p, VOID.property): number(void, p, VOID.triples)
        for p in void.objects(DATASET, VOID.propertyPartition)
    }
    assert found == dict(expected)


def test_one_subset_per_source_file_with_its_counts(void: Graph, sources: dict[URIRef, Graph]):
    subsets = set(void.objects(DATASET, VOID.subset))
    assert subsets == set(sources)
    for name, graph in sources.items():
        assert number(void, name, VOID.triples) == len(graph), name
        assert number(void, name, VOID.entities) == len(entities(graph)), name


def test_dumps_examples_and_endpoint(void: Graph, merged: Graph):
    dumps = {str(d) for d in void.objects(DATASET, VOID.dataDump)}
    assert dumps == {
        f"https://w3id.org/dikg/download/dikg.{suffix}"
        for suffix in ("ttl", "nt", "jsonld", "rdf", "trig")
    }
    examples = set(void.objects(DATASET, VOID.exampleResource))
    assert examples and all((e, RDF.type, None) in merged for e in examples)
    dikg = Namespace("https://w3id.org/dikg/def#")
    first_measure = min(str(s) for s in merged.subjects(RDF.type, dikg.Measure))
    assert URIRef(first_measure) in examples
    assert void.value(DATASET, VOID.sparqlEndpoint) == URIRef("https://example.org/dikg/sparql")
