"""New entries in the context of the whole graph.

``dikg validate FILE...`` merges the entries into the graph and validates only what the
entries are about: the subjects they describe. SHACL Core runs on a small subgraph that holds
everything the shapes look at for those subjects (their full description in the entries and
the graph, the triples pointing at them, one hop of what they point to, and the class
hierarchy), the SPARQL rules run on the whole merged store, and the conflicts an entry causes
with what exists are checked here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import RDF, Graph, URIRef
from rdflib.term import Node

from dikg.graph.classes import SUBCLASS_OF, subclass_closure
from dikg.rdf.convert import add_triples, to_rdflib
from dikg.rdf.parse import RdfFile, read_rdf
from dikg.validate.checks import DIKGSH, check_result
from dikg.validate.shacl import Result

ENTRY_GRAPH_BASE = "urn:dikg:entry:"
_RDF_TYPE = ox.NamedNode(str(RDF.type))


@dataclass
class Entries:
    """Entry files read and merged into a store.

    Attributes:
        files: the files, in the order given.
        graphs: the named graph of each file in the store.
        subjects: every subject of the entries (rdflib terms), with the first file describing it.
    """

    files: list[RdfFile]
    graphs: list[ox.NamedNode] = field(default_factory=list)
    subjects: dict[Node, RdfFile] = field(default_factory=dict)


def read_entries(paths: Iterable[Path]) -> Entries:
    """Read entry files safely (see :mod:`dikg.rdfinput`); blank nodes are kept apart per file.

    Raises:
        InputError: naming the first file that cannot be read.
    """
    files = [read_rdf(path, label=f"e{index}") for index, path in enumerate(paths, start=1)]
    return entries_of(files)


def entries_of(files: list[RdfFile]) -> Entries:
    """Entries from files already read (blank nodes labelled apart, as :func:`read_entries`)."""
    entries = Entries(files)
    for entry in files:
        for quad in entry.quads:
            entries.subjects.setdefault(to_rdflib(quad.subject), entry)
    return entries


def add_to_store(store: ox.Store, entries: Entries) -> None:
    """Load each entry file into a named graph of its own."""
    for index, entry in enumerate(entries.files, start=1):
        graph = ox.NamedNode(f"{ENTRY_GRAPH_BASE}{index}")
        entries.graphs.append(graph)
        store.extend(ox.Quad(q.subject, q.predicate, q.object, graph) for q in entry.quads)


def _is_entry_graph(graph: ox.NamedNode | ox.DefaultGraph) -> bool:
    return isinstance(graph, ox.NamedNode) and graph.value.startswith(ENTRY_GRAPH_BASE)


def subgraph(store: ox.Store, subjects: set) -> Graph:
    """What SHACL Core needs to validate ``subjects`` (pyoxigraph terms), as an rdflib graph.

    The shapes look at a focus node's own triples and, through sh:class and sh:node, at the
    types and schemes of the nodes it points to; sh:class also follows rdfs:subClassOf. So
    this holds the subjects' descriptions (entries and graph), the triples pointing to them,
    the descriptions of what they point to, and every rdfs:subClassOf triple. Nodes other than
    the subjects are incomplete here; their results are dropped (validate_graph's focus).
    """
    quads: set[ox.Quad] = set()
    neighbours = set()
    for subject in subjects:
        for quad in store.quads_for_pattern(subject, None, None, None):
            quads.add(quad)
            if not isinstance(quad.object, ox.Literal):
                neighbours.add(quad.object)
        quads.update(store.quads_for_pattern(None, None, subject, None))
    for neighbour in neighbours - subjects:
        quads.update(store.quads_for_pattern(neighbour, None, None, None))
    quads.update(store.quads_for_pattern(None, SUBCLASS_OF, None, None))
    return add_triples(Graph(), quads)


def subjects(entries: Entries) -> set:
    """The entries' subjects as pyoxigraph terms."""
    return {q.subject for entry in entries.files for q in entry.quads}


def conflicts(
    store: ox.Store,
    entries: Entries,
    where: Callable[[URIRef, str], str],
    short: Callable[[Node], str],
) -> list[Result]:
    """Conflicts of the entries with the graph: IRIs already in use.

    Args:
        store: the graph with the entries merged in.
        entries: the entries.
        where: names the place (``file:line``) where the graph describes a subject, given the
            subject and the IRI of the named graph.
        short: turns a term into the prefixed name shown in messages.

    Returns:
        A ``TypeConflictCheck`` violation for each type an entry gives an existing resource
        that the resource does not already have (nor has through a subclass), else an
        ``ExistingResourceCheck`` info: the entry adds to a resource that exists.
    """
    results = []
    for subject in sorted(s for s in entries.subjects if isinstance(s, URIRef)):
        node = ox.NamedNode(str(subject))
        existing = [
            q
            for q in store.quads_for_pattern(node, None, None, None)
            if not _is_entry_graph(q.graph_name)
        ]
        if not existing:
            continue
        places = ", ".join(sorted({where(subject, q.graph_name.value) for q in existing}))
        existing_types = {q.object for q in existing if q.predicate == _RDF_TYPE}
        entry_types = {
            q.object
            for q in store.quads_for_pattern(node, _RDF_TYPE, None, None)
            if _is_entry_graph(q.graph_name)
        }
        allowed = subclass_closure(store, existing_types, upward=True)
        clashing = sorted(entry_types - allowed, key=str) if existing_types else []
        for entry_type in clashing:
            results.append(
                check_result(
                    DIKGSH.TypeConflictCheck,
                    subject,
                    path=RDF.type,
                    value=to_rdflib(entry_type),
                    file=places,
                    type=short(to_rdflib(entry_type)),
                    existing=", ".join(sorted(short(to_rdflib(t)) for t in existing_types)),
                )
            )
        if not clashing:
            results.append(check_result(DIKGSH.ExistingResourceCheck, subject, file=places))
    return results
