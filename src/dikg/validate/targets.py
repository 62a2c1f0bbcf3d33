"""The focus nodes of a shape (https://www.w3.org/TR/shacl/#targets), found on pyoxigraph.

SHACL-AF SPARQL targets (https://www.w3.org/TR/shacl-af/#SPARQLTarget) run once each on the
whole store, whichever engine then validates the nodes they select.

New entries have a few focus nodes of their own, so there the question is which of *those*
nodes a target selects, not every node it selects in the graph: each candidate is looked up
in the store's indexes, and a SPARQL target runs once per candidate with ``?this`` pre-bound
to it (SHACL-AF 4.1's targets select ``?this`` at the top level of the query, as those of
shapes/ do, so these are the rows of the whole query about that node), instead of scanning
the whole graph (0.3 s at 100k triples, for four targets).
"""

from __future__ import annotations

from collections.abc import Collection

import pyoxigraph as ox
from rdflib import RDF, SH, Literal, URIRef
from rdflib.term import Node

from dikg.graph.classes import subclass_closure
from dikg.rdf.convert import to_ox, to_rdflib

# up to this many candidates, each is looked up (or bound to $this) in turn rather than the
# whole graph scanned: targets here, SPARQL constraints in dikg.validate.shacl
PER_NODE_LIMIT = 256
_THIS = ox.Variable("this")
_RDF_TYPE = ox.NamedNode(str(RDF.type))


def select_this(store: ox.Store, query: str, this: Node | None = None) -> set[Node]:
    """The ``?this`` values a SPARQL target's query selects, as rdflib terms.

    Args:
        store: the data, with the default graph as the union of its named graphs.
        query: the target's ``sh:select``.
        this: if given, ``?this`` is pre-bound to it: the answer is it or nothing.
    """
    substitutions = {} if this is None else {_THIS: to_ox(this)}
    return {
        to_rdflib(row["this"])
        for row in store.query(query, use_default_graph_as_union=True, substitutions=substitutions)
        if row["this"] is not None
    }


def focus_nodes(
    store: ox.Store,
    declared: list[tuple[URIRef, Node]],
    selects: list[str],
    among: Collection[Node] | None = None,
) -> set:
    """The focus nodes of a shape's targets (https://www.w3.org/TR/shacl/#targets).

    Args:
        store: the data, with the default graph as the union of its named graphs.
        declared: (target predicate, object) pairs of the shape.
        selects: the ``sh:select`` queries of its SPARQL targets.
        among: if given, only these candidates are considered (new entries' subjects).

    Returns:
        rdflib terms.
    """
    if among is not None and len(among) <= PER_NODE_LIMIT:
        return _focus_among(store, declared, selects, among)
    found: set[Node] = set()
    for predicate, obj in declared:
        if predicate == SH.targetNode:
            found.add(obj)
        elif predicate == SH.targetClass:
            for cls in subclass_closure(store, [to_ox(obj)], upward=False):
                found.update(
                    to_rdflib(q.subject)
                    for q in store.quads_for_pattern(None, _RDF_TYPE, cls, None)
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
    return found if among is None else found & set(among)


def _focus_among(
    store: ox.Store, declared: list[tuple[URIRef, Node]], selects: list[str], among: Collection
) -> set:
    """:func:`focus_nodes` restricted to a few candidates, each looked up on its own."""
    found: set[Node] = set()
    for predicate, obj in declared:
        if predicate == SH.targetNode:
            found.update(node for node in among if node == obj)
        elif predicate == SH.targetClass:
            classes = subclass_closure(store, [to_ox(obj)], upward=False)
            found.update(node for node in among if not _types(store, node).isdisjoint(classes))
        elif predicate == SH.targetSubjectsOf:
            found.update(node for node in among if _has(store, node, to_ox(obj), None))
        elif predicate == SH.targetObjectsOf:
            found.update(node for node in among if _has(store, None, to_ox(obj), node))
    for select in selects:
        found.update(node for node in among if select_this(store, select, node))
    return found


def _types(store: ox.Store, node: Node) -> set:
    if isinstance(node, Literal):
        return set()
    return {q.object for q in store.quads_for_pattern(to_ox(node), _RDF_TYPE, None, None)}


def _has(store: ox.Store, subject: Node | None, predicate: ox.NamedNode, obj: Node | None) -> bool:
    if isinstance(subject, Literal):
        return False
    pattern = store.quads_for_pattern(
        None if subject is None else to_ox(subject),
        predicate,
        None if obj is None else to_ox(obj),
        None,
    )
    return next(iter(pattern), None) is not None


def sparql_targets(store: ox.Store, selects: list[str], focus: Collection[Node] | None) -> set:
    """The nodes the ``sh:select`` queries of a shape's SPARQL targets select.

    Args:
        store: the data, with the default graph as the union of its named graphs.
        selects: the queries.
        focus: if given, only these nodes are kept (and, if few, only these are looked up).
    """
    return focus_nodes(store, [], selects, among=focus)
