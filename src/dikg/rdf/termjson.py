"""pyoxigraph terms to and from SPARQL 1.1 Query Results JSON (no rdflib needed).

https://www.w3.org/TR/sparql11-results-json/#select-encode-terms. Showing an answer uses it
without importing rdflib; :func:`dikg.rdf.convert.term_json` converts rdflib terms first.
"""

from __future__ import annotations

import pyoxigraph as ox

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def term_json(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> dict:
    """``{"type": "uri"|"bnode"|"literal", "value": ..., ["xml:lang"|"datatype"]}``."""
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    encoded = {"type": "literal", "value": term.value}
    if term.language:
        encoded["xml:lang"] = term.language
    elif term.datatype.value != XSD_STRING:
        encoded["datatype"] = term.datatype.value
    return encoded


def json_term(binding: dict) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """The term a SPARQL 1.1 Query Results JSON binding encodes (the inverse of term_json).

    Raises:
        ValueError: if the binding is not a term's encoding.
    """
    kind, value = binding.get("type"), binding.get("value")
    if not isinstance(value, str):
        raise ValueError(f"no value in {binding!r}")
    if kind == "uri":
        return ox.NamedNode(value)
    if kind == "bnode":
        return ox.BlankNode(value)
    if kind in ("literal", "typed-literal"):
        if "xml:lang" in binding:
            return ox.Literal(value, language=binding["xml:lang"])
        datatype = binding.get("datatype")
        if datatype and datatype != XSD_STRING:
            return ox.Literal(value, datatype=ox.NamedNode(datatype))
        return ox.Literal(value)
    raise ValueError(f"unsupported term type {kind!r}")
