"""The ontology page: its classes, properties, individuals, external terms and namespaces."""

from __future__ import annotations

from rdflib import OWL, RDFS, Graph, Literal, URIRef

from dikg.publish.docs.html import (
    LABELS,
    Renderer,
    Row,
    attr,
    esc,
    render_page,
    toc,
)
from dikg.publish.docs.model import (
    NOTE_ROWS,
    ONTOLOGY_PAGE,
    PROPERTY_ROWS,
    OntologyTerms,
    Term,
    named_classes,
)
from dikg.publish.docs.parts import box, download, header_table, title_block


def term_rows(site: Renderer, term: Term, graph: Graph) -> list[Row]:
    """The rows of an ontology term: notes, axioms, and what refers to it in the ontology."""
    iri = term.iri
    rows: list[Row] = list(NOTE_ROWS)
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


def entity(site: Renderer, term: Term, page: str, graph: Graph) -> str:
    """A term's box: heading, IRI, its rows, then its other statements."""
    rows = term_rows(site, term, graph)
    skip = [*LABELS, RDFS.isDefinedBy, *SYMMETRIC]
    return box(site, term.iri, term.anchor, term.kinds, page, rows, skip)


def external_table(site: Renderer, terms: list[Term], page: str, graph: Graph) -> str:
    """Terms of other vocabularies, one line each: they are defined at their IRIs."""
    out = [
        '<p class="muted">Terms of other vocabularies that the ontology declares or annotates; '
        "they are defined at their IRIs.</p>\n",
        '<table class="listing">\n<tr><th>term</th><th>kind</th><th>in this ontology</th></tr>\n',
    ]
    for term in terms:
        rows = term_rows(site, term, graph)
        notes = site.rows(term.iri, page, rows, skip=[RDFS.isDefinedBy, *SYMMETRIC], lines=True)
        out.append(
            f'<tr id="{attr(term.anchor)}"><td><a href="{attr(str(term.iri))}">'
            f"{esc(site.curie(term.iri))}</a></td>"
            f'<td class="kinds">{esc(", ".join(term.kinds))}</td>'
            f"<td>{notes}</td></tr>\n"
        )
    out.append("</table>\n")
    return "".join(out)


def ontology_page(
    site: Renderer,
    terms: OntologyTerms,
    graph: Graph,
    ttl_name: str,
    sources: str,
    nav: list[tuple[str, str]],
) -> bytes:
    """The ontology page as UTF-8 HTML."""
    page = ONTOLOGY_PAGE
    title, block = title_block(site, site.ontology)
    body = [
        block,
        download(ttl_name),
    ]
    body.append('<h2 id="metadata">Metadata</h2>\n' + header_table(site, site.ontology, page))
    sections = [("metadata", "Metadata", [])]
    groups = [
        ("classes", "Classes", terms.classes),
        ("properties", "Properties", terms.properties),
        ("individuals", "Other resources", terms.individuals),
    ]
    for anchor, name, entries in groups:
        if entries:
            body.append(f'<h2 id="{anchor}">{esc(name)}</h2>\n')
            body += [entity(site, entry, page, graph) for entry in entries]
            sections.append((anchor, name, [(e.anchor, site.name(e.iri)) for e in entries]))
    if terms.external:
        body.append('<h2 id="external">External terms</h2>\n')
        body.append(external_table(site, terms.external, page, graph))
        sections.append(("external", "External terms", []))
    body.append(namespaces_section(site, graph))
    sections.append(("namespaces", "Namespaces", []))
    return render_page(title, page, "".join(body), toc("Contents", sections), nav, sources)


def namespaces_section(site: Renderer, graph: Graph) -> str:
    """The table of the prefixes whose namespaces the ontology uses."""
    used = {str(t) for triple in graph for t in triple if isinstance(t, URIRef)}
    used |= {str(t.datatype) for t in graph.objects() if isinstance(t, Literal) and t.datatype}
    rows = [
        f"<tr><th>{esc(prefix)}</th><td><code>{esc(namespace)}</code></td></tr>\n"
        for prefix, namespace in sorted(site.prefixes.items())
        if any(iri.startswith(namespace) for iri in used)
    ]
    return (
        '<h2 id="namespaces">Namespaces</h2>\n<table class="props">\n'
        + "".join(rows)
        + "</table>\n"
    )
