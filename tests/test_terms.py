"""Unit tests of dikg.terms: short names of RDF terms for people."""

from __future__ import annotations

from rdflib import XSD, BNode, Literal, URIRef

from dikg.terms import STANDARD_PREFIXES, Names

EX = "https://example.org/"


def test_standard_prefixes_are_always_known() -> None:
    names = Names({})
    assert names.iri("https://w3id.org/dikg/def#Measure") == "dikg:Measure"
    assert names.iri(STANDARD_PREFIXES["sh"] + "Violation") == "sh:Violation"


def test_longest_namespace_and_first_prefix_of_a_namespace() -> None:
    names = Names({"ex": EX, "exa": EX + "a/", "b": EX + "a/"})
    assert names.iri(EX + "a/x") == "b:x"  # b and exa share a namespace: b sorts first
    assert names.iri(EX + "y") == "ex:y"
    assert names.iri(EX) == f"<{EX}>"  # no empty local names
    assert names.iri(EX + "a b") == f"<{EX}a b>"


def test_terms() -> None:
    names = Names({"ex": EX})
    assert names.term(None) == ""
    assert names.term(URIRef(EX + "x")) == "ex:x"
    assert names.term(BNode("b1")) == "_:b1"
    assert names.term(Literal('say "hi"\n', lang="en")) == '"say \\"hi\\"\\n"@en'
    assert names.term(Literal("5", datatype=XSD.integer)) == '"5"^^xsd:integer'
    assert names.term(Literal("plain", datatype=XSD.string)) == '"plain"'
    assert names.term(Literal("abcdef"), width=4) == '"abc…"'


def test_iris_in_a_message_are_shortened() -> None:
    names = Names({"ex": EX})
    message = f"see {EX}x, and {EX}a b or <https://other.org/z>."
    assert names.text(message) == "see ex:x, and ex:a b or <https://other.org/z>."
