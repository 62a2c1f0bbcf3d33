"""What a resource's page shows: labels, classes, every statement, incoming links and quotes.

Python decides what the page shows and in which order (the values here are those of
:mod:`dikg.site.docs.view`, which ``templates/parts.html.j2`` shows); the template
``templates/resource.html.j2`` decides how, escaping every text.

Links: a resource with a page in the site links to it (relative, in the page's language); a
term of the ontology to its entry on ``def.html``; any other IRI to itself. A literal shows its
text, with its language tag or, unless it is a plain string, its datatype's prefixed name.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import pyoxigraph as ox

from dikg.site.describe import LABEL_PREDICATES, RDF_TYPE, Descriptions
from dikg.site.docs.view import Link, LiteralValue, Tagged, Text
from dikg.site.paths import localized, relative_link
from dikg.terms import DIKG_NS

SOURCE_QUOTE = DIKG_NS + "sourceQuote"
DERIVED_FROM = "http://www.w3.org/ns/prov#wasDerivedFrom"
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
# statements the page shows in a section of their own, not among the properties
OWN_SECTIONS = frozenset({RDF_TYPE, SOURCE_QUOTE, *LABEL_PREDICATES})
# how deep nested blank nodes are shown before "…"
MAX_DEPTH = 6

# (document IRI, quote, lang) → the site path of the quoted sentence (``sources/x.html#s-3``)
QuoteLink = Callable[[list[str], str, str], "str | None"]


@dataclass(frozen=True)
class Row:
    """A property of the resource and its values (a row of the properties' table)."""

    property: Link
    values: tuple


@dataclass(frozen=True)
class Nested:
    """A blank node, shown in place as its own rows."""

    rows: tuple[Row, ...]
    kind = "nested"


@dataclass(frozen=True)
class Incoming:
    """A statement pointing to the resource: who, and with which property."""

    subject: Link
    property: Link


@dataclass(frozen=True)
class Quote:
    """A ``dikg:sourceQuote``: its words, and where they are in the source documents."""

    text: str
    language: str
    documents: tuple[Link, ...]
    sentence: str | None


@dataclass(frozen=True)
class ResourcePage:
    """Everything a resource page shows (``templates/resource.html.j2``)."""

    iri: str
    title: str
    heading: Tagged
    labels: tuple[Tagged, ...]
    classes: tuple[Link, ...]
    rows: tuple[Row, ...]
    incoming: tuple[Incoming, ...]
    quotes: tuple[Quote, ...]


class PageBuilder:
    """Builds the view of one page after another, in one language.

    Args:
        described: the graph, read once.
        targets: IRI → site path (English, maybe with ``#anchor``) of its documentation:
            resource pages, ontology terms on ``def.html``, scheme pages.
        quote_link: where a quote's sentence is (None where no source page has it).
    """

    def __init__(
        self,
        described: Descriptions,
        targets: Mapping[str, str],
        quote_link: QuoteLink | None = None,
    ) -> None:
        self.described = described
        self.targets = targets
        self.quote_link = quote_link
        self.page = ""
        self.lang = "en"

    def href(self, iri: str) -> str:
        """The link to ``iri`` from the current page."""
        target = self.targets.get(iri)
        if target is None:
            return iri
        return relative_link(self.page, localized(target, self.lang))

    def link(self, iri: str) -> Link:
        """A link to ``iri`` with its name in the page's language, its IRI as tooltip.

        A name in another language is marked as such (WCAG 2.1, 3.1.2 Language of Parts).
        """
        found = self.described.tagged_label(iri, self.lang)
        if found is None:
            return Link(self.href(iri), self.described.curie(iri), iri)
        text, language = found
        return Link(self.href(iri), text, iri, language if language != self.lang else "")

    def literal(self, term: ox.Literal) -> LiteralValue:
        """A literal: its text and language, or its datatype unless it is a plain string."""
        text = Text((term.value,))
        if term.language:
            return LiteralValue(text, language=term.language)
        datatype = term.datatype.value
        if datatype in (XSD_STRING, LANG_STRING):
            return LiteralValue(text)
        return LiteralValue(text, datatype=self.described.curie(datatype))

    def value(self, term, depth: int = 0):
        """One object as shown: a link, a literal, or a blank node's own rows."""
        if isinstance(term, ox.NamedNode):
            return self.link(term.value)
        if isinstance(term, ox.Literal):
            return self.literal(term)
        if depth >= MAX_DEPTH:
            return LiteralValue(Text(("…",)))
        return Nested(self.rows(term, depth + 1, skip=frozenset()))

    def rows(self, subject, depth: int = 0, skip: frozenset[str] = OWN_SECTIONS) -> tuple:
        """The statements of ``subject``, one row per property (in IRI order)."""
        grouped: dict[str, list] = {}
        for predicate, obj in self.described.out.get(subject, ()):
            if predicate.value not in skip:
                grouped.setdefault(predicate.value, []).append(obj)
        return tuple(
            Row(self.link(predicate), tuple(self.value(o, depth) for o in self._ordered(objects)))
            for predicate, objects in grouped.items()
        )

    def _ordered(self, objects: list) -> list:
        # blank nodes (last) by their content: their labels change from run to run
        named = [o for o in objects if not isinstance(o, ox.BlankNode)]
        blank = [o for o in objects if isinstance(o, ox.BlankNode)]
        return named + sorted(blank, key=self.described.content_key)

    def quotes(self, subject: ox.NamedNode) -> tuple[Quote, ...]:
        """The resource's quotes, each with the documents it derives from and its sentence."""
        statements = self.described.out.get(subject, ())
        documents = sorted(
            o.value
            for p, o in statements
            if p.value == DERIVED_FROM and isinstance(o, ox.NamedNode)
        )
        shown = []
        for predicate, obj in statements:
            if predicate.value != SOURCE_QUOTE or not isinstance(obj, ox.Literal):
                continue
            sentence = self.quote_link(documents, obj.value, self.lang) if self.quote_link else None
            shown.append(
                Quote(
                    obj.value,
                    obj.language or "",
                    tuple(self.link(d) for d in documents),
                    None if sentence is None else relative_link(self.page, sentence),
                )
            )
        return tuple(shown)

    def build(self, iri: str, page: str, lang: str) -> ResourcePage:
        """The view of ``iri``'s page ``page`` in ``lang``."""
        self.page, self.lang = page, lang
        described = self.described
        subject = ox.NamedNode(iri)
        labels = described.labels.get(iri, {})
        ordered = sorted(labels, key=lambda language: (language != lang, language))
        return ResourcePage(
            iri=iri,
            title=described.name(iri, lang),
            heading=Tagged(*(described.tagged_label(iri, lang) or (described.curie(iri), ""))),
            labels=tuple(
                Tagged(text, language) for language in ordered for text in labels[language]
            ),
            classes=tuple(self.link(cls) for cls in described.types(iri)),
            rows=self.rows(subject),
            incoming=tuple(
                Incoming(self.link(source), self.link(predicate))
                for source, predicate in described.incoming.get(iri, ())
            ),
            quotes=self.quotes(subject),
        )
