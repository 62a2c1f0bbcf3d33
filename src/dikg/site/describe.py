"""What the site knows of each resource, gathered in one pass over the graph.

:class:`Descriptions` reads every statement of ontology/ and data/ once (as parsed, so literals
keep the files' lexical forms, as in the dumps) and keeps, per subject, its statements; per
IRI, the statements that point to it (incoming links); and the labels of every IRI in each
language. A resource page, its RDF files and the class indexes are all built from this, never
from one query per resource.

**A resource's description** is its Concise Bounded Description (CBD,
https://www.w3.org/submission/CBD/): every statement with the resource as subject and,
recursively, every statement whose subject is a blank node object of a statement already in
it. (The submission also adds reifications; the graph has none.) Blank nodes are labelled
apart per file when the graph is loaded, so a description never merges two files' nodes.
It is what ``{page}.ttl`` and ``{page}.jsonld`` hold and what the page embeds.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from functools import cached_property

import pyoxigraph as ox
from markupsafe import Markup
from rdflib import Graph
from rdflib.namespace import NamespaceManager

from dikg.graph.loaded import LoadedGraph
from dikg.rdf.canonical import FORMAT_NAME, canonical_copy, canonical_jsonld
from dikg.rdf.convert import add_triples
from dikg.terms import prefixed_name

RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
SKOS_PREF_LABEL = "http://www.w3.org/2004/02/skos/core#prefLabel"
LABEL_PREDICATES = (SKOS_PREF_LABEL, RDFS_LABEL)
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"

Term = ox.NamedNode | ox.BlankNode | ox.Literal
Subject = ox.NamedNode | ox.BlankNode


def term_key(term: Term) -> tuple:
    """A stable order of terms: IRIs, then literals (by text, language, datatype), blank nodes."""
    if isinstance(term, ox.NamedNode):
        return (0, term.value)
    if isinstance(term, ox.Literal):
        return (1, term.value, term.language or "", term.datatype.value)
    return (2, term.value)


class Descriptions:
    """Every subject's statements, every IRI's incoming links and labels: one pass.

    Args:
        loaded: the graph as loaded; its files' statements are read as parsed
            (:meth:`~dikg.graph.loaded.LoadedGraph.parsed`), so literals keep their forms.

    Attributes:
        out: subject → its (predicate, object) pairs, distinct and sorted.
        incoming: IRI (its value) → (subject IRI, predicate IRI) of the statements pointing to
            it; a statement from a blank node counts as one from the IRI whose description
            holds the blank node.
        labels: IRI → language → its labels (``skos:prefLabel`` first, then ``rdfs:label``).
        prefixes: prefix → namespace, as the files declare them.
    """

    def __init__(self, loaded: LoadedGraph) -> None:
        # one Python object per distinct term: pyoxigraph makes a new one for every access,
        # and at a million statements the copies were most of the site's memory
        terms: dict[Term, Term] = {}
        pairs: dict[Subject, set[tuple[ox.NamedNode, Term]]] = defaultdict(set)
        for name in loaded.files:
            for quad in loaded.parsed(name):
                subject = terms.setdefault(quad.subject, quad.subject)
                predicate = terms.setdefault(quad.predicate, quad.predicate)
                obj = terms.setdefault(quad.object, quad.object)
                pairs[subject].add((predicate, obj))  # type: ignore[index, arg-type]
        del terms
        self.out: dict[Subject, list[tuple[ox.NamedNode, Term]]] = {
            subject: sorted(found, key=lambda po: (po[0].value, term_key(po[1])))
            for subject, found in pairs.items()
        }
        del pairs
        self.prefixes: dict[str, str] = dict(loaded.prefixes)
        self._curies: dict[str, str] = {}  # every link names its target: look each up once
        self.labels: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        owner = self._owners()
        values: dict[ox.NamedNode, str] = {}  # IRIs' values, one str each (as terms above)
        incoming: dict[str, set[tuple[str, str]]] = defaultdict(set)
        for subject, statements in self.out.items():
            source = subject.value if isinstance(subject, ox.NamedNode) else owner.get(subject)
            for predicate, obj in statements:
                if isinstance(obj, ox.NamedNode) and source is not None and source != obj.value:
                    link = (source, values.setdefault(predicate, predicate.value))
                    incoming[values.setdefault(obj, obj.value)].add(link)
                elif (
                    isinstance(obj, ox.Literal)
                    and isinstance(subject, ox.NamedNode)
                    and predicate.value in LABEL_PREDICATES
                ):
                    self.labels[subject.value][obj.language or ""].append(obj.value)
        self.incoming = {iri: sorted(found) for iri, found in incoming.items()}
        for by_language in self.labels.values():
            for texts in by_language.values():
                texts.sort()

    def _owners(self) -> dict[ox.BlankNode, str]:
        """For each blank node, the IRI whose description holds it (the first in IRI order)."""
        owner: dict[ox.BlankNode, str] = {}
        for subject in sorted((s for s in self.out if isinstance(s, ox.NamedNode)), key=str):
            todo = [o for _, o in self.out[subject] if isinstance(o, ox.BlankNode)]
            while todo:
                node = todo.pop()
                if node in owner:
                    continue
                owner[node] = subject.value
                todo += [o for _, o in self.out.get(node, ()) if isinstance(o, ox.BlankNode)]
        return owner

    @cached_property
    def iris(self) -> list[str]:
        """Every IRI that is the subject of a statement, sorted."""
        return sorted(s.value for s in self.out if isinstance(s, ox.NamedNode))

    def types(self, iri: str) -> list[str]:
        """The classes of ``iri`` (its ``rdf:type`` values), sorted."""
        return [
            o.value
            for p, o in self.out.get(ox.NamedNode(iri), ())
            if p.value == RDF_TYPE and isinstance(o, ox.NamedNode)
        ]

    def label(self, iri: str, lang: str) -> str | None:
        """The label of ``iri`` in ``lang``, else in any language (English first), else None."""
        found = self.tagged_label(iri, lang)
        return None if found is None else found[0]

    def tagged_label(self, iri: str, lang: str) -> tuple[str, str] | None:
        """:meth:`label` with its language tag (``""`` if it has none)."""
        by_language = self.labels.get(iri)
        if not by_language:
            return None
        for language in (lang, "en", "nl", "", *sorted(by_language)):
            if by_language.get(language):
                return by_language[language][0], language
        return None

    def curie(self, iri: str) -> str:
        """``prefix:local`` if a declared prefix covers ``iri``, else the IRI."""
        if iri not in self._curies:
            self._curies[iri] = prefixed_name(iri, self.prefixes, empty_local=False) or iri
        return self._curies[iri]

    def name(self, iri: str, lang: str) -> str:
        """What a link to ``iri`` says: its label in ``lang``, else its prefixed name."""
        return self.label(iri, lang) or self.curie(iri)

    def content_key(self, node: ox.BlankNode, depth: int = 0) -> str:
        """A blank node's statements as text, nested blank nodes by their content.

        Blank-node labels differ from run to run, so where blank nodes are listed (a page
        shows them in place) they are ordered by this instead.
        """
        if depth > 8:
            return ""
        parts = []
        for predicate, obj in self.out.get(node, ()):
            shown = (
                "[" + self.content_key(obj, depth + 1) + "]"
                if isinstance(obj, ox.BlankNode)
                else str(obj)
            )
            parts.append(f"{predicate} {shown}")
        return " ; ".join(sorted(parts))

    def cbd(self, subject: Subject) -> list[ox.Triple]:
        """The Concise Bounded Description of ``subject`` (see the module), in a stable order."""
        triples: list[ox.Triple] = []
        todo, done = [subject], set()
        while todo:
            node = todo.pop(0)
            if node in done:
                continue
            done.add(node)
            for predicate, obj in self.out.get(node, ()):
                triples.append(ox.Triple(node, predicate, obj))
                if isinstance(obj, ox.BlankNode):
                    todo.append(obj)
        return triples

    @cached_property
    def _namespaces(self) -> NamespaceManager:
        # one prefix table for every description's graph: binding prefixes is slow in rdflib
        template = Graph(bind_namespaces="none")
        for prefix, namespace in self.prefixes.items():
            template.bind(prefix, namespace)
        return template.namespace_manager

    def graph(self, triples: Iterable[ox.Triple]) -> Graph:
        """The triples as an rdflib graph with the files' prefixes, added in sorted order.

        With blank nodes it is :func:`dikg.rdf.canonical.canonical_copy` (canonical labels);
        without, the triples are the same in every labelling, and sorting them is enough.
        """
        triples = list(triples)
        graph = Graph(bind_namespaces="none", namespace_manager=self._namespaces)
        if any(isinstance(t.object, ox.BlankNode) for t in triples):
            plain = add_triples(Graph(bind_namespaces="none"), triples)
            for prefix, namespace in self.prefixes.items():
                plain.bind(prefix, namespace)
            return canonical_copy(plain)
        return add_triples(graph, sorted(triples, key=str))


def turtle(graph: Graph) -> bytes:
    """A graph of :meth:`Descriptions.graph` as dikg's canonical Turtle.

    The canonical serializer's ``canon`` step relabels blank nodes (through an N-Triples
    round trip, most of its time). A description without blank nodes needs no relabelling,
    and :meth:`Descriptions.graph` has given one with blank nodes its canonical labels
    already (:func:`~dikg.rdf.canonical.canonical_copy`), so doing it again would change
    nothing: both are written by the same serializer without it, which gives the text of
    :func:`~dikg.rdf.canonical.canonical_turtle` (tests/test_site_pages.py checks).
    """
    text = graph.serialize(format=FORMAT_NAME, canon=False)
    return (text.strip("\n") + "\n").encode("utf-8")


def json_ld(graph: Graph) -> bytes:
    """A canonical graph as JSON-LD, compacted on the files' prefixes (inline context)."""
    return canonical_jsonld(graph, relabel=False)


# JSON keeps these inside strings only, where \\u escapes mean the same characters
_SCRIPT_SAFE = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


def script_json(document: bytes) -> Markup:
    r"""JSON(-LD) text that is safe inside ``<script type="application/ld+json">``.

    ``<``, ``>`` and ``&`` are written as ``\u003c`` etc., so a literal ``</script>`` or
    ``<!--`` in the data cannot end the element (HTML 5.2, §4.12.1.3, restrictions for
    contents of script elements); the JSON parses to the same value.
    """
    data = json.loads(document)
    text = json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False)
    return Markup(text.translate(_SCRIPT_SAFE))
