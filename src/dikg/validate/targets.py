"""The focus nodes of a shape (https://www.w3.org/TR/shacl/#targets), found on pyoxigraph.

SHACL-AF SPARQL targets (https://www.w3.org/TR/shacl-af/#SPARQLTarget) run once each on the
whole store, whichever engine then validates the nodes they select.
"""

from __future__ import annotations

from collections.abc import Collection

import pyoxigraph as ox
from rdflib import RDF, SH, URIRef
from rdflib.term import Node

from dikg.graph.classes import subclass_closure
from dikg.rdf.convert import to_ox, to_rdflib


def select_this(store: ox.Store, query: str) -> set[Node]:
    """The ``?this`` values a SPARQL target's query selects, as rdflib terms."""
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
        found |= select_this(store, select)
    return found


def sparql_targets(store: ox.Store, selects: list[str], focus: Collection[Node] | None) -> set:
    """The nodes the ``sh:select`` queries of a shape's SPARQL targets select.

    Args:
        store: the data, with the default graph as the union of its named graphs.
        selects: the queries.
        focus: if given, only these nodes are kept.
    """
    nodes: set[Node] = set()
    for select in selects:
        nodes |= select_this(store, select)
    return nodes if focus is None else nodes & set(focus)
