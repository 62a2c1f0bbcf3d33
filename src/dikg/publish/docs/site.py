"""``dikg docs``: the index page, and writing the whole site (see :mod:`dikg.publish.docs`)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from rdflib import OWL
from rdflib.namespace import DCTERMS

from dikg.errors import InputError
from dikg.publish.docs.model import (
    INDEX_PAGE,
    ONTOLOGY_PAGE,
    STYLESHEET,
    VOCABULARY_DIR,
    DocsResult,
    OntologyTerms,
    SchemePage,
    ontology_iri,
    parse_files,
)
from dikg.publish.docs.ontology import ontology_page
from dikg.publish.docs.parts import title_block, title_literals
from dikg.publish.docs.templates import asset, render_page
from dikg.publish.docs.view import Site, Tagged, tagged
from dikg.publish.docs.vocabulary import locate_concepts, scheme_page, scheme_pages, scheme_turtle
from dikg.rdf.canonical import canonical_copy, canonical_turtle
from dikg.rdf.files import TURTLE_SUFFIX, atomic_write, files_in
from dikg.rdf.parse import merge_graphs
from dikg.root import GraphRoot


@dataclass(frozen=True)
class VocabularyEntry:
    """A vocabulary as the index lists it: its page, titles, size, IRI and Turtle."""

    page: str
    names: tuple[Tagged, ...]
    slug: str
    count: int
    iri: str
    turtle: str


def index_page(
    site: Site,
    schemes: list[SchemePage],
    ttl_name: str,
    sources: str,
    nav: list[tuple[str, str]],
) -> bytes:
    """The index page (``assets/index.html.j2``): the ontology's title and every page."""
    page, graph, ontology = INDEX_PAGE, site.graph, site.ontology
    heading = title_block(site, ontology)
    descriptions = [
        (description.language or "", site.text(str(description), page))
        for description in site.literals(ontology, [DCTERMS.description])
    ]
    rows = [
        *site.row("version", graph.objects(ontology, OWL.versionInfo), page),
        *site.row("version IRI", graph.objects(ontology, OWL.versionIRI), page),
        *site.row("license", graph.objects(ontology, DCTERMS.license), page),
        *site.row("modified", graph.objects(ontology, DCTERMS.modified), page),
    ]
    vocabularies = [
        VocabularyEntry(
            page=scheme.page,
            names=tuple(tagged(t) for t in title_literals(site, scheme.iri)),
            slug=scheme.slug,
            count=len(scheme.concepts),
            iri=str(scheme.iri),
            turtle=f"{VOCABULARY_DIR}/{scheme.slug}.ttl",
        )
        for scheme in schemes
    ]
    return render_page(
        "index.html.j2",
        page,
        nav,
        title=heading.title,
        sources=sources,
        heading=heading,
        descriptions=descriptions,
        iri=str(ontology),
        rows=rows,
        ontology_page=ONTOLOGY_PAGE,
        ttl_name=ttl_name,
        vocabularies=vocabularies,
    )


def build_docs(root: GraphRoot, out: Path) -> DocsResult:
    """Write the HTML documentation of the ontology and the vocabularies into ``out``.

    Every page is rendered in memory before any is written, and each file is written
    atomically. Vocabulary pages left over from schemes that no longer exist are removed.

    Args:
        root: the graph root.
        out: the site directory (created if needed).

    Returns:
        The files written and what they document.

    Raises:
        InputError: if a file cannot be parsed (naming file and line), if ontology/ holds
            no owl:Ontology, or if two schemes would get the same page.
    """
    ontology_files = files_in(root.ontology, TURTLE_SUFFIX)
    if not ontology_files:
        raise InputError(
            f"no Turtle files in {root.ontology}",
            hint="dikg docs documents the ontology in ontology/*.ttl",
        )
    vocabulary_files = files_in(root.data / VOCABULARY_DIR, TURTLE_SUFFIX)
    ontology_parts = parse_files(root, ontology_files)
    vocabularies = parse_files(root, vocabulary_files)
    ontology_graph = merge_graphs(ontology_parts.values())
    vocabulary_graph = merge_graphs(vocabularies.values())
    ontology = ontology_iri(ontology_graph, ontology_files)
    site = Site(merge_graphs([ontology_graph, vocabulary_graph]), ontology)

    terms = OntologyTerms(site, ontology_graph)
    schemes = scheme_pages(site, vocabularies, vocabulary_graph)
    locate_concepts(site, schemes)

    def relative(paths: Iterable[Path]) -> str:
        return ", ".join(p.relative_to(root.path).as_posix() for p in paths)

    nav = [(scheme.page, scheme.slug) for scheme in schemes]
    rendered: dict[str, bytes] = {}
    rendered[STYLESHEET] = asset(STYLESHEET)
    ttl_name = "ontology.ttl"
    if len(ontology_files) == 1:
        rendered[ttl_name] = ontology_files[0].read_bytes()
    else:
        rendered[ttl_name] = canonical_turtle(canonical_copy(ontology_graph)).encode("utf-8")
    rendered[INDEX_PAGE] = index_page(
        site, schemes, ttl_name, relative([*ontology_files, *vocabulary_files]), nav
    )
    rendered[ONTOLOGY_PAGE] = ontology_page(
        site, terms, ontology_graph, ttl_name, relative(ontology_files), nav
    )
    for scheme in schemes:
        rendered[scheme.page] = scheme_page(site, scheme, relative([scheme.source]), nav)
        rendered[f"{VOCABULARY_DIR}/{scheme.slug}.ttl"] = scheme_turtle(site, scheme, vocabularies)

    result = DocsResult(
        out=out,
        classes=len(terms.classes),
        properties=len(terms.properties),
        schemes={s.slug: len(s.concepts) for s in schemes},
    )
    for name, content in rendered.items():
        atomic_write(out / name, content)
        result.files.append(out / name)
    stale_dir = out / VOCABULARY_DIR
    if stale_dir.is_dir():
        for path in sorted(stale_dir.iterdir()):
            if path.suffix in (".html", ".ttl") and f"{VOCABULARY_DIR}/{path.name}" not in rendered:
                path.unlink()
    return result
