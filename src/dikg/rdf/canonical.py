"""Canonical RDF: the one Turtle form of dikg's files, and canonical copies of graphs.

*Canonical Turtle* is rdflib's ``longturtle`` serializer with canonical blank-node labels,
one change: subjects are written in IRI order (ontology and concept-scheme headers first)
instead of rdflib's order by reference count, so that a reader finds a resource where the
alphabet says and a new resource lands in a predictable place in a diff.

*Canonical copies*: rdflib's serializers write triples in the order the store yields them,
and blank nodes under random labels. A graph rebuilt here yields its triples in sorted order
and labels its blank nodes by a hash of their content, so the same input gives byte-identical
output whatever the hash seed of the Python process.

This is rdflib's work on small graphs (the source files, the pages' and the release's
metadata); the dumps of the whole graph are canonical on pyoxigraph (:mod:`dikg.rdf.statements`).
"""

from __future__ import annotations

import json

from rdflib import OWL, RDF, SKOS, BNode, Graph
from rdflib.compare import to_canonical_graph
from rdflib.plugin import Serializer, register
from rdflib.plugins.serializers.longturtle import LongTurtleSerializer


def _sort_key(triple):
    return tuple(term.n3() for term in triple)


def canonical_copy(graph: Graph, *, bnode_prefix: str = "") -> Graph:
    """Return a copy of ``graph`` with canonical blank nodes, triples added in sorted order.

    Args:
        graph: the graph to copy; its prefixes are kept.
        bnode_prefix: prepended to every blank-node label, to keep labels of different
            graphs apart when they are written into one TriG document.
    """
    canonical = to_canonical_graph(graph)
    copy = Graph(bind_namespaces="none")
    for prefix, namespace in graph.namespaces():
        copy.bind(prefix, namespace, override=True, replace=True)
    triples = []
    for triple in canonical:
        if bnode_prefix:
            triple = tuple(
                BNode(bnode_prefix + str(t)) if isinstance(t, BNode) else t for t in triple
            )
        triples.append(triple)
    for triple in sorted(triples, key=_sort_key):
        copy.add(triple)
    return copy


def _term_key(term) -> str:
    return term.n3()


class SortedView(Graph):
    """A graph whose subjects and predicate-object pairs come out sorted.

    rdflib's RDF/XML and JSON-LD serializers walk ``subjects()`` and
    ``predicate_objects()``, which yield in an order that follows the hash seed.
    """

    def subjects(self, predicate=None, object=None, unique=False):
        """Distinct subjects in N3 order."""
        return iter(sorted(set(super().subjects(predicate, object)), key=_term_key))

    def predicate_objects(self, subject=None, unique=False):
        """Distinct (predicate, object) pairs of ``subject`` in N3 order."""
        pairs = set(super().predicate_objects(subject))
        return iter(sorted(pairs, key=lambda pair: (_term_key(pair[0]), _term_key(pair[1]))))


def sorted_view(graph: Graph) -> Graph:
    """Wrap ``graph`` (sharing its store and prefixes) as a :class:`SortedView`."""
    return SortedView(
        store=graph.store, identifier=graph.identifier, namespace_manager=graph.namespace_manager
    )


FORMAT_NAME = "dikg-turtle"
# Resources that describe the file itself come first.
HEADER_CLASSES = (OWL.Ontology, SKOS.ConceptScheme)


def _ordered_subjects(serializer) -> list:
    """Headers (ontology, concept schemes) first, then IRIs sorted, then blank nodes."""
    ordered = []
    seen = set()
    for header_class in HEADER_CLASSES:
        for subject in sorted(serializer.store.subjects(RDF.type, header_class, unique=True)):
            if subject not in seen:
                ordered.append(subject)
                serializer._topLevels[subject] = True
                seen.add(subject)
    rest = [s for s in serializer._subjects if s not in seen]
    rest.sort(key=lambda s: (isinstance(s, BNode), str(s)))
    return ordered + rest


class CanonicalTurtleSerializer(LongTurtleSerializer):
    """Long-form Turtle with headers first, then subjects in IRI order."""

    def orderSubjects(self):
        """See :func:`_ordered_subjects`."""
        return _ordered_subjects(self)


register(FORMAT_NAME, Serializer, __name__, CanonicalTurtleSerializer.__name__)


def canonical_turtle(graph: Graph, header: str = "") -> str:
    """Serialize a graph in the canonical form.

    Args:
        graph: the graph; its namespace bindings give the prefixes.
        header: comment lines (each starting with ``#``) to keep at the top of the file.

    Returns:
        The Turtle text; the same graph and header always give the same text.
    """
    body = graph.serialize(format=FORMAT_NAME, canon=True)
    body = body.strip("\n") + "\n"
    if header:
        return header.rstrip("\n") + "\n\n" + body
    return body


def leading_comments(text: str) -> str:
    """The comment block at the top of a Turtle file (kept when a file is reformatted).

    Comments elsewhere in a file cannot survive a parse and are dropped by ``dikg fmt``.
    """
    lines = []
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("#"):
            lines.append(stripped)
        elif (stripped == "" and lines) or stripped:
            break
    return "\n".join(lines)


def _sorted_jsonld(node):
    """Sort JSON-LD node objects and value arrays; ``@list`` arrays keep their order.

    Arrays other than lists are unordered in JSON-LD
    (https://www.w3.org/TR/json-ld11/#sets-and-lists), so sorting them changes nothing but
    makes the output independent of the hash seed.
    """
    if isinstance(node, dict):
        return {
            key: [_sorted_jsonld(item) for item in value]
            if key == "@list"
            else _sorted_jsonld(value)
            for key, value in node.items()
        }
    if isinstance(node, list):
        items = [_sorted_jsonld(item) for item in node]
        return sorted(items, key=lambda item: json.dumps(item, sort_keys=True, ensure_ascii=False))
    return node


def canonical_jsonld(graph: Graph, *, relabel: bool = True) -> bytes:
    """Compact JSON-LD of a small graph (its prefixes as the context), the same bytes every run.

    rdflib's compaction is what a reader of a metadata file or a resource's page wants; the
    dumps of the whole graph are written by pyoxigraph instead (:mod:`dikg.publish.build`).
    ``relabel=False`` skips the blank-node relabelling for a graph that is canonical already.
    """
    text = sorted_view(canonical_copy(graph) if relabel else graph).serialize(
        format="json-ld", auto_compact=True, indent=2, sort_keys=True
    )
    document = _sorted_jsonld(json.loads(text))
    return (json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode()
