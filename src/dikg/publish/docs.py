"""``dikg docs``: HTML documentation of the ontology and the SKOS vocabularies, from the Turtle.

Everything on the pages comes from ontology/*.ttl and data/vocabularies/*.ttl: labels and
definitions in every language they are given in, class and property axioms, the concept
hierarchy of each scheme. The output is a static site that works from the file system:

* ``index.html``: the ontology's title, version and license, and links to every page;
* ``ontology.html`` and ``ontology.ttl``: the ontology and its Turtle;
* ``vocabularies/<slug>.html`` and ``.ttl``: one page per ``skos:ConceptScheme``;
* ``style.css``: the one stylesheet (no fonts or scripts are fetched from anywhere).

The pages are deterministic: no build time is written, every list is sorted, so two runs on
the same Turtle give byte-identical files. pyLODE was tried and not used: its last release
for Python 3.11 (3.4.1) fails on import, its VocPub profile keeps one value per property (one
language of a label) and orders union members by memory address.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import OWL, RDF, RDFS, SKOS, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, VANN

from dikg.errors import InputError
from dikg.publish.rdfhtml import (
    LABELS,
    TITLES,
    Renderer,
    Row,
    asset,
    attr,
    esc,
    render_page,
    sorted_terms,
    tagged,
    toc,
)
from dikg.rdf.atomic import atomic_write
from dikg.rdf.canonical import canonical_copy
from dikg.rdf.files import TURTLE_SUFFIX, graph_iri, parse_turtle
from dikg.rdf.turtle import canonical_turtle
from dikg.root import GraphRoot

VOCABULARY_DIR = "vocabularies"
ONTOLOGY_PAGE = "ontology.html"
INDEX_PAGE = "index.html"
STYLESHEET = "style.css"
# ids of the pages' sections, which no term's anchor may take
ONTOLOGY_SECTIONS = ("metadata", "classes", "properties", "individuals", "external", "namespaces")
SCHEME_SECTIONS = ("metadata", "hierarchy", "concepts")

CLASS_TYPES = (OWL.Class, RDFS.Class)
PROPERTY_KINDS = {
    OWL.ObjectProperty: "object property",
    OWL.DatatypeProperty: "datatype property",
    OWL.AnnotationProperty: "annotation property",
    RDF.Property: "property",
}
CHARACTERISTICS = {
    OWL.FunctionalProperty: "functional",
    OWL.InverseFunctionalProperty: "inverse functional",
    OWL.TransitiveProperty: "transitive",
    OWL.SymmetricProperty: "symmetric",
    OWL.AsymmetricProperty: "asymmetric",
    OWL.ReflexiveProperty: "reflexive",
    OWL.IrreflexiveProperty: "irreflexive",
}

# (row name, predicate) in the order rows are shown; other predicates follow by CURIE.
NOTE_ROWS = (
    ("alternative label", SKOS.altLabel),
    ("hidden label", SKOS.hiddenLabel),
    ("notation", SKOS.notation),
    ("definition", SKOS.definition),
    ("description", DCTERMS.description),
    ("comment", RDFS.comment),
    ("scope note", SKOS.scopeNote),
    ("example", SKOS.example),
    ("note", SKOS.note),
    ("editorial note", SKOS.editorialNote),
    ("change note", SKOS.changeNote),
    ("history note", SKOS.historyNote),
)
PROPERTY_ROWS = (
    ("domain", RDFS.domain),
    ("range", RDFS.range),
    ("subproperty of", RDFS.subPropertyOf),
    ("inverse of", OWL.inverseOf),
    ("equivalent property", OWL.equivalentProperty),
    ("property chain", OWL.propertyChainAxiom),
)
HEADER_ROWS = (
    ("title", DCTERMS.title),
    ("label", RDFS.label),
    ("preferred label", SKOS.prefLabel),
    ("description", DCTERMS.description),
    ("definition", SKOS.definition),
    ("version", OWL.versionInfo),
    ("version IRI", OWL.versionIRI),
    ("prior version", OWL.priorVersion),
    ("license", DCTERMS.license),
    ("rights", DCTERMS.rights),
    ("creator", DCTERMS.creator),
    ("contributor", DCTERMS.contributor),
    ("publisher", DCTERMS.publisher),
    ("issued", DCTERMS.issued),
    ("modified", DCTERMS.modified),
    ("imports", OWL.imports),
    ("preferred prefix", VANN.preferredNamespacePrefix),
    ("preferred namespace", VANN.preferredNamespaceUri),
)
MAPPING_ROWS = (
    ("exact match", SKOS.exactMatch),
    ("close match", SKOS.closeMatch),
    ("broad match", SKOS.broadMatch),
    ("narrow match", SKOS.narrowMatch),
    ("related match", SKOS.relatedMatch),
)


@dataclass(frozen=True)
class SchemePage:
    """One concept scheme and the page that documents it.

    Attributes:
        iri: the ``skos:ConceptScheme``.
        slug: the page's file name without suffix.
        source: the Turtle file the scheme is stated in.
        concepts: its concepts, sorted by label.
    """

    iri: URIRef
    slug: str
    source: Path
    concepts: tuple[URIRef, ...]

    @property
    def page(self) -> str:
        """The page's path in the site."""
        return f"{VOCABULARY_DIR}/{self.slug}.html"


@dataclass
class DocsResult:
    """What ``dikg docs`` wrote.

    Attributes:
        out: the site directory.
        files: the files written, in the order written.
        classes: the number of classes the ontology defines.
        properties: the number of properties it defines.
        schemes: slug to number of concepts, one entry per vocabulary page.
    """

    out: Path
    files: list[Path] = field(default_factory=list)
    classes: int = 0
    properties: int = 0
    schemes: dict[str, int] = field(default_factory=dict)


def _turtle_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob(f"*{TURTLE_SUFFIX}") if p.is_file())


def _parse(root: GraphRoot, paths: list[Path]) -> dict[Path, Graph]:
    """Parse each file with a base IRI that does not depend on where the root lives."""
    return {path: parse_turtle(path, base=str(graph_iri(root, path))) for path in paths}


def _merge(graphs: Iterable[Graph]) -> Graph:
    merged = Graph(bind_namespaces="core")
    for graph in graphs:
        for prefix, namespace in graph.namespaces():
            merged.bind(prefix, namespace, override=False)
        for triple in graph:
            merged.add(triple)
    return merged


def _slug(iri: str) -> str:
    local = re.split(r"[/#]", iri.rstrip("/#"))[-1]
    return re.sub(r"[^a-z0-9]+", "-", local.lower()).strip("-") or "scheme"


def _unique_anchor(name: str, used: set[str]) -> str:
    """An HTML id made from ``name``, numbered if already in ``used`` (which it joins)."""
    base = re.sub(r"[^A-Za-z0-9_.-]+", "-", name).strip("-") or "term"
    anchor, number = base, 1
    while anchor in used:
        number += 1
        anchor = f"{base}-{number}"
    used.add(anchor)
    return anchor


def _local_name(iri: str) -> str:
    return re.split(r"[/#]", iri.rstrip("/#"))[-1]


def _named(graph: Graph, expression) -> set[URIRef]:
    """The named classes of a domain or range: the class itself or a union's members."""
    if isinstance(expression, URIRef):
        return {expression}
    members = graph.value(expression, OWL.unionOf) if isinstance(expression, BNode) else None
    if members is None:
        return set()
    return {c for member in Collection(graph, members) for c in _named(graph, member)}


# ----- the ontology ----------------------------------------------------------------------


@dataclass
class _Term:
    iri: URIRef
    anchor: str
    kinds: list[str]


def _ontology_iri(graph: Graph, files: list[Path]) -> URIRef:
    found = sorted(s for s in graph.subjects(RDF.type, OWL.Ontology) if isinstance(s, URIRef))
    if not found:
        raise InputError(
            "no owl:Ontology in " + ", ".join(str(f) for f in files),
            hint="the ontology's header resource needs `a owl:Ontology`",
        )
    if len(found) > 1:
        raise InputError(
            "more than one owl:Ontology: " + ", ".join(found),
            path=files[0] if len(files) == 1 else None,
            hint="document one ontology per graph root",
        )
    return found[0]


def _own_namespace(graph: Graph, ontology: URIRef) -> str:
    preferred = graph.value(ontology, VANN.preferredNamespaceUri)
    if preferred is not None:
        return str(preferred)
    text = str(ontology)
    return text if text.endswith(("#", "/")) else text + "#"


class _OntologyTerms:
    """The classes, properties and other resources of the ontology, with their anchors."""

    def __init__(self, site: Renderer, ontology_graph: Graph) -> None:
        graph, ontology = ontology_graph, site.ontology
        namespace = _own_namespace(graph, ontology)

        def own(term: URIRef) -> bool:
            return str(term).startswith(namespace) or (term, RDFS.isDefinedBy, ontology) in graph

        subjects = {s for s in graph.subjects() if isinstance(s, URIRef)} - {ontology}
        self.classes: list[_Term] = []
        self.properties: list[_Term] = []
        self.individuals: list[_Term] = []
        self.external: list[_Term] = []
        used = set(ONTOLOGY_SECTIONS)
        for term in sorted(subjects, key=lambda t: (site.name(t).casefold(), str(t))):
            types = set(graph.objects(term, RDF.type))
            kinds = []
            if types & set(CLASS_TYPES):
                kinds.append("class")
            kinds += [kind for uri, kind in PROPERTY_KINDS.items() if uri in types]
            characteristics = [kind for uri, kind in CHARACTERISTICS.items() if uri in types]
            if characteristics and not any(k.endswith("property") for k in kinds):
                kinds.append("property")
            kinds += characteristics
            if not kinds:
                kinds = [site.curie(t) for t in sorted_terms(types)]
            name = _local_name(term) if own(term) else site.curie(term).replace(":", "_")
            anchor = _unique_anchor(name, used)
            entry = _Term(term, anchor, kinds)
            if not own(term):
                self.external.append(entry)
            elif "class" in kinds:
                self.classes.append(entry)
            elif any(k.endswith("property") for k in kinds):
                self.properties.append(entry)
            else:
                self.individuals.append(entry)
            site.locations[term] = (ONTOLOGY_PAGE, anchor)
        site.locations[ontology] = (ONTOLOGY_PAGE, "")


def _term_rows(site: Renderer, term: _Term, graph: Graph) -> list[Row]:
    """The rows of an ontology term: notes, axioms, and what refers to it in the ontology."""
    iri = term.iri
    rows: list[Row] = list(NOTE_ROWS)
    if "class" in term.kinds:
        rows.append(("subclass of", RDFS.subClassOf))
        # symmetric axioms (https://www.w3.org/TR/owl2-direct-semantics/): shown from both ends
        rows.append(("equivalent class", _both_ways(graph, OWL.equivalentClass, iri)))
        rows.append(("disjoint with", _both_ways(graph, OWL.disjointWith, iri)))
        rows.append(("superclass of", _named_subjects(graph, RDFS.subClassOf, iri)))
        rows.append(("in the domain of", _mentions(graph, RDFS.domain, iri)))
        rows.append(("in the range of", _mentions(graph, RDFS.range, iri)))
    if any(kind.endswith("property") for kind in term.kinds):
        rows += PROPERTY_ROWS
        rows.append(("superproperty of", _named_subjects(graph, RDFS.subPropertyOf, iri)))
    defined_by = [o for o in graph.objects(iri, RDFS.isDefinedBy) if o != site.ontology]
    return [*rows, ("defined by", defined_by), ("see also", RDFS.seeAlso)]


# predicates that _term_rows shows from both ends, so the generic rows must not repeat them
SYMMETRIC = (OWL.equivalentClass, OWL.disjointWith)


def _both_ways(graph: Graph, predicate: URIRef, term: URIRef) -> set:
    return {*graph.objects(term, predicate), *graph.subjects(predicate, term)} - {term}


def _named_subjects(graph: Graph, predicate: URIRef, obj: URIRef) -> list[URIRef]:
    return [s for s in graph.subjects(predicate, obj) if isinstance(s, URIRef)]


def _mentions(graph: Graph, predicate: URIRef, cls: URIRef) -> list[URIRef]:
    """The properties whose domain or range names ``cls``, alone or in a union."""
    return [p for p, e in graph.subject_objects(predicate) if cls in _named(graph, e)]


def _entity(site: Renderer, term: _Term, page: str, graph: Graph) -> str:
    """A term's box: heading, IRI, its rows, then its other statements."""
    rows = _term_rows(site, term, graph)
    skip = [*LABELS, RDFS.isDefinedBy, *SYMMETRIC]
    return _box(site, term.iri, term.anchor, term.kinds, page, rows, skip)


def _external_table(site: Renderer, terms: list[_Term], page: str, graph: Graph) -> str:
    """Terms of other vocabularies, one line each: they are defined at their IRIs."""
    out = [
        '<p class="muted">Terms of other vocabularies that the ontology declares or annotates; '
        "they are defined at their IRIs.</p>\n",
        '<table class="listing">\n<tr><th>term</th><th>kind</th><th>in this ontology</th></tr>\n',
    ]
    for term in terms:
        rows = _term_rows(site, term, graph)
        notes = site.rows(term.iri, page, rows, skip=[RDFS.isDefinedBy, *SYMMETRIC], lines=True)
        out.append(
            f'<tr id="{attr(term.anchor)}"><td><a href="{attr(str(term.iri))}">'
            f"{esc(site.curie(term.iri))}</a></td>"
            f'<td class="kinds">{esc(", ".join(term.kinds))}</td>'
            f"<td>{notes}</td></tr>\n"
        )
    out.append("</table>\n")
    return "".join(out)


def _box(
    site: Renderer,
    subject: URIRef,
    anchor: str,
    kinds: list[str],
    page: str,
    rows: list[Row],
    skip: Iterable[URIRef],
) -> str:
    return (
        f'<section class="entity" id="{attr(anchor)}">\n'
        + site.heading(subject, kinds)
        + '<table class="props">\n'
        + f"<tr><th>IRI</th><td><code>{esc(str(subject))}</code></td></tr>\n"
        + site.rows(subject, page, rows, skip=skip)
        + "</table>\n</section>\n"
    )


def _header_table(site: Renderer, subject: URIRef, page: str) -> str:
    """The metadata of an ontology or concept scheme (top concepts are in the hierarchy)."""
    return (
        '<table class="props">\n'
        + f"<tr><th>IRI</th><td><code>{esc(str(subject))}</code></td></tr>\n"
        + site.rows(subject, page, HEADER_ROWS, skip=[SKOS.hasTopConcept])
        + "</table>\n"
    )


def _download(turtle: str, note: str = "") -> str:
    """The line that offers the page's Turtle for download."""
    extra = f" · {esc(note)}" if note else ""
    return f'<p class="downloads">Turtle: <a href="{attr(turtle)}">{esc(turtle)}</a>{extra}</p>\n'


def _titles(site: Renderer, subject: URIRef) -> list[Literal]:
    """The dcterms:title values of an ontology or scheme, else its labels."""
    return site.literals(subject, TITLES[:1]) or site.literals(subject, TITLES)


def _title_block(site: Renderer, subject: URIRef) -> tuple[str, str]:
    """The page title and its ``<h1>`` (with the title in the other languages below it)."""
    titles = _titles(site, subject)
    if not titles:
        name = site.curie(subject)
        return name, f"<h1>{esc(name)}</h1>\n"
    block = f"<h1>{tagged(titles[0])}</h1>\n"
    others = [t for t in titles[1:] if t.language != titles[0].language]
    if others:
        block += '<p class="subtitle">' + " · ".join(tagged(t) for t in others) + "</p>\n"
    return str(titles[0]), block


def _ontology_page(
    site: Renderer,
    terms: _OntologyTerms,
    graph: Graph,
    ttl_name: str,
    sources: str,
    nav: list[tuple[str, str]],
) -> bytes:
    page = ONTOLOGY_PAGE
    title, block = _title_block(site, site.ontology)
    body = [
        block,
        _download(ttl_name),
    ]
    body.append('<h2 id="metadata">Metadata</h2>\n' + _header_table(site, site.ontology, page))
    sections = [("metadata", "Metadata", [])]
    groups = [
        ("classes", "Classes", terms.classes),
        ("properties", "Properties", terms.properties),
        ("individuals", "Other resources", terms.individuals),
    ]
    for anchor, name, entries in groups:
        if entries:
            body.append(f'<h2 id="{anchor}">{esc(name)}</h2>\n')
            body += [_entity(site, entry, page, graph) for entry in entries]
            sections.append((anchor, name, [(e.anchor, site.name(e.iri)) for e in entries]))
    if terms.external:
        body.append('<h2 id="external">External terms</h2>\n')
        body.append(_external_table(site, terms.external, page, graph))
        sections.append(("external", "External terms", []))
    body.append(_namespaces(site, graph))
    sections.append(("namespaces", "Namespaces", []))
    return render_page(title, page, "".join(body), toc("Contents", sections), nav, sources)


def _namespaces(site: Renderer, graph: Graph) -> str:
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


# ----- the vocabularies ------------------------------------------------------------------


def _schemes(site: Renderer, files: dict[Path, Graph], merged: Graph) -> list[SchemePage]:
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
            slug = _slug(scheme)
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


def _locate_concepts(site: Renderer, schemes: list[SchemePage]) -> None:
    for scheme in schemes:
        site.locations[scheme.iri] = (scheme.page, "")
        used = set(SCHEME_SECTIONS)
        for concept in scheme.concepts:
            if concept in site.locations:  # in several schemes: documented on the first
                continue
            site.locations[concept] = (scheme.page, _unique_anchor(_local_name(concept), used))


def _hierarchy(site: Renderer, scheme: SchemePage) -> str:
    """The concepts as a tree along skos:broader/skos:narrower, top concepts first."""
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

    def tree(nodes: list[URIRef], ancestors: frozenset) -> str:
        items = []
        for node in nodes:
            seen.add(node)
            below = sorted((c for c in children[node] if c not in ancestors), key=order.__getitem__)
            sub = tree(below, ancestors | {node}) if below else ""
            items.append(f"<li>{site.link(node, scheme.page)}{sub}</li>")
        return "<ul>" + "".join(items) + "</ul>"

    out = tree(roots, frozenset())
    rest = [c for c in scheme.concepts if c not in seen]  # only in a cycle of broader links
    if rest:
        out += tree(rest, frozenset())
    return f'<div class="hierarchy">{out}</div>\n'


def _concept_section(site: Renderer, concept: URIRef, scheme: SchemePage) -> str:
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
    return _box(site, concept, anchor, kinds, scheme.page, rows, skip)


def _scheme_page(
    site: Renderer, scheme: SchemePage, sources: str, nav: list[tuple[str, str]]
) -> bytes:
    page = scheme.page
    title, block = _title_block(site, scheme.iri)
    ttl_name = f"{scheme.slug}.ttl"
    body = [
        block,
        _download(ttl_name, f"{len(scheme.concepts)} concepts"),
        '<h2 id="metadata">Metadata</h2>\n' + _header_table(site, scheme.iri, page),
        '<h2 id="hierarchy">Concept hierarchy</h2>\n' + _hierarchy(site, scheme),
        '<h2 id="concepts">Concepts</h2>\n',
    ]
    body += [
        _concept_section(site, c, scheme) for c in scheme.concepts if site.locations[c][0] == page
    ]
    entries = [
        (site.locations[c][1], site.name(c))
        for c in scheme.concepts
        if site.locations[c][0] == page
    ]
    sections = [
        ("metadata", "Metadata", []),
        ("hierarchy", "Concept hierarchy", []),
        ("concepts", "Concepts", entries),
    ]
    return render_page(title, page, "".join(body), toc("Contents", sections), nav, sources)


def _scheme_turtle(site: Renderer, scheme: SchemePage, files: dict[Path, Graph]) -> bytes:
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


# ----- the index and the whole site ------------------------------------------------------


def _index_page(
    site: Renderer,
    schemes: list[SchemePage],
    ttl_name: str,
    sources: str,
    nav: list[tuple[str, str]],
) -> bytes:
    page, graph, ontology = INDEX_PAGE, site.graph, site.ontology
    title, block = _title_block(site, ontology)
    body = [block]
    for description in site.literals(ontology, [DCTERMS.description]):
        language = attr(description.language or "")
        body.append(f'<p lang="{language}">{site.text(str(description), page)}</p>\n')
    body.append('<table class="props">\n')
    body.append(f"<tr><th>IRI</th><td><code>{esc(str(ontology))}</code></td></tr>\n")
    body.append(site.row("version", graph.objects(ontology, OWL.versionInfo), page))
    body.append(site.row("version IRI", graph.objects(ontology, OWL.versionIRI), page))
    body.append(site.row("license", graph.objects(ontology, DCTERMS.license), page))
    body.append(site.row("modified", graph.objects(ontology, DCTERMS.modified), page))
    body.append("</table>\n")
    body.append('<h2 id="ontology">Ontology</h2>\n')
    body.append(
        f'<p><a href="{ONTOLOGY_PAGE}">{esc(title)}</a> · '
        f'<a href="{attr(ttl_name)}">Turtle</a></p>\n'
    )
    body.append('<h2 id="vocabularies">Vocabularies</h2>\n')
    if not schemes:
        body.append('<p class="muted">No concept schemes in data/vocabularies/.</p>\n')
    else:
        body.append(
            '<table class="listing">\n<tr><th>vocabulary</th><th>concepts</th>'
            "<th>IRI</th><th>Turtle</th></tr>\n"
        )
        for scheme in schemes:
            names = " · ".join(tagged(t) for t in _titles(site, scheme.iri))
            turtle = f"{VOCABULARY_DIR}/{scheme.slug}.ttl"
            body.append(
                f'<tr><td><a href="{attr(scheme.page)}">{names or esc(scheme.slug)}</a></td>'
                f"<td>{len(scheme.concepts)}</td><td><code>{esc(str(scheme.iri))}</code></td>"
                f'<td><a href="{attr(turtle)}">{esc(scheme.slug)}.ttl</a></td></tr>\n'
            )
        body.append("</table>\n")
    return render_page(title, page, "".join(body), "", nav, sources)


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
    ontology_files = _turtle_files(root.ontology)
    if not ontology_files:
        raise InputError(
            f"no Turtle files in {root.ontology}",
            hint="dikg docs documents the ontology in ontology/*.ttl",
        )
    vocabulary_files = _turtle_files(root.data / VOCABULARY_DIR)
    ontology_parts = _parse(root, ontology_files)
    vocabularies = _parse(root, vocabulary_files)
    ontology_graph = _merge(ontology_parts.values())
    vocabulary_graph = _merge(vocabularies.values())
    ontology = _ontology_iri(ontology_graph, ontology_files)
    site = Renderer(_merge([ontology_graph, vocabulary_graph]), ontology)

    terms = _OntologyTerms(site, ontology_graph)
    schemes = _schemes(site, vocabularies, vocabulary_graph)
    _locate_concepts(site, schemes)

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
    rendered[INDEX_PAGE] = _index_page(
        site, schemes, ttl_name, relative([*ontology_files, *vocabulary_files]), nav
    )
    rendered[ONTOLOGY_PAGE] = _ontology_page(
        site, terms, ontology_graph, ttl_name, relative(ontology_files), nav
    )
    for scheme in schemes:
        rendered[scheme.page] = _scheme_page(site, scheme, relative([scheme.source]), nav)
        rendered[f"{VOCABULARY_DIR}/{scheme.slug}.ttl"] = _scheme_turtle(site, scheme, vocabularies)

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
