"""What ``dikg load`` sends: the graph's files as named graphs of N-Triples.

Each file of ontology/ and data/ becomes its own graph (IRI from
:func:`dikg.rdf.files.graph_iri`, as in the build's TriG and in ``dikg serve``), or all of
them together one graph with the IRI the user gives. N-Triples is valid Turtle, so it is sent
as ``text/turtle``, the one syntax every Graph Store implementation accepts.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from dikg.graph.store import load_store
from dikg.rdf.files import graph_files, graph_iri
from dikg.root import GraphRoot


@dataclass(frozen=True)
class GraphPayload:
    """One named graph to load.

    Attributes:
        iri: the graph's IRI.
        source: where its triples come from, for messages.
        ntriples: the triples, UTF-8 N-Triples.
        triples: how many distinct triples that is.
    """

    iri: str
    source: str
    ntriples: bytes
    triples: int


def _payload(iri: str, source: str, triples: set[ox.Triple]) -> GraphPayload:
    ordered = sorted(triples, key=str)  # the same bytes for the same graph
    text = ox.serialize(ordered, format=ox.RdfFormat.N_TRIPLES) or b""
    return GraphPayload(iri, source, text, len(ordered))


def graph_payloads(root: GraphRoot, single_graph: str | None = None) -> list[GraphPayload]:
    """The graphs to load: one per source file, or everything in ``single_graph``.

    Raises:
        InputError: naming the file and line of a syntax error.
    """
    store = load_store(root)  # blank nodes of different files stay different
    if single_graph is not None:
        everything = {quad.triple for quad in store}
        return [_payload(single_graph, f"{len(graph_files(root))} files", everything)]
    payloads = []
    for path in graph_files(root):
        name = ox.NamedNode(str(graph_iri(root, path)))
        triples = {quad.triple for quad in store.quads_for_pattern(None, None, None, name)}
        payloads.append(_payload(name.value, path.relative_to(root.path).as_posix(), triples))
    return payloads
