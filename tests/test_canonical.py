"""Unit tests of dikg.rdf.canonical: the same graph gives the same bytes."""

from __future__ import annotations

import random

from rdflib import RDF, RDFS, BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from dikg.rdf.canonical import canonical_copy, canonical_dataset, sorted_view

EX = "https://example.org/"


def graph(seed: int) -> Graph:
    triples = [
        (URIRef(EX + f"s{i}"), RDFS.label, Literal(f"label {i}", lang="en")) for i in range(6)
    ]
    node = BNode()
    triples += [(URIRef(EX + "s0"), URIRef(EX + "p"), node), (node, RDF.value, Literal(1))]
    random.Random(seed).shuffle(triples)
    result = Graph(bind_namespaces="none")
    result.bind("ex", EX)
    for triple in triples:
        result.add(triple)
    return result


def test_canonical_copy_is_the_same_graph_in_one_order() -> None:
    first, second = canonical_copy(graph(1)), canonical_copy(graph(2))
    assert isomorphic(first, graph(3))
    assert list(first) == list(second)
    assert first.serialize(format="nt") == second.serialize(format="nt")
    assert dict(first.namespaces())["ex"] == URIRef(EX)


def test_blank_node_prefix_keeps_graphs_apart() -> None:
    copy = canonical_copy(graph(1), bnode_prefix="g7")
    labels = {str(t) for triple in copy for t in triple if isinstance(t, BNode)}
    assert labels
    assert all(label.startswith("g7") for label in labels)


def test_canonical_dataset_is_deterministic() -> None:
    def dump(seed: int) -> str:
        graphs = {URIRef(EX + "g2"): graph(seed), URIRef(EX + "g1"): graph(seed + 1)}
        return canonical_dataset(graphs, graph(seed)).serialize(format="nquads")

    assert dump(1) == dump(5)


def test_sorted_view_yields_subjects_and_pairs_in_order() -> None:
    view = sorted_view(graph(4))
    subjects = list(view.subjects())
    assert subjects == sorted(set(subjects), key=lambda term: term.n3())
    pairs = list(view.predicate_objects(URIRef(EX + "s0")))
    assert pairs == sorted(pairs, key=lambda pair: (pair[0].n3(), pair[1].n3()))
    assert len(pairs) == 2
