"""The DCAT-AP-NL 3.0 metadata of `dikg publish`: conforms to the official shapes, states facts.

The shapes are Geonovum's DCAT-AP-NL 3.0 files and SEMIC's DCAT-AP 3.0.1 base, read from
$DIKG_DCAT_AP_NL_SHAPES or ../shared/reference/dcat-ap-nl30/ (not shipped with dikg).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from rdflib import RDF, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL

from dikg.release.conformance import check, dangling_property_shapes, load_shapes, shapes_files
from tests.conftest import REPO, dcat_shapes_dir, publish

DCAT = Namespace("http://www.w3.org/ns/dcat#")
SPDX = Namespace("http://spdx.org/rdf/terms#")
ADMS = Namespace("http://www.w3.org/ns/adms#")
DIKG = Namespace("https://w3id.org/dikg/def#")
DATASET = URIRef("https://w3id.org/dikg/id/dataset/dikg")
NL_SHAPE = "http://modellen.geostandaarden.nl/dcat-ap-nl/id/shape/"
SHAPES = dcat_shapes_dir()
needs_shapes = pytest.mark.skipif(
    SHAPES is None,
    reason="the DCAT-AP-NL 3.0 shapes are not here: set DIKG_DCAT_AP_NL_SHAPES to their directory",
)
SHAPE_FILES = [p.name for p in shapes_files(SHAPES)] if SHAPES else []
# Recommended (aanbevolen) properties a release cannot give, and why:
EXPECTED_WARNINGS = {
    # a file download is not served by a data service
    NL_SHAPE + "DistributionShape_accessService_aanbevolen_minCount",
    # the SPARQL distribution has an endpoint, not a file to download
    NL_SHAPE + "DistributionShape_downloadURL_aanbevolen_minCount",
}


@pytest.fixture(scope="module")
def metadata(published: Path) -> Graph:
    return Graph().parse(published / "dcat.ttl", format="turtle")


def test_the_shapes_directory_holds_the_five_official_shacl_files():
    if SHAPES is None:
        pytest.skip("no DCAT-AP-NL shapes")
    assert SHAPE_FILES == [
        "dcat-ap-SHACL.ttl",
        "dcat-ap-nl-SHACL-aanbevolen.ttl",
        "dcat-ap-nl-SHACL-klassebereik-codelijsten.ttl",
        "dcat-ap-nl-SHACL-klassebereik.ttl",
        "dcat-ap-nl-SHACL.ttl",
    ]


@needs_shapes
@pytest.mark.parametrize("shapes_file", SHAPE_FILES)
def test_metadata_has_no_violation_of_each_official_shapes_file(metadata: Graph, shapes_file):
    findings = [f for f in check(metadata, SHAPES) if f.shapes_file == shapes_file]
    assert [str(f) for f in findings if f.severity == "Violation"] == []
    if shapes_file == "dcat-ap-nl-SHACL-aanbevolen.ttl":
        assert {f.shape for f in findings} == EXPECTED_WARNINGS
    else:
        assert findings == []


@needs_shapes
def test_metadata_has_no_violation_of_all_shapes_together(metadata: Graph):
    from pyshacl import validate

    shapes = Graph()
    for name in SHAPE_FILES:
        shapes += load_shapes(SHAPES / name)
    conforms, _, text = validate(
        metadata, shacl_graph=shapes, inference="none", allow_warnings=True
    )
    assert conforms, text


@needs_shapes
def test_the_base_file_has_two_dangling_property_shapes_that_are_dropped():
    dangling = dangling_property_shapes(Graph().parse(SHAPES / "dcat-ap-SHACL.ttl"))
    assert [shape for shape, _ in dangling] == [
        "https://semiceu.github.io/DCAT-AP/releases/3.0.1#dcat:DataServiceShape"
    ] * 2


def violations(graph: Graph) -> set[tuple[str, str, str]]:
    return {
        (f.shapes_file, f.focus, f.shape) for f in check(graph, SHAPES) if f.severity == "Violation"
    }


@needs_shapes
def test_broken_metadata_without_publisher_trips_the_nl_publisher_shape(metadata: Graph):
    broken = Graph() + metadata
    broken.remove((DATASET, DCTERMS.publisher, None))
    assert violations(broken) == {
        ("dcat-ap-nl-SHACL.ttl", str(DATASET), NL_SHAPE + "DatasetShape_publisher_minCount")
    }


@needs_shapes
def test_broken_metadata_with_two_download_urls_trips_the_nl_max_count(metadata: Graph):
    broken = Graph() + metadata
    distribution = URIRef("https://w3id.org/dikg/id/distribution/dikg-ttl")
    broken.add((distribution, DCAT.downloadURL, URIRef("https://example.org/copy.ttl")))
    broken.add((distribution, DCAT.accessURL, URIRef("https://example.org/copy.ttl")))
    assert violations(broken) == {
        (
            "dcat-ap-nl-SHACL.ttl",
            str(distribution),
            NL_SHAPE + "DistributionShape_accessURL_maxCount",
        ),
        (
            "dcat-ap-nl-SHACL.ttl",
            str(distribution),
            NL_SHAPE + "DistributionShape_downloadURL_maxCount",
        ),
    }


@needs_shapes
def test_broken_metadata_with_an_untyped_publisher_trips_the_class_range(metadata: Graph):
    broken = Graph() + metadata
    publisher = metadata.value(DATASET, DCTERMS.publisher)
    broken.remove((publisher, RDF.type, None))
    found = violations(broken)
    assert (
        "dcat-ap-nl-SHACL-klassebereik-codelijsten.ttl",
        "https://w3id.org/dikg/id/service/sparql",
        NL_SHAPE + "DataServiceShape_publisher_class",
    ) in found
    assert {(file, focus) for file, focus, _ in found} >= {
        ("dcat-ap-SHACL.ttl", str(DATASET)),
        ("dcat-ap-SHACL.ttl", "https://w3id.org/dikg/id/catalog/dikg"),
    }


@needs_shapes
def test_publish_refuses_metadata_that_breaks_a_shape_and_does_not_write_it(tmp_path: Path):
    out = tmp_path / "out"
    strict = REPO / "tests" / "fixtures" / "publication" / "strict-shapes"
    # without the site there is no landing page, which these stricter shapes require
    result = publish(out, "--no-site", "--dcat-shapes", strict)
    assert result.returncode == 1, result.stderr
    assert "strict-SHACL.ttl: Violation: https://w3id.org/dikg/id/dataset/dikg" in result.stderr
    assert "DatasetLandingPageRequired_minCount" in result.stderr
    assert not (out / "dcat.ttl").exists()


@needs_shapes
def test_publish_with_the_official_shapes_succeeds(tmp_path: Path, mini_root: Path):
    result = publish(tmp_path / "out", "--dcat-shapes", SHAPES, root=mini_root)
    assert result.returncode == 0, result.stderr
    assert "Violation" not in result.stderr


def test_distributions_state_the_real_size_checksum_and_url(published: Path, metadata: Graph):
    distributions = set(metadata.objects(DATASET, DCAT.distribution))
    downloads = [d for d in distributions if metadata.value(d, DCAT.downloadURL) is not None]
    assert len(downloads) == 10
    for distribution in downloads:
        url = str(metadata.value(distribution, DCAT.downloadURL))
        assert url.startswith("https://w3id.org/dikg/download/dikg.")
        content = (published / url.removeprefix("https://w3id.org/dikg/")).read_bytes()
        assert int(metadata.value(distribution, DCAT.byteSize)) == len(content)
        checksum = metadata.value(distribution, SPDX.checksum)
        assert metadata.value(checksum, SPDX.algorithm) == SPDX.checksumAlgorithm_sha256
        assert (
            str(metadata.value(checksum, SPDX.checksumValue)) == hashlib.sha256(content).hexdigest()
        )


def test_facts_come_from_the_data_and_the_publication_file(metadata: Graph):
    graph = Graph()
    for path in sorted((REPO / "ontology").rglob("*.ttl")) + sorted((REPO / "data").rglob("*.ttl")):
        graph.parse(path, format="turtle")
    years = [
        int(str(value)[:4])
        for prop in (DIKG.startDate, DIKG.endDate, DIKG.deadline, DIKG.referenceDate)
        for value in graph.objects(None, prop)
    ] + [
        int(str(value)[:4])
        for document in graph.subjects(RDF.type, DIKG.Document)
        for value in graph.objects(document, DCTERMS.issued)
    ]
    temporal = metadata.value(DATASET, DCTERMS.temporal)
    assert metadata.value(temporal, DCAT.startDate) == Literal(str(min(years)), datatype=XSD.gYear)
    assert metadata.value(temporal, DCAT.endDate) == Literal(str(max(years)), datatype=XSD.gYear)
    ontology_version = graph.value(URIRef("https://w3id.org/dikg/def"), OWL.versionInfo)
    assert metadata.value(DATASET, DCAT.version) == Literal(str(ontology_version))
    assert metadata.value(DATASET, DCTERMS.issued) == Literal("2026-11-23", datatype=XSD.date)
    assert metadata.value(DATASET, DCTERMS.modified) == Literal("2026-11-30", datatype=XSD.date)
    tooi = URIRef("https://identifier.overheid.nl/tooi/id/ministerie/mnre1034")
    assert metadata.value(DATASET, DCTERMS.publisher) == tooi
    assert metadata.value(DATASET, DCTERMS.creator) == tooi
    service = URIRef("https://w3id.org/dikg/id/service/sparql")
    assert metadata.value(service, DCAT.endpointURL) == URIRef("https://example.org/dikg/sparql")


def test_code_list_values_are_the_official_iris(metadata: Graph):
    authority = "http://publications.europa.eu/resource/authority/"
    assert set(metadata.objects(DATASET, DCAT.theme)) == {
        URIRef(authority + "data-theme/GOVE"),
        URIRef(authority + "data-theme/SOCI"),
    }
    assert metadata.value(DATASET, DCTERMS.accessRights) == URIRef(
        authority + "access-right/PUBLIC"
    )
    assert metadata.value(DATASET, DCTERMS.license) == URIRef(authority + "licence/CC0")
    assert set(metadata.objects(DATASET, DCTERMS.language)) == {
        URIRef(authority + "language/NLD"),
        URIRef(authority + "language/ENG"),
    }
    formats = {
        str(metadata.value(d, DCTERMS["format"]))
        for d in metadata.objects(DATASET, DCAT.distribution)
        if metadata.value(d, DCTERMS["format"]) is not None
    }
    assert formats == {
        authority + "file-type/" + code
        for code in ("RDF_TURTLE", "RDF_N_TRIPLES", "JSON_LD", "RDF_XML", "RDF_TRIG")
    }


def test_jsonld_metadata_is_the_same_graph(published: Path, metadata: Graph):
    from rdflib.compare import isomorphic

    assert isomorphic(Graph().parse(published / "dcat.jsonld", format="json-ld"), metadata)


FOAF = Namespace("http://xmlns.com/foaf/0.1/")
BASE = "https://w3id.org/dikg/"


def test_landing_page_and_documentation_are_pages_of_the_published_site(
    metadata: Graph, published: Path
):
    assert set(metadata.objects(DATASET, DCAT.landingPage)) == {URIRef(BASE)}
    assert set(metadata.objects(DATASET, FOAF.page)) == {URIRef(BASE + "def.html")}
    for page in (URIRef(BASE), URIRef(BASE + "def.html")):
        assert (page, RDF.type, FOAF.Document) in metadata
    assert (published / "index.html").is_file()
    assert (published / "def.html").is_file()


def test_without_the_site_the_metadata_names_no_pages(tmp_path: Path):
    result = publish(tmp_path / "site", "--no-site")
    assert result.returncode == 0, result.stderr
    metadata = Graph().parse(tmp_path / "site" / "dcat.ttl", format="turtle")
    assert not set(metadata.objects(DATASET, DCAT.landingPage))
    assert not set(metadata.objects(DATASET, FOAF.page))
    assert not (tmp_path / "site" / "index.html").exists()
