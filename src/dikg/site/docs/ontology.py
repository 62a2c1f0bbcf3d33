"""The ontology page: its classes, properties, individuals, external terms and namespaces."""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import OWL, RDFS, Graph, Literal, URIRef

from dikg.site.docs.model import (
    NOTE_ROWS,
    PROPERTY_ROWS,
    OntologyTerms,
    Term,
    named_classes,
)
from dikg.site.docs.parts import Box, box, header_rows, title_block
from dikg.site.docs.view import LABELS, Row, RowSpec, Site
from dikg.site.paths import ONTOLOGY_PAGE, localized, other_language_page
from dikg.site.templates import message, render, term_word


@dataclass(frozen=True)
class ExternalTerm:
    """A term of another vocabulary: one line of the external terms' table, its rows as lines."""

    anchor: str
    iri: str
    curie: str
    kinds: list[str]
    rows: list[Row]


def term_rows(site: Site, term: Term, graph: Graph) -> list[RowSpec]:
    """The rows of an ontology term: notes, axioms, and what refers to it in the ontology."""
    iri = term.iri
    rows: list[RowSpec] = list(NOTE_ROWS)
    if "class" in term.kinds:
        rows.append(("subclass of", RDFS.subClassOf))
        # symmetric axioms (https://www.w3.org/TR/owl2-direct-semantics/): shown from both ends
        rows.append(("equivalent class", both_ways(graph, OWL.equivalentClass, iri)))
        rows.append(("disjoint with", both_ways(graph, OWL.disjointWith, iri)))
        rows.append(("superclass of", named_subjects(graph, RDFS.subClassOf, iri)))
        rows.append(("in the domain of", mentions(graph, RDFS.domain, iri)))
        rows.append(("in the range of", mentions(graph, RDFS.range, iri)))
    if any(kind.endswith("property") for kind in term.kinds):
        rows += PROPERTY_ROWS
        rows.append(("superproperty of", named_subjects(graph, RDFS.subPropertyOf, iri)))
    defined_by = [o for o in graph.objects(iri, RDFS.isDefinedBy) if o != site.ontology]
    return [*rows, ("defined by", defined_by), ("see also", RDFS.seeAlso)]


# predicates that term_rows shows from both ends, so the generic rows must not repeat them
SYMMETRIC = (OWL.equivalentClass, OWL.disjointWith)


def both_ways(graph: Graph, predicate: URIRef, term: URIRef) -> set:
    """The terms linked to ``term`` by a symmetric ``predicate``, in either direction."""
    return {*graph.objects(term, predicate), *graph.subjects(predicate, term)} - {term}


def named_subjects(graph: Graph, predicate: URIRef, obj: URIRef) -> list[URIRef]:
    """The IRIs that have ``obj`` as value of ``predicate``."""
    return [s for s in graph.subjects(predicate, obj) if isinstance(s, URIRef)]


def mentions(graph: Graph, predicate: URIRef, cls: URIRef) -> list[URIRef]:
    """The properties whose domain or range names ``cls``, alone or in a union."""
    return [p for p, e in graph.subject_objects(predicate) if cls in named_classes(graph, e)]


def entity(site: Site, term: Term, page: str, graph: Graph) -> Box:
    """A term's box: heading, IRI, its rows, then its other statements."""
    rows = term_rows(site, term, graph)
    skip = [*LABELS, RDFS.isDefinedBy, *SYMMETRIC]
    return box(site, term.iri, term.anchor, term.kinds, page, rows, skip)


def external_term(site: Site, term: Term, page: str, graph: Graph) -> ExternalTerm:
    """A term of another vocabulary, shown in one line: it is defined at its IRI."""
    rows = term_rows(site, term, graph)
    lines = site.rows(term.iri, page, rows, skip=[RDFS.isDefinedBy, *SYMMETRIC])
    return ExternalTerm(
        term.anchor,
        str(term.iri),
        site.curie(term.iri),
        [term_word(kind, site.lang) for kind in term.kinds],
        lines,
    )


def ontology_page(
    site: Site,
    terms: OntologyTerms,
    graph: Graph,
    ttl_name: str,
    sources: str,
    nav: tuple[tuple[str, str], ...],
) -> bytes:
    """The ontology page in ``site.lang`` as UTF-8 HTML (``templates/ontology.html.j2``)."""
    lang = site.lang
    page = localized(ONTOLOGY_PAGE, lang)
    heading = title_block(site, site.ontology)
    sections = [("metadata", message("metadata", lang), [])]
    groups = []
    for anchor, key, entries in (
        ("classes", "classes", terms.classes),
        ("properties", "properties", terms.properties),
        ("individuals", "other_resources", terms.individuals),
    ):
        if entries:
            name = message(key, lang)
            groups.append((anchor, name, [entity(site, entry, page, graph) for entry in entries]))
            sections.append((anchor, name, [(e.anchor, site.name(e.iri)) for e in entries]))
    external = [external_term(site, term, page, graph) for term in terms.external]
    if external:
        sections.append(("external", message("external_terms", lang), []))
    sections.append(("namespaces", message("namespaces", lang), []))
    return render(
        "ontology.html.j2",
        page=page,
        lang=lang,
        title=heading.title,
        alternate=other_language_page(ONTOLOGY_PAGE, lang),
        nav=nav,
        sources=sources,
        jsonld=site.embedded.get(str(site.ontology)),
        heading=heading,
        ttl_name=ttl_name,
        iri=str(site.ontology),
        header_rows=header_rows(site, site.ontology, page),
        groups=groups,
        external=external,
        namespaces=used_namespaces(site, graph),
        sections=sections,
    )


def used_namespaces(site: Site, graph: Graph) -> list[tuple[str, str]]:
    """The prefixes whose namespaces the ontology uses, and their namespaces."""
    used = {str(t) for triple in graph for t in triple if isinstance(t, URIRef)}
    used |= {str(t.datatype) for t in graph.objects() if isinstance(t, Literal) and t.datatype}
    return [
        (prefix, namespace)
        for prefix, namespace in sorted(site.prefixes.items())
        if any(iri.startswith(namespace) for iri in used)
    ]
