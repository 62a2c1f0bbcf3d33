"""Unit tests of dikg.queries.labels: names for the IRIs of an answer."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from dikg.queries.backend import EmbeddedBackend
from dikg.queries.labels import Labeller, iris_of
from dikg.terms import compact_iri as prefixed_name

EX = "https://example.org/"
RDFS_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
PREF_LABEL = ox.NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel")


@pytest.mark.parametrize(
    ("iri", "expected"),
    [
        (EX + "a/b", "exa:b"),  # the longer namespace wins
        (EX + "c", "ex:c"),
        (EX, "ex:"),  # the namespace itself
        (EX + "a/b c", "<https://example.org/a/b c>"),  # not a local name
        ("urn:x", "<urn:x>"),
    ],
)
def test_prefixed_name(iri: str, expected: str) -> None:
    assert prefixed_name(iri, {"ex": EX, "exa": EX + "a/"}) == expected


def store(*triples: tuple[str, ox.NamedNode, ox.Literal]) -> ox.Store:
    result = ox.Store()
    for subject, predicate, label in triples:
        result.add(ox.Quad(ox.NamedNode(EX + subject), predicate, label, ox.DefaultGraph()))
    return result


def test_label_in_the_language_asked_for_else_the_other() -> None:
    backend = EmbeddedBackend(
        store(
            ("a", RDFS_LABEL, ox.Literal("vrouwen", language="nl")),
            ("a", RDFS_LABEL, ox.Literal("women", language="en")),
            ("b", RDFS_LABEL, ox.Literal("alleen", language="nl")),
        )
    )
    english = Labeller(backend, "en", {"ex": EX})
    assert english.label(EX + "a") == "women"
    assert english.label(EX + "b") == "alleen"
    assert Labeller(backend, "nl", {}).label(EX + "a") == "vrouwen"


def test_preferred_label_before_rdfs_label() -> None:
    backend = EmbeddedBackend(
        store(
            ("a", RDFS_LABEL, ox.Literal("a label", language="en")),
            ("a", PREF_LABEL, ox.Literal("preferred", language="en")),
        )
    )
    assert Labeller(backend, "en", {}).label(EX + "a") == "preferred"


def test_show_every_kind_of_term() -> None:
    labeller = Labeller(EmbeddedBackend(store()), "en", {"ex": EX})
    assert labeller.show(None) == ""
    assert labeller.show(ox.NamedNode(EX + "unlabelled")) == "ex:unlabelled"
    assert labeller.show(ox.BlankNode("b0")) == "_:b0"
    assert labeller.show(ox.Literal("12", datatype=ox.NamedNode(EX + "t"))) == "12"


def test_labels_are_looked_up_once() -> None:
    backend = EmbeddedBackend(store(("a", RDFS_LABEL, ox.Literal("x", language="en"))))
    labeller = Labeller(backend, "en", {})
    labeller.load([EX + "a", EX + "none"])
    backend.store.clear()
    assert labeller.label(EX + "a") == "x"
    assert labeller.label(EX + "none") is None


def test_iris_of() -> None:
    rows = [[ox.NamedNode(EX + "a"), ox.Literal("x"), None], [ox.BlankNode("b"), ox.NamedNode(EX)]]
    assert iris_of(rows) == {EX + "a", EX}
