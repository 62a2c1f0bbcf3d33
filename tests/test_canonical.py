"""Unit tests of dikg.rdf.canonical: the same graph gives the same bytes."""

from __future__ import annotations

import random

import pyoxigraph as ox
from rdflib import RDF, RDFS, BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from dikg.rdf import statements
from dikg.rdf.canonical import canonical_copy, sorted_view

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


def test_sorted_view_yields_subjects_and_pairs_in_order() -> None:
    view = sorted_view(graph(4))
    subjects = list(view.subjects())
    assert subjects == sorted(set(subjects), key=lambda term: term.n3())
    pairs = list(view.predicate_objects(URIRef(EX + "s0")))
    assert pairs == sorted(pairs, key=lambda pair: (pair[0].n3(), pair[1].n3()))
    assert len(pairs) == 2


# dikg.rdf.statements: canonical N-Triples lines on pyoxigraph (the dumps of `dikg build`)

G1, G2 = "https://example.org/g1", "https://example.org/g2"
UNION = """
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix ex: <https://example.org/> .
ex:p1 ex:domain [ a owl:Class ; owl:unionOf ( ex:A ex:B ) ] .
ex:p2 ex:domain [ a owl:Class ; owl:unionOf ( ex:A ex:B ) ] .
ex:m ex:basis [ ex:text "two" ] , [ ex:text "one" ] .
"""


def parsed_lines(text: str, seed: int) -> list[bytes]:
    """The statements of ``text`` as N-Triples lines, shuffled, under fresh blank-node labels."""
    quads = list(ox.parse(text, format=ox.RdfFormat.TURTLE, rename_blank_nodes=True))
    random.Random(seed).shuffle(quads)
    return statements.ntriples_lines(quads)


def test_canonical_graphs_do_not_depend_on_order_or_parser_labels() -> None:
    def canonical(seed: int) -> dict[str, list[bytes]]:
        return statements.canonical_graphs(
            {G1: parsed_lines(UNION, seed), G2: parsed_lines(UNION, seed + 10)}
        )

    first, second = canonical(1), canonical(2)
    assert first == second
    assert first[G1] == sorted(set(first[G1]))
    # 2 unions of 2 list cells each, 2 bases: 8 blank nodes per graph, none shared by the graphs
    labels = {
        name: {token for line in lines for token in line.split() if token.startswith(b"_:")}
        for name, lines in first.items()
    }
    assert len(labels[G1]) == len(labels[G2]) == 8
    assert not labels[G1] & labels[G2]
    assert all(label.startswith(b"_:c14n") for label in labels[G1])


def test_canonical_lines_are_the_same_graph() -> None:
    lines = statements.canonical_graphs({G1: parsed_lines(UNION, 3)})[G1]
    back = Graph().parse(data=b"\n".join(lines).decode(), format="nt")
    assert len(back) == 2 * 7 + 4
    assert isomorphic(back, Graph().parse(data=UNION, format="turtle"))


def test_merged_is_the_sorted_union_without_duplicates() -> None:
    graphs = {G1: [b"<b> <p> <o> .", b"<a> <p> <o> ."], G2: [b"<a> <p> <o> ."]}
    assert statements.merged(graphs) == [b"<a> <p> <o> .", b"<b> <p> <o> ."]


def test_headers_first_moves_the_ontology_and_schemes_to_the_top() -> None:
    owl = b"<http://www.w3.org/2002/07/owl#Ontology>"
    scheme = b"<http://www.w3.org/2004/02/skos/core#ConceptScheme>"
    lines = sorted(
        [
            b"<https://e.org/a> <https://e.org/p> <https://e.org/o> .",
            b"<https://e.org/s> " + statements.RDF_TYPE + b" " + scheme + b" .",
            b"<https://e.org/s> <https://e.org/p> <https://e.org/o> .",
            b"<https://e.org/sx> <https://e.org/p> <https://e.org/o> .",
            b"<https://e.org/z> " + statements.RDF_TYPE + b" " + owl + b" .",
        ]
    )
    ordered = statements.headers_first(lines)
    assert [line.split()[0] for line in ordered] == [
        b"<https://e.org/s>",
        b"<https://e.org/s>",
        b"<https://e.org/z>",
        b"<https://e.org/a>",
        b"<https://e.org/sx>",
    ]
    assert sorted(ordered) == lines
