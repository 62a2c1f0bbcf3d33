"""RDF terms as the templates show them: labels in every language, links, OWL class expressions.

The building blocks of the pages ``dikg docs`` writes (see :mod:`dikg.site.docs`). Python
decides what a page shows and in which order (:class:`Site` turns RDF terms into the values
below); the templates in ``assets/`` decide how, and escape every text they are given. Every
list is sorted, so the same graph gives the same page.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass

from rdflib import OWL, RDF, RDFS, SKOS, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS

from dikg.site.paths import DEFAULT_LANGUAGE, localized
from dikg.site.templates import term_word
from dikg.terms import prefixed_name

# Order in which values in several languages are listed; the first present gives link texts.
LANGUAGES = ("en", "nl")
LABELS = (RDFS.label, SKOS.prefLabel)
TITLES = (DCTERMS.title, SKOS.prefLabel, RDFS.label)
# A row of a table: (name, predicate) shows the objects of the predicate, (name, values) the values.
RowSpec = tuple[str, "URIRef | Iterable"]

RESTRICTIONS = (
    (OWL.someValuesFrom, "some"),
    (OWL.allValuesFrom, "only"),
    (OWL.hasValue, "value"),
    (OWL.minCardinality, "min"),
    (OWL.maxCardinality, "max"),
    (OWL.cardinality, "exactly"),
    (OWL.minQualifiedCardinality, "min"),
    (OWL.maxQualifiedCardinality, "max"),
    (OWL.qualifiedCardinality, "exactly"),
)
# how deep a class expression is shown before "…"
MAX_DEPTH = 8
# unlike Turtle's, a local name on a page does not start with a digit, and may end with a dot
_CURIE_LOCAL = re.compile(r"[A-Za-z_][\w.-]*")
_IN_TEXT = re.compile(
    r"(?P<iri>https?://[^\s<>\"'()]*[^\s<>\"'().,;:!?])"
    r"|(?<![\w/#.:-])(?P<curie>[A-Za-z][\w-]*:[A-Za-z_][\w-]*)"
)


# ----- what the templates show (assets/parts.html.j2 shows each kind) ---------------------


@dataclass(frozen=True)
class Link:
    """A link to a resource: its documentation if documented here, else its IRI.

    Attributes:
        href: the link target, relative to the page.
        text: the link text.
        title: the tooltip (the IRI), or '' for a link inside a text.
        language: the text's language where it differs from the page's, else ''.
    """

    href: str
    text: str
    title: str = ""
    language: str = ""
    kind = "link"


@dataclass(frozen=True)
class Text:
    """A text with the IRIs and documented prefixed names in it linked: strings and links."""

    parts: tuple[str | Link, ...]
    kind = "text"


@dataclass(frozen=True)
class LiteralValue:
    """A literal: its text with its language tag, or its datatype as a tooltip."""

    text: Text
    language: str = ""
    datatype: str = ""
    kind = "literal"


@dataclass(frozen=True)
class Tagged:
    """A label, in a ``lang`` span if it has a language tag."""

    text: str
    language: str = ""


@dataclass(frozen=True)
class Expression:
    """An anonymous OWL class expression or other blank node, in the Manchester style.

    Attributes:
        kind: ``join`` (members joined by ``word``), ``not``, ``one-of``, ``list``,
            ``restriction`` (``items[0]`` the property, then ``fillers``, then the
            ``qualifier``), ``pairs`` (predicate names and values) or ``deep`` (nested too deep).
        items: the member values.
        word: the operator of a ``join``.
        fillers: (operator, value) of a restriction.
        qualifier: the class or data range of a qualified restriction, or None.
        pairs: (prefixed name of the predicate, value) of another blank node.
    """

    kind: str
    items: tuple = ()
    word: str = ""
    fillers: tuple = ()
    qualifier: object = None
    pairs: tuple = ()


@dataclass(frozen=True)
class Row:
    """A row of a table (or a line, in a list of lines): a name and at least one value."""

    name: str
    values: tuple


@dataclass(frozen=True)
class Heading:
    """A term's heading: its labels (the first language first), else its name; its kinds."""

    labels: tuple[Tagged, ...]
    name: str
    kinds: tuple[str, ...]


# ----- the site ----------------------------------------------------------------------------


class Site:
    """The graphs being documented, where each resource is documented, and how to show it.

    Args:
        graph: the ontology and every vocabulary merged; it gives labels and prefixes.
        ontology: the ontology's IRI.

    Attributes:
        locations: IRI to (English page path in the site, element id) of the resources
            documented; links to them go to their documentation (in :attr:`lang`), links to
            anything else to the IRI.
        lang: the language of the pages being rendered.
    """

    def __init__(self, graph: Graph, ontology: URIRef) -> None:
        self.graph = graph
        self.ontology = ontology
        self.lang = DEFAULT_LANGUAGE
        # IRI → JSON-LD to embed in the page that documents it (set by the site's writer)
        self.embedded: dict[str, object] = {}
        self.locations: dict[URIRef, tuple[str, str]] = {}
        namespaces = {}
        for prefix, namespace in graph.namespaces():
            if prefix and str(namespace) not in namespaces:
                namespaces[str(namespace)] = prefix
        self.prefixes = {prefix: namespace for namespace, prefix in namespaces.items()}

    # ----- names and links -------------------------------------------------------------

    def curie(self, iri: URIRef) -> str:
        """The prefixed name of ``iri`` if a prefix of the Turtle covers it, else the IRI."""
        text = str(iri)
        return prefixed_name(text, self.prefixes, empty_local=False, local=_CURIE_LOCAL) or text

    def literals(self, subject, predicates: Iterable[URIRef]) -> list[Literal]:
        """The literal values of ``subject`` for ``predicates``: the page's language first."""
        values = {o for p in predicates for o in self.graph.objects(subject, p)}
        found = sorted((v for v in values if isinstance(v, Literal)), key=_literal_key)
        # the page's own language first
        return sorted(found, key=lambda v: v.language != self.lang)

    def label(self, subject, predicates: Iterable[URIRef] = LABELS) -> str | None:
        """The label shown for ``subject``: the first in :data:`LANGUAGES` order, if any."""
        found = self.literals(subject, predicates)
        return str(found[0]) if found else None

    def name(self, subject) -> str:
        """A label, else the prefixed name, else the IRI."""
        return self.label(subject) or self.label(subject, TITLES) or self.curie(subject)

    def href(self, iri: URIRef, page: str) -> str:
        """The link to ``iri`` from ``page``: to its documentation if here, else the IRI."""
        if iri in self.locations:
            target, anchor = self.locations[iri]
            target = localized(target, self.lang)
            relative = posixpath.relpath(target, posixpath.dirname(page) or ".")
            if relative == posixpath.basename(page) and anchor:
                return f"#{anchor}"
            return f"{relative}#{anchor}" if anchor else relative
        return str(iri)

    def link(self, iri: URIRef, page: str) -> Link:
        """A link to ``iri`` with its label as text and its IRI as tooltip."""
        return Link(self.href(iri, page), self.name(iri), str(iri))

    def text(self, value: str, page: str) -> Text:
        """``value`` with the IRIs and documented prefixed names in it as links."""
        parts: list[str | Link] = []
        last = 0
        for match in _IN_TEXT.finditer(value):
            iri = self._mentioned(match)
            if iri is None:
                continue
            parts.append(value[last : match.start()])
            parts.append(Link(self.href(iri, page), match.group(0)))
            last = match.end()
        parts.append(value[last:])
        return Text(tuple(parts))

    def _mentioned(self, match: re.Match) -> URIRef | None:
        if match.group("iri"):
            return URIRef(match.group("iri"))
        prefix, local = match.group("curie").split(":", 1)
        namespace = self.prefixes.get(prefix)
        if namespace is None:
            return None
        iri = URIRef(namespace + local)
        return iri if iri in self.locations else None

    # ----- values ----------------------------------------------------------------------

    def value(self, term, page: str, depth: int = 0):
        """One RDF term as shown: a link, a class expression, or a literal."""
        if isinstance(term, Literal):
            return self.literal(term, page)
        if isinstance(term, URIRef):
            return self.link(term, page)
        return self.expression(term, page, depth)

    def literal(self, term: Literal, page: str) -> LiteralValue:
        """A literal: its text, tagged with its language, or its datatype as a tooltip."""
        shown = self.text(str(term), page)
        if term.language:
            return LiteralValue(shown, language=term.language)
        if term.datatype is not None:
            return LiteralValue(shown, datatype=self.curie(term.datatype))
        return LiteralValue(shown)

    def expression(self, node: BNode, page: str, depth: int = 0) -> Expression:
        """An anonymous OWL class expression (https://www.w3.org/TR/owl2-syntax/#Class_Expressions).

        Unions, intersections, complements, enumerations and restrictions are written in the
        Manchester style ("A or B", "p some C"); members of a list keep the list's order.
        Any other blank node is shown as its predicate-value pairs.
        """
        if depth > MAX_DEPTH:
            return Expression("deep")
        graph = self.graph

        def shown(term):
            return self.value(term, page, depth + 1)

        def members(head) -> tuple:
            return tuple(shown(m) for m in Collection(graph, head))

        for predicate, word in ((OWL.unionOf, "or"), (OWL.intersectionOf, "and")):
            head = graph.value(node, predicate)
            if head is not None:
                return Expression("join", members(head), word=word)
        complement = graph.value(node, OWL.complementOf)
        if complement is not None:
            return Expression("not", (shown(complement),))
        one_of = graph.value(node, OWL.oneOf)
        if one_of is not None:
            return Expression("one-of", members(one_of))
        on_property = graph.value(node, OWL.onProperty)
        if on_property is not None:
            fillers = tuple(
                (word, shown(filler))
                for predicate, word in RESTRICTIONS
                for filler in sorted_terms(graph.objects(node, predicate))
            )
            qualifier = graph.value(node, OWL.onClass) or graph.value(node, OWL.onDataRange)
            return Expression(
                "restriction",
                (shown(on_property),),
                fillers=fillers,
                qualifier=None if qualifier is None else shown(qualifier),
            )
        if (node, RDF.first, None) in graph:
            return Expression("list", members(node))
        statements = sorted(graph.predicate_objects(node), key=_pair_key)
        pairs = tuple((self.curie(p), shown(o)) for p, o in statements)
        return Expression("pairs", pairs=pairs)

    # ----- rows ------------------------------------------------------------------------

    def row(self, name: str, values: Iterable, page: str) -> list[Row]:
        """One row of ``values`` (in a stable order), or none if there are no values."""
        shown = tuple(self.value(v, page) for v in _ordered_values(values))
        return [Row(term_word(name, self.lang), shown)] if shown else []

    def rows(
        self, subject, page: str, named: Iterable[RowSpec], *, skip: Iterable[URIRef] = ()
    ) -> list[Row]:
        """The rows of ``subject``: the ``named`` rows in order, then every other statement.

        A named row is (name, predicate), showing the objects of that predicate, or
        (name, values) for values gathered otherwise. Every statement about ``subject``
        is shown once: a predicate that no named row covers, and that is not ``rdf:type``
        or in ``skip``, gets a row named by its prefixed name. Rows without values are left out.
        """
        named = list(named)
        covered = {RDF.type, *skip, *(v for _, v in named if isinstance(v, URIRef))}
        out = []
        for name, values in named:
            if isinstance(values, URIRef):
                values = self.graph.objects(subject, values)
            out += self.row(name, values, page)
        for predicate in sorted_terms(self.graph.predicates(subject, None)):
            if predicate not in covered:
                objects = self.graph.objects(subject, predicate)
                out += self.row(self.curie(predicate), objects, page)
        return out

    def heading(self, subject, kinds: Iterable[str]) -> Heading:
        """A term's heading: the label in the first language, the others beside it, the kinds."""
        labels = self.literals(subject, LABELS)
        if labels:
            first = labels[0]
            labels = [first, *(x for x in labels[1:] if str(x) != str(first))]
        words = tuple(term_word(kind, self.lang) for kind in kinds)
        return Heading(tuple(tagged(x) for x in labels), self.curie(subject), words)


# ----- helpers ---------------------------------------------------------------------------


def tagged(label: Literal) -> Tagged:
    """A literal's text and its language tag."""
    return Tagged(str(label), label.language or "")


def _literal_key(literal: Literal) -> tuple:
    language = literal.language or ""
    rank = LANGUAGES.index(language) if language in LANGUAGES else len(LANGUAGES)
    return (rank, language, str(literal).casefold(), str(literal), str(literal.datatype or ""))


def _term_key(term) -> tuple:
    if isinstance(term, Literal):
        return (1, _literal_key(term))
    return (0 if isinstance(term, URIRef) else 2, (str(term),))


def _pair_key(pair) -> tuple:
    return (str(pair[0]), _term_key(pair[1]))


def _ordered_values(values: Iterable) -> list:
    return sorted(set(values), key=_term_key)


def sorted_terms(terms: Iterable) -> list:
    """Distinct RDF terms in a stable order (IRIs, blank nodes, literals; then by text)."""
    return sorted(set(terms), key=lambda term: (type(term).__name__, str(term)))
