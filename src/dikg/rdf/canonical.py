"""Canonical copies of graphs: stable blank-node labels and a stable triple order.

rdflib's serializers write triples in the order the store yields them, and blank nodes
under random labels. A graph rebuilt here yields its triples in sorted order and labels its
blank nodes by a hash of their content, so the same input gives byte-identical output
whatever the hash seed of the Python process.
"""

from __future__ import annotations

from rdflib import BNode, Dataset, Graph
from rdflib.compare import to_canonical_graph


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


def canonical_dataset(graphs: dict, namespaces_from: Graph) -> Dataset:
    """Build a dataset of canonical named graphs, added in IRI order.

    Args:
        graphs: named-graph IRI to graph.
        namespaces_from: a graph whose prefixes the dataset takes.
    """
    dataset = Dataset()
    for prefix, namespace in namespaces_from.namespaces():
        dataset.bind(prefix, namespace, override=True, replace=True)
    for index, name in enumerate(sorted(graphs)):
        copy = canonical_copy(graphs[name], bnode_prefix=f"g{index}")
        target = dataset.graph(name)
        for triple in copy:
            target.add(triple)
    return dataset


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
