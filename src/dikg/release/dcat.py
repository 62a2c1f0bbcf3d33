"""DCAT-AP-NL 3.0 metadata of a release: catalogue, dataset, distributions, data service.

The static description is Turtle (``metadata/dataset.ttl``, ``metadata/service.ttl``); this
module adds only what a release knows (download URLs, sizes, checksums, dates, version,
temporal coverage computed from the data) and what the publisher states
(:class:`~dikg.release.publication.Publication`). Spec:
https://docs.geostandaarden.nl/dcat/dcat-ap-nl30/ on SEMIC's DCAT-AP 3.0.1
(https://semiceu.github.io/DCAT-AP/releases/3.0.1/).
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib.resources import files

import pyoxigraph as ox
from rdflib import RDF, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF

from dikg.publish.build import DUMP_NAME
from dikg.release.dumps import Dump
from dikg.release.publication import Agent, Publication
from dikg.release.sparql import release_query

# rdflib's DCAT namespace is closed and predates DCAT 3 (dcat:version)
DCAT = Namespace("http://www.w3.org/ns/dcat#")
ADMS = Namespace("http://www.w3.org/ns/adms#")
SPDX = Namespace("http://spdx.org/rdf/terms#")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
GZIP = URIRef("http://www.iana.org/assignments/media-types/application/gzip")
ONTOLOGY = URIRef("https://w3id.org/dikg/def")
CATALOG = URIRef("https://w3id.org/dikg/id/catalog/dikg")
DATASET = URIRef("https://w3id.org/dikg/id/dataset/dikg")
SERVICE = URIRef("https://w3id.org/dikg/id/service/sparql")
DISTRIBUTION = "https://w3id.org/dikg/id/distribution/"
CONTACT = URIRef(f"{DATASET}#contact")
TEMPORAL = URIRef(f"{DATASET}#temporal-coverage")
VOID_NAME = "void.ttl"
# what a gzipped distribution takes over from its plain one in metadata/dataset.ttl
TEMPLATE_PREDICATES = (RDF.type, DCTERMS.format, DCAT.mediaType, DCTERMS.title)
PREFIXES = {
    "adms": ADMS,
    "dcat": DCAT,
    "dct": DCTERMS,
    "foaf": FOAF,
    "spdx": SPDX,
    "vcard": VCARD,
    "xsd": XSD,
    "distribution": Namespace(DISTRIBUTION),
    "data-theme": Namespace("http://publications.europa.eu/resource/authority/data-theme/"),
    "file-type": Namespace("http://publications.europa.eu/resource/authority/file-type/"),
    "language": Namespace("http://publications.europa.eu/resource/authority/language/"),
    "licence": Namespace("http://publications.europa.eu/resource/authority/licence/"),
}


@dataclass(frozen=True)
class ReleaseFacts:
    """What the data says about itself, read with SPARQL (``sparql/*.rq``)."""

    ontology_version: str | None
    first_year: int | None
    last_year: int | None


def release_facts(store: ox.Store) -> ReleaseFacts:
    """Read the ontology's version and the years the data speaks of."""
    version = None
    for row in store.query(release_query("ontology-version"), use_default_graph_as_union=True):
        version = row["version"].value
    start = end = None
    for row in store.query(release_query("temporal-coverage"), use_default_graph_as_union=True):
        if row["start"] is not None:
            start, end = int(row["start"].value), int(row["end"].value)
    return ReleaseFacts(version, start, end)


def template(name: str) -> Graph:
    """Parse one of the Turtle templates in ``metadata/``."""
    graph = Graph(bind_namespaces="core")
    text = files(__package__).joinpath("metadata", name).read_text(encoding="utf-8")
    return graph.parse(data=text, format="turtle")


def distribution_iri(suffix: str, gzipped: bool = False) -> URIRef:
    """The IRI of the distribution of the dump with ``suffix`` (``-gz`` for the gzipped one)."""
    return URIRef(f"{DISTRIBUTION}{DUMP_NAME}-{suffix}{'-gz' if gzipped else ''}")


def _agent(graph: Graph, agent: Agent) -> URIRef:
    iri = URIRef(agent.iri)
    graph.add((iri, RDF.type, FOAF.Agent))
    for lang, name in sorted(agent.names.items()):
        graph.add((iri, FOAF.name, Literal(name, lang=lang)))
    return iri


def _contact(graph: Graph, publication: Publication) -> URIRef:
    contact = publication.contact
    graph.add((CONTACT, RDF.type, VCARD.Kind))
    graph.add((CONTACT, VCARD.fn, Literal(contact.name)))
    if contact.email:
        graph.add((CONTACT, VCARD.hasEmail, URIRef(f"mailto:{contact.email}")))
    if contact.url:
        graph.add((CONTACT, VCARD.hasURL, URIRef(contact.url)))
    return CONTACT


def _distribution(graph: Graph, dump: Dump, base_url: str, gzipped: bool) -> URIRef:
    plain = distribution_iri(dump.suffix)
    if (plain, RDF.type, DCAT.Distribution) not in graph:
        raise ValueError(f"metadata/dataset.ttl describes no distribution {plain}")
    info = dump.gzipped if gzipped else dump.plain
    node = distribution_iri(dump.suffix, gzipped)
    if gzipped:
        for predicate, value in graph.predicate_objects(plain):
            if predicate not in TEMPLATE_PREDICATES:
                continue
            if predicate == DCTERMS.title:
                value = Literal(f"{value} (gzip)", lang=value.language)
            graph.add((node, predicate, value))
        graph.add((node, DCAT.compressFormat, GZIP))
    url = URIRef(base_url + info.relative)
    checksum = URIRef(f"{node}#sha256")
    graph.add((node, DCAT.accessURL, url))
    graph.add((node, DCAT.downloadURL, url))
    graph.add((node, DCAT.byteSize, Literal(str(info.size), datatype=XSD.nonNegativeInteger)))
    graph.add((node, SPDX.checksum, checksum))
    graph.add((checksum, RDF.type, SPDX.Checksum))
    graph.add((checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha256))
    graph.add((checksum, SPDX.checksumValue, Literal(info.sha256, datatype=XSD.hexBinary)))
    for predicate in (DCTERMS.license, DCTERMS.language):
        for value in graph.objects(DATASET, predicate):
            graph.add((node, predicate, value))
    graph.add((node, DCTERMS.conformsTo, ONTOLOGY))
    graph.add((DATASET, DCAT.distribution, node))
    return node


def _endpoint_distribution(graph: Graph, endpoint: str) -> URIRef:
    """The dataset as served by the SPARQL endpoint (described in ``metadata/service.ttl``)."""
    node = URIRef(f"{DISTRIBUTION}{DUMP_NAME}-sparql")
    graph.add((node, DCAT.accessURL, URIRef(endpoint)))
    graph.add((node, DCAT.accessService, SERVICE))
    for predicate in (DCTERMS.license, DCTERMS.language):
        for value in graph.objects(DATASET, predicate):
            graph.add((node, predicate, value))
    graph.add((node, DCTERMS.conformsTo, ONTOLOGY))
    graph.add((DATASET, DCAT.distribution, node))
    return node


@dataclass(frozen=True)
class SitePages:
    """Pages of the site beside the release, as paths relative to the base URL."""

    landing: str  # the dataset's landing page ("" for the base URL itself)
    documentation: str  # the documentation of its ontology


def dcat_graph(
    publication: Publication,
    dumps: list[Dump],
    facts: ReleaseFacts,
    base_url: str,
    version_notes: dict[str, str] | None = None,
    pages: SitePages | None = None,
) -> Graph:
    """The DCAT-AP-NL 3.0 description of a release.

    Args:
        publication: the publisher's statements.
        dumps: the written dumps (sizes and checksums).
        facts: what the data says about itself.
        base_url: the URL the output directory is published under, ending in ``/``.
        version_notes: release notes per language tag (``adms:versionNotes``), if any.
        pages: the site's landing page and documentation, if a site is published with it.

    Returns:
        The metadata graph, prefixes bound.
    """
    graph = template("dataset.ttl")
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    publisher = _agent(graph, publication.publisher)
    creator = _agent(graph, publication.creator)
    contact = _contact(graph, publication)
    issued = Literal(publication.issued.isoformat(), datatype=XSD.date)
    modified = Literal(publication.modified.isoformat(), datatype=XSD.date)
    for node in (CATALOG, DATASET):
        graph.add((node, DCTERMS.publisher, publisher))
        graph.add((node, DCTERMS.creator, creator))
        graph.add((node, DCAT.contactPoint, contact))
        graph.add((node, DCTERMS.issued, issued))
        graph.add((node, DCTERMS.modified, modified))
    version = publication.version or facts.ontology_version
    if version:
        graph.add((DATASET, DCAT.version, Literal(version)))
    for lang, notes in sorted((version_notes or {}).items()):
        graph.add((DATASET, ADMS.versionNotes, Literal(notes, lang=lang)))
    if facts.first_year is not None:
        graph.add((DATASET, DCTERMS.temporal, TEMPORAL))
        graph.add((TEMPORAL, RDF.type, DCTERMS.PeriodOfTime))
        graph.add((TEMPORAL, DCAT.startDate, Literal(str(facts.first_year), datatype=XSD.gYear)))
        graph.add((TEMPORAL, DCAT.endDate, Literal(str(facts.last_year), datatype=XSD.gYear)))
    if pages is not None:
        for predicate, path in (
            (DCAT.landingPage, pages.landing),
            (FOAF.page, pages.documentation),
        ):
            page = URIRef(base_url + path)
            graph.add((DATASET, predicate, page))
            graph.add((page, RDF.type, FOAF.Document))
    for dump in dumps:
        for gzipped in (False, True):
            _distribution(graph, dump, base_url, gzipped)
    if publication.sparql_endpoint:
        graph += template("service.ttl")
        graph.add((SERVICE, DCAT.endpointURL, URIRef(publication.sparql_endpoint)))
        graph.add((SERVICE, DCAT.endpointDescription, URIRef(base_url + VOID_NAME)))
        graph.add((SERVICE, DCTERMS.publisher, publisher))
        graph.add((SERVICE, DCTERMS.creator, creator))
        graph.add((SERVICE, DCAT.contactPoint, contact))
        graph.add((CATALOG, DCAT.service, SERVICE))
        _endpoint_distribution(graph, publication.sparql_endpoint)
    return graph
