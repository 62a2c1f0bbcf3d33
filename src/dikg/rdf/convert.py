"""Terms and triples between pyoxigraph and rdflib.

pyoxigraph parses and queries an order of magnitude faster than rdflib (../DESIGN.md, Engine);
rdflib is what pySHACL reads. Validation therefore parses with pyoxigraph and hands rdflib
only the triples pySHACL needs, converted here.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from functools import lru_cache

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from dikg.rdf.termjson import XSD_STRING
from dikg.rdf.termjson import term_json as ox_term_json

# rdflib logs every ill-typed literal ("abc"^^xsd:decimal) as a warning with a traceback; the
# shapes report such a literal as a violation, so the log would only be a traceback on stderr.
logging.getLogger("rdflib.term").setLevel(logging.ERROR)


@lru_cache(maxsize=65536)
def _iri(value: str) -> URIRef:
    # IRIs repeat a lot (predicates, classes, concepts); building each once saves a third of
    # the conversion time of the whole graph.
    return URIRef(value)


def to_rdflib(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> Node:
    """Convert a pyoxigraph term to the equal rdflib term (blank nodes keep their label)."""
    if isinstance(term, ox.NamedNode):
        return _iri(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    if term.datatype.value == XSD_STRING:
        # RDF 1.1: a simple literal is an xsd:string; rdflib's parsers give it no datatype,
        # and rdflib compares the two as different terms
        return Literal(term.value)
    return Literal(term.value, datatype=_iri(term.datatype.value))


def to_ox(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """Convert an rdflib term to the equal pyoxigraph term."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"not an RDF term: {term!r}")


def term_json(term: ox.NamedNode | ox.BlankNode | ox.Literal | Node | None) -> dict | None:
    """A term as SPARQL 1.1 Query Results JSON encodes it; rdflib terms are converted first."""
    if term is None:
        return None
    if not isinstance(term, ox.NamedNode | ox.BlankNode | ox.Literal):
        term = to_ox(term)
    return ox_term_json(term)


def add_triples(graph: Graph, triples: Iterable[ox.Triple | ox.Quad]) -> Graph:
    """Add pyoxigraph triples or quads (their graph name ignored) to an rdflib graph."""
    graph.addN(
        (to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object), graph) for t in triples
    )
    return graph
