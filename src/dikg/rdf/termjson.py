"""A pyoxigraph term as SPARQL 1.1 Query Results JSON encodes it (no rdflib needed).

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
