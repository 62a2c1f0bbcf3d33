"""The embedded SPARQL store: the graph's files loaded into pyoxigraph.

Each file becomes a named graph (IRI from :func:`dikg.graphfiles.graph_iri`), and queries
see the union of all of them as their default graph.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from dikg.errors import InputError
from dikg.graphfiles import graph_files, graph_iri, read_text
from dikg.root import GraphRoot


def load_turtle_file(store: ox.Store, path: Path, graph: ox.NamedNode) -> None:
    """Load one Turtle file into a named graph of the store (its IRI is also the base IRI).

    Raises:
        InputError: naming the file and line of a syntax error.
    """
    try:
        store.load(
            read_text(path), format=ox.RdfFormat.TURTLE, base_iri=graph.value, to_graph=graph
        )
    except SyntaxError as error:
        raise InputError(
            f"Turtle syntax error: {error.msg}",
            path=path,
            line=error.lineno,
            hint="fix the Turtle at that line (https://www.w3.org/TR/turtle/)",
        ) from None


def load_store(root: GraphRoot) -> ox.Store:
    """Load ontology/ and data/ into an in-memory pyoxigraph store, one named graph per file.

    Raises:
        InputError: naming the file and line of the first syntax error.
    """
    store = ox.Store()
    for path in graph_files(root):
        load_turtle_file(store, path, ox.NamedNode(str(graph_iri(root, path))))
    return store
