"""One page per SKOS concept scheme: its header, concept hierarchy and concepts, and its Turtle."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from pathlib import Path

from rdflib import RDF, SKOS, BNode, Graph, URIRef

from dikg.errors import InputError
from dikg.rdf.canonical import canonical_copy, canonical_turtle
from dikg.site.docs.model import (
    MAPPING_ROWS,
    NOTE_ROWS,
    SCHEME_SECTIONS,
    SchemePage,
    local_name,
    scheme_slug,
    unique_anchor,
)
from dikg.site.docs.parts import Box, box, header_rows, title_block
from dikg.site.docs.view import LABELS, Link, Site
from dikg.site.paths import localized, other_language_page
from dikg.site.templates import message, render


@dataclass(frozen=True)
class Branch:
    """A concept in the hierarchy of its scheme, and the concepts below it."""

    link: Link
    below: tuple[Branch, ...]


def scheme_pages(site: Site, files: dict[Path, Graph], merged: Graph) -> list[SchemePage]:
    """Find every concept scheme, its concepts and a unique slug for its page."""
    pages: list[SchemePage] = []
    slugs: dict[str, Path] = {}
    for path, graph in files.items():
        schemes = sorted(
            s for s in graph.subjects(RDF.type, SKOS.ConceptScheme) if isinstance(s, URIRef)
        )
        for scheme in schemes:
            members = set(merged.subjects(SKOS.inScheme, scheme))
            members |= set(merged.subjects(SKOS.topConceptOf, scheme))
            members |= set(merged.objects(scheme, SKOS.hasTopConcept))
            if len(schemes) == 1:  # a concept in the scheme's file that names no scheme
                members |= {
                    c
                    for c in graph.subjects(RDF.type, SKOS.Concept)
                    if (c, SKOS.inScheme, None) not in merged
                    and (c, SKOS.topConceptOf, None) not in merged
                }
            concepts = tuple(
                sorted(
                    (c for c in members if isinstance(c, URIRef)),
                    key=lambda c: (site.name(c).casefold(), str(c)),
                )
            )
            slug = scheme_slug(scheme)
            if slug in slugs:
                raise InputError(
                    f"two concept schemes would share the page {slug}.html "
                    f"(the other is in {slugs[slug]})",
                    path=path,
                    hint="give the schemes IRIs that end differently",
                )
            slugs[slug] = path
            pages.append(SchemePage(scheme, slug, path, concepts))
    return sorted(pages, key=lambda p: p.slug)


def locate_concepts(site: Site, schemes: list[SchemePage]) -> None:
    """Record where each scheme and concept is documented, for links."""
    for scheme in schemes:
        site.locations[scheme.iri] = (scheme.page, "")
        used = set(SCHEME_SECTIONS)
        for concept in scheme.concepts:
            if concept in site.locations:  # in several schemes: documented on the first
                continue
            site.locations[concept] = (scheme.page, unique_anchor(local_name(concept), used))


def hierarchy(site: Site, scheme: SchemePage) -> list[tuple[Branch, ...]]:
    """The concepts as trees along skos:broader/skos:narrower, top concepts first.

    The first tree starts at the top concepts and the concepts without a broader one; a
    second holds the concepts only reachable through a cycle of broader links, if any.
    """
    graph, members = site.graph, set(scheme.concepts)
    order = {c: i for i, c in enumerate(scheme.concepts)}
    children: dict[URIRef, set[URIRef]] = {c: set() for c in members}
    for concept in members:
        for broader in graph.objects(concept, SKOS.broader):
            if broader in members:
                children[broader].add(concept)
        for narrower in graph.objects(concept, SKOS.narrower):
            if narrower in members:
                children[concept].add(narrower)
    has_parent = {c for kids in children.values() for c in kids}
    tops = set(graph.objects(scheme.iri, SKOS.hasTopConcept)) | set(
        graph.subjects(SKOS.topConceptOf, scheme.iri)
    )
    roots = [c for c in scheme.concepts if c in tops or c not in has_parent]
    seen: set[URIRef] = set()

    def tree(nodes: list[URIRef], ancestors: frozenset) -> tuple[Branch, ...]:
        branches = []
        for node in nodes:
            seen.add(node)
            below = sorted((c for c in children[node] if c not in ancestors), key=order.__getitem__)
            branches.append(
                Branch(
                    site.link(node, localized(scheme.page, site.lang)),
                    tree(below, ancestors | {node}),
                )
            )
        return tuple(branches)

    trees = [tree(roots, frozenset())]
    rest = [c for c in scheme.concepts if c not in seen]  # only in a cycle of broader links
    if rest:
        trees.append(tree(rest, frozenset()))
    return trees


def concept_section(site: Site, concept: URIRef, scheme: SchemePage) -> Box:
    """One concept's section on its scheme's page."""
    graph = site.graph
    tops = {*graph.objects(scheme.iri, SKOS.hasTopConcept)}
    tops |= {*graph.subjects(SKOS.topConceptOf, scheme.iri)}
    broader = {*graph.objects(concept, SKOS.broader), *graph.subjects(SKOS.narrower, concept)}
    narrower = {*graph.objects(concept, SKOS.narrower), *graph.subjects(SKOS.broader, concept)}
    related = {*graph.objects(concept, SKOS.related), *graph.subjects(SKOS.related, concept)}
    rows = [
        *NOTE_ROWS,
        ("broader", broader),
        ("narrower", narrower),
        ("related", related),
        *MAPPING_ROWS,
        ("also in scheme", [s for s in graph.objects(concept, SKOS.inScheme) if s != scheme.iri]),
    ]
    skip = [*LABELS, SKOS.broader, SKOS.narrower, SKOS.related, SKOS.inScheme, SKOS.topConceptOf]
    anchor = site.locations[concept][1]
    kinds = ["top concept"] if concept in tops else []
    return box(site, concept, anchor, kinds, localized(scheme.page, site.lang), rows, skip)


def scheme_page(
    site: Site, scheme: SchemePage, sources: str, nav: tuple[tuple[str, str], ...]
) -> bytes:
    """A scheme's page in ``site.lang`` as UTF-8 HTML (``templates/scheme.html.j2``)."""
    lang = site.lang
    page = localized(scheme.page, lang)
    heading = title_block(site, scheme.iri)
    here = [c for c in scheme.concepts if site.locations[c][0] == scheme.page]
    entries = [(site.locations[c][1], site.name(c)) for c in here]
    sections = [
        ("metadata", message("metadata", lang), []),
        ("hierarchy", message("concept_hierarchy", lang), []),
        ("concepts", message("concepts", lang), entries),
    ]
    return render(
        "scheme.html.j2",
        page=page,
        lang=lang,
        title=heading.title,
        alternate=other_language_page(scheme.page, lang),
        nav=nav,
        sources=sources,
        jsonld=site.embedded.get(str(scheme.iri)),
        heading=heading,
        ttl_name=posixpath.basename(scheme.turtle),
        count=len(scheme.concepts),
        iri=str(scheme.iri),
        header_rows=header_rows(site, scheme.iri, page),
        trees=hierarchy(site, scheme),
        concepts=[concept_section(site, c, scheme) for c in here],
        sections=sections,
    )


def scheme_turtle(site: Site, scheme: SchemePage, files: dict[Path, Graph]) -> bytes:
    """The Turtle offered for download beside a scheme's page.

    The scheme's file as it is; or, if the file holds several schemes, the statements about
    this scheme and its concepts (with the blank nodes they use) in canonical Turtle.
    """
    graph = files[scheme.source]
    if len(set(graph.subjects(RDF.type, SKOS.ConceptScheme))) == 1:
        return scheme.source.read_bytes()
    part = Graph(bind_namespaces="none")
    for prefix, namespace in graph.namespaces():
        part.bind(prefix, namespace)
    todo, done = [scheme.iri, *scheme.concepts], set()
    while todo:
        subject = todo.pop()
        if subject in done:
            continue
        done.add(subject)
        for p, o in graph.predicate_objects(subject):
            part.add((subject, p, o))
            if isinstance(o, BNode):
                todo.append(o)
    return canonical_turtle(canonical_copy(part)).encode("utf-8")
