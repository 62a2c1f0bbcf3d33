"""What the pages document: the ontology's terms and the concept schemes, with their anchors."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import OWL, RDF, RDFS, SKOS, BNode, Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, VANN

from dikg.errors import InputError
from dikg.graph.loaded import load_graph
from dikg.root import GraphRoot
from dikg.site.docs.view import Site, sorted_terms
from dikg.site.paths import ONTOLOGY_PAGE, scheme_page_path

VOCABULARY_DIR = "vocabularies"


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
        """The page's path in the site (in English; :func:`dikg.site.paths.localized`)."""
        return scheme_page_path(self.slug)

    @property
    def turtle(self) -> str:
        """The path of the Turtle beside the page."""
        return self.page.removesuffix(".html") + ".ttl"


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


def parse_files(root: GraphRoot, paths: list[Path]) -> dict[Path, Graph]:
    """Parse each file with a base IRI that does not depend on where the root lives."""
    loaded = load_graph(root, paths=paths, keep_quads=True)
    return {path: loaded.rdflib_graph(name) for name, path in loaded.files.items()}


def scheme_slug(iri: str) -> str:
    """The file name (without suffix) of a scheme's page: its local name in kebab-case."""
    local = re.split(r"[/#]", iri.rstrip("/#"))[-1]
    return re.sub(r"[^a-z0-9]+", "-", local.lower()).strip("-") or "scheme"


def unique_anchor(name: str, used: set[str]) -> str:
    """An HTML id made from ``name``, numbered if already in ``used`` (which it joins)."""
    base = re.sub(r"[^A-Za-z0-9_.-]+", "-", name).strip("-") or "term"
    anchor, number = base, 1
    while anchor in used:
        number += 1
        anchor = f"{base}-{number}"
    used.add(anchor)
    return anchor


def local_name(iri: str) -> str:
    """The last segment of an IRI (after the last ``/`` or ``#``)."""
    return re.split(r"[/#]", iri.rstrip("/#"))[-1]


def named_classes(graph: Graph, expression) -> set[URIRef]:
    """The named classes of a domain or range: the class itself or a union's members."""
    if isinstance(expression, URIRef):
        return {expression}
    members = graph.value(expression, OWL.unionOf) if isinstance(expression, BNode) else None
    if members is None:
        return set()
    return {c for member in Collection(graph, members) for c in named_classes(graph, member)}


@dataclass
class Term:
    """A term of the ontology, its anchor on the ontology page and what kind of term it is."""

    iri: URIRef
    anchor: str
    kinds: list[str]


def ontology_iri(graph: Graph, files: list[Path]) -> URIRef:
    """The one ``owl:Ontology`` of the graph.

    Raises:
        InputError: if there is none or more than one.
    """
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


def own_namespace(graph: Graph, ontology: URIRef) -> str:
    """The ontology's namespace: ``vann:preferredNamespaceUri``, else its IRI with ``#``."""
    preferred = graph.value(ontology, VANN.preferredNamespaceUri)
    if preferred is not None:
        return str(preferred)
    text = str(ontology)
    return text if text.endswith(("#", "/")) else text + "#"


class OntologyTerms:
    """The classes, properties and other resources of the ontology, with their anchors."""

    def __init__(self, site: Site, ontology_graph: Graph) -> None:
        graph, ontology = ontology_graph, site.ontology
        namespace = own_namespace(graph, ontology)

        def own(term: URIRef) -> bool:
            return str(term).startswith(namespace) or (term, RDFS.isDefinedBy, ontology) in graph

        subjects = {s for s in graph.subjects() if isinstance(s, URIRef)} - {ontology}
        self.classes: list[Term] = []
        self.properties: list[Term] = []
        self.individuals: list[Term] = []
        self.external: list[Term] = []
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
            name = local_name(term) if own(term) else site.curie(term).replace(":", "_")
            anchor = unique_anchor(name, used)
            entry = Term(term, anchor, kinds)
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
