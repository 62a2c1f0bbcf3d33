"""Where the site puts each IRI's page and RDF (dikg.site.paths)."""

from __future__ import annotations

import pytest

from dikg.site.paths import document_path, page_path, rdf_path, relative_link

MEASURE = "https://w3id.org/dikg/id/measure/bzk-mentoring"


def test_instance_iris_mirror_their_path() -> None:
    assert document_path(MEASURE) == "id/measure/bzk-mentoring"
    assert page_path(MEASURE) == "id/measure/bzk-mentoring.html"
    assert page_path(MEASURE, "nl") == "id/measure/bzk-mentoring.nl.html"
    assert rdf_path(MEASURE, "ttl") == "id/measure/bzk-mentoring.ttl"
    assert rdf_path(MEASURE, "jsonld") == "id/measure/bzk-mentoring.jsonld"


def test_hash_iris_share_one_document() -> None:
    term = "https://w3id.org/dikg/def#Measure"
    assert document_path(term) == "def"
    assert page_path(term) == "def.html#Measure"
    assert page_path(term, "nl") == "def.nl.html#Measure"
    assert rdf_path(term, "ttl") == "def.ttl"


@pytest.mark.parametrize(
    "iri",
    [
        "https://identifier.overheid.nl/tooi/id/ministerie/mnre1034",
        "https://w3id.org/dikg/",
        "https://w3id.org/dikg/id/../../etc/passwd",
        "https://w3id.org/dikg/id//x",
        "https://w3id.org/dikg/id/x?y=1",
    ],
)
def test_iris_outside_the_site_have_no_page(iri: str) -> None:
    assert document_path(iri) is None
    assert page_path(iri) is None
    assert rdf_path(iri, "ttl") is None


def test_links_are_relative_to_the_page() -> None:
    assert relative_link("index.html", "id/measure/x.html") == "id/measure/x.html"
    assert relative_link("id/measure/y.html", "id/measure/x.html") == "../../id/measure/x.html"
