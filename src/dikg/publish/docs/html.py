"""RDF terms as HTML: labels in every language, links, OWL class expressions, tables.

The building blocks of the pages ``dikg docs`` writes (see :mod:`dikg.publish.docs`). Everything
shown comes from the graph; every list is sorted, so the same graph gives the same HTML.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Iterable
from functools import cache
from importlib import resources

import jinja2
from rdflib import OWL, RDF, RDFS, SKOS, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS

from dikg import __version__
from dikg.terms import prefixed_name

SITE_NAME = "dikg"
GENERATOR = f"dikg {__version__}"
# Order in which values in several languages are listed; the first present gives link texts.
LANGUAGES = ("en", "nl")
LABELS = (RDFS.label, SKOS.prefLabel)
TITLES = (DCTERMS.title, SKOS.prefLabel, RDFS.label)
# A row of a table: (name, predicate) shows the objects of the predicate, (name, values) the values.
Row = tuple[str, "URIRef | Iterable"]

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
# unlike Turtle's, a local name on a page does not start with a digit, and may end with a dot
_CURIE_LOCAL = re.compile(r"[A-Za-z_][\w.-]*")
_IN_TEXT = re.compile(
    r"(?P<iri>https?://[^\s<>\"'()]*[^\s<>\"'().,;:!?])"
    r"|(?<![\w/#.:-])(?P<curie>[A-Za-z][\w-]*:[A-Za-z_][\w-]*)"
)


class Renderer:
    """The graphs being documented, where each resource is documented, and how to show it.

    Args:
        graph: the ontology and every vocabulary merged; it gives labels and prefixes.
        ontology: the ontology's IRI.

    Attributes:
        locations: IRI to (page path in the site, element id) of the resources documented;
            links to them go to their documentation, links to anything else to the IRI.
    """

    def __init__(self, graph: Graph, ontology: URIRef) -> None:
        self.graph = graph
        self.ontology = ontology
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
        """The literal values of ``subject`` for ``predicates``, in language order."""
        values = {o for p in predicates for o in self.graph.objects(subject, p)}
        return sorted((v for v in values if isinstance(v, Literal)), key=_literal_key)

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
            relative = posixpath.relpath(target, posixpath.dirname(page) or ".")
            if relative == posixpath.basename(page) and anchor:
                return f"#{anchor}"
            return f"{relative}#{anchor}" if anchor else relative
        return str(iri)

    def link(self, iri: URIRef, page: str) -> str:
        """An ``<a>`` element for ``iri`` with its label as text and its IRI as tooltip."""
        return (
            f'<a href="{attr(self.href(iri, page))}" title="{attr(str(iri))}">'
            f"{esc(self.name(iri))}</a>"
        )

    def text(self, value: str, page: str) -> str:
        """Escape ``value`` and link the IRIs and documented prefixed names in it."""
        parts, last = [], 0
        for match in _IN_TEXT.finditer(value):
            iri = self._mentioned(match)
            if iri is None:
                continue
            parts.append(esc(value[last : match.start()]))
            shown = esc(match.group(0))
            parts.append(f'<a href="{attr(self.href(iri, page))}">{shown}</a>')
            last = match.end()
        parts.append(esc(value[last:]))
        return "".join(parts)

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

    def value(self, term, page: str, depth: int = 0) -> str:
        """Show one RDF term: a link, a class expression, or a literal with its language."""
        if isinstance(term, Literal):
            return self.literal(term, page)
        if isinstance(term, URIRef):
            return self.link(term, page)
        return self.expression(term, page, depth)

    def literal(self, term: Literal, page: str) -> str:
        """A literal: its text, tagged with its language, or its datatype as a tooltip."""
        shown = self.text(str(term), page)
        if term.language:
            return (
                f'<span lang="{attr(term.language)}">{shown}</span>'
                f'<span class="lang">{esc(term.language)}</span>'
            )
        if term.datatype is not None:
            return f'<span title="{attr(self.curie(term.datatype))}">{shown}</span>'
        return shown

    def expression(self, node: BNode, page: str, depth: int = 0) -> str:
        """An anonymous OWL class expression (https://www.w3.org/TR/owl2-syntax/#Class_Expressions).

        Unions, intersections, complements, enumerations and restrictions are written in the
        Manchester style ("A or B", "p some C"); members of a list keep the list's order.
        Any other blank node is shown as its predicate-value pairs.
        """
        if depth > 8:
            return "…"
        graph = self.graph
        for predicate, word in ((OWL.unionOf, "or"), (OWL.intersectionOf, "and")):
            members = graph.value(node, predicate)
            if members is not None:
                items = [self.value(m, page, depth + 1) for m in Collection(graph, members)]
                return f' <span class="op">{word}</span> '.join(items)
        complement = graph.value(node, OWL.complementOf)
        if complement is not None:
            return f'<span class="op">not</span> {self.value(complement, page, depth + 1)}'
        one_of = graph.value(node, OWL.oneOf)
        if one_of is not None:
            items = [self.value(m, page, depth + 1) for m in Collection(graph, one_of)]
            return "{" + ", ".join(items) + "}"
        on_property = graph.value(node, OWL.onProperty)
        if on_property is not None:
            shown = self.value(on_property, page, depth + 1)
            for predicate, word in RESTRICTIONS:
                for filler in sorted_terms(graph.objects(node, predicate)):
                    shown += (
                        f' <span class="op">{word}</span> {self.value(filler, page, depth + 1)}'
                    )
            qualifier = graph.value(node, OWL.onClass) or graph.value(node, OWL.onDataRange)
            if qualifier is not None:
                shown += " " + self.value(qualifier, page, depth + 1)
            return shown
        if (node, RDF.first, None) in graph:
            items = [self.value(m, page, depth + 1) for m in Collection(graph, node)]
            return "(" + ", ".join(items) + ")"
        pairs = [
            f"{esc(self.curie(p))} {self.value(o, page, depth + 1)}"
            for p, o in sorted(graph.predicate_objects(node), key=_pair_key)
        ]
        return "[ " + " ; ".join(pairs) + " ]"

    # ----- tables ----------------------------------------------------------------------

    def row(self, name: str, values: Iterable, page: str, *, lines: bool = False) -> str:
        """One ``<tr>``, several values as a list; or, with ``lines``, one line of text.

        Empty if there are no values.
        """
        shown = [self.value(v, page) for v in _ordered_values(values)]
        if not shown:
            return ""
        if lines:
            return f'<div><span class="row-name">{esc(name)}:</span> {" · ".join(shown)}</div>'
        if len(shown) == 1:
            cell = shown[0]
        else:
            cell = "<ul>" + "".join(f"<li>{v}</li>" for v in shown) + "</ul>"
        return f"<tr><th>{esc(name)}</th><td>{cell}</td></tr>\n"

    def rows(
        self,
        subject,
        page: str,
        named: Iterable[Row],
        *,
        skip: Iterable[URIRef] = (),
        lines: bool = False,
    ) -> str:
        """The rows of ``subject``: the ``named`` rows in order, then every other statement.

        A named row is (name, predicate), showing the objects of that predicate, or
        (name, values) for values gathered otherwise. Every statement about ``subject``
        is shown once: a predicate that no named row covers, and that is not ``rdf:type``
        or in ``skip``, gets a row named by its prefixed name. With ``lines``, rows are
        lines of text instead of table rows.
        """
        named = list(named)
        covered = {RDF.type, *skip, *(v for _, v in named if isinstance(v, URIRef))}
        out = []
        for name, values in named:
            if isinstance(values, URIRef):
                values = self.graph.objects(subject, values)
            out.append(self.row(name, values, page, lines=lines))
        for predicate in sorted_terms(self.graph.predicates(subject, None)):
            if predicate not in covered:
                objects = self.graph.objects(subject, predicate)
                out.append(self.row(self.curie(predicate), objects, page, lines=lines))
        return "".join(out)

    def heading(self, subject, kinds: list[str]) -> str:
        """An ``<h3>``: the label in the first language, the others beside it, the kinds."""
        labels = self.literals(subject, LABELS)
        if labels:
            first = labels[0]
            rest = [x for x in labels[1:] if str(x) != str(first)]
            shown = tagged(first)
            shown += "".join(f'<span class="other-label">{tagged(x)}</span>' for x in rest)
        else:
            shown = esc(self.curie(subject))
        badges = "".join(f'<span class="kind">{esc(k)}</span>' for k in kinds)
        return f"<h3>{shown}{badges}</h3>\n"


# ----- helpers ---------------------------------------------------------------------------


def esc(value: str) -> str:
    """Escape text for an HTML element's content."""
    return html.escape(value, quote=False)


def attr(value: str) -> str:
    """Escape text for an HTML attribute value (in double quotes)."""
    return html.escape(value, quote=True)


def tagged(label: Literal) -> str:
    """A literal's text in a ``<span lang>`` if it has a language tag."""
    if label.language:
        return f'<span lang="{attr(label.language)}">{esc(str(label))}</span>'
    return esc(str(label))


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


def render_page(
    title: str, page: str, body: str, toc: str, nav: list[tuple[str, str]], sources: str
) -> bytes:
    """Fill the page template (``assets/page.html.j2``).

    Args:
        title: the ``<title>``.
        page: the page's path in the site, for relative links.
        body: the content of ``<main>``.
        toc: the table of contents, or an empty string.
        nav: (page path, text) of the vocabulary pages, linked in the header.
        sources: the Turtle files the page was generated from.

    Returns:
        The page as UTF-8.
    """
    here = posixpath.dirname(page) or "."
    text = (
        _templates()
        .get_template("page.html.j2")
        .render(
            title=title,
            generator=GENERATOR,
            home=posixpath.relpath(".", here),
            site_name=SITE_NAME,
            nav=[(posixpath.relpath(target, here), text) for target, text in nav],
            toc=toc,
            body=body,
            sources=sources,
        )
    )
    return text.encode("utf-8")


@cache
def _templates() -> jinja2.Environment:
    # Escaping is done by esc and attr (html.escape), as everywhere on the pages, not by
    # Jinja's autoescape (markupsafe writes quotes differently); body and toc are HTML already.
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("dikg.publish.docs", "assets"),
        autoescape=False,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    environment.filters["esc"] = esc
    environment.filters["attr"] = attr
    return environment


def asset(name: str) -> bytes:
    """A file of ``dikg/publish/docs/assets`` (the page template, the stylesheet)."""
    return resources.files("dikg.publish.docs").joinpath("assets", name).read_bytes()


def toc(title: str, sections: list[tuple[str, str, list[tuple[str, str]]]]) -> str:
    """A table of contents: (section anchor, section title, [(entry anchor, entry text)])."""
    out = [f'<nav class="toc"><h2>{esc(title)}</h2><ul>']
    for anchor, name, entries in sections:
        out.append(f'<li><a href="#{attr(anchor)}">{esc(name)}</a>')
        if entries:
            out.append("<ul>")
            out += [f'<li><a href="#{attr(a)}">{esc(t)}</a></li>' for a, t in entries]
            out.append("</ul>")
        out.append("</li>")
    out.append("</ul></nav>")
    return "\n".join(out)
